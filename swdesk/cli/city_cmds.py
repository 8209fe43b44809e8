"""``swdesk city [--db URL] …``: the city hub's commands."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from swdesk.errors import SwdeskError, ValidationError
from swdesk.i18n import _
from swdesk.os_words import reason

# Lazy imports: the hub's modules are imported inside the commands that use them, since
# every start of a station's program (the window's too) imports this module.

log = logging.getLogger(__name__)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser(
        "city", parents=[common],
        help=_("市级平台：接收各站同步包、回执、查重、月报",
               "city hub: ingest packages, returns, duplicates, monthly report"))
    group.add_argument("--db", metavar="URL",
                       help=_("市级数据库（默认：数据目录中的 city.db；或 postgresql://…）",
                              "city database (default: city.db in the data folder; or "
                              "postgresql://…)"))
    sub = group.add_subparsers(dest="city_command", metavar="ACTION", required=True)

    p = sub.add_parser("init", parents=[common], help=_("新建市级平台的密钥和数据库",
                                                        "make the hub's keys and database"))
    p.add_argument("--name", default="厦门市民政局", help=_("平台名称", "hub name"))
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("enroll", parents=[common], help=_("为站点写登记文件",
                                                          "write a station's enrolment file"))
    p.add_argument("--station", required=True, metavar="CODE")
    p.add_argument("--name", required=True)
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_enroll)

    p = sub.add_parser("ingest", parents=[common], help=_("导入站点同步包",
                                                          "ingest station packages"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(handler=cmd_ingest)

    p = sub.add_parser("return", parents=[common], help=_("写站点的回执包",
                                                          "write a station's return package"))
    p.add_argument("--station", required=True, metavar="CODE")
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(handler=cmd_return)

    p = sub.add_parser("duplicates", parents=[common],
                       help=_("在多个站点登记的同一人", "people registered at several stations"))
    p.set_defaults(handler=cmd_duplicates)

    p = sub.add_parser("conflicts", parents=[common], help=_("未解决的冲突", "open conflicts"))
    p.set_defaults(handler=cmd_conflicts)

    p = sub.add_parser("resolve", parents=[common],
                       help=_("在市级处理一个冲突", "settle a conflict at the city"))
    p.add_argument("id", type=int, metavar="ID",
                   help=_("冲突编号（见 city conflicts）", "conflict number (see city conflicts)"))
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep", choices=("station", "city"))
    how.add_argument("--value", metavar="VALUE")
    p.set_defaults(handler=cmd_resolve)

    p = sub.add_parser("correct", parents=[common],
                       help=_("在市级更正一条记录（随回执包发给站点）",
                              "correct a row at the city (goes to its station in the return)"))
    p.add_argument("--entity", required=True, metavar="ENTITY")
    p.add_argument("--uid", required=True, metavar="UID")
    p.add_argument("values", nargs="+", metavar="FIELD=VALUE")
    p.set_defaults(handler=cmd_correct)

    p = sub.add_parser("eligibility", parents=[common],
                       help=_("设置服务对象的低保、特困认定", "set a client's 低保/特困 status"))
    p.add_argument("--client", required=True, metavar="UID")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--set", dest="codes", metavar="dibao,tekun")
    which.add_argument("--clear", action="store_true")
    p.set_defaults(handler=cmd_eligibility)

    p = sub.add_parser("reference", parents=[common],
                       help=_("市级增加的参考数据项", "reference items the city adds"))
    ref = p.add_subparsers(dest="reference_command", metavar="ACTION", required=True)
    p = ref.add_parser("add", parents=[common], help=_("增加或修改一项（发给所有站点）",
                                                       "add or change an item (for every "
                                                       "station)"))
    p.add_argument("--list", dest="list_code", required=True, metavar="LIST")
    p.add_argument("--code", required=True)
    p.add_argument("--zh", required=True)
    p.add_argument("--en", required=True)
    p.add_argument("--sort", type=int, default=100)
    p.set_defaults(handler=cmd_reference_add)

    p = sub.add_parser("questionnaire", parents=[common],
                       help=_("市级增加或修订的问卷定义", "questionnaire definitions the city "
                              "adds or revises"))
    forms = p.add_subparsers(dest="questionnaire_command", metavar="ACTION", required=True)
    p = forms.add_parser("add", parents=[common], help=_(
        "从 JSON 文件增加一份问卷或它的新版本（发给所有站点）",
        "add a questionnaire, or a new version of one, from a JSON file (for every station)"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_questionnaire_add)

    p = sub.add_parser("visit-rule", parents=[common],
                       help=_("邻里守望探访规则：市级设定，发给所有站点",
                              "邻里守望 visit rules the city sets for every station"))
    rules = p.add_subparsers(dest="visit_rule_command", metavar="ACTION", required=True)
    p = rules.add_parser("set", parents=[common], help=_(
        "设定一类对象（和/或一个风险等级）的探访周期；--withdraw 撤销",
        "set how often a target group (and/or a risk level) is visited; --withdraw drops it"))
    p.add_argument("--group", default="", metavar="CODE",
                   help=_("人员类别编码（target_group），空为任意", "target_group code, "
                          "empty for any"))
    p.add_argument("--risk", default="", metavar="CODE",
                   help=_("风险等级编码（risk_level），空为任意", "risk_level code, empty "
                          "for any"))
    p.add_argument("--every", type=int, default=0, metavar="DAYS",
                   help=_("每隔多少天探访一次", "visit every so many days"))
    p.add_argument("--way", default="home_visit", metavar="CODE",
                   help=_("方式编码（contact_way），默认 home_visit", "contact_way code, "
                          "home_visit by default"))
    p.add_argument("--withdraw", action="store_true",
                   help=_("撤销这条规则（站点回到内置规则）", "withdraw the rule (stations "
                          "go back to the built-in one)"))
    p.set_defaults(handler=cmd_visit_rule_set)
    p = rules.add_parser("list", parents=[common],
                         help=_("列出市级设定的探访规则", "list the city's visit rules"))
    p.set_defaults(handler=cmd_visit_rule_list)

    p = sub.add_parser("audit", parents=[common],
                       help=_("市级平台的操作日志（更正、认定、冲突处理、参考数据、登记）",
                              "the hub's audit log (corrections, eligibility, conflicts, "
                              "reference items, enrolments)"))
    p.add_argument("--limit", type=int, default=50, metavar="N",
                   help=_("显示最近 N 条（0：全部）", "show the newest N entries (0: all)"))
    p.set_defaults(handler=cmd_audit)

    p = sub.add_parser("report", parents=[common], help=_("全市月报", "city monthly report"))
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_report)


def _open(args: argparse.Namespace, data_dir: Path) -> Any:
    from swdesk.city.db import open_city

    return open_city(data_dir, args.db)


def cmd_init(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.db import init_city

    with init_city(data_dir, args.db, args.name) as city:
        print(_("已创建市级平台 {}（{}），密钥指纹 {}", "Created the city hub {} ({}); key "
                "fingerprint {}").format(city.name, city.city_id,
                                         city.keys.public().fingerprint()))
        print(_("每个站点登记时都要核对这个指纹：请另行（电话或纸面，不随登记文件）告诉站点",
                "Every station confirms this fingerprint when it enrols: give it to them "
                "separately (by phone or on paper, not with the enrolment file)"))
    return 0


def cmd_enroll(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.enroll import enroll_station

    with _open(args, data_dir) as city:
        out = enroll_station(city, args.station, args.name, Path(args.out))
        print(_("已为站点 {} 写出登记文件 {}", "Wrote station {}'s enrolment file {}").format(
            args.station, out))
        print(_("市级平台指纹：{}\n请另行（电话或纸面，不随登记文件）告诉站点：站点登记时要核对它",
                "City hub fingerprint: {}\nGive it to the station separately (by phone or on "
                "paper, not with the enrolment file): the station confirms it when enrolling")
              .format(city.keys.public().fingerprint()))
    return 0


def cmd_ingest(args: argparse.Namespace, data_dir: Path) -> int:
    """Each file in turn: one refused (or failing) is reported and the next one goes on."""
    from swdesk.city.ingest import ingest

    failed: list[str] = []
    with _open(args, data_dir) as city:
        for name in args.files:
            try:
                r = ingest(city, Path(name), progress=_progress_line(name), workers=True)
            except SwdeskError as exc:  # refused (nothing written), or staging unwritable
                failed.append(name)
                print(_("拒收 {}：{}", "Refused {}: {}").format(name, exc))
                continue
            except Exception:  # a bug: logged; this file alone is not ingested
                log.exception("ingesting %s failed", name)
                failed.append(name)
                print(_("拒收 {}：意外错误，未导入任何内容（详情见日志）",
                        "Refused {}: unexpected error; nothing of it was ingested (details "
                        "in the log)").format(name))
                continue
            if r.status == "applied":
                counts = _("，", ", ").join(
                    _("{} {:,} 行", "{} {:,}").format(outcome_label(k), v)
                    for k, v in sorted(r.counts.items(), key=lambda kv: _outcome_rank(kv[0])))
                print(_("已导入 {}（站点 {} 第 {} 号）：{}", "Ingested {} (station {} number {}): "
                        "{}").format(name, r.station, r.number,
                                     counts or _("没有新的变更", "no new changes")))
            else:
                print(_("{}：{}", "{}: {}").format(name, r.message))
    if failed and len(args.files) > 1:
        print(_("共 {} 个文件，拒收 {} 个：{}", "{} files, {} refused: {}").format(
            len(args.files), len(failed), "、".join(failed)))
    return 1 if failed else 0


# What became of a package's rows, as ``ingest`` counts them (``row_merge``, ``row_writes``).
_OUTCOMES = {
    "applied": ("已入库", "applied"),
    "merged": ("已合并", "merged"),
    "conflict": ("有冲突待处理", "in conflict"),
    "duplicate": ("重复（已有）", "duplicates"),
    "held": ("暂缓（等待关联的行）", "held for a linked row"),
    "rejected": ("拒收（已隔离）", "rejected (quarantined)"),
}


def _outcome_rank(outcome: str) -> int:
    return list(_OUTCOMES).index(outcome) if outcome in _OUTCOMES else len(_OUTCOMES)


def outcome_label(outcome: str) -> str:
    zh, en = _OUTCOMES.get(outcome, (outcome, outcome))
    return _(zh, en)


def _progress_line(name: str) -> Callable[[int, int], None] | None:
    """On a terminal: one line that counts the rows of a big package as they go in."""
    if not sys.stderr.isatty():
        return None
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or done >= total:
            last[0] = now
            end = "\n" if done >= total else ""
            print(_("\r{}：{:,} / {:,} 行", "\r{}: {:,} / {:,} rows").format(
                Path(name).name, done, total), end=end, file=sys.stderr, flush=True)
    return show


def cmd_return(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.returns import write_return

    with _open(args, data_dir) as city:
        r = write_return(city, args.station, Path(args.out))
    print(_("已写出回执包 {}（确认 {} 条，更正 {} 条）", "Wrote return package {} ({} "
            "acknowledgements, {} corrections)").format(r.path, r.acks, r.corrections))
    return 0


def cmd_duplicates(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.report import duplicates, masked_id

    with _open(args, data_dir) as city:
        found = duplicates(city)
    for d in found:
        print(f"{masked_id(d.id_number)}\t{'、'.join(d.stations)}\t{'、'.join(d.names)}")
    print(_("共 {} 人在多个站点登记", "{} people are registered at several stations").format(
        len(found)))
    return 0


def cmd_conflicts(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.conflicts import open_conflicts

    with _open(args, data_dir):
        items = open_conflicts()
        for c in items:
            print(f"{c.id}\t{c.station}\t{c.entity}\t{c.uid}\t{c.field}\t"
                  f"{c.station_value}\t{c.city_value}")
    print(_("未解决的冲突：{}", "Open conflicts: {}").format(len(items)))
    return 0


def cmd_resolve(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.conflicts import resolve

    with _open(args, data_dir) as city:
        if args.value is not None:
            c = resolve(city, args.id, "value", args.value)
        else:
            c = resolve(city, args.id, args.keep)
    print(_("冲突 {} 已处理，将随站点 {} 的下一个回执包发给站点",
            "Conflict {} settled; it goes to station {} with its next return package").format(
        c.id, c.station))
    return 0


def cmd_correct(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.conflicts import parse_value
    from swdesk.city.corrections import correct

    values: dict[str, Any] = {}
    for pair in args.values:
        key, sep, text = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(_("请写成 字段=值：{}", "Write FIELD=VALUE: {}").format(pair))
        values[key.strip()] = parse_value(args.entity, key.strip(), text)
    with _open(args, data_dir) as city:
        row = correct(city, args.entity, args.uid, values)
    print(_("已更正 {} {}：{}；将随站点 {} 的下一个回执包发给站点",
            "Corrected {} {}: {}; it goes to station {} with its next return package").format(
        args.entity, args.uid, "、".join(sorted(values)), row["origin"]))
    return 0


def cmd_eligibility(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.corrections import set_eligibility

    codes = [] if args.clear else [
        c.strip() for c in args.codes.replace("，", ",").replace("、", ",").split(",")
        if c.strip()]
    codes = [_ELIGIBILITY_LABELS.get(c, c) for c in codes]
    with _open(args, data_dir) as city:
        row = set_eligibility(city, args.client, sorted(set(codes)))
    print(_("服务对象 {} 的认定已设为：{}；将随站点 {} 的下一个回执包发给站点",
            "Client {}'s eligibility is now: {}; it goes to station {} with its next return "
            "package").format(args.client, "、".join(sorted(set(codes))) or _("无", "none"),
                              row["origin"]))
    return 0


# The Chinese names a city officer types, for the codes set_eligibility takes.
_ELIGIBILITY_LABELS = {"低保": "dibao", "特困": "tekun"}


def cmd_reference_add(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.corrections import add_reference

    with _open(args, data_dir) as city:
        add_reference(city, args.list_code, args.code, args.zh, args.en, args.sort)
    print(_("已保存参考数据项 {}/{}（{}），将随每个站点的下一个回执包发出",
            "Saved reference item {}/{} ({}); it goes to every station with its next return "
            "package").format(args.list_code, args.code, args.zh))
    return 0


def cmd_questionnaire_add(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.corrections import add_questionnaire

    try:
        text = args.file.read_bytes()
    except OSError as exc:
        raise SwdeskError(_("无法读取 {}：{}", "Cannot read {}: {}").format(
            args.file, reason(exc))) from exc
    with _open(args, data_dir) as city:
        defn = add_questionnaire(city, text)
    print(_("已保存问卷“{}”（{}，第 {} 版），将随每个站点的下一个回执包发出",
            "Saved questionnaire {} ({}, version {}); it goes to every station with its next "
            "return package").format(defn.zh, defn.code, defn.version))
    return 0


def _rule_words(rule: Any) -> str:
    group = rule.target_group or _("任意类别", "any group")
    risk = rule.risk_level or _("任意风险", "any risk")
    if not rule.active:
        return f"{group}\t{risk}\t" + _("已撤销", "withdrawn")
    return f"{group}\t{risk}\t" + _("每 {} 天", "every {} days").format(rule.every_days) \
        + f"\t{rule.way}"


def cmd_visit_rule_set(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.corrections import set_visit_rule  # (the hub's modules off the start)

    raw = {"target_group": args.group, "risk_level": args.risk, "every_days": args.every,
           "way": args.way, "active": not args.withdraw}
    with _open(args, data_dir) as city:
        rule = set_visit_rule(city, raw)
    print(_("已保存探访规则：{}；将随每个站点的下一个回执包发出",
            "Saved the visit rule: {}; it goes to every station with its next return "
            "package").format(_rule_words(rule).replace("\t", " ")))
    return 0


def cmd_visit_rule_list(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.corrections import city_visit_rules  # (the hub's modules off the start)

    with _open(args, data_dir):
        for rule in city_visit_rules():
            print(_rule_words(rule))
    return 0


def cmd_audit(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.audit import entries

    with _open(args, data_dir):
        items = entries(max(args.limit, 0) or None)
        for e in items:
            print(f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.actor}\t{e.action}\t{e.entity}\t{e.uid}\t"
                  f"{e.detail}")
    print(_("共 {} 条", "{} entries").format(len(items)))
    return 0


def cmd_report(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.city.report import write_monthly

    with _open(args, data_dir) as city:
        out = write_monthly(city, args.month, Path(args.out))
    print(_("已写出全市月报 {}", "Wrote the city report {}").format(out))
    return 0
