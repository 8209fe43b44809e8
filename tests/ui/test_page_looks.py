"""Issue 21, looks: words and layout of pages a station worker meets in the first hour."""

from __future__ import annotations

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
