"""The 工作台: what a short box holds sits at its top; the figures name their period."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from swdesk import demo
from swdesk.db import StationDatabase
from swdesk.numbers import grouped
from swdesk.services import contract_figures
from ui import ops
from ui.main_window import MainWindow
from ui.pages.dashboard import DashboardPage
from ui.shell.context import AppContext
from ui.widgets.bar_chart import BarChart


def test_training_chart_sits_at_the_top_of_its_box(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> None:
    """Seen in the 150 % screenshots: beside a long list of project indicators, the two
    workers' bars were centred in an empty box, far below its title."""
    demo.generate(60, 300, seed=1)
    window = MainWindow(sdb, admin)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.go("dashboard")
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: ops.running() == 0)

    def chart() -> BarChart:
        """The chart the box shows (one of an earlier load may await deletion)."""
        shown = [found for found in page.training_box.findChildren(BarChart)
                 if page.training_layout.indexOf(found) >= 0]
        assert len(shown) == 1
        return shown[0]

    qtbot.waitUntil(lambda: page.training_box.height() > chart().height() + 100)
    assert chart().geometry().top() < 60
    window.sdb = None


def test_the_dashboard_names_its_month_and_each_projects_year(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> None:
    """The figures say which period they are of, each card's tool tip its rule, and a
    project's indicators the execution year they are counted over."""
    demo.generate(60, 300, seed=1)
    window = MainWindow(sdb, admin)
    qtbot.addWidget(window)
    window.show()
    window.go("dashboard")
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.board is not None and ops.running() == 0)
    today = dt.date.today()
    assert page.period.text() == f"本月（{today.year}年{today.month}月）"
    board = page.board
    assert board is not None
    for key, card in page.figure_cards.items():
        assert card.value.text() == grouped(board.figures[key])
        assert card.toolTip() == contract_figures.figure(key).rule
    shown = {label.text() for label in page.indicator_box.findChildren(QLabel)}
    for project in board.indicators:
        assert project.period_text in shown
        assert project.period_text.startswith(f"第{project.year.number}执行年度（")
    window.sdb = None
