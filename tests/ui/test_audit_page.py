"""The 审计 page, driven as an administrator: filters, paging, and verifying the hash chain."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from swdesk.db import StationDatabase
from swdesk.model import AuditEntry, Client
from swdesk.services import accounts, audit_log, crud
from swdesk.services.actor import SYSTEM, Actor
from ui import ops
from ui.main_window import MainWindow
from ui.models.audit_table import PAGE, AuditTableModel
from ui.pages.audit_page import AuditPage
from ui.shell.context import AppContext

LI = Actor("lihua", "worker")


def _rail_keys(win: MainWindow) -> list[str]:
    return [str(win.rail.item(n).data(Qt.ItemDataRole.UserRole)) for n in range(win.rail.count())]


def _open(qtbot: QtBot, window: MainWindow) -> AuditPage:
    page = window.go("audit")
    assert isinstance(page, AuditPage)
    qtbot.waitUntil(page.isVisible)
    return page


def test_only_administrators_see_the_audit_page(qtbot: QtBot, sdb: StationDatabase,
                                                window: MainWindow) -> None:
    assert "audit" in _rail_keys(window)
    accounts.create_user("lihua", "李华", "Jialian#2024x", "worker", window.ctx.actor)
    worker = MainWindow(sdb, AppContext(accounts.authenticate("lihua", "Jialian#2024x"),
                                        sdb.data_dir, "李华"))
    qtbot.addWidget(worker)
    assert "audit" not in _rail_keys(worker) and "settings" in _rail_keys(worker)
    worker.sdb = None


def test_filters_match_the_database(qtbot: QtBot, window: MainWindow) -> None:
    for i in range(4):
        crud.create(Client, {"name": f"客户{i}"}, LI)
    page = _open(qtbot, window)
    table = page.table
    assert page.model.rowCount() == AuditEntry.select().count()
    assert f"共 {AuditEntry.select().count()} 条" == page.count_label.text()
    newest = page.model.index(0, 2).data()
    assert newest == "新建" and page.model.index(0, 1).data() == "lihua"
    assert page.model.index(0, 3).data() == "服务对象"

    page.user_combo.setCurrentIndex(page.user_combo.findData("lihua"))
    assert page.model.rowCount() == 4 == AuditEntry.select().where(
        AuditEntry.actor == "lihua").count()
    page.user_combo.setCurrentIndex(0)
    page.action_combo.setCurrentIndex(page.action_combo.findText("登录"))
    # (the account's display name, not its user name)
    assert page.model.rowCount() == 1 and page.model.index(0, 1).data() == "王站长"
    page.action_combo.setCurrentIndex(0)

    AuditEntry.update(at=dt.datetime(2026, 1, 15, 9, 0)).where(
        AuditEntry.actor == "lihua").execute()
    qtbot.mouseClick(page.date_check, Qt.MouseButton.LeftButton)
    assert page.since_edit.isEnabled()
    page.since_edit.setDate(QDate(2026, 1, 15))
    page.until_edit.setDate(QDate(2026, 1, 15))
    assert page.model.rowCount() == 4
    assert {page.model.index(r, 1).data() for r in range(4)} == {"lihua"}
    assert table.isVisible()


def test_pages_load_as_the_view_scrolls(qtbot: QtBot, window: MainWindow) -> None:
    for i in range(PAGE + 30):
        crud.create(Client, {"name": f"客户{i}"}, LI)
    page = _open(qtbot, window)
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    total = AuditEntry.select().count()
    assert page.model.rowCount() == PAGE and page.model.canFetchMore(page.model.index(-1, -1))
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == total)
    ids = [page.model.index(r, 0).data(AuditTableModel.ID_ROLE) for r in range(total)]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == total


def test_the_model_passes_the_model_tester(qtmodeltester, sdb: StationDatabase) -> None:
    for i in range(PAGE + 5):
        crud.create(Client, {"name": f"客户{i}"}, LI)
    model = AuditTableModel()
    model.set_broken([1])
    qtmodeltester.check(model)


def _verify(qtbot: QtBot, page: AuditPage) -> str:
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.task is None and ops.running() == 0, timeout=20000)
    label = page.findChild(QLabel, "auditResult")
    assert label is not None and label.isVisible()
    return label.text()


def test_verify_says_intact_then_finds_an_altered_entry(qtbot: QtBot, sdb: StationDatabase,
                                                         window: MainWindow) -> None:
    for i in range(3):
        crud.create(Client, {"name": f"客户{i}"}, SYSTEM)
    page = _open(qtbot, window)
    button = page.findChild(QPushButton, "auditVerify")
    assert button is page.verify_button and button.text() == "校验审计链"
    text = _verify(qtbot, page)
    assert "审计链完好" in text and str(AuditEntry.select().count()) in text
    assert page.last_report is not None and page.last_report.intact

    victim = AuditEntry.select().where(AuditEntry.action == "create").order_by(
        AuditEntry.id).first()
    sdb.db.execute_sql("UPDATE audit_entry SET actor = 'nobody' WHERE id = ?", (victim.id,))
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    text = _verify(qtbot, page)
    assert "审计链不完整" in text and f"第 {victim.id} 条" in text
    assert audit_log.verify().broken == [victim.id]
    row = page.model.row_of(victim.id)
    assert page.model.index(row, 1).data() == "nobody"
    assert page.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert page.model.index(row - 1, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_entries_read_with_names_numbers_and_chinese_details(
        qtbot: QtBot, window: MainWindow) -> None:
    """Issue 21: the page showed "admin", uids and "role=head"."""
    accounts.create_user("lihua", "李华", "Jialian#2024x", "head", window.ctx.actor)
    client = crud.create(Client, {"name": "陈阿婆"}, LI)
    crud.update(Client, client, {"phone": "13800138000"}, window.ctx.actor)
    page = _open(qtbot, window)
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    rows = [[page.model.index(r, c).data() for c in range(6)]
            for r in range(page.model.rowCount())]
    update, _create, new_user = rows[0], rows[1], rows[2]
    assert update[1:] == ["王站长", "修改", "服务对象", "陈阿婆", "字段：联系电话"]
    assert page.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole).endswith(client.uid)
    assert new_user[1:] == ["王站长", "新增用户", "用户", "李华", "角色：站长"]
    assert page.user_combo.findText("王站长") > 0 and page.user_combo.findText("admin") < 0
