"""设置 · 附件: the administrator sets the largest file and keeping originals; a social
worker has no such box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from swdesk import settings
from swdesk.db import StationDatabase
from swdesk.services import accounts
from swdesk.services.actor import SYSTEM
from ui.main_window import MainWindow
from ui.pages.settings import SettingsPage
from ui.shell.context import AppContext

PASSWORD = "Jialian#2024"


def test_the_administrator_sets_the_attachment_limits(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    page = window.go("settings")
    assert isinstance(page, SettingsPage) and page.attachment_box is not None
    box = page.attachment_box
    assert box.max_mb.value() == 30 and not box.keep.isChecked()
    box.max_mb.setFocus()
    box.max_mb.selectAll()
    qtbot.keyClicks(box.max_mb, "45")
    qtbot.keyClick(box.keep, Qt.Key.Key_Space)
    qtbot.keyClick(box.save_button, Qt.Key.Key_Space)
    assert settings.ATTACHMENT_MAX_MB.get() == 45 and settings.KEEP_ORIGINALS.get() is True


def test_a_worker_has_no_attachment_settings(qtbot: QtBot, sdb: StationDatabase,
                                             admin: AppContext) -> None:
    accounts.create_user("liwei", "李伟", PASSWORD, "worker", SYSTEM, new_worker=True)
    ctx = AppContext(accounts.authenticate("liwei", PASSWORD), sdb.data_dir, "李伟")
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.attachment_box is None
