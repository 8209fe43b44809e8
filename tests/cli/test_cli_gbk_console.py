"""A GBK console (Chinese Windows, output redirected or piped): no character fails a command.

cp936 has no 䶮 (U+4DAE), 𠮷 (U+20BB7) or U+FFFD. Each command runs in its own
process with ``PYTHONIOENCODING=gbk`` and its output going to a file or a pipe,
as on a station PC; the change must be saved, the exit code 0 and the output
readable GBK with the character replaced.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from swdesk.db import open_station
from swdesk.model import User

REPO = Path(__file__).resolve().parents[2]
ODD = "䶮𠮷\ufffd"  # none of these is in GBK
STATION_NAME = f"嘉莲{ODD}社工站"
DISPLAY_NAME = f"张{ODD}"

def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env["PYTHONIOENCODING"] = "gbk"
    env["SWDESK_DATA_DIR"] = str(data_dir)
    env.pop("SWDESK_LANG", None)
    return env


def _to_file(tmp_path: Path, data_dir: Path, *argv: str) -> tuple[int, str, str]:
    """Run swdesk with stdout and stderr redirected to files (``> out.txt 2> err.txt``)."""
    out_file, err_file = tmp_path / "out.txt", tmp_path / "err.txt"
    with out_file.open("wb") as out, err_file.open("wb") as err:
        code = subprocess.run([sys.executable, "-m", "swdesk", *argv], stdout=out, stderr=err,
                              env=_env(data_dir), cwd=REPO, timeout=300).returncode
    # The bytes are GBK: decoding strictly proves the console can show them.
    return code, out_file.read_bytes().decode("gbk"), err_file.read_bytes().decode("gbk")


def _to_pipe(data_dir: Path, *argv: str) -> tuple[int, str, str]:
    """Run swdesk with its output piped (``swdesk … | more``)."""
    done = subprocess.run([sys.executable, "-m", "swdesk", *argv], capture_output=True,
                          env=_env(data_dir), cwd=REPO, timeout=300)
    return done.returncode, done.stdout.decode("gbk"), done.stderr.decode("gbk")


def test_commands_on_a_gbk_console_save_and_report(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    code, out, err = _to_file(tmp_path, data_dir, "init", "--station", "XM-SM-001", "--name",
                              STATION_NAME, "--level", "station", "--district", "思明区")
    assert code == 0, err
    assert "Traceback" not in err and "意外" not in err

    code, out, err = _to_file(tmp_path, data_dir, "user", "add", "zhang", "--name",
                              DISPLAY_NAME, "--role", "admin", "--password", "s3cret-pass")
    assert (code, err) == (0, "")
    assert "zhang" in out and "张" in out and "?" in out  # the odd characters replaced
    with open_station(data_dir, write=False):
        saved = User.get(User.username == "zhang")
        assert saved.display_name == DISPLAY_NAME  # stored whole, only the output replaced

    code, out, err = _to_pipe(data_dir, "user", "list")
    assert (code, err) == (0, "")
    assert "zhang\t张???" in out

    code, out, err = _to_pipe(data_dir, "sync", "status")
    assert code == 0, err
    assert "Traceback" not in err

    pdf = tmp_path / "月报.pdf"
    code, out, err = _to_file(tmp_path, data_dir, "report", "blank", "service", "--out", str(pdf))
    assert code == 0, err
    assert pdf.stat().st_size > 0


def test_an_error_message_with_an_odd_character_reaches_the_console(tmp_path: Path) -> None:
    code, _out, err = _to_pipe(tmp_path / f"数据{ODD}", "user", "disable", "zhang")
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith("swdesk：错误：")
    assert "数据??? 中还没有站点数据库" in err


def test_no_console_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """The windowed exe has no console: sys.stdout and sys.stderr are None."""
    from swdesk.cli import streams

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    streams.make_safe()
    sys.stderr.write(f"{ODD}\n")  # what a command writes goes nowhere, without an error
    sys.stdout.write("ok\n")
