"""``swdesk questionnaire list | show CODE [--json]``: the questionnaires this station has.

``show --json`` prints the definition as the city sends it: the starting point of a
revised version for ``swdesk city questionnaire add``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from swdesk import reference
from swdesk.db import open_station
from swdesk.i18n import _
from swdesk.model.questionnaires import Questionnaire
from swdesk.questionnaire_defs import Definition
from swdesk.services import questionnaires


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("questionnaire", parents=[common],
                                  help=_("问卷与量表：列出、查看", "questionnaires: list, show"))
    sub = group.add_subparsers(dest="questionnaire_command", metavar="ACTION", required=True,
                               parser_class=type(group))
    p = sub.add_parser("list", parents=[common], help=_("列出本站的问卷", "list the "
                                                         "questionnaires"))
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("show", parents=[common], help=_("显示一份问卷的题目、分值和等级",
                                                         "show a questionnaire's items, scores "
                                                         "and bands"))
    p.add_argument("code")
    p.add_argument("--json", action="store_true",
                   help=_("输出 JSON 定义（可修改后交市级平台发布新版本）",
                          "print the JSON definition (to revise for the city hub)"))
    p.set_defaults(handler=cmd_show)


def cmd_list(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir, write=False):
        rows = {r.code: r for r in Questionnaire.select()}
        for defn in questionnaires.definitions(include_inactive=True):
            row = rows[defn.code]
            where = _("市级", "city") if row.source == "city" else _("内置", "built-in")
            state = "" if row.active else _("（已停用）", " (withdrawn)")
            print(f"{defn.code}\t{defn.label}\t"
                  + _("第 {} 版", "version {}").format(defn.version)
                  + f"\t{where}{state}\t"
                  + _("{} 题", "{} items").format(len(defn.items)))
    return 0


def cmd_show(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir, write=False):
        defn = questionnaires.definition(args.code)
        if args.json:
            print(json.dumps(json.loads(defn.text), ensure_ascii=False, indent=1))
            return 0
        for line in describe(defn):
            print(line)
    return 0


def describe(defn: Definition) -> list[str]:
    """The definition in words: parts, items with their answers' scores, bands, rules."""
    uses = "、".join(reference.label("questionnaire_phase", p) for p in defn.phases)
    lines = [f"{defn.label}（{defn.code}，" + _("第 {} 版", "version {}").format(defn.version)
             + "）", _("用途：{}", "Used for: {}").format(uses or "—")]
    if defn.max_total:
        lines.append(_("满分 {}；等级按{}", "Full score {}; bands read the {}").format(
            defn.max_total, _("总分", "total") if defn.basis == "sum" else _("平均分", "mean")))
    number = 0
    for part in defn.parts:
        top = _("（满分 {}）", " (full score {})").format(part.max_score) if part.scored else ""
        lines += ["", f"{part.code} {part.label}{top}"]
        for item in part.items:
            number += 1
            flags = [_("反向计分", "reverse-scored")] if item.reverse else []
            flags += [] if item.required else [_("可不答", "optional")]
            extra = f"（{'，'.join(flags)}）" if flags else ""
            lines.append(f"  {number}. {item.code} {item.label}{extra}")
            if item.note:
                lines.append(f"     {item.note}")
            lines += [f"     {o.score if item.scored else '-'}  {o.label}" for o in item.options]
    if defn.bands:
        lines += ["", _("等级", "Bands")]
        lines += [f"  {defn.band_range(b)}\t{b.label}" for b in defn.bands]
    if defn.adjustments:
        lines += ["", _("等级变更", "Grade changes")]
        lines += [f"  {a.label}" for a in defn.adjustments]
    if defn.source:
        lines += ["", _("来源：{}", "Source: {}").format(defn.source)]
    return lines
