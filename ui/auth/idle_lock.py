"""Lock the window after idle minutes and ask the signed-in user's password again.

Shared office PCs are left with a client's file open; after ``idle_lock_minutes``
(a core setting) without keyboard or mouse, the window's content is hidden and a
password prompt covers it. The password is checked by the core, so failures count
towards the lockout and every attempt is audited.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from swdesk.services import accounts
from swdesk.services.actor import Actor
from ui.auth.password_check import PasswordCheck

translate = QCoreApplication.translate

# What counts as someone being at the PC.
ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})


class UnlockDialog(QDialog):
    """The password prompt over a locked window; it cannot be dismissed without one."""

    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, actor: Actor, display_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(translate("IdleLock", "已锁定"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._actor = actor
        layout = QVBoxLayout(self)
        who = display_name or actor.username
        text = translate("IdleLock", "长时间未操作，屏幕已锁定。\n{}，请输入密码继续。")
        layout.addWidget(QLabel(text.format(who), self))
        self._check = PasswordCheck(self, "unlockPassword", "unlockError")
        self.password, self.error = self._check.password, self._check.error
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.unlock_button = buttons.addButton(translate("IdleLock", "解锁"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.sign_out_button = buttons.addButton(translate("IdleLock", "退出登录"),
                                                 QDialogButtonBox.ButtonRole.DestructiveRole)
        self.sign_out_button.setObjectName("signOutButton")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.sign_out_button.clicked.connect(self._sign_out)
        layout.addWidget(buttons)

    def try_unlock(self) -> None:
        if self._check.check(self._actor.username) is None:
            return
        self.accept()
        self.unlocked.emit()

    def _sign_out(self) -> None:
        self.done(QDialog.DialogCode.Rejected)
        self.sign_out_requested.emit()

    def reject(self) -> None:
        """Escape does nothing: only the password (or signing out) ends the lock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


class IdleLock(QObject):
    """Watches the keyboard and mouse; locks ``window`` after the idle time.

    ``interval_ms`` overrides the minutes (tests use milliseconds).
    """

    locked = Signal()
    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, window: QWidget, actor: Actor, display_name: str = "",
                 minutes: int | None = None, *, interval_ms: int | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._actor = actor
        self._display_name = display_name
        self.dialog: UnlockDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        if interval_ms is None:
            interval_ms = (minutes or accounts.idle_lock_minutes()) * 60_000
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.lock)
        # The keyboard and the mouse reach a window's QWindow first: watching those (the
        # window's, a dialog's once it has the focus) sees every input, while a filter on
        # the application would run Python for every event of every widget (each paint,
        # timer, layout), each time waiting for the lock a worker thread may hold.
        self._watched: list[QWindow] = []
        handle = window.windowHandle()
        if handle is not None:
            self._watch(handle)
        app = QApplication.instance()
        self._watching = isinstance(app, QGuiApplication)
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._watch)
        self.timer.start()

    def _watch(self, handle: QWindow | None) -> None:
        if handle is not None and handle not in self._watched:
            handle.installEventFilter(self)
            handle.destroyed.connect(lambda: self._forget(handle))
            self._watched.append(handle)

    def _forget(self, handle: QWindow) -> None:
        if handle in self._watched:
            self._watched.remove(handle)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and not self.is_locked:
            self.timer.start()  # restarts the countdown
        return False

    def _content(self) -> QWidget | None:
        if isinstance(self._window, QMainWindow):
            return self._window.centralWidget()
        return None

    def lock(self) -> None:
        if self.is_locked:
            return
        self.timer.stop()
        content = self._content()
        if content is not None:
            content.hide()  # personal data off the screen while nobody is there
        self.dialog = UnlockDialog(self._actor, self._display_name, self._window)
        self.dialog.unlocked.connect(self._on_unlocked)
        self.dialog.sign_out_requested.connect(self._on_sign_out)
        self.dialog.open()
        self.locked.emit()

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _on_unlocked(self) -> None:
        self._finish()
        content = self._content()
        if content is not None:
            content.show()
        self.timer.start()
        self.unlocked.emit()

    def _on_sign_out(self) -> None:
        self._finish()
        self.sign_out_requested.emit()

    def stop(self) -> None:
        """Stop watching (the window closes or the user signs out)."""
        self.timer.stop()
        app = QApplication.instance()
        if self._watching and isinstance(app, QGuiApplication):
            app.focusWindowChanged.disconnect(self._watch)  # (twice would raise)
        self._watching = False
        for handle in self._watched:
            handle.removeEventFilter(self)
        self._watched.clear()
