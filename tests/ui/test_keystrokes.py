"""Issue 21, "Done when": the keystrokes from the first start to a saved first service
record, with the real wizard and window driven from the keyboard only (no mouse).

Every key goes to whatever has the focus, as on a real keyboard. Latin text counts one
keystroke a character (a capital or a symbol's Shift is not counted apart); Chinese
text is typed through an input method and counts as a full-pinyin typist types it: its
toneless pinyin letters plus one key to commit. Moving the focus counts each Tab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import ime_type

from swdesk.db import open_station
from swdesk.model import ServiceRecord, User, Worker
from swdesk.pinyin import full_pinyin
from ui import ops
from ui.app import sign_in
from ui.main_window import MainWindow
from ui.shell.first_run import FirstRunWizard

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

PASSWORD = "Jialian#2024"
# The count this test gave when written (issue 21 reports it). A change that costs the
# person more keys fails here; one that saves keys lowers the figure. (111 since the
# rail's 待办 page, second in the rail: one more ↓ on the way to 服务记录.)
MEASURED = 111
MAX_TABS = 40  # (a loop bound: focus that never arrives fails the test, not hangs it)


class Keyboard:
    """Keys to the focused widget, counted."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.text = 0  # of which: the characters of what is typed (names, passwords …)

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.focus(), key, modifier)
            self.count += 1

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)
        self.count += len(text)
        self.text += len(text)

    def type_chinese(self, text: str) -> None:
        ime_type(self.focus(), text)
        self.count += len(full_pinyin(text)) + 1  # the pinyin, then space to commit
        self.text += len(full_pinyin(text)) + 1

    def tab_to(self, wanted: QWidget) -> None:
        for _ in range(MAX_TABS):
            if self.focus() is wanted or wanted.isAncestorOf(self.focus()):
                return
            self.key(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {wanted.objectName()}")


def test_keystrokes_from_first_start_to_the_first_service_record(
        qtbot: QtBot, data_dir: Path) -> None:
    keys = Keyboard(qtbot)
    with open_station(data_dir, create=True) as sdb:

        def wizard_by_keyboard() -> None:
            wizard = QApplication.activeModalWidget()
            if not isinstance(wizard, FirstRunWizard):
                QTimer.singleShot(20, wizard_by_keyboard)
                return
            try:
                wizard.activateWindow()  # (as a desktop does with a window that opens)
                keys.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
                drive(wizard)
            except BaseException as exc:  # (the wizard must not stay open: exec would hang)
                failures.append(exc)
                wizard.reject()

        def drive(wizard: FirstRunWizard) -> None:
            page = wizard.station_page
            keys.tab_to(page.code)
            keys.type("XM-SM-001")
            keys.tab_to(page.name)
            keys.type_chinese("嘉莲街道社工站")
            keys.key(Qt.Key.Key_Return)  # 下一步 (level and district: as offered)
            admin = wizard.admin_page
            assert wizard.currentPage() is admin
            keys.tab_to(admin.username)
            keys.type("chenjing")
            keys.tab_to(admin.display_name)
            keys.type_chinese("陈静")
            keys.tab_to(admin.password)
            keys.type(PASSWORD)
            keys.tab_to(admin.confirm)
            keys.type(PASSWORD)
            keys.key(Qt.Key.Key_Return)  # 完成 (the worker record: made, as offered)

        failures: list[BaseException] = []
        QTimer.singleShot(0, wizard_by_keyboard)
        window = sign_in(sdb)
        if failures:
            raise failures[0]
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: ops.running() == 0)
        wizard_keys = keys.count

        keys.tab_to(window.rail)
        while window.current_key() != "service_record":
            keys.key(Qt.Key.Key_Down)
            assert keys.count < 100
        keys.key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 新建
        page = window.pages["service_record"].detail  # type: ignore[attr-defined]
        form = page.form
        # The date (today), the worker (the admin's own record) and the station are
        # filled in; the three required lists take their first entry, the title is typed,
        # and the headcount stands for choosing participants.
        for key in ("kind", "category", "field"):
            keys.tab_to(form.editors[key].widget)
            keys.key(Qt.Key.Key_Down)
        keys.tab_to(form.editors["title"].widget)
        keys.type_chinese("入户探访")
        keys.tab_to(form.editors["headcount"].widget)
        keys.type("1")
        keys.key(Qt.Key.Key_Return)  # 保存

        record = ServiceRecord.get()
        assert record.title == "入户探访" and record.headcount == 1
        assert record.worker_id == Worker.get(Worker.uid == User.get().worker_uid).id
        assert window.statusBar().currentMessage() == "已保存"
        print(f"\nkeystrokes: {keys.count} ({wizard_keys} in the first-run wizard, "
              f"{keys.count - wizard_keys} for the record; {keys.text} of them typing text, "
              f"{keys.count - keys.text} moving, choosing and saving)")
        assert keys.count <= MEASURED
        qtbot.waitUntil(lambda: ops.running() == 0)
        window.sdb = None
        window.close()
