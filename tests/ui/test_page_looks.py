"""Issue 21, looks: words and layout of pages a station worker meets in the first hour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.pages.record_page import RecordPage
from ui.pages.section import EntitySection


def _section(window: MainWindow, key: str) -> EntitySection:
    page = window.go(key)
    assert isinstance(page, EntitySection)
    return page


def test_people_are_named_by_name_not_title(qtbot: QtBot, window: MainWindow) -> None:
    """The record page's people tables were headed 名称 (a thing's name) for persons."""
    records = _section(window, "service_record")
    records.new()
    page = records.detail
    assert isinstance(page, RecordPage)

    def heading(table: object) -> str:
        return str(table.table.horizontalHeaderItem(0).text())  # type: ignore[attr-defined]

    assert heading(page.participants) == "姓名"
    assert heading(page.volunteers) == "姓名"
    assert heading(page.partners) == "名称"  # partners are organisations
    assert page.volunteers.picker.placeholderText() == "输入姓名查找"
    assert page.partners.picker.placeholderText() == "输入名称查找"


def test_every_page_leaves_by_the_same_word_and_key(qtbot: QtBot, window: MainWindow) -> None:
    """Some pages said 返回（Esc）, others 取消（Esc）; on the record page Esc did nothing
    unless the cursor was in the form."""
    from swdesk.model import Case, Client
    from swdesk.services import crud
    from swdesk.services.actor import SYSTEM

    client = crud.create(Client, {"name": "陈阿婆"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": "2025-03-01",
                              "stage": "intake", "problem": "独居"}, SYSTEM)
    opened = {"client": client.id, "case": case.id, "service_record": None, "volunteer": None,
              "project": None}
    for key, row_id in opened.items():
        section = _section(window, key)
        if row_id is None:
            section.new()
        else:
            section.open(row_id)
        page = section.detail
        assert page is not None
        buttons = [b for b in page.findChildren(QPushButton) if "Esc" in b.text()]
        assert [b.text() for b in buttons] == ["返回（Esc）"], key
    records = _section(window, "service_record")
    records.new()
    page = records.detail
    assert isinstance(page, RecordPage)
    page.volunteers.picker.setFocus()
    qtbot.keyClick(page.volunteers.picker, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: records.detail is None)  # nothing typed: back to the list at once


def test_the_worker_page_shows_its_title_above_its_tabs(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    """The 社工 page began with its two tabs, and the list's title came under them."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLabel

    from ui.pages.workers import WorkersPage

    page = window.go("worker")
    assert isinstance(page, WorkersPage)
    qtbot.waitUntil(page.isVisible)
    title_y = page.title_label.mapTo(page, QPoint(0, 0)).y()
    tabs_y = page.tabs.tabBar().mapTo(page, QPoint(0, 0)).y()
    assert page.title_label.text() == "社工" and title_y < tabs_y
    assert page.title_label.height() <= tabs_y - title_y
    inner = [label for label in page.tabs.currentWidget().findChildren(QLabel)
             if label.property("role") == "pageTitle" and label.isVisible()]
    assert inner and all(label.font().pointSizeF() < page.title_label.font().pointSizeF()
                         for label in inner)  # a section's title under the page's


def test_the_client_form_has_no_strip_of_another_colour_beside_it(
        qtbot: QtBot, window: MainWindow) -> None:
    """The form is at most 980 pixels wide; to its right the scroll area's own white
    showed as a strip down the page, beside the form's grey."""
    from swdesk.model import Client
    from swdesk.services import crud
    from swdesk.services.actor import SYSTEM

    window.resize(1366, 820)
    client = crud.create(Client, {"name": "陈阿婆"}, SYSTEM)
    clients = _section(window, "client")
    clients.open(client.id)
    page = clients.detail
    area = page.tabs.currentWidget()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: area.width() > 1100)
    shot = area.grab().toImage()
    beside_form = shot.pixelColor(shot.width() - 30, shot.height() - 30)
    under_labels = shot.pixelColor(4, shot.height() - 30)
    assert beside_form == under_labels, (beside_form.name(), under_labels.name())
