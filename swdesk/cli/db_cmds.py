"""``swdesk db check | backup | restore``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from swdesk import paths
from swdesk.cli import audit_cmds
from swdesk.db import (
    backup,
    backup_files,
    kept_figures,
    open_station,
    text_check,
    visit_seen,
)
from swdesk.db.diagnosis import Kind, diagnose
from swdesk.db.files import FileStore
from swdesk.db.lock import acquire_lock
from swdesk.errors import AlreadyOpenError, DatabaseError, SwdeskError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.os_words import reason
from swdesk.services import attachment_purge, backups, file_check

# The tables worth showing in a summary, with their labels.
SUMMARY = (
    ("client", "服务对象", "clients"), ("case", "个案", "cases"),
    ("case_log", "个案记录", "case logs"),
    ("service_record", "服务记录", "service records"), ("volunteer", "志愿者", "volunteers"),
    ("volunteer_hour", "志愿时长条目", "volunteer hour entries"), ("worker", "社工", "workers"),
    ("project", "项目", "projects"), ("change_log", "变更日志", "change log entries"),
)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    db = subparsers.add_parser("db", parents=[common],
                               help=_("数据库检查、备份与恢复", "check, back up and restore"))
    sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True,
                            parser_class=type(db))
    p = sub.add_parser("check", parents=[common],
                       help=_("检查数据库完整性（健康时退出码为 0）",
                              "check integrity (exit code 0 only if healthy)"))
    p.add_argument("--remove-orphans", action="store_true",
                   help=_("删除没有任何记录引用的附件文件（先列出）",
                          "remove the attachment files no record names (listed first)"))
    p.add_argument("--repair", action="store_true", help=_(
        "重建可由数据推算出的内容（如各服务对象最后一次邻里守望探访）",
        "rebuild what can be worked out from the data (such as each client's last care "
        "visit)"))
    p.set_defaults(handler=cmd_check)
    p = sub.add_parser("backup", parents=[common],
                       help=_("在线备份（程序运行时也一致）", "online backup (consistent while "
                              "the program runs)"))
    p.add_argument("--out", required=True, metavar="FILE",
                   help=_("备份文件或目录", "backup file, or a folder to put it in"))
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", parents=[common],
                       help=_("用备份替换当前数据库（先自动备份当前数据）",
                              "replace the database with a backup (the current one is backed "
                              "up first)"))
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_restore)
    audit_cmds.add_parser(sub, common)


def _summary(counts: dict[str, int]) -> str:
    return "，".join(f"{_(zh, en)} {counts[t]}" for t, zh, en in SUMMARY if t in counts)


def cmd_check(args: argparse.Namespace, data_dir: Path) -> int:
    path = paths.db_path(data_dir)
    if not path.exists():
        raise DatabaseError(_("{} 中没有站点数据库", "There is no station database in {}")
                            .format(data_dir))
    state = diagnose(data_dir)
    if state.kind in (Kind.NO_SPACE, Kind.EMPTY, Kind.NEWER):  # (not damage: say what it is)
        raise DatabaseError(state.message)
    report = backup.check(path)
    if report.healthy:  # (a backup's check leaves this out: a backup keeps such text as is)
        report.problems += [_(
            "表 {table} 的 {column} 列有 {rows} 行文字不是 UTF-8（第一行：{first}）："
            "这些行在程序中无法打开或导出（同步时以 � 代替）",
            "{rows} rows of table {table} hold text that is not UTF-8 in column {column} "
            "(the first: {first}): the program cannot open or export them (sync sends � in "
            "their place)").format(table=d.table, column=d.column, rows=d.rows, first=d.first)
            for d in text_check.scan_file(path)]
    if report.healthy:
        repair = getattr(args, "repair", False)
        report.problems += _kept_visits(data_dir, path, repair=repair)
        report.problems += _kept_figures(data_dir, path, repair=repair)
    if not report.healthy:
        for problem in report.problems:
            print(_("问题：{}", "problem: {}").format(problem))
        print(_("数据库有问题：{}", "The database is NOT healthy: {}").format(path))
        return 1
    files = _check_files(data_dir, remove_orphans=args.remove_orphans) \
        if "attachment" in report.counts else file_check.FileCheck()  # (an older schema)
    if not files.healthy:
        print(_("附件文件有问题：{}", "Attachment files are NOT all right: {}").format(
            FileStore.of(data_dir).root))
        return 1
    print(_("数据库完好：{}（数据库版本 {}）", "The database is healthy: {} (schema {})").format(
        path, report.schema_version))
    print(_summary(report.counts))
    return 0


def _check_files(data_dir: Path, *, remove_orphans: bool) -> file_check.FileCheck:
    """The attachments' files: each named one there and unchanged, orphans listed; with
    the data dir free (the program closed), half-written files cleared, the files of
    acknowledged deletions removed and, if asked, the orphans."""
    store = FileStore.of(data_dir)
    try:
        lock = acquire_lock(data_dir)
    except AlreadyOpenError:
        lock = None  # (the program is open: it may be writing a file this very moment)
    try:
        with open_station(data_dir, write=False) as sdb:
            if lock is not None:
                store.clear_tmp()
                purged = attachment_purge.purge_acknowledged(StationHandle.of(sdb))
                if purged:
                    print(_("已删除 {} 个已确认删除的附件文件", "Removed {} files of attachments "
                            "whose deletion the city acknowledged").format(purged))
            result = file_check.check_files(data_dir)
            for line in result.lines():
                print(_("问题：{}", "problem: {}").format(line))
            if result.orphans and remove_orphans:
                if lock is None:
                    print(_("程序正在运行，未删除没有引用的附件文件；请关闭程序后再试",
                            "The program is running: the unreferenced files were not "
                            "removed; close it and try again"))
                else:
                    print(_("正在删除以上 {} 个没有引用的附件文件", "Removing the {} "
                            "unreferenced attachment files listed above").format(
                        len(result.orphans)))
                    gone = file_check.remove_orphans(data_dir, result.orphans)
                    print(_("已删除 {} 个", "{} removed").format(gone))
    finally:
        if lock is not None:
            lock.release()
    if lock is None:
        print(_("程序正在运行：未清理临时文件，也未删除已确认删除的附件文件",
                "The program is running: half-written files and the files of acknowledged "
                "deletions were left for the next check"))
    if result.checked:
        print(_("已核对 {} 个附件文件", "{} attachment files checked").format(result.checked))
    return result
def _kept_visits(data_dir: Path, path: Path, *, repair: bool) -> list[str]:
    """The kept last care visits against a count of the records; rebuilt with --repair."""
    return _kept(data_dir, path, visit_seen, repair=repair, rebuilt=_(
        "已重建 {} 位服务对象的最后探访日期", "Rebuilt the last care visit of {} clients"),
        wrong=_("{} 位服务对象的最后探访日期与服务记录不符（待办会算错）："
                "用 db check --repair 重建", "the last care visit of {} clients disagrees "
                "with the records (the work list would be wrong): rebuild it with db check "
                "--repair"))


def _kept_figures(data_dir: Path, path: Path, *, repair: bool) -> list[str]:
    """The kept figures against a count of the records; rebuilt with --repair."""
    return _kept(data_dir, path, kept_figures, repair=repair, rebuilt=_(
        "已重建统计数（{} 处与记录不符）", "Rebuilt the kept figures ({} rows disagreed "
        "with the records)"), wrong=_(
        "统计数与记录不符（{} 处，工作台和报表的数字会算错）：用 db check --repair 重建",
        "the kept figures disagree with the records in {} rows (the dashboard and reports "
        "would be wrong): rebuild them with db check --repair"))


def _kept(data_dir: Path, path: Path, table: Any, *, repair: bool, rebuilt: str,
          wrong: str) -> list[str]:
    """A kept table (``table``: its module, with ``differences_in`` and ``rebuild``)
    against a count of the records: the problem in words, or rebuilt with --repair."""
    differ = int(table.differences_in(path))
    if not differ:
        return []
    if repair:
        with open_station(data_dir) as sdb, sdb.db.atomic():
            table.rebuild(sdb.db)
        print(rebuilt.format(differ))
        return []
    return [wrong.format(differ)]


def cmd_backup(args: argparse.Namespace, data_dir: Path) -> int:
    source = paths.db_path(data_dir)
    if not source.exists():
        raise DatabaseError(_("{} 中没有站点数据库", "There is no station database in {}")
                            .format(data_dir))
    out = Path(args.out).expanduser()
    if out.is_dir():
        out = out / backup.default_backup_name()
    if out.exists():
        raise SwdeskError(_("{} 已存在，请换一个文件名", "{} exists; choose another name")
                          .format(out))
    if not out.parent.is_dir():
        raise SwdeskError(_("文件夹 {} 不存在", "The folder {} does not exist").format(out.parent))
    try:
        backup.backup_file(source, out)
    except OSError as exc:
        raise SwdeskError(_("无法写入 {}：{}", "Cannot write {}: {}").format(
            out, reason(exc))) from exc
    try:
        files = backup_files.copy_for_backup(out, FileStore.of(data_dir))
    except SwdeskError:
        out.unlink(missing_ok=True)  # (no backup without its files)
        raise
    report = backup.check(out)
    if not report.healthy:
        raise DatabaseError(_("备份校验失败：{}", "The backup failed its check: {}").format(
            "；".join(report.problems)))
    print(_("已备份到 {}", "Backed up to {}").format(out))
    print(_summary(report.counts))
    if files.copied or report.missing_files:
        print(_("附件文件：新复制 {} 个（{}）", "Attachment files: {} copied ({})").format(
            files.copied, backup_files.store_of(out.parent).root))
    if report.missing_files:
        print(_("问题：有 {} 个附件文件缺失或已损坏，未能备份，请运行 swdesk db check",
                "problem: {} attachment files are missing or damaged and were not backed up; "
                "run swdesk db check").format(len(report.missing_files)))
    return 0


def cmd_restore(args: argparse.Namespace, data_dir: Path) -> int:
    """Works on a damaged, empty or missing database too (it is kept aside, not backed up)."""
    report = backups.restore_file(data_dir, Path(args.file).expanduser())
    if report.saved is not None and report.saved.is_dir():
        print(_("已从 {} 恢复，原来损坏的数据库文件保存在 {}", "Restored from {}; the damaged "
                "database files were kept in {}").format(args.file, report.saved))
    else:
        print(_("已从 {} 恢复，恢复前的数据已备份在 {}", "Restored from {}; the previous data "
                "were backed up in {}").format(args.file, paths.backups_dir(data_dir)))
    print(_summary(report.counts))
    if report.files.copied:
        print(_("已从备份取回 {} 个附件文件", "{} attachment files brought back from the backup")
              .format(report.files.copied))
    for line in report.lacking:
        print(_("问题：备份文件夹中没有这个附件的文件：{}",
                "problem: the backup folder lacks the file of {}").format(line))
    return 0
