"""What a killed run leaves in a data dir, removed when the dir is next opened for writing
(and, at the hub, what a killed ingest left, once it is a day old).

A power cut or a killed program can leave, in the data dir's ``staging/``, the spool
files of a package being written (whole rows, unencrypted) and the folder of a package
being read; a ``*.db.part`` file of a backup that did not finish, in a backup folder;
and ``swdesk.db.restore.part``, the staged copy of a restore (each as big as the
database). Nothing else ever removes them. The writer's lock is held when this runs,
so no other swdesk is using ``staging/``, restoring, nor writing the backups only a
lock holder makes (automatic, manual, before a restore or an upgrade) into the data
dir's ``backups/``: those go at once. Any other ``.db.part`` (``db backup --out``,
which takes no lock, or a chosen backup folder that another PC may share) may belong
to a backup running now: it goes once left alone for a while.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from swdesk import paths
from swdesk.db.lock import acquire_lock
from swdesk.errors import SwdeskError

log = logging.getLogger(__name__)

STALE_PART_SECONDS = 600  # a backup being written touches its file far more often
LOCKED_PREFIXES = ("auto-", "manual-", "before-restore-", "before-upgrade-")
STALE_HUB_STAGING_SECONDS = 24 * 3600  # no ingest runs that long


def remove(data_dir: Path, backup_folders: Iterable[Path] = ()) -> None:
    """Remove ``staging/``'s contents and unfinished backup files; say so in the log.

    The caller holds the data dir's lock. The data dir's ``backups/`` is always looked
    at; ``backup_folders`` adds the chosen one. Never fails: what cannot be removed is
    logged and left.
    """
    folders, size = _remove_staging(data_dir / "staging", 0)
    live = paths.db_path(data_dir)
    own = paths.backups_dir(data_dir)
    # (path, made only under the lock): the restore's staged copy, then the backups
    found = [(p, True) for p in _entries(data_dir, live.name + ".restore.part*")]
    for folder in dict.fromkeys([own, *backup_folders]):
        found += [(p, folder == own and p.name.startswith(LOCKED_PREFIXES))
                  for p in _parts(folder)]
    files = 0
    now = time.time()
    for part, ours in found:
        try:
            stat = part.stat()
            if not ours and now - stat.st_mtime < STALE_PART_SECONDS:
                continue
            part.unlink()
            files += 1
            size += stat.st_size
        except OSError as exc:
            log.warning("cannot remove an unfinished backup file: %s", exc.strerror)
    if folders or files:
        # Counts and sizes only: the names in staging/ say nothing, but nothing of a
        # package's content may reach the log.
        log.warning("removed what an interrupted run left: %d item(s) in staging/ "
                    "(package being written or read) and %d unfinished backup or restore "
                    "file(s) (*.part), %d bytes in all", folders, files, size)


def tidy(data_dir: Path) -> None:
    """:func:`remove` under the data dir's lock, before the window's start-up diagnosis
    (a leftover may be what fills the disk); nothing if another swdesk has the lock."""
    if not data_dir.is_dir():
        return
    try:
        lock = acquire_lock(data_dir)
    except SwdeskError:  # open elsewhere, or a read-only folder: that one's business
        return
    try:
        remove(data_dir)
    finally:
        lock.release()


def _parts(folder: Path) -> list[Path]:
    """Backups being written: ``*.db.part`` and SQLite's files beside one (never another
    program's ``.part`` download in a chosen folder)."""
    return [p for p in _entries(folder, "*.db.part*")
            if p.name.endswith((".db.part", ".db.part-journal", ".db.part-wal",
                                ".db.part-shm"))]


def remove_hub_staging(staging: Path) -> None:
    """The hub's ``staging/``: folders of ingests killed a day ago or more.

    The hub takes no lock (an officer may run two commands at once), so a folder is
    only removed once no ingest can still be reading it.
    """
    folders, size = _remove_staging(staging, STALE_HUB_STAGING_SECONDS)
    if folders:
        log.warning("removed what an interrupted ingest left: %d item(s) in staging/, "
                    "%d bytes", folders, size)


def _remove_staging(staging: Path, older_than: float) -> tuple[int, int]:
    """Remove the entries of ``staging`` untouched for ``older_than`` seconds; (count, bytes)."""
    count = size = 0
    now = time.time()
    for entry in _entries(staging):
        try:
            if older_than and now - entry.lstat().st_mtime < older_than:
                continue
            size += _size(entry)
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            count += 1
        except OSError as exc:
            log.warning("cannot remove a leftover in staging/: %s", exc.strerror)
    return count, size


def _entries(folder: Path, pattern: str = "*") -> list[Path]:
    try:
        return sorted(folder.glob(pattern)) if folder.is_dir() else []
    except OSError:  # an unplugged backup disk
        return []


def _size(path: Path) -> int:
    if not path.is_dir() or path.is_symlink():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*"))
