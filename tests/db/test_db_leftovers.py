"""What a killed run leaves (decrypted package rows in staging/, half-written backups) is
gone once the data dir is opened for writing again, and the log says so without content."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from swdesk import paths
from swdesk.db import open_station
from swdesk.model import Client
from swdesk.services import backups, crud, station
from swdesk.services.actor import SYSTEM, Actor

ROW = '{"uid": "c1", "name": "王芳", "id_number": "350203198503071234"}\n'


def _old(path: Path) -> Path:
    then = time.time() - 3600
    os.utime(path, (then, then))
    return path


def test_leftovers_of_a_killed_run_are_removed(data_dir: Path, tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    with open_station(data_dir, create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        crud.create(Client, {"name": "王芳"}, SYSTEM)
        backups.set_backup_folder(usb, Actor("admin", "admin"))
    # what a SIGKILL during an import, an export, backups and a restore leaves
    unpacked = data_dir / "staging" / "staging-k2j4"
    unpacked.mkdir(parents=True)
    (unpacked / "payload.zip").write_text(ROW, encoding="utf-8")
    spool = data_dir / "staging" / "spool-x9"
    spool.mkdir()
    (spool / "client.jsonl").write_text(ROW, encoding="utf-8")
    own = paths.backups_dir(data_dir)
    own.mkdir(exist_ok=True)
    killed = [own / "auto-20261206-101010-close.db.part",
              own / "before-restore-20261206-101011.db.part",
              usb / "auto-20261205-090000-start.db.part"]
    live = paths.db_path(data_dir)
    killed += [live.with_name(live.name + ".restore.part"),  # a restore's staged copy
               own / "auto-20261206-101010-close.db.part-journal"]
    for part in killed:
        part.write_bytes(b"SQLite format 3\0" + b"x" * 4096)
    _old(killed[2])  # a chosen folder's .part goes once nobody has written it for a while
    running = usb / "auto-20261206-101500-close.db.part"  # perhaps another PC's, right now
    running.write_bytes(b"SQLite format 3\0")
    by_hand = own / "swdesk-20261206-101600.db.part"  # db backup --out, which takes no lock
    by_hand.write_bytes(b"SQLite format 3\0")
    download = _old(_touch(usb / "film.mp4.part"))  # another program's, never ours to remove
    with caplog.at_level(logging.WARNING), open_station(data_dir):
        assert Client.select().count() == 1
    assert list((data_dir / "staging").iterdir()) == []
    assert not any(p.exists() for p in killed)
    assert running.exists() and by_hand.exists() and download.exists()
    said = " ".join(r.getMessage() for r in caplog.records if "interrupted run" in r.getMessage())
    assert "2 item(s) in staging/" in said and "4 unfinished backup or restore file(s)" in said
    assert "1 unfinished backup or restore file(s)" in said  # the chosen folder's, later
    assert "王芳" not in caplog.text and "payload" not in caplog.text
    _old(by_hand)
    with open_station(data_dir):
        pass
    assert not by_hand.exists() and running.exists()


def _touch(path: Path) -> Path:
    path.write_bytes(b"x")
    return path


def test_leftovers_that_fill_the_disk_do_not_stop_the_start(tmp_path: Path) -> None:
    """A killed backup's .part filling a real disk: the window's start and any command
    clear it under the lock first, and find a healthy database with room to work."""
    from smalldisk import small_disk

    from swdesk.db.diagnosis import Kind

    with small_disk(tmp_path) as disk:
        data_dir = disk.root / "data"
        with open_station(data_dir, create=True):
            station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        part = paths.backups_dir(data_dir) / "auto-20261206-101010-close.db.part"
        part.parent.mkdir(exist_ok=True)
        disk.filler = part  # what the killed backup wrote until the disk was full
        disk.fill()
        assert backups.startup_check(data_dir).diagnosis.kind is Kind.HEALTHY
        assert not part.exists()
        disk.fill()
        with open_station(data_dir):
            crud.create(Client, {"name": "王芳"}, SYSTEM)
        assert not part.exists()


def test_a_reader_removes_nothing(data_dir: Path) -> None:
    with open_station(data_dir, create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
    left = data_dir / "staging" / "spool-x9"
    left.mkdir(parents=True)
    with open_station(data_dir, write=False):  # db check, db backup: no lock, no changes
        pass
    assert left.exists()


def test_the_hub_removes_a_killed_ingest_once_a_day_old(tmp_path: Path) -> None:
    from swdesk.city import db as city_db

    city_db.init_city(tmp_path / "hub", None, "厦门市民政局").close()
    staging = tmp_path / "hub" / "staging"
    killed, running = staging / "staging-old1", staging / "staging-new2"
    for folder in (killed, running):
        folder.mkdir(parents=True)
        (folder / "payload.zip").write_text(ROW, encoding="utf-8")
    then = time.time() - 25 * 3600
    os.utime(killed, (then, then))
    city_db.open_city(tmp_path / "hub", None).close()
    assert not killed.exists()
    assert running.exists()  # the hub takes no lock: perhaps another ingest, right now
