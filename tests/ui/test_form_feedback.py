"""Issue 21, forms: errors go once the value is right, a red frame, no future dates on offer,
a save that says so, Enter that saves only from one-line fields. Driven as a user would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import ime_type

from swdesk.model import Client, Project, ServiceRecord
from swdesk.validation import resident_id_check_digit
from ui.main_window import MainWindow
from ui.pages.client_page import ClientPage
from ui.pages.form_page import FormPage
from ui.pages.record_page import RecordPage
from ui.pages.section import EntitySection

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

FIRST17 = "35020319500315001"
GOOD_ID = FIRST17 + resident_id_check_digit(FIRST17)
BAD_ID = FIRST17 + ("1" if GOOD_ID[-1] != "1" else "2")


def new_page(window: MainWindow, key: str) -> QWidget:
    section = window.go(key)
    assert isinstance(section, EntitySection)
    section.new()
    assert section.detail is not None
    return section.detail


def editor(page: QWidget, key: str) -> QWidget:
    return page.form.editors[key].widget  # type: ignore[attr-defined, no-any-return]


def in_error(page: QWidget, key: str) -> bool:
    """The message under the field is shown and the field is framed as in error."""
    label = page.form.errors[key]  # type: ignore[attr-defined]
    shown = label.isVisible()
    assert shown == bool(editor(page, key).property("fieldError")), "message and frame differ"
    return bool(shown)


def type_date(qtbot: QtBot, box: QDateEdit, digits: str) -> None:
    """Tab into the date box and type the date's digits (yyyyMMdd), as one does."""
    box.clearFocus()  # (coming back to it)
    box.setFocus(Qt.FocusReason.TabFocusReason)  # Tab selects the year, ready to type over
    qtbot.keyClicks(box, digits)


def test_a_wrong_id_number_is_framed_and_the_error_goes_once_corrected(
        qtbot: QtBot, window: MainWindow) -> None:
    page = new_page(window, "client")
    assert isinstance(page, ClientPage)
    ime_type(editor(page, "name"), "陈阿婆")
    id_box = editor(page, "id_number")
    assert isinstance(id_box, QLineEdit)
    qtbot.keyClicks(id_box, BAD_ID)
    qtbot.keyClick(id_box, Qt.Key.Key_Return)
    assert in_error(page, "id_number") and "身份证号" in page.form.errors["id_number"].text()
    qtbot.keyClick(id_box, Qt.Key.Key_Backspace)
    assert in_error(page, "id_number")  # 17 digits: still wrong, still said
    qtbot.keyClicks(id_box, GOOD_ID[-1])
    assert not in_error(page, "id_number")  # right now: gone before any save
    assert Client.select().count() == 0


def test_a_wrong_phone_error_goes_once_corrected(qtbot: QtBot, window: MainWindow) -> None:
    page = new_page(window, "client")
    assert isinstance(page, ClientPage)
    ime_type(editor(page, "name"), "陈阿婆")
    phone = editor(page, "phone")
    assert isinstance(phone, QLineEdit)
    qtbot.keyClicks(phone, "1380013800")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert in_error(page, "phone")
    qtbot.keyClicks(phone, "0")
    assert not in_error(page, "phone")
    assert not in_error(page, "name")


def test_a_date_error_goes_once_corrected(qtbot: QtBot, window: MainWindow) -> None:
    page = new_page(window, "project")
    assert isinstance(page, FormPage)
    ime_type(editor(page, "name"), "长者关爱项目")
    ime_type(editor(page, "purchaser"), "思明区民政局")
    qtbot.keyClicks(editor(page, "budget"), "300000")
    start, end = editor(page, "start_on"), editor(page, "end_on")
    assert isinstance(start, QDateEdit) and isinstance(end, QDateEdit)
    type_date(qtbot, start, "20250301")
    type_date(qtbot, end, "20240301")
    assert end.date() == QDate(2024, 3, 1)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert in_error(page, "end_on") and "早于" in page.form.errors["end_on"].text()
    type_date(qtbot, end, "20241231")
    assert in_error(page, "end_on")  # still before the start
    type_date(qtbot, end, "20261231")
    assert not in_error(page, "end_on")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert Project.get().end_on == dt.date(2026, 12, 31)


def test_a_date_that_may_not_be_in_the_future_stops_at_today(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    page = new_page(window, "service_record")
    assert isinstance(page, RecordPage)
    date = editor(page, "date")
    assert isinstance(date, QDateEdit)
    today = QDate.currentDate()
    assert date.maximumDate() == today  # the calendar offers nothing later either
    type_date(qtbot, date, today.addYears(1).toString("yyyyMMdd"))
    assert date.date() <= today
    # A contract's end may well be in the future: that editor is not limited.
    project = new_page(window, "project")
    assert editor(project, "end_on").maximumDate() > today.addYears(2)  # type: ignore[attr-defined]


def test_a_save_says_so_without_a_box(qtbot: QtBot, window: MainWindow) -> None:
    page = new_page(window, "client")
    assert isinstance(page, ClientPage)
    ime_type(editor(page, "name"), "陈阿婆")
    qtbot.keyClick(editor(page, "name"), Qt.Key.Key_Return)
    assert Client.get().name == "陈阿婆"
    assert window.statusBar().currentMessage() == "已保存"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=6000)


def test_enter_in_a_multi_line_field_adds_a_line_and_saves_nothing(
        qtbot: QtBot, window: MainWindow) -> None:
    page = new_page(window, "service_record")
    assert isinstance(page, RecordPage)
    ime_type(editor(page, "title"), "入户探访")
    content = editor(page, "content")
    assert isinstance(content, QPlainTextEdit)
    content.setFocus()
    qtbot.keyClicks(content, "first")
    qtbot.keyClick(content, Qt.Key.Key_Return)
    qtbot.keyClick(content, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClicks(content, "second")
    assert content.toPlainText() == "first\n\nsecond"
    assert ServiceRecord.select().count() == 0
    assert not in_error(page, "kind")  # no save was even tried


def test_tab_leaves_a_date_field_in_one_key(qtbot: QtBot, window: MainWindow) -> None:
    """Tab goes on to the next field from a date as from any other field (it used to step
    through year, month and day first: three keys to leave a date)."""
    page = new_page(window, "service_record")
    assert isinstance(page, RecordPage)
    date = editor(page, "date")
    date.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor(page, "kind")
    type_date(qtbot, date, "20240102")  # typed digits still move on by themselves
    assert date.date() == QDate(2024, 1, 2)  # type: ignore[attr-defined]
