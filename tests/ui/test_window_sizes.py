"""Every window fits a 1920×1080 laptop at 150 % (1280×720 logical, less taskbar and frame)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import each_page

from swdesk import demo
from swdesk.db import StationDatabase
from swdesk.model import Client
from swdesk.services.actor import SYSTEM
from ui.about import AboutDialog
from ui.auth.idle_lock import UnlockDialog
from ui.excel.import_wizard import ImportWizard
from ui.forms.form_dialog import FormDialog
from ui.main_window import MainWindow
from ui.pages.user_dialogs import NewUserDialog, ResetPasswordDialog
from ui.printing.printer import PdfPreviewDialog
from ui.shell.context import AppContext
from ui.shell.first_run import FirstRunWizard
from ui.shell.sign_in import SignInDialog
from ui.widgets.screen_fit import SMALL_SCREEN_ROOM, room_on_screen


def _fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


def _problems(window: QWidget, where: str, opening: bool = True) -> list[str]:
    """What of window would not fit: its minimum on the small laptop, its opening size on
    this screen (unless this screen is smaller than the window's minimum)."""
    found = []
    for what, size in (("minimum", window.minimumSize()),
                       ("minimumSizeHint", window.minimumSizeHint())):
        if not _fits(size, SMALL_SCREEN_ROOM):
            found.append(f"{where}: {what} {size.width()}×{size.height()}")
    room = room_on_screen(window).expandedTo(window.minimumSize())
    if opening and not _fits(window.size(), room):
        found.append(f"{where}: opens at {window.width()}×{window.height()}, "
                     f"room {room.width()}×{room.height()}")
    return found


def test_main_window_fits_a_1280x720_laptop_on_every_page(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> None:
    demo.generate(60, 300, seed=1)
    window = MainWindow(sdb, admin)
    qtbot.addWidget(window)
    problems = _problems(window, "main window")
    window.resize(SMALL_SCREEN_ROOM)
    window.show()
    for name in each_page(window, qtbot):
        problems += _problems(window, name, opening=False)
        assert window.size() == SMALL_SCREEN_ROOM, name  # no page pushes the window out
    window.sdb = None
    assert problems == [], "\n".join(problems)


def test_every_dialog_fits_a_1280x720_laptop(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext, tmp_path: Path) -> None:
    dialogs: list[QWidget] = [
        SignInDialog(), FirstRunWizard(), UnlockDialog(admin.actor, "王站长"),
        ImportWizard(SYSTEM, "clients"), FormDialog(Client, admin),
        NewUserDialog(admin.actor), ResetPasswordDialog("admin", "王站长", admin.actor),
        AboutDialog(sdb.data_dir), PdfPreviewDialog(tmp_path / "never-drawn.pdf", None),
    ]
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        problems += _problems(dialog, type(dialog).__name__)
    assert problems == [], "\n".join(problems)
