"""The Windows simulation (tests/winsim.py) itself: what it refuses, and that it fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from winsim import expect_violations, forbidden_name_reason

from swdesk import outfiles, paths
from swdesk.db import StationDatabase

pytest_plugins = ("pytester",)


def _two_files(tmp_path: Path) -> tuple[Path, Path]:
    new, target = tmp_path / "new.pdf", tmp_path / "report.pdf"
    new.write_bytes(b"new")
    target.write_bytes(b"old")
    return new, target


def test_product_replacing_a_file_held_open_is_a_violation(tmp_path: Path) -> None:
    new, target = _two_files(tmp_path)
    with expect_violations() as found, open(target, "rb"):
        outfiles.replace(new, target)
    assert len(found) == 1 and "WinError 32" in found[0] and str(target) in found[0]
    assert "outfiles.py" in found[0]  # where it happened


def test_a_closed_file_may_be_replaced(tmp_path: Path) -> None:
    new, target = _two_files(tmp_path)
    with open(target, "rb"):
        pass
    with expect_violations() as found:
        outfiles.replace(new, target)
    assert found == []


def test_test_code_acting_itself_is_not_judged(tmp_path: Path) -> None:
    new, target = _two_files(tmp_path)
    with expect_violations() as found, open(target, "rb"):
        os.replace(new, target)
    assert found == []


def test_a_live_connection_holds_the_database_and_its_wal(sdb: StationDatabase,
                                                         tmp_path: Path) -> None:
    live = paths.db_path(sdb.data_dir)
    for name in (live.name, live.name + "-wal", live.name + "-shm"):
        copy = tmp_path / name
        copy.write_bytes(b"x")
        with expect_violations() as found:
            outfiles.replace(copy, live.with_name(name))
        assert len(found) == 1 and "WinError 32" in found[0], name


def test_moving_a_folder_with_a_held_file_is_a_violation(tmp_path: Path) -> None:
    folder = tmp_path / "inside"
    folder.mkdir()
    (folder / "a.txt").write_text("a")
    with expect_violations() as found, open(folder / "a.txt", "rb"):
        outfiles.replace(folder, tmp_path / "moved")
    assert len(found) == 1 and "WinError 32" in found[0]


@pytest.mark.parametrize("name", ["CON", "con.pdf", "Aux.txt", "NUL", "com1.xlsx", "LPT9",
                                  "nul .txt", "a:b.pdf", "what?.db", 'say"hi".txt', "a|b",
                                  "x*", "<a>", "trailing.", "trailing ", "tab\there"])
def test_names_windows_refuses(name: str) -> None:
    assert forbidden_name_reason(name)


@pytest.mark.parametrize("name", ["CONSOLE.txt", "console", "com10.txt", "nulla", "报表.pdf",
                                  ".swdesk-x.pdf", "a.b.c", "AUXILIARY"])
def test_names_windows_takes(name: str) -> None:
    assert forbidden_name_reason(name) is None


def test_product_creating_a_forbidden_name_is_a_violation(tmp_path: Path) -> None:
    src = tmp_path / "src.pdf"
    src.write_bytes(b"pdf")
    with expect_violations() as found:
        outfiles.copy(src, tmp_path / "CON.pdf")
        outfiles.copy(src, tmp_path / "10:30.pdf")
    assert len(found) == 2 and "reserved" in found[0] and "':'" in found[1]


def test_a_planted_violation_fails_its_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_planted="""
        from swdesk import outfiles

        pytest_plugins = ("winsim",)

        def _files(tmp_path):
            (tmp_path / "new.pdf").write_bytes(b"new")
            (tmp_path / "old.pdf").write_bytes(b"old")
            return tmp_path / "new.pdf", tmp_path / "old.pdf"

        def test_held(tmp_path):
            new, old = _files(tmp_path)
            with open(old, "rb"):
                outfiles.replace(new, old)

        def test_closed(tmp_path):
            outfiles.replace(*_files(tmp_path))
    """)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*Windows simulation*", "*this process holds*WinError 32*"])
