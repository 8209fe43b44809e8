"""Where a station's files live: the data dir and what is in it."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DB_NAME = "swdesk.db"
ENV_VAR = "SWDESK_DATA_DIR"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` if given, else ``$SWDESK_DATA_DIR``, else the platform's user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("swdesk", appauthor=False))


def db_path(root: Path) -> Path:
    return root / DB_NAME


def logs_dir(root: Path) -> Path:
    return root / "logs"


def backups_dir(root: Path) -> Path:
    return root / "backups"


def lock_path(root: Path) -> Path:
    return root / "swdesk.lock"
