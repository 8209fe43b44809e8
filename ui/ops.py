"""The one way the window runs slow core calls: off the GUI thread, with progress and cancel.

``run_task(parent, title, fn, on_done)`` calls ``fn(control)`` on a pool thread.
``control.cancelled()`` is the flag a core loop polls; ``control.progress(done,
total)`` moves the bar. Results come back on the GUI thread through a queued
signal. A :class:`SwdeskError` becomes a friendly message box; anything else is
logged with its traceback and shown as a short apology, never as a traceback.

``Fetch(owner, deliver)`` is the quiet way for figures the window shows (status bar,
工作台): ``fetch.request(fn)`` calls ``fn()`` on a pool thread with no dialog and
nothing modal, and hands the result to ``deliver`` on the GUI thread; a result that a
newer request overtook is dropped, so figures never go back to older ones.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from swdesk.errors import SwdeskError
from swdesk.model import database
from ui.errors import as_message, show_error, show_unexpected

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


class Cancelled(SwdeskError):
    """Raised by :meth:`TaskControl.check` when the user pressed cancel."""


class TaskControl:
    """Handed to the core callable: cancel flag and progress reporting, thread-safe."""

    def __init__(self, relay: _Relay) -> None:
        self._flag = threading.Event()
        self._relay = relay

    def cancel(self) -> None:
        self._flag.set()

    def cancelled(self) -> bool:
        return self._flag.is_set()

    def check(self) -> None:
        if self._flag.is_set():
            raise Cancelled(translate("Ops", "已取消"))

    def progress(self, done: int, total: int) -> None:
        self._relay.progressed.emit(int(done), int(total))

    def step(self, done: int, total: int) -> None:
        """A core loop's progress callback that also stops it (:class:`Cancelled`) once the
        person pressed cancel."""
        self.check()
        self.progress(done, total)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call across threads."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskControl], Any], control: TaskControl,
                 relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._control = control
        self._relay = relay

    def run(self) -> None:
        try:
            try:
                result = self._fn(self._control)
            except BaseException as exc:  # reported on the GUI thread, never swallowed
                self._relay.failed.emit(exc)
            else:
                self._relay.finished.emit(result)
        except RuntimeError:
            # The window (and the relay with it) went away while this ran, e.g. at exit:
            # nobody is left to tell.
            log.info("background task finished after its window closed")
        finally:
            # peewee keeps one SQLite connection per thread; give this one back.
            if database.obj is not None and not database.is_closed():
                database.close()


class Task(QObject):
    """One running call. Keeps its relay and dialog alive until the result is delivered."""

    done = Signal()

    def __init__(self, parent: QWidget | None, title: str, fn: Callable[[TaskControl], Any],
                 on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None, cancellable: bool,
                 delay_ms: int, modal: bool = True) -> None:
        super().__init__(parent)
        self.relay = _Relay()
        self.control = TaskControl(self.relay)
        self.finished_ok = False
        self.result: Any = None
        self._on_done = on_done
        self._on_error = on_error
        self._parent = parent
        self.dialog = QProgressDialog(title, translate("Ops", "取消") if cancellable else "",
                                      0, 0, parent)
        self.dialog.setWindowTitle(translate("Ops", "请稍候"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal if modal
                                      else Qt.WindowModality.NonModal)
        self.dialog.setMinimumDuration(delay_ms)  # quick calls never flash a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.canceled.connect(self._cancel)
        self.relay.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self.relay.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.relay.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._runnable = _Runnable(fn, self.control, self.relay)

    def start(self) -> None:
        _running.add(self)
        QThreadPool.globalInstance().start(self._runnable)

    def _cancel(self) -> None:
        self.control.cancel()
        self.dialog.setLabelText(translate("Ops", "正在取消…"))

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _close(self) -> None:
        self.dialog.canceled.disconnect(self._cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        _running.discard(self)
        self.done.emit()

    def _finished(self, result: Any) -> None:
        self.finished_ok = True
        self.result = result
        self._close()
        if self._on_done is not None:
            self._on_done(result)

    def _failed(self, exc: BaseException) -> None:
        self._close()
        if isinstance(exc, Cancelled):
            return
        if self._on_error is not None:
            self._on_error(exc)
        elif (known := as_message(exc)) is not None:  # a full disk during an import …
            show_error(self._parent, str(known))
        else:
            log.error("background task failed", exc_info=(type(exc), exc, exc.__traceback__))
            show_unexpected(self._parent)


_running: set[Task] = set()  # tasks in flight are owned here until they report back


def run_task(parent: QWidget | None, title: str, fn: Callable[[TaskControl], Any],
             on_done: Callable[[Any], None] | None = None, *,
             on_error: Callable[[BaseException], None] | None = None,
             cancellable: bool = True, delay_ms: int = 400, modal: bool = True) -> Task:
    """Run ``fn(control)`` off the GUI thread; ``on_done(result)`` runs back on it. Its
    progress dialog holds the window (``modal``) unless the person may go on working
    meanwhile."""
    task = Task(parent, title, fn, on_done, on_error, cancellable, delay_ms, modal)
    task.start()
    return task


class Fetch(QObject):
    """Figures fetched off the GUI thread, quietly; only the newest request's are delivered.

    One call runs at a time: a request made while one runs waits for it and then runs
    (the running one's result is dropped, as it may miss what changed since), so a burst
    of requests costs at most two calls, not a pile of them on a busy machine.
    """

    def __init__(self, owner: QObject, deliver: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        super().__init__(owner)
        self._deliver = deliver
        self._on_error = on_error
        self._generation = 0  # of the newest request
        self._running: int | None = None  # generation of the call running, if any
        self._next: Callable[[], Any] | None = None
        self.relay = _Relay()
        self.relay.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.relay.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.destroyed.connect(lambda: _fetching.discard(self))

    def request(self, fn: Callable[[], Any]) -> None:
        """Fetch ``fn()`` anew; any result of an earlier request not yet delivered is dropped."""
        self._generation += 1
        self._next = fn
        if self._running is None:
            self._start()

    def _start(self) -> None:
        fn, self._next = self._next, None
        if fn is None:
            _fetching.discard(self)
            return
        generation = self._generation
        self._running = generation
        _fetching.add(self)

        def call(_control: TaskControl) -> tuple[int, Any, Exception | None]:
            try:
                return generation, fn(), None
            except Exception as exc:  # reported on the GUI thread with its generation
                return generation, None, exc

        QThreadPool.globalInstance().start(_Runnable(call, TaskControl(self.relay), self.relay))

    def _finished(self, outcome: tuple[int, Any, Exception | None]) -> None:
        generation, result, exc = outcome
        self._running = None
        try:
            if generation != self._generation:
                pass  # overtaken by a newer request: dropped
            elif exc is None:
                self._deliver(result)
            elif self._on_error is not None:
                self._on_error(exc)
            else:  # a figure that could not be read stays as it was; the log says why
                log.warning("background figures failed",
                            exc_info=(type(exc), exc, exc.__traceback__))
        finally:
            self._start()

    def _failed(self, exc: BaseException) -> None:
        self._running = None  # (only a BaseException that is no Exception gets here)
        log.error("background figures failed", exc_info=(type(exc), exc, exc.__traceback__))
        self._start()


_fetching: set[Fetch] = set()  # fetches with a call running or waiting
# Work held until a window on show has painted (``ui/shell/first_paint.py``), by holder.
_held: dict[QObject, QWidget] = {}


def hold(holder: QObject, window: QWidget) -> None:
    """``holder`` has work that starts once ``window`` has painted."""
    if holder not in _held:
        _held[holder] = window
        holder.destroyed.connect(lambda: _held.pop(holder, None))


def release(holder: QObject) -> None:
    _held.pop(holder, None)


def running() -> int:
    """How many tasks and fetches have not reported back yet, and how many windows on
    show hold work until they have painted (tests wait for zero)."""
    held = sum(1 for window in list(_held.values())
               if shiboken6.isValid(window) and window.isVisible())
    return len(_running) + len(_fetching) + held
