"""Every refusal: a clear message, and nothing written (databases compared row by row)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from synchelp import Station, dump

from swdesk.city.db import City, init_city
from swdesk.city.enroll import enroll_station
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import Client, database
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, crypto, export, format, package_write
from swdesk.sync.format import PackageRefused
from tests.stations import here


@pytest.fixture
def synced(hub: City, station_factory, tmp_path: Path):
    """A station with data, one package ingested, and a second package ready."""
    s = station_factory(clients=8, records=10)
    with s.active():
        first = export.export_package(here(), tmp_path / "p1")
    ingest(hub, first.path)
    with s.active():
        crud.create(Client, {"name": "李大爷"}, SYSTEM)
        second = export.export_package(here(), tmp_path / "p2")
    return s, first.path, second.path


def _refused_at_city(hub: City, path: Path, match: str) -> None:
    before = dump(hub.db)
    with pytest.raises(PackageRefused, match=match):
        ingest(hub, path)
    assert dump(hub.db) == before
    assert not any(hub.staging.iterdir())  # the staging folder is gone whatever happened


def _copy_with(path: Path, tmp_path: Path, data: bytes) -> Path:
    out = tmp_path / f"altered-{len(list(tmp_path.glob('altered-*')))}-{path.name}"
    out.write_bytes(data)
    return out


def test_package_for_another_city(synced, tmp_path: Path, hub: City) -> None:
    s, _first, second = synced
    hub.close()
    other = init_city(tmp_path / "other-hub", None, "别的城市")
    enroll_station(other, s.code, "同名站", tmp_path / "x.json")
    try:
        _refused_at_city(other, second, "另一个市级平台")
    finally:
        other.close()


def test_package_from_a_station_not_enrolled(hub: City, tmp_path: Path) -> None:
    s = Station(tmp_path, "XM-JM-009", hub, 3, 3)
    try:
        with s.active():
            pkg = export.export_package(here(), tmp_path / "out")
        hub.db.execute_sql('DELETE FROM "city_station"')
        _refused_at_city(hub, pkg.path, "未在本平台登记")
    finally:
        s.close()


def test_replayed_and_older_package(synced, hub: City, tmp_path: Path) -> None:
    s, first, second = synced
    ingest(hub, second)
    before = dump(hub.db)
    for again in (first, second):  # the very same files again: said so, nothing written
        result = ingest(hub, again)
        assert result.status == "duplicate" and "已经导入过" in result.message
    assert dump(hub.db) == before
    ident = _station_keys(s)
    older = tmp_path / "older.swpkg"  # an authentic package with a number already used
    older.write_bytes(second.read_bytes())
    _forge(older, ident.keys, ident.city_keys, {"number": 1})
    _refused_at_city(hub, older, "旧包或重放")


def test_truncated_or_damaged_file(synced, hub: City, tmp_path: Path) -> None:
    _s, _first, second = synced
    data = second.read_bytes()
    for cut in (len(data) // 2, len(data) - 1, 10, 0):
        _refused_at_city(hub, _copy_with(second, tmp_path, data[:cut]), "损坏|不完整")
    _refused_at_city(hub, _copy_with(second, tmp_path, b"PK\x03\x04" + b"\0" * 200), "损坏")


def test_one_changed_byte_anywhere(synced, hub: City, tmp_path: Path) -> None:
    _s, _first, second = synced
    data = second.read_bytes()
    positions = sorted({*range(0, len(data), max(1, len(data) // 60)), len(data) - 1,
                        len(data) - 30, len(data) - 70, data.find(b"manifest") + 3})
    for pos in positions:
        changed = bytearray(data)
        changed[pos] ^= 0x01
        _refused_at_city(hub, _copy_with(second, tmp_path, bytes(changed)), ".")
    assert ingest(hub, second).status == "applied"  # the original still goes in


def test_bad_signature(synced, hub: City, tmp_path: Path) -> None:
    _s, _first, second = synced
    data = bytearray(second.read_bytes())
    message = format.prefix_digest(io.BytesIO(bytes(data)), len(data) - 64)
    data[-64:] = crypto.sign(crypto.KeyPair.generate(), message)  # someone else's key
    _refused_at_city(hub, _copy_with(second, tmp_path, bytes(data)), "签名无效")


def _forge(path: Path, keys: crypto.KeyPair, recipient: crypto.PublicKeys,
           manifest_changes: dict | None = None, inner: bytes | None = None,
           outer_extra: list[tuple[str, bytes]] | None = None) -> None:
    """A package signed with the right key but built by hand."""
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read(format.MANIFEST))
    manifest.update(manifest_changes or {})
    if inner is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("rows.client.jsonl", b"")
        inner = buf.getvalue()
    ciphertext = crypto.seal(recipient, inner, format.hpke_info(manifest), manifest["format"])
    manifest["payload"] = {"sha256": __import__("hashlib").sha256(ciphertext).hexdigest(),
                           "size": len(ciphertext), "plain_size": len(inner)}
    with zipfile.ZipFile(path, "w") as zf:
        zf.comment = bytes(64)
        zf.writestr(format.MANIFEST, format.canonical_json(manifest))
        zf.writestr(format.PAYLOAD, ciphertext)
        for name, data in outer_extra or []:
            zf.writestr(name, data)
    package_write._sign_in_place(path, keys)


def _station_keys(s: Station):
    from swdesk.sync import enrolment

    with s.active():
        return enrolment.identity()


@pytest.mark.parametrize(("change", "match"), [
    ({"format": 3}, "比本程序新"), ({"format": "1"}, "未知的包格式"), ({"format": 0}, "未知"),
    ({"suite": "SM2-SM3-SM4"}, "不支持的加密套件"), ({"schema": 9}, "数据版本"),
])
def test_unknown_or_newer_format(synced, hub: City, tmp_path: Path, change, match) -> None:
    s, _first, second = synced
    ident = _station_keys(s)
    forged = tmp_path / "forged.swpkg"
    forged.write_bytes(second.read_bytes())
    _forge(forged, ident.keys, ident.city_keys, {**change, "number": 99})
    _refused_at_city(hub, forged, match)


@pytest.mark.parametrize("change", [{"number": 2**40}, {"seq_to": 2**40}, {"basis": -1},
                                    {"seq_from": "1"}])
def test_numbers_past_what_the_hub_stores(synced, hub: City, tmp_path: Path, change) -> None:
    s, _first, second = synced
    ident = _station_keys(s)
    forged = tmp_path / "forged.swpkg"
    forged.write_bytes(second.read_bytes())
    _forge(forged, ident.keys, ident.city_keys, change)
    _refused_at_city(hub, forged, "编号或序号范围无效")


def test_paths_outside_the_folder(synced, hub: City, tmp_path: Path) -> None:
    s, _first, second = synced
    ident = _station_keys(s)
    outer = tmp_path / "slip-outer.swpkg"
    outer.write_bytes(second.read_bytes())
    _forge(outer, ident.keys, ident.city_keys, {"number": 50},
           outer_extra=[("../../evil.txt", b"x")])
    _refused_at_city(hub, outer, "不允许的路径|文件数量")
    for name in ("../rows.client.jsonl", "/etc/rows.jsonl", "a/../../b.jsonl"):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(name, b"{}\n")
        inner = tmp_path / "slip-inner.swpkg"
        inner.write_bytes(second.read_bytes())
        _forge(inner, ident.keys, ident.city_keys, {"number": 51}, inner=buf.getvalue())
        _refused_at_city(hub, inner, "不允许的路径")
    assert not (tmp_path / "evil.txt").exists() and not (hub.data_dir.parent / "evil.txt").exists()


def test_return_package_for_another_station(hub: City, station_factory, tmp_path: Path) -> None:
    a = station_factory("XM-SM-001", clients=3, records=3, seed=1)
    b = station_factory("XM-HL-002", clients=3, records=3, seed=2)
    for s in (a, b):
        with s.active():
            ingest(hub, export.export_package(here(), tmp_path / "out").path)
    ret_a = write_return(hub, a.code, tmp_path / "ret")
    with b.active():
        before = dump(database.obj)
        with pytest.raises(PackageRefused, match="是给站点 XM-SM-001 的"):
            apply.import_return(ret_a.path)
        assert dump(database.obj) == before
        station_pkg = next((tmp_path / "out").glob("swdesk-XM-HL-002-*"))
        with pytest.raises(PackageRefused, match="不是市级平台的回执包"):
            apply.import_return(station_pkg)
        assert dump(database.obj) == before


def test_return_package_damaged_or_replayed(hub: City, station_factory, tmp_path: Path) -> None:
    s = station_factory(clients=3, records=3)
    with s.active():
        ingest(hub, export.export_package(here(), tmp_path / "out").path)
    first = write_return(hub, s.code, tmp_path / "r1").path
    second = write_return(hub, s.code, tmp_path / "r2").path
    with s.active():
        apply.import_return(second)
        before = dump(database.obj)
        with pytest.raises(PackageRefused, match="旧的或重放"):
            apply.import_return(first)
        data = bytearray(second.read_bytes())
        data[len(data) // 2] ^= 0xFF
        changed = tmp_path / "changed.swpkg"
        changed.write_bytes(bytes(data))
        with pytest.raises(PackageRefused):
            apply.import_return(changed)
        assert dump(database.obj) == before
        assert not any((s.dir / "staging").iterdir())
