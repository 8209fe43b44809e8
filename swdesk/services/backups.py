"""Automatic backups with rotation, the health check at start, the newest healthy backup.

The program backs up on its first start of a day and on every close, through
SQLite's online backup (:func:`swdesk.db.backup.backup_to`), into ``backups/`` in
the data dir or a folder the administrator chose (a USB disk, say). Rotation keeps
the newest backup of each of the last 7 days, 4 weeks and 12 months that have one.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from swdesk import outfiles, paths, reference, settings
from swdesk.db import backup, backup_files, epochs, leftovers, restore, schema
from swdesk.db.backup import backup_folders
from swdesk.db.backup_files import FileCopyError, FilesCopied, Progress
from swdesk.db.connection import StationDatabase, open_station, upgrade
from swdesk.db.diagnosis import Diagnosis, Kind, diagnose
from swdesk.db.faults import translate_os_error
from swdesk.db.files import FileStore
from swdesk.db.location import readonly_uri
from swdesk.errors import DatabaseError, ValidationError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.model import database
from swdesk.os_words import reason
from swdesk.services import file_check, journal
from swdesk.services.accounts import _require_admin
from swdesk.services.actor import SYSTEM, Actor

log = logging.getLogger(__name__)

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_AUTO = re.compile(r"^auto-(\d{8}-\d{6})-(start|close)(?:-\d+)?\.db$")
# The time in any backup's name (``manual-20250301-093000-2.db``: the second in that second).
_STAMPED = re.compile(r"-(\d{8}-\d{6})(?:-[a-z]+)?(?:-(\d+))?\.db$")


def made_at(path: Path) -> tuple[dt.datetime, int]:
    """When the backup ``path`` was made, from the time in its name, and its number within
    that second; the file's modification time for a name without one.

    Not the modification time first: copying a backup to a USB stick changes it, and
    FAT32 keeps it only to two seconds.
    """
    m = _STAMPED.search(path.name)
    if m:
        try:
            return dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), int(m.group(2) or 1)
        except ValueError:
            pass  # (digits that are no time)
    return dt.datetime.fromtimestamp(int(path.stat().st_mtime)), 0


def set_backup_folder(folder: Path | None, actor: Actor) -> None:
    """Choose where automatic backups go (None: the data dir's backups/). Admin only."""
    _require_admin(actor)
    if folder is not None:
        folder = Path(folder).expanduser().resolve()
        if not folder.is_dir() or not outfiles.can_write_in(folder):
            raise ValidationError(_("文件夹 {} 不存在或不可写入", "The folder {} does not exist "
                                    "or cannot be written").format(folder), "folder")
    with database.atomic():
        if folder is None:
            settings.BACKUP_DIR.clear()
        else:
            settings.BACKUP_DIR.set(folder)
        journal.audit(actor, "setting", "setting", settings.BACKUP_DIR.key)


@dataclass
class AutoBackup:
    path: Path | None  # None: skipped (already backed up today)
    fell_back: bool = False  # the chosen folder was unavailable; backups/ was used
    removed: list[Path] = field(default_factory=list)
    files: FilesCopied = field(default_factory=FilesCopied)  # the attachments' files copied

    @property
    def message(self) -> str:
        if self.path is None:
            return _("今天已自动备份过", "Already backed up today")
        text = _("已自动备份到 {}", "Backed up to {}").format(self.path)
        if self.fell_back:
            text += _("（所选备份文件夹不可用，已改存到数据目录）",
                      " (the chosen backup folder was unavailable; used the data folder)")
        return text + lacking_text(self.files)


def lacking_text(files: FilesCopied) -> str:
    """What a backup says of the attachments' files it could not include ("" if none)."""
    if not files.lacking:
        return ""
    return _("（有 {} 个附件文件缺失或已损坏，未能备份，请运行数据库检查）",
             " ({} attachment files are missing or damaged and were not backed up; run the "
             "database check)").format(len(files.lacking))


def _auto_files(folder: Path) -> list[tuple[dt.datetime, Path]]:
    found = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = _AUTO.match(p.name)
            if m:
                found.append((dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), p))
    return sorted(found, reverse=True)


def backed_up_on(day: dt.date, data_dir: Path) -> bool:
    return any(when.date() == day for folder in backup_folders(data_dir)
               for when, _p in _auto_files(folder))


def auto_backup(sdb: StationDatabase, reason: str, at: dt.datetime | None = None,
                progress: Progress | None = None) -> AutoBackup:
    """Back up on ``"start"`` (once a day) or ``"close"`` (always), then rotate.

    ``progress(done, total)`` is told in thousandths while the backup is written (the
    database's pages, then the attachments' files); it may raise (the person cancelled)
    to stop: nothing of that backup is left behind, and the exception goes on up.
    """
    if reason not in ("start", "close"):
        raise ValueError(reason)
    at = (at or dt.datetime.now()).replace(microsecond=0)
    if reason == "start" and backed_up_on(at.date(), sdb.data_dir):
        return AutoBackup(None)
    made = _write_backup(sdb.db, sdb.data_dir, f"auto-{at:%Y%m%d-%H%M%S}-{reason}", progress)
    return AutoBackup(made.path, made.fell_back,
                      rotate(made.path.parent, at.date(), FileStore.of(sdb.data_dir)),
                      made.files)


@dataclass
class Written:
    path: Path
    fell_back: bool  # the chosen folder was unavailable; backups/ was used
    files: FilesCopied  # the attachments' files copied into the folder's store


# The share of the bar the database's pages take when attachments' files follow.
_DATABASE_SHARE = 200
_BAR = 1000


def _database_bar(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total: progress(done * _DATABASE_SHARE // max(total, 1), _BAR)


def _files_bar(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None
    rest = _BAR - _DATABASE_SHARE
    return lambda done, total: progress(_DATABASE_SHARE + done * rest // max(total, 1), _BAR)


def _write_backup(db: pw.SqliteDatabase, data_dir: Path, stem: str,
                  progress: Progress | None = None) -> Written:
    """Back up into the chosen folder, else backups/: the database, then the attachments'
    files it names that the folder's store lacks. A file that cannot be copied fails
    the backup (its database file is taken away again: no backup without its files), and
    so does whatever ``progress`` raises (a cancel), which goes on up."""
    folders = backup_folders(data_dir)
    fell_back = False
    for folder in folders:
        target: Path | None = None
        try:
            if folder == folders[-1]:
                folder.mkdir(parents=True, exist_ok=True)
            elif not folder.is_dir():  # an unplugged USB disk: never recreate it locally
                raise FileNotFoundError(2, "not mounted", str(folder))
            target = _free_name(folder, stem)
            backup.backup_to(db, target, _database_bar(progress))
            files = backup_files.copy_for_backup(target, FileStore.of(data_dir),
                                                 _files_bar(progress))
        except BaseException as exc:
            _remove_partial(folder)
            if target is not None:  # (a fresh name: whatever is there is this run's)
                _remove_quietly(target)
            if not isinstance(exc, (OSError, sqlite3.Error, FileCopyError)):
                raise  # (cancelled, or a fault of this program: not the folder's)
            if folder == folders[-1]:
                if isinstance(exc, FileCopyError):
                    raise  # (it names the file)
                raise _backup_error(folder, exc) from exc
            log.warning("backup folder %s unusable (%s); using the data dir", folder, exc)
            fell_back = True
            continue
        return Written(target, fell_back, files)
    raise AssertionError("backups/ is always the last folder")


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:  # (a share gone meanwhile: the error said what failed)
        log.warning("could not remove %s: %s", path, exc)


def _free_name(folder: Path, stem: str) -> Path:
    candidate, n = folder / f"{stem}.db", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}.db"
    return candidate


def _remove_partial(folder: Path) -> None:
    for part in folder.glob("*.db.part") if folder.is_dir() else ():
        part.unlink(missing_ok=True)


def _backup_error(folder: Path, exc: BaseException) -> DatabaseError:
    if isinstance(exc, OSError):
        return translate_os_error(exc, folder)
    if "full" in str(exc):
        return translate_os_error(OSError(28, "disk full"), folder)
    return DatabaseError(_("备份失败：{}", "The backup failed: {}").format(reason(exc)))


def rotate(folder: Path, today: dt.date | None = None,
           live: FileStore | None = None) -> list[Path]:
    """Delete automatic backups beyond 7 daily, 4 weekly and 12 monthly; returns those deleted.
    The attachments' files no kept backup names any more go from the folder's store
    (never from ``live``, the data dir's own, should the folder be the data dir).

    Buckets count days that *have* a backup, so a PC left off for a month still
    keeps its last seven days of work. Today's backups are all kept until the day
    is over (a close backup of a database that went wrong must not replace the
    morning's good one), and a bucket whose newest backup fails ``db check`` keeps
    its newest healthy one as well.
    """
    today = today or dt.date.today()
    files = _auto_files(folder)
    keep = {p for when, p in files if when.date() >= today}
    for limit, key in ((KEEP_DAILY, lambda d: d.date()),
                       (KEEP_WEEKLY, lambda d: d.isocalendar()[:2]),
                       (KEEP_MONTHLY, lambda d: (d.year, d.month))):
        buckets: dict[object, list[Path]] = {}
        for when, path in files:  # newest first: the first of a bucket is its newest
            buckets.setdefault(key(when), []).append(path)
        for newest, *older in list(buckets.values())[:limit]:
            keep.add(newest)
            if limit == KEEP_DAILY and older and not backup.check(newest).healthy:
                # (a day's files are thinned once, the next day: one check a day)
                keep.add(next((p for p in older if backup.check(p).healthy), newest))
    removed = [p for _w, p in files if p not in keep]
    for p in removed:
        p.unlink(missing_ok=True)
    if removed and live is not None:
        pruned = backup_files.prune(folder, live)
        log.info("rotation removed %d backups and %d files", len(removed), pruned)
    return removed


def newest_healthy_backup(data_dir: Path) -> Path | None:
    """The newest backup file (automatic or not) that passes ``db check``."""
    candidates = [p for folder in backup_folders(data_dir) if folder.is_dir()
                  for p in folder.glob("*.db") if p.is_file()]
    for path in sorted(candidates, key=lambda p: (made_at(p), p.name), reverse=True):
        if backup.check(path).healthy:
            return path
    return None


@dataclass
class StartupReport:
    """The start-up diagnosis (``db/diagnosis.py``) and the backup it may offer."""

    diagnosis: Diagnosis
    newest_backup: Path | None = None  # offered only for a damaged or empty database

    @property
    def kind(self) -> Kind | None:
        """The fault; None for a new station (no database and no backup to restore)."""
        if self.diagnosis.kind is Kind.EMPTY and self.newest_backup is None:
            return None
        return self.diagnosis.kind

    @property
    def path(self) -> Path:
        return self.diagnosis.path

    @property
    def problems(self) -> list[str]:
        return self.diagnosis.problems

    @property
    def exists(self) -> bool:
        return self.kind is not None

    @property
    def healthy(self) -> bool:
        return self.kind is Kind.HEALTHY

    @property
    def damaged(self) -> bool:
        return self.kind is Kind.DAMAGED

    @property
    def message(self) -> str:
        if self.kind is None:
            return _("还没有站点数据库", "There is no station database yet")
        text = self.diagnosis.message
        if not self.diagnosis.replaceable:
            return text
        if self.newest_backup is not None:
            return text + "\n" + _("可以用最新的完好备份恢复：{}（{}）",
                                   "The newest healthy backup can be restored: {} ({})").format(
                self.newest_backup.name, _mtime(self.newest_backup))
        return text + "\n" + _("没有找到完好的备份，请联系技术支持",
                               "No healthy backup was found; ask for support")


def _mtime(path: Path) -> str:
    return made_at(path)[0].strftime("%Y-%m-%d %H:%M")


def startup_check(data_dir: Path) -> StartupReport:
    """Tell apart, before opening: healthy, no space, read-only, locked, newer, empty, damaged.

    A backup is looked for only when the database may be replaced (damaged or empty);
    an empty or missing database with no backup is a new station.
    """
    leftovers.tidy(data_dir)  # a killed run's leftovers first: they may fill the disk
    report = StartupReport(diagnose(data_dir))
    if report.diagnosis.replaceable:
        report.newest_backup = newest_healthy_backup(data_dir)
    return report


def restore_file(data_dir: Path, source: Path, actor: Actor = SYSTEM) -> restore.RestoreReport:
    """Restore the backup ``source`` as the station database (the window is not open yet).

    For ``swdesk db restore`` and the start-up offer alike: the checks of
    :func:`swdesk.db.restore.restore` (the file, the room, never over a locked,
    read-only or newer database; a damaged one is kept aside), then the same
    migration and ``restore`` audit entry as a restore in the window, so
    ``db audit --verify`` compares with backups made after it.
    """
    result = restore.restore(source, data_dir)
    with open_station(data_dir), database.atomic():  # (brings an older backup up to date)
        journal.audit(actor, "restore", "", "", {
            "file": source.name, "saved": result.saved.name if result.saved else "",
            "sync_epoch": result.epoch, "files": result.files.copied,
            "files_lacking": len(result.files.lacking)})
        result.lacking = file_check.describe_files(result.files.lacking)
    return result


def replace_damaged(data_dir: Path, source: Path) -> restore.RestoreReport:
    """Restore ``source`` over a damaged or empty database, keeping the damaged files aside
    (in ``backups/damaged-<time>/``); refused for any other state of the database."""
    state = diagnose(data_dir)
    if not state.replaceable:
        raise DatabaseError(state.message)
    return restore_file(data_dir, source)


# --- the 设置 page: the list of backups, backing up now, restoring into the open database --

_KINDS = {"auto": "auto", "manual": "manual", "before-restore": "before-restore",
          "before-upgrade": "before-upgrade"}


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: dt.datetime  # the time in its name (``made_at``), to the second
    size: int  # bytes
    number: int = 0  # within that second (``-2.db`` …)

    @property
    def kind(self) -> str:
        """auto | manual | before-restore | before-upgrade | other (from the file name)."""
        for prefix, kind in _KINDS.items():
            if self.path.name.startswith(prefix + "-"):
                return kind
        return "other"

    @property
    def kind_label(self) -> str:
        return {"auto": _("自动备份", "automatic"), "manual": _("手动备份", "manual"),
                "before-restore": _("恢复前的数据", "before a restore"),
                "before-upgrade": _("升级前的数据", "before an upgrade")}.get(
            self.kind, _("其他", "other"))


def list_backups(data_dir: Path) -> list[BackupFile]:
    """Every backup file in the backup folders, newest first."""
    found: list[BackupFile] = []
    for folder in backup_folders(data_dir):
        if not folder.is_dir():
            continue
        for path in folder.glob("*.db"):
            try:
                size = path.stat().st_size
                made, number = made_at(path)
            except OSError:
                continue  # removed meanwhile (rotation)
            found.append(BackupFile(path, made, size, number))
    return sorted(found, key=lambda b: (b.made, b.number, b.path.name), reverse=True)


def _open_database(station: StationHandle) -> pw.SqliteDatabase:
    """The station's database, which must be the one in its data dir.

    (Not asked whether it is closed: peewee answers per thread, and a backup runs on a
    worker thread, which connects on first use.)
    """
    db = station.db
    if not isinstance(db, pw.SqliteDatabase) or \
            Path(db.database).resolve() != station.db_path.resolve():
        raise DatabaseError(_("数据目录 {} 的数据库没有打开", "The database of {} is not open")
                            .format(station.data_dir))
    return db


def backup_now(station: StationHandle) -> Path:
    """A backup of ``station`` on request (manual-<time>.db), in its chosen folder or its
    backups/; audited."""
    db = _open_database(station)
    with station.bound():
        with database.atomic():  # audited first, so the backup holds its own entry
            journal.audit(station.actor, "backup", "", "")
        made = _write_backup(db, station.data_dir, f"manual-{dt.datetime.now():%Y%m%d-%H%M%S}")
    return made.path


@dataclass
class RestoreResult:
    source: Path
    saved_as: Path  # the data as they were before the restore
    counts: dict[str, int]
    migrated: list[str] = field(default_factory=list)
    files: FilesCopied = field(default_factory=FilesCopied)  # attachments' files brought back
    lacking: list[str] = field(default_factory=list)  # those the backup folder lacked, named


def restore_into(station: StationHandle, source: Path) -> RestoreResult:
    """Restore ``source`` into ``station``'s open database (the running program's). Admin
    only.

    The running program holds the data dir's lock, so the restore cannot swap the
    file: SQLite's online backup copies ``source`` page by page into the live
    connection instead. The file is checked first, the current data are backed up
    to ``backups/before-restore-*.db``, and the row counts are compared afterwards
    (on a mismatch the saved data are put back). An older backup is migrated.
    """
    _require_admin(station.actor)
    db = _open_database(station)
    with station.bound():
        return _restore(station.data_dir, db, Path(source).expanduser().resolve(),
                        station.actor)


def _restore(data_dir: Path, db: pw.SqliteDatabase, source: Path,
             actor: Actor) -> RestoreResult:
    if source == paths.db_path(data_dir).resolve():
        raise ValidationError(_("不能用正在使用的数据库恢复自己", "The open database cannot be "
                                "restored from itself"), "source")
    report = backup.check(source)
    if not report.healthy:
        raise DatabaseError(_("{} 不能用于恢复：{}", "{} cannot be restored: {}").format(
            source.name, "；".join(report.problems)))
    if db.in_transaction():
        raise DatabaseError(_("有未完成的保存，请稍后再试", "A save is still running; try again"))
    # The copy of the current data, the backup's pages (through the -wal) and a migration's
    # backup of an older file: refused before anything is written if they cannot fit.
    size = source.stat().st_size
    _wanted, files_size = backup_files.needed_for_restore(source, FileStore.of(data_dir))
    restore.ensure_room(data_dir, paths.db_path(data_dir).stat().st_size + size
                       + (size if report.schema_version < schema.latest_version() else 0)
                       + restore.RESTORE_MARGIN + files_size)
    store = FileStore.of(data_dir)
    try:
        saved = backup.backup_to(db, backup.new_backup_path(paths.backups_dir(data_dir),
                                                            "before-restore"))
        backup_files.copy_for_backup(saved, store)
    except (OSError, sqlite3.Error) as exc:
        raise _backup_error(paths.backups_dir(data_dir), exc) from exc
    # The files first: the restored database never names a file still on its way.
    files = backup_files.restore_files(source, store)
    live = db.connection()
    carried = epochs.numbers(live)
    _copy_into(source, live)
    counts = backup.table_counts(live)
    if counts != report.counts:
        _copy_into(saved, live)
        raise DatabaseError(_("恢复后数据与备份不一致，已还原为恢复前的数据，请联系技术支持",
                              "The restored data differed from the backup; the previous data "
                              "were put back. Please ask for support"))
    migrated = upgrade(db, data_dir) if report.schema_version < schema.latest_version() \
        else []
    reference.invalidate()  # the lists may differ in the backup
    with database.atomic():
        # Its change numbers and row versions would repeat ones the city already has.
        epoch = epochs.begin(live, data_dir, carried, f"restored from {source.name}")
        journal.audit(actor, "restore", "", "", {"file": source.name, "saved": saved.name,
                                                 "sync_epoch": epoch, "files": files.copied,
                                                 "files_lacking": len(files.lacking)})
    log.info("restored %s into the open database (%d tables, %d files)", source.name,
             len(counts), files.copied)
    return RestoreResult(source, saved, counts, migrated, files,
                         file_check.describe_files(files.lacking))


def _copy_into(source: Path, live: sqlite3.Connection) -> None:
    try:
        src = sqlite3.connect(readonly_uri(source), uri=True)
        try:
            src.backup(live)
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise DatabaseError(_("恢复失败：{}", "The restore failed: {}").format(
            reason(exc))) from exc
