"""Signing in: user name and password, checked by the core (lockout and audit live there)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.services import accounts, preferences, this_station
from swdesk.services.actor import Actor
from ui.auth.password_check import PasswordCheck

translate = QCoreApplication.translate


def display_name_of(username: str) -> str:
    for user in accounts.list_users():
        if user.username == username:
            return str(user.display_name)
    return username


class SignInDialog(QDialog):
    """Accepted once the core has authenticated; ``actor`` then says who signed in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(translate("SignIn", "社工站桌面 · 登录"))
        self.setMinimumWidth(380)
        self.actor: Actor | None = None
        self.display_name = ""
        layout = QVBoxLayout(self)
        product = QLabel(translate("SignIn", "社工站桌面"), self)
        product.setObjectName("productName")
        product.setProperty("role", "pageTitle")
        layout.addWidget(product)
        here = this_station.current_station()
        heading = QLabel(here.name if here is not None else "", self)
        heading.setObjectName("stationName")
        heading.setProperty("role", "muted")
        layout.addWidget(heading)
        layout.addSpacing(6)
        form = QFormLayout()
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self._check = PasswordCheck(self, "password", "signInError")
        self.password, self.error = self._check.password, self._check.error
        form.addRow(translate("SignIn", "用户名"), self.username)
        form.addRow(translate("SignIn", "密码"), self.password)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.sign_in_button = buttons.addButton(translate("SignIn", "登录"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setDefault(True)
        buttons.addButton(translate("SignIn", "退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        last = preferences.last_user()
        if last:  # the same person signs in most days: only the password to type
            self.username.setText(last)
            self.password.setFocus()

    def try_sign_in(self) -> None:
        self.actor = self._check.check(self.username.text().strip())
        if self.actor is None:
            return
        self.display_name = display_name_of(self.actor.username)
        preferences.remember_user(self.actor.username)
        self.accept()


def first_run_needed() -> bool:
    """No station or no account yet: the first-run wizard instead of the sign-in."""
    return this_station.current_station() is None or not accounts.has_users()
