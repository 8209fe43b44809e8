"""``swdesk db check | backup | restore``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from swdesk import paths
from swdesk.cli import audit_cmds
from swdesk.db import backup, open_station, text_check, visit_seen
from swdesk.db.diagnosis import Kind, diagnose
from swdesk.errors import DatabaseError, SwdeskError
from swdesk.i18n import _
from swdesk.os_words import reason
from swdesk.services import backups

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
        report.problems += _kept_visits(data_dir, path, repair=getattr(args, "repair", False))
    if not report.healthy:
        for problem in report.problems:
            print(_("问题：{}", "problem: {}").format(problem))
        print(_("数据库有问题：{}", "The database is NOT healthy: {}").format(path))
        return 1
    print(_("数据库完好：{}（数据库版本 {}）", "The database is healthy: {} (schema {})").format(
        path, report.schema_version))
    print(_summary(report.counts))
    return 0


def _kept_visits(data_dir: Path, path: Path, *, repair: bool) -> list[str]:
    """The kept last care visits against a count of the records; rebuilt with --repair."""
    wrong = visit_seen.differences_in(path)
    if not wrong:
        return []
    if repair:
        with open_station(data_dir) as sdb, sdb.db.atomic():
            visit_seen.rebuild(sdb.db)
        print(_("已重建 {} 位服务对象的最后探访日期", "Rebuilt the last care visit of {} "
                "clients").format(wrong))
        return []
    return [_("{} 位服务对象的最后探访日期与服务记录不符（待办会算错）：用 db check --repair 重建",
              "the last care visit of {} clients disagrees with the records (the work list "
              "would be wrong): rebuild it with db check --repair").format(wrong)]


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
    report = backup.check(out)
    if not report.healthy:
        raise DatabaseError(_("备份校验失败：{}", "The backup failed its check: {}").format(
            "；".join(report.problems)))
    print(_("已备份到 {}", "Backed up to {}").format(out))
    print(_summary(report.counts))
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
    return 0
