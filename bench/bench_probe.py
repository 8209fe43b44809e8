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
running meanwhile (the anchor: what the machine's load alone costs), the longest pass of
the cyclic collector that began in the phase, on any thread (a pass holds the GIL), and
the load average. With ``--slow-sql MS``, every statement the GUI thread ran for longer than MS
(up to its first row), with the window's code that asked for it. With ``--where``, for
each phase's worst firing and for its interval of most GUI-thread CPU: the GUI thread's
Python stacks sampled every 2 ms in it (the window's frames, outermost first) and the
cyclic collector's passes that overlapped it, on whichever thread (a pass holds the GIL).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
PHASES = ("open", "idle", "dashboard", "list", "search")


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
        self.worst: dict[str, tuple[float, float, float]] = {}  # phase: late, from, to
        self.busiest: dict[str, tuple[float, float, float]] = {}  # phase: GUI CPU, from, to
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
        late = max(now - self._last - TICK_MS / 1000, 0)
        self.late.setdefault(self.phase, []).append(late)
        if late > self.worst.get(self.phase, (-1.0, 0.0, 0.0))[0]:
            self.worst[self.phase] = (late, self._last, now)
        if cpu - self._cpu > self.busiest.get(self.phase, (-1.0, 0.0, 0.0))[0]:
            self.busiest[self.phase] = (cpu - self._cpu, self._last, now)
        self.busy.setdefault(self.phase, []).append(cpu - self._cpu)
        self._last, self._cpu = now, cpu

    def phase_at(self, moment: float) -> str:
        name = "start"
        for phase, since in self.spans:
            if since > moment:
                break
            name = phase
        return name


class Collections:
    """The cyclic collector's passes (from, to, generation, thread): a pass on any thread
    holds the GIL, and the GUI thread waits for it."""

    def __init__(self) -> None:
        self.seen: list[tuple[float, float, int, str]] = []
        self._start = 0.0

    def start(self) -> None:
        gc.callbacks.append(self._note)

    def stop(self) -> None:
        gc.callbacks.remove(self._note)

    def _note(self, stage: str, info: dict[str, int]) -> None:
        if stage == "start":
            self._start = time.perf_counter()
            return
        self.seen.append((self._start, time.perf_counter(), info["generation"],
                          threading.current_thread().name))

    def longest(self, probe: Probe, phase: str) -> str:
        """The phase's longest pass, and how many took 10 ms or more."""
        during = [end - start for start, end, _g, _t in self.seen
                  if probe.phase_at(start) == phase]
        return (f"{ms(max(during, default=0.0))} "
                f"({sum(1 for took in during if took >= 0.01)})")


class Where:
    """With ``--where``: a thread that notes the GUI thread's Python stack every 2 ms, so
    that each phase's worst interval can say what ran in it. A stack is noted when the
    GUI thread lets the GIL go: Qt's own C++ work counts to the Python frame that called
    it or the next one it calls back, which is what names the window's code to change."""

    EVERY_S = 0.002

    def __init__(self) -> None:
        self.samples: list[tuple[float, str]] = []
        self._gui = threading.main_thread().ident
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="where", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.EVERY_S):
            frame = sys._current_frames().get(self._gui)
            if frame is not None:
                self.samples.append((time.perf_counter(), self._summary(frame)))

    @staticmethod
    def _summary(frame: object) -> str:
        """The window's frames, outermost first, with the innermost frame (Qt's, peewee's)."""
        ours, inner = [], ""
        f: Any = frame
        while f is not None:
            code = f.f_code
            name = f"{Path(code.co_filename).stem}.{code.co_name}"
            if not inner:
                inner = name
            if "/ui/" in code.co_filename:
                ours.append(name)
            f = f.f_back
        if inner == "bench_probe.main":
            return "Qt's own work (layout, painting, events), or waiting for the GIL"
        shown = ours[:4][::-1]
        if not ours or ours[0] != inner:
            shown.append(f"[{inner}]")
        return " > ".join(shown)

    def report(self, probe: Probe, passes: Collections) -> None:
        for phase in PHASES:
            for what, (figure, since, until) in (
                    ("worst firing", probe.worst.get(phase, (0.0, 0.0, 0.0))),
                    ("most GUI-thread CPU", probe.busiest.get(phase, (0.0, 0.0, 0.0)))):
                self._interval(f"{phase}, {what} ({ms(figure)}, {ms(until - since)} "
                               "between firings)", since, until, passes)

    def _interval(self, title: str, since: float, until: float, passes: Collections) -> None:
        seen = Counter(s for t, s in self.samples if since <= t <= until)
        total = sum(seen.values())
        print(f"\n{title}: {total} stacks in it")
        for stack, n in seen.most_common(4):
            print(f"  {n * 100 // total:3d}%  {stack}")
        for start, end, generation, thread in passes.seen:
            overlap = min(end, until) - max(start, since)
            if overlap > 0.001:
                print(f"  the cyclic collector, generation {generation} on {thread}: "
                      f"{ms(end - start)}, {ms(overlap)} of it in this interval")


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
    parser.add_argument("--where", action="store_true",
                        help="name what the GUI thread ran in each phase's worst interval")
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
    passes = Collections()
    passes.start()
    where = Where() if args.where else None
    if where is not None:
        where.start()
    probe.start()
    run_script(app, script(app, probe, args.data_dir, args.idle, box))
    app.exec()
    probe.timer.stop()
    passes.stop()
    if where is not None:
        where.stop()
    beside = anchor_lateness(anchor, stop, probe)
    print(f"| phase ({box.get('rows', 0):,} records) | firings | worst late | p99 late "
          f"| over 50 ms | GUI thread's CPU, worst interval | anchor's worst late "
          f"| longest collection (10 ms or more) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    worst = 0.0
    for phase in PHASES:
        late = sorted(probe.late.get(phase, [0.0]))
        worst = max(worst, late[-1])
        p99 = late[min(int(len(late) * 0.99), len(late) - 1)]
        print(f"| {phase} | {len(late)} | {ms(late[-1])} | {ms(p99)} "
              f"| {sum(1 for x in late if x > 0.05)} | {ms(max(probe.busy.get(phase, [0.0])))} "
              f"| {ms(max(beside.get(phase, [0.0])))} | {passes.longest(probe, phase)} |")
    load = os.getloadavg()
    print(f"\nworst lateness {ms(worst)}; window open to idle "
          f"{float(box.get('open_s', 0)):.2f} s; median firing late "
          f"{statistics.median(x for v in probe.late.values() for x in v) * 1000:.1f} ms; "
          f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if where is not None:
        where.report(probe, passes)
    window = box.get("window")
    if isinstance(window, MainWindow):
        window.sdb = None
        window.close()
    sdb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
