"""``swdesk sync …``: export, import, status, enrol, sync folder, conflicts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from swdesk.db import open_station
from swdesk.errors import SwdeskError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.services.actor import SYSTEM

if TYPE_CHECKING:
    from swdesk.sync.enrolment import Identity, Offer

# Lazy imports: the sync modules (and cryptography) are imported inside the commands that
# use them, since every start of the program (the window's too) imports this module.


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser(
        "sync", parents=[common], help=_("与市级平台同步（文件包）",
                                         "sync with the city hub (file packages)"))
    sub = group.add_subparsers(dest="sync_command", metavar="ACTION", required=True)

    p = sub.add_parser("export", parents=[common], help=_("写出同步包", "write a package"))
    p.add_argument("--out", metavar="DIR",
                   help=_("目标文件夹（默认：同步文件夹）", "target folder (default: sync folder)"))
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", parents=[common],
                       help=_("导入市级回执包", "import the city's return package"))
    p.add_argument("file", nargs="?", metavar="FILE",
                   help=_("回执包（默认：同步文件夹中的新回执）",
                          "return package (default: new ones in the sync folder)"))
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("auto", parents=[common],
                       help=_("通过同步文件夹导入回执并导出", "import and export via the sync "
                                                            "folder"))
    p.set_defaults(handler=cmd_auto)

    p = sub.add_parser("status", parents=[common], help=_("同步状态", "sync status"))
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("enroll", parents=[common],
                       help=_("用登记文件登记到市级平台", "enrol with the city hub"))
    p.add_argument("file", metavar="FILE")
    add_fingerprint_option(p)
    p.add_argument("--new-city-key", action="store_true",
                   help=_("确认市级平台更换了密钥（须同时用 --fingerprint 核对新指纹）",
                          "confirm that the city hub replaced its key (check the new "
                          "fingerprint with --fingerprint too)"))
    p.set_defaults(handler=cmd_enroll)

    p = sub.add_parser("folder", parents=[common], help=_("查看或设置同步文件夹",
                                                          "show or set the sync folder"))
    p.add_argument("--set", dest="folder", metavar="DIR")
    p.add_argument("--clear", action="store_true")
    p.set_defaults(handler=cmd_folder)

    p = sub.add_parser("budget", parents=[common], help=_(
        "查看或设置同步包的大小上限（附件文件多时分几个包发送）",
        "show or set a package's size budget (many attachments go in several packages)"))
    p.add_argument("--set", dest="megabytes", type=int, metavar="MB")
    p.set_defaults(handler=cmd_budget)

    p = sub.add_parser("conflicts", parents=[common], help=_("待处理的冲突", "open conflicts"))
    p.set_defaults(handler=cmd_conflicts)

    p = sub.add_parser("resolve", parents=[common], help=_("处理一个冲突", "settle a conflict"))
    p.add_argument("id", type=int, metavar="ID")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep", choices=("local", "city", "dismiss"))
    how.add_argument("--value", metavar="VALUE")
    p.set_defaults(handler=cmd_resolve)


def cmd_export(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.sync import export, folder, outgoing_files

    with open_station(data_dir) as sdb:
        target = Path(args.out) if args.out else folder.require()
        station = StationHandle.of(sdb)
        done = export.export_package(station, target, plan=export.ExportPlan.station_program())
        with station.bound():
            left = outgoing_files.summary(data_dir)
    if done.rows:
        print(_("已写出同步包 {}（第 {} 号，{} 条记录，变更 {}–{}）",
                "Wrote package {} (number {}, {} rows, changes {}–{})").format(
            done.path, done.number, done.rows, done.seq_from, done.seq_to))
    elif done.files:
        print(_("已写出同步包 {}（第 {} 号）", "Wrote package {} (number {})").format(
            done.path, done.number))
    else:  # still worth sending: it tells the city which return package arrived
        print(_("已写出同步包 {}（第 {} 号）：没有新的变更，只告诉市级平台本站已导入的回执",
                "Wrote package {} (number {}): no new changes; it only tells the city hub "
                "which return package this station took in").format(done.path, done.number))
    if done.files:
        print(_("  附件文件 {} 个（{:.1f} MB）", "  {} attachments' files ({:.1f} MB)").format(
            done.files, done.file_bytes / 1_000_000))
    if left.files:
        print(_("  还有 {} 个附件文件（{:.1f} MB）等下一个同步包", "  {} more attachments' files "
                "({:.1f} MB) wait for the next package").format(left.files,
                                                               left.bytes / 1_000_000))
    return 0


def cmd_import(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.sync import apply, folder

    with open_station(data_dir):
        if args.file:
            results = [apply.import_return(Path(args.file), SYSTEM)]
            refused: list[tuple[str, str]] = []
        else:
            auto = folder.import_from(folder.require(), SYSTEM)
            results, refused = auto.imported, auto.refused
            _print_refused(auto.skipped)
    for r in results:
        _print_import(r)
    _print_refused(refused)
    if not results and not refused:
        print(_("没有新的回执包", "No new return package"))
    return 1 if refused else 0


def _print_refused(files: list[tuple[str, str]]) -> None:
    for name, message in files:
        print(_("未导入 {}：{}", "Not imported {}: {}").format(name, message))


def _print_import(r: Any) -> None:
    if r.status == "duplicate":
        print(_("回执包第 {} 号已经导入过，未作改动", "Return package {} was already imported; "
                "nothing changed").format(r.number))
        return
    acks = "，".join(f"{k} {v}" for k, v in sorted(r.acks.items())) or "0"
    print(_("已导入回执包第 {} 号：确认 {}；更正 {} 条；冲突 {} 个；参考数据 {} 项",
            "Imported return package {}: acknowledged {}; corrected {}; conflicts {}; "
            "reference items {}").format(r.number, acks, r.corrected, r.conflicts, r.reference))


def cmd_auto(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.sync import export, folder

    with open_station(data_dir) as sdb:
        result = folder.auto(StationHandle.of(sdb), export.ExportPlan.station_program())
    for r in result.imported:
        _print_import(r)
    _print_refused(result.skipped + result.refused)  # (only new refusals fail the command)
    if result.exported is not None:
        print(_("已写出同步包 {}（{} 条记录）", "Wrote package {} ({} rows)").format(
            result.exported.path, result.exported.rows))
    return 1 if result.refused else 0


def cmd_status(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.sync import state

    with open_station(data_dir):
        s = state.status()
    print(_("站点：{}；市级平台：{}", "Station: {}; city hub: {}").format(
        s.station, s.city if s.enrolled else _("未登记", "not enrolled")))
    print(_("待确认的变更：{}（已确认到第 {} 号，已发送到第 {} 号，最新第 {} 号）",
            "Changes not acknowledged: {} (acknowledged up to {}, sent up to {}, latest {})")
          .format(s.pending, s.acked_seq, s.sent_seq, s.last_seq))
    print(_("最近导出：第 {} 号 {}；最近回执：第 {} 号 {}",
            "Last export: number {} {}; last return: number {} {}").format(
        s.last_out, s.last_out_at, s.last_in, s.last_in_at))
    print(_("待处理冲突：{}；同步文件夹：{}", "Open conflicts: {}; sync folder: {}").format(
        s.conflicts, s.folder or _("未设置", "not set")))
    if s.all_acknowledged:
        print(_("全部变更均已被市级平台确认", "Every change is acknowledged by the city"))
    return 0


def add_fingerprint_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fingerprint", metavar="XXXX-XXXX-XXXX-XXXX",
                        help=_("市民政局另行告诉您的市级平台指纹（没有时在终端上询问）",
                               "the city hub's fingerprint the city gave you separately "
                               "(asked for on a terminal when left out)"))


def enrol_confirmed(path: Path, fingerprint: str | None,
                    new_city_key: bool = False) -> Identity:
    """Enrol with the fingerprint given, else the one the person confirms on the terminal.

    The check itself is the core's (``enrolment.enrol``); this only collects the answer.
    """
    from swdesk.sync import enrolment

    try:
        return enrolment.enrol(path, SYSTEM, fingerprint, new_city_key)
    except enrolment.ConfirmationNeeded as exc:
        offer = exc.offer
        if offer.new_key and not new_city_key:
            raise SwdeskError(str(exc) + _(
                "。确认更换时，加上 --new-city-key 和 --fingerprint 新指纹 再运行",
                ". To confirm the new key, run again with --new-city-key and --fingerprint "
                "followed by the new fingerprint")) from None
        if not sys.stdin.isatty():
            raise SwdeskError(_(
                "未登记：市级平台“{}”的密钥指纹 {} 尚未确认。请向市民政局核对，一致时加上 "
                "--fingerprint 指纹 再运行（非交互模式下无法询问）",
                "Not enrolled: the key fingerprint {1} of the city hub “{0}” is not "
                "confirmed. Check it with the city, and if it matches run again with "
                "--fingerprint followed by the fingerprint (cannot ask without a terminal)")
                .format(offer.city_name, offer.fingerprint)) from None
        if not _confirm(offer):
            raise SwdeskError(_("未登记：指纹未确认", "Not enrolled: the fingerprint was not "
                                                  "confirmed")) from None
        return enrolment.enrol(path, SYSTEM, offer.fingerprint, new_city_key)


def _confirm(offer: Offer) -> bool:
    print(_("登记文件来自市级平台“{}”（{}），其密钥指纹：", "The enrolment file is from the city "
            "hub “{}” ({}); its key fingerprint:").format(offer.city_name, offer.city))
    print(f"    {offer.fingerprint}")
    if offer.pinned is not None:  # (a new key: the pinned one would need no question)
        print(_("注意：本站原来登记的市级密钥指纹是 {}，这是一个新的密钥",
                "Note: the city key this station was enrolled with has fingerprint {}; "
                "this is a new key").format(offer.pinned.fingerprint()))
    try:
        answer = input(_("请核对市级平台的指纹：与市民政局另行（电话或纸面）告诉您的一致吗？[y/N] ",
                         "Check the city hub's fingerprint: is it the same as the one the city "
                         "gave you separately (by phone or on paper)? [y/N] "))
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes", "是")


def cmd_enroll(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        ident = enrol_confirmed(Path(args.file), args.fingerprint, args.new_city_key)
    print_enrolled(ident)
    return 0


def print_enrolled(ident: Identity) -> None:
    print(_("已登记到 {}（市级密钥指纹 {}）；本站密钥指纹 {}",
            "Enrolled with {} (city key fingerprint {}); this station's fingerprint {}").format(
        ident.city_name, ident.city_keys.fingerprint(), ident.keys.public().fingerprint()))


def cmd_folder(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.sync import folder

    with open_station(data_dir):
        if args.clear:
            folder.set_folder(None, SYSTEM)
        elif args.folder:
            folder.set_folder(args.folder, SYSTEM)
        current = folder.configured()
    if current is None:
        print(_("未设置同步文件夹", "No sync folder is set"))
    else:
        state = _("可访问", "reachable") if folder.reachable(current) else _(
            "现在无法访问", "not reachable now")
        print(_("同步文件夹：{}（{}）", "Sync folder: {} ({})").format(current, state))
    return 0


def cmd_budget(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk import settings
    from swdesk.sync import outgoing_files

    with open_station(data_dir):
        if args.megabytes is not None:
            outgoing_files.set_budget(args.megabytes, SYSTEM)
        budget = settings.SYNC_PACKAGE_MB.get()
        left = outgoing_files.summary(data_dir)
    print(_("同步包大小上限：{} MB；{} 个附件文件（{:.1f} MB）等待发送",
            "Package size budget: {} MB; {} attachments' files ({:.1f} MB) wait to be sent")
          .format(budget, left.files, left.bytes / 1_000_000))
    return 0


def cmd_conflicts(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.sync import state

    with open_station(data_dir):
        items = [(c.id, state.describe_conflict(c)) for c in state.open_conflicts()]
    for cid, text in items:
        print(f"{cid}\t{text}")
    if not items:
        print(_("没有待处理的冲突", "No open conflicts"))
    return 0


def cmd_resolve(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk.sync import state

    with open_station(data_dir):
        if args.value is not None:
            state.resolve(args.id, "value", SYSTEM, args.value)
        else:
            state.resolve(args.id, args.keep, SYSTEM)
    print(_("冲突 {} 已处理，将随下一个同步包发给市级平台",
            "Conflict {} settled; it goes to the city with the next package").format(args.id))
    return 0
