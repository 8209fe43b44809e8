"""An automatic backup told its progress, and stopped through it (issue 26: the window runs
backups off the GUI thread with a cancel button)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from attachment_files import stored_photos

from swdesk import paths
from swdesk.db import StationDatabase, backup, backup_files
from swdesk.model import Client
from swdesk.services import backups, crud
from swdesk.services.actor import SYSTEM

MORNING = dt.datetime(2026, 3, 2, 8, 30, 0)


class Stop(Exception):
    """What a cancel raises from the progress callback."""


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.db*"))


def test_progress_runs_to_the_end_over_pages_then_files(sdb: StationDatabase) -> None:
    shas = stored_photos(sdb.data_dir, 4)
    told: list[tuple[int, int]] = []
    made = backups.auto_backup(sdb, "close", MORNING, progress=lambda d, t: told.append((d, t)))
    assert made.path is not None and made.files.copied == 4
    assert {t for _d, t in told} == {1000}
    done = [d for d, _t in told]
    assert done == sorted(done) and done[-1] == 1000  # onwards only, to the end
    assert backup.check(made.path).complete
    assert set(backup_files.store_of(made.path.parent).hashes()) == shas


@pytest.mark.parametrize("stop_at", [1, 200, 600])  # in the database's pages; in the files
def test_a_backup_stopped_midway_leaves_nothing_behind(sdb: StationDatabase,
                                                       stop_at: int) -> None:
    stored_photos(sdb.data_dir, 4)
    folder = paths.backups_dir(sdb.data_dir)

    def cancel_at(done: int, _total: int) -> None:
        if done >= stop_at:
            raise Stop

    with pytest.raises(Stop):
        backups.auto_backup(sdb, "close", MORNING, progress=cancel_at)
    assert _left(folder) == []  # no backup file, no .part
    assert backups.auto_backup(sdb, "close", MORNING).path is not None  # the next one works


def test_the_copy_in_steps_is_one_snapshot_while_another_connection_writes(
        sdb: StationDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "STEP_PAGES", 8)  # many steps of a small database
    for i in range(300):
        crud.create(Client, {"name": f"客户{i}", "notes": "备注" * 400}, SYSTEM)
    before = Client.select().count()
    other = sqlite3.connect(sdb.db.database)
    writes = 0

    def write_meanwhile(_done: int, _total: int) -> None:
        nonlocal writes  # a save on another connection between two steps
        other.execute("UPDATE client SET notes = 'x' WHERE id = ?", (writes + 1,))
        other.execute("DELETE FROM client WHERE id = ?", (before - writes,))
        other.commit()
        writes += 1

    target = backup.backup_to(sdb.db, tmp_path / "copy.db", write_meanwhile)
    other.close()
    assert writes > 1  # (several steps, each after a write)
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM client").fetchone()[0] == before
    assert con.execute("SELECT count(*) FROM client WHERE notes = 'x'").fetchone()[0] == 0
    con.close()
