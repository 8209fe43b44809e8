"""Work the window starts once its first page is on screen, not before.

Each piece of the window's background work (the 工作台's figures, the status bar's, the
day's first backup, the reminder, the communities) runs Python on a pool thread, which
holds the GIL the GUI thread needs to lay out and paint: started while the window was
being built, they made it appear later. ``FirstPaint(window).then(fn)`` runs ``fn`` in
the event loop's turn after the window's first paint (at once if that has passed), so
the person sees the window first and the work starts right after, not after a delay,
one piece per turn of the event loop.
Closing the window before then drops what waits (``drop``). A window started minimized
paints, and so starts its work, when it is first shown on the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from ui import ops


class FirstPaint(QObject):
    """What waits for ``window``'s first paint event; counted by ``ops.running()`` while
    the window is on show (tests wait for it as for the work it starts)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.painted = False  # the first paint event has come
        self._waiting: list[Callable[[], None]] = []
        window.installEventFilter(self)

    def then(self, fn: Callable[[], None]) -> None:
        """``fn()`` once the window has painted, in the order asked."""
        if self.painted and not self._waiting:
            fn()
            return
        self._waiting.append(fn)
        ops.hold(self, self._window)

    def drop(self) -> None:
        """Forget what has not run yet (the window is closing)."""
        self._waiting.clear()
        ops.release(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            self._window.removeEventFilter(self)
            # (the turn after: the paint finishes and reaches the screen first)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        """One piece a turn: the event loop paints and takes keys between them."""
        if not self._waiting:
            ops.release(self)
            return
        fn = self._waiting.pop(0)
        if self._waiting:
            QTimer.singleShot(0, self, self._run)
        else:
            ops.release(self)
        fn()
