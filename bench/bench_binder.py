"""How long the evaluation binder of one project year takes (the bar: a year of 5,000
records and 200 cases under 60 s).

    PYTHONPATH=. python bench/bench_binder.py [--clients 3000 --records 30000
        --year-records 5000 --cases 200 --runs 1]

Makes a demo station in a temporary data dir, then gives one project's second execution
year the first ``--year-records`` of the year's service records (groups and activities
in the demo's proportions: a group is filed if one of its sessions is) and ``--cases``
of the cases open in it (the others are moved to no project: a bench, not a station).
Times ``binder.binder`` (PDF: every case, group and activity file, the indicators and
the rows behind them; all queries included) and the indicator workbook, ``--runs``
times each. Prints a Markdown table of the sizes, page counts and times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from swdesk import demo
from swdesk.db import open_station
from swdesk.model import Project, database
from swdesk.reports import binder, binder_excel
from swdesk.services import station
from swdesk.services.actor import SYSTEM
from swdesk.services.indicators import execution_years


def shape(year_records: int, cases: int) -> Project:
    """The project whose second year gets the asked numbers of records and cases."""
    project = Project.get(Project.code == "XM-SM-001-P202401")
    year = execution_years(project)[1]
    span = (year.first.isoformat(), year.last.isoformat())
    with database.atomic():
        database.execute_sql("UPDATE service_record SET project_id = NULL "
                             "WHERE date BETWEEN ? AND ?", span)
        database.execute_sql(
            "UPDATE service_record SET project_id = ? WHERE id IN (SELECT id FROM "
            "service_record WHERE deleted = 0 AND date BETWEEN ? AND ? ORDER BY id LIMIT ?)",
            (int(project.id), *span, year_records))
        database.execute_sql('UPDATE "case" SET project_id = NULL')
        database.execute_sql(
            'UPDATE "case" SET project_id = ? WHERE id IN (SELECT id FROM "case" WHERE '
            "deleted = 0 AND opened_on <= ? AND (closed_on IS NULL OR closed_on >= ?) "
            "ORDER BY id LIMIT ?)", (int(project.id), span[1], span[0], cases))
    return project


def timed(fn: object, runs: int) -> list[float]:
    times = []
    for _n in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=3000)
    parser.add_argument("--records", type=int, default=30000)
    parser.add_argument("--year-records", type=int, default=5000)
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, open_station(Path(tmp) / "data", create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        demo.generate(args.clients, args.records, seed=1)
        project = shape(args.year_records, args.cases)
        data = binder.binder_year(project.code, 2)
        out = Path(tmp) / "binder.pdf"
        book: list[binder.Book] = []
        pdf = timed(lambda: book.append(binder.binder(project.code, 2, SYSTEM, out)),
                    args.runs)
        xlsx = timed(lambda: binder_excel.write_detail(binder.binder_year(project.code, 2),
                                                       Path(tmp) / "binder.xlsx"), args.runs)
        records = database.execute_sql(
            "SELECT count(*) FROM service_record WHERE deleted = 0 AND project_id = ? AND "
            "date BETWEEN ? AND ?", (int(project.id), data.year.first.isoformat(),
                                     data.year.last.isoformat())).fetchone()[0]
        print("| records | cases | groups | activities (files) | pages | PDF, median (worst) "
              "| workbook, median (worst) |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(f"| {records} | {len(data.lines['cases'])} | {len(data.lines['groups'])} | "
              f"{len(data.lines['activities'])} ({len(binder._activities(data))}) | "
              f"{book[-1].total} | "
              f"{statistics.median(pdf):.1f} s ({max(pdf):.1f} s) | "
              f"{statistics.median(xlsx):.2f} s ({max(xlsx):.2f} s) |")


if __name__ == "__main__":
    main()
