"""Issue 21: an empty 工作台 shows the first steps, not zeros and "all workers reached 80"."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from swdesk.model import Client, Worker
from swdesk.services import crud, records
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.main_window import MainWindow
from ui.pages.dashboard import DashboardPage
from ui.widgets.bar_chart import BarChart

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def shown_texts(page: DashboardPage) -> str:
    return " ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())


def test_an_empty_station_sees_its_first_steps(qtbot: QtBot, window: MainWindow) -> None:
    page = window.go("dashboard")
    assert isinstance(page, DashboardPage)
    assert page.steps_box.isVisible()
    buttons = {b.objectName(): b for b in page.steps_box.findChildren(QPushButton)}
    assert set(buttons) == {"step_workers", "step_accounts", "step_project", "step_import",
                            "step_enrol"}
    texts = shown_texts(page)
    assert "添加本站的社工" in texts and "登记本站" in texts
    assert "80 学时" not in texts  # no claim about workers there are none of
    assert not page.services_card.isVisible()  # no row of zeros
    qtbot.mouseClick(buttons["step_workers"], Qt.MouseButton.LeftButton)
    assert window.current_key() == "worker"
    qtbot.mouseClick(window.go("dashboard").steps_box.findChild(  # type: ignore[attr-defined]
        QPushButton, "step_enrol"), Qt.MouseButton.LeftButton)
    assert window.current_key() == "sync"


def test_steps_are_ticked_and_the_figures_come_with_data(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    crud.create(Worker, {"name": "李华"}, SYSTEM)
    crud.create(Client, {"name": "陈阿婆"}, SYSTEM)
    page = window.go("dashboard")
    assert isinstance(page, DashboardPage)
    page.load()
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=20000)
    ticks = [label.text() for label in page.steps_box.findChildren(QLabel)
             if label.text() in ("✓", "○")]
    assert ticks == ["✓", "○", "○", "✓", "○"]
    assert page.services_card.isVisible()
    texts = shown_texts(page)  # one worker, with no training yet: charted, not praised
    assert page.training_box.findChild(BarChart) is not None
    assert "均已达到" not in texts and "还没有在岗社工" not in texts


def test_a_station_at_work_sees_its_figures_not_the_first_steps(qtbot: QtBot,
                                                                window: MainWindow) -> None:
    records.save_service_record({"date": dt.date.today(), "kind": "individual",
                                 "category": "jinglao", "field": "welfare", "title": "探访",
                                 "headcount": 1},
                                [], [], [], SYSTEM)
    page = window.go("dashboard")
    assert isinstance(page, DashboardPage)
    page.load()
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=20000)
    assert not page.steps_box.isVisible() and page.services_card.isVisible()
    assert page.services_card.value.text() == "1"
