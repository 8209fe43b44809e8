"""The About dialog and the one-time upgrade notice, driven as a user would."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from swdesk import settings, support
from swdesk.db import open_station
from swdesk.db import schema as schema_mod
from swdesk.model import Setting
from ui.about import AboutDialog, upgrade_notice


def test_about_dialog_shows_version_data_dir_and_schema(qtbot: QtBot, sdb,
                                                        data_dir: Path) -> None:
    dialog = AboutDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.version_label.text() == version("swdesk")
    assert dialog.data_dir_label.text() == str(data_dir)
    latest = schema_mod.latest_version()
    assert dialog.schema_label.text() == f"版本 {latest}（本程序为版本 {latest}）"
    assert dialog.open_button.isEnabled()
    assert not dialog.upgrade_label.isVisibleTo(dialog)  # a fresh station was never upgraded

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"swdesk {version('swdesk')}\n")
    assert str(data_dir) in copied


def test_about_shows_the_licence_and_whom_to_call(qtbot: QtBot, monkeypatch,
                                                  data_dir: Path) -> None:
    """Issue 21: About said nothing of the licence or of support. The support contact is
    the city's to fill in: until then About says so, and never shows a made-up number."""
    dialog = AboutDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.licence_label.isVisible() and dialog.licence_label.text().startswith(
        "MIT 许可证")
    assert dialog.support_label.isVisible()
    assert dialog.support_label.text().startswith("（尚未填写")
    assert not any(ch.isdigit() for ch in dialog.support_label.text())
    monkeypatch.setattr(support, "SUPPORT_CONTACT", "市民政局信息科（工作日 9:00–17:00）")
    filled = AboutDialog(data_dir)
    qtbot.addWidget(filled)
    assert filled.support_label.text() == "市民政局信息科（工作日 9:00–17:00）"
    assert "技术支持：市民政局信息科" in filled.summary()


def test_about_dialog_without_a_station(qtbot: QtBot, data_dir: Path) -> None:
    dialog = AboutDialog(data_dir)
    qtbot.addWidget(dialog)
    assert dialog.schema_label.text() == "尚未建立站点数据库"
    assert not dialog.open_button.isEnabled()  # the folder does not exist yet


def test_upgrade_notice_appears_once_and_about_keeps_it(qtbot: QtBot, v1_data_dir: Path) -> None:
    data_dir = v1_data_dir
    with open_station(data_dir):
        box = upgrade_notice(data_dir)
        assert box is not None
        qtbot.addWidget(box)
        box.open()
        assert "数据库已从版本 1 升级到版本" in box.text()
        assert "before-upgrade-v1-" in box.text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert not box.isVisible()

        seen = Setting.get_by_id(settings.UPGRADE_NOTICE_SEEN.key).value
        assert seen.startswith("before-upgrade-v1-")
        assert upgrade_notice(data_dir) is None

        dialog = AboutDialog(data_dir)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.upgrade_label.isVisible()
        assert seen in dialog.upgrade_label.text()
