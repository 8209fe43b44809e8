"""The 工作台's boxes at 1280×720: what a short box holds sits at its top."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from swdesk import demo
from swdesk.db import StationDatabase
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
