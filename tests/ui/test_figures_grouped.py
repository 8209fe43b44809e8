"""Issue 21, looks: the 工作台 and the status bar show big figures as 1,949, not 1949."""

from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from swdesk import demo
from swdesk.db import StationDatabase
from swdesk.services import overview
from ui import ops
from ui.main_window import MainWindow
from ui.pages.dashboard import DashboardPage
from ui.shell.context import AppContext


def test_big_figures_have_thousands_separators(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> None:
    demo.generate(1100, 0, seed=1)  # more than a thousand changes waiting for the city
    pending = overview.station_overview().pending_changes
    assert pending >= 1000
    shown = f"{pending:,}"
    window = MainWindow(sdb, admin)
    qtbot.addWidget(window)
    window.show()
    window.go("dashboard")
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: ops.running() == 0)
    qtbot.waitUntil(lambda: page.pending_card.value.text() == shown)
    assert window.pending_label.text() == f"待同步变更：{shown} 条"
    assert re.fullmatch(r"\d{1,3}(,\d{3})+", shown)
    window.sdb = None
