"""``swdesk excel import | export | template``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from swdesk import excel, paths
from swdesk.db import open_station
from swdesk.errors import SwdeskError
from swdesk.excel.columns import EXPORT_KINDS, IMPORT_KINDS
from swdesk.i18n import _
from swdesk.services.actor import SYSTEM
from swdesk.validation import parse_date

SHOWN_ERRORS = 20  # rows with errors listed on the terminal; the report has them all


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    top = subparsers.add_parser("excel", parents=[common],
                                help=_("导入 Excel 台账、导出 Excel", "Excel import and export"))
    sub = top.add_subparsers(dest="excel_command", metavar="ACTION", required=True,
                             parser_class=type(top))
    p = sub.add_parser(
        "import", parents=[common],
        help=_("导入 Excel 台账（.xlsx）", "import an Excel ledger (.xlsx)"),
        description=_("逐行检查后导入；已登记的人（身份证号相同等）不会重复添加。",
                      "Checks every row, then imports; people already registered (same "
                      "resident ID …) are not added again."))
    p.add_argument("kind", choices=list(IMPORT_KINDS))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sheet", metavar="NAME", help=_("工作表名称（默认第一个）",
                                                     "sheet name (default: the first)"))
    p.add_argument("--dry-run", action="store_true",
                   help=_("只检查，不写入", "check only, write nothing"))
    p.add_argument("--map", action="append", default=[], metavar="HEADING=FIELD",
                   help=_("指定列的对应关系，如 '户籍地址=住址'；'列名=' 表示忽略该列（可重复）",
                          "map a column, e.g. '户籍地址=住址'; 'heading=' ignores it "
                          "(repeatable)"))
    p.add_argument("--update", action="store_true",
                   help=_("已登记的人用表格中的非空值更新（默认跳过）",
                          "update people already registered with the sheet's non-empty "
                          "values (default: skip them)"))
    p.add_argument("--report", metavar="OUT.xlsx",
                   help=_("写出带“导入结果”列的表格副本，改正红色行后可再次导入",
                          "write a copy of the sheet with a result column; fix the red rows "
                          "and import it again"))
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", parents=[common],
                       help=_("导出为 Excel", "export to Excel"))
    p.add_argument("kind", choices=list(EXPORT_KINDS))
    p.add_argument("--from", dest="date_from", metavar="DATE", type=date_arg,
                   help=_("起始日期（含）", "first date (inclusive)"))
    p.add_argument("--to", dest="date_to", metavar="DATE", type=date_arg,
                   help=_("结束日期（含）", "last date (inclusive)"))
    p.add_argument("--masked", action="store_true",
                   help=_("遮盖个人信息（身份证号、电话、住址等）",
                          "mask personal data (ID numbers, phones, addresses …)"))
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("template", parents=[common],
                       help=_("写出空白导入模板", "write a blank import template"))
    p.add_argument("kind", choices=list(IMPORT_KINDS))
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_template)


def date_arg(text: str) -> Any:
    """A date option: a bad one is a usage error in the user's words."""
    try:
        return parse_date(text)
    except SwdeskError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        heading, sep, field = pair.partition("=")
        if not sep or not heading.strip():
            raise SwdeskError(_("--map 应写成“列名=字段”，如 '户籍地址=住址'",
                                "--map takes 'heading=field', e.g. '户籍地址=住址'"))
        mapping[heading.strip()] = field.strip()
    return mapping


def _out_path(text: str) -> Path:
    out = Path(text).expanduser()
    if not out.parent.is_dir():
        raise SwdeskError(_("文件夹 {} 不存在", "The folder {} does not exist").format(out.parent))
    if out.suffix.lower() != ".xlsx":
        raise SwdeskError(_("输出文件应以 .xlsx 结尾", "The output file must end in .xlsx"))
    return out


def _progress(stage: str, done: int, total: int) -> None:
    if total >= 5000:
        print(f"  {stage}: {done}/{total}", file=sys.stderr, flush=True)


def cmd_import(args: argparse.Namespace, data_dir: Path) -> int:
    report_to = _out_path(args.report) if args.report else None
    with open_station(data_dir):
        report = excel.import_file(
            args.kind, Path(args.file).expanduser(), SYSTEM, sheet=args.sheet,
            mapping=_mapping(args.map), on_existing="update" if args.update else "skip",
            dry_run=args.dry_run, report_to=report_to, progress=_progress,
            processes=True)  # the swdesk program: a big sheet read by a second process
    print(_("工作表“{}”，表头在第 {} 行", "Sheet “{}”, header on row {}").format(
        report.sheet, report.header_row))
    if report.ignored:
        print(_("未导入的列：{}", "Columns not imported: {}").format("、".join(report.ignored)))
    for row in report.errors[:SHOWN_ERRORS]:
        print(_("第 {} 行：{}", "row {}: {}").format(row.row, row.explain()))
    if len(report.errors) > SHOWN_ERRORS:
        print(_("……另有 {} 行有错误", "… and {} more rows with errors").format(
            len(report.errors) - SHOWN_ERRORS))
    print(report.summary())
    if args.dry_run:
        print(_("试运行：没有写入任何数据", "Dry run: nothing was written"))
    if report_to is not None:
        print(_("结果表格：{}", "Report: {}").format(report_to))
    return 0


def cmd_export(args: argparse.Namespace, data_dir: Path) -> int:
    out = _out_path(args.out)
    with open_station(data_dir):
        rows = excel.export(args.kind, out, SYSTEM, date_from=args.date_from,
                            date_to=args.date_to, masked=args.masked, progress=_progress)
    print(_("已导出 {} 行到 {}", "Exported {} rows to {}").format(rows, out))
    return 0


def cmd_template(args: argparse.Namespace, data_dir: Path) -> int:
    out = _out_path(args.out)
    if paths.db_path(data_dir).exists():
        # The lists of allowed values come from the station's reference tables.
        with open_station(data_dir):
            excel.write_template(args.kind, out)
    else:
        raise SwdeskError(_("{} 中没有站点数据库，请先运行 swdesk init",
                            "There is no station database in {}; run swdesk init first")
                          .format(data_dir))
    print(_("已写出模板 {}", "Template written to {}").format(out))
    return 0
