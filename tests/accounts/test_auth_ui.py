"""Signing in and the idle lock, driven as a person would; the audit log shows each attempt."""

from __future__ import annotations

import json
import warnings

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QMainWindow, QVBoxLayout
from pytestqt.qtbot import QtBot

from swdesk.db import StationDatabase
from swdesk.model import AuditEntry, Setting
from swdesk.services import accounts
from swdesk.services.actor import SYSTEM, Actor
from ui.auth.idle_lock import IdleLock
from ui.shell.sign_in import SignInDialog

PASSWORD = "Jialian2026"


@pytest.fixture
def admin(sdb: StationDatabase) -> Actor:
    accounts.create_user("admin", "王站长", PASSWORD, "admin", SYSTEM)
    return Actor("admin", "admin")


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    win = QMainWindow()
    win.setCentralWidget(QLabel("350203198503071238", win))
    qtbot.addWidget(win)
    win.show()
    return win


def _sign_ins() -> list[tuple[str, str]]:
    rows = AuditEntry.select().where(AuditEntry.action.startswith("sign_in"))
    return [(e.action, json.loads(e.detail).get("reason", ""))
            for e in rows.order_by(AuditEntry.id)]


def test_sign_in_dialog_shows_the_core_message_then_signs_in(qtbot: QtBot, admin: Actor) -> None:
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "Wrong2026")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "用户名或密码错误" in dialog.error.text()
    assert dialog.actor is None and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert dialog.actor == Actor("admin", "admin", None)
    assert _sign_ins() == [("sign_in_failed", "wrong_password"), ("sign_in", "")]


def test_sign_in_names_the_product_and_offers_the_last_user(qtbot: QtBot,
                                                            admin: Actor) -> None:
    """Issue 21: the box said only the station's name, and the user name was typed daily."""
    first = SignInDialog()
    qtbot.addWidget(first)
    first.show()
    product = first.findChild(QLabel, "productName")
    assert product is not None and product.text() == "社工站桌面" and product.isVisible()
    assert first.username.text() == ""  # nobody has signed in here yet
    qtbot.keyClicks(first.username, "admin")
    qtbot.keyClicks(first.password, PASSWORD)
    qtbot.keyClick(first.password, Qt.Key.Key_Return)
    assert first.result() == SignInDialog.DialogCode.Accepted
    again = SignInDialog()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(again.isActiveWindow)
    assert again.username.text() == "admin" and again.password.text() == ""
    assert QApplication.focusWidget() is again.password  # only the password to type
    assert PASSWORD not in {row.value for row in Setting.select()}  # never the password
    qtbot.keyClicks(again.password, PASSWORD)
    qtbot.keyClick(again.password, Qt.Key.Key_Return)
    assert again.actor == Actor("admin", "admin", None)


def test_idle_window_locks_hides_data_and_asks_the_password(qtbot: QtBot, admin: Actor,
                                                           window: QMainWindow) -> None:
    lock = IdleLock(window, admin, "王站长", interval_ms=150)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    assert lock.is_locked and not window.centralWidget().isVisible()
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()  # Escape does not get past the lock
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.password, "Wrong2026")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.is_locked and "用户名或密码错误" in dialog.error.text()
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=1000):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert not lock.is_locked and window.centralWidget().isVisible()
    assert _sign_ins() == [("sign_in_failed", "wrong_password"), ("sign_in", "")]
    lock.stop()


def test_activity_postpones_the_lock(qtbot: QtBot, admin: Actor, window: QMainWindow) -> None:
    lock = IdleLock(window, admin, interval_ms=400)
    # as the keyboard and the mouse send them: to the window (QTest's widget overloads
    # hand the event to the widget directly)
    screen = window.windowHandle()
    for _ in range(6):  # 600 ms of typing: longer than the idle time, never idle that long
        qtbot.wait(100)
        QTest.keyClick(screen, Qt.Key.Key_A)
    for n in range(6):  # then 600 ms of moving the mouse
        qtbot.wait(100)
        QTest.mouseMove(screen, QPoint(20 + 10 * n, 50))
    assert not lock.is_locked
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    assert lock.is_locked
    with qtbot.waitSignal(lock.sign_out_requested, timeout=1000):
        assert lock.dialog is not None
        qtbot.mouseClick(lock.dialog.sign_out_button, Qt.MouseButton.LeftButton)
    lock.stop()
    assert QApplication.instance() is not None


def test_typing_in_a_dialog_postpones_the_lock(qtbot: QtBot, admin: Actor,
                                               window: QMainWindow) -> None:
    lock = IdleLock(window, admin, interval_ms=400)
    form = QDialog(window)
    form.setLayout(QVBoxLayout())
    form.layout().addWidget(QLineEdit(form))
    form.show()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is form.windowHandle())
    for _ in range(6):  # a long note typed in a dialog: the main window sees nothing
        qtbot.wait(100)
        QTest.keyClick(form.windowHandle(), Qt.Key.Key_A)
    assert not lock.is_locked
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    lock.stop()
    with warnings.catch_warnings():  # (PySide warns of a disconnect that finds nothing)
        warnings.simplefilter("error")
        lock.stop()  # (the window closing after a sign-out: no harm done twice)


def test_minutes_come_from_the_core_setting(qtbot: QtBot, admin: Actor,
                                            window: QMainWindow) -> None:
    accounts.set_idle_lock_minutes(3, SYSTEM)
    lock = IdleLock(window, admin)
    assert lock.timer.interval() == 3 * 60_000
    lock.stop()
