"""需求对接 in the window: the needs list with its 待对接 filter, a need's suggestions beside
its form, Enter matching it; the coded fields' check boxes on a volunteer's form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from swdesk.model import Client, Need, Volunteer
from swdesk.services import coded_fields, crud
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.forms.editors import ChoicesBox
from ui.main_window import MainWindow
from ui.pages.form_page import FormPage
from ui.pages.need_page import NeedPage
from ui.pages.section import EntitySection

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def _needs(window: MainWindow) -> tuple[Need, Need, Volunteer]:
    coded_fields.add_community("前埔社区")
    client = crud.create(Client, {"name": "陈阿婆", "community": "前埔社区",
                                  "languages": "闽南话"}, SYSTEM)
    local = crud.create(Volunteer, {"name": "林秀琴", "community": "前埔社区",
                                    "languages": "闽南话"}, SYSTEM)
    crud.create(Volunteer, {"name": "张志明", "skill_codes": "escort"}, SYSTEM)
    waiting = crud.create(Need, {"client": client.id, "category": "jinglao", "skill": "escort",
                                 "description": "陪同复查", "status": "open",
                                 "raised_on": "2026-11-20"}, SYSTEM)
    met = crud.create(Need, {"client": client.id, "category": "jinglao", "description": "理发",
                             "status": "closed", "raised_on": "2026-10-20"}, SYSTEM)
    return waiting, met, local


def test_enter_on_a_suggestion_matches_the_need(qtbot: QtBot, window: MainWindow) -> None:
    waiting, met, local = _needs(window)
    section = window.go("need")
    assert isinstance(section, EntitySection)
    view = section.list_page.view
    qtbot.waitUntil(lambda: view.model().rowCount() == 2)
    status = section.list_page.findChild(QComboBox, "filter_status")
    assert status is not None
    status.setCurrentIndex(status.findText("待对接"))
    qtbot.waitUntil(lambda: view.model().rowCount() == 1)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    page = section.detail
    assert isinstance(page, NeedPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert page.table.item(0, 2).text() == "林秀琴"
    assert "会说闽南话" in page.table.item(0, 3).text()
    assert page.table.item(1, 2).text() == "张志明"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    stored = Need.get_by_id(waiting.id)
    assert (stored.status, stored.volunteer_id) == ("matched", local.id)
    assert not page.form.is_dirty()  # the form shows it as stored
    assert Need.get_by_id(met.id).status == "closed"
    qtbot.waitUntil(lambda: ops.running() == 0)


def test_a_volunteers_coded_fields_are_check_boxes(qtbot: QtBot, window: MainWindow) -> None:
    coded_fields.add_community("前埔社区")
    coded_fields.add_community("莲花社区")
    vol = crud.create(Volunteer, {"name": "林秀琴", "service_areas": "莲花社区",
                                  "languages": "闽南话"}, SYSTEM)
    coded_fields.hide_community("莲花社区")
    window.open_row("volunteer", vol.id)
    section = window.go("volunteer")
    assert isinstance(section, EntitySection)
    page = section.detail
    assert isinstance(page, FormPage)
    areas = page.form.editors["service_areas"].widget
    assert isinstance(areas, ChoicesBox)
    assert [b.text() for b in areas.boxes.values()] == ["前埔社区", "莲花社区"]  # hidden, kept
    assert areas.codes() == ["莲花社区"]
    areas.boxes["前埔社区"].setChecked(True)
    languages = page.form.editors["languages"].widget
    assert isinstance(languages, ChoicesBox) and languages.codes() == ["minnan"]
    assert page.form.save() is not None
    assert Volunteer.get_by_id(vol.id).service_areas == ",前埔社区,莲花社区,"
    qtbot.waitUntil(lambda: ops.running() == 0)
