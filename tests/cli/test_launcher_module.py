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
