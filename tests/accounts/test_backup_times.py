"""Backups are ordered by the time in their names, not by the files' modification times.

Copying a backup to a USB stick (or back) gives it a new modification time, and FAT32
keeps one only to two seconds: two backups made a second apart could swap places, and
the start-up offer could pick an older backup that was merely copied last.
"""

from __future__ import annotations

import datetime as dt
import os
import time

from swdesk import paths
from swdesk.db import StationDatabase, backup
from swdesk.services import backups

NAMES = ["auto-20250301-090000-start.db", "manual-20250301-090001.db",
         "manual-20250301-090001-2.db", "before-restore-20250301-090003.db"]


def test_backups_are_ordered_by_the_time_in_their_names(sdb: StationDatabase) -> None:
    folder = paths.backups_dir(sdb.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    made = [backup.backup_to(sdb.db, folder / name) for name in NAMES]
    now = time.time()
    for age, path in enumerate(made):  # copied back from a stick: the oldest looks newest
        os.utime(path, (now - age * 2, now - age * 2))
    listed = backups.list_backups(sdb.data_dir)
    assert [b.path.name for b in listed] == NAMES[::-1]
    assert listed[0].made == dt.datetime(2025, 3, 1, 9, 0, 3)
    assert backups.newest_healthy_backup(sdb.data_dir) == made[-1]


def test_a_backup_named_otherwise_falls_back_to_its_file_time(sdb: StationDatabase) -> None:
    folder = paths.backups_dir(sdb.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    named = backup.backup_to(sdb.db, folder / "manual-20250301-090000.db")
    mine = backup.backup_to(sdb.db, folder / "我的备份.db")
    later = dt.datetime(2025, 3, 2, 8, 0).timestamp()
    os.utime(mine, (later, later))
    assert [b.path for b in backups.list_backups(sdb.data_dir)] == [mine, named]
    assert backups.made_at(mine) == (dt.datetime(2025, 3, 2, 8, 0), 0)
