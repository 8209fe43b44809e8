"""Benchmark the work list (issue 25) on city-size data, beside raw-SQL anchors.

    python bench/work_list.py                          # 100,000 clients, 1,000,000 records
    python bench/work_list.py --data-dir DIR           # reuse a station made earlier
    python bench/work_list.py --clients 20000 --records 200000 --keep

Without ``--data-dir`` it makes a station in a temporary data dir: first a rule for
every target group the shipped rules leave out (so every active client has a visit
rule), then ``swdesk.demo`` data, whose visitors and care visits follow the rules. It
times ``tasks.work_list`` for the head (everyone's tasks) and for one worker (target:
under 0.3 s each) beside two anchors run in the same process: reading the same client
rows with their kept last visit in one plain SQL statement (what SQLite takes for the
rows alone), and the last visit counted from the records instead of the kept table
(why the table is kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import report_table

from swdesk import demo, reference, visit_rules
from swdesk.db import open_station, visit_seen
from swdesk.handle import StationHandle
from swdesk.model import database
from swdesk.services import station, tasks
from swdesk.services.actor import Actor

ROWS_ANCHOR = (
    "SELECT c.id, c.name, c.target_groups, c.visit_every_days, c.visitor_worker_id, "
    "c.visitor_volunteer_id, c.registered_on, v.last_on FROM client c "
    "LEFT JOIN visit_seen v ON v.client_id = c.id WHERE c.deleted = 0 AND c.status = 'active'")


def _timed(fn: Callable[..., Any], *args: Any, **kw: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args, **kw)
    return time.perf_counter() - start, result


def _runs(n: int, fn: Callable[..., Any], *args: Any, **kw: Any) -> tuple[str, Any]:
    times, result = [], None
    for _r in range(n):
        took, result = _timed(fn, *args, **kw)
        times.append(took)
    return (f"median {statistics.median(times) * 1000:.0f} ms, "
            f"worst {max(times) * 1000:.0f} ms ({n} runs)"), result


def rule_every_group() -> None:
    """A monthly phone call for the groups the shipped rules leave out."""
    with database.atomic():
        for code in reference.codes("target_group"):
            if visit_rules.shortest(visit_rules.table(database), [code], "") is None:
                visit_rules.store(visit_rules.Rule(code, "", 30, "phone"), "city")


def _sql(sql: str) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql).fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, help="an existing station")
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the generated data dir")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="swdesk-bench-work-list-"))
    rows: list[tuple[str, str, str]] = []
    try:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = work / "data"
            with open_station(data_dir, create=True):
                station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
                rule_every_group()
                took, _counts = _timed(demo.generate, args.clients, args.records, 1,
                                      care_visits=True)
            rows.append(("demo data", f"{args.clients:,} clients, {args.records:,} records "
                         "and the care visits",
                         f"{took:.1f} s"))
        with open_station(data_dir) as sdb:
            handle = StationHandle.of(sdb)
            head = handle.acting(Actor("head", "head"))
            today = dt.date.today()
            (records,) = _sql("SELECT count(*) FROM service_record")[0]
            (active,) = _sql("SELECT count(*) FROM client WHERE deleted = 0 "
                             "AND status = 'active'")[0]
            rows.append(("station", f"{records:,} service records, {active:,} active clients",
                         ""))
            took, whole = _runs(args.runs, tasks.work_list, head, today=today)
            visits = sum(1 for t in whole.all() if t.kind == "visit")
            rows.append(("work_list, the head (everyone's)", took, "target < 300 ms"))
            rows.append(("  its tasks", f"{len(whole.overdue):,} overdue, {len(whole.today):,} "
                         f"today, {len(whole.this_week):,} this week ({visits:,} visits)", ""))
            (worker_id, mine), = _sql("SELECT visitor_worker_id, count(*) FROM client "
                                      "WHERE visitor_worker_id IS NOT NULL GROUP BY 1 "
                                      "ORDER BY 2 DESC LIMIT 1")
            one = handle.acting(Actor("worker", "worker", worker_id))
            took, own = _runs(args.runs, tasks.work_list, one, today=today)
            rows.append((f"work_list, one worker ({mine:,} clients to visit)", took,
                         "target < 300 ms"))
            rows.append(("  their tasks", f"{len(own.all()):,}", ""))
            took, _o = _runs(args.runs, tasks.overdue_count, head, today)
            rows.append(("overdue_count, the head", took, ""))
            took, _r = _runs(args.runs, _sql, ROWS_ANCHOR)
            rows.append(("anchor: the active clients with their kept last visit, plain SQL",
                         took, ""))
            took, counted = _runs(max(1, args.runs // 2), visit_seen.counted, database)
            rows.append(("anchor: every client's last visit counted from the records",
                         took, "what the kept table saves"))
            same = visit_seen.kept(database) == counted
            rows.append(("kept last visits equal the count", str(same), ""))
    finally:
        report_table.finish(work, args.keep)
    report_table.print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
