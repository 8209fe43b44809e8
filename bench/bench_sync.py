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
import random
import sys
import time
from pathlib import Path

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from steps import Steps, bench_folder, hub_and_station, hub_arguments

from swdesk import paths
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.db import open_station
from swdesk.handle import StationHandle
from swdesk.model import Client, database
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, export

PLAN = export.ExportPlan.station_program()  # as the command line and the window export


def _mb(path: Path) -> str:
    return f"{path.stat().st_size / 1024 / 1024:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--changes", type=int, default=1_000)
    hub_arguments(parser)
    args = parser.parse_args(argv)
    with bench_folder("swdesk-bench-sync-", "swdesk sync benchmark", args.keep) as (root, steps):
        _run(args, root, steps)
    return 0


def _run(args: argparse.Namespace, root: Path, steps: Steps) -> None:
    timed, rows = steps.timed, steps.rows
    out = root / "stick"
    with hub_and_station(root, args, steps) as city:
        station = StationHandle(root / "station", database.obj)  # (hub_and_station's)
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db_file = paths.db_path(root / "station")
        rows.append(("station SQLite file", "", "", _mb(db_file)))
        full = timed("full export", lambda: export.export_package(station, out, plan=PLAN),
                     lambda r: f"{r.rows} rows, package {_mb(r.path)}")
    timed("full ingest (city)", lambda: ingest(city, full.path, workers=True),
          lambda r: f"{sum(r.counts.values())} rows")
    ret = timed("full return package (city)", lambda: write_return(city, "XM-SM-001", out),
                lambda r: f"{r.acks} acks, {_mb(r.path)}")
    with open_station(root / "station") as sdb:
        timed("full return import (station)", lambda: apply.import_return(ret.path))
        rng = random.Random(args.seed)
        uids = [u for (u,) in database.execute_sql("SELECT uid FROM client LIMIT 20000")]
        started = time.perf_counter()
        for i in range(args.changes):
            crud.update(Client, rng.choice(uids), {"notes": f"回访记录 {i}"}, SYSTEM)
        rows.append((f"{args.changes} edits (setup)",
                     f"{time.perf_counter() - started:.2f} s", "", ""))
        station = StationHandle.of(sdb)
        delta = timed("delta export", lambda: export.export_package(station, out, plan=PLAN),
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

if __name__ == "__main__":
    raise SystemExit(main())
