"""``swdesk init`` and ``swdesk demo``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from swdesk import paths
from swdesk.cli.sync_cmds import add_fingerprint_option, enrol_confirmed, print_enrolled
from swdesk.cli.usage import UsageError
from swdesk.db import open_station
from swdesk.db.diagnosis import Kind
from swdesk.errors import AlreadyOpenError, DatabaseError, SwdeskError
from swdesk.i18n import _
from swdesk.model import ENTITIES
from swdesk.services import backups
from swdesk.services.station import init_station
from swdesk.sync.enrolment import read_enrolment


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "init", parents=[common],
        help=_("新建本站数据库", "create this station's database"),
        description=_("在数据目录中新建站点数据库（只需一次）。",
                      "Create the station database in the data folder (once)."))
    p.add_argument("--station", metavar="CODE",
                   help=_("站点编码，如 XM-SM-001（有登记文件时从中读取）",
                          "station code, e.g. XM-SM-001 (read from the enrolment file if given)"))
    p.add_argument("--name", help=_("站点名称（有登记文件时从中读取）",
                                    "station name (read from the enrolment file if given)"))
    p.add_argument("--level", default="station", metavar="station|room",
                   help=_("层级：station（街镇社工站，默认）或 room（社区/村社工室）",
                          "level: station (street/town, the default) or room "
                          "(community/village)"))
    p.add_argument("--district", metavar="NAME",
                   help=_("所属区，如 思明区", "district, e.g. 思明区"))
    p.add_argument("--enrollment", metavar="FILE",
                   help=_("市级平台发来的登记文件：站点编码和名称从中读取"
                          "（也可稍后用 swdesk sync enroll 登记）",
                          "the city hub's enrolment file: the station code and name are read "
                          "from it (or enrol later: swdesk sync enroll)"))
    add_fingerprint_option(p)
    p.set_defaults(handler=cmd_init)

    p = subparsers.add_parser(
        "demo", parents=[common],
        help=_("生成演示数据", "generate demonstration data"),
        description=_("向已初始化的站点数据库写入逼真的模拟数据（仅用于演示和测试）。",
                      "Fill an initialised station database with realistic synthetic data "
                      "(for demonstrations and tests only)."))
    p.add_argument("--clients", type=_count, default=800, metavar="N",
                   help=_("服务对象人数（默认 800；社工、志愿者、个案等按比例生成）",
                          "number of clients (default 800; workers, volunteers, cases … in "
                          "proportion)"))
    p.add_argument("--records", type=_count, default=None, metavar="M",
                   help=_("近一年的服务记录条数（默认：3–5 名社工一年的工作量）",
                          "service records over the past year (default: a year's work of the "
                          "3–5 workers)"))
    p.add_argument("--seed", type=int, default=None, metavar="S",
                   help=_("随机种子：同一种子生成同样的数据", "random seed: the same seed gives "
                          "the same data"))
    p.set_defaults(handler=cmd_demo)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{}”不是整数", "“{}” is not a whole number")
                                         .format(text)) from None
    if not 0 <= value <= 10_000_000:
        raise argparse.ArgumentTypeError(_("应在 0 到 10000000 之间",
                                           "must be between 0 and 10000000"))
    return value


def _refuse_over_lost_data(data_dir: Path) -> None:
    """An empty or missing database next to healthy backups is lost data, not a new station."""
    if not data_dir.is_dir():
        return
    report = backups.startup_check(data_dir)
    if report.kind is Kind.EMPTY and report.newest_backup is not None:
        raise DatabaseError(_(
            "{}。这里有备份，请用 swdesk db restore {} 恢复，而不是新建站点"
            "（确需新建时，请先把备份移到别处）",
            "{}. There are backups here: restore one with swdesk db restore {} instead of "
            "starting a new station (to start anew, move the backups elsewhere first)").format(
            report.diagnosis.message, report.newest_backup))


def _code_and_name(args: argparse.Namespace) -> tuple[str, str]:
    """The station code and name: as given, else from the city's enrolment file."""
    code, name = args.station, args.name
    if args.enrollment and not (code and name):
        doc = read_enrolment(Path(args.enrollment))
        code, name = code or str(doc["station"]), name or str(doc["station_name"])
    if not code or not name:
        raise UsageError(_(
            "请用 --station 和 --name 给出站点编码和名称，或用 --enrollment 给出市级平台的登记文件"
            "（用 swdesk init --help 查看用法）",
            "give the station code and name with --station and --name, or the city's "
            "enrolment file with --enrollment (see swdesk init --help)"))
    return code, name


def cmd_init(args: argparse.Namespace, data_dir: Path) -> int:
    code, name = _code_and_name(args)
    db_file = paths.db_path(data_dir)
    fresh = not db_file.exists()
    _refuse_over_lost_data(data_dir)
    try:
        with open_station(data_dir, create=True) as sdb:
            station = init_station(code, name, args.level, args.district)
            enrolled = enrol_confirmed(Path(args.enrollment), args.fingerprint) \
                if args.enrollment else None
    except AlreadyOpenError:
        raise  # the database is someone else's: leave it alone
    except BaseException:
        if fresh:  # leave no empty, station-less database behind
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        raise
    print(_("已创建站点 {}（{}），数据库：{}", "Created station {} ({}); database: {}").format(
        station.code, station.name, sdb.path))
    if enrolled is not None:
        print_enrolled(enrolled)
    return 0


def cmd_demo(args: argparse.Namespace, data_dir: Path) -> int:
    from swdesk import demo  # (its word lists: only this command needs them)

    started = time.monotonic()

    def progress(stage: str, done: int, total: int) -> None:
        if done == total:  # one line per finished stage, not one per chunk
            print(_("  {}：{:,}", "  {}: {:,}").format(stage, done), file=sys.stderr,
                  flush=True)

    with open_station(data_dir):
        try:
            counts = demo.generate(args.clients, args.records, seed=args.seed, progress=progress)
        except MemoryError:
            raise SwdeskError(_("内存不足", "Out of memory")) from None
    print(_("已生成演示数据（{:.1f} 秒）：", "Demo data generated in {:.1f} s:").format(
        time.monotonic() - started))
    for table, n in counts.items():
        print(_("  {}：{:,}", "  {}: {:,}").format(table_label(table), n))
    return 0


# Tables the demo fills that are not entities with labels of their own.
_TABLE_LABELS = {
    "service_participant": ("服务记录的参与者", "service record participants"),
    "service_partner": ("服务记录的联动资源", "service record partners"),
    "change_log": ("待同步的变更", "changes waiting to be sent"),
}


def table_label(table: str) -> str:
    """A table's name as a person reads it, in the user's language."""
    if table in ENTITIES:
        return _(*ENTITIES[table].labels)
    zh, en = _TABLE_LABELS.get(table, (table, table))
    return _(zh, en)
