"""Writing a file the user chose (a report, an export), and renaming a fresh file into place.

On Windows a file open in WPS, Excel or a PDF reader cannot be replaced (WinError 32,
a sharing violation, raised as PermissionError); antivirus and OneDrive open a file
that was just written for a moment. So the new content is written under a temporary
name in the same folder, then renamed over the target, retrying for about two
seconds; a target still held after that is named in a clear error, and the
temporary file is removed: nothing half-written remains under either name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from swdesk.errors import SwdeskError
from swdesk.i18n import _

# Seconds to wait before each retry of a refused rename: about two seconds in all.
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.8)
# ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program has the file open.
_HELD = {32, 33}


class FileInUseError(SwdeskError):
    """The target is open in another program and cannot be replaced."""


def held_message(target: Path) -> str:
    return _("文件 {} 正被其他程序（如 WPS、Excel 或 PDF 阅读器）打开，请先关闭它再试",
             "The file {} is open in another program (WPS, Excel or a PDF reader); close "
             "it and try again").format(target)


def replace(src: Path, target: Path, delays: tuple[float, ...] = RETRY_DELAYS) -> None:
    """``os.replace(src, target)``, retried after each of ``delays`` while Windows refuses
    it for a held file.

    Raises FileInUseError naming ``target`` when another program still holds it;
    any other PermissionError that outlasts the retries is raised as it is.
    """
    for delay in (*delays, None):
        try:
            os.replace(src, target)
            return
        except PermissionError as exc:
            if delay is None:
                if getattr(exc, "winerror", None) in _HELD:
                    raise FileInUseError(held_message(target)) from exc
                raise
            time.sleep(delay)


@contextmanager
def writing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to write; it replaces ``target`` when the block
    ends without error, and is removed in every case."""
    target = Path(target)
    fd, name = tempfile.mkstemp(prefix=".swdesk-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def copy(src: Path, target: Path) -> None:
    """Copy ``src`` to ``target`` the same way: whole, or not at all, the held file named."""
    with writing(target) as tmp:
        shutil.copyfile(src, tmp)


def can_write_in(folder: Path) -> bool:
    """Whether a file can be made in ``folder``, found by making (and removing) one.

    Not ``os.access``: on Windows it reads only the read-only attribute and ignores the
    folder's ACLs, so a share or a locked-down folder looks writable until the backup
    or the package fails there.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=".swdesk-probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.remove(name)
    return True
