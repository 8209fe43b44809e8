"""A station PC in Windows dark mode: every page must still read, dark text on light."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import each_page

from swdesk import demo
from swdesk.db import StationDatabase
from tests.ui.contrast import low_contrast
from ui.main_window import MainWindow
from ui.shell.context import AppContext
from ui.shell.first_run import FirstRunWizard
from ui.shell.sign_in import SignInDialog


def _check(top: QWidget, where: str, failures: list[str]) -> None:
    failures.extend(f"{where}: {found}" for found in low_contrast(top))


def test_every_page_reads_under_a_dark_system_palette(
        qtbot: QtBot, dark_system: None, sdb: StationDatabase, admin: AppContext) -> None:
    demo.generate(60, 300, seed=1)
    window = MainWindow(sdb, admin)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    failures: list[str] = []
    for name in each_page(window, qtbot):
        _check(window, name, failures)
    window.sdb = None
    assert failures == [], "\n".join(failures)


def test_start_dialogs_read_under_a_dark_system_palette(
        qtbot: QtBot, dark_system: None, sdb: StationDatabase) -> None:
    failures: list[str] = []
    for dialog in (SignInDialog(), FirstRunWizard()):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(20)
        _check(dialog, type(dialog).__name__, failures)
    assert failures == [], "\n".join(failures)
