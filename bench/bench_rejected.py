"""Benchmark a package whose rows the hub rejects: a million of them by default.

    python bench/bench_rejected.py                        # about 1,000,000 rejected rows
    python bench/bench_rejected.py --records 100000
    python bench/bench_rejected.py --city-db postgresql://user:pw@host/empty_db

Makes a station with demo data (``--clients`` clients, ``--records`` service records),
dates every service record in 2099 behind the program's back (a row the station's
rules refuse, as a station holding rows from looser days may send), exports the
full package and times the hub's ingest: every record is quarantined and gets a
``rejected`` row state; the other rows apply. Then times the return package that
acknowledges them. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from swdesk import demo
from swdesk.city.db import init_city
from swdesk.city.enroll import enroll_station
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.db import open_station
from swdesk.model import database
from swdesk.services import station
from swdesk.sync import enrolment, export


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1_000)
    # (with the volunteer hours linked to them, rejected too: 1.0 million rows)
    parser.add_argument("--records", type=int, default=625_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--city-db", metavar="URL",
                        help="the hub's database (an empty one); default SQLite")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="swdesk-bench-rejected-"))
    print(f"# swdesk rejected-rows benchmark\n\n{platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version}, {os.cpu_count()} CPUs; folder {root}\n")
    rows: list[tuple[str, str, str]] = []

    def timed(label: str, fn, note=lambda r: ""):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = fn()
        rows.append((label, f"{time.perf_counter() - started:.2f} s", note(result)))
        print(f"  {label}: {rows[-1][1]} {rows[-1][2]}", file=sys.stderr, flush=True)
        return result

    try:
        city = init_city(root / "hub", args.city_db, "厦门市民政局")
        enrol = enroll_station(city, "XM-SM-001", "嘉莲街道社工站", root / "enrol.json")
        with open_station(root / "station", create=True):
            station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
            timed("demo data (setup)", lambda: demo.generate(args.clients, args.records,
                                                             seed=args.seed))
            enrolment.enrol(enrol)
            with database.atomic():  # rows from looser days: a service dated ahead
                database.execute_sql("UPDATE service_record SET date = '2099-01-01'")
            package = timed("full export (setup)",
                            lambda: export.export_package(root / "stick", workers=True),
                            lambda r: f"{r.rows} rows")
        got = timed("ingest (city)", lambda: ingest(city, package.path, workers=True),
                    lambda r: ", ".join(f"{k} {v}" for k, v in sorted(r.counts.items())))
        assert got.counts["rejected"] >= args.records, got.counts
        timed("return package (city)", lambda: write_return(city, "XM-SM-001", root / "ret"),
              lambda r: f"{r.acks} acks")
        city.close()
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print("load average (1, 5, 15 min) at the end: {:.2f} {:.2f} {:.2f}\n".format(
        *os.getloadavg()))
    print("| step | time | detail |\n| --- | --- | --- |")
    for label, seconds, note in rows:
        print(f"| {label} | {seconds} | {note} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
