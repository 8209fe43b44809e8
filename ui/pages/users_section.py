"""设置 › 用户管理 (administrators): the accounts, a new user, password reset, disable/enable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QWidget,
)

from swdesk.errors import SwdeskError
from swdesk.model import User
from swdesk.services import accounts
from ui.errors import report
from ui.models.account_tables import UserTableModel
from ui.pages.settings_box import SettingsBox
from ui.pages.user_dialogs import NewUserDialog, ResetPasswordDialog
from ui.shell.context import AppContext

translate = QCoreApplication.translate



class UsersSection(SettingsBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("UsersSection", "用户管理"), "usersSection", parent)
        self.ctx = ctx
        self.dialog: NewUserDialog | ResetPasswordDialog | None = None
        layout = self.box_layout
        self.add_hint(translate(
            "UsersSection", "连续输错 {} 次密码的账户会锁定 {} 分钟；重置密码会同时解除锁定。"
            "停用的账户不能登录，但它的工作记录都会保留。").format(
            accounts.MAX_FAILURES, accounts.LOCK_MINUTES))
        self.model = UserTableModel(self)
        self.table = self.add_table(self.model, "userTable", (140, 140, 110), 150)
        row = QHBoxLayout()
        self.add_button = QPushButton(translate("UsersSection", "新增用户…"), self)
        self.add_button.setObjectName("userAdd")
        self.add_button.setProperty("role", "primary")
        self.reset_button = QPushButton(translate("UsersSection", "重置密码…"), self)
        self.reset_button.setObjectName("userReset")
        self.toggle_button = QPushButton(translate("UsersSection", "停用"), self)
        self.toggle_button.setObjectName("userToggle")
        for button in (self.add_button, self.reset_button, self.toggle_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        chosen = self.selected()
        current = select or (str(chosen.username) if chosen is not None else None)
        self.model.refresh()
        for n, user in enumerate(self.model.items):
            if user.username == current:
                self.table.selectRow(n)
                break
        self._selection_changed()

    def selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        item: User | None = self.model.item_at(rows[0].row()) if rows else None
        return item

    def select_user(self, username: str) -> None:
        self.refresh(select=username)

    def _selection_changed(self) -> None:
        user = self.selected()
        self.reset_button.setEnabled(user is not None)
        self.toggle_button.setEnabled(user is not None and user.username != self.ctx.actor.username)
        disabled = user is not None and not user.active
        self.toggle_button.setText(translate("UsersSection", "启用") if disabled
                                   else translate("UsersSection", "停用"))

    def add_user(self) -> None:
        self.dialog = NewUserDialog(self.ctx.actor, self)
        if self.dialog.exec() and self.dialog.created:
            self.refresh(select=self.dialog.created)
        self.dialog = None

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        self.dialog = ResetPasswordDialog(str(user.username), str(user.display_name),
                                          self.ctx.actor, self)
        if self.dialog.exec():
            self.refresh()
            QMessageBox.information(self, translate("UsersSection", "重置密码"), translate(
                "UsersSection", "已为 {} 设置新密码。").format(
                user.display_name))
        self.dialog = None

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        try:
            if user.active:
                text = translate(
                    "UsersSection", "停用后 {}（{}）将不能登录，已有的工作记录不受影响。"
                    "确定停用吗？").format(user.display_name, user.username)
                box = QMessageBox(QMessageBox.Icon.Question,
                                  translate("UsersSection", "停用账户"), text,
                                  QMessageBox.StandardButton.NoButton, self)
                go = box.addButton(translate("UsersSection", "停用"),
                                   QMessageBox.ButtonRole.AcceptRole)
                box.addButton(translate("UsersSection", "取消"), QMessageBox.ButtonRole.RejectRole)
                box.exec()
                if box.clickedButton() is not go:
                    return
                accounts.disable_user(str(user.username), self.ctx.actor)
            else:
                accounts.enable_user(str(user.username), self.ctx.actor)
        except SwdeskError as exc:
            report(self, exc)
        self.refresh()
