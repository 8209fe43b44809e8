"""The password field both sign-in and the idle lock use, with its error line."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from swdesk.errors import SwdeskError
from swdesk.services import accounts
from swdesk.services.actor import Actor


class PasswordCheck:
    """A masked password field and the line under it that says why a try failed."""

    def __init__(self, parent: QWidget, field_name: str, error_name: str) -> None:
        self.password = QLineEdit(parent)
        self.password.setObjectName(field_name)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(parent)
        self.error.setObjectName(error_name)
        self.error.setProperty("role", "fieldError")
        self.error.setWordWrap(True)
        self.error.hide()

    def check(self, username: str) -> Actor | None:
        """The signed-in actor, or None with the reason shown and the field ready again.

        The field is emptied either way: a password never stays on screen longer than needed.
        """
        try:
            actor = accounts.authenticate(username, self.password.text())
        except SwdeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return None
        self.password.clear()
        self.error.hide()
        return actor
