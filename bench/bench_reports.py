"""Benchmark the reports on city-size data: the monthly report and a batch of case files.

    python bench/bench_reports.py                          # 100,000 clients, 1,000,000 records
    python bench/bench_reports.py --data-dir DIR           # reuse a station made earlier
    python bench/bench_reports.py --clients 20000 --records 200000
    python bench/bench_reports.py --data-dir DIR --month 2026-11 --pdf-only [--profile N]

Without ``--data-dir`` it generates a station with ``swdesk.demo`` in a temporary data
dir (kept with ``--keep``). Then it times the monthly report of last month (or
``--month``; PDF and Excel; targets: under 2 s) and, in the same runs, taking turns, its
anchor (``monthly_anchor.py``: the same tables counted by plain group-by SQL and drawn by
reportlab directly) with their ratio; 500 case files in one PDF (target: under 30 s); and
prints a Markdown table. ``--profile N``: the N biggest items of one monthly PDF under
cProfile (cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import report_table
from monthly_anchor import anchor_pdf

from swdesk import demo, paths
from swdesk.db import open_station
from swdesk.model import Case, ServiceRecord
from swdesk.reports import figures, periods
from swdesk.reports.case_file import case_files
from swdesk.reports.monthly import monthly
from swdesk.services import contract_figures, station
from swdesk.services.actor import SYSTEM


def _timed(fn: object, *args: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)  # type: ignore[operator]
    return time.perf_counter() - start, result


def beside_anchor(month: str, db_path: Path, work: Path, runs: int
                  ) -> list[tuple[str, str, str]]:
    """The monthly PDF and its anchor, taking turns ``runs`` times; their medians and ratio,
    and whether the anchor's contract figures equal the report's."""
    period = periods.month(month)
    ours, anchors = [], []
    summary: dict[str, float] = {}
    for run in range(runs):
        took, _pages = _timed(monthly, month, SYSTEM, work / f"monthly-{run}.pdf")
        ours.append(took)
        start = time.perf_counter()
        summary = anchor_pdf(db_path, period.first, period.last, work / f"anchor-{run}.pdf",
                             contract_figures.rules_text())
        anchors.append(time.perf_counter() - start)
    counted = contract_figures.figures(period.first, period.last)
    same = all(abs(float(counted[k]) - float(summary.get(k, 0))) < 0.005 for k in counted)
    mine, plain = statistics.median(ours), statistics.median(anchors)
    return [("monthly report, PDF", f"{runs} runs: median {mine:.2f} s "
             f"(min {min(ours):.2f})", "target < 2 s"),
            ("its anchor: group-by SQL + reportlab", f"median {plain:.2f} s "
             f"(min {min(anchors):.2f})", "contract figures equal: " + ("yes" if same else "NO")),
            ("ratio PDF / anchor", f"{mine / plain:.1f}× (medians)", "")]


def profile(month: str, work: Path, top: int) -> None:
    """The biggest items of one monthly PDF, by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    monthly(month, SYSTEM, work / "profiled.pdf")
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, help="an existing station to report on")
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated data dir")
    parser.add_argument("--month", help="YYYY-MM (default: last month)")
    parser.add_argument("--pdf-only", action="store_true",
                        help="only the monthly PDF beside its anchor")
    parser.add_argument("--profile", type=int, metavar="N", default=0)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="swdesk-bench-reports-"))
    rows: list[tuple[str, str, str]] = []
    try:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = work / "data"
            with open_station(data_dir, create=True):
                station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
                took, _counts = _timed(demo.generate, args.clients, args.records, 1)
            rows.append(("demo data", f"{args.clients:,} clients, {args.records:,} records",
                         f"{took:.1f} s"))
        first = dt.date.today().replace(day=1) - dt.timedelta(days=1)
        month = args.month or f"{first.year}-{first.month:02d}"
        with open_station(data_dir):
            total = ServiceRecord.select().count()
            in_month = figures.records_total(figures.service_cells(periods.month(month)))
            rows.append(("station", f"{total:,} service records; {in_month:,} in {month}", ""))
            rows += beside_anchor(month, paths.db_path(data_dir), work, args.runs)
            if args.profile:
                profile(month, work, args.profile)
            for suffix, label in ((".pdf", "monthly report, PDF"),
                                  (".xlsx", "monthly report, Excel")):
                if args.pdf_only:
                    break
                times = []
                for run in range(args.runs):
                    took, _n = _timed(monthly, month, SYSTEM, work / f"monthly-{run}{suffix}")
                    times.append(took)
                rows.append((label, f"{args.runs} runs: min {min(times):.2f} s, "
                             f"median {statistics.median(times):.2f} s", "target < 2 s"))
            ids = [c.id for c in Case.live().order_by(Case.id).limit(args.cases)]
            if not args.pdf_only:
                took, pages = _timed(case_files, ids, SYSTEM, work / "cases.pdf")
                size = (work / "cases.pdf").stat().st_size / 2**20
                rows.append((f"{len(ids)} case files in one PDF",
                             f"{took:.1f} s, {pages} pages, {size:.1f} MiB", "target < 30 s"))
    finally:
        report_table.finish(work, args.keep)
    report_table.print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
