"""The stand-in for PyInstaller's Windows build that CI's setup is compiled with."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from installer_modules import INSTALLER, load

standin_bundle = load("standin_bundle")
build = load("build")


def test_it_has_the_layout_of_the_windows_build(tmp_path: Path) -> None:
    bundle = standin_bundle.make(tmp_path)
    assert bundle == tmp_path / "swdesk"
    files = standin_bundle.files(bundle)
    top = [f for f in files if "/" not in f]
    # the exes the spec makes on Windows, and nothing else beside _internal/
    spec = (INSTALLER / "swdesk.spec").read_text(encoding="utf-8")
    assert set(top) == {f"{name}.exe" for name in re.findall(r'name="([\w-]+)"', spec)}
    assert set(top) == {f"{name}.exe" for name in build.EXE_DESCRIPTIONS}
    assert all(f in top or f.startswith("_internal/") for f in files)
    # the migration scripts where swdesk.db.schema.MIGRATIONS_DIR finds them in a bundle
    migration = bundle / "_internal" / "swdesk" / "migrations" / "0001_initial.py"
    assert migration.read_bytes() == (INSTALLER.parent / "swdesk" / "migrations"
                                      / "0001_initial.py").read_bytes()


def test_a_second_make_starts_afresh(tmp_path: Path) -> None:
    bundle = standin_bundle.make(tmp_path)
    (bundle / "_internal" / "left_over.pyd").write_text("old")
    again = standin_bundle.make(tmp_path)
    assert "_internal/left_over.pyd" not in standin_bundle.files(again)


def test_the_command_line_prints_what_it_made(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert standin_bundle.main([str(tmp_path)]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == standin_bundle.files(tmp_path / "swdesk")
    assert "swdesk.exe" in printed and "_internal/resources/icons/swdesk.ico" in printed
