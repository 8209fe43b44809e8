"""The record, case and volunteer pages each have a print button for their paper."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from swdesk.model import Case, Client, Volunteer
from swdesk.services import crud, records
from swdesk.services.actor import SYSTEM
from ui.pages import case_page, form_page, record_page
from ui.shell.context import AppContext


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []
    monkeypatch.setattr(record_page, "print_record",
                        lambda rid, station, parent: seen.append(("record", rid)))
    monkeypatch.setattr(case_page, "print_case",
                        lambda cid, station, parent: seen.append(("case", cid)))
    monkeypatch.setattr(form_page, "print_volunteer_certificate",
                        lambda vid, year, station, parent: seen.append(("volunteer", vid)))
    return seen


def click_print(qtbot: QtBot, page: Any) -> None:
    qtbot.addWidget(page)
    button = page.findChild(QPushButton, "printButton")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_each_page_prints_its_own_row(qtbot: QtBot, admin: AppContext,
                                      calls: list[tuple[str, Any]]) -> None:
    client = crud.create(Client, {"name": "林阿婆"}, SYSTEM)
    record = records.save_service_record({"date": "2026-05-10", "kind": "individual",
                                          "category": "jinglao", "field": "welfare",
                                          "title": "上门探访"}, [client.id], [], [], SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": "2026-03-01", "stage": "intake",
                              "problem": "独居"}, SYSTEM)
    volunteer = crud.create(Volunteer, {"name": "志愿者甲"}, SYSTEM)
    click_print(qtbot, record_page.RecordPage(admin, record.id))
    click_print(qtbot, case_page.CasePage(admin, case.id))
    click_print(qtbot, form_page.FormPage(Volunteer, admin, volunteer))
    assert calls == [("record", record.id), ("case", case.id), ("volunteer", volunteer.id)]


def test_new_rows_have_nothing_to_print(qtbot: QtBot, admin: AppContext) -> None:
    page = record_page.RecordPage(admin, None)
    qtbot.addWidget(page)
    assert page.findChild(QPushButton, "printButton") is None

