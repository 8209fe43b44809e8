"""What the sync benchmarks share: timed steps, their CPU time, the table printed."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from swdesk import demo
from swdesk.city.db import City, init_city
from swdesk.city.enroll import enroll_station
from swdesk.db import open_station
from swdesk.services import station
from swdesk.sync import enrolment


def cpu_time() -> float:
    """CPU time of this process and of its ended children (the ingest's workers)."""
    try:
        import resource
    except ImportError:  # (Windows)
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def hub_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every sync benchmark takes: seed, the hub's database, keep."""
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--city-db", metavar="URL",
                        help="the hub's database (an empty one); default SQLite")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")


class Steps:
    """Timed steps: each printed as it ends, then all as a Markdown table."""

    def __init__(self, title: str, root: Path) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        print(f"# {title}\n\n{platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
              f"{os.cpu_count()} CPUs; folder {root}\n")

    def timed(self, label: str, fn: Callable[[], Any],
              note: Callable[[Any], str] = lambda r: "") -> Any:
        started, cpu = time.perf_counter(), cpu_time()
        result = fn()
        self.rows.append((label, f"{time.perf_counter() - started:.2f} s",
                          f"{cpu_time() - cpu:.2f} s", note(result)))
        print(f"  {label}: {self.rows[-1][1]} (CPU {self.rows[-1][2]}) {self.rows[-1][3]}",
              file=sys.stderr, flush=True)
        return result

    def table(self) -> None:
        # The machine is shared: the load says how much of it these figures had. The CPU
        # time (all threads, and the ingest's worker processes) shows how much work a step
        # was; on a busy host it grows too.
        print("load average (1, 5, 15 min) at the end: {:.2f} {:.2f} {:.2f}\n".format(
            *os.getloadavg()))
        print("| step | time | CPU | detail |\n| --- | --- | --- | --- |")
        for label, seconds, cpu, note in self.rows:
            print(f"| {label} | {seconds} | {cpu} | {note} |")


@contextmanager
def bench_folder(prefix: str, title: str, keep: bool) -> Iterator[tuple[Path, Steps]]:
    """A temporary folder (removed at the end unless ``keep``) and the steps timed in
    it, whose table is printed once the body succeeded."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    steps = Steps(title, root)
    try:
        yield root, steps
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    steps.table()


@contextmanager
def hub_and_station(root: Path, args: argparse.Namespace, steps: Steps) -> Iterator[City]:
    """A hub (``--city-db`` or SQLite) and, open within the body, one station enrolled
    with it holding ``--clients`` clients' and ``--records`` records' demo data."""
    city = init_city(root / "hub", args.city_db, "厦门市民政局")
    enrol = enroll_station(city, "XM-SM-001", "嘉莲街道社工站", root / "enrol.json")
    with open_station(root / "station", create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        steps.timed("demo data (setup)", lambda: demo.generate(args.clients, args.records,
                                                               seed=args.seed))
        enrolment.enrol(enrol, fingerprint=city.keys.public().fingerprint())
        yield city
