"""Where the window puts the PDFs it generates for showing and printing.

They hold personal data, so they stay inside the data dir (``printouts/``), which is
already where the station's data is kept and backed up from, never in the system's
shared temp folder; old ones are removed the next time a report page opens.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

FOLDER = "printouts"
KEEP_SECONDS = 24 * 3600


def printouts_dir(data_dir: Path) -> Path:
    folder = Path(data_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def printout_path(data_dir: Path, stem: str, suffix: str = ".pdf") -> Path:
    """A new, unique file name under ``printouts/`` (the file exists, empty)."""
    fd, name = tempfile.mkstemp(prefix=f"{stem}-", suffix=suffix, dir=printouts_dir(data_dir))
    os.close(fd)
    return Path(name)


def clean_printouts(data_dir: Path, keep_seconds: float = KEEP_SECONDS) -> int:
    """Remove printouts older than ``keep_seconds``; returns how many were removed."""
    folder = Path(data_dir) / FOLDER
    if not folder.is_dir():
        return 0
    cutoff = time.time() - keep_seconds
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue  # open in a PDF reader on Windows: it goes next time
    return removed
