"""Benchmark sync by file packages on city-size data.

    python bench/bench_sync.py                           # 100,000 clients, 1,000,000 records
    python bench/bench_sync.py --clients 10000 --records 100000
    python bench/bench_sync.py --city-db postgresql://user:pw@host/empty_db

Makes a city hub (SQLite in the temporary folder, or the empty database of
``--city-db``) and one enrolled station with demo data, then times:
the full export, the city's full ingest, the full return package and its import
at the station; then a one-day delta (``--changes`` edits through the normal
service layer) exported, ingested, returned and imported. Prints a Markdown
table with the package sizes next to the station's SQLite file.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
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

from swdesk import demo, paths
from swdesk.city.db import init_city
from swdesk.city.enroll import enroll_station
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.db import open_station
from swdesk.model import Client, database
from swdesk.services import crud, station
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, enrolment, export


def _cpu() -> float:
    """CPU time of this process and of its ended children (the ingest's workers)."""
    try:
        import resource
    except ImportError:  # (Windows)
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _mb(path: Path) -> str:
    return f"{path.stat().st_size / 1024 / 1024:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--changes", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--city-db", metavar="URL",
                        help="the hub's database (an empty one); default SQLite")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="swdesk-bench-sync-"))
    print(f"# swdesk sync benchmark\n\n{platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version}, {os.cpu_count()} CPUs; folder {root}\n")
    rows: list[tuple[str, str, str]] = []

    def timed(label: str, fn, note=lambda r: ""):  # type: ignore[no-untyped-def]
        started, cpu = time.perf_counter(), _cpu()
        result = fn()
        rows.append((label, f"{time.perf_counter() - started:.2f} s",
                     f"{_cpu() - cpu:.2f} s", note(result)))
        print(f"  {label}: {rows[-1][1]} (CPU {rows[-1][2]}) {rows[-1][3]}", file=sys.stderr,
              flush=True)
        return result

    try:
        city = init_city(root / "hub", args.city_db, "厦门市民政局")
        enrol = enroll_station(city, "XM-SM-001", "嘉莲街道社工站", root / "enrol.json")
        out = root / "stick"
        with open_station(root / "station", create=True):
            station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
            timed("demo data (setup)", lambda: demo.generate(args.clients, args.records,
                                                             seed=args.seed))
            enrolment.enrol(enrol, fingerprint=city.keys.public().fingerprint())
            database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db_file = paths.db_path(root / "station")
            rows.append(("station SQLite file", "", "", _mb(db_file)))
            full = timed("full export", lambda: export.export_package(out, workers=True),
                         lambda r: f"{r.rows} rows, package {_mb(r.path)}")
        timed("full ingest (city)", lambda: ingest(city, full.path, workers=True),
              lambda r: f"{sum(r.counts.values())} rows")
        ret = timed("full return package (city)", lambda: write_return(city, "XM-SM-001", out),
                    lambda r: f"{r.acks} acks, {_mb(r.path)}")
        with open_station(root / "station"):
            timed("full return import (station)", lambda: apply.import_return(ret.path))
            rng = random.Random(args.seed)
            uids = [u for (u,) in database.execute_sql("SELECT uid FROM client LIMIT 20000")]
            started = time.perf_counter()
            for i in range(args.changes):
                crud.update(Client, rng.choice(uids), {"notes": f"回访记录 {i}"}, SYSTEM)
            rows.append((f"{args.changes} edits (setup)",
                         f"{time.perf_counter() - started:.2f} s", "", ""))
            delta = timed("delta export", lambda: export.export_package(out, workers=True),
                          lambda r: f"{r.rows} rows, package {_mb(r.path)}")
        timed("delta ingest (city)", lambda: ingest(city, delta.path, workers=True),
              lambda r: f"{sum(r.counts.values())} rows")
        dret = timed("delta return package (city)",
                     lambda: write_return(city, "XM-SM-001", out),
                     lambda r: f"{r.acks} acks, {_mb(r.path)}")
        with open_station(root / "station"):
            timed("delta return import (station)", lambda: apply.import_return(dret.path))
        if args.city_db is None:
            rows.append(("city SQLite file", "", "", _mb(root / "hub" / "city.db")))
        city.close()
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    # The machine is shared: the load says how much of it these figures had. The CPU time
    # (all threads, and the ingest's worker processes) shows how much work a step was; on
    # a busy host it grows too.
    print("load average (1, 5, 15 min) at the end: {:.2f} {:.2f} {:.2f}\n".format(
        *os.getloadavg()))
    print("| step | time | CPU | detail |\n| --- | --- | --- | --- |")
    for label, seconds, cpu, note in rows:
        print(f"| {label} | {seconds} | {cpu} | {note} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
