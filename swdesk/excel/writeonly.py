"""Write-only sheets (openpyxl) that leave nothing behind when writing them fails.

A write-only sheet spools its rows to a temporary file that openpyxl removes only when
the workbook is saved, or when the program ends. An export that fails or is cancelled
halfway would leave the rows written so far (personal data) in the system's temporary
folder for as long as the program runs, and openpyxl would print an error when the
sheet is collected (it finishes the file after closing it).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger(__name__)


@contextmanager
def removed_on_error(ws: Any) -> Iterator[None]:
    """Around the writing of ``ws`` (rows and save): on any error, a cancel included,
    its temporary file is finished and removed before the error goes on."""
    try:
        yield
    except BaseException:
        _discard(ws)
        raise


def _discard(ws: Any) -> None:
    try:
        if not ws.closed:
            ws.close()
    except Exception:  # (already saved, or the file is gone): nothing left to finish
        log.debug("write-only sheet not closed", exc_info=True)
    writer = getattr(ws, "_writer", None)  # openpyxl keeps the spool file's name there
    path = getattr(writer, "out", None)
    if writer is not None and isinstance(path, str) and os.path.exists(path):
        try:
            writer.cleanup()
        except (OSError, ValueError):
            log.warning("could not remove a spooled sheet", exc_info=True)
