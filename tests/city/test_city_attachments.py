"""Attachments' files travel to the city in the packages (issue 24, point 5): once each,
within the package's size budget, stored at the hub by hash and acknowledged back."""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from fuzzing import container, inner_zip, seal, take_apart
from synchelp import Station, dump

from swdesk import settings
from swdesk.city import files as hub_files
from swdesk.city import models as cm
from swdesk.city.db import City, open_city, set_files_dir
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.db.files import FileStore
from swdesk.errors import SwdeskError
from swdesk.model import Attachment, AttachmentSync, Client
from swdesk.model.base import now
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, crypto, enrolment, export, format, outgoing_files
from swdesk.sync.format import PackageRefused
from tests.stations import here


def photo(n: int, size: int) -> bytes:
    """A photo's bytes as far as sync cares: ``size`` bytes no other photo has."""
    return random.Random(n).randbytes(size)


def attach(s: Station, data: bytes, caption: str = "") -> str:
    """Store ``data`` and attach it to the station's first client (as A1's service does)."""
    with s.active():
        sha = FileStore.of(s.dir).put(data)
        client = Client.select().order_by(Client.id).first()
        crud.create(Attachment, {"caption": caption, "client": client.id}, SYSTEM, derived={
            "sha256": sha, "size": len(data), "media_type": "image/jpeg",
            "file_name": f"{caption or sha[:8]}.jpg", "attached_at": now()})
    return sha


def inner_files(hub: City, path: Path) -> dict[str, bytes]:
    """The attachments' files a package carries, by hash (opened with the city's keys)."""
    parts = take_apart(path.read_bytes(), hub.keys)
    return {name.split("/")[1]: data for name, data in parts.inner
            if name.startswith("files/")}


def hub_store(hub: City) -> FileStore:
    store = hub_files.store_of(hub)
    assert store is not None
    return store


def send(s: Station, hub: City, out: Path) -> tuple[export.Exported, apply.Imported]:
    """One package to the hub and its return package back."""
    with s.active():
        pkg = export.export_package(here(), out)
    ingest(hub, pkg.path)
    ret = write_return(hub, s.code, out)
    with s.active():
        imported = apply.import_return(ret.path)
    return pkg, imported


@pytest.fixture
def files_hub(hub: City, tmp_path: Path) -> City:
    """The hub with a folder for the files (a PostgreSQL hub's operator names one)."""
    if hub.files_dir is None:
        set_files_dir(hub, tmp_path / "城市 附件")
    return hub


def test_round_trip_keeps_every_hash_and_sends_a_photo_once(files_hub, station_factory,
                                                          tmp_path: Path) -> None:
    s = station_factory(clients=3)
    group = photo(1, 50_000)
    shas = [attach(s, group, "小组合影"), attach(s, group, "同一张，另一个记录"),
            attach(s, photo(2, 30_000), "签到表")]
    assert shas[0] == shas[1]
    pkg, imported = send(s, files_hub, tmp_path / "out")
    carried = inner_files(files_hub, pkg.path)
    assert sorted(carried) == sorted(set(shas)) and pkg.files == 2  # the same photo once
    assert pkg.file_bytes == 80_000
    manifest = format.peek_manifest(pkg.path)
    assert manifest is not None and manifest["files"] == {"count": 2, "bytes": 80_000}
    assert manifest["format"] == 2
    store = hub_store(files_hub)
    with s.active():
        station_store = FileStore.of(s.dir)
        for sha in set(shas):  # the hub's file is the station's, byte for byte
            assert store.read(sha) == station_store.read(sha) and store.verify(sha)
        acked = {r.sha256: r for r in AttachmentSync.select()}
    assert imported.files_acked == 2
    assert set(acked) == set(shas) and all(r.acked_at and r.package_seq == pkg.number
                                           for r in acked.values())
    assert hub_files.held(files_hub.db) == hub_files.Held(2, 80_000)
    # Once acknowledged, never again; nor does the next return acknowledge them again.
    again, imported = send(s, files_hub, tmp_path / "out")
    assert again.files == 0 and inner_files(files_hub, again.path) == {}
    assert imported.files_acked == 0


def test_several_packages_within_the_budget(files_hub, station_factory,
                                            tmp_path: Path) -> None:
    """500 MB of photos and a 200 MB budget, at 1/100: 5 MB of photos, 2 MiB packages."""
    s = station_factory(clients=2, records=5)
    shas = [attach(s, photo(n, 100_000 + n * 1000), f"照片{n}") for n in range(40)]
    with s.active():
        settings.SYNC_PACKAGE_MB.set(2)
        waiting = outgoing_files.summary(s.dir)
    assert waiting.files == 40 and waiting.bytes == sum(100_000 + n * 1000 for n in range(40))
    out = tmp_path / "out"
    sent: list[str] = []
    with s.active():  # two packages before any return: the second takes the next files
        first = export.export_package(here(), out)
        second = export.export_package(here(), out)
    for pkg in (first, second):
        assert pkg.path.stat().st_size <= 2 * 1024**2
        carried = inner_files(files_hub, pkg.path)
        assert carried and not set(carried) & set(sent)
        sent += list(carried)
    assert sent == shas[:len(sent)]  # the oldest attachments' first
    for pkg in (first, second):
        ingest(files_hub, pkg.path)
    ret = write_return(files_hub, s.code, out)
    with s.active():
        apply.import_return(ret.path)
    rounds = 0
    while True:
        with s.active():
            if not outgoing_files.summary(s.dir).files:
                break
        pkg, _imported = send(s, files_hub, out)
        assert pkg.path.stat().st_size <= 2 * 1024**2 and pkg.files
        sent += list(inner_files(files_hub, pkg.path))
        rounds += 1
    assert rounds == 1 and sorted(sent) == sorted(shas)  # 5 MB in three packages
    with s.active():
        assert AttachmentSync.select().where(AttachmentSync.acked_at.is_null()).count() == 0
    assert all(hub_store(files_hub).verify(sha) for sha in shas)


def test_a_lost_package_s_files_are_sent_again(files_hub, station_factory,
                                               tmp_path: Path) -> None:
    s = station_factory(clients=2)
    sha = attach(s, photo(7, 20_000))
    with s.active():
        lost = export.export_package(here(), tmp_path / "lost")
        assert lost.files == 1
        following = export.export_package(here(), tmp_path / "out")
        assert following.files == 0  # in flight: the city has not applied package 1 yet
    ingest(files_hub, following.path)  # (cumulative: package 1's rows are in it)
    ret = write_return(files_hub, s.code, tmp_path / "out")
    with s.active():
        apply.import_return(ret.path)
        assert AttachmentSync.get_by_id(sha).package_seq is None  # the city lacks it
        third = export.export_package(here(), tmp_path / "out")
    assert third.files == 1 and list(inner_files(files_hub, third.path)) == [sha]
    ingest(files_hub, third.path)
    assert hub_store(files_hub).verify(sha)


def _tampered(hub: City, s: Station, path: Path) -> Path:
    """The package with one file's bytes changed under its name, signed again with the
    station's own key (what a damaged writer, not a stranger, could send)."""
    with s.active():
        keys = enrolment.identity().keys
    parts = take_apart(path.read_bytes(), hub.keys)
    changed = [(name, data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("files/")
                else data) for name, data in parts.inner]
    manifest, sealed = seal(parts.manifest, inner_zip(changed), hub.keys.public())
    out = path.with_name("tampered-" + path.name)
    out.write_bytes(container(format.canonical_json(manifest), sealed, keys))
    return out


def test_a_file_that_does_not_match_its_name_is_refused(files_hub, station_factory,
                                                        tmp_path: Path) -> None:
    s = station_factory(clients=2)
    attach(s, photo(3, 10_000))
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    bad = _tampered(files_hub, s, pkg.path)
    before = dump(files_hub.db)
    with pytest.raises(PackageRefused, match="与其名称（SHA-256）不符"):
        ingest(files_hub, bad)
    assert dump(files_hub.db) == before
    assert list(hub_store(files_hub).hashes()) == []
    ingest(files_hub, pkg.path)  # the sound package still goes in
    assert len(list(hub_store(files_hub).hashes())) == 1


def test_an_old_hub_refuses_a_package_with_files(hub, station_factory, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    s = station_factory(clients=2)
    attach(s, photo(4, 1000))
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    before = dump(hub.db)
    with monkeypatch.context() as old:  # a hub of format 1 and data schema 2
        old.setattr(format, "FORMAT_VERSION", 1)
        old.setattr(format, "READ_FORMATS", frozenset({1}))
        old.setattr(format, "PAYLOAD_SCHEMA", 2)
        with pytest.raises(PackageRefused, match=r"比本程序新.*请先升级市级平台"):
            ingest(hub, pkg.path)
    with monkeypatch.context() as old:  # format 2 known, schema 3 not
        old.setattr(format, "PAYLOAD_SCHEMA", 2)
        with pytest.raises(PackageRefused, match="数据版本（3）比本程序新"):
            ingest(hub, pkg.path)
    assert dump(hub.db) == before


def test_the_hub_keeps_files_in_its_configured_folder(hub, station_factory,
                                                      tmp_path: Path) -> None:
    s = station_factory(clients=2)
    sha = attach(s, photo(5, 4000))
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    if isinstance(hub.db, cm.pw.SqliteDatabase):  # beside its database by default
        assert hub.files_dir == hub.data_dir / "attachments"
    else:  # PostgreSQL: none until the operator names one; the package waits, untouched
        assert hub.files_dir is None
        before = dump(hub.db)
        with pytest.raises(SwdeskError, match="swdesk city config --files"):
            ingest(hub, pkg.path)
        assert dump(hub.db) == before
    folder = set_files_dir(hub, tmp_path / "文件 夹")
    ingest(hub, pkg.path)
    assert (folder / sha[:2] / sha).read_bytes() == photo(5, 4000)
    assert not cm.CityFile.select().where(cm.CityFile.sha256 != sha).exists()
    meta = {r.key: r.value for r in cm.CityMeta.select()}
    assert meta["files_dir"] == str(folder)  # in the hub's meta, not a table of files
    url = None if isinstance(hub.db, cm.pw.SqliteDatabase) else hub.db.database
    if url is None:
        hub.close()
        reopened = open_city(hub.data_dir, None)
        assert reopened.files_dir == folder
        reopened.close()


def test_a_file_without_its_row_is_still_stored(files_hub, station_factory,
                                                tmp_path: Path) -> None:
    """A rejected attachment row: the city keeps its file and acknowledges it."""
    s = station_factory(clients=2)
    sha = attach(s, photo(6, 3000))
    with s.active():
        # (a control character typed before the rules: the hub rejects the row)
        Attachment.update(caption="合影\x07").execute()
        _pkg, imported = send(s, files_hub, tmp_path / "out")
    assert cm.CityQuarantine.select().where(cm.CityQuarantine.entity == "attachment").exists()
    assert hub_store(files_hub).verify(sha) and imported.files_acked == 1


def test_a_damaged_file_at_the_station_is_left_out(files_hub, station_factory,
                                                   tmp_path: Path) -> None:
    s = station_factory(clients=2)
    good, bad = attach(s, photo(8, 3000)), attach(s, photo(9, 3000))
    with s.active():
        path = FileStore.of(s.dir).path(bad)
        path.write_bytes(b"changed on disk")
        pkg = export.export_package(here(), tmp_path / "out")
    assert list(inner_files(files_hub, pkg.path)) == [good]
    ingest(files_hub, pkg.path)  # the package is sound: the damaged file is not in it


def test_files_acked_lines_are_checked(files_hub, station_factory, tmp_path: Path) -> None:
    s = station_factory(clients=2)
    attach(s, photo(10, 3000))
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    ingest(files_hub, pkg.path)
    ret = write_return(files_hub, s.code, tmp_path / "out")
    parts = take_apart(ret.path.read_bytes(), _station_keys(s))
    names = dict(parts.inner)
    assert json.loads(names[format.FILES_ACKED]) == json.loads(
        f'"{next(iter(hub_store(files_hub).hashes()))}"')
    assert parts.manifest["counts"]["files_acked"] == 1


def _station_keys(s: Station):  # type: ignore[no-untyped-def]
    with s.active():
        return enrolment.identity().keys


def test_the_inner_zip_stores_files_uncompressed(files_hub, station_factory,
                                                 tmp_path: Path) -> None:
    s = station_factory(clients=2)
    sha = attach(s, photo(11, 5000))
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    with zipfile.ZipFile(pkg.path) as zf:
        manifest = json.loads(zf.read(format.MANIFEST))
        sealed = zf.read(format.PAYLOAD)
    plain = crypto.unseal(files_hub.keys, sealed, format.hpke_info(manifest), 2)
    with zipfile.ZipFile(io.BytesIO(plain)) as inner:
        info = inner.getinfo(f"files/{sha}")
        assert info.compress_type == zipfile.ZIP_STORED and inner.read(info) == photo(11, 5000)


def test_files_follow_the_second_reader_s_tables(files_hub, station_factory, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A big package's tables come from a second process; the files still go, last."""
    s = station_factory(clients=5, records=10)
    sha = attach(s, photo(12, 8000))
    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out",
                                    plan=export.ExportPlan.station_program())
    parts = take_apart(pkg.path.read_bytes(), files_hub.keys)
    names = [name for name, _data in parts.inner]
    assert names[-1] == f"files/{sha}" and "rows.client.jsonl" in names
    assert ingest(files_hub, pkg.path).files == 1


@pytest.mark.slow
def test_500_mb_of_photos_at_the_real_sizes(files_hub, station_factory,
                                            tmp_path: Path) -> None:
    """125 photos of 4 MB, the default 200 MB budget: three packages, each within it,
    and memory stays flat while a full package is written and ingested."""
    if not isinstance(files_hub.db, cm.pw.SqliteDatabase):
        pytest.skip("the sizes are the station's and the format's: once is enough")
    import tracemalloc

    s = station_factory(clients=2)
    size = 4 * 1000**2
    shas = [attach(s, random.Random(n).randbytes(size), f"活动照片{n}") for n in range(125)]
    out = tmp_path / "out"
    peaks: list[int] = []
    packages: list[export.Exported] = []
    while True:
        with s.active():
            if not outgoing_files.summary(s.dir).files:
                break
            tracemalloc.start()
            pkg = export.export_package(here(), out)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        tracemalloc.start()
        ingest(files_hub, pkg.path)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        ret = write_return(files_hub, s.code, out)
        with s.active():
            apply.import_return(ret.path)
        packages.append(pkg)
        assert pkg.path.stat().st_size <= 200 * 1024**2
        pkg.path.unlink()  # (the disk holds one package at a time, as a stick would)
    assert len(packages) == 3
    assert [p.files for p in packages] == [52, 52, 21]  # 52 × 4 MB fit in 200 MiB
    assert max(peaks) < 32 * 1024**2, peaks  # (measured 20 MB; format 1 held over 400 MB)
    assert all(hub_store(files_hub).verify(sha) for sha in shas)
