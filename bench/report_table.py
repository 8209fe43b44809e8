"""What the station benchmarks share: their work folder kept or removed, and the table of
what was measured, printed under the machine's name."""

from __future__ import annotations

import platform
import shutil
from collections.abc import Iterable
from pathlib import Path


def finish(work: Path, keep: bool) -> None:
    """Remove the work folder, or say where it is kept (``--keep``)."""
    if keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


def print_rows(rows: Iterable[tuple[str, str, str]]) -> None:
    """The machine, then a Markdown table of (what, measured, note) for bench/README.md."""
    print(f"\n{platform.node()} · Python {platform.python_version()} · "
          f"{platform.processor() or platform.machine()}\n")
    print("| what | measured | note |\n| --- | --- | --- |")
    for what, measured, note in rows:
        print(f"| {what} | {measured} | {note} |")
