"""Filling a real small filesystem (the ``small_disk`` fixture of conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Fill the filesystem of ``folder`` with one file, then give back ``leave`` bytes."""
    import errno

    filler = folder / "filler.bin"
    block = b"\0" * 65536
    with open(filler, "wb") as fh:
        try:
            while True:
                fh.write(block)
                fh.flush()
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
    with open(filler, "r+b") as fh:  # (the last partial block may not have reached the disk)
        size = fh.seek(0, os.SEEK_END)
        fh.truncate(max(0, size - leave))
    return filler
