"""Conflicts settled at the city, and the city's listings in a stable order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from swdesk.city import models as cm
from swdesk.city import returns
from swdesk.city.conflicts import open_conflicts, parse_value, resolve
from swdesk.city.corrections import correct
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.errors import NotFoundError, ValidationError
from swdesk.model import Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, enrolment, export, state
from swdesk.sync.format import open_package
from tests.stations import here


def _up(s, hub, tmp_path: Path):
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    return ingest(hub, pkg.path)


def _down(s, hub, tmp_path: Path):
    ret = write_return(hub, s.code, tmp_path / "ret")
    with s.active():
        return apply.import_return(ret.path)


def _round(s, hub, tmp_path: Path) -> None:
    _up(s, hub, tmp_path)
    _down(s, hub, tmp_path)


def _conflicting_phone(s, hub, tmp_path: Path) -> str:
    """A client whose phone the city and the station changed differently."""
    with s.active():
        uid = crud.create(Client, {"name": "陈阿婆", "phone": "13800001111"}, SYSTEM).uid
    _round(s, hub, tmp_path)
    correct(hub, "client", uid, {"phone": "13700007777"})
    with s.active():
        crud.update(Client, uid, {"phone": "13900002222"}, SYSTEM)
    assert _up(s, hub, tmp_path).counts["conflict"] == 1
    return uid


def _city_phone(hub, uid: str) -> str:
    return hub.db.execute_sql(f'SELECT phone FROM "c_client" WHERE uid = {hub.db.param}',
                              (uid,)).fetchone()[0]


def _settles(s, hub, tmp_path: Path, uid: str, phone: str) -> None:
    """After the next rounds both sides hold ``phone`` and nothing is open anywhere."""
    for _ in range(2):
        _round(s, hub, tmp_path)
        with s.active():
            assert Client.get(Client.uid == uid).phone == phone
            assert not state.open_conflicts().exists()
    assert _city_phone(hub, uid) == phone
    with s.active():
        assert state.status().all_acknowledged
        assert state.sync_state_of("client", [uid]) == {uid: "acked"}
    assert not open_conflicts()
    assert cm.CityRowState.get(cm.CityRowState.uid == uid).diverged is None


@pytest.mark.parametrize(("keep", "phone"), [("city", "13700007777"),
                                             ("station", "13900002222"),
                                             ("value", "13600006666")])
def test_a_conflict_the_station_listed_is_settled_at_the_city(hub, station_factory,
                                                              tmp_path: Path, keep: str,
                                                              phone: str) -> None:
    s = station_factory()
    uid = _conflicting_phone(s, hub, tmp_path)
    _down(s, hub, tmp_path)
    with s.active():
        [listed] = list(state.open_conflicts())  # the station shows it to a person …
        assert listed.field == "phone"
    [c] = open_conflicts()
    resolve(hub, c.id, keep, phone if keep == "value" else None)  # … the city settles it
    assert cm.CityConflict.get_by_id(c.id).closed_at is not None
    assert _city_phone(hub, uid) == phone
    imported = _down(s, hub, tmp_path)
    assert imported.conflicts == 0
    with s.active():
        assert Client.get(Client.uid == uid).phone == phone
        assert not state.open_conflicts().exists()  # the station's listing closed too
        assert state.sync_state_of("client", [uid]) != {uid: "conflict"}
    _settles(s, hub, tmp_path, uid, phone)


def test_settled_at_the_city_before_the_station_ever_saw_it(hub, station_factory,
                                                            tmp_path: Path) -> None:
    s = station_factory()
    uid = _conflicting_phone(s, hub, tmp_path)
    [c] = open_conflicts()
    resolve(hub, c.id, "value", " 13600006666 ")
    imported = _down(s, hub, tmp_path)
    assert imported.conflicts == 0
    with s.active():
        assert Client.get(Client.uid == uid).phone == "13600006666"
        assert not state.open_conflicts().exists()
    _settles(s, hub, tmp_path, uid, "13600006666")


def test_the_station_changed_it_again_meanwhile(hub, station_factory, tmp_path: Path) -> None:
    s = station_factory()
    uid = _conflicting_phone(s, hub, tmp_path)
    [c] = open_conflicts()
    resolve(hub, c.id, "city")
    with s.active():  # a newer edit at the station: the city's decision did not see it
        crud.update(Client, uid, {"phone": "13500005555"}, SYSTEM)
    _down(s, hub, tmp_path)
    with s.active():
        [again] = list(state.open_conflicts())
        assert (json.loads(again.local_value), json.loads(again.city_value)) == (
            "13500005555", "13700007777")
        assert Client.get(Client.uid == uid).phone == "13500005555"  # not overwritten


def test_resolving_refuses_what_it_cannot_do(hub, station_factory, tmp_path: Path) -> None:
    s = station_factory()
    uid = _conflicting_phone(s, hub, tmp_path)
    [c] = open_conflicts()
    with pytest.raises(NotFoundError):
        resolve(hub, c.id + 100, "city")
    with pytest.raises(ValidationError):
        resolve(hub, c.id, "keep-both")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="unknown code"):
        correct(hub, "client", uid, {"target_groups": ",no_such_group,"})
    assert cm.CityConflict.get_by_id(c.id).closed_at is None
    assert _city_phone(hub, uid) == "13700007777"
    resolve(hub, c.id, "city")
    with pytest.raises(NotFoundError):
        resolve(hub, c.id, "station")  # already settled


def test_typed_values_in_package_form() -> None:
    assert parse_value("client", "birth_date", "1950-03-07") == "1950-03-07"
    assert parse_value("client", "target_groups", "elderly、disabled") == ",elderly,disabled,"
    assert parse_value("client", "name", "  ") is None
    assert parse_value("client", "deleted", "是") is True
    with pytest.raises(ValidationError):
        parse_value("client", "birth_date", "1950-02-30")
    with pytest.raises(ValidationError):
        parse_value("client", "no_such_field", "x")


def _payload(hub, s, path: Path, tmp_path: Path) -> dict[str, list]:
    with s.active():
        keys = enrolment.identity().keys
    with open_package(path, tmp_path / "staging", lambda _m: hub.keys.public(), keys) as p:
        return {name: list(p.lines(name)) for name in sorted(p.names)}


def test_return_packages_list_conflicts_and_corrections_in_a_stable_order(
        hub, station_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = station_factory()
    with s.active():
        uids = [crud.create(Client, {"name": f"对象{n}", "phone": "13800001111",
                                     "address": "甲"}, SYSTEM).uid for n in range(6)]
    _round(s, hub, tmp_path)
    for uid in reversed(uids):  # the city and the station edit the same fields differently
        correct(hub, "client", uid, {"phone": "13700007777", "address": "乙"})
    with s.active():
        for uid in uids:
            crud.update(Client, uid, {"phone": "13900002222", "address": "丙"}, SYSTEM)
    _up(s, hub, tmp_path)
    real = returns.read_city_rows

    def backwards(db, entity, wanted):  # whatever order the database hands rows back in
        return dict(reversed(list(real(db, entity, wanted).items())))

    monkeypatch.setattr(returns, "read_city_rows", backwards)
    first = _payload(hub, s, write_return(hub, s.code, tmp_path / "a").path, tmp_path)
    second = _payload(hub, s, write_return(hub, s.code, tmp_path / "b").path, tmp_path)
    assert first == second
    acks = [a for a in first["acks.jsonl"] if a[0] == "client" and a[1] in uids]
    assert [a[1] for a in acks] == sorted(uids)
    assert all(a[3] == "conflict" and a[5] == ["address", "phone"] for a in acks)
    corrected = [r["uid"] for r in first["corrections.client.jsonl"]]
    assert corrected == sorted(corrected) and set(uids) <= set(corrected)
    assert [(c.entity, c.uid, c.field) for c in open_conflicts()] == sorted(
        ("client", u, f) for u in uids for f in ("address", "phone"))
