"""设置 › 数据备份, driven as an administrator: folder, back up now, the list, restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box

from swdesk import paths
from swdesk.db import StationDatabase, backup
from swdesk.db.backup import FOLDER_KEY
from swdesk.model import AuditEntry, Client, Setting
from swdesk.services import accounts, backups, crud
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.main_window import MainWindow
from ui.models.account_tables import BackupTableModel, file_size
from ui.pages.backup_section import BackupSection
from ui.pages.settings import SettingsPage
from ui.shell.context import AppContext


def _section(qtbot: QtBot, window: MainWindow) -> BackupSection:
    page = window.go("settings")
    assert isinstance(page, SettingsPage) and page.backup_section is not None
    qtbot.waitUntil(page.backup_section.isVisible)
    return page.backup_section


def _click(qtbot: QtBot, section: BackupSection, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.task is None and ops.running() == 0, timeout=20000)


def _clients(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        crud.create(Client, {"name": f"客户{i}"}, SYSTEM)


def test_workers_do_not_see_the_backup_section(qtbot: QtBot, sdb: StationDatabase,
                                                window: MainWindow) -> None:
    accounts.create_user("lihua", "李华", "Jialian#2024x", "worker", window.ctx.actor)
    page = SettingsPage(AppContext(accounts.authenticate("lihua", "Jialian#2024x"),
                                   sdb.data_dir))
    qtbot.addWidget(page)
    assert page.backup_section is None and page.users_section is None


def test_choose_folder_then_back_up_now(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path, window: MainWindow) -> None:
    usb = tmp_path / "U盘"
    usb.mkdir()
    section = _section(qtbot, window)
    assert "默认" in section.folder_label.text() and not section.default_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    qtbot.mouseClick(section.choose_button, Qt.MouseButton.LeftButton)
    assert Setting.get(Setting.key == FOLDER_KEY).value == str(usb.resolve())
    assert str(usb) in section.folder_label.text() and section.default_button.isEnabled()

    _clients(2)
    _click(qtbot, section, section.backup_button)
    made = sorted(usb.glob("manual-*.db"))
    assert len(made) == 1 and backup.check(made[0]).counts["client"] == 2
    assert section.model.rowCount() == 1
    assert section.model.index(0, 1).data() == "手动备份"
    assert section.model.index(0, 2).data() == file_size(made[0].stat().st_size)
    assert section.model.index(0, 3).data() == made[0].name
    assert "已备份到" in section.status_label.text()
    assert AuditEntry.select().where(AuditEntry.action == "backup").count() == 1

    qtbot.mouseClick(section.default_button, Qt.MouseButton.LeftButton)
    assert Setting.get_or_none(Setting.key == FOLDER_KEY) is None


def test_restore_the_selected_backup_reloads_the_window(qtbot: QtBot, sdb: StationDatabase,
                                                        window: MainWindow) -> None:
    _clients(3)
    section = _section(qtbot, window)
    _click(qtbot, section, section.backup_button)
    _clients(4, start=10)
    assert Client.select().count() == 7
    section.table.selectRow(0)

    # Cancelling changes nothing.
    seen = answer_box(qtbot, "取消")
    qtbot.mouseClick(section.restore_button, Qt.MouseButton.LeftButton)
    assert "替换本站的全部数据" in seen[0] and "都会丢失" in seen[0]
    assert Client.select().count() == 7 and ops.running() == 0

    old_page = window.pages["settings"]
    seen = answer_box(qtbot, "恢复")
    qtbot.mouseClick(section.restore_button, Qt.MouseButton.LeftButton)
    done = answer_box(qtbot, "OK")
    qtbot.waitUntil(lambda: bool(done) and ops.running() == 0, timeout=20000)
    assert "已从备份" in done[0] and "重新载入" in done[0]
    assert sorted(c.name for c in Client.select()) == ["客户0", "客户1", "客户2"]
    saved = sorted(paths.backups_dir(sdb.data_dir).glob("before-restore-*.db"))
    assert len(saved) == 1 and backup.check(saved[0]).counts["client"] == 7
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().action == "restore"
    qtbot.waitUntil(lambda: window.pages.get("settings") not in (None, old_page))
    new_section = window.pages["settings"].backup_section  # type: ignore[attr-defined]
    assert new_section.model.rowCount() == 2  # the backup and the data before the restore


def test_restore_from_a_chosen_file_refuses_a_damaged_one(qtbot: QtBot,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path,
                                                          window: MainWindow) -> None:
    _clients(2)
    bad = tmp_path / "坏的备份.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    section = _section(qtbot, window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    answer_box(qtbot, "恢复")
    qtbot.mouseClick(section.restore_button, Qt.MouseButton.LeftButton)
    error = answer_box(qtbot, "OK")
    qtbot.waitUntil(lambda: bool(error) and ops.running() == 0, timeout=20000)
    assert "不能用于恢复" in error[0]
    assert Client.select().count() == 2
    assert not list(paths.backups_dir(window.ctx.data_dir).glob("before-restore-*"))


def test_backup_model_passes_the_model_tester(qtmodeltester, sdb: StationDatabase) -> None:
    backups.backup_now(sdb.data_dir, accounts.actor_of(accounts.create_user(
        "admin", "王站长", "Jialian#2024", "admin", SYSTEM)))
    backups.auto_backup(sdb, "close")
    model = BackupTableModel()
    model.set_items(backups.list_backups(sdb.data_dir))
    assert model.rowCount() == 2
    qtmodeltester.check(model)
