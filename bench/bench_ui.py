"""How quick the window is on city-size data: start, record list, search keystroke.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python bench/bench_ui.py          # 100k / 1M
    ... bench/bench_ui.py --clients 20000 --records 200000 --data-dir DIR --keep

Generates demo data in a fresh station (or reuses ``--data-dir`` if it already
holds one), then measures, in the window's own process:

* start: from opening the database to the main window shown with its first page
  painted (the time after sign-in a worker waits);
* record list: from clicking 服务记录 to the list painted with its first rows (its ids
  and rows read in the background);
* search: for 200 queries of the clients list (initials, name fragments, ID
  tails), from the keystroke's text change (less the debounce) to the results
  read in the background and painted.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from swdesk import demo
from swdesk.db import open_station
from swdesk.model import Client
from swdesk.services import accounts, station, this_station
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.app import prepare
from ui.main_window import MainWindow
from ui.shell.context import AppContext
from ui.translations import apply_language

PASSWORD = "Bench#2024pass"


def ensure_data(data_dir: Path, clients: int, records: int) -> None:
    with open_station(data_dir, create=True):
        if this_station.current_station() is None:
            station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
            t0 = time.perf_counter()
            demo.generate(clients, records, seed=1,
                          progress=lambda stage, done, total: print(
                              f"\r{stage} {done}/{total}   ", end="", file=sys.stderr))
            print(f"\ndemo data: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        if not accounts.has_users():
            accounts.create_user("admin", "管理员", PASSWORD, "admin", SYSTEM)


def paint(app: QApplication, widget: object) -> None:
    widget.repaint()  # type: ignore[attr-defined]
    app.processEvents()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    tmp = None
    data_dir = args.data_dir
    if data_dir is None:
        tmp = tempfile.mkdtemp(prefix="swdesk-bench-ui-")
        data_dir = Path(tmp) / "data"
    ensure_data(data_dir, args.clients, args.records)

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    prepare(app)
    apply_language("zh")
    t0 = time.perf_counter()
    sdb = open_station(data_dir)
    actor = accounts.authenticate("admin", PASSWORD)
    t_auth = time.perf_counter()
    window = MainWindow(sdb, AppContext(actor, data_dir, "管理员"))
    window.resize(1366, 820)
    window.show()
    paint(app, window)
    t_window = time.perf_counter()
    while ops.running():
        app.processEvents()
    t_dashboard = time.perf_counter()

    t1 = time.perf_counter()
    section = window.go("service_record")
    paint(app, window)
    while ops.running():  # its ids, then its first rows, come from the background
        app.processEvents()
    paint(app, window)
    t_records = time.perf_counter() - t1
    rows = section.list_page.model.rowCount()  # type: ignore[attr-defined]
    t1 = time.perf_counter()
    view = section.list_page.view  # type: ignore[attr-defined]
    for fraction in (0.25, 0.5, 0.75, 0.999):
        view.scrollTo(section.list_page.model.index(int(rows * fraction), 0))  # type: ignore[attr-defined]
        paint(app, view)
    t_scroll = (time.perf_counter() - t1) / 4

    clients = window.go("client")
    page = clients.list_page  # type: ignore[attr-defined]
    rng = random.Random(1)
    sample = list(Client.select(Client.name, Client.name_initials, Client.id_number)
                  .where(Client.deleted == False).limit(5000))  # noqa: E712
    queries = []
    for c in rng.sample(sample, 200):
        queries += [c.name_initials[:2], c.name[:2], (c.id_number or "0000")[-4:]]
    times = []
    for q in queries:
        t1 = time.perf_counter()
        page.search.setText(q)
        page._apply_filters()  # what the debounce timer fires
        while ops.running():  # the results come from the background
            app.processEvents()
        paint(app, page.view)
        times.append(time.perf_counter() - t1)
    times.sort()

    print(f"| what ({args.clients:,} clients, {rows:,} records) | time |")
    print("| --- | --- |")
    print(f"| sign-in check (password hash) | {ms(t_auth - t0)} |")
    print(f"| main window shown and painted after sign-in | {ms(t_window - t_auth)} |")
    print(f"| dashboard figures arrived (background) | {ms(t_dashboard - t_auth)} |")
    print(f"| record list opened and painted | {ms(t_records)} |")
    print(f"| record list jump-scroll, per jump | {ms(t_scroll)} |")
    print(f"| search keystroke to results, median | {ms(statistics.median(times))} |")
    print(f"| search keystroke to results, p95 | {ms(times[int(len(times) * 0.95)])} |")
    window.sdb = None
    window.close()
    sdb.close()
    if tmp and not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
