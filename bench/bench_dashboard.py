"""Benchmark the 工作台's figures on city-size data, each beside its raw-SQL anchor.

    python bench/bench_dashboard.py                          # 100,000 clients, 1,000,000 records
    python bench/bench_dashboard.py --data-dir DIR           # reuse a station made earlier
    python bench/bench_dashboard.py --clients 20000 --records 200000

Without ``--data-dir`` it generates a station with ``swdesk.demo`` in a temporary data dir
(kept with ``--keep``). Where the station has no groups yet, it makes some (``--groups``):
group records of the last year are shared out among them as their sessions, so that
小组数 has something to count. Then it times ``dashboard.dashboard()`` (target: under
0.3 s) and, for this month and each running project's execution year to date, every
contract figure as :mod:`swdesk.services.contract_figures` counts it beside the same
figure counted by a plain SQL statement written here (the anchor: what SQLite takes for
the count alone), and prints Markdown tables. The dashboard and each period's figures
are also timed with every figure counted from the records (``contract_figures.counted``,
as before the kept figures), and ``--writes`` records are written (and rolled back)
with and without the kept figures' triggers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import report_table

from swdesk import demo
from swdesk.db import kept_figures, open_station
from swdesk.model import Project, database
from swdesk.services import contract_figures, dashboard, station
from swdesk.services.indicators import year_text, year_to_date

# Each figure in plain SQL, apart from the module (the same as the tests' independent
# counts): {r} {k} {h} are the project conditions on records, cases and hours.
ANCHORS: dict[str, str] = {
    "cases": 'SELECT count(*) FROM "case" k WHERE k.deleted = 0 AND k.opened_on <= :last '
             "AND coalesce(k.closed_on, '9999-12-31') >= :first {k}",
    "groups": "SELECT count(DISTINCT s.work_group_id) FROM service_record s JOIN work_group g "
              "ON g.id = s.work_group_id WHERE g.deleted = 0 AND s.deleted = 0 "
              "AND s.kind = 'group' AND s.date BETWEEN :first AND :last {r}",
    "group_sessions": "SELECT count(*) FROM service_record s WHERE s.deleted = 0 "
                      "AND s.kind = 'group' AND s.date BETWEEN :first AND :last {r}",
    "activities": "SELECT count(*) FROM service_record s WHERE s.deleted = 0 "
                  "AND s.kind = 'community' AND s.date BETWEEN :first AND :last {r}",
    "person_times": "SELECT (SELECT coalesce(sum(s.headcount), 0) FROM service_record s "
                    "WHERE s.deleted = 0 AND s.date BETWEEN :first AND :last {r}) + "
                    '(SELECT count(*) FROM case_log cl JOIN "case" k ON k.id = cl.case_id '
                    "WHERE cl.deleted = 0 AND k.deleted = 0 AND cl.date BETWEEN :first "
                    "AND :last {k})",
    "clients": "SELECT count(DISTINCT u.who) FROM (SELECT sp.client_id AS who "
               "FROM service_participant sp JOIN service_record s ON s.id = sp.record_id "
               "WHERE s.deleted = 0 AND s.date BETWEEN :first AND :last {r} UNION ALL "
               'SELECT k.client_id FROM case_log cl JOIN "case" k ON k.id = cl.case_id '
               "WHERE cl.deleted = 0 AND k.deleted = 0 AND cl.date BETWEEN :first AND :last "
               "{k}) u JOIN client c ON c.id = u.who WHERE c.deleted = 0",
    "care_visits": "SELECT (SELECT count(*) FROM service_record s WHERE s.deleted = 0 "
                   "AND s.care_visit = 1 AND s.date BETWEEN :first AND :last {r}) + "
                   '(SELECT count(*) FROM case_log cl JOIN "case" k ON k.id = cl.case_id '
                   "WHERE cl.deleted = 0 AND k.deleted = 0 AND cl.care_visit = 1 "
                   "AND cl.date BETWEEN :first AND :last {k})",
    "volunteer_hours": "SELECT sum(hours) FROM volunteer_hour h WHERE h.deleted = 0 "
                       "AND h.date BETWEEN :first AND :last {h}",
}


def _timed(fn: Callable[..., Any], *args: Any, **kw: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args, **kw)
    return time.perf_counter() - start, result


def anchor(key: str, first: dt.date, last: dt.date, project: int | None) -> Decimal:
    conds = {"r": "AND s.project_id = :p", "k": "AND k.project_id = :p",
             "h": "AND h.project_id = :p"}
    sql = ANCHORS[key].format(**{k: v if project is not None else "" for k, v in conds.items()})
    (value,) = database.execute_sql(sql, {"first": first.isoformat(), "last": last.isoformat(),
                                          "p": project}).fetchone()
    if key == "volunteer_hours":
        return Decimal(str(value or 0)).quantize(Decimal("0.01"))
    return Decimal(value)


def make_groups(count: int) -> int:
    """Share the newest group records out among ``count`` new groups, in date order,
    10 sessions each (a group's sessions within a few weeks); returns the sessions linked."""
    if count <= 0 or database.execute_sql("SELECT count(*) FROM work_group").fetchone()[0]:
        return 0
    (origin,) = database.execute_sql("SELECT code FROM station LIMIT 1").fetchone()
    now = dt.datetime.now().isoformat(sep=" ")
    with database.atomic():
        database.cursor().executemany(
            'INSERT INTO work_group (uid, origin, version, updated_at, deleted, name, category, '
            "field, status, aims, name_sort) VALUES (?, ?, 1, ?, 0, ?, 'jinglao', 'welfare', "
            "'running', '互助', ?)",
            [(str(uuid.uuid4()), origin, now, f"小组{i:05d}", f"xiaozu{i:05d}")
             for i in range(count)])
        ids = [r[0] for r in database.execute_sql("SELECT id FROM work_group ORDER BY id")]
        sessions = [r[0] for r in database.execute_sql(
            "SELECT id FROM service_record WHERE kind = 'group' AND deleted = 0 "
            "ORDER BY date DESC, id LIMIT ?", (count * 10,))]
        database.cursor().executemany(
            "UPDATE service_record SET work_group_id = ? WHERE id = ?",
            [(ids[i // 10], rid) for i, rid in enumerate(sessions)])
    return len(sessions)


def write_cost(count: int, *, kept: bool) -> tuple[float, float]:
    """Seconds to insert ``count`` service records of this month with three participants
    each (as the Excel import writes them: ``executemany``), and to delete them (marked
    deleted, one statement), in a transaction rolled back after; without ``kept``, the
    kept figures' triggers are dropped in it first. visit_seen's trigger on a record's
    edit is dropped in both (it costs tens of ms a record, with or without these)."""
    rng = random.Random(count)
    clients = [r[0] for r in database.execute_sql("SELECT id FROM client LIMIT 20000")]
    projects = [None, *(r[0] for r in database.execute_sql("SELECT id FROM project"))]
    (first_id,) = database.execute_sql("SELECT max(id) + 1 FROM service_record").fetchone()
    today, now = dt.date.today(), dt.datetime.now().isoformat(sep=" ")
    records = [(first_id + i, str(uuid.uuid4()), now,
                (today - dt.timedelta(days=rng.randrange(28))).isoformat(),
                rng.choice(("individual", "group", "community")), rng.choice(projects))
               for i in range(count)]
    people = [(rid, c) for rid, *_rest in records for c in rng.sample(clients, 3)]
    with database.atomic() as txn:
        database.execute_sql('DROP TRIGGER IF EXISTS "visit_seen_record_edit"')
        if not kept:
            for name, _sql in kept_figures.triggers(database):
                database.execute_sql(f'DROP TRIGGER "{name}"')
        start = time.perf_counter()
        database.cursor().executemany(
            "INSERT INTO service_record (id, uid, origin, version, updated_at, deleted, date, "
            "kind, category, field, title, headcount, care_visit, project_id) VALUES "
            "(?, ?, 'XM-SM-001', 1, ?, 0, ?, ?, 'jinglao', 'welfare', '探访', 3, 0, ?)", records)
        database.cursor().executemany(
            "INSERT INTO service_participant (record_id, client_id) VALUES (?, ?)", people)
        took = time.perf_counter() - start
        start = time.perf_counter()
        database.execute_sql("UPDATE service_record SET deleted = 1 WHERE id >= ?", (first_id,))
        gone = time.perf_counter() - start
        txn.rollback()
    return took, gone


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, help="an existing station to count on")
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--groups", type=int, default=2_000,
                        help="groups to make where the station has none (0: none)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--writes", type=int, default=10_000,
                        help="records written with and without the kept figures' triggers")
    parser.add_argument("--keep", action="store_true", help="keep the generated data dir")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="swdesk-bench-dashboard-"))
    rows: list[tuple[str, str, str]] = []
    figures: list[tuple[str, str, str, str, str, str]] = []
    try:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = work / "data"
            with open_station(data_dir, create=True):
                station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
                took, _counts = _timed(demo.generate, args.clients, args.records, 1)
            rows.append(("demo data", f"{args.clients:,} clients, {args.records:,} records",
                         f"{took:.1f} s"))
        with open_station(data_dir):
            linked = make_groups(args.groups)
            if linked:
                rows.append(("groups made", f"{args.groups:,} groups, {linked:,} sessions", ""))
            total = database.execute_sql("SELECT count(*) FROM service_record").fetchone()[0]
            rows.append(("station", f"{total:,} service records", ""))
            times = []
            for _run in range(args.runs):
                took, board = _timed(dashboard.dashboard)
                times.append(took)
            rows.append(("dashboard.dashboard()", f"{args.runs} runs: min {min(times):.3f} s, "
                         f"median {statistics.median(times):.3f} s", "target < 0.3 s"))
            # The same with every figure counted from the records (as before the kept
            # figures of migration 0009): the ratio of the two, in one run.
            reading = contract_figures.figures
            contract_figures.figures = contract_figures.counted  # type: ignore[assignment]
            try:
                raw_times = [_timed(dashboard.dashboard)[0] for _run in range(args.runs)]
            finally:
                contract_figures.figures = reading  # type: ignore[assignment]
            rows.append(("dashboard.dashboard(), figures counted from the records",
                         f"{args.runs} runs: min {min(raw_times):.3f} s, "
                         f"median {statistics.median(raw_times):.3f} s",
                         f"kept / counted: "
                         f"{statistics.median(times) / statistics.median(raw_times):.2f}"))
            if args.writes:
                bare = [write_cost(args.writes, kept=False) for _run in range(3)]
                keeping = [write_cost(args.writes, kept=True) for _run in range(3)]
                for i, what in enumerate(("written (executemany)", "marked deleted")):
                    with_ = statistics.median(k[i] for k in keeping)
                    without = statistics.median(b[i] for b in bare)
                    rows.append((f"{args.writes:,} records + {3 * args.writes:,} participants "
                                 f"{what}", f"kept figures' triggers: {with_:.2f} s, "
                                 f"without: {without:.2f} s", f"{with_ / without:.1f}×"))
            spans: list[tuple[str, dt.date, dt.date, int | None]] = [
                (board.period_text, board.month, board.last, None)]
            today = dt.date.today()
            for project in Project.live().order_by(Project.id):
                span = year_to_date(project, today)
                if span is not None and project.end_on >= today:
                    spans.append((f"{project.name} {year_text(span[0])}", span[0].first,
                                  span[1], int(project.id)))
                    # and the whole year before (twelve months: the project report's)
                    before = year_to_date(project, span[0].first - dt.timedelta(days=1))
                    if before is not None:
                        spans.append((f"{project.name} {year_text(before[0])}",
                                      before[0].first, before[1], int(project.id)))
            for label, first, last, project_id in spans:
                took_all, kept = _timed(contract_figures.figures, first, last, project_id)
                took_raw, raw_all = _timed(contract_figures.counted, first, last, project_id)
                rows.append((f"all figures: {label}", f"{took_all:.3f} s",
                             f"counted from the records: {took_raw:.3f} s"))
                if kept != raw_all:
                    print(f"MISMATCH {label}: {kept} != {raw_all}", file=sys.stderr)
                for key in contract_figures.KEYS:
                    took_fig, value = _timed(contract_figures.count, key, first, last,
                                             project_id)
                    took_sql, raw = _timed(anchor, key, first, last, project_id)
                    figures.append((label, contract_figures.figure(key).zh, str(value),
                                    f"{took_fig * 1000:.1f} ms", str(raw),
                                    f"{took_sql * 1000:.1f} ms"))
                    if value != raw:
                        print(f"MISMATCH {label} {key}: {value} != {raw}", file=sys.stderr)
    finally:
        report_table.finish(work, args.keep)
    report_table.print_rows(rows)
    print("\n| period | figure | value | time | raw SQL | time |\n| --- | --- | --- | --- | --- "
          "| --- |")
    for line in figures:
        print("| " + " | ".join(line) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
