"""``python -m ui.launcher`` runs the command line as the installed ``swdesk`` does (it
used to return at once, printing nothing: a developer following the docs saw no error)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_python_m_ui_launcher_runs_the_command(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SWDESK_DATA_DIR": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "ui.launcher", "--version"],
                          capture_output=True, env=env, cwd=REPO, timeout=120)
    assert done.returncode == 0
    assert done.stdout.strip(), done.stderr


OPENS = """
import sys
import ui.launcher as launcher
opened = []
launcher._open_window = lambda data_dir: opened.append(str(data_dir)) or 0
code = launcher.main(sys.argv[1:])
print(code, opened, "swdesk.cli" in sys.modules, "cryptography" in sys.modules)
"""


def test_no_argument_opens_the_window_without_the_command_line(tmp_path: Path) -> None:
    # (the desktop shortcut's start: the command line's modules are not loaded for it)
    env = {**os.environ, "PYTHONPATH": str(REPO), "SWDESK_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", OPENS], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=120)
    assert done.stdout.split("\n")[0] == f"0 {[str(tmp_path / 'data')]} False False", done.stderr
    other = tmp_path / "其他 数据"
    done = subprocess.run([sys.executable, "-c", OPENS, "--data-dir", str(other)],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert done.stdout.startswith(f"0 {[str(other)]} True "), done.stderr  # (through it)
