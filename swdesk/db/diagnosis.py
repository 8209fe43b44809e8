"""What state the station database is in before it is opened, told apart, in plain words.

A data dir on a network or removable drive, a full disk, a read-only folder, a second
swdesk, a file from a newer swdesk and a damaged file all make opening fail, and each
needs a different remedy: only a damaged (or empty) file may be replaced by a backup.
:func:`diagnose` looks at the data dir without changing the database and says which
one it is.
"""

from __future__ import annotations

import enum
import errno
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from swdesk import paths
from swdesk.db.backup import check
from swdesk.db.location import live_location_problem, readonly_uri
from swdesk.db.schema import known_migrations, latest_version
from swdesk.i18n import _
from swdesk.os_words import reason

# Room a start needs besides the database itself: its -wal and -shm files and the first
# saves. Below this the check itself cannot be trusted (SQLite reports a disk I/O error).
START_MARGIN = 2 * 1024 * 1024


class Kind(enum.Enum):
    HEALTHY = "healthy"
    NOT_LOCAL = "not-local"  # on a network or removable drive: refused, never "damaged"
    NO_SPACE = "no-space"
    READ_ONLY = "read-only"
    LOCKED = "locked"
    NEWER = "newer"
    EMPTY = "empty"  # 0 bytes or missing
    DAMAGED = "damaged"


@dataclass
class Diagnosis:
    kind: Kind
    path: Path
    message: str = ""  # what is wrong and what to do, for a person
    problems: list[str] = field(default_factory=list)
    needed: int = 0  # NO_SPACE: the free bytes a start needs
    free: int = 0

    @property
    def replaceable(self) -> bool:
        """Whether a backup may be put in place of the file (only if it holds nothing good)."""
        return self.kind in (Kind.EMPTY, Kind.DAMAGED)


def size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def free_bytes(folder: Path) -> int:
    """Free space on the filesystem that holds ``folder`` (or its nearest existing parent)."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return shutil.disk_usage(folder).free


def _locked(data_dir: Path) -> bool:
    lock = FileLock(str(paths.lock_path(data_dir)), timeout=0, is_singleton=False)
    try:
        lock.acquire()
    except Timeout:
        return True
    except OSError:
        return False  # (a read-only folder: told by _write_problem)
    lock.release()
    return False


def _write_problem(data_dir: Path, path: Path) -> OSError | None:
    """The error writing into the data dir (or opening the file for writing) would raise."""
    probe = data_dir / ".swdesk-write-test"
    try:
        with open(probe, "wb"):
            pass
        probe.unlink()
        if path.exists():
            with open(path, "r+b"):  # (opening for writing changes nothing)
                pass
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return None  # a full disk, told apart by the free space
        return exc
    return None


def _newer_version(path: Path) -> int | None:
    """The schema version of a file a newer swdesk has migrated, None if it is not one."""
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            (version,) = con.execute("PRAGMA user_version").fetchone()
            applied = {r[0] for r in con.execute("SELECT name FROM schema_migration")}
        finally:
            con.close()
    except sqlite3.Error:
        return None  # unreadable: the full check says why
    if int(version) > latest_version() or applied - set(known_migrations()):
        return max(int(version), len(applied))
    return None


def short_of_space(data_dir: Path) -> Diagnosis | None:
    """NO_SPACE if the disk has less free than the database's size and the start margin
    (room for its -wal and -shm, and the day's backup); None if there is enough."""
    path = paths.db_path(data_dir)
    size = path.stat().st_size if path.is_file() else 0
    free, needed = free_bytes(data_dir), size + START_MARGIN
    if free >= needed:
        return None
    return Diagnosis(Kind.NO_SPACE, path, _(
        "数据目录 {} 所在的磁盘空间不足：还剩 {}，至少需要 {}。"
        "数据库没有损坏，也没有被改动。请清理磁盘后重试",
        "The disk of the data folder {} is full: {} free, at least {} needed. The database is "
        "not damaged and was not changed. Free some space and try again").format(
        data_dir, size_text(free), size_text(needed)), needed=needed, free=free)


def diagnose(data_dir: Path, *, lock_held: bool = False) -> Diagnosis:
    """The state of the station database in ``data_dir``; changes nothing in it (the lock
    is taken and released, a probe file made and removed, the database only read).

    ``lock_held``: the caller holds the data dir's lock (so it is not "locked").
    """
    path = paths.db_path(data_dir)
    # First: a share that drops looks like every other fault, and a restore over it
    # would move a healthy file aside.
    not_local = live_location_problem(data_dir)
    if not_local is not None:
        return Diagnosis(Kind.NOT_LOCAL, path, not_local)
    if data_dir.is_dir() and not lock_held and _locked(data_dir):
        return Diagnosis(Kind.LOCKED, path, _(
            "数据目录 {} 已被另一个 swdesk 程序打开，请先关闭它再试",
            "The data folder {} is already open in another swdesk program; close it first",
        ).format(data_dir))
    if not path.is_file() or path.stat().st_size == 0:
        return Diagnosis(Kind.EMPTY, path, _(
            "数据库文件 {} 是空的或不存在", "The database file {} is empty or missing",
        ).format(path))
    denied = _write_problem(data_dir, path)
    if denied is not None:
        return Diagnosis(Kind.READ_ONLY, path, _(
            "数据目录 {} 无法写入（{}）：磁盘是只读的，或没有写入权限。"
            "数据库没有损坏，也没有被改动。请检查该文件夹或磁盘后重试",
            "The data folder {} cannot be written ({}): the disk is read-only, or there is no "
            "permission to write. The database is not damaged and was not changed. Check the "
            "folder or disk and try again").format(data_dir, reason(denied)))
    no_space = short_of_space(data_dir)
    if no_space is not None and no_space.free < START_MARGIN:
        return no_space
    newer = _newer_version(path)
    if newer is not None:
        return Diagnosis(Kind.NEWER, path, _(
            "此数据库由更新版本的 swdesk 写过（数据库版本 {}，本程序支持到 {}）。数据没有损坏："
            "请安装更新版本的 swdesk 再打开。不要用旧的备份恢复，那样会丢失之后的工作",
            "This database was written by a newer swdesk (schema {}; this program knows up to "
            "{}). The data are not damaged: install the newer swdesk to open it. Do not "
            "restore an older backup: the work since then would be lost").format(
            newer, latest_version()))
    problems = check(path).problems
    if not problems:
        return Diagnosis(Kind.HEALTHY, path, _("数据库完好", "The database is healthy"))
    if no_space is not None and any("disk I/O" in p or "full" in p for p in problems):
        return no_space  # SQLite could not make its -shm/-wal files: not damage
    return Diagnosis(Kind.DAMAGED, path, _(
        "数据库已损坏：{}", "The database is damaged: {}").format("；".join(problems)),
        problems=problems)

