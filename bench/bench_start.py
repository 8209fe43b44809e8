"""Window start beside its anchor: an empty QMainWindow started the same way.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python bench/bench_start.py [--runs 9]

Each run is a fresh process (nothing cached in the interpreter), the two kinds taking
turns so that the machine's load falls on both alike:

* empty: import PySide6's widgets, make the QApplication, show an empty QMainWindow
  and let it paint;
* swdesk: import ``ui.launcher`` (the program's entry) and ``ui.app`` as the program
  does, open a station (made once, before the runs, with its administrator), check the
  password is skipped (scrypt is the sign-in's, not the start's), build the main window,
  show it (and what the program does once it is shown: ``after_show``) with its first
  page (the 工作台) painted, and wait for its figures.

It prints the median of each, from its first import to the window painted and for the
whole process (the interpreter's start and exit included), their ratio, and the
modules each loaded; and the GUI thread's CPU time until the window is painted, the
figure a busy machine disturbs least (waiting for a core is no CPU time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EMPTY = """
import os, sys, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1366, 820)
window.show()
window.repaint()
app.processEvents()
print(time.perf_counter() - t0, len(sys.modules), time.thread_time())
"""

SWDESK = """
import os, sys, time
t0 = time.perf_counter()
import ui.launcher  # (the program's entry)
ui.launcher.import_window()  # (as it opens a window: the core, then Qt and the window)
from PySide6.QtWidgets import QApplication
import ui.app
from pathlib import Path
from swdesk.db import open_station
from swdesk.services import accounts
from ui import ops
from ui.main_window import MainWindow
from ui.shell.context import AppContext
data = Path(sys.argv[1])
app = QApplication(sys.argv)
ui.app.prepare(app)
sdb = open_station(data)
actor = accounts.actor_of(accounts.list_users()[0])
window = MainWindow(sdb, AppContext(actor, data, "管理员"))
window.resize(1366, 820)
window.show()
window.after_show()  # as the program does: the reminder, the day's first backup …
window.repaint()
app.processEvents()
shown, cpu = time.perf_counter() - t0, time.thread_time()
while ops.running():
    app.processEvents()
print(shown, len(sys.modules), cpu, time.perf_counter() - t0)
window.sdb = None
window.close()
sdb.close()
"""


def make_station(data_dir: Path) -> None:
    # (imported here: the runs must not inherit them, and this process makes no window)
    from swdesk.db import open_station
    from swdesk.services import accounts, station
    from swdesk.services.actor import SYSTEM

    with open_station(data_dir, create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        accounts.create_user("admin", "管理员", "Bench#2024pass", "admin", SYSTEM)


def run(code: str, *args: str, pycache: Path) -> list[float]:
    # With bytecode kept (in a folder of the bench's own), as an installed program has it:
    # compiling the window's modules anew each run would be a third of what is measured.
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    wall = time.perf_counter() - t0
    return [wall, *(float(x) for x in out)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        make_station(data_dir)
        empty: list[list[float]] = []
        window: list[list[float]] = []
        pycache = Path(tmp) / "pycache"
        run(EMPTY, pycache=pycache)  # (a first run of each writes the bytecode, warms the
        run(SWDESK, str(data_dir), pycache=pycache)  # disk cache)
        for _ in range(args.runs):
            empty.append(run(EMPTY, pycache=pycache))
            window.append(run(SWDESK, str(data_dir), pycache=pycache))
    load = os.getloadavg()

    def median(rows: list[list[float]], n: int) -> float:
        return statistics.median(r[n] for r in rows)

    e_wall, w_wall = median(empty, 0), median(window, 0)
    e_in, w_in = median(empty, 1), median(window, 1)
    print(f"| median of {args.runs} runs each | empty QMainWindow | swdesk window | ratio |")
    print("| --- | --- | --- | --- |")
    print(f"| the whole process, start to exit | {e_wall:.3f} s | {w_wall:.3f} s "
          f"| {w_wall / e_wall:.1f}× |")
    print(f"| first import to window shown and painted | {e_in:.3f} s | {w_in:.3f} s "
          f"| {w_in / e_in:.1f}× |")
    e_cpu, w_cpu = median(empty, 3), median(window, 3)
    print(f"| GUI thread's CPU time, interpreter start to window painted | {e_cpu:.3f} s "
          f"| {w_cpu:.3f} s | {w_cpu / e_cpu:.1f}× |")
    print(f"| modules loaded | {median(empty, 2):.0f} | {median(window, 2):.0f} | |")
    print(f"\n工作台 figures arrived {median(window, 4):.3f} s after the first import; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
