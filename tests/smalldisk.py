"""A real, small filesystem to fill: a tmpfs mounted for one test (root only).

``PRAGMA max_page_count`` makes SQLite refuse to grow, but SQLite then ends only the
statement; a real full disk can make it roll the whole transaction back itself, which
is what a station's PC meets. So the disk-full tests fill a real filesystem.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Fill the filesystem of ``folder`` with one file, then give back ``leave`` bytes."""
    return fill_file(folder / "filler.bin", leave)


def fill_file(filler: Path, leave: int = 0) -> Path:
    """Write to ``filler`` until the disk says no space (in ever smaller writes), then
    give back ``leave`` bytes; returns the file."""
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
    finally:
        os.close(fd)
    if leave:
        with open(filler, "r+b") as fh:
            fh.truncate(max(0, fh.seek(0, os.SEEK_END) - leave))
    return filler


class SmallDisk:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "filler.bin"

    def fill(self) -> None:
        """Take every free byte (a filler file written until the disk says no space)."""
        fill_file(self.filler)
        assert shutil.disk_usage(self.root).free < 4096

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


@contextmanager
def small_disk(tmp_path: Path, size_mb: int = 8) -> Iterator[SmallDisk]:
    """A tmpfs of ``size_mb`` MB in ``tmp_path``; the test is skipped where mounting is not
    allowed (not root, not Linux, or a container without the right)."""
    if os.name != "posix" or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux (as in CI)")
    root = tmp_path / "small-disk"
    root.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs",
                           str(root)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], capture_output=True, check=False)
