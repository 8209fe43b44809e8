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


def documents_dir() -> Path:
    """Where a report or an export is offered to be saved: the user's Documents folder.

    Asked of the system (platformdirs), never built as ``~/Documents``: on Windows
    Documents is often redirected into OneDrive (``C:\\Users\\x\\OneDrive\\文档``), and
    Linux desktops name it in the user's language. The home folder if it is missing.
    """
    folder = Path(platformdirs.user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def save_suggestion(name: str) -> Path:
    """The file name a save dialog offers for ``name``: in the Documents folder (a bare
    name would be relative to the program's own folder on Windows)."""
    return documents_dir() / name
