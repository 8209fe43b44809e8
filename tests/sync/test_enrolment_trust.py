"""Issue 17, point 3: an enrolment file is trusted only through a fingerprint the station's
person confirms, or the city key the station already holds.

A forged file (the right city id and station, an attacker's keys, signed by the attacker)
must not replace the city's keys; a real change of the city's key needs an explicit,
audited confirmation of the new fingerprint.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from swdesk.city.db import City
from swdesk.city.enroll import enroll_station
from swdesk.cli import main
from swdesk.db import open_station
from swdesk.errors import SwdeskError, ValidationError
from swdesk.model import AuditEntry
from swdesk.model.sync import SyncKey
from swdesk.services import journal
from swdesk.services.actor import Actor
from swdesk.sync import crypto, enrolment

HEAD = Actor("wang", "admin")


def _keys() -> dict[str, str]:
    return {r.name: r.value for r in SyncKey.select()}


def _audit() -> list[tuple[str, dict[str, object]]]:
    return [(e.action, json.loads(e.detail)) for e in AuditEntry.select()
            .where(AuditEntry.action.startswith("sync-")).order_by(AuditEntry.id)]


def _forged(hub: City, path: Path, keys: crypto.KeyPair, station: str = "XM-SM-001") -> Path:
    """What an attacker can write: the city's id and name, its own keys, its own signature."""
    doc, _token = enrolment.make_enrolment(hub.city_id, hub.name, keys, station, "嘉莲街道社工站")
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _fingerprint(hub: City) -> str:
    """What the city officer reads out over the phone (from the hub, not from any file)."""
    return hub.keys.public().fingerprint()


def _enrolled(hub: City, tmp_path: Path) -> dict[str, str]:
    enrol_file = enroll_station(hub, "XM-SM-001", "嘉莲街道社工站", tmp_path / "enrol.json")
    enrolment.enrol(enrol_file, HEAD, _fingerprint(hub))
    return _keys()


# --- a station already enrolled: the pinned city key ------------------------------------------

def test_a_forged_file_does_not_replace_the_pinned_city_key(hub, sdb, tmp_path: Path) -> None:
    before = _enrolled(hub, tmp_path)
    attacker = crypto.KeyPair.generate()
    forged = _forged(hub, tmp_path / "forged.json", attacker)
    audit_before = _audit()
    with pytest.raises(enrolment.ConfirmationNeeded, match="可能是伪造的"):
        enrolment.enrol(forged, HEAD)
    # Claiming the right (city's) fingerprint does not help: it is not the file's.
    with pytest.raises(ValidationError, match="指纹不一致"):
        enrolment.enrol(forged, HEAD, _fingerprint(hub), new_city_key=True)
    assert _keys() == before and _audit() == audit_before
    ident = enrolment.identity()
    assert ident.city_keys == hub.keys.public() and ident.city_keys != attacker.public()


def test_the_same_city_key_with_a_new_token_needs_no_fingerprint(hub, sdb,
                                                                 tmp_path: Path) -> None:
    before = _enrolled(hub, tmp_path)
    again = enroll_station(hub, "XM-SM-001", "嘉莲街道社工站", tmp_path / "again.json")
    enrolment.enrol(again, HEAD)  # e.g. the city enrolled the station again: a new token
    after = _keys()
    assert after["token"] != before["token"]
    assert {k: v for k, v in after.items() if k != "token"} == {
        k: v for k, v in before.items() if k != "token"}
    assert _audit()[-1] == ("sync-enrol", {"city": hub.city_id, "city_name": hub.name,
                                           "again": True, "fingerprint": _fingerprint(hub)})


def test_a_new_city_key_is_taken_only_when_confirmed_and_is_audited(hub, sdb,
                                                                    tmp_path: Path) -> None:
    before = _enrolled(hub, tmp_path)
    new = crypto.KeyPair.generate()  # the city really replaced its keys
    rekeyed = _forged(hub, tmp_path / "rekeyed.json", new)
    new_fp = new.public().fingerprint()
    with pytest.raises(enrolment.ConfirmationNeeded):
        enrolment.enrol(rekeyed, HEAD, new_fp)  # the fingerprint alone: not a key change
    with pytest.raises(enrolment.ConfirmationNeeded):
        enrolment.enrol(rekeyed, HEAD, new_city_key=True)  # nor the intent alone
    assert _keys() == before
    ident = enrolment.enrol(rekeyed, HEAD, new_fp.upper(), new_city_key=True)
    assert ident.city_keys == new.public()
    assert (_keys()["city_sign"], _keys()["city_kem"]) == (new.public().sign, new.public().kem)
    assert _keys()["station_sign"] == before["station_sign"]  # the station's own keys stay
    assert _audit()[-1] == ("sync-city-key", {
        "city": hub.city_id, "city_name": hub.name, "old_fingerprint": _fingerprint(hub),
        "fingerprint": new_fp})
    assert journal.verify_audit_chain() == []


def test_another_city_stays_refused_whatever_is_confirmed(hub, sdb, tmp_path: Path) -> None:
    before = _enrolled(hub, tmp_path)
    other = crypto.KeyPair.generate()
    doc, _t = enrolment.make_enrolment("city-other", "别的平台", other, "XM-SM-001", "嘉莲")
    (tmp_path / "other.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValidationError, match="另一个市级平台"):
        enrolment.enrol(tmp_path / "other.json", HEAD, other.public().fingerprint(), True)
    assert _keys() == before


# --- a station with no city key yet: the person confirms the fingerprint -----------------------

def test_a_first_enrolment_needs_the_confirmed_fingerprint(hub, sdb, tmp_path: Path) -> None:
    enrol_file = enroll_station(hub, "XM-SM-001", "嘉莲街道社工站", tmp_path / "enrol.json")
    with pytest.raises(enrolment.ConfirmationNeeded) as caught:
        enrolment.enrol(enrol_file, HEAD)
    assert caught.value.offer.fingerprint == _fingerprint(hub)
    assert caught.value.offer.city_name == "厦门市民政局"
    assert _fingerprint(hub) in str(caught.value)
    wrong = crypto.KeyPair.generate().public().fingerprint()
    with pytest.raises(ValidationError, match="指纹不一致"):
        enrolment.enrol(enrol_file, HEAD, wrong)
    with pytest.raises(ValidationError, match="不是指纹"):
        enrolment.enrol(enrol_file, HEAD, "1234")
    assert _keys() == {} and _audit() == []  # nothing written, not even the station's keys
    typed = " ".join(_fingerprint(hub).replace("-", "").upper()[i:i + 4] for i in (0, 4, 8, 12))
    assert enrolment.enrol(enrol_file, HEAD, typed).city_keys == hub.keys.public()


def test_a_forged_first_enrolment_is_refused_with_the_citys_fingerprint(
        hub, sdb, tmp_path: Path) -> None:
    forged = _forged(hub, tmp_path / "forged.json", crypto.KeyPair.generate())
    with pytest.raises(ValidationError, match="指纹不一致"):
        enrolment.enrol(forged, HEAD, _fingerprint(hub))
    assert _keys() == {}


@pytest.mark.parametrize(("typed", "expected"), [
    ("1a2b-3c4d-5e6f-7a8b", "1a2b-3c4d-5e6f-7a8b"),
    ("1A2B 3C4D 5E6F 7A8B", "1a2b-3c4d-5e6f-7a8b"),
    (" 1a2b3c4d5e6f7a8b\n", "1a2b-3c4d-5e6f-7a8b"),
    ("１Ａ２Ｂ－３Ｃ４Ｄ－５Ｅ６Ｆ－７Ａ８Ｂ", "1a2b-3c4d-5e6f-7a8b"),  # typed with a Chinese IME
])
def test_fingerprints_are_compared_however_they_were_typed(typed: str, expected: str) -> None:
    assert enrolment.fingerprint_of(typed) == expected


@pytest.mark.parametrize("typed", ["", "1a2b-3c4d-5e6f", "1a2b-3c4d-5e6f-7a8b-9c0d",
                                   "1a2b-3c4d-5e6f-7a8g", "٣a2b-3c4d-5e6f-7a8b"])
def test_what_is_not_a_fingerprint_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="不是指纹"):
        enrolment.fingerprint_of(typed)


# --- malformed files: one clean message, never a traceback -------------------------------------

def _good(hub: City, tmp_path: Path) -> dict[str, object]:
    path = enroll_station(hub, "XM-SM-001", "嘉莲街道社工站", tmp_path / "good.json")
    doc: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return doc


_MUTATIONS = {
    "bad base64 key": lambda d: d["city_keys"].update(sign="!!!not base64!!!"),
    "short key": lambda d: d["city_keys"].update(kem=crypto.b64(b"\x01" * 31)),
    "long key": lambda d: d["city_keys"].update(sign=crypto.b64(b"\x01" * 33)),
    "key a number": lambda d: d["city_keys"].update(sign=12345),
    "city_keys a list": lambda d: d.update(city_keys=["a", "b"]),
    "city_keys a string": lambda d: d.update(city_keys="sign"),
    "no signature": lambda d: d.pop("signature"),
    "signature a number": lambda d: d.update(signature=7),
    "signature not base64": lambda d: d.update(signature="%%%"),
    "token not base64": lambda d: d.update(token="not-base64"),
    "token too short": lambda d: d.update(token=crypto.b64(b"x" * 8)),
    "huge format": lambda d: d.update(format=-(10 ** 400)),
    "format a float": lambda d: d.update(format=1.0),
    "format true": lambda d: d.update(format=True),
    "format zero": lambda d: d.update(format=0),
    "city a number": lambda d: d.update(city=10 ** 300),
    "empty station": lambda d: d.update(station=""),
    "city name with a bidi override": lambda d: d.update(city_name="厦门\u202e局民政市"),
    "city name with NUL": lambda d: d.update(city_name="厦门\x00"),
    "very long city name": lambda d: d.update(city_name="厦" * 5000),
    "not an object": lambda d: d.clear(),
}


@pytest.mark.parametrize("mutation", sorted(_MUTATIONS))
def test_a_malformed_enrolment_file_gets_the_one_clean_message(
        hub, sdb, tmp_path: Path, mutation: str) -> None:
    doc = _good(hub, tmp_path)
    _MUTATIONS[mutation](doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, ensure_ascii=False) if doc else "[1, 2]", encoding="utf-8")
    with pytest.raises(SwdeskError, match="不是有效的登记文件"):
        enrolment.enrol(path, HEAD, _fingerprint(hub))
    assert _keys() == {}


@pytest.mark.parametrize("content", [
    b"\xff\xfe{\"kind\": \"enrolment\"}",  # not UTF-8
    b"[" * 50_000 + b"]" * 50_000,  # nested deeper than the parser goes
    b"{\"kind\": \"enrolment\", \"format\": " + b"9" * 5000 + b"}",  # more digits than int() takes
    b"{\"kind\": \"enrolment\", \"format\": 1, \"x\": \"\\ud800\"}",  # a lone surrogate
    b"",
    b"\x00" * 100,
])
def test_unreadable_bytes_get_the_one_clean_message(hub, sdb, tmp_path: Path,
                                                    content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(SwdeskError, match="不是有效的登记文件"):
        enrolment.enrol(path, HEAD, _fingerprint(hub))
    assert _keys() == {}


def test_a_lone_surrogate_in_a_signed_member_is_refused_cleanly(hub, sdb,
                                                                tmp_path: Path) -> None:
    doc = _good(hub, tmp_path)
    text = json.dumps(doc)[:-1] + ', "note": "\\ud800"}'
    (tmp_path / "bad.json").write_text(text, encoding="utf-8")
    with pytest.raises(SwdeskError, match="不是有效的登记文件"):
        enrolment.enrol(tmp_path / "bad.json", HEAD, _fingerprint(hub))


# --- the command line: --fingerprint, the question on a terminal, --new-city-key ---------------

def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class _Terminal(io.StringIO):
    """A person at a terminal who types ``answer``."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def cli_hub(tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_env: None) -> str:
    hub = str(tmp_path / "hub")
    code, out, err = _run(capsys, "--data-dir", hub, "city", "init")
    assert code == 0, err
    code, out, err = _run(capsys, "--data-dir", hub, "city", "enroll", "--station", "XM-SM-001",
                          "--name", "嘉莲街道社工站", "--out", str(tmp_path / "enrol.json"))
    assert code == 0 and "告诉站点" in out, err
    fingerprints = re.findall(r"\b[0-9a-f]{4}(?:-[0-9a-f]{4}){3}\b", out)
    assert len(fingerprints) == 1  # printed on its own line, for reading out
    return fingerprints[0]


def _station_keys(st: Path) -> dict[str, str]:
    with open_station(st, write=False):
        return _keys()


def test_cli_refuses_without_a_terminal_and_names_the_option(
        tmp_path: Path, capsys, cli_hub: str) -> None:
    st = tmp_path / "st"
    code, _out, err = _run(capsys, "--data-dir", str(st), "init", "--station", "XM-SM-001",
                           "--name", "嘉莲", "--level", "station",
                           "--enrollment", str(tmp_path / "enrol.json"))
    assert code == 1 and "--fingerprint" in err and cli_hub in err and "Traceback" not in err
    assert not (st / "swdesk.db").exists()  # the half-made station is not left behind
    _run(capsys, "--data-dir", str(st), "init", "--station", "XM-SM-001", "--name", "嘉莲",
         "--level", "station")
    code, _out, err = _run(capsys, "--data-dir", str(st), "sync", "enroll",
                           str(tmp_path / "enrol.json"))
    assert code == 1 and "--fingerprint" in err and cli_hub in err
    assert _station_keys(st) == {}


@pytest.mark.parametrize(("answer", "enrolled"), [("y\n", True), ("n\n", False), ("", False)])
def test_cli_asks_on_a_terminal(tmp_path: Path, capsys, monkeypatch, cli_hub: str,
                                answer: str, enrolled: bool) -> None:
    st = tmp_path / "st"
    monkeypatch.setattr(sys, "stdin", _Terminal(answer))
    code, out, err = _run(capsys, "--data-dir", str(st), "init", "--station", "XM-SM-001",
                          "--name", "嘉莲", "--level", "station",
                          "--enrollment", str(tmp_path / "enrol.json"))
    assert "请核对市级平台的指纹" in out and cli_hub in out and "厦门市民政局" in out
    assert (code, (st / "swdesk.db").exists()) == ((0, True) if enrolled else (1, False)), err
    if enrolled:
        assert f"已登记到 厦门市民政局（市级密钥指纹 {cli_hub}）" in out
        assert _station_keys(st)["city_sign"]
    else:
        assert "未登记" in err


def test_cli_refuses_a_forged_file_on_an_enrolled_station(tmp_path: Path, capsys,
                                                          cli_hub: str) -> None:
    st = tmp_path / "st"
    code, out, err = _run(capsys, "--data-dir", str(st), "init", "--station", "XM-SM-001",
                          "--name", "嘉莲", "--level", "station",
                          "--enrollment", str(tmp_path / "enrol.json"), "--fingerprint", cli_hub)
    assert code == 0, err
    before = _station_keys(st)
    doc = json.loads((tmp_path / "enrol.json").read_text(encoding="utf-8"))
    attacker = crypto.KeyPair.generate()
    forged, _token = enrolment.make_enrolment(doc["city"], doc["city_name"], attacker,
                                              "XM-SM-001", "嘉莲")
    (tmp_path / "forged.json").write_text(json.dumps(forged), encoding="utf-8")
    code, _out, err = _run(capsys, "--data-dir", str(st), "sync", "enroll",
                           str(tmp_path / "forged.json"))
    assert code == 1 and "--new-city-key" in err and attacker.public().fingerprint() in err
    code, _out, err = _run(capsys, "--data-dir", str(st), "sync", "enroll",
                           str(tmp_path / "forged.json"), "--new-city-key",
                           "--fingerprint", cli_hub)
    assert code == 1 and "指纹不一致" in err
    assert _station_keys(st) == before
    # The city enrols the station again (a new token, the same key): no fingerprint asked.
    _run(capsys, "--data-dir", str(tmp_path / "hub"), "city", "enroll", "--station",
         "XM-SM-001", "--name", "嘉莲", "--out", str(tmp_path / "again.json"))
    code, out, err = _run(capsys, "--data-dir", str(st), "sync", "enroll",
                          str(tmp_path / "again.json"))
    assert code == 0 and cli_hub in out, err
    # A real new key, confirmed: taken and audited.
    code, out, err = _run(capsys, "--data-dir", str(st), "sync", "enroll",
                          str(tmp_path / "forged.json"), "--new-city-key",
                          "--fingerprint", attacker.public().fingerprint())
    assert code == 0, err
    with open_station(st, write=False):
        assert _keys()["city_sign"] == attacker.public().sign
        assert _audit()[-1][0] == "sync-city-key"


@pytest.mark.parametrize("content", [b"\xff\xfe", b"{\"kind\": \"enrolment\", \"format\": 1}"])
def test_cli_says_a_malformed_file_is_not_an_enrolment_file(
        tmp_path: Path, capsys, cli_env: None, content: bytes) -> None:
    (tmp_path / "bad.json").write_bytes(content)
    code, _out, err = _run(capsys, "--data-dir", str(tmp_path / "st"), "init", "--station",
                           "XM-SM-001", "--name", "嘉莲", "--level", "station",
                           "--enrollment", str(tmp_path / "bad.json"),
                           "--fingerprint", "0000-0000-0000-0000")
    assert code == 1 and "不是有效的登记文件" in err and "Traceback" not in err


def test_cli_asks_for_a_new_city_key_on_a_terminal_showing_both_fingerprints(
        tmp_path: Path, capsys, monkeypatch, cli_hub: str) -> None:
    st = tmp_path / "st"
    assert _run(capsys, "--data-dir", str(st), "init", "--station", "XM-SM-001", "--name",
                "嘉莲", "--level", "station", "--enrollment", str(tmp_path / "enrol.json"),
                "--fingerprint", cli_hub)[0] == 0
    doc = json.loads((tmp_path / "enrol.json").read_text(encoding="utf-8"))
    new = crypto.KeyPair.generate()
    rekeyed, _token = enrolment.make_enrolment(doc["city"], doc["city_name"], new,
                                               "XM-SM-001", "嘉莲")
    (tmp_path / "new.json").write_text(json.dumps(rekeyed), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", _Terminal("y\n"))
    code, out, err = _run(capsys, "--data-dir", str(st), "sync", "enroll",
                          str(tmp_path / "new.json"), "--new-city-key")
    assert code == 0, err
    assert cli_hub in out and new.public().fingerprint() in out and "新的密钥" in out
    with open_station(st, write=False):
        assert _audit()[-1] == ("sync-city-key", {
            "city": doc["city"], "city_name": doc["city_name"], "old_fingerprint": cli_hub,
            "fingerprint": new.public().fingerprint()})


def test_init_takes_the_station_from_the_enrolment_file(tmp_path: Path, capsys,
                                                        cli_hub: str) -> None:
    """``init --enrollment F`` needs no --station, --name or --level: the city's file
    names the station, and a street station is the default level."""
    st = tmp_path / "st"
    code, out, err = _run(capsys, "--data-dir", str(st), "init",
                          "--enrollment", str(tmp_path / "enrol.json"), "--fingerprint", cli_hub)
    assert code == 0, err
    assert "XM-SM-001" in out and "嘉莲街道社工站" in out and cli_hub in out
    from swdesk.services.this_station import current_station

    with open_station(st, write=False):
        here = current_station()
        assert here is not None
        assert (here.code, here.name, here.level) == ("XM-SM-001", "嘉莲街道社工站", "station")
        assert _keys()["city_sign"]


def test_init_without_a_station_or_a_file_says_what_it_needs(tmp_path: Path, capsys,
                                                             cli_env: None) -> None:
    code, out, err = _run(capsys, "--data-dir", str(tmp_path / "st"), "init", "--name", "站")
    assert code == 2 and out == ""
    assert "--station" in err and "--enrollment" in err and "Traceback" not in err
    assert not (tmp_path / "st" / "swdesk.db").exists()
