"""设置 › 用户管理, driven as an administrator: add a user, reset a password, disable, enable."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box, ime_type

from swdesk.db import StationDatabase
from swdesk.errors import AuthError
from swdesk.model import AuditEntry, ServiceRecord, User, Worker
from swdesk.services import accounts, crud, defaults
from swdesk.services.actor import SYSTEM
from ui.main_window import MainWindow
from ui.models.account_tables import UserTableModel
from ui.pages.settings import SettingsPage
from ui.pages.user_dialogs import NewUserDialog, ResetPasswordDialog
from ui.pages.users_section import UsersSection


def _section(qtbot: QtBot, window: MainWindow) -> UsersSection:
    page = window.go("settings")
    assert isinstance(page, SettingsPage) and page.users_section is not None
    qtbot.waitUntil(page.users_section.isVisible)
    return page.users_section


def _when_open(section: UsersSection, kind: type, act: Callable[[object], None]) -> None:
    """Run ``act(dialog)`` once the section's modal dialog is up."""
    def attempt() -> None:
        dialog = section.dialog
        if not isinstance(dialog, kind) or not dialog.isVisible():
            QTimer.singleShot(20, attempt)
            return
        act(dialog)
    QTimer.singleShot(0, attempt)


def _row_of(section: UsersSection, username: str) -> int:
    return [u.username for u in section.model.items].index(username)


def test_add_a_user_with_the_strength_message(qtbot: QtBot, window: MainWindow) -> None:
    section = _section(qtbot, window)
    assert section.model.rowCount() == 1
    seen: dict[str, str] = {}

    def fill(dialog: object) -> None:
        assert isinstance(dialog, NewUserDialog)
        qtbot.keyClicks(dialog.user_edit, "lihua")
        ime_type(dialog.name_edit, "李华")
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findText("站长"))
        qtbot.keyClicks(dialog.password, "abc")
        seen["weak"] = dialog.strength.text()
        qtbot.keyClicks(dialog.again, "abc")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["refused"] = dialog.strength.text()
        seen["still_open"] = str(dialog.isVisible())
        dialog.password.clear()
        dialog.again.clear()
        qtbot.keyClicks(dialog.password, "Lihua2024")
        seen["has_name"] = dialog.strength.text()
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, "Jialian#77")
        seen["good"] = dialog.strength.text()
        qtbot.keyClicks(dialog.again, "Jialian#78")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["mismatch"] = dialog.errors["again"].text()
        dialog.again.clear()
        qtbot.keyClicks(dialog.again, "Jialian#77")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    _when_open(section, NewUserDialog, fill)
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    assert "至少 8 位" in seen["weak"] and "至少 8 位" in seen["refused"]
    assert seen["still_open"] == "True"
    assert "容易被猜到" in seen["has_name"] and "合格" in seen["good"]
    assert seen["mismatch"] == "两次输入的密码不一样"
    user = User.get(User.username == "lihua")
    assert user.display_name == "李华" and user.role == "head" and user.active
    assert accounts.authenticate("lihua", "Jialian#77").role == "head"
    row = _row_of(section, "lihua")
    assert section.model.index(row, 2).data() == "站长"
    assert section.model.index(row, 3).data() == "正常"
    assert section.selected() is not None and section.selected().username == "lihua"


def test_a_taken_name_is_said_next_to_the_field(qtbot: QtBot, window: MainWindow) -> None:
    section = _section(qtbot, window)
    seen: dict[str, str] = {}

    def fill(dialog: object) -> None:
        assert isinstance(dialog, NewUserDialog)
        qtbot.keyClicks(dialog.user_edit, "admin")
        qtbot.keyClicks(dialog.password, "Jialian#77")
        qtbot.keyClicks(dialog.again, "Jialian#77")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["username"] = dialog.errors["username"].text()
        seen["display_name"] = dialog.errors["display_name"].text()
        dialog.reject()

    _when_open(section, NewUserDialog, fill)
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    assert "已被使用" in seen["username"] and "姓名不能为空" in seen["display_name"]
    assert User.select().count() == 1


def test_reset_a_locked_users_password(qtbot: QtBot, window: MainWindow) -> None:
    accounts.create_user("lihua", "李华", "Jialian#77", "worker", window.ctx.actor)
    for _attempt in range(accounts.MAX_FAILURES):
        with pytest.raises(AuthError):
            accounts.authenticate("lihua", "wrong-password-1")
    section = _section(qtbot, window)
    section.refresh()
    row = _row_of(section, "lihua")
    assert section.model.index(row, 3).data().startswith("已锁定")
    section.table.selectRow(row)

    def fill(dialog: object) -> None:
        assert isinstance(dialog, ResetPasswordDialog)
        qtbot.keyClicks(dialog.password, "Xinmima#2025")
        qtbot.keyClicks(dialog.again, "Xinmima#2025")
        answer_box(qtbot, "OK")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    _when_open(section, ResetPasswordDialog, fill)
    qtbot.mouseClick(section.reset_button, Qt.MouseButton.LeftButton)
    assert accounts.authenticate("lihua", "Xinmima#2025").username == "lihua"
    assert section.model.index(_row_of(section, "lihua"), 3).data() == "正常"
    assert AuditEntry.select().where(AuditEntry.action == "password_reset").count() == 1


def test_disable_and_enable(qtbot: QtBot, window: MainWindow) -> None:
    accounts.create_user("lihua", "李华", "Jialian#77", "worker", window.ctx.actor)
    section = _section(qtbot, window)
    section.refresh()
    section.table.selectRow(_row_of(section, "admin"))
    assert not section.toggle_button.isEnabled()  # nobody disables themself
    section.table.selectRow(_row_of(section, "lihua"))
    assert section.toggle_button.text() == "停用"

    seen = answer_box(qtbot, "取消")
    qtbot.mouseClick(section.toggle_button, Qt.MouseButton.LeftButton)
    assert "将不能登录" in seen[0] and User.get(User.username == "lihua").active

    answer_box(qtbot, "停用")
    qtbot.mouseClick(section.toggle_button, Qt.MouseButton.LeftButton)
    assert not User.get(User.username == "lihua").active
    assert section.model.index(_row_of(section, "lihua"), 3).data() == "已停用"
    with pytest.raises(AuthError):
        accounts.authenticate("lihua", "Jialian#77")
    assert section.toggle_button.text() == "启用"
    qtbot.mouseClick(section.toggle_button, Qt.MouseButton.LeftButton)
    assert User.get(User.username == "lihua").active
    assert accounts.authenticate("lihua", "Jialian#77").username == "lihua"


def test_user_model_passes_the_model_tester(qtmodeltester, sdb: StationDatabase,
                                            window: MainWindow) -> None:
    accounts.create_user("lihua", "李华", "Jialian#77", "worker", window.ctx.actor)
    model = UserTableModel()
    model.refresh()
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_a_new_account_is_linked_to_its_worker_record(qtbot: QtBot, window: MainWindow) -> None:
    """Issue 21: an account opened for a worker on the roster is theirs (chosen by name,
    or from the list), a new colleague gets a record: their records then name them."""
    lihua = crud.create(Worker, {"name": "李华"}, SYSTEM)
    section = _section(qtbot, window)
    chosen: list[str] = []

    def fill(name: str, username: str) -> Callable[[object], None]:
        def act(dialog: object) -> None:
            assert isinstance(dialog, NewUserDialog)
            qtbot.keyClicks(dialog.user_edit, username)
            ime_type(dialog.name_edit, name)
            chosen.append(dialog.worker.currentText())
            for box in (dialog.password, dialog.again):
                qtbot.keyClicks(box, "Jialian#77")
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return act

    for name, username in (("李华", "lihua"), ("王芳", "wangfang")):
        _when_open(section, NewUserDialog, fill(name, username))
        qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    assert chosen == ["已有：李华", "新建社工记录（用上面的姓名）"]
    assert User.get(User.username == "lihua").worker_uid == lihua.uid
    wangfang = Worker.get(Worker.name == "王芳")
    actor = accounts.actor_of(User.get(User.username == "wangfang"))
    assert actor.worker_id == wangfang.id
    assert defaults.new_row_defaults(ServiceRecord, actor)["worker"] == wangfang.id
