"""Issue 19, point 6: the window and its taskbar button carry swdesk's icon.

On Windows the exe's own icon does not reach Qt's windows (PyInstaller stores it as
resource 0, Qt looks for IDI_ICON1), so the application sets it itself.
"""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow


def test_the_main_window_shows_the_swdesk_icon_in_every_size(qapp: QApplication,
                                                            window: MainWindow) -> None:
    icon = window.windowIcon()
    assert not icon.isNull()
    assert icon.cacheKey() == qapp.windowIcon().cacheKey()  # also dialogs and message boxes
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes  # the .ico's hand-sized small ones and the large one
    small = icon.pixmap(16, 16).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    opaque = sum(small.pixelColor(x, y).alpha() > 0 for x in range(16) for y in range(16))
    assert opaque > 16 * 16 // 4  # a drawing, not an empty square
