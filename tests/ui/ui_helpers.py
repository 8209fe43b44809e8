"""Helpers for driving the window as a person would (IME typing, answering message boxes)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot


def answer_box(qtbot: QtBot, button_text: str) -> list[str]:
    """Click ``button_text`` on the next message box that opens; returns the texts seen."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return
        if len(box.buttons()) == 1:  # a plain information box: its one button (确定/OK)
            box.buttons()[0].click()
            return
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)
    return seen


def ime_type(widget: QWidget, text: str) -> None:
    """Type ``text`` the way a Chinese IME delivers it: one committed input-method event.

    (QTest's key clicks only know ASCII keys.)
    """
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def find(widget: QWidget, kind: type, name: str) -> QWidget:
    found = widget.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name}"
    return found

