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
import sys
from pathlib import Path

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from steps import bench_folder, hub_and_station, hub_arguments

from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.handle import StationHandle
from swdesk.model import database
from swdesk.sync import export

PLAN = export.ExportPlan.station_program()  # as the command line and the window export


def _station(root: Path) -> StationHandle:
    """The station ``hub_and_station`` opened under ``root`` (the models are on it)."""
    return StationHandle(root / "station", database.obj)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1_000)
    # (with the volunteer hours linked to them, rejected too: 1.0 million rows)
    parser.add_argument("--records", type=int, default=625_000)
    hub_arguments(parser)
    args = parser.parse_args(argv)
    with bench_folder("swdesk-bench-rejected-", "swdesk rejected-rows benchmark",
                      args.keep) as (root, steps):
        with hub_and_station(root, args, steps) as city:
            with database.atomic():  # rows from looser days: a service dated ahead
                database.execute_sql("UPDATE service_record SET date = '2099-01-01'")
            package = steps.timed("full export (setup)",
                                  lambda: export.export_package(_station(root), root / "stick",
                                                                plan=PLAN),
                                  lambda r: f"{r.rows} rows")
        got = steps.timed("ingest (city)", lambda: ingest(city, package.path, workers=True),
                          lambda r: ", ".join(f"{k} {v}" for k, v in sorted(r.counts.items())))
        assert got.counts["rejected"] >= args.records, got.counts
        steps.timed("return package (city)",
                    lambda: write_return(city, "XM-SM-001", root / "ret"),
                    lambda r: f"{r.acks} acks")
        city.close()
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
