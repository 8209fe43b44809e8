"""The station takes no acknowledgement on trust (issue 17, points 1 and 2): a watermark or
a row version beyond what it sent in its numbering is refused, and every restore starts a
new numbering epoch."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import orjson
import pytest
from synchelp import dump
from test_sync_refusals import _forge

from swdesk import settings
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.db import backup, open_station
from swdesk.model import Client, database
from swdesk.services import backups, crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, enrolment, export, state
from swdesk.sync.format import PackageRefused
from tests.stations import here


def _synced(hub: City, s, tmp_path: Path) -> Path:
    """One round trip done; returns a second, genuine return package to forge from."""
    with s.active():
        ingest(hub, export.export_package(here(), tmp_path / "p1").path)
        apply.import_return(write_return(hub, s.code, tmp_path / "r1").path)
    return write_return(hub, s.code, tmp_path / "r2").path


def _inner(acks: list[list]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("acks.jsonl", b"".join(orjson.dumps(a) + b"\n" for a in acks))
        z.writestr("reference.jsonl", b"")
    return buf.getvalue()


def _forged(hub: City, s, genuine: Path, tmp_path: Path, changes: dict,
            acks: list[list] | None = None) -> Path:
    out = tmp_path / f"forged-{genuine.name}"
    shutil.copyfile(genuine, out)
    with s.active():
        public = enrolment.identity().keys.public()
    _forge(out, hub.keys, public, changes, _inner(acks or []))
    return out


@pytest.mark.parametrize("ack", [-1, 2**31, "5", None])
def test_an_acknowledgement_out_of_range_is_refused(hub, station_factory, tmp_path: Path,
                                                    ack) -> None:
    s = station_factory(clients=3, records=3)
    genuine = _synced(hub, s, tmp_path)
    forged = _forged(hub, s, genuine, tmp_path, {"ack_through_seq": ack})
    with s.active():
        before = dump(database.obj)
        with pytest.raises(PackageRefused, match="确认序号"):
            apply.import_return(forged)
        assert dump(database.obj) == before


@pytest.mark.parametrize("changes", [{"ack_through_seq": 2**31 - 1}, {"basis": 10_000}])
def test_an_acknowledgement_beyond_what_was_sent_starts_a_new_epoch(
        hub, station_factory, tmp_path: Path, changes) -> None:
    s = station_factory(clients=3, records=3)
    genuine = _synced(hub, s, tmp_path)
    forged = _forged(hub, s, genuine, tmp_path, changes)
    with s.active():
        clients = sorted(map(repr, database.execute_sql("SELECT * FROM client").fetchall()))
        with pytest.raises(PackageRefused, match="回到了较早的状态"):
            apply.import_return(forged)
        st = state.status()
        # Nothing is taken as acknowledged: every change goes again, in a new numbering.
        assert st.acked_seq == 0 and st.pending == st.last_seq > 0
        assert settings.SYNC_IN_NO.get() == 1  # the forged return is not in
        assert sorted(map(repr, database.execute_sql(
            "SELECT * FROM client").fetchall())) == clients
        again = export.export_package(here(), tmp_path / "p2")
        # (numbers never go back: past any the city says it has)
        assert again.seq_from == 1 and again.number == max(2, changes.get("basis", 0) + 1)
    got = ingest(hub, again.path)
    assert got.status == "applied"


def test_an_acknowledged_version_above_the_rows_is_refused(hub, station_factory,
                                                           tmp_path: Path) -> None:
    s = station_factory(clients=3, records=3)
    genuine = _synced(hub, s, tmp_path)
    with s.active():
        uid = Client.select().first().uid
        crud.update(Client, uid, {"notes": "新的备注"}, SYSTEM)
        version = Client.get(Client.uid == uid).version
    forged = _forged(hub, s, genuine, tmp_path, {},
                     [["client", uid, version + 5, "applied", "", []]])
    with s.active():
        with pytest.raises(PackageRefused, match="回到了较早的状态"):
            apply.import_return(forged)
        assert state.sync_state_of("client", [uid]) == {uid: "pending"}


def test_the_windows_restore_starts_a_new_epoch(hub, station_factory, tmp_path: Path) -> None:
    s = station_factory(clients=3, records=3)
    _synced(hub, s, tmp_path)
    with s.active():
        saved = backups.backup_now(s.handle())
        export.export_package(here(), tmp_path / "p2")  # number 2, after the backup
        first_epoch = settings.SYNC_EPOCH.get()
        backups.restore_into(s.handle(), saved)
        assert settings.SYNC_EPOCH.get() not in ("", first_epoch)
        st = state.status()
        assert st.acked_seq == 0 and st.pending == st.last_seq > 0 and not st.all_acknowledged
        assert state.sync_state_of("client", [Client.select().first().uid]) != {}
        again = export.export_package(here(), tmp_path / "p3")
    assert again.seq_from == 1 and again.number == 3  # numbers never used twice
    assert ingest(hub, again.path).status == "applied"


def test_a_database_put_back_by_hand_is_noticed(hub, station_factory, tmp_path: Path) -> None:
    s = station_factory(clients=3, records=3)
    _synced(hub, s, tmp_path)
    copy = tmp_path / "copy.db"
    with s.active():
        backup.backup_to(database.obj, copy)
        first_epoch = settings.SYNC_EPOCH.get()
        crud.create(Client, {"name": "李大爷"}, SYSTEM)
        ingest(hub, export.export_package(here(), tmp_path / "p2").path)
    s.close()
    shutil.copyfile(copy, s.dir / "swdesk.db")  # the copy, put in place by hand
    for extra in ("-wal", "-shm"):
        (s.dir / f"swdesk.db{extra}").unlink(missing_ok=True)
    s.sdb = open_station(s.dir)
    with s.active():
        assert settings.SYNC_EPOCH.get() == first_epoch
        again = export.export_package(here(), tmp_path / "p3")
        assert settings.SYNC_EPOCH.get() != first_epoch
    assert again.seq_from == 1 and again.number == 3
    assert ingest(hub, again.path).status == "applied"


def test_a_return_made_before_the_restore_is_refused(hub, station_factory,
                                                     tmp_path: Path) -> None:
    s = station_factory(clients=3, records=3)
    _synced(hub, s, tmp_path)
    with s.active():
        saved = backups.backup_now(s.handle())
        crud.create(Client, {"name": "李大爷"}, SYSTEM)
        ingest(hub, export.export_package(here(), tmp_path / "p2").path)
    stale = write_return(hub, s.code, tmp_path / "r3").path
    with s.active():
        backups.restore_into(s.handle(), saved)
        before = dump(database.obj)
        with pytest.raises(PackageRefused, match="恢复之前"):
            apply.import_return(stale)
        assert dump(database.obj) == before


def test_watermarks_past_the_newest_change_start_a_new_epoch(hub, station_factory,
                                                             tmp_path: Path) -> None:
    """A station that a restore before epochs left acknowledged past its newest change
    (issue 17: 473 against 273) heals at its next export."""
    s = station_factory(clients=3, records=3)
    _synced(hub, s, tmp_path)
    with s.active():
        last = state.status().last_seq
        settings.ACKED_SEQ.set(last + 200)
        crud.create(Client, {"name": "李大爷"}, SYSTEM)
        again = export.export_package(here(), tmp_path / "p2")
        assert again.seq_from == 1 and again.rows > 1
        assert state.status().acked_seq == 0
