"""``swdesk db audit --verify | --last N``: check and read the hash-chained audit log."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from swdesk.db import open_station
from swdesk.i18n import _
from swdesk.services import audit_log


def add_parser(db_actions: Any, common: argparse.ArgumentParser) -> None:
    """Add ``audit`` to the actions of ``swdesk db``."""
    p = db_actions.add_parser("audit", parents=[common],
                              help=_("校验或查看审计日志", "verify or list the audit log"))
    p.add_argument("--verify", action="store_true",
                   help=_("校验哈希链（完好时退出码为 0）",
                          "verify the hash chain (exit code 0 only if intact)"))
    p.add_argument("--last", type=int, metavar="N",
                   help=_("列出最近 N 条记录", "list the newest N entries"))
    p.add_argument("--against", metavar="BACKUP",
                   help=_("与此备份比对（默认：最新的备份）",
                          "compare with this backup (default: the newest one)"))
    p.set_defaults(handler=cmd_audit)


def cmd_audit(args: argparse.Namespace, data_dir: Path) -> int:
    code = 0
    with open_station(data_dir, write=False):
        if args.verify:
            # default: the newest backup made after the last restore (a restore rewinds
            # the log on purpose, so older backups would cry tampering)
            against = (Path(args.against).expanduser() if args.against
                       else audit_log.comparison_backup(data_dir))
            report = audit_log.verify(against)
            for problem in report.problems():
                print(_("问题：{}", "problem: {}").format(problem))
            if report.intact:
                print(_("审计日志完好：{} 条记录", "The audit log is intact: {} entries").format(
                    report.entries))
                if report.compared_with is not None:
                    print(_("已与备份比对：{}", "Compared with the backup {}").format(
                        report.compared_with))
            else:
                print(_("审计日志被改动过！", "The audit log has been tampered with!"))
                code = 1
        if args.last is not None or not args.verify:
            for entry in reversed(audit_log.last(20 if args.last is None else args.last)):
                print(audit_log.describe_entry(entry))
    return code
