"""Backups and health checks, always through SQLite's online backup API, and the folders
backups go to (restores: ``restore.py``).

A plain file copy of a live WAL database can pass integrity_check and still miss
rows, so nothing here copies database files directly.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from swdesk import outfiles, paths, settings
from swdesk.db import backup_files
from swdesk.db.location import readonly_uri
from swdesk.db.schema import APPLICATION_ID, latest_version
from swdesk.errors import DatabaseError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.os_words import reason

log = logging.getLogger(__name__)


Progress = Callable[[int, int], None]
STEP_PAGES = 2048  # 8 MB of 4 KB pages between two progress reports


def _copy(src: sqlite3.Connection, target: Path, progress: Progress | None = None) -> None:
    """Online-backup ``src`` into a new file at ``target``, atomically (temp file + rename).

    The folder must exist: a mistyped ``--out`` should fail, not grow a new tree. With
    ``progress``, the pages are copied a step at a time, ``progress(done, total)`` told
    after each (it may raise to stop: the ``.part`` file stays for the caller to remove),
    inside one read transaction of ``src``: the copy stays one snapshot and is never
    restarted by a save made meanwhile on another connection (WAL).
    """
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    dst = sqlite3.connect(tmp)
    try:
        if progress is None:
            src.backup(dst)
        else:
            _copy_in_steps(src, dst, progress)
        dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    outfiles.replace(tmp, target)  # antivirus or OneDrive may hold a fresh file a moment


def _copy_in_steps(src: sqlite3.Connection, dst: sqlite3.Connection,
                   progress: Progress) -> None:
    def told(_status: int, left: int, total: int) -> None:
        progress(total - left, total)

    began = not src.in_transaction  # (else the caller's transaction is the snapshot)
    if began:
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot begins
    try:
        src.backup(dst, pages=STEP_PAGES, progress=told)
    finally:
        if began:
            src.execute("ROLLBACK")  # (it only read)


def backup_to(db: pw.SqliteDatabase, target: Path, progress: Progress | None = None) -> Path:
    """Back up an open database (consistent even while others write); ``progress`` as in
    :func:`_copy`."""
    _copy(db.connection(), target, progress)
    return target


def backup_file(source: Path, target: Path) -> Path:
    """Back up the database file ``source`` without taking the writer's lock."""
    src = open_readonly(source)
    try:
        _copy(src, target)
    finally:
        src.close()
    return target


def default_backup_name(prefix: str = "swdesk") -> str:
    return f"{prefix}-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.db"


def new_backup_path(folder: Path, prefix: str) -> Path:
    """A fresh file name in the program's own backup folder; never overwrites an earlier one."""
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / default_backup_name(prefix)
    candidate, n = first, 1
    while candidate.exists():
        n += 1
        candidate = first.with_name(f"{first.stem}-{n}.db")
    return candidate


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only sqlite3 connection to the database file ``path`` (DatabaseError if none)."""
    if not path.is_file():
        raise DatabaseError(_("找不到文件 {}", "File not found: {}").format(path))
    try:
        return sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(_("无法打开 {}：{}", "Cannot open {}: {}").format(path, exc)) from exc


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    schema_version: int = 0
    # Attachments' files its live rows name that its folder's store lacks: a restore
    # still works (it says which), so they are not ``problems``.
    missing_files: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def complete(self) -> bool:
        """Healthy, and every attachment's file there."""
        return self.healthy and not self.missing_files


def table_counts(con: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%fts%' ORDER BY name")]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def check(path: Path) -> CheckReport:
    """Integrity, foreign keys and identity of a database file, and whether the files its
    attachments name are in its folder's store; never writes to it."""
    report = CheckReport(path)
    try:
        con = open_readonly(path)
    except DatabaseError as exc:
        report.problems.append(str(exc))
        return report
    try:
        (app_id,) = con.execute("PRAGMA application_id").fetchone()
        if app_id != APPLICATION_ID:
            report.problems.append(_("不是 swdesk 数据库", "not a swdesk database"))
            return report
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            report.problems.append(_("完整性检查失败：{}", "integrity check failed: {}").format(
                "; ".join(rows[:5])))
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            report.problems.append(_("有 {} 条记录引用了不存在的数据（首个在表 {}）",
                                     "{} rows refer to missing rows (first in table {})").format(
                len(fk), fk[0][0]))
        (report.schema_version,) = con.execute("PRAGMA user_version").fetchone()
        if report.schema_version > latest_version():
            report.problems.append(_("数据库版本 {} 比本程序新", "schema {} is newer than this "
                                     "program").format(report.schema_version))
        report.counts = table_counts(con)
        report.missing_files = backup_files.lacking(path)
    except sqlite3.DatabaseError as exc:
        report.problems.append(_("无法读取数据库：{}", "cannot read the database: {}").format(
            reason(exc)))
    finally:
        con.close()
    return report


def _configured_folder(data_dir: Path) -> Path | None:
    """The chosen folder from the settings of ``data_dir``'s database: through the models
    when they are on it, else straight from the file (at start, before or instead of
    opening the database, or for another station than the models are on)."""
    if _bound_to(data_dir):
        return settings.BACKUP_DIR.get()
    path = paths.db_path(data_dir)
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            return settings.BACKUP_DIR.read(con)
        finally:
            con.close()
    except sqlite3.Error:
        return None  # a damaged file: fall back to the data dir's own backups


def _bound_to(data_dir: Path) -> bool:
    db = database.obj
    return isinstance(db, pw.SqliteDatabase) and \
        Path(db.database).resolve() == paths.db_path(data_dir).resolve()


def backup_folders(data_dir: Path) -> list[Path]:
    """Where backups go (first) and where they are looked for: chosen folder, then backups/."""
    folders = [paths.backups_dir(data_dir)]
    chosen = _configured_folder(data_dir)
    if chosen is not None and chosen != folders[0]:
        folders.insert(0, chosen)
    return folders
