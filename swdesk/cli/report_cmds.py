"""``swdesk report KIND … --out FILE.pdf``: the printed reports, one subcommand per kind
of the report registry (:mod:`swdesk.reports.kinds`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from swdesk import reports
from swdesk.db import open_station
from swdesk.i18n import _
from swdesk.reports import kinds
from swdesk.services.actor import SYSTEM

# Every row is named by the number people see (an id is taken too).
METAVARS = {"month": "YYYY-MM", "year": "Y", "date": "DATE", "record": "RECORD_NO",
            "case": "CASE_NO", "volunteer": "VOLUNTEER_NO", "project": "PROJECT_NO",
            "activity": "ACTIVITY_NO", "group": "GROUP_NO", "session": "N",
            "questionnaire": "CODE", "response": "ID"}
_DEST = "param_"  # (argparse's dest of a parameter: "from" is no name for an attribute)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    report = subparsers.add_parser("report", parents=[common],
                                   help=_("打印报表（PDF；月报也可导出 Excel）",
                                          "print reports (PDF; the monthly one also to Excel)"))
    sub = report.add_subparsers(dest="report_kind", metavar="KIND", required=True,
                                parser_class=type(report))
    for kind in kinds.all_kinds():
        add_kind(sub, common, kind)


def add_kind(sub: Any, common: argparse.ArgumentParser,
             kind: kinds.ReportKind) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(kind.key, parents=[common], help=kind.label(),
                                                description=kind.about())
    p.add_argument("--out", required=True, metavar="FILE",
                   help=_("输出文件：.pdf 或 .xlsx", "the file to write: .pdf or .xlsx")
                   if kind.excel else _("输出的 PDF 文件", "the PDF file to write"))
    for param in kind.params:
        helptext = param.hint() or param.label()
        choices = [c.value for c in param.choices] or None
        metavar = "|".join(choices) if choices else METAVARS.get(param.kind, "VALUE")
        if param.positional:
            p.add_argument(_DEST + param.name, choices=choices, metavar=metavar, help=helptext)
        else:
            p.add_argument(param.option(), dest=_DEST + param.name, required=param.required,
                           default="", choices=choices, metavar=metavar, help=helptext)
    p.set_defaults(handler=cmd_report, report_kind=kind.key)
    return p


def cmd_report(args: argparse.Namespace, data_dir: Path) -> int:
    kind = kinds.get(args.report_kind)
    request = reports.ReportRequest(kind.key, {
        param.name: str(getattr(args, _DEST + param.name, "") or "") for param in kind.params})
    with open_station(data_dir):
        print(reports.run(request, SYSTEM, Path(args.out).expanduser()))
    return 0
