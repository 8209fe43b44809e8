"""Helpers for driving the window as a person would (IME typing, answering message boxes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QAbstractItemModel, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from swdesk.model import Case, Client, ServiceRecord
from ui import ops
from ui.main_window import MainWindow


def on_box(act: Callable[[QMessageBox], None]) -> None:
    """Run ``act`` on the next message box that opens (as the person in front of it)."""
    def wait() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, wait)
            return
        act(box)

    QTimer.singleShot(0, wait)


def answer_box(qtbot: QtBot, button_text: str, tick: bool = False) -> list[str]:
    """Click ``button_text`` on the next message box that opens; returns the texts seen.

    ``tick``: first tick the box's check box (a confirmation that enables the button).
    """
    seen: list[str] = []

    def click(box: QMessageBox) -> None:
        seen.append(box.text())
        if tick:
            box.checkBox().click()
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return
        if len(box.buttons()) == 1:  # a plain information box: its one button (确定/OK)
            box.buttons()[0].click()
            return
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    on_box(click)
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



def each_page(window: MainWindow, qtbot: QtBot) -> Iterator[str]:
    """Show every rail page, then an opened client, case and service record, in turn
    (the window is on demo data); yields each one's name once it has settled."""
    for n in range(window.rail.count()):
        window.rail.setCurrentRow(n)
        _settle(qtbot)
        yield str(window.current_key())
    client = Client.live().join(Case, on=(Case.client == Client.id)).first()
    for entity, row_id in (("client", client.id), ("case", Case.live().first().id),
                           ("service_record", ServiceRecord.live().first().id)):
        window.open_row(entity, row_id)
        _settle(qtbot)
        yield f"{entity} detail"


def _settle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=20000)
    qtbot.wait(20)


def rows_read(qtbot: QtBot, model: QAbstractItemModel) -> None:
    """Wait for a lazy list's ids, ask it for every row, as painting does, and wait until
    they are read: both arrive from the background (rows show "…" until then)."""
    qtbot.waitUntil(lambda: ops.running() == 0)
    for row in range(model.rowCount()):
        model.index(row, 0).data()
    qtbot.waitUntil(lambda: ops.running() == 0)
