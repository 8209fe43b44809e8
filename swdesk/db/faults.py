"""What went wrong with the disk or the database file, told in words a station worker reads.

SQLite reports a full disk, a read-only file, a lock held by another program and
an I/O error as result codes; peewee wraps them in its own OperationalError.
:func:`translate` turns any of them into a :class:`DatabaseError` subclass with a
clear message; :func:`guard` does it around a block of code. SQLite rolls back
the failed statement and the ``atomic()`` block its transaction, so the file on
disk stays as it was before the write. On a full disk SQLite may roll the whole
transaction back itself; the first error in the chain is the one translated
(and ``connection.StationSqliteDatabase`` skips the ROLLBACK that would fail).
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

import peewee as pw

from swdesk.errors import DatabaseError
from swdesk.i18n import _
from swdesk.os_words import reason

# Primary SQLite result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26

P = ParamSpec("P")
R = TypeVar("R")


class DiskFullError(DatabaseError):
    """No space left for the database (or a backup)."""


class ReadOnlyError(DatabaseError):
    """The database file or its folder cannot be written."""


class BusyError(DatabaseError):
    """Another program holds the database (a lock that did not clear in time)."""


class DiskIOError(DatabaseError):
    """The disk failed to read or write (removed USB disk, failing drive)."""


class DamagedError(DatabaseError):
    """The database file is damaged or is not a database."""


def sqlite_errors_of(exc: BaseException) -> list[sqlite3.Error]:
    """The sqlite3 errors behind ``exc``, the first one raised first.

    peewee keeps the sqlite3 error as ``orig`` and the context; an error raised
    while handling another (peewee's ROLLBACK after SQLite already rolled back) has
    the first one as its context.
    """
    found: list[sqlite3.Error] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        inner = getattr(current, "orig", None) or (current.args[0] if current.args else None)
        if isinstance(current, sqlite3.Error):
            found.append(current)
        elif isinstance(inner, sqlite3.Error):
            found.append(inner)  # peewee 4 keeps it as ``orig`` (and it is the context too)
        current = current.__cause__ or current.__context__
    return list(reversed(dict.fromkeys(found)))  # each once; exceptions hash by identity


def _code(err: sqlite3.Error) -> int | None:
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF
    text = str(err).lower()  # errors raised without a code (older Pythons) carry only text
    for words, primary in (("disk is full", SQLITE_FULL), ("readonly", SQLITE_READONLY),
                           ("is locked", SQLITE_BUSY), ("disk i/o", SQLITE_IOERR),
                           ("malformed", SQLITE_CORRUPT), ("not a database", SQLITE_NOTADB)):
        if words in text:
            return primary
    return None


def translate(exc: BaseException) -> DatabaseError | None:
    """A worker-readable DatabaseError for a disk/database fault; None if ``exc`` is not one."""
    if isinstance(exc, DatabaseError):
        return exc
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        return translate_os_error(exc)
    # The first error wins: a failed clean-up after a full disk is not the news.
    for err in sqlite_errors_of(exc):
        fault = _fault(_code(err))
        if fault is not None:
            return fault
    return None


def _fault(code: int | None) -> DatabaseError | None:
    if code == SQLITE_FULL:
        return DiskFullError(_(
            "磁盘空间不足，刚才的修改没有保存。"
            "请清理磁盘（或换一个数据目录）后再试，已保存的数据不受影响",
            "The disk is full; the last change was not saved. Free some space and try again; "
            "data saved earlier is safe"))
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        return ReadOnlyError(_(
            "数据库或数据目录是只读的，无法保存修改。"
            "请检查文件夹权限，或是否把数据放在了只读的 U 盘/光盘上",
            "The database or its folder is read-only; changes cannot be saved. Check the "
            "folder's permissions, or whether it is on a read-only disk"))
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return BusyError(_(
            "数据库正被其他程序占用（例如另一个 swdesk 或数据库查看工具），"
            "刚才的修改没有保存。请关闭该程序后再试",
            "The database is in use by another program (another swdesk, or a database "
            "viewer); the last change was not saved. Close it and try again"))
    if code == SQLITE_IOERR:
        return DiskIOError(_(
            "读写磁盘时出错（U 盘被拔出或磁盘故障？），刚才的修改没有保存。"
            "请检查磁盘后重新打开程序",
            "The disk could not be read or written (a USB disk removed, a failing drive?); "
            "the last change was not saved. Check the disk and reopen the program"))
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DamagedError(_(
            "数据库文件已损坏。请重新打开程序，程序会检查数据库并提供最新的完好备份",
            "The database file is damaged. Reopen the program: it checks the database and "
            "offers the newest healthy backup"))
    return None


def translate_os_error(exc: OSError, where: Path | None = None) -> DatabaseError:
    """A file-level failure (backups, packages, the lock file) in the same words."""
    place = f"（{where}）" if where else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(_("磁盘空间不足{}，无法写入文件", "The disk is full{}; the file "
                               "cannot be written").format(place))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyError(_("没有写入权限或磁盘是只读的{}", "No permission to write, or the "
                               "disk is read-only{}").format(place))
    if exc.errno == errno.EIO:
        return DiskIOError(_("读写磁盘时出错{}", "The disk could not be read or written{}")
                           .format(place))
    return DatabaseError(_("文件操作失败{}：{}", "A file operation failed{}: {}").format(
        place, reason(exc)))


@contextmanager
def guard() -> Iterator[None]:
    """Turn disk and database faults raised inside the block into clear DatabaseErrors."""
    try:
        yield
    except (pw.OperationalError, pw.DatabaseError, sqlite3.Error, OSError) as exc:
        translated = translate(exc)
        if translated is None or translated is exc:
            raise
        raise translated from exc


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """A write (an import) whose database faults come out as clear DatabaseErrors.

    Only SQLite's errors are translated: a file the function cannot read keeps its own
    message.
    """
    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except (pw.DatabaseError, sqlite3.Error) as exc:
            translated = translate(exc)
            if translated is None:
                raise
            raise translated from exc
    return run
