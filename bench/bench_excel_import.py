"""Benchmark the Excel import: a 50,000-row client ledger into a fresh station.

    python bench/bench_excel_import.py                  # 50,000 rows (target: under 60 s)
    python bench/bench_excel_import.py --rows 10000 --existing 20000

Builds a ledger the way stations keep them (title row, Chinese headings with
variants, ID numbers as text, phones as numbers, several target groups per cell,
a few bad rows), optionally fills the station with ``--existing`` demo clients
first, then times ``swdesk.excel.plan`` (read + check) and ``apply`` (write), and
a second import of the same file (everything skipped). Prints a Markdown table;
the CPU-time row tells a busy machine from a slow import.
"""

from __future__ import annotations

import argparse
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook

from swdesk import excel
from swdesk.db import open_station
from swdesk.model import ChangeLog, Client
from swdesk.services import station
from swdesk.services.actor import SYSTEM
from swdesk.validation import resident_id_check_digit

GROUPS = ("低保", "特困", "老年人", "独居老人", "残疾人", "困境儿童", "低收入", "退役军人")
SURNAMES = "陈林黄张吴王李郑蔡杨许洪苏刘庄柯叶曾谢周"
GIVEN = "秀英桂兰玉珍淑凤美月国建明华文志德金水福荣伟强磊军杰涛"
COMMUNITIES = ("莲花社区", "嘉莲社区", "西林社区", "松柏社区", "龙山社区")


def build_ledger(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    # A normal workbook, not write-only: like a ledger saved by Excel or WPS it states its
    # size (<dimension>); without it openpyxl's read-only open parses the whole sheet once
    # more just to look for it, in the import and in the anchor alike.
    book = Workbook()
    ws = book.active
    ws.title = "服务对象台账"
    ws.append(["嘉莲街道服务对象台账（2024）"])
    ws.append(["序号", "姓名", "身份证号码", "手机号", "家庭住址", "所属社区", "对象类别", "备注"])
    used: set[str] = set()
    for n in range(1, rows + 1):
        while True:
            born = f"{rng.randint(1930, 2015)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            first17 = f"350203{born}{rng.randint(0, 999):03d}"
            if first17 not in used:
                used.add(first17)
                break
        number = first17 + resident_id_check_digit(first17)
        if n % 1000 == 0:  # a wrong check digit now and then, as in real ledgers
            number = number[:-1] + ("0" if number[-1] != "0" else "1")
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
        phone = int(f"13{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}")
        community = rng.choice(COMMUNITIES)
        groups = "、".join(rng.sample(GROUPS, k=rng.randint(1, 2)))
        ws.append([n, name, number, phone, f"思明区{community}{rng.randint(1, 300)}号",
                   community, groups, None])
    book.save(path)


def anchor(ledger: Path, data: Path) -> tuple[float, int]:
    """The plain way, timed: openpyxl's read-only pass over the ledger, then the same rows
    (as read, unchecked) inserted with one ``executemany`` in one transaction into a fresh
    station's client table, with its indexes and search triggers."""
    import uuid

    from openpyxl import load_workbook

    from swdesk.model import database

    with open_station(data, create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        t0 = time.perf_counter()
        book = load_workbook(ledger, read_only=True, data_only=True)
        rows = [r for r in book.worksheets[0].iter_rows(min_row=3, values_only=True)]
        book.close()
        now = "2026-01-01 00:00:00"
        values = [(str(uuid.uuid4()), "XM-SM-001", 1, now, 0, r[1], str(r[2]), str(r[3]),
                   r[4], r[5], r[6], "active", "", "", "") for r in rows]
        with database.atomic():
            database.cursor().executemany(
                'INSERT INTO "client" (uid, origin, version, updated_at, deleted, name, '
                'id_number, phone, address, community, target_groups, status, '
                'name_initials, name_pinyin, name_sort) '
                'VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)', values)
        return time.perf_counter() - t0, len(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--existing", type=int, default=0,
                        help="demo clients in the station before the import")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="swdesk-bench-excel-"))
    ledger = work / "ledger.xlsx"
    try:
        started = time.perf_counter()
        build_ledger(ledger, args.rows, args.seed)
        build_s = time.perf_counter() - started
        with open_station(work / "data", create=True):
            station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
            if args.existing:
                from swdesk import demo

                demo.generate(args.existing, 0, seed=args.seed)
            before = Client.select().count()
            t0, c0 = time.perf_counter(), time.process_time()
            report = excel.plan("clients", ledger, processes=True)
            t1 = time.perf_counter()
            excel.apply(report, SYSTEM)
            t2, c2 = time.perf_counter(), time.process_time()
            again = excel.plan("clients", ledger)
            t3 = time.perf_counter()
            added = Client.select().count() - before
            changes = ChangeLog.select().where(ChangeLog.entity == "client").count()
        plain_s, plain_rows = anchor(ledger, work / "plain")
        print(f"Excel import benchmark ({platform.python_version()}, "
              f"{platform.machine()}, {args.existing} clients already there)\n")
        print("| step | rows | seconds |")
        print("| --- | ---: | ---: |")
        print(f"| build the ledger (openpyxl, sized as Excel saves it) | {args.rows} | "
              f"{build_s:.1f} |")
        print(f"| read + check every row (plan) | {len(report.rows)} | {t1 - t0:.1f} |")
        print(f"| write {report.added} rows in one transaction (apply) | {report.added} | "
              f"{t2 - t1:.1f} |")
        print(f"| **import total (plan + apply)** | {args.rows} | **{t2 - t0:.1f}** |")
        print(f"| import total, CPU time of this process | {args.rows} | {c2 - c0:.1f} |")
        print(f"| same file again (all skipped) | {again.count('skip')} | {t3 - t2:.1f} |")
        print(f"| anchor: openpyxl read-only pass + one executemany | {plain_rows} | "
              f"{plain_s:.1f} |")
        print(f"| **import / anchor** | | **{(t2 - t0) / plain_s:.2f}×** |")
        print(f"\nrows with errors: {report.count('error')}; clients added: {added}; "
              f"client change-log entries: {changes}")
        if added != report.added or again.count("add") != 0:
            print("MISMATCH: the second import would add rows", file=sys.stderr)
            return 1
        return 0
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
