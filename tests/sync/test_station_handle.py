"""Two stations open in one process: export and backups of one write only under its own
data folder (and its own chosen folders), whichever station the models were on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from synchelp import Station

from swdesk import paths, settings
from swdesk.db import epochs
from swdesk.model import AuditEntry, database
from swdesk.model.sync import SyncPackage
from swdesk.services import backups
from swdesk.services.actor import Actor
from swdesk.sync import export

ADMIN = Actor("wang", "admin")


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def _two(station_factory: Callable[..., Station]) -> tuple[Station, Station]:
    a = station_factory("XM-SM-001", clients=6, records=4)
    b = station_factory("XM-HL-002", clients=3, records=2)
    assert database.obj is b.sdb.db  # the models are on B, the last one opened
    return a, b


def test_an_export_of_a_writes_only_under_a(station_factory: Callable[..., Station],
                                           tmp_path: Path) -> None:
    a, b = _two(station_factory)
    b_before = _files(b.dir)
    done = export.export_package(a.handle(ADMIN), tmp_path / "stick")
    assert done.path.parent == tmp_path / "stick" and "XM-SM-001" in done.path.name
    assert done.rows > 0
    assert epochs.read_mark(a.dir) == ("", done.number)  # A's sync mark, in A's folder
    assert epochs.read_mark(b.dir) is None
    assert _files(b.dir) - b_before <= {"swdesk.db-wal", "swdesk.db-shm"}
    assert database.obj is b.sdb.db  # the models are given back to B
    assert settings.SYNC_OUT_NO.get() == 0 and not SyncPackage.select().exists()
    with a.active():
        assert settings.SYNC_OUT_NO.get() == done.number
        package = SyncPackage.get(SyncPackage.direction == "out")
        assert package.file_name == done.path.name
        assert AuditEntry.select().where(AuditEntry.action == "sync-export",
                                         AuditEntry.actor == "wang").count() == 1


def test_a_backup_of_a_goes_to_a_s_chosen_folder(station_factory: Callable[..., Station],
                                                tmp_path: Path) -> None:
    a, b = _two(station_factory)
    usb_a, usb_b = tmp_path / "usb-a", tmp_path / "usb-b"
    usb_a.mkdir()
    usb_b.mkdir()
    with a.active():
        backups.set_backup_folder(usb_a, ADMIN)
    with b.active():
        backups.set_backup_folder(usb_b, ADMIN)
    made = backups.backup_now(a.handle(ADMIN))
    assert made.parent == usb_a
    assert _files(usb_b) == set() and not paths.backups_dir(b.dir).exists()
    # Listing A's backups while the models are on B finds A's, in A's chosen folder.
    assert [f.path for f in backups.list_backups(a.dir)] == [made]
    assert backups.list_backups(b.dir) == []
    assert database.obj is b.sdb.db
    assert not AuditEntry.select().where(AuditEntry.action == "backup").exists()
    with a.active():
        assert AuditEntry.select().where(AuditEntry.action == "backup").count() == 1
