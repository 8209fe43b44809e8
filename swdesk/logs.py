"""Logging to a rotating file in the data dir's ``logs/``. Records hold ids, not personal data.

The window and the command line (a scheduled ``sync auto``, say) write the same file,
often at the same time. On Windows a file another process holds open cannot be
renamed, so a handler that keeps the file open makes every rotation of the other
process fail (``RotatingFileHandler`` then reports a logging error and drops the
record, at every record). :class:`SharedLogHandler` opens the file only while it
writes a record, and a rotation refused all the same is simply left for a later record.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
from pathlib import Path

from swdesk import paths

MAX_BYTES = 1_000_000
BACKUPS = 5

_handler: logging.Handler | None = None


class SharedLogHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that several processes write at once."""

    def __init__(self, filename: Path) -> None:
        super().__init__(filename, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                         delay=True)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            super().emit(record)
        finally:
            self._close_stream()

    def _close_stream(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # (delay: reopened when needed)

    def doRollover(self) -> None:
        """Rotate, unless another process holds the file: then nothing is changed.

        The file is moved aside under this process's own name first: only once that
        worked are the older files shifted (a refused rotation retried at every record
        must not push the old logs out one by one).
        """
        self._close_stream()
        base = self.baseFilename
        moving = f"{base}.{os.getpid()}.rotating"
        try:
            os.replace(base, moving)
        except OSError:  # held open by the other process (or rotated by it just now)
            return
        with contextlib.suppress(OSError):
            for i in range(self.backupCount - 1, 0, -1):
                if os.path.exists(f"{base}.{i}"):
                    os.replace(f"{base}.{i}", f"{base}.{i + 1}")
            os.replace(moving, f"{base}.1")


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send log records to ``DATA/logs/swdesk.log``; returns the file, or None if unwritable."""
    global _handler
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    log_file = paths.logs_dir(data_dir) / "swdesk.log"
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(log_file, "a", encoding="utf-8"):  # (writable? the handler opens it later)
            pass
    except OSError:
        return None
    handler = SharedLogHandler(log_file)
    # (the process id tells the window's lines from a command's, written in between)
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    _handler = handler
    return log_file
