"""A small stand-in for the Windows one-folder build, to compile and install the setup in CI.

The real ``dist/swdesk/`` comes from PyInstaller on Windows (installer/build.py);
Linux CI cannot build it. What Inno Setup packs is only files, so CI packs this
stand-in instead: the same layout (``swdesk.exe`` and ``swdesk-cli.exe`` beside
``_internal/``, the data files where the spec puts them), a few small files.
The two exes are text, not programs: the setup copies them and points the
shortcuts at them but never runs them in a silent install.

    python installer/standin_bundle.py OUT_DIR     # makes OUT_DIR/swdesk/
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXES = ("swdesk.exe", "swdesk-cli.exe")
# Files of the repository that the spec bundles, at their place in the bundle.
COPIED = {
    "resources/icons/swdesk.ico": "_internal/resources/icons/swdesk.ico",
    "resources/icons/swdesk.png": "_internal/resources/icons/swdesk.png",
    "swdesk/migrations/0001_initial.py": "_internal/swdesk/migrations/0001_initial.py",
}
# Files PyInstaller makes, as short stand-ins.
MADE = ("_internal/base_library.zip", "_internal/python311.dll",
        "_internal/PySide6/plugins/platforms/qwindows.dll")


def make(out: Path) -> Path:
    """``out/swdesk/``, a fresh stand-in bundle; a previous one there is replaced."""
    bundle = out / "swdesk"
    if bundle.exists():
        shutil.rmtree(bundle)
    for name in EXES:
        _write(bundle / name, f"stand-in for {name}: swdesk's CI installs it, never runs it\n")
    for name in MADE:
        _write(bundle / name, f"stand-in for PyInstaller's {Path(name).name}\n")
    for source, target in COPIED.items():
        (bundle / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / source, bundle / target)
    return bundle


def files(bundle: Path) -> list[str]:
    """Every file of a bundle, as a path relative to it with ``/``, sorted."""
    return sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make a stand-in dist/swdesk/ for the setup.")
    parser.add_argument("out", type=Path, help="folder to make swdesk/ in")
    bundle = make(parser.parse_args(argv).out)
    print("\n".join(files(bundle)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
