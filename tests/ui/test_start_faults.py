"""The window's start-up dialogs: each fault its own words and remedy (issue 18, 1-3)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from swdesk import paths
from swdesk.db import open_station
from swdesk.db.schema import latest_version
from swdesk.model import Client
from swdesk.services import backups, crud, station, this_station
from swdesk.services.actor import SYSTEM
from ui.app import database_is_usable

MORNING = dt.datetime(2026, 3, 2, 8, 30, 0)


def _station(data_dir: Path) -> Path:
    with open_station(data_dir, create=True) as sdb:
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        crud.create(Client, {"name": "王芳"}, SYSTEM)
        made = backups.auto_backup(sdb, "start", MORNING)
    assert made.path is not None
    return made.path


class Answer:
    """Click ``button`` on the next message box; remember its text and buttons.

    A box without that button is closed anyway (so a wrong dialog fails the test instead
    of waiting for ever), and the watch stops after 5 s when no box opens.
    """

    def __init__(self, button: str, before: Callable[[], object] | None = None) -> None:
        self.text = ""
        self.buttons: list[str] = []
        self._button, self._before, self._tries = button, before, 250
        QTimer.singleShot(0, self._watch)

    def _watch(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            self._tries -= 1
            if self._tries > 0:
                QTimer.singleShot(20, self._watch)
            return
        self.text = box.text()
        self.buttons = [b.text() for b in box.buttons()]
        if self._before is not None:
            self._before()
        wanted = [b for b in box.buttons() if b.text() == self._button or len(box.buttons()) == 1]
        (wanted or box.buttons())[-1].click()


def test_full_disk_offers_to_retry_never_a_restore(qtbot: QtBot, small_disk: Path) -> None:
    from smalldisk import fill_disk

    data_dir = small_disk / "data"
    _station(data_dir)
    before = paths.db_path(data_dir).read_bytes()
    filler = fill_disk(small_disk)
    answer = Answer("退出")
    assert not database_is_usable(data_dir)
    assert "磁盘空间不足" in answer.text and "至少需要" in answer.text
    assert answer.buttons == ["重试", "退出"]  # no restore on offer
    assert paths.db_path(data_dir).read_bytes() == before

    answer = Answer("重试", before=filler.unlink)  # space freed, then 重试
    assert database_is_usable(data_dir)
    with open_station(data_dir):
        assert this_station.current_station() is not None and Client.select().count() == 1


def test_newer_version_says_install_it_and_offers_no_backup(qtbot: QtBot,
                                                            data_dir: Path) -> None:
    _station(data_dir)
    live = paths.db_path(data_dir)
    con = sqlite3.connect(live)
    con.execute(f"PRAGMA user_version = {latest_version() + 1}")
    con.close()
    before = live.read_bytes()
    answer = Answer("OK")
    assert not database_is_usable(data_dir)
    assert "更新版本的 swdesk" in answer.text and len(answer.buttons) == 1
    assert live.read_bytes() == before


def test_empty_database_offers_the_backup_not_the_wizard(qtbot: QtBot,
                                                         data_dir: Path) -> None:
    saved = _station(data_dir)
    paths.db_path(data_dir).write_bytes(b"")
    answer = Answer("恢复此备份")
    assert database_is_usable(data_dir)
    assert "空的或不存在" in answer.text and saved.name in answer.text
    with open_station(data_dir):
        assert this_station.current_station() is not None and Client.select().count() == 1


def test_damaged_database_restores_the_newest_healthy_backup(qtbot: QtBot,
                                                             data_dir: Path) -> None:
    _station(data_dir)
    live = paths.db_path(data_dir)
    with open(live, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xde\xad\xbe\xef" * ((live.stat().st_size - 4096) // 4))
    answer = Answer("恢复此备份")
    assert database_is_usable(data_dir)
    assert "数据库已损坏" in answer.text
    assert list(paths.backups_dir(data_dir).glob("damaged-*/swdesk.db"))
    with open_station(data_dir):
        assert Client.select().count() == 1


def test_a_data_dir_on_a_share_is_refused_never_called_damaged(
        qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    from swdesk.db import location

    _station(data_dir)
    live = paths.db_path(data_dir)
    before = live.read_bytes()
    mounts = tmp_path / "mounts"  # /proc/mounts as where the data dir is an office share
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//nas/s {data_dir.resolve()} cifs rw 0 0\n")
    monkeypatch.setattr(location, "MOUNTS_FILE", mounts)
    answer = Answer("OK")
    assert not database_is_usable(data_dir)
    assert "本机硬盘" in answer.text and "已损坏" not in answer.text
    assert len(answer.buttons) == 1  # no restore on offer
    assert live.read_bytes() == before
    assert not [p for p in (data_dir / "backups").iterdir() if p.name.startswith("damaged")]
