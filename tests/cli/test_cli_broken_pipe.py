"""``swdesk … | head -1``: the reader closing the pipe early is no error of the command.

Standard tools stop quietly when what reads their output goes away; swdesk said
"unexpected error" and Python added "Exception ignored … BrokenPipeError" on exit.
Each command runs in its own process writing into a real pipe whose reading end is
already closed (the reader is gone before the first line).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from swdesk import paths
from swdesk.cli import main
from swdesk.cli.streams import PIPE_CLOSED

REPO = Path(__file__).resolve().parents[2]
INIT = ["init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站", "--level", "station",
        "--district", "思明区"]


def _into_closed_pipe(*argv: str) -> subprocess.CompletedProcess[str]:
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    try:
        return subprocess.run([sys.executable, "-m", "swdesk", *argv], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
                              timeout=300)
    finally:
        os.close(write_end)


@pytest.mark.usefixtures("cli_env")
def test_a_reader_gone_early_is_not_an_error(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    d = ["--data-dir", str(data_dir)]
    assert main([*d, *INIT]) == 0
    for argv in (["db", "audit", "--last", "20"], ["user", "list"]):
        done = _into_closed_pipe(*d, *argv)
        assert done.stderr == "", argv  # neither "unexpected error" nor "Exception ignored"
        assert done.returncode == PIPE_CLOSED, argv
    log = (paths.logs_dir(data_dir) / "swdesk.log").read_text(encoding="utf-8")
    assert "unexpected error" not in log and "Traceback" not in log

