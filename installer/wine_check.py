"""Compile installer/swdesk.iss with Inno Setup under wine, install it silently, check it.

CI runs this (.ci/run) on Linux, where neither Windows nor PyInstaller's Windows
build exist: Inno Setup's own compiler (ISCC.exe, from the npm package
``innosetup``) compiles swdesk.iss against a stand-in bundle
(installer/standin_bundle.py), and wine runs the setup in a fresh prefix whose
language is Chinese (Simplified), as on a station PC. Then it checks what
docs/install.md promises:

* the program in %LOCALAPPDATA%\\Programs\\swdesk, without administrator rights;
* the Start-menu shortcuts 社工站桌面 and 社工站数据文件夹 and the desktop one,
  pointing at swdesk.exe and at the data folder %LOCALAPPDATA%\\swdesk;
* the uninstaller (unins000.exe) and the "Apps" entry, in Chinese by default;
* the setup's version resource (also for a pre-release version);
* an upgrade in place: the old _internal\\ is replaced whole, the data are kept;
* a silent uninstall removes program, shortcuts and entry and keeps the data.

It prints the setup's size, every installed file and how long each step took,
and exits 1 if a check failed (2 if a tool is missing).

    python installer/wine_check.py --iscc PATH/TO/ISCC.exe [--work DIR]

Needs wine (32 and 64 bit), xvfb-run (the setup makes its hidden windows even
when silent) and glibc's localedef; writes only under --work (default
build/wine-check in the checkout).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

import inno
import shortcuts
import standin_bundle
import versioninfo
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "{6E0B7C1A-3D52-4F1E-9A8B-5C2D7E4F9013}"
UNINSTALL_KEY = rf"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}_is1"
# What the Chinese setup names things (swdesk.iss [CustomMessages]).
APP_TITLE = "社工站桌面"
DATA_FOLDER_TITLE = "社工站数据文件夹"
DISPLAY_NAME = "社工站桌面 swdesk"
LOCALE = "zh_CN.UTF-8"
WINE_TIMEOUT_S = 300
FIXED_FILE_INFO = (0xFEEF04BD).to_bytes(4, "little")


def windows_path(path: Path) -> str:
    """The path as wine's programs see it (wine maps / to drive Z:)."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


@dataclass
class Checks:
    failed: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"  {'ok  ' if ok else 'FAIL'} {what}" + ("" if ok or not detail else f": {detail}"))
        if not ok:
            self.failed.append(what)
        return ok


@dataclass
class Timings:
    steps: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def step(self, name: str, what: str) -> Iterator[None]:
        print(f"== {name}: {what}", flush=True)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.steps.append((name, time.perf_counter() - started))


class Wine:
    """A fresh wine prefix with a Chinese locale; nothing is written outside ``work``."""

    def __init__(self, work: Path) -> None:
        self.prefix = work / "prefix"
        self.home = work / "home"  # wine links Desktop, Documents... into $HOME
        self.home.mkdir(parents=True)
        self.env = {
            **os.environ,
            "WINEPREFIX": str(self.prefix), "WINEARCH": "win64", "WINEDEBUG": "-all",
            # no Mono/Gecko install prompts; no Linux menu entries for the shortcuts
            "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d",
            "HOME": str(self.home), "LANG": LOCALE, "LC_ALL": LOCALE,
        }
        locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout
        if "zh_CN.utf8" not in locales.split():
            # Chinese for wine without touching the system: a locale of our own (LOCPATH).
            (work / "locale").mkdir()
            subprocess.run(["localedef", "-i", "zh_CN", "-f", "UTF-8",
                            str(work / "locale" / LOCALE)], check=True)
            self.env["LOCPATH"] = str(work / "locale")

    def boot(self) -> None:
        self.run(["wineboot", "--init"])
        # Inno Setup 6 refuses wine's default "Windows 7" (MinVersion=10.0).
        self.run(["wine", "reg", "add", r"HKCU\Software\Wine", "/v", "Version", "/d", "win10",
                  "/f"])
        for link in self.profile.iterdir():  # Desktop -> $HOME and so on: real folders
            if link.is_symlink():
                link.unlink()
                link.mkdir()

    def run(self, args: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=WINE_TIMEOUT_S)
        # The setup and the uninstaller hand over to child processes: wait for all of them.
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=WINE_TIMEOUT_S, check=True)
        if check and done.returncode != 0:
            raise SystemExit(f"{' '.join(args[:2])} failed ({done.returncode}):\n"
                             f"{done.stdout}{done.stderr}")
        return done

    def stop(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, check=False)

    @property
    def profile(self) -> Path:
        (user,) = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name != "Public"]
        return user

    def registry_values(self, key: str) -> dict[str, str] | None:
        """A key's string values (None if there is no such key), through ``reg export``."""
        out = self.prefix.parent / "export.reg"
        out.unlink(missing_ok=True)
        if self.run(["wine", "reg", "export", key, windows_path(out), "/y"],
                    check=False).returncode:
            return None
        values = {}
        for line in out.read_bytes().decode("utf-16").splitlines():
            name, sep, value = line.partition("=")
            if sep and name.startswith('"') and value.startswith('"'):
                values[name.strip('"')] = value[1:-1].replace("\\\\", "\\")
        return values


@dataclass(frozen=True)
class Places:
    """Where docs/install.md says things go, in the prefix's Windows user profile."""

    profile: Path

    @property
    def local(self) -> Path:
        return self.profile / "AppData" / "Local"

    @property
    def app(self) -> Path:
        return self.local / "Programs" / "swdesk"

    @property
    def data(self) -> Path:
        return self.local / "swdesk"

    @property
    def programs_menu(self) -> Path:
        return self.profile / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs"

    @property
    def desktop(self) -> Path:
        return self.profile / "Desktop"

    def shortcuts(self) -> dict[Path, Path]:
        """Each shortcut file and what it must open."""
        return {self.programs_menu / f"{APP_TITLE}.lnk": self.app / "swdesk.exe",
                self.programs_menu / f"{DATA_FOLDER_TITLE}.lnk": self.data,
                self.desktop / f"{APP_TITLE}.lnk": self.app / "swdesk.exe"}

    def windows(self, path: Path) -> str:
        """The Windows path of a file in the prefix (C:\\users\\...)."""
        drive_c = self.profile.parent.parent
        return str(PureWindowsPath("C:\\", *path.relative_to(drive_c).parts))


def compile_setup(wine: Wine, iscc: Path, version: str, bundle: Path, out: Path) -> Path:
    args = inno.iscc_arguments(version, windows_path(bundle), windows_path(out),
                                windows_path(inno.ISS))
    done = wine.run(["wine", str(iscc), *args], check=False)
    warnings = [line for line in done.stdout.splitlines() if "warning" in line.lower()]
    print("\n".join(f"  ISCC {line.strip()}" for line in warnings) or "  ISCC: no warnings")
    if done.returncode != 0:
        raise SystemExit(f"Inno Setup could not compile {inno.ISS.name} ({done.returncode}):\n"
                         f"{done.stdout}{done.stderr}")
    setup = out / f"swdesk-setup-{version}.exe"
    if not setup.is_file():
        raise SystemExit(f"ISCC reported success but made no {setup}")
    return setup


def file_version_of(exe: Path) -> tuple[int, int, int, int] | None:
    """dwFileVersionMS/LS of the first VS_FIXEDFILEINFO in an exe (its version resource)."""
    data = exe.read_bytes()
    at = data.find(FIXED_FILE_INFO)
    if at < 0:
        return None
    ms, ls = (int.from_bytes(data[at + i:at + i + 4], "little") for i in (8, 12))
    return ms >> 16, ms & 0xFFFF, ls >> 16, ls & 0xFFFF


def install(wine: Wine, setup: Path, log: Path) -> str:
    wine.run(["wine", str(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
              f"/LOG={windows_path(log)}"])
    return log.read_text(encoding="utf-8-sig", errors="replace")


def check_installed(checks: Checks, wine: Wine, places: Places, bundle: Path,
                    version: str, log: str) -> None:
    expected = standin_bundle.files(bundle)
    missing = [f for f in expected if not (places.app / f).is_file()]
    checks.check(not missing, f"all {len(expected)} bundle files in {places.windows(places.app)}",
                 f"missing {missing}")
    differ = [f for f in expected if (places.app / f).is_file()
              and (places.app / f).read_bytes() != (bundle / f).read_bytes()]
    checks.check(not differ, "installed files are the bundle's, byte for byte", str(differ))
    checks.check((places.app / "unins000.exe").is_file(), "the uninstaller unins000.exe")
    checks.check("Administrative install mode: No" in log, "installed without administrator rights")
    checks.check(places.data.is_dir(), f"the data folder {places.windows(places.data)}")
    for link, target in places.shortcuts().items():
        if not checks.check(link.is_file(), f"shortcut {places.windows(link)}"):
            continue
        shortcut = shortcuts.read(link.read_bytes())
        checks.check(shortcut.target == places.windows(target),
                     f"  it opens {places.windows(target)}", f"it opens {shortcut.target}")
    entry = wine.registry_values(UNINSTALL_KEY)
    if checks.check(entry is not None, "the Apps entry (uninstall key)") and entry is not None:
        checks.check(entry.get("DisplayName") == DISPLAY_NAME, f"  named {DISPLAY_NAME}",
                     str(entry.get("DisplayName")))
        checks.check(entry.get("DisplayVersion") == version, f"  version {version}",
                     str(entry.get("DisplayVersion")))
        checks.check(entry.get("Inno Setup: Language") == "chinesesimplified",
                     "  the setup spoke Chinese (Simplified) on a Chinese Windows",
                     str(entry.get("Inno Setup: Language")))


def listing(places: Places) -> list[str]:
    """Every file the setup left in the user profile, with its size."""
    roots = [places.app, places.data, places.programs_menu, places.desktop]
    found = sorted(p for root in roots if root.exists() for p in root.rglob("*") if p.is_file())
    return [f"  {places.windows(p)}  ({p.stat().st_size:,} bytes)" for p in found]


def seed_data(places: Places) -> dict[Path, bytes]:
    """A station's data as a user would have them, to see that nothing touches them."""
    data = {places.data / "swdesk.db": b"SQLite format 3\0 stand-in station database",
            places.data / "backups" / "swdesk-20250301-093000.db": b"a backup",
            places.data / "logs" / "swdesk.log": b"a log line\n"}
    for path, content in data.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return data


def check_data_kept(checks: Checks, data: dict[Path, bytes], when: str) -> None:
    kept = all(path.is_file() and path.read_bytes() == content for path, content in data.items())
    checks.check(kept, f"{when}: the station data are untouched")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--iscc", type=Path, required=True, help="Inno Setup's ISCC.exe")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "wine-check",
                        help="scratch folder (emptied first)")
    args = parser.parse_args(argv)
    for tool in ("wine", "wineserver", "localedef"):
        if shutil.which(tool) is None:
            print(f"wine check: {tool} is not installed", file=sys.stderr)
            return 2
    if not args.iscc.is_file():
        print(f"wine check: no ISCC.exe at {args.iscc}", file=sys.stderr)
        return 2
    if not os.environ.get("DISPLAY"):
        # The setup creates its (hidden) wizard window even when silent: give it a screen.
        if shutil.which("xvfb-run") is None:
            print("wine check: no DISPLAY and no xvfb-run", file=sys.stderr)
            return 2
        return subprocess.run(["xvfb-run", "-a", sys.executable, __file__,
                               *(argv if argv is not None else sys.argv[1:])]).returncode

    work = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    checks, timings = Checks(), Timings()
    wine = Wine(work)
    try:
        with timings.step("prefix", "a fresh wine prefix, Chinese locale, Windows 10"):
            wine.boot()
        places = Places(wine.profile)
        bundle = standin_bundle.make(work / "bundle")

        with timings.step("compile", f"swdesk.iss {version} with the stand-in bundle"):
            setup = compile_setup(wine, args.iscc, version, bundle, work / "out")
            numbers = versioninfo.file_version(version)
            checks.check(file_version_of(setup) == numbers,
                         f"setup file version {versioninfo.dotted(numbers)}",
                         str(file_version_of(setup)))
        pre_release = f"{Version(version).base_version}.dev1"
        with timings.step("compile pre-release", pre_release):
            pre_setup = compile_setup(wine, args.iscc, pre_release, bundle, work / "out-pre")
            pre_numbers = versioninfo.file_version(pre_release)
            checks.check(file_version_of(pre_setup) == pre_numbers,
                         f"setup file version {versioninfo.dotted(pre_numbers)}",
                         str(file_version_of(pre_setup)))

        with timings.step("install", "silently, as a station user"):
            log = install(wine, setup, work / "install.log")
            check_installed(checks, wine, places, bundle, version, log)
        installed = listing(places)

        with timings.step("upgrade", "the setup again, over the installed program"):
            stale = places.app / "_internal" / "stale_module_of_the_old_version.pyc"
            stale.write_bytes(b"left by the previous version")
            data = seed_data(places)
            install(wine, setup, work / "upgrade.log")
            checks.check(not stale.exists(), r"the old _internal\ was replaced whole")
            checks.check(all((places.app / f).is_file() for f in standin_bundle.files(bundle)),
                         "the program files are all there again")
            checks.check(not (places.app / "unins001.exe").exists(), "still one uninstaller")
            check_data_kept(checks, data, "after the upgrade")

        with timings.step("uninstall", "silently"):
            wine.run(["wine", str(places.app / "unins000.exe"), "/VERYSILENT",
                      "/SUPPRESSMSGBOXES", "/NORESTART",
                      f"/LOG={windows_path(work / 'uninstall.log')}"])
            checks.check(not places.app.exists(), f"{places.windows(places.app)} is gone")
            for link in places.shortcuts():
                checks.check(not link.exists(), f"{places.windows(link)} is gone")
            checks.check(wine.registry_values(UNINSTALL_KEY) is None, "the Apps entry is gone")
            check_data_kept(checks, data, "after the uninstall")
    finally:
        wine.stop()

    print(f"\nsetup: {setup.name}, {setup.stat().st_size:,} bytes "
          f"({setup.stat().st_size / 1e6:.2f} MB; stand-in bundle of "
          f"{len(standin_bundle.files(bundle))} files)")
    print(f"installed by it (wine prefix, user profile {places.windows(places.profile)}):")
    print("\n".join(installed))
    print("times: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.steps))
    if checks.failed:
        print(f"\nwine check: {len(checks.failed)} checks failed: {checks.failed}",
              file=sys.stderr)
        return 1
    print("wine check: setup compiled, installed, upgraded and uninstalled as documented")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
