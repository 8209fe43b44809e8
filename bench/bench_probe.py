"""Does the window ever freeze? An event-loop probe while a worker uses it on big data.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python bench/bench_probe.py --data-dir DIR
    ... bench/bench_probe.py --clients 20000 --records 200000 --data-dir DIR --idle 35

A timer asks to fire every 10 ms; each time it fires, how late it is (beyond the 10 ms)
is how long the GUI thread was busy and could not paint or take a key. The script
opens the main window on the data of ``--data-dir`` (generated first, as by
``bench_ui.py``, if the dir holds no station yet), then, all within the running event
loop and with the probe on:

* open: the main window built and shown, its 工作台 figures counted, and what follows
  its showing (``after_show``: the reminder, the typed communities offered, the first
  start of a day's backup, of the whole database and the attachments' files);
* idle: ``--idle`` seconds doing nothing (35 by default: past the status bar's
  30-second refresh);
* dashboard: another page, then the 工作台 again (its figures counted anew);
* list: the 服务记录 list opened and jump-scrolled to 20 places;
* search: 20 searches typed into the 服务对象 list, each left to its debounce.

It prints the worst lateness of each phase, its 99th percentile and how many firings
were more than 50 ms late; beside them, the most CPU time the GUI thread spent between
two firings (its own work; lateness beyond it is waiting: for a core or for the GIL)
and the worst lateness of the same timer in a bare event loop, a process of its own
running meanwhile (the anchor: what the machine's load alone costs), and the load
average. With ``--slow-sql MS``, every statement the GUI thread ran for longer than MS
(up to its first row), with the window's code that asked for it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ui import PASSWORD, ensure_data
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from swdesk.db import open_station
from swdesk.model import database
from swdesk.services import accounts
from ui import ops
from ui.app import prepare
from ui.main_window import MainWindow
from ui.shell.context import AppContext
from ui.translations import apply_language

TICK_MS = 10


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"

SEARCHES = ("zh", "王", "li", "1234", "陈", "wx", "0578", "林", "hy", "张",
            "cz", "9031", "黄", "lw", "吴", "zm", "2210", "郑", "xl", "周")


class Probe:
    """A 10 ms timer that notes how late each firing is, per phase, and how much CPU time
    the GUI thread spent since the firing before (lateness with little CPU is the machine
    or the GIL keeping the thread waiting, not work it did)."""

    def __init__(self) -> None:
        self._phase = "start"
        self.late: dict[str, list[float]] = {}
        self.busy: dict[str, list[float]] = {}
        self.spans: list[tuple[str, float]] = [("start", time.perf_counter())]
        self._last = time.perf_counter()
        self._cpu = time.thread_time()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    @property
    def phase(self) -> str:
        return self._phase

    @phase.setter
    def phase(self, name: str) -> None:
        self._phase = name
        self.spans.append((name, time.perf_counter()))

    def start(self) -> None:
        self._last, self._cpu = time.perf_counter(), time.thread_time()
        self.timer.start()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.late.setdefault(self.phase, []).append(max(now - self._last - TICK_MS / 1000, 0))
        self.busy.setdefault(self.phase, []).append(cpu - self._cpu)
        self._last, self._cpu = now, cpu

    def phase_at(self, moment: float) -> str:
        name = "start"
        for phase, since in self.spans:
            if since > moment:
                break
            name = phase
        return name


# The anchor: the same 10 ms timer in a bare Qt event loop in a process of its own,
# running beside the window all along; its lateness is what the machine's load alone
# costs a thread that does nothing else.
ANCHOR = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
app = QCoreApplication([])
stop, tick_ms = Path(sys.argv[1]), int(sys.argv[2])
seen, last = [], [time.perf_counter()]
def tick():
    now = time.perf_counter()
    seen.append((now, max(now - last[0] - tick_ms / 1000, 0)))
    last[0] = now
    if len(seen) % 50 == 0 and stop.exists():
        app.quit()
timer = QTimer()
timer.setInterval(tick_ms)
timer.timeout.connect(tick)
timer.start()
print("ready", flush=True)
app.exec()
print("\\n".join(f"{t} {late}" for t, late in seen))
"""


def start_anchor(stop: Path) -> subprocess.Popen[str]:
    anchor = subprocess.Popen([sys.executable, "-c", ANCHOR, str(stop), str(TICK_MS)],
                              stdout=subprocess.PIPE, text=True)
    assert anchor.stdout is not None
    assert anchor.stdout.readline().strip() == "ready"
    return anchor


def anchor_lateness(anchor: subprocess.Popen[str], stop: Path,
                    probe: Probe) -> dict[str, list[float]]:
    stop.touch()
    out, _ = anchor.communicate(timeout=60)
    late: dict[str, list[float]] = {}
    for line in out.split("\n"):
        if line.strip():
            moment, seconds = (float(x) for x in line.split())
            late.setdefault(probe.phase_at(moment), []).append(seconds)
    return late


def script(app: QApplication, probe: Probe, data_dir: Path, idle_s: float,
           box: dict[str, object]) -> Iterator[float]:
    """The steps; each yields how long to wait (ms) before the next, or -1: until idle."""
    actor = accounts.authenticate("admin", PASSWORD)  # (sign-in is not measured)
    yield 200
    probe.phase = "open"
    t0 = time.perf_counter()
    window = MainWindow(box["sdb"], AppContext(actor, data_dir, "管理员"))  # type: ignore[arg-type]
    box["window"] = window
    window.resize(1366, 820)
    window.show()
    window.after_show()  # as the program does: the reminder, the day's first backup …
    yield -1
    box["open_s"] = time.perf_counter() - t0
    probe.phase = "idle"
    yield idle_s * 1000
    probe.phase = "dashboard"
    window.go("worker")
    yield 300
    window.go("dashboard")
    yield -1
    probe.phase = "list"
    section = window.go("service_record")
    yield -1
    yield 300
    page = section.list_page  # type: ignore[attr-defined]
    rows = page.model.rowCount()
    box["rows"] = rows
    for n in range(20):
        page.view.scrollTo(page.model.index(int(rows * (n * 0.05 + 0.025)), 0))
        yield 100
    probe.phase = "search"
    clients = window.go("client").list_page  # type: ignore[attr-defined]
    yield -1
    for query in SEARCHES:
        clients.search.setText(query)
        yield 500
        yield -1
    probe.phase = "end"
    window.sdb = None  # (the window's closing backup, when the script quits, is not measured)


def log_slow_sql(limit_ms: float, probe: Probe) -> None:
    """Print each GUI-thread statement slower than ``limit_ms``, and who asked for it."""
    cls = type(database.obj)
    original = cls.execute_sql

    def timed(self: object, sql: str, *args: object, **kwargs: object) -> object:
        t0 = time.perf_counter()
        try:
            return original(self, sql, *args, **kwargs)
        finally:
            took = (time.perf_counter() - t0) * 1000
            if took > limit_ms and threading.current_thread() is threading.main_thread():
                frames = [f for f in traceback.extract_stack() if "/ui/" in f.filename][-3:]
                where = " < ".join(f"{Path(f.filename).name}:{f.name}" for f in frames)
                print(f"slow GUI-thread SQL, {probe.phase}, {took:.0f} ms: {sql[:100]} "
                      f"[{where}]", file=sys.stderr)

    cls.execute_sql = timed  # type: ignore[method-assign]


def run_script(app: QApplication, steps: Iterator[float]) -> None:
    def advance() -> None:
        try:
            wait = next(steps)
        except StopIteration:
            app.quit()
            return
        if wait >= 0:
            QTimer.singleShot(int(wait), advance)
        else:
            poll()

    def poll() -> None:
        if ops.running():
            QTimer.singleShot(20, poll)
        else:
            advance()

    QTimer.singleShot(0, advance)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--idle", type=float, default=35.0)
    parser.add_argument("--slow-sql", type=float, metavar="MS")
    args = parser.parse_args(argv)
    ensure_data(args.data_dir, args.clients, args.records)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    prepare(app)
    apply_language("zh")
    sdb = open_station(args.data_dir)
    box: dict[str, object] = {"sdb": sdb}
    probe = Probe()
    if args.slow_sql is not None:
        log_slow_sql(args.slow_sql, probe)
    stop = Path(tempfile.mkdtemp()) / "stop"
    anchor = start_anchor(stop)
    probe.start()
    run_script(app, script(app, probe, args.data_dir, args.idle, box))
    app.exec()
    probe.timer.stop()
    beside = anchor_lateness(anchor, stop, probe)
    print(f"| phase ({box.get('rows', 0):,} records) | firings | worst late | p99 late "
          f"| over 50 ms | GUI thread's CPU, worst interval | anchor's worst late |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    worst = 0.0
    for phase in ("open", "idle", "dashboard", "list", "search"):
        late = sorted(probe.late.get(phase, [0.0]))
        worst = max(worst, late[-1])
        p99 = late[min(int(len(late) * 0.99), len(late) - 1)]
        print(f"| {phase} | {len(late)} | {ms(late[-1])} | {ms(p99)} "
              f"| {sum(1 for x in late if x > 0.05)} | {ms(max(probe.busy.get(phase, [0.0])))} "
              f"| {ms(max(beside.get(phase, [0.0])))} |")
    load = os.getloadavg()
    print(f"\nworst lateness {ms(worst)}; window open to idle "
          f"{float(box.get('open_s', 0)):.2f} s; median firing late "
          f"{statistics.median(x for v in probe.late.values() for x in v) * 1000:.1f} ms; "
          f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    window = box.get("window")
    if isinstance(window, MainWindow):
        window.sdb = None
        window.close()
    sdb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
