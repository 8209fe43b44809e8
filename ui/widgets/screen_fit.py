"""Window sizes that fit the screen: a 1920×1080 laptop at 150 % has 1280×720 logical pixels."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# The smallest screen swdesk is made for, less the taskbar (48) and a window's title bar
# and borders: every window's minimum must fit in this.
SMALL_SCREEN_ROOM = QSize(1280 - 16, 720 - 48 - 32)
FRAME = QSize(16, 40)  # title bar and borders, which resize() does not count


def room_on_screen(widget: QWidget) -> QSize:
    """The inner size a window on widget's screen can have without running off it."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return SMALL_SCREEN_ROOM
    return screen.availableGeometry().size() - FRAME


def fit_to_screen(widget: QWidget, wanted: QSize) -> None:
    """Resize to wanted, smaller where the screen is (never below the window's minimum)."""
    widget.resize(wanted.boundedTo(room_on_screen(widget)).expandedTo(widget.minimumSize()))
