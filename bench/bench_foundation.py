"""Benchmark the foundation on city-size data: demo generation, file size, client search.

    python bench/bench_foundation.py                       # 100,000 clients, 1,000,000 records
    python bench/bench_foundation.py --clients 20000 --records 200000 --keep

Creates a fresh station in a new data dir, times ``swdesk.demo.generate``, reports the
database size, then times ``swdesk.services.search.search_clients`` on 200 queries of
each kind taken from the generated clients, and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from swdesk import paths
from swdesk.db import open_station
from swdesk.model import database
from swdesk.services import station

QUERIES_PER_KIND = 200


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="where to create the station (must not hold one yet); "
                             "default: a new temporary dir, removed afterwards")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary data dir (a --data-dir is always kept)")
    args = parser.parse_args(argv)

    temporary = args.data_dir is None
    data_dir: Path = Path(tempfile.mkdtemp(prefix="swdesk-bench-")) if temporary \
        else args.data_dir
    if paths.db_path(data_dir).exists():
        parser.error(f"{data_dir} already holds a station database; give a fresh --data-dir")
    print(f"# swdesk foundation benchmark\n\n{platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version}, {os.cpu_count()} CPUs, {platform.machine()}; "
          f"data dir {data_dir}\n")
    try:
        generation, searches = run(data_dir, args.clients, args.records, args.seed)
    finally:
        if temporary and not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    print("\n| generate | wall | CPU | database file |\n| --- | ---: | ---: | ---: |")
    print("| " + " | ".join(generation) + " |")
    print("\n| search_clients | median | p95 |\n| --- | ---: | ---: |")
    for row in searches:
        print("| " + " | ".join(row) + " |")
    return 0


def run(data_dir: Path, clients: int, records: int,
        seed: int) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    from swdesk import demo

    with open_station(data_dir, create=True) as sdb:
        station.init_station("XM-SM-001", "思明区嘉莲街道社工站", "station", "siming")
        started = time.perf_counter()

        def progress(stage: str, done: int, total: int) -> None:
            print(f"  {time.perf_counter() - started:7.1f} s  {stage} {done}/{total}",
                  file=sys.stderr, flush=True)

        cpu = time.process_time()
        counts = demo.generate(clients, records, seed=seed, progress=progress)
        generation = time.perf_counter() - started
        # CPU seconds (all threads) say what the run costs whatever else the machine does.
        cpu = time.process_time() - cpu
        size = sum(Path(f"{sdb.path}{s}").stat().st_size for s in ("", "-wal")
                   if Path(f"{sdb.path}{s}").exists())
        total_rows = sum(counts.values())
        print(f"generate({clients:,} clients, {records:,} records): {generation:.1f} s "
              f"(CPU {cpu:.1f} s, load average {os.getloadavg()[0]:.1f}), "
              f"{total_rows:,} rows ({total_rows / generation:,.0f} rows/s)")
        print(f"database file: {size / 2**20:,.0f} MiB")
        print("rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
        summary = (f"{clients:,} clients / {records:,} records", f"{generation:.1f} s",
                   f"{cpu:.1f} s", f"{size / 2**20:,.0f} MiB")
        return summary, time_search(random.Random(seed))


def time_search(rng: random.Random) -> list[tuple[str, ...]]:
    """Median and p95 of search_clients per kind of query a station worker types."""
    from swdesk.services.search import search_clients

    people = database.execute_sql(
        "SELECT name, name_initials, id_number, phone FROM client WHERE deleted = 0"
    ).fetchall()
    if not people:
        return []
    three = [p for p in people if len(p[0]) == 3] or people
    with_phone = [p for p in people if p[3]] or people

    def fragment(p: tuple[str, ...]) -> str:  # 2 characters: surname+first or the given name
        at = rng.randint(0, len(p[0]) - 2)
        return p[0][at:at + 2]

    kinds: list[tuple[str, Callable[[], str]]] = [
        ("2-char name fragment", lambda: fragment(rng.choice(three))),
        ("3-char full name", lambda: rng.choice(three)[0]),
        ("pinyin initials (2-3)", lambda: rng.choice(people)[1][:rng.randint(2, 3)]),
        ("ID tail (4 digits)", lambda: rng.choice(people)[2][-4:]),
        ("phone tail (4 digits)", lambda: rng.choice(with_phone)[3][-4:]),
    ]
    for _kind, make in kinds:  # warm the page cache the way a running program has it
        for _i in range(5):
            search_clients(make())
    print(f"\nsearch_clients, {QUERIES_PER_KIND} queries per kind (limit 100):")
    rows: list[tuple[str, ...]] = []
    for kind, make in kinds:
        times, hits = [], 0
        for _i in range(QUERIES_PER_KIND):
            query = make()
            t = time.perf_counter()
            found = search_clients(query)
            times.append((time.perf_counter() - t) * 1000)
            hits += len(found)
        times.sort()
        median = statistics.median(times)
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"  {kind:24} median {median:7.2f} ms   p95 {p95:7.2f} ms   "
              f"mean hits {hits / QUERIES_PER_KIND:6.1f}")
        rows.append((kind, f"{median:.2f} ms", f"{p95:.2f} ms"))
    return rows


if __name__ == "__main__":
    sys.exit(main())
