"""Starting the desktop application."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.logs import setup_logging
from swdesk.resources import resource_path
from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def install_font(app: QApplication) -> None:
    """Use the bundled CJK font, so Chinese renders on a PC that has none."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", "wqy-microhei.ttc")))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
    else:
        log.warning("bundled CJK font could not be loaded")


def has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(data_dir: Path) -> int:
    setup_logging(data_dir)
    if not has_display():
        print(_("没有可用的显示器，无法打开窗口。命令行用法见 swdesk --help",
                "No display to open the window on. See swdesk --help for the commands"),
              file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    install_font(app)
    app.setApplicationName("swdesk")
    app.setApplicationDisplayName(tr("社工站桌面"))
    try:
        window = MainWindow.open(data_dir)
    except SwdeskError as exc:
        QMessageBox.critical(None, tr("社工站桌面"), str(exc))
        return 1
    window.show()
    code = app.exec()
    window.close_database()
    return int(code)
