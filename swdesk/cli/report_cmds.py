"""``swdesk report KIND … --out FILE.pdf``: the printed reports."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from swdesk import reports
from swdesk.db import open_station
from swdesk.i18n import _
from swdesk.services.actor import SYSTEM


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    report = subparsers.add_parser("report", parents=[common],
                                   help=_("打印报表（PDF；月报也可导出 Excel）",
                                          "print reports (PDF; the monthly one also to Excel)"))
    sub = report.add_subparsers(dest="report_kind", metavar="KIND", required=True,
                                parser_class=type(report))

    def add(kind: str, help_zh: str, help_en: str, out_help: str = "") -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(kind, parents=[common],
                                                    help=_(help_zh, help_en))
        p.add_argument("--out", required=True, metavar="FILE",
                       help=out_help or _("输出的 PDF 文件", "the PDF file to write"))
        p.set_defaults(handler=cmd_report)
        return p

    add("record", "服务记录表", "service record sheet").add_argument(
        "--record", dest="target", required=True, metavar="ID", help=_("服务记录编号", "record id"))
    add("case", "个案档案", "case file").add_argument(
        "--case", dest="target", required=True, metavar="ID", help=_("个案编号", "case id"))
    add("monthly", "月度工作报表", "monthly report",
        _("输出文件：.pdf 或 .xlsx", "the file to write: .pdf or .xlsx")).add_argument(
        "--month", required=True, metavar="YYYY-MM", help=_("月份，如 2026-05", "e.g. 2026-05"))
    p = add("volunteer", "志愿服务记录证明（编号并登记）",
            "volunteer certificate (numbered and registered)")
    p.add_argument("--volunteer", dest="target", required=True, metavar="ID",
                   help=_("志愿者编号", "volunteer id"))
    p.add_argument("--year", default="", metavar="Y",
                   help=_("只计该年度的时长（默认：全部）",
                          "only that year's hours (default: all)"))
    p = add("volunteer-hours", "志愿服务时长统计", "volunteer hours by volunteer, team, project")
    p.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    p.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    add("project", "项目指标进度与评估表", "project progress and evaluation").add_argument(
        "--project", dest="target", required=True, metavar="ID", help=_("项目编号", "project id"))
    add("training", "继续教育学时统计", "continuing-education hours").add_argument(
        "--year", required=True, metavar="Y")
    add("blank", "空白表格（外出走访用）", "blank forms for field visits").add_argument(
        "target", choices=("intake", "service"), metavar="intake|service")


def cmd_report(args: argparse.Namespace, data_dir: Path) -> int:
    request = reports.ReportRequest(
        kind=args.report_kind, target=str(getattr(args, "target", "") or ""),
        month=getattr(args, "month", "") or "", year=str(getattr(args, "year", "") or ""),
        date_from=getattr(args, "date_from", "") or "", date_to=getattr(args, "date_to", "") or "")
    with open_station(data_dir):
        print(reports.run(request, SYSTEM, Path(args.out).expanduser()))
    return 0
