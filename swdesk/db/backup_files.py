"""The attachments' files of backups: a content-addressed store beside the backup files.

A backup folder keeps one :class:`FileStore` (``<folder>/attachments/ab/abcdef…``) that
all its backups share: a backup copies in only the files the store does not hold yet
(an unchanged photo is never copied twice), and rotation takes away the files no kept
backup names any more. A restore copies the files of the backup it restores from that
store back into the data dir. Which files a backup needs is read from the backup file
itself (its ``attachment`` table), so the store always answers for what was backed up.

Plain ``sqlite3`` (no models): it reads backup files, and the models may be on another
station's database.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from swdesk.db.files import FOLDER, FileStore, is_hash
from swdesk.db.location import readonly_uri
from swdesk.errors import DatabaseError
from swdesk.i18n import _
from swdesk.os_words import reason

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class FileCopyError(DatabaseError):
    """One attachment's file could not be copied: the backup or restore says which."""


def store_of(folder: Path) -> FileStore:
    """The files' store of a backup folder (the same layout as a data dir's)."""
    return FileStore(Path(folder) / FOLDER)


def same_store(a: FileStore, b: FileStore) -> bool:
    """Whether two stores are one folder (a backup folder chosen to be the data dir)."""
    try:
        return a.root.resolve() == b.root.resolve()
    except OSError:
        return False


def named_by(con: sqlite3.Connection) -> set[str]:
    """The files the live attachment rows of a database name: ``sha256`` and, when the
    station keeps originals, ``original_sha256``.

    Not a tombstone's: a deleted attachment's file stays in the data dir until the city
    has the deletion, then goes (``services/attachment_purge.py``); a backup restores
    the deletion, not the file.
    """
    if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                   "AND name = 'attachment'").fetchone() is None:
        return set()  # (a backup from before attachments)
    found: set[str] = set()
    for sha, original in con.execute(
            "SELECT sha256, original_sha256 FROM attachment WHERE NOT deleted"):
        found.update(h for h in (sha, original) if isinstance(h, str) and is_hash(h))
    return found


def named_in_file(path: Path) -> set[str]:
    """:func:`named_by` of the database file ``path``, read-only; sqlite3.Error if it
    cannot be read."""
    con = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        return named_by(con)
    finally:
        con.close()


@dataclass
class FilesCopied:
    """What a copy between two stores did."""

    copied: int = 0  # files written (the others were there already)
    bytes: int = 0
    missing: list[str] = field(default_factory=list)  # not in the source store
    damaged: list[str] = field(default_factory=list)  # in it, but no longer their hash

    @property
    def lacking(self) -> list[str]:
        """The files the target still lacks: missing or damaged at the source."""
        return sorted(self.missing + self.damaged)


def held(store: FileStore) -> set[str]:
    """The files ``store`` holds, from its folders' listings: one listing of each of its
    (at most 256) folders instead of a look at every file, which on a share over the
    network is what takes the time."""
    found: set[str] = set()
    try:
        tops = [e for e in os.scandir(store.root) if len(e.name) == 2 and e.is_dir()]
    except FileNotFoundError:
        return found
    for top in tops:
        with os.scandir(top.path) as entries:
            found.update(e.name for e in entries
                         if e.name.startswith(top.name) and is_hash(e.name) and e.is_file())
    return found


def to_copy(hashes: Iterable[str], target: FileStore) -> list[str]:
    """The files of ``hashes`` that ``target`` does not hold yet, in order."""
    there = held(target)
    return sorted(h for h in set(hashes) if h not in there)


def bytes_to_copy(hashes: Iterable[str], source: FileStore) -> int:
    """The room the files of ``hashes`` that ``source`` holds take."""
    total = 0
    for sha in hashes:
        try:
            total += source.size(sha)
        except OSError:
            continue  # (missing: nothing to copy)
    return total


def copy_files(hashes: Iterable[str], source: FileStore, target: FileStore,
               progress: Progress | None = None) -> FilesCopied:
    """Copy into ``target`` the files of ``hashes`` it lacks, each checked against its hash.

    A file ``source`` lacks, or holds changed, is listed, not copied (the caller says
    which). A file that cannot be read or written (a share gone, a full disk, a read
    error) stops the copy with :class:`FileCopyError` naming it: a backup must never be
    taken for complete when it is not. A file another program holds open is read as
    any other (Windows lets others read a photo a viewer has open).
    """
    result = FilesCopied()
    wanted = to_copy(hashes, target)
    for n, sha in enumerate(wanted, 1):
        try:
            stream = source.open(sha)
        except FileNotFoundError:
            result.missing.append(sha)
            continue
        except OSError as exc:
            raise _copy_error(source.path(sha), exc) from exc
        try:
            with stream:
                target.put_stream(sha, stream)
        except ValueError:  # the source's file changed since it was stored
            result.damaged.append(sha)
            continue
        except OSError as exc:
            raise _copy_error(source.path(sha), exc) from exc
        result.copied += 1
        result.bytes += target.size(sha)
        if progress is not None:
            progress(n, len(wanted))
    if result.missing or result.damaged:
        log.warning("%d files missing and %d changed in %s", len(result.missing),
                    len(result.damaged), source.root)
    return result


def _copy_error(path: Path, exc: OSError) -> FileCopyError:
    return FileCopyError(_("无法复制附件文件 {}：{}", "Cannot copy the attachment file {}: {}")
                         .format(path, reason(exc)))


def prune(folder: Path, live: FileStore) -> int:
    """Remove from ``folder``'s store the files no backup in ``folder`` names any more;
    how many. Nothing is removed when a backup there cannot be read (what it needs is
    then unknown), nor when the store is the data dir's own (``live``)."""
    store = store_of(folder)
    if not store.root.is_dir() or same_store(store, live):
        return 0
    named: set[str] = set()
    for path in sorted(folder.glob("*.db")):
        try:
            named |= named_in_file(path)
        except sqlite3.Error as exc:
            log.warning("backup %s unreadable (%s): its folder's files are kept", path.name,
                        exc)
            return 0
    removed = 0
    for sha in list(store.hashes()):
        if sha not in named and store.remove(sha):
            removed += 1
    store.clear_tmp()
    return removed


def lacking(path: Path) -> list[str]:
    """The files the live rows of the backup ``path`` name that its folder's store (for
    the station database itself: the data dir's) does not hold; existence only, a quick
    look (``db check`` compares hashes)."""
    try:
        named = named_in_file(path)
    except sqlite3.Error:
        return []  # (the database check says what is wrong with it)
    try:
        return sorted(named - held(store_of(path.parent)))
    except OSError:  # (a share gone meanwhile: none of them can be seen)
        return sorted(named)


def copy_for_backup(backup: Path, live: FileStore,
                    progress: Progress | None = None) -> FilesCopied:
    """Copy into the store of ``backup``'s folder the files its rows name that the store
    lacks (after the database was backed up: the backup file says what it needs);
    ``progress(done, total)`` after each file, which may raise to stop."""
    store = store_of(backup.parent)
    if same_store(store, live):
        return FilesCopied()  # (the data dir chosen as backup folder: the files are there)
    try:
        named = named_in_file(backup)
    except sqlite3.Error as exc:  # (FileCopyError: the backup is taken away again)
        raise FileCopyError(_("无法读取备份 {}：{}", "Cannot read the backup {}: {}").format(
            backup, reason(exc))) from exc
    return copy_files(named, live, store, progress)


def needed_for_restore(source: Path, live: FileStore) -> tuple[set[str], int]:
    """(the files of the backup ``source`` the data dir lacks, the room they take)."""
    try:
        named = named_in_file(source)
    except sqlite3.Error:
        return set(), 0  # (the database check refuses the file)
    wanted = set(to_copy(named, live))
    return wanted, bytes_to_copy(wanted, store_of(source.parent))


def restore_files(source: Path, live: FileStore) -> FilesCopied:
    """Bring back into the data dir's store, checked by hash, the files of the backup
    ``source`` from its folder's store; before the database is swapped in, so a restored
    database never names files still on their way. Only the live rows' files it cannot
    find are listed."""
    try:
        named = named_in_file(source)
    except sqlite3.Error as exc:
        raise DatabaseError(_("无法读取备份 {}：{}", "Cannot read the backup {}: {}").format(
            source, reason(exc))) from exc
    return copy_files(named, store_of(source.parent), live)
