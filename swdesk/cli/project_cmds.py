"""``swdesk project list | show NUMBER | indicator add|set|delete NUMBER …``.

Projects are named by the number people see (XM-SM-001-P202401); an indicator by its
project, execution year and kind (or a custom indicator's name).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from swdesk import reference
from swdesk.cli.excel_cmds import date_arg
from swdesk.db import open_station
from swdesk.i18n import _
from swdesk.model import Project
from swdesk.numbers import grouped
from swdesk.services import project_indicators, project_money
from swdesk.services.actor import SYSTEM
from swdesk.services.indicators import year_text


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("project", parents=[common],
                                  help=_("服务项目：列出、查看、指标", "projects: list, show, "
                                                                    "indicators"))
    sub = group.add_subparsers(dest="project_command", metavar="ACTION", required=True,
                               parser_class=type(group))
    p = sub.add_parser("list", parents=[common], help=_("列出服务项目", "list the projects"))
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("show", parents=[common],
                       help=_("显示项目合同、各执行年度指标完成情况与资金",
                              "show a project: indicators per execution year, money"))
    p.add_argument("number", metavar="NUMBER", help=_("项目编号", "project number"))
    p.add_argument("--on", metavar="DATE", type=date_arg,
                   help=_("按哪一天计算进度（默认今天）", "the day progress is read on "
                                                     "(default: today)"))
    p.set_defaults(handler=cmd_show)

    ind = sub.add_parser("indicator", parents=[common],
                         help=_("项目指标：添加、修改、删除", "indicators: add, set, delete"))
    isub = ind.add_subparsers(dest="indicator_command", metavar="ACTION", required=True,
                              parser_class=type(group))
    p = isub.add_parser("add", parents=[common], help=_("添加指标", "add an indicator"))
    _which(p, name_help=_("指标类型（如 个案数、activities），或 自定义",
                          "kind (e.g. cases, 个案数), or custom"))
    p.add_argument("--target", required=True, metavar="N", help=_("目标值", "target"))
    p.add_argument("--label", metavar="TEXT", help=_("自定义指标的名称", "a custom indicator's "
                                                                     "name"))
    p.add_argument("--note", metavar="TEXT", help=_("说明", "note"))
    p.set_defaults(handler=cmd_add)
    p = isub.add_parser("set", parents=[common],
                        help=_("修改指标；自定义指标可填实际完成、说明和佐证",
                               "change an indicator; a custom one's actual, note, evidence"))
    _which(p, name_help=_("指标类型，或自定义指标的名称", "kind, or a custom indicator's name"))
    p.add_argument("--target", metavar="N", help=_("新的目标值", "new target"))
    p.add_argument("--actual", metavar="N", help=_("实际完成（仅自定义指标）",
                                                   "actual (custom indicators only)"))
    p.add_argument("--actual-note", metavar="TEXT", help=_("完成说明", "note on the actual"))
    p.add_argument("--evidence", metavar="TEXT", help=_("佐证材料", "evidence"))
    p.add_argument("--note", metavar="TEXT", help=_("说明", "note"))
    p.set_defaults(handler=cmd_set)
    p = isub.add_parser("delete", parents=[common], help=_("删除指标", "delete an indicator"))
    _which(p, name_help=_("指标类型，或自定义指标的名称", "kind, or a custom indicator's name"))
    p.set_defaults(handler=cmd_delete)


def _which(p: argparse.ArgumentParser, *, name_help: str) -> None:
    p.add_argument("number", metavar="NUMBER", help=_("项目编号", "project number"))
    p.add_argument("--year", required=True, type=int, metavar="N",
                   help=_("执行年度（1、2、3）", "execution year (1, 2, 3)"))
    p.add_argument("--kind", required=True, metavar="KIND", help=name_help)


def cmd_list(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir, write=False):
        for project in Project.live().order_by(Project.start_on, Project.id):
            money = project_money.of(project)
            rule = "—" if money.met is None else (_("达标", "met") if money.met
                                                  else _("未达标", "not met"))
            print(f"{project.code or '—'}\t{project.name}\t{project.start_on} ~ "
                  f"{project.end_on}\t{project_money.yuan(project.budget)}\t"
                  + _("人力成本70%：{}", "labour 70 %: {}").format(rule))
    return 0


def cmd_show(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir, write=False):
        project = project_indicators.find_project(args.number)
        for line in describe(project, args.on or dt.date.today()):
            print(line)
    return 0


def describe(project: Project, today: dt.date) -> list[str]:
    """The project in words: contract, money with the 70 % rule, indicators per year."""
    lines = [f"{project.code or '—'} {project.name}",
             _("购买方：{}；合同期：{} 至 {}", "Purchaser: {}; contract {} to {}").format(
                 project.purchaser, project.start_on, project.end_on)]
    lines += project_money.lines(project_money.of(project))
    for year in project_indicators.by_year(project, today):
        lines += ["", year_text(year.year) + _("（已过 {}）", " ({} gone)").format(
            project_indicators.percent(float(year.elapsed)))]
        if not year.rows:
            lines.append("  " + _("（未设指标）", "(no indicators)"))
        for row in year.rows:
            p = row.progress
            mark = _("（手填）", " (entered)") if p.custom else ""
            behind = _("  落后于进度", "  behind pace") if row.behind else ""
            lines.append(f"  {p.label}{mark}\t" + _(
                "目标 {} / 实际 {} / 完成 {} / 应完成 {}", "target {} / actual {} / {} done / "
                "expected {}").format(grouped(p.target), project_indicators.figure(p.actual),
                                      project_indicators.percent(p.share),
                                      project_indicators.expected_figure(row.expected))
                + behind)
            if p.custom and (p.actual_note or p.evidence):
                lines.append("    " + _("说明：{}；佐证：{}", "Note: {}; evidence: {}").format(
                    p.actual_note or "—", p.evidence or "—"))
    return lines


def _kind(raw: str) -> str:
    return reference.resolve("indicator_kind", raw, _("指标类型", "indicator kind"))


def cmd_add(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        project = project_indicators.find_project(args.number)
        values = {"year_no": args.year, "kind": _kind(args.kind), "target": args.target,
                  "label": args.label, "note": args.note}
        row = project_indicators.add(SYSTEM, project, {k: v for k, v in values.items()
                                                       if v is not None})
        print(_("已添加：{} 第{}执行年度 {}，目标 {}", "Added: {} year {} {}, target {}").format(
            project.code, row.year_no, row.label or reference.label("indicator_kind", row.kind),
            row.target))
    return 0


def cmd_set(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        project = project_indicators.find_project(args.number)
        row = project_indicators.find_indicator(project, args.year, args.kind)
        values = {k: v for k, v in (("target", args.target), ("note", args.note))
                  if v is not None}
        if values:
            project_indicators.edit(SYSTEM, int(row.id), values)
        if args.actual is not None or args.actual_note is not None or args.evidence is not None:
            project_indicators.enter_actual(
                SYSTEM, int(row.id), args.actual if args.actual is not None
                else row.manual_actual, args.actual_note if args.actual_note is not None
                else row.actual_note, args.evidence if args.evidence is not None
                else row.evidence)
        print(_("已保存", "Saved"))
    return 0


def cmd_delete(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        project = project_indicators.find_project(args.number)
        row = project_indicators.find_indicator(project, args.year, args.kind)
        project_indicators.delete(SYSTEM, int(row.id))
        print(_("已删除", "Deleted"))
    return 0
