"""Build the swdesk bundle: ``python installer/build.py``.

Runs PyInstaller on installer/swdesk.spec (a one-folder build in dist/swdesk/),
then packs it for the platform:

* Linux: ``dist/swdesk-VERSION-linux-x86_64.tar.gz`` holding ``swdesk-VERSION/``
  with the program, ``install.sh`` / ``uninstall.sh`` (per user, no root), the
  ``.desktop`` file and the icons;
* Windows: ``dist/swdesk-setup-VERSION.exe`` through Inno Setup's ``iscc`` when it
  is installed (otherwise it prints the command to run).

The exes' version resources are written first (installer/versioninfo.py: a
pre-release such as 0.2.0.dev1 becomes the file version 0.2.0.1) and handed to
the spec through ``SWDESK_VERSION_DIR``; the setup gets the same four numbers.

Needs the dev environment with the ``installer`` extra (``pip install -e .[installer]``);
installs nothing anywhere else. The version is the installed package metadata's,
checked against pyproject.toml so a stale editable install cannot mislabel a build.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from importlib.metadata import version as installed_version
from pathlib import Path

import inno
import versioninfo

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "swdesk.spec"
LINUX_FILES = ROOT / "installer" / "linux"
ICONS = ROOT / "resources" / "icons"


def project_version() -> str:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = str(declared["project"]["version"])
    have = installed_version("swdesk")
    if have != wanted:
        raise SystemExit(f"pyproject.toml says {wanted} but the installed swdesk metadata says "
                         f"{have}; reinstall first: pip install -e .[installer]")
    return wanted


# The two exes of the Windows build and what Explorer says each one is.
EXE_DESCRIPTIONS = {"swdesk": "社工站桌面 swdesk", "swdesk-cli": "社工站桌面 swdesk 命令行"}


def write_version_files(version: str, folder: Path) -> Path:
    """One PyInstaller version file per exe, in ``folder`` (the spec reads them on Windows)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, description in EXE_DESCRIPTIONS.items():
        text = versioninfo.pyinstaller_version_file(version, name, description)
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def run_pyinstaller(dist: Path, work: Path, clean: bool, version: str) -> Path:
    args = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
            "--distpath", str(dist), "--workpath", str(work), "--log-level", "WARN"]
    if clean:
        args.append("--clean")
    versions = write_version_files(version, work / "version")
    subprocess.run(args, cwd=ROOT, check=True,
                   env={**os.environ, "SWDESK_VERSION_DIR": str(versions)})
    bundle = dist / "swdesk"
    if not bundle.is_dir():
        raise SystemExit(f"PyInstaller made no {bundle}")
    return bundle


def linux_arch() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Reproducible-ish and owner-neutral: whoever unpacks it owns the files.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def linux_tarball(bundle: Path, dist: Path, version: str) -> Path:
    """The one-folder build plus the desktop integration, as a .tar.gz."""
    top = f"swdesk-{version}"
    target = dist / f"swdesk-{version}-linux-{linux_arch()}.tar.gz"
    part = target.with_name(target.name + ".part")
    extras = [
        (LINUX_FILES / "install.sh", "install.sh"),
        (LINUX_FILES / "uninstall.sh", "uninstall.sh"),
        (LINUX_FILES / "swdesk.desktop", "share/applications/swdesk.desktop"),
        (ICONS / "swdesk.svg", "share/icons/hicolor/scalable/apps/swdesk.svg"),
        (ICONS / "swdesk.png", "share/icons/hicolor/256x256/apps/swdesk.png"),
    ]
    # compresslevel 6 is gzip's (and tar czf's) default: level 9 costs far more time
    # on 200 MB for about 1 % less.
    with tarfile.open(part, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=top, filter=_tar_filter)
        for source, name in extras:
            tar.add(source, arcname=f"{top}/{name}", filter=_tar_filter)
    os.replace(part, target)
    return target


def windows_setup(bundle: Path, dist: Path, version: str) -> Path | None:
    command = ["iscc", *inno.iscc_arguments(version, str(bundle), str(dist), str(inno.ISS))]
    iscc = shutil.which("iscc") or shutil.which("ISCC.exe")
    if iscc is None:
        print("Inno Setup is not installed; to make the installer run:\n  "
              + " ".join(f'"{c}"' if " " in c else c for c in command))
        return None
    subprocess.run([iscc, *command[1:]], check=True)
    return dist / f"swdesk-setup-{version}.exe"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the swdesk bundle and its package.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build",
                        help="PyInstaller's work folder")
    parser.add_argument("--clean", action="store_true", help="rebuild from scratch")
    parser.add_argument("--no-package", action="store_true",
                        help="only the one-folder build, no tarball / setup.exe")
    args = parser.parse_args(argv)

    version = project_version()
    try:
        versioninfo.file_version(version)
    except ValueError as exc:
        raise SystemExit(f"no Windows version resource for this version: {exc}") from exc
    started = time.perf_counter()
    bundle = run_pyinstaller(args.dist.resolve(), args.work.resolve(), args.clean, version)
    built = time.perf_counter()
    print(f"bundle: {bundle} ({folder_size(bundle) / 1e6:.1f} MB, {built - started:.0f} s)")
    if args.no_package:
        return 0
    if sys.platform.startswith("linux"):
        package: Path | None = linux_tarball(bundle, args.dist.resolve(), version)
    elif sys.platform == "win32":
        package = windows_setup(bundle, args.dist.resolve(), version)
    else:
        package = None
        print(f"no package format for {sys.platform}; the one-folder build is {bundle}")
    if package is not None:
        print(f"package: {package} ({package.stat().st_size / 1e6:.1f} MB, "
              f"{time.perf_counter() - built:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
