"""Logging to a rotating file in the data dir's ``logs/``. Records hold ids, not personal data."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from swdesk import paths

_handler: logging.Handler | None = None


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
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    _handler = handler
    return log_file
