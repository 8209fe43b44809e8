"""``swdesk need list|suggest|match``, ``swdesk community list|add|rename|hide`` and
``swdesk rota --week DATE --out FILE`` (issue 25: matching needs and the visit rota).

A need has no number of its own: the list shows a short reference (the start of its uid)
and the commands take it, or the client's name when the client has one need not met.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from swdesk.cli import report_cmds
from swdesk.cli.excel_cmds import date_arg
from swdesk.db import open_station
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.model import Need, describe
from swdesk.reports import kinds
from swdesk.services import coded_fields, matching, typed_pairs
from swdesk.services.actor import SYSTEM


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("need", parents=[common],
                                  help=_("服务需求对接：列表、推荐、对接",
                                         "needs: list, suggestions, match"))
    sub = group.add_subparsers(dest="need_command", metavar="ACTION", required=True,
                               parser_class=type(group))
    p = sub.add_parser("list", parents=[common],
                       help=_("未完成的需求（逾期的在前）", "needs not met yet (overdue first)"))
    p.add_argument("--open", action="store_true",
                   help=_("只列待对接的", "only those waiting to be matched"))
    p.add_argument("--on", metavar="DATE", type=date_arg,
                   help=_("按哪一天算逾期（默认今天）", "the day overdue is counted on "
                                                  "(default: today)"))
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("suggest", parents=[common],
                       help=_("为需求推荐志愿者和联动资源", "suggest volunteers and partners"))
    p.add_argument("need", metavar="NEED", help=_("需求号，或服务对象姓名",
                                                  "the need's reference, or the client's name"))
    p.add_argument("--limit", type=int, default=10, metavar="N",
                   help=_("最多列出几个（默认 10）", "how many at most (default 10)"))
    p.set_defaults(handler=cmd_suggest)
    p = sub.add_parser("match", parents=[common],
                       help=_("对接需求：志愿者、联动资源或社工", "match a need"))
    p.add_argument("need", metavar="NEED", help=_("需求号，或服务对象姓名",
                                                  "the need's reference, or the client's name"))
    for option, zh, en in (("--volunteer", "志愿者（姓名或编号）", "volunteer (name or number)"),
                           ("--partner", "联动资源（名称）", "partner (name)"),
                           ("--worker", "社工（姓名）", "worker (name)")):
        p.add_argument(option, metavar="NAME", help=_(zh, en))
    p.set_defaults(handler=cmd_match)

    group = subparsers.add_parser("community", parents=[common],
                                  help=_("本站的社区列表（志愿者、联动资源的服务社区）",
                                         "this station's communities (areas served)"))
    sub = group.add_subparsers(dest="community_command", metavar="ACTION", required=True,
                               parser_class=type(group))
    p = sub.add_parser("list", parents=[common], help=_("列出社区", "list them"))
    p.add_argument("--all", action="store_true", help=_("也列出已隐藏的", "hidden ones too"))
    p.set_defaults(handler=cmd_communities)
    p = sub.add_parser("add", parents=[common], help=_("添加社区", "add one"))
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_community_add)
    p = sub.add_parser("rename", parents=[common], help=_("修改显示名称", "rename one"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_community_rename)
    p = sub.add_parser("hide", parents=[common], help=_("不再列出（已填写的不变）",
                                                        "stop offering one"))
    p.add_argument("code", metavar="CODE")
    p.add_argument("--show", action="store_true", help=_("重新列出", "offer it again"))
    p.set_defaults(handler=cmd_community_hide)

    # ``swdesk rota`` is ``swdesk report rota`` under the name people look for.
    report_cmds.add_kind(subparsers, common, kinds.get("rota"))


def cmd_list(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir, write=False) as sdb:
        found = matching.open_needs(StationHandle.of(sdb, SYSTEM), today=args.on,
                                    with_matched=not args.open)
        if not found:
            print(_("没有未完成的需求", "No needs waiting"))
        for n in found:
            late = _("逾期 {} 天", "{} days overdue").format(n.overdue_days) \
                if n.overdue_days else ""
            due = n.due_on.isoformat() if n.due_on else "—"
            print("\t".join([n.ref, n.client, n.category, n.status, due, late or "",
                             n.matched_to or "—", n.description]))
    return 0


def cmd_suggest(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        coded_fields.bring_up_to_date(SYSTEM)  # skills typed before the codes, read once
        need = matching.find_need(args.need)
        found = matching.suggestions(need.id, limit=args.limit)
        if not found:
            print(_("没有合适的志愿者或联动资源（请先填写他们的技能、服务社区、语言和时段）",
                    "No volunteer or partner fits (fill in their skills, areas, languages and "
                    "times first)"))
        for rank, s in enumerate(found, start=1):
            kind = describe(Need).field(s.kind).label
            print(f"{rank}\t{kind}\t{s.name}\t{s.score}\t" + "；".join(s.reasons))
    return 0


def cmd_match(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir) as sdb:
        need = matching.find_need(args.need)
        ids: dict[str, int | None] = {}
        for key in ("volunteer", "partner", "worker"):
            text = getattr(args, key)
            ids[key] = (typed_pairs.linked_id(describe(Need).field(key), Need, text)
                        if text else None)
        done = matching.match(StationHandle.of(sdb, SYSTEM), need.id,
                              volunteer_id=ids["volunteer"], partner_id=ids["partner"],
                              worker_id=ids["worker"])
        who = "、".join(str(x.name) for x in (done.volunteer, done.partner, done.worker) if x)
        print(_("已对接：{}", "Matched: {}").format(who))
    return 0


def cmd_communities(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        coded_fields.offer_typed_communities()
        for c in coded_fields.communities(include_hidden=args.all):
            hidden = "" if c.active else _("（已隐藏）", " (hidden)")
            source = _("市级", "city") if c.source == "city" else _("本站", "station")
            print(f"{c.code}\t{c.name}{hidden}\t{source}")
    return 0


def cmd_community_add(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        print(_("已添加：{}", "Added: {}").format(coded_fields.add_community(args.name).name))
    return 0


def cmd_community_rename(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        coded_fields.rename_community(args.code, args.name)
        print(_("已保存", "Saved"))
    return 0


def cmd_community_hide(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        coded_fields.hide_community(args.code, hidden=not args.show)
        print(_("已保存", "Saved"))
    return 0
