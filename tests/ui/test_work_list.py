"""待办 (issue 25): the work list page, the 工作台's block, the start reminder, the slip."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from swdesk import settings
from swdesk.db import StationDatabase
from swdesk.handle import StationHandle
from swdesk.model import (
    CaseLog,
    Client,
    ServiceParticipant,
    ServiceRecord,
    TaskDeferral,
    Volunteer,
    VolunteerHour,
    Worker,
)
from swdesk.services import accounts, coded_fields, crud, records, tasks, work_view
from swdesk.services.actor import SYSTEM
from tests.ui.conftest import PASSWORD
from ui import ops
from ui.main_window import MainWindow
from ui.models.work_table import OVERDUE
from ui.pages.dashboard import DashboardPage
from ui.pages.rota_dialogs import SlipDialog
from ui.pages.work_dialogs import CompleteDialog, PostponeDialog
from ui.pages.work_list_page import WorkListPage
from ui.shell.context import AppContext
from ui.shell.work_reminder import WorkReminder

MONDAY = dt.date(2026, 6, 1)  # the fixed clock: before the real one, records may be dated
LONG_AGO = dt.date(2026, 1, 5)


@dataclass
class Station:
    sdb: StationDatabase
    head: AppContext  # sees everyone's
    worker: AppContext  # 李明, sees his own
    lin: Client  # 林阿婆: 王红's, not visited since January: overdue
    chen: Client  # 陈阿公: 李明's, visited ten days ago: overdue 3 days
    volunteer: Volunteer


def _context(sdb: StationDatabase, username: str, name: str) -> AppContext:
    actor = accounts.authenticate(username, PASSWORD)
    return AppContext(actor, sdb.data_dir, name, station=StationHandle.of(sdb, actor))


def _visit(client: Client, on: dt.date) -> None:
    records.save_service_record(
        {"date": on, "kind": "individual", "category": "jinglao", "field": "welfare",
         "title": "探访", "care_visit": True}, [client.id], [], [], SYSTEM)


@pytest.fixture
def station(sdb: StationDatabase, monkeypatch: pytest.MonkeyPatch) -> Station:
    monkeypatch.setattr(work_view, "today", lambda: MONDAY)
    settings.VISIT_RULES_SINCE.set(LONG_AGO.isoformat())
    wang = crud.create(Worker, {"name": "王红"}, SYSTEM)
    li = crud.create(Worker, {"name": "李明"}, SYSTEM)
    accounts.create_user("admin", "管理员", PASSWORD, "admin", SYSTEM)
    accounts.create_user("wanghong", "王红", PASSWORD, "head", SYSTEM, int(wang.id))
    accounts.create_user("liming", "李明", PASSWORD, "worker", SYSTEM, int(li.id))
    volunteer = crud.create(Volunteer, {"name": "张志明", "active": True}, SYSTEM)
    lin = crud.create(Client, {
        "name": "林阿婆", "target_groups": "elderly_alone", "status": "active",
        "registered_on": LONG_AGO, "visitor_worker": wang.id,
        "visitor_volunteer": volunteer.id, "address": "嘉莲社区莲岳里12号楼301室"}, SYSTEM)
    chen = crud.create(Client, {
        "name": "陈阿公", "target_groups": "elderly_alone", "status": "active",
        "registered_on": LONG_AGO, "visitor_worker": li.id,
        "visitor_volunteer": volunteer.id}, SYSTEM)
    _visit(lin, LONG_AGO)
    _visit(chen, MONDAY - dt.timedelta(days=10))
    return Station(sdb, _context(sdb, "wanghong", "王红"), _context(sdb, "liming", "李明"),
                   lin, chen, volunteer)


def _page(qtbot: QtBot, ctx: AppContext) -> WorkListPage:
    page = WorkListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.view is not None)
    return page


def _row_of(page: WorkListPage, name: str) -> int:
    return next(n for n, row in enumerate(page.model.items) if row.client == name)


D = TypeVar("D", CompleteDialog, PostponeDialog)


def _row_dialog(qtbot: QtBot, station: Station, kind: type[D], name: str) -> D:
    """``kind`` (完成 or 推迟) for ``name``'s task on the head's 待办 page, shown."""
    page = _page(qtbot, station.head)
    dialog = kind(station.head.handle(), page.model.items[_row_of(page, name)], MONDAY, page)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _answer_dialog(qtbot: QtBot, answer: Callable[[QWidget], None]) -> None:
    """Answer the dialog the next action opens (exec blocks until it is answered)."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        answer(dialog)

    QTimer.singleShot(0, poll)


def test_the_list_shows_an_overdue_visit_in_red_with_its_days(
        qtbot: QtBot, station: Station) -> None:
    page = _page(qtbot, station.head)
    row = page.model.items[_row_of(page, "林阿婆")]
    assert row.section == "overdue" and row.kind == "探访"
    index = page.model.index(_row_of(page, "林阿婆"), 0)
    assert page.model.data(index) == f"逾期 {row.task.overdue_days} 天"
    assert page.model.data(index, Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    assert "王红" in page.model.data(page.model.index(_row_of(page, "林阿婆"), 4))
    assert page.counts.text().startswith("逾期 2 项")


def test_enter_enter_records_the_visit_and_the_row_leaves(
        qtbot: QtBot, station: Station) -> None:
    page = _page(qtbot, station.head)
    page.table.setFocus()
    page.table.selectRow(_row_of(page, "林阿婆"))
    seen: list[str] = []

    def press_enter(dialog: QWidget) -> None:
        assert isinstance(dialog, CompleteDialog)
        seen.append(dialog.content.toPlainText())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # the second keystroke

    _answer_dialog(qtbot, press_enter)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # the first
    assert seen == ["邻里守望探访"]
    assert all(row.client != "林阿婆" for row in page.model.items)  # gone at once
    qtbot.waitUntil(lambda: ops.running() == 0)
    # and after the reload: the next visit is a week on, no longer overdue
    assert [(row.section, row.task.due_on) for row in page.model.items
            if row.client == "林阿婆"] == [("this_week", MONDAY + dt.timedelta(days=7))]
    visits = (ServiceRecord.live().join(ServiceParticipant)
              .where((ServiceParticipant.client == station.lin.id)
                     & (ServiceRecord.date == MONDAY)))
    logs = CaseLog.live().where(CaseLog.date == MONDAY)
    assert [r.care_visit for r in visits] + [c.care_visit for c in logs] == [True]


def test_completing_with_the_content_cleared_says_so_and_writes_nothing(
        qtbot: QtBot, station: Station) -> None:
    dialog = _row_dialog(qtbot, station, CompleteDialog, "林阿婆")
    before = ServiceRecord.select().count() + CaseLog.select().count()
    dialog.content.clear()
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    assert dialog.field_errors["content"].isVisible()
    assert "请写下" in dialog.field_errors["content"].text()
    assert dialog.result() == 0
    assert ServiceRecord.select().count() + CaseLog.select().count() == before


def test_postponing_refuses_an_empty_reason_then_moves_the_task(
        qtbot: QtBot, station: Station) -> None:
    dialog = _row_dialog(qtbot, station, PostponeDialog, "陈阿公")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.field_errors["reason"].isVisible()
    assert "原因" in dialog.field_errors["reason"].text()
    assert TaskDeferral.select().count() == 0 and dialog.result() == 0
    dialog.reason.setText("对象住院")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.result() == 1
    deferral = TaskDeferral.get()
    assert (deferral.reason, deferral.deferred_to) == ("对象住院", MONDAY + dt.timedelta(1))


def test_a_worker_sees_only_their_own_and_the_head_may_filter(
        qtbot: QtBot, station: Station) -> None:
    mine = _page(qtbot, station.worker)
    assert [row.client for row in mine.model.items] == ["陈阿公"]
    assert mine.worker.isHidden()
    head = _page(qtbot, station.head)
    assert {row.client for row in head.model.items} == {"林阿婆", "陈阿公"}
    head.worker.setCurrentIndex(head.worker.findText("王红"))
    qtbot.waitUntil(lambda: [row.client for row in head.model.items] == ["林阿婆"])


def test_ctrl_o_opens_the_client(qtbot: QtBot, station: Station) -> None:
    opened: list[tuple[str, int]] = []
    station.head.open_row = lambda entity, row_id: opened.append((entity, row_id))
    page = _page(qtbot, station.head)
    page.table.selectRow(_row_of(page, "陈阿公"))
    page.open_current()
    assert opened == [("client", station.chen.id)]


def test_the_dashboard_block_counts_and_goes_to_the_page(
        qtbot: QtBot, station: Station) -> None:
    went: list[str] = []
    station.head.go = lambda key: went.append(key)
    page = DashboardPage(station.head)
    qtbot.addWidget(page)
    page.show()
    page.page_shown()  # (as the window does when it shows a page)
    block = page.today_work
    qtbot.waitUntil(lambda: block.view is not None and ops.running() == 0)
    assert block.isVisible()
    assert (block.overdue.text(), block.today.text()) == ("逾期 2 项", "今天 0 项")
    assert {row.client for row in block.view.first_overdue()} == {"林阿婆", "陈阿公"}
    qtbot.mouseClick(block.open_button, Qt.MouseButton.LeftButton)
    assert went == ["work_list"]


def test_the_start_computes_the_work_list_once_and_offers_communities_in_the_background(
        qtbot: QtBot, station: Station, monkeypatch: pytest.MonkeyPatch) -> None:
    crud.create(Client, {"name": "郑阿姨", "community": "前埔社区"}, SYSTEM)
    threads: dict[str, list[threading.Thread]] = {"work list": [], "communities": []}
    compute, offer = tasks.compute, coded_fields.offer_typed_communities

    def computed(*args: Any, **kwargs: Any) -> Any:
        threads["work list"].append(threading.current_thread())
        return compute(*args, **kwargs)

    def offered() -> int:
        threads["communities"].append(threading.current_thread())
        return offer()

    monkeypatch.setattr(tasks, "compute", computed)
    monkeypatch.setattr(coded_fields, "offer_typed_communities", offered)
    window = MainWindow(station.sdb, station.head)
    qtbot.addWidget(window)
    window.show()
    window.after_show()
    qtbot.waitUntil(lambda: window.reminder.isVisible())
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert window.reminder.text.text() == "有 2 项逾期待办"
    assert len(threads["work list"]) == 1  # once, for the 工作台's block and the reminder
    assert len(threads["communities"]) == 1
    gui = threading.main_thread()
    assert gui not in threads["work list"] + threads["communities"]
    assert "前埔社区" in [c.code for c in coded_fields.communities()]
    window.idle_lock.deleteLater()
    window.sdb = None


def test_the_reminder_shows_once_a_day_when_something_is_overdue(
        qtbot: QtBot, station: Station) -> None:
    window = MainWindow(station.sdb, station.head)
    qtbot.addWidget(window)
    window.show()
    window.after_show()
    qtbot.waitUntil(lambda: window.reminder.isVisible())
    assert window.reminder.text.text() == "有 2 项逾期待办"
    assert QApplication.activeModalWidget() is None  # nothing to click away
    qtbot.mouseClick(window.reminder.open_button, Qt.MouseButton.LeftButton)
    assert window.current_key() == "work_list" and not window.reminder.isVisible()
    again = WorkReminder(lambda: None)  # a second sign-in the same day: not told again
    qtbot.addWidget(again)
    again.check(station.head.handle())
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert again.isHidden()
    window.idle_lock.deleteLater()
    window.sdb = None


def test_no_reminder_when_nothing_is_overdue(qtbot: QtBot, station: Station) -> None:
    _visit(station.lin, MONDAY)
    _visit(station.chen, MONDAY)
    reminder = WorkReminder(lambda: None)
    qtbot.addWidget(reminder)
    reminder.check(station.head.handle())
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert reminder.isHidden()


def test_the_slip_checklist_saves_the_ticked_rows(qtbot: QtBot, station: Station) -> None:
    dialog = SlipDialog(station.head.handle(), MONDAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.volunteer.set_value(int(station.volunteer.id))
    dialog.load()
    qtbot.waitUntil(lambda: len(dialog.ticked()) == 0 and dialog.rows.count() == 2)
    names = [dialog.rows.item(n).text() for n in range(2)]
    first = next(n for n, text in enumerate(names) if "林阿婆" in text)
    dialog.rows.setCurrentRow(first)
    qtbot.keyClick(dialog.rows, Qt.Key.Key_Space)
    assert [row.client_name for row in dialog.ticked()] == ["林阿婆"]
    qtbot.keyClick(dialog.rows, Qt.Key.Key_Return)
    assert dialog.result() == 1
    written = (ServiceRecord.live().join(ServiceParticipant)
               .where(ServiceParticipant.client == station.lin.id)
               .order_by(ServiceRecord.id.desc()).first())
    assert written.care_visit and VolunteerHour.get(
        VolunteerHour.record == written.id).volunteer_id == station.volunteer.id
    assert (ServiceRecord.live().join(ServiceParticipant)
            .where(ServiceParticipant.client == station.chen.id).count()) == 1  # unticked


def test_every_rail_page_is_in_sight_on_a_small_laptop(
        qtbot: QtBot, station: Station) -> None:
    from ui.widgets.screen_fit import SMALL_SCREEN_ROOM

    admin = _context(station.sdb, "admin", "管理员")  # the most pages: 审计 too
    window = MainWindow(station.sdb, admin)
    qtbot.addWidget(window)
    window.resize(SMALL_SCREEN_ROOM)
    window.show()
    qtbot.waitUntil(lambda: window.rail.verticalScrollBar().maximum() == 0)
    last = window.rail.item(window.rail.count() - 1)
    assert window.rail.visualItemRect(last).bottom() <= window.rail.viewport().height()
    window.sdb = None


def test_the_client_form_takes_the_visit_fields(qtbot: QtBot, station: Station) -> None:
    from ui.pages.client_page import ClientPage

    page = ClientPage(station.head, int(station.chen.id))
    qtbot.addWidget(page)
    page.show()
    editors = page.form.editors
    every = editors["visit_every_days"].widget
    assert every.placeholderText() == "留空：按人员类别的探访规则"
    assert every.maximumWidth() < 400  # a short box for a number of days
    every.setText("10")
    picker = editors["visitor_volunteer"].widget
    assert picker.text().startswith("张志明")  # the volunteer chosen before
    picker.setFocus()
    picker.clear()
    typed = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "志明")
    QApplication.sendEvent(picker, typed)  # (as an input method hands Chinese over)
    with qtbot.waitSignal(picker.picked):
        qtbot.keyClick(picker, Qt.Key.Key_Return)
    editors["languages"].widget.boxes["minnan"].setChecked(True)
    assert page.form.save() is not None
    saved = Client.get_by_id(station.chen.id)
    assert (saved.visit_every_days, saved.visitor_volunteer_id) == (10, station.volunteer.id)
    assert "minnan" in (saved.languages or "")


def test_the_rota_is_printed_for_the_week_and_volunteer_chosen(
        qtbot: QtBot, station: Station, monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2

    import ui.printing
    from ui.pages.rota_dialogs import RotaPrintDialog

    texts: list[str] = []

    def preview(pdf: object, _parent: object, _title: str, on_closed: Callable[[], None]
                ) -> None:
        document = pypdfium2.PdfDocument(str(pdf))
        texts.extend(page.get_textpage().get_text_range() for page in document)
        document.close()
        on_closed()

    monkeypatch.setattr(ui.printing, "preview_pdf", preview)
    dialog = RotaPrintDialog(station.head.handle(), MONDAY + dt.timedelta(days=5))
    qtbot.addWidget(dialog)
    assert dialog.week.date().toPython() == MONDAY + dt.timedelta(days=7)  # Saturday: next
    dialog.week.setDate(dialog.week.date().addDays(-7))
    dialog.volunteer.set_value(int(station.volunteer.id))
    dialog.print_it()
    assert dialog.task is not None
    qtbot.waitUntil(lambda: bool(texts), timeout=20_000)
    text = "".join(texts)
    assert "邻里守望探访排班表" in text and "张志明" in text
    assert "林阿*" in text and "林阿婆" not in text  # masked to what a volunteer may see
    assert "301室" not in text  # nor the door
