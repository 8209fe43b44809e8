"""A pytest plugin that makes the suite on Linux fail where Windows would refuse.

Windows will not delete, rename or replace a file that is still open (Python's
``open``, SQLite and Qt all open files without FILE_SHARE_DELETE): the call fails with
WinError 32. Linux allows all of it, so such a bug only shows on a station. Windows
also refuses names such as ``CON``, ``aux.txt`` or ``a:b`` and drops a trailing dot or
space. This plugin watches ``os.remove``/``unlink``/``rmdir``/``rename``/``replace``
(``pathlib`` and ``shutil`` go through them), ``os.mkdir``, ``os.open``, ``open`` and
``sqlite3.connect`` while the whole suite runs, and fails a test when product code
(``swdesk/`` or ``ui/``, the nearest such frame above any test code) did one of these:

* deleted, renamed or replaced onto a file this process still holds open, or renamed
  or deleted a folder holding one (a live SQLite connection holds its database, -wal
  and -shm: the real open descriptors in ``/proc/self/fd`` are what is held), or the
  folder the process is working in;
* created a file or folder whose name Windows forbids.

The call itself still goes ahead (so one mistake does not cascade); the test fails
with where it happened. Test code acting directly is not watched: a test may well
delete a file it holds to set up a case.
"""

from __future__ import annotations

import builtins
import io
import os
import re
import sqlite3
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT_DIRS = (str(ROOT / "swdesk") + os.sep, str(ROOT / "ui") + os.sep)
TESTS_DIR = str(ROOT / "tests") + os.sep
# Test helpers that only pass a product call on (their frames are not "test code").
_PASS_THROUGH = frozenset({__file__, str(ROOT / "tests" / "held_files.py")})

_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$", re.IGNORECASE)
_FORBIDDEN_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_FD_DIR = "/proc/self/fd"


def forbidden_name_reason(name: str) -> str | None:
    """Why Windows refuses ``name`` (one path component), or None when it takes it."""
    if name in ("", ".", ".."):
        return None
    bad = _FORBIDDEN_CHARS.search(name)
    if bad:
        return f"character {bad.group()!r} is forbidden"
    if name[-1] in ". ":
        return "a trailing dot or space is dropped"
    if _RESERVED.match(name.split(".", 1)[0].rstrip(" ")):
        return "a reserved device name"
    return None


def held_paths() -> list[str]:
    """The files this process has open now (from its real file descriptors)."""
    try:
        fds = os.listdir(_FD_DIR)
    except OSError:
        return []  # (not Linux: nothing to tell by)
    held = []
    for fd in fds:
        try:
            target = os.readlink(f"{_FD_DIR}/{fd}")
        except OSError:
            continue
        if target.startswith("/"):
            held.append(target)
    return held


class _Watch:
    def __init__(self) -> None:
        self.violations: list[str] = []
        self.check_names = True
        self.refuse = False  # raise as Windows does, for whoever acts (see refusing())
        self._kinds: dict[str, str | None] = {}

    # -- who is acting --------------------------------------------------------------
    def _kind(self, filename: str) -> str | None:
        kind = self._kinds.get(filename, "?")
        if kind == "?":
            if filename in _PASS_THROUGH:
                kind = None
            elif filename.startswith(PRODUCT_DIRS):
                kind = "product"
            elif filename.startswith(TESTS_DIR):
                kind = "test"
            else:
                kind = None
            self._kinds[filename] = kind
        return kind

    def product_acting(self) -> bool:
        frame = sys._getframe(2)
        while frame is not None:
            kind = self._kind(frame.f_code.co_filename)
            if kind is not None:
                return kind == "product"
            frame = frame.f_back  # type: ignore[assignment]
        return False

    # -- what is refused ------------------------------------------------------------
    def _report(self, message: str) -> None:
        stack = traceback.extract_stack()[:-3]
        where = [f for f in stack if f.filename.startswith(PRODUCT_DIRS)][-3:]
        lines = "".join(traceback.format_list(where))
        self.violations.append(f"{message}\n{lines}")

    def check_held(self, action: str, path: str, *, tree: bool) -> None:
        held = held_paths()
        inside = path.rstrip("/") + "/"
        for target in held:
            if target == path or (tree and target.startswith(inside)):
                if self.refuse:
                    exc = PermissionError(13, "The process cannot access the file because "
                                              "it is being used by another process", path)
                    exc.winerror = 32  # type: ignore[attr-defined]  # (set on Windows)
                    raise exc
                self._report(f"Windows refuses to {action} {path}: this process holds "
                             f"{target} open (WinError 32)")
                return
        if tree:
            cwd = os.getcwd()
            if cwd == path or cwd.startswith(inside):
                self._report(f"Windows refuses to {action} {path}: it is the working folder")

    def check_name(self, action: str, path: str) -> None:
        if not self.check_names or os.path.lexists(path):
            return
        reason = forbidden_name_reason(os.path.basename(path.rstrip("/")))
        if reason:
            self._report(f"Windows refuses to {action} {path!r}: {reason}")


_watch = _Watch()


def _where(path: Any, dir_fd: int | None = None) -> str:
    """``path`` absolute, its folder resolved (a final symlink is itself, not its target)."""
    text = os.fsdecode(path)
    if dir_fd is not None and not os.path.isabs(text):
        text = os.path.join(os.readlink(f"{_FD_DIR}/{dir_fd}"), text)
    text = os.path.abspath(text)
    head, tail = os.path.split(text)
    return os.path.join(os.path.realpath(head), tail)


def _is_dir(path: str) -> bool:
    return os.path.isdir(path) and not os.path.islink(path)


def _wrap_remove(real: Callable[..., Any], action: str, tree: bool) -> Callable[..., Any]:
    def remove(path: Any, *args: Any, dir_fd: int | None = None, **kwargs: Any) -> Any:
        if isinstance(path, (str, bytes, os.PathLike)) and (_watch.refuse
                                                             or _watch.product_acting()):
            _watch.check_held(action, _where(path, dir_fd), tree=tree)
        if dir_fd is not None:
            kwargs["dir_fd"] = dir_fd
        return real(path, *args, **kwargs)
    remove.__wrapped__ = real  # type: ignore[attr-defined]
    return remove


def _wrap_move(real: Callable[..., Any], action: str) -> Callable[..., Any]:
    def move(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
        if (_watch.refuse or _watch.product_acting()) and not kwargs.get("src_dir_fd") \
                and not kwargs.get("dst_dir_fd"):
            source, target = _where(src), _where(dst)
            _watch.check_held(action, source, tree=_is_dir(source))
            if os.path.lexists(target):
                _watch.check_held(f"{action} onto", target, tree=False)
            _watch.check_name(action, target)
        return real(src, dst, *args, **kwargs)
    move.__wrapped__ = real  # type: ignore[attr-defined]
    return move


def _wrap_mkdir(real: Callable[..., Any]) -> Callable[..., Any]:
    def mkdir(path: Any, *args: Any, **kwargs: Any) -> Any:
        if not kwargs.get("dir_fd") and _watch.product_acting():
            _watch.check_name("create the folder", _where(path))
        return real(path, *args, **kwargs)
    mkdir.__wrapped__ = real  # type: ignore[attr-defined]
    return mkdir


def _wrap_os_open(real: Callable[..., Any]) -> Callable[..., Any]:
    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
        if flags & os.O_CREAT and not kwargs.get("dir_fd") and _watch.product_acting():
            _watch.check_name("create", _where(path))
        return real(path, flags, *args, **kwargs)
    os_open.__wrapped__ = real  # type: ignore[attr-defined]
    return os_open


def _wrap_open(real: Callable[..., Any]) -> Callable[..., Any]:
    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, bytes, os.PathLike)) and isinstance(mode, str) \
                and ("w" in mode or "a" in mode or "x" in mode) and _watch.product_acting():
            _watch.check_name("create", _where(file))
        return real(file, mode, *args, **kwargs)
    open_.__wrapped__ = real  # type: ignore[attr-defined]
    return open_


def _wrap_connect(real: Callable[..., Any]) -> Callable[..., Any]:
    def connect(database: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(database, (str, bytes, os.PathLike)) and not kwargs.get("uri") \
                and os.fsdecode(database) not in ("", ":memory:") \
                and _watch.product_acting():
            path = _where(database)
            if not os.path.exists(path):
                _watch.check_name("create the database", path)
        return real(database, *args, **kwargs)
    connect.__wrapped__ = real  # type: ignore[attr-defined]
    return connect


def _patches() -> list[tuple[Any, str, Callable[..., Any]]]:
    return [
        (os, "remove", _wrap_remove(os.remove, "delete", tree=False)),
        (os, "unlink", _wrap_remove(os.unlink, "delete", tree=False)),
        (os, "rmdir", _wrap_remove(os.rmdir, "remove the folder", tree=True)),
        (os, "rename", _wrap_move(os.rename, "rename")),
        (os, "replace", _wrap_move(os.replace, "replace")),
        (os, "mkdir", _wrap_mkdir(os.mkdir)),
        (os, "open", _wrap_os_open(os.open)),
        (builtins, "open", _wrap_open(builtins.open)),
        (io, "open", _wrap_open(io.open)),
        (sqlite3, "connect", _wrap_connect(sqlite3.connect)),
    ]


_saved: list[tuple[Any, str, Any]] = []
_installs = [0]  # (a pytest run inside a test configures the plugin a second time)


def install() -> None:
    _installs[0] += 1
    if _saved:
        return
    for owner, name, wrapper in _patches():
        _saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, wrapper)


def uninstall() -> None:
    _installs[0] -= 1
    while _saved and not _installs[0]:
        owner, name, original = _saved.pop()
        setattr(owner, name, original)


@contextmanager
def expect_violations() -> Iterator[list[str]]:
    """Collect (and so forgive) what product code does in the block, for the plugin's
    own tests: the list holds one message per refused call."""
    before = len(_watch.violations)
    found: list[str] = []
    try:
        yield found
    finally:
        found.extend(_watch.violations[before:])
        del _watch.violations[before:]


@contextmanager
def refusing() -> Iterator[None]:
    """In the block, deleting, renaming or replacing a file this process holds open
    raises PermissionError (WinError 32) as on Windows, whoever does it (the standard
    library's own code too), instead of failing the test afterwards."""
    _watch.refuse = True
    try:
        yield
    finally:
        _watch.refuse = False


# -- pytest hooks ---------------------------------------------------------------------
def pytest_configure(config: pytest.Config) -> None:
    install()


def pytest_unconfigure(config: pytest.Config) -> None:
    uninstall()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    _watch.check_names = item.get_closest_marker("posix_names") is None
    yield
    _watch.check_names = True


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    report = outcome.get_result()
    if not _watch.violations:
        return
    found, _watch.violations[:] = list(_watch.violations), []
    if report.passed or report.skipped:
        report.outcome = "failed"
        report.longrepr = "Windows simulation (tests/winsim.py):\n\n" + "\n".join(found)
    else:
        report.sections.append(("Windows simulation", "\n".join(found)))
