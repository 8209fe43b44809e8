"""Check a built Linux bundle as a station would use it, and measure it.

``python installer/smoke.py dist/swdesk-VERSION-linux-x86_64.tar.gz`` unpacks the
tarball into a temporary folder and, with a bare environment (``env -i``: no
Python, no project on any path), runs ``swdesk --version``, ``init``, ``demo``,
``user add``, opens the main window offscreen and closes it; writes a package big
enough for the export's and the hub's worker processes and ingests it; then installs it per
user with ``install.sh`` into a temporary HOME and uninstalls it again. Prints
sizes and start times; exits non-zero if anything failed.

``--baseline`` also builds a bare PySide6 "hello window" bundle the same way (in
a temporary folder) and measures it beside swdesk.

tests/installer/test_bundle.py runs the same checks (marked slow).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

STATION = ["--station", "XM-SM-001", "--name", "嘉莲街道社工站", "--level", "station",
           "--district", "思明区"]
SMOKE_USER = "smoke"
SMOKE_PASSWORD = "Qx7-harbour-lantern"  # a throwaway account in a throwaway data dir
HELLO = '''\
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("你好")
label.show()
def shown():
    print("smoke: main window shown", flush=True)
    label.close()
QTimer.singleShot(0, shown)
sys.exit(app.exec())
'''


def bare_env(home: Path, **extra: str) -> list[str]:
    """``env -i`` with only what a desktop session would give: no Python anywhere."""
    pairs = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
             "QT_QPA_PLATFORM": "offscreen", **extra}
    return ["env", "-i", *(f"{k}={v}" for k, v in pairs.items())]


def run(cmd: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


@dataclass
class WindowRun:
    code: int
    shown_after: float | None  # seconds from launch to "main window shown"
    output: str
    cpu_s: float = 0.0  # user + system CPU of the whole run: steadier than wall time on a busy PC


def open_window(exe: Path, home: Path, data_dir: Path, timeout: float = 120) -> WindowRun:
    """Start the program's window; time until the main window is on screen."""
    cmd = [*bare_env(home, SWDESK_SMOKE_TEST="1", SWDESK_SMOKE_USER=SMOKE_USER,
                     SWDESK_SMOKE_PASSWORD=SMOKE_PASSWORD),
           str(exe), "--data-dir", str(data_dir)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=home, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    assert proc.stdout is not None
    shown: float | None = None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if shown is None and "smoke: main window shown" in line:
            shown = time.perf_counter() - started
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = proc.wait(timeout=timeout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return WindowRun(code, shown, "".join(lines), cpu)


def folder_bytes(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file())


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)

    def expect(self, ok: bool, what: str, detail: str = "") -> None:
        if not ok:
            self.problems.append(f"{what}: {detail.strip()[-2000:]}")


def unpack(tarball: Path, into: Path) -> Path:
    with tarfile.open(tarball) as tar:
        tar.extractall(into, filter="tar")
    (top,) = [p for p in into.iterdir() if p.is_dir()]
    return top


def check_bundle(top: Path, work: Path, version: str | None, starts: int = 3) -> Report:
    """The CLI and the window from the unpacked bundle ``top`` (holding ``swdesk``)."""
    report = Report()
    exe = top / "swdesk"
    home = work / "home"
    home.mkdir()
    data = work / "data"
    report.facts["unpacked MB"] = f"{folder_bytes(top) / 1e6:.1f}"

    started = time.perf_counter()
    out = run([*bare_env(home), str(exe), "--version"], home)
    report.facts["--version s"] = f"{time.perf_counter() - started:.2f}"
    report.expect(out.returncode == 0, "--version failed", out.stderr)
    report.facts["--version"] = out.stdout.strip()
    if version is not None:
        report.expect(out.stdout.strip() == f"swdesk {version}", "wrong version", out.stdout)

    out = run([*bare_env(home), str(exe), "--data-dir", str(data), "init", *STATION], home)
    report.expect(out.returncode == 0, "init failed", out.stdout + out.stderr)
    started = time.perf_counter()
    out = run([*bare_env(home), str(exe), "--data-dir", str(data), "demo",
               "--clients", "200", "--records", "2000", "--seed", "1"], home)
    report.facts["demo 200/2000 s"] = f"{time.perf_counter() - started:.2f}"
    report.expect(out.returncode == 0, "demo failed", out.stdout + out.stderr)
    out = run([*bare_env(home), str(exe), "--data-dir", str(data), "db", "check"], home)
    report.expect(out.returncode == 0 and "服务对象 200" in out.stdout, "db check failed",
                  out.stdout + out.stderr)
    out = run([*bare_env(home), str(exe), "--data-dir", str(data), "user", "add", SMOKE_USER,
               "--name", "冒烟测试", "--role", "admin", "--password", SMOKE_PASSWORD], home)
    report.expect(out.returncode == 0, "user add failed", out.stdout + out.stderr)

    times, cpu = [], []
    for i in range(starts):
        window = open_window(exe, home, data)
        report.expect(window.code == 0 and window.shown_after is not None,
                      f"window run {i + 1} failed (exit {window.code})", window.output)
        if window.shown_after is not None:
            times.append(window.shown_after)
            cpu.append(window.cpu_s)
    if times:
        report.facts["main window shown, first run s"] = f"{times[0]:.2f}"
        report.facts["main window shown, median s"] = f"{statistics.median(times):.2f}"
        report.facts["CPU per window run, median s"] = f"{statistics.median(cpu):.2f}"
    return report


def check_sync(top: Path, work: Path, report: Report) -> None:
    """A package big enough for the export's second process (50,000 changes) and the
    hub's worker processes (200,000 rows), written and ingested by the bundle: in a
    bundle those processes start as the program itself (``freeze_support``)."""
    exe = top / "swdesk"
    home = work / "home"
    home.mkdir(exist_ok=True)
    hub, station, stick = work / "hub", work / "station2", work / "stick"
    env = bare_env(home)
    steps = [
        ("city init", ["city", "--data-dir", str(hub), "init", "--name", "厦门市民政局"]),
        ("city enroll", ["city", "--data-dir", str(hub), "enroll", "--station", "XM-SM-002",
                         "--name", "鼓浪屿街道社工站", "--out", str(work / "enrol.json")]),
        ("init --enrollment", ["--data-dir", str(station), "init", "--station", "XM-SM-002",
                               "--name", "鼓浪屿街道社工站", "--level", "station",
                               "--enrollment", str(work / "enrol.json"),
                               "--fingerprint", "<fingerprint>"]),
        ("demo 12000/120000", ["--data-dir", str(station), "demo", "--clients", "12000",
                               "--records", "120000", "--seed", "2"]),
        ("sync export", ["--data-dir", str(station), "sync", "export", "--out", str(stick)]),
    ]
    said: dict[str, str] = {}  # the hub's fingerprint, as city enroll prints it for the station
    for what, args in steps:
        started = time.perf_counter()
        out = run([*env, str(exe), *[said.get(a, a) for a in args]], home, timeout=600)
        printed = re.search(r"\b[0-9a-f]{4}(?:-[0-9a-f]{4}){3}\b", out.stdout)
        if what == "city enroll" and printed:
            said["<fingerprint>"] = printed.group(0)
        report.facts[f"{what} s"] = f"{time.perf_counter() - started:.2f}"
        report.expect(out.returncode == 0, f"{what} failed", out.stdout + out.stderr)
        if out.returncode != 0:
            return
    packages = sorted(stick.glob("*.swpkg"))
    report.expect(len(packages) == 1, "no package written", str(packages))
    if len(packages) != 1:
        return
    started = time.perf_counter()
    out = run([*env, str(exe), "city", "--data-dir", str(hub), "ingest", str(packages[0])],
              home, timeout=600)
    report.facts["city ingest s"] = f"{time.perf_counter() - started:.2f}"
    report.expect(out.returncode == 0, "city ingest failed", out.stdout + out.stderr)
    report.facts["city ingest"] = out.stdout.strip().splitlines()[-1] if out.stdout else ""
    # A process that could not start is only logged (the work is then done without it).
    for log in (station / "logs" / "swdesk.log", hub / "logs" / "swdesk.log"):
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        report.expect("second reader" not in text and "worker processes stopped" not in text,
                      f"a worker process failed ({log.parent.parent.name})", text)


def check_install(top: Path, work: Path, report: Report) -> None:
    """install.sh / uninstall.sh into a throwaway HOME: program, menu entry, data kept."""
    home = work / "install-home"
    home.mkdir()
    env = bare_env(home)
    out = run([*env, "sh", str(top / "install.sh")], top)
    report.expect(out.returncode == 0, "install.sh failed", out.stdout + out.stderr)
    installed = home / ".local" / "opt" / "swdesk" / "swdesk"
    desktop = home / ".local" / "share" / "applications" / "swdesk.desktop"
    report.expect(installed.is_file(), "install.sh put no program in ~/.local/opt/swdesk")
    report.expect(desktop.is_file() and f'Exec="{installed}"' in desktop.read_text(),
                  "desktop entry missing or not pointing at the program")
    out = run([*env, str(home / ".local" / "bin" / "swdesk"), "init", *STATION], home)
    data = home / ".local" / "share" / "swdesk"
    report.expect(out.returncode == 0 and (data / "swdesk.db").is_file(),
                  "installed swdesk could not init its default data dir", out.stderr)
    out = run([*env, "sh", str(installed.parent / "uninstall.sh")], home)
    report.expect(out.returncode == 0 and not installed.exists() and not desktop.exists(),
                  "uninstall.sh did not remove the program", out.stdout + out.stderr)
    report.expect((data / "swdesk.db").is_file(), "uninstall.sh removed the data")


def build_baseline(work: Path) -> tuple[Path, Path]:
    """A bare PySide6-Essentials hello-window bundle, built with PyInstaller's defaults."""
    work.mkdir(parents=True)
    (work / "hello.py").write_text(HELLO, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir",
                    "--log-level", "WARN", "--name", "hello", "--distpath", str(work / "dist"),
                    "--workpath", str(work / "build"), str(work / "hello.py")],
                   cwd=work, check=True)
    bundle = work / "dist" / "hello"
    tarball = work / "hello.tar.gz"
    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname="hello")
    return bundle, tarball


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tarball", type=Path)
    parser.add_argument("--version", help="the version --version must print")
    parser.add_argument("--starts", type=int, default=3, help="window starts to time")
    parser.add_argument("--baseline", action="store_true",
                        help="also build and measure a bare PySide6 hello-window bundle")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="swdesk-smoke-") as tmp:
        work = Path(tmp)
        top = unpack(args.tarball.resolve(), work / "unpacked")
        report = check_bundle(top, work, args.version, args.starts)
        check_sync(top, work, report)
        check_install(top, work, report)
        report.facts["tar.gz MB"] = f"{args.tarball.stat().st_size / 1e6:.1f}"
        if args.baseline:
            hello, hello_tar = build_baseline(work / "baseline")
            report.facts["hello unpacked MB"] = f"{folder_bytes(hello) / 1e6:.1f}"
            report.facts["hello tar.gz MB"] = f"{hello_tar.stat().st_size / 1e6:.1f}"
            times, cpu = [], []
            for _ in range(args.starts):
                window = open_window(hello / "hello", work / "home", work / "data")
                report.expect(window.shown_after is not None, "hello bundle did not start",
                              window.output)
                times.append(window.shown_after or 0.0)
                cpu.append(window.cpu_s)
            report.facts["hello shown, first run s"] = f"{times[0]:.2f}"
            report.facts["hello shown, median s"] = f"{statistics.median(times):.2f}"
            report.facts["hello CPU per run, median s"] = f"{statistics.median(cpu):.2f}"
    for key, value in report.facts.items():
        print(f"{key}: {value}")
    for problem in report.problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if report.problems else 0


if __name__ == "__main__":
    os.environ.pop("PYTHONPATH", None)
    raise SystemExit(main())
