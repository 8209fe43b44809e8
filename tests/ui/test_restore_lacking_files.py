"""设置 › 数据备份: a restore whose backup folder lacks some attachments' files says which."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box

from swdesk.db import StationDatabase
from swdesk.db.backup_files import store_of
from swdesk.db.files import FileStore
from swdesk.model import Attachment, Client
from swdesk.services import backups, crud
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.main_window import MainWindow
from ui.pages.settings import SettingsPage


def test_the_restore_names_the_attachments_whose_files_are_missing(
        qtbot: QtBot, sdb: StationDatabase, window: MainWindow) -> None:
    client = crud.create(Client, {"name": "陈阿婆"}, SYSTEM)
    store = FileStore.of(sdb.data_dir)
    for caption in ("入户照片", "签字的同意书"):
        sha = store.put(f"{caption} 的内容".encode() * 100)
        crud.create(Attachment, {"caption": caption, "client": client.id}, SYSTEM,
                    derived={"sha256": sha, "size": 1, "media_type": "image/jpeg"})
    made = backups.auto_backup(sdb, "close", dt.datetime(2026, 3, 2, 17, 0, 0))
    assert made.path is not None and made.files.copied == 2
    lost = Attachment.get(Attachment.caption == "签字的同意书").sha256
    store_of(made.path.parent).path(lost).unlink()  # lost from the backup folder
    store.path(lost).unlink()  # and from the data dir

    page = window.go("settings")
    assert isinstance(page, SettingsPage) and page.backup_section is not None
    section = page.backup_section
    qtbot.waitUntil(lambda: section.isVisible() and section.model.rowCount() == 1)
    section.table.selectRow(0)
    answer_box(qtbot, "恢复")
    qtbot.mouseClick(section.restore_button, Qt.MouseButton.LeftButton)
    done = answer_box(qtbot, "OK")
    qtbot.waitUntil(lambda: bool(done) and ops.running() == 0, timeout=20000)
    assert "已从备份" in done[0] and "缺少以下 1 个附件的文件" in done[0]
    assert "陈阿婆" in done[0] and "签字的同意书" in done[0] and "入户照片" not in done[0]
