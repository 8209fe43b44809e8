"""The data dir's lock: one swdesk writes to a station database at a time.

Taken by whatever writes (opening for writing, a restore, the start-up tidy of what a
killed run left), so it sits below all of them.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from swdesk import paths
from swdesk.db.faults import translate_os_error
from swdesk.errors import AlreadyOpenError
from swdesk.i18n import _


def acquire_lock(data_dir: Path) -> FileLock:
    """Take the data dir for writing, or say clearly that someone else has it."""
    lock = FileLock(str(paths.lock_path(data_dir)), timeout=0, is_singleton=False)
    try:
        lock.acquire()
    except Timeout:  # (a subclass of OSError, so it comes first)
        raise AlreadyOpenError(_(
            "数据目录 {} 已被另一个 swdesk 程序打开，请先关闭它再试",
            "The data folder {} is already open in another swdesk program; close it first",
        ).format(data_dir)) from None
    except OSError as exc:  # a read-only or forbidden data dir
        raise translate_os_error(exc, data_dir) from exc
    return lock
