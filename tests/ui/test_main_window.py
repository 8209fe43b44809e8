"""The window opens on a station database and on an empty data dir."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from swdesk.db import StationDatabase
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from ui.main_window import MainWindow


def test_window_shows_station_and_counts(qtbot: QtBot, sdb: StationDatabase) -> None:
    from swdesk.model import Client

    crud.create(Client, {"name": "张晓明"}, SYSTEM)
    window = MainWindow(sdb, sdb.data_dir)
    qtbot.addWidget(window)
    window.show()
    assert window.headline.text() == "嘉莲街道社工站"
    assert "服务对象 1 人" in window.details.text()


def test_window_without_station_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow.open(tmp_path)
    qtbot.addWidget(window)
    assert "swdesk init" in window.details.text()
