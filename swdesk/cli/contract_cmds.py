"""The contract year's ledgers on the command line.

``swdesk evaluation|complaint|agency|station list | add 字段=值 … | edit ID 字段=值 …``
(fields by key or label, linked rows by name or number, choices by label: ``grade=优秀``),
each list with what the rules say of a row; ``swdesk cert list [--search T] | void NUMBER
--reason R | reprint NUMBER --out F.pdf``; ``swdesk warnings [--date D]``: the 工作台's.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from swdesk import settings
from swdesk.db import open_station
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Agency, Complaint, Evaluation, Station, SyncedModel, describe
from swdesk.services import (
    contract_warnings,
    contract_year,
    crud,
    display,
    evaluation_scores,
    typed_pairs,
)
from swdesk.services.actor import SYSTEM

LEDGERS: dict[str, type[SyncedModel]] = {
    "evaluation": Evaluation, "complaint": Complaint, "agency": Agency, "station": Station}
_HELP = {"evaluation": ("项目评估：列出、登记、修改", "evaluations: list, add, edit"),
         "complaint": ("投诉举报：列出、登记、办结", "complaints: list, add, edit"),
         "agency": ("社工服务机构：列出（含人员要求核对）、登记、修改",
                    "agencies: list (with the staffing check), add, edit"),
         "station": ("站点与服务室：列出、登记、修改", "stations and rooms: list, add, edit")}


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    for name in LEDGERS:
        zh, en = _HELP[name]
        group = subparsers.add_parser(name, parents=[common], help=_(zh, en))
        sub = group.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True,
                                   parser_class=type(group))
        p = sub.add_parser("list", parents=[common], help=_("列出", "list"))
        if name == "complaint":
            p.add_argument("--overdue", action="store_true",
                           help=_("只列超过办理期限的", "only those past their deadline"))
        p.set_defaults(handler=cmd_list, ledger=name)
        p = sub.add_parser("add", parents=[common], help=_("登记一条", "add one"))
        p.add_argument("pairs", nargs="+", metavar="字段=值")
        p.set_defaults(handler=cmd_add, ledger=name)
        p = sub.add_parser("edit", parents=[common], help=_("修改一条", "change one"))
        p.add_argument("id", metavar="ID")
        p.add_argument("pairs", nargs="+", metavar="字段=值")
        p.set_defaults(handler=cmd_edit, ledger=name)
        if name == "complaint":
            p = sub.add_parser("days", parents=[common], help=_(
                "查看或设置办理期限的默认天数", "show or set the default days to a deadline"))
            p.add_argument("days", nargs="?", type=int)
            p.set_defaults(handler=cmd_days)
        if name == "evaluation":
            p = sub.add_parser("scores", parents=[common], help=_(
                "查看或登记各指标得分", "show or enter the score per indicator"))
            p.add_argument("id", metavar="ID")
            p.add_argument("pairs", nargs="*", metavar="指标=得分")
            p.set_defaults(handler=cmd_scores)
    group = subparsers.add_parser("cert", parents=[common], help=_(
        "志愿服务证明登记：查找、补打、作废", "volunteer certificates: find, reprint, void"))
    sub = group.add_subparsers(dest="cert_command", metavar="ACTION", required=True,
                               parser_class=type(group))
    p = sub.add_parser("list", parents=[common], help=_("列出或查找", "list or find"))
    p.add_argument("--search", default="", help=_("证明编号或志愿者姓名中的文字",
                                                  "text of the number or the volunteer's name"))
    p.set_defaults(handler=cmd_cert_list)
    p = sub.add_parser("void", parents=[common], help=_("作废（编号不再使用）",
                                                        "void (the number is not used again)"))
    p.add_argument("number")
    p.add_argument("--reason", required=True, help=_("作废原因", "why"))
    p.set_defaults(handler=cmd_cert_void)
    p = sub.add_parser("reprint", parents=[common], help=_("按原编号补打", "print again"))
    p.add_argument("number")
    p.add_argument("--out", required=True, help=_("PDF 文件", "the PDF file"))
    p.set_defaults(handler=cmd_cert_reprint)
    p = subparsers.add_parser("warnings", parents=[common], help=_(
        "工作台的提醒：评估、指标进度、合同到期、投诉超期",
        "the 工作台's warnings: evaluations, indicators, contracts ending, complaints"))
    p.add_argument("--date", type=dt.date.fromisoformat, default=None,
                   help=_("按哪一天计（默认今天）", "as of this day (default today)"))
    p.set_defaults(handler=cmd_warnings)


def _line(row: SyncedModel) -> str:
    spec = describe(type(row))
    cells = [str(row.id)] + [display.format_value(row, f) or "—"
                             for f in spec.fields if f.list_column]
    note = contract_year.verdict(row)
    return "\t".join(cells + ([note] if note else []))


def cmd_list(args: argparse.Namespace, data_dir: Path) -> int:
    model = LEDGERS[args.ledger]
    with open_station(data_dir, write=False):
        rows: list[SyncedModel] = list(model.live().order_by(model.id))
        if getattr(args, "overdue", False):
            rows = list(contract_year.overdue_complaints(dt.date.today()))
        if not rows:
            print(_("没有记录", "Nothing recorded"))
        for row in rows:
            print(_line(row))
    return 0


def cmd_add(args: argparse.Namespace, data_dir: Path) -> int:
    model = LEDGERS[args.ledger]
    with open_station(data_dir):
        row = crud.create(model, typed_pairs.values(model, args.pairs), SYSTEM)
        print(_("已登记（编号 {}）", "Added (id {})").format(row.id))
        print(_line(row))
    return 0


def cmd_edit(args: argparse.Namespace, data_dir: Path) -> int:
    model = LEDGERS[args.ledger]
    with open_station(data_dir):
        row = crud.update(model, args.id, typed_pairs.values(model, args.pairs), SYSTEM)
        print(_("已保存", "Saved"))
        print(_line(row))
    return 0


def cmd_days(args: argparse.Namespace, data_dir: Path) -> int:
    low, high = settings.COMPLAINT_DAYS_RANGE
    with open_station(data_dir, write=args.days is not None):
        if args.days is not None:
            if not low <= args.days <= high:
                raise ValidationError(_("天数须在 {} 到 {} 之间", "The days must be {} to {}")
                                      .format(low, high))
            settings.COMPLAINT_DAYS.set(args.days)
        print(_("投诉办理期限：受理后 {} 天", "Complaint deadline: {} days after received")
              .format(settings.COMPLAINT_DAYS.get()))
    return 0


def cmd_scores(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir, write=bool(args.pairs)):
        evaluation_id = int(crud.get(Evaluation, args.id).id)
        by_label = {line.label: line.indicator_id
                    for line in evaluation_scores.lines(evaluation_id)}
        scores: dict[int, tuple[str | int | None, str | None]] = {}
        for pair in args.pairs:
            label, _sep, score = pair.partition("=")
            if label.strip() not in by_label:
                raise ValidationError(_("被评估的项目没有“{}”这项指标；有：{}",
                                        "The project has no indicator \"{}\"; it has: {}")
                                      .format(label, "、".join(by_label) or "—"))
            scores[by_label[label.strip()]] = (score, None)
        if scores:
            evaluation_scores.save(evaluation_id, scores, SYSTEM)
        for line in evaluation_scores.lines(evaluation_id):
            print("\t".join([line.label, str(line.target),
                             "—" if line.score is None else str(line.score), line.note]))
    return 0


def cmd_cert_list(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir, write=False):
        rows = contract_year.certificates(args.search)
        if not rows:
            print(_("没有找到证明", "No certificate found"))
        for cert in rows:
            print("\t".join([cert.cert_no, cert.volunteer.name, str(cert.hours),
                             cert.issued_on.isoformat(), contract_year.verdict(cert)]))
    return 0


def cmd_cert_void(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        cert = contract_year.void_certificate(args.number, args.reason, SYSTEM)
        print(_("已作废 {}；此编号不再使用", "Voided {}; the number is not used again")
              .format(cert.cert_no))
    return 0


def cmd_cert_reprint(args: argparse.Namespace, data_dir: Path) -> int:
    # (reportlab loads only for a command that prints)
    from swdesk.reports import volunteer

    out = Path(args.out).expanduser()
    with open_station(data_dir):
        cert = volunteer.reprint_certificate(args.number, SYSTEM, out)
        print(_("已补打证明 {}：{}", "Reprinted certificate {}: {}").format(cert.cert_no, out))
    return 0


def cmd_warnings(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir, write=False):
        found = contract_warnings.warnings(args.date)
        if not found:
            print(_("没有需要处理的提醒", "Nothing to act on"))
        for w in found:
            print(f"{w.text}\t{w.action}")
    return 0
