"""A brief word that something happened ("已保存"), which asks nothing and blocks nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

NOTICE_MS = 4000


def _main_window(widget: QWidget) -> QMainWindow | None:
    # Up through parents, not just window(): a form in a dialog reports to the window
    # behind the dialog, which stays when the dialog closes.
    current: QWidget | None = widget
    while current is not None:
        if isinstance(current, QMainWindow):
            return current
        current = current.parentWidget()
    return None


def announce(widget: QWidget, text: str) -> None:
    """Show ``text`` for a few seconds: in the main window's status bar, else as a small
    label at the foot of ``widget``'s window."""
    main = _main_window(widget)
    if main is not None:
        main.statusBar().showMessage(text, NOTICE_MS)
        return
    top = widget.window()
    label = QLabel(text, top)
    label.setObjectName("notice")
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    label.adjustSize()
    label.move(12, max(top.height() - label.height() - 12, 0))
    label.show()
    QTimer.singleShot(NOTICE_MS, label.deleteLater)
