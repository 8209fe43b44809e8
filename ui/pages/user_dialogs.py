"""The two account dialogs of 设置 › 用户管理: a new user, and an administrator's password reset.

The password's strength is checked as it is typed, with the core's own rule and
message (:func:`swdesk.services.passwords.check_strength`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk import reference
from swdesk.errors import SwdeskError, ValidationError
from swdesk.services import accounts, passwords
from swdesk.services.actor import Actor
from ui.errors import report
from ui.forms.editors import error_label
from ui.widgets.worker_choice import WorkerChoice

translate = QCoreApplication.translate
_OK = "color: #2e7d32;"
_BAD = "color: #c62828;"
_HINT = "color: #6b7785;"



class _PasswordDialog(QDialog):
    """Shared: two password boxes, the live strength message, field errors, OK/Cancel."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setObjectName("passwordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QLabel(self)
        self.strength.setObjectName("passwordStrength")
        self.strength.setWordWrap(True)
        self.errors: dict[str, QLabel] = {}
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(translate("UsersSection", "保存"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("saveButton")
        self.ok_button.setProperty("role", "primary")
        buttons.addButton(translate("UsersSection", "取消"),
                          QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.password.textChanged.connect(self.check_strength)
        self.again.textChanged.connect(self.check_strength)

    def add_password_rows(self) -> None:
        self.form.addRow(translate("UsersSection", "密码"), self.password)
        self.form.addRow("", self.strength)
        self.form.addRow(translate("UsersSection", "再输一次"), self.again)
        self.add_error("again")
        self.layout_.addWidget(self.buttons)
        self.check_strength()

    def add_error(self, key: str) -> None:
        label = error_label(self, f"{key}Error")
        self.errors[key] = label
        self.form.addRow("", label)

    def username(self) -> str:
        raise AssertionError("subclasses name the account")

    def check_strength(self) -> bool:
        """Say how the password stands; True if it may be saved."""
        text = self.password.text()
        if not text:
            self.strength.setStyleSheet(_HINT)
            self.strength.setText(translate(
                "UsersSection", "至少 {} 位，同时包含字母和数字").format(passwords.MIN_LENGTH))
            return False
        try:
            passwords.check_strength(text, self.username())
        except ValidationError as exc:
            self.strength.setStyleSheet(_BAD)
            self.strength.setText(str(exc))
            return False
        self.strength.setStyleSheet(_OK)
        self.strength.setText(translate("UsersSection", "✔ 密码强度合格"))
        return True

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            message = errors.get(key, "")
            label.setText(message)
            label.setVisible(bool(message))
        if errors.get("password"):  # shown where the strength is
            self.strength.setStyleSheet(_BAD)
            self.strength.setText(errors["password"])
        unplaced = [m for k, m in errors.items() if k not in self.errors and k != "password"]
        if unplaced:
            report(self, ValidationError("；".join(unplaced)))

    def passwords_match(self) -> bool:
        if self.password.text() != self.again.text():
            self.show_errors({"again": translate("UsersSection", "两次输入的密码不一样")})
            return False
        return True

    def save(self) -> None:
        raise AssertionError("subclasses save")


class NewUserDialog(_PasswordDialog):
    """新增用户: user name, name, role and a first password."""

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(translate("UsersSection", "新增用户"), parent)
        self.setObjectName("newUserDialog")
        self.actor = actor
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("username")
        self.user_edit.setPlaceholderText(translate("UsersSection", "登录时输入，如 lihua"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("displayName")
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("role")
        for code in reference.codes("role"):
            self.role_combo.addItem(reference.label("role", code), code)
        self.role_combo.setCurrentIndex(max(self.role_combo.findData("worker"), 0))
        self.form.addRow(translate("UsersSection", "用户名"), self.user_edit)
        self.add_error("username")
        self.form.addRow(translate("UsersSection", "姓名"), self.name_edit)
        self.add_error("display_name")
        self.form.addRow(translate("UsersSection", "角色"), self.role_combo)
        self.add_error("role")
        role_hint = QLabel(translate(
            "UsersSection", "社工只能看到自己个案中服务对象的完整信息；站长和管理员能看到全部；"
                              "只有管理员能管理账户和恢复备份。"), self)
        role_hint.setWordWrap(True)
        role_hint.setProperty("role", "muted")
        self.form.addRow("", role_hint)
        self.worker = WorkerChoice(translate("UsersSection", "不关联（不做服务和个案）"), self)
        self.worker.setObjectName("worker")
        self.name_edit.textChanged.connect(self.worker.follow_name)
        self.form.addRow(translate("UsersSection", "社工记录"), self.worker)
        self.add_error("worker_id")
        self.user_edit.textChanged.connect(self.check_strength)
        self.add_password_rows()
        self.created: str | None = None

    def username(self) -> str:
        return self.user_edit.text().strip()

    def save(self) -> None:
        self.show_errors({})
        if not self.passwords_match():
            return
        try:
            accounts.create_user(self.username(), self.name_edit.text(), self.password.text(),
                                 str(self.role_combo.currentData()), self.actor,
                                 self.worker.worker_id(), new_worker=self.worker.new_worker())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except SwdeskError as exc:
            report(self, exc)
            return
        self.created = self.username()
        self.accept()


class ResetPasswordDialog(_PasswordDialog):
    """重置密码: the administrator sets a new password (this also lifts a lock)."""

    def __init__(self, username: str, display_name: str, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("UsersSection", "重置密码"), parent)
        self.setObjectName("resetPasswordDialog")
        self._username = username
        self.actor = actor
        who = QLabel(translate(
            "UsersSection", "为 {}（{}）设置新密码。请把新密码当面告诉本人，并提醒登录后自行修改。")
                     .format(display_name, username), self)
        who.setWordWrap(True)
        self.form.addRow(who)
        self.add_password_rows()

    def username(self) -> str:
        return self._username

    def save(self) -> None:
        self.show_errors({})
        if not self.passwords_match():
            return
        try:
            accounts.reset_password(self._username, self.password.text(), self.actor)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except SwdeskError as exc:
            report(self, exc)
            return
        self.accept()
