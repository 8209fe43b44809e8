"""A station worker's day, driven through the real widgets and checked in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box, ime_type

from swdesk.model import Case, CaseLog, Client, ServiceParticipant, ServiceRecord, VolunteerHour
from swdesk.services import crud, drafts
from swdesk.services.actor import SYSTEM
from swdesk.validation import resident_id_check_digit
from ui import ops
from ui.main_window import MainWindow
from ui.pages.case_page import CasePage
from ui.pages.client_page import ClientPage
from ui.pages.record_page import RecordPage
from ui.pages.section import EntitySection
from ui.reports.report_page import KIND_ROLE, ReportPage
from ui.widgets.link_picker import LinkPicker

# The pickers' popups make the offscreen platform (no window system) say it cannot
# raise windows or grab the keyboard; that is the test platform, not the program.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

BAD_ID = "350203195003150011"  # the check digit should be 8 … anything but 1 here


def valid_id(first17: str = "35020319500315001") -> str:
    return first17 + resident_id_check_digit(first17)


def section(window: MainWindow, key: str) -> EntitySection:
    page = window.go(key)
    assert isinstance(page, EntitySection)
    return page


def field(page: object, key: str) -> object:
    form = page.form  # type: ignore[attr-defined]
    return form.editors[key].widget


def test_create_client_invalid_then_valid_id(qtbot: QtBot, window: MainWindow) -> None:
    clients = section(window, "client")
    qtbot.keyClick(clients.list_page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = clients.detail
    assert isinstance(page, ClientPage)
    name = field(page, "name")
    id_box = field(page, "id_number")
    assert isinstance(name, QLineEdit) and isinstance(id_box, QLineEdit)
    ime_type(name, "陈阿婆")
    assert valid_id() != BAD_ID
    qtbot.keyClicks(id_box, BAD_ID)
    qtbot.keyClick(id_box, Qt.Key.Key_Return)
    error = page.form.errors["id_number"]
    assert error.isVisible() and "身份证号" in error.text()
    assert Client.live().count() == 0  # nothing was written

    id_box.clear()
    qtbot.keyClicks(id_box, valid_id())
    ime_type(field(page, "community"), "松柏社区")  # type: ignore[arg-type]
    field(page, "target_groups").boxes["elderly_alone"].setChecked(True)  # type: ignore[attr-defined]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    client = Client.get(Client.name == "陈阿婆")
    assert client.id_number == valid_id()
    assert client.birth_date == dt.date(1950, 3, 15) and client.sex == "M"
    assert client.target_groups == ",elderly_alone," and client.community == "松柏社区"
    assert clients.detail is None  # back on the list, which shows the new client
    qtbot.waitUntil(lambda: clients.list_page.model.rowCount() == 1)


def test_duplicate_warning_before_saving_a_new_client(qtbot: QtBot, window: MainWindow) -> None:
    crud.create(Client, {"name": "林秀英", "id_number": valid_id()}, SYSTEM)
    clients = section(window, "client")
    clients.new()
    page = clients.detail
    assert isinstance(page, ClientPage)
    ime_type(field(page, "name"), "林秀英")  # type: ignore[arg-type]
    qtbot.keyClicks(field(page, "id_number"), valid_id())  # type: ignore[arg-type]
    seen = answer_box(qtbot, "返回修改")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert seen and "林秀英" in seen[0]
    assert Client.live().count() == 1  # the worker went back: nothing saved
    assert clients.detail is page


def test_open_case_and_add_two_logs(qtbot: QtBot, window: MainWindow) -> None:
    client = crud.create(Client, {"name": "黄伯"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": dt.date.today(),
                              "stage": "intake", "problem": "独居，行动不便"}, SYSTEM)
    cases = section(window, "case")
    qtbot.waitUntil(lambda: cases.list_page.model.rowCount() == 1)
    index = cases.list_page.model.index(0, 0)
    cases.list_page.view.setCurrentIndex(index)
    qtbot.keyClick(cases.list_page.view, Qt.Key.Key_Return)
    page = cases.detail
    assert isinstance(page, CasePage)
    for text in ("入户了解居住情况", "电话跟进助行器申请"):
        ime_type(page.quick.content, text)
        qtbot.keyClicks(page.quick.minutes, "45")
        qtbot.keyClick(page.quick.content, Qt.Key.Key_Return)
    logs = list(CaseLog.live().where(CaseLog.case == case.id).order_by(CaseLog.id))
    assert [log.content for log in logs] == ["入户了解居住情况", "电话跟进助行器申请"]
    assert all(log.duration_min == 45 for log in logs)
    qtbot.waitUntil(lambda: page.logs.rowCount() == 2)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert Case.get_by_id(case.id).stage == "assessment"


def test_a_log_without_content_is_refused_inline(qtbot: QtBot, window: MainWindow) -> None:
    client = crud.create(Client, {"name": "黄伯"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": dt.date.today(),
                              "stage": "intake", "problem": "独居"}, SYSTEM)
    window.open_row("case", case.id)
    page = section(window, "case").detail
    assert isinstance(page, CasePage)
    qtbot.mouseClick(page.quick.add_button, Qt.MouseButton.LeftButton)
    assert page.log_error.isVisible()
    assert CaseLog.select().count() == 0


def test_close_a_case_with_summary(qtbot: QtBot, window: MainWindow) -> None:
    client = crud.create(Client, {"name": "黄伯"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": dt.date.today(),
                              "stage": "evaluation", "problem": "独居"}, SYSTEM)
    window.open_row("case", case.id)
    page = section(window, "case").detail
    assert isinstance(page, CasePage)
    qtbot.mouseClick(page.closing_button, Qt.MouseButton.LeftButton)  # 结案…
    box = page.closure_box
    box.reason.widget.setCurrentIndex(box.reason.widget.findData("client_request"))
    box.satisfaction.widget.setCurrentIndex(box.satisfaction.widget.findData("4"))
    ime_type(page.summary, "目标达成，转入日常探访")
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    closed = Case.get_by_id(case.id)
    assert closed.stage == "closed" and closed.closure_summary == "目标达成，转入日常探访"
    assert closed.closed_on == dt.date.today()


def pick(qtbot: QtBot, picker: LinkPicker, text: str) -> None:
    """Type, then Enter at once: the picker takes the first hit when its search is done."""
    picker.setFocus()
    qtbot.keyClicks(picker, text)
    with qtbot.waitSignal(picker.picked):
        qtbot.keyClick(picker, Qt.Key.Key_Return)


def test_group_activity_with_three_participants_and_two_volunteers(
        qtbot: QtBot, window: MainWindow) -> None:
    from swdesk.model import Volunteer

    for name in ("张晓明", "李华", "王芳"):
        crud.create(Client, {"name": name}, SYSTEM)
    for name in ("赵志愿", "钱热心"):
        crud.create(Volunteer, {"name": name}, SYSTEM)
    records = section(window, "service_record")
    records.new()
    page = records.detail
    assert isinstance(page, RecordPage)
    for key, code in (("kind", "group"), ("category", "jinglao"), ("field", "welfare")):
        combo = field(page, key)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(code))
    ime_type(field(page, "title"), "长者智能手机学习小组")  # type: ignore[arg-type]
    for initials in ("zxm", "lh", "wf"):
        pick(qtbot, page.participants.picker, initials)
    assert len(page.participants.ids) == 3
    for name, hours in (("赵志愿", "2"), ("钱热心", "1.5")):
        ime_type(page.volunteers.picker, name)
        with qtbot.waitSignal(page.volunteers.picker.picked):
            qtbot.keyClick(page.volunteers.picker, Qt.Key.Key_Return)
        qtbot.keyClicks(page.volunteers.extra_edits[0], hours)
        qtbot.mouseClick(page.volunteers.add_button, Qt.MouseButton.LeftButton)
    assert len(page.volunteers.ids) == 2
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    record = ServiceRecord.get(ServiceRecord.title == "长者智能手机学习小组")
    assert (record.kind, record.category, record.field) == ("group", "jinglao", "welfare")
    assert record.headcount == 3
    names = sorted(p.client.name for p in ServiceParticipant.select().where(
        ServiceParticipant.record == record.id))
    assert names == sorted(["张晓明", "李华", "王芳"])
    hours = sorted(float(h.hours) for h in VolunteerHour.live().where(
        VolunteerHour.record == record.id))
    assert hours == [1.5, 2.0]
    assert records.detail is None
    qtbot.waitUntil(lambda: records.list_page.model.rowCount() == 1)


def test_find_client_by_pinyin_initials(qtbot: QtBot, window: MainWindow) -> None:
    wanted = crud.create(Client, {"name": "张晓明"}, SYSTEM)
    for name in ("李华", "王芳", "张小红"):
        crud.create(Client, {"name": name}, SYSTEM)
    clients = section(window, "client")
    qtbot.waitUntil(lambda: clients.list_page.model.rowCount() == 4)
    qtbot.keyClick(clients.list_page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(clients.list_page.search, "zxm")
    qtbot.waitUntil(lambda: clients.list_page.model.rowCount() == 1, timeout=2000)
    assert clients.list_page.model.id_at(0) == wanted.id
    assert clients.list_page.count_label.text() == "共 1 条"


def test_unsaved_changes_guard(qtbot: QtBot, window: MainWindow) -> None:
    clients = section(window, "client")
    clients.new()
    page = clients.detail
    assert isinstance(page, ClientPage)
    ime_type(field(page, "name"), "未保存的人")  # type: ignore[arg-type]
    answer_box(qtbot, "继续填写")
    qtbot.keyClick(field(page, "name"), Qt.Key.Key_Escape)  # type: ignore[arg-type]
    assert clients.detail is page  # still here, text intact
    assert field(page, "name").text() == "未保存的人"  # type: ignore[attr-defined]

    answer_box(qtbot, "不保存")
    qtbot.keyClick(field(page, "name"), Qt.Key.Key_Escape)  # type: ignore[arg-type]
    assert clients.detail is None
    assert Client.select().count() == 0
    assert drafts.load_draft(window.ctx.data_dir, "client-new") is None


def test_ctrl_n_on_an_opened_client_starts_the_next_one(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    clients = section(window, "client")
    qtbot.keyClick(clients.list_page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    first = clients.detail
    assert isinstance(first, ClientPage)
    ime_type(field(first, "name"), "林阿公")  # type: ignore[arg-type]
    answer_box(qtbot, "保存")  # leaving with something typed asks first
    qtbot.keyClick(field(first, "name"), Qt.Key.Key_N,  # type: ignore[arg-type]
                   Qt.KeyboardModifier.ControlModifier)
    assert Client.get(Client.name == "林阿公")
    second = clients.detail
    assert isinstance(second, ClientPage) and second is not first
    assert field(second, "name").text() == ""  # type: ignore[attr-defined]


def test_guard_can_save_on_the_way_out(qtbot: QtBot, window: MainWindow) -> None:
    clients = section(window, "client")
    clients.new()
    page = clients.detail
    assert isinstance(page, ClientPage)
    ime_type(field(page, "name"), "赵大妈")  # type: ignore[arg-type]
    answer_box(qtbot, "保存")
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert Client.get(Client.name == "赵大妈")


def test_draft_survives_closing_the_window(qtbot: QtBot, window: MainWindow) -> None:
    clients = section(window, "client")
    clients.new()
    page = clients.detail
    assert isinstance(page, ClientPage)
    ime_type(field(page, "name"), "草稿阿姨")  # type: ignore[arg-type]
    notes = field(page, "notes")
    assert isinstance(notes, QPlainTextEdit)
    ime_type(notes, "腿脚不便")
    sdb = window.sdb
    window.sdb = None  # the fixture closes the database; only the window goes
    window.close()
    assert drafts.load_draft(window.ctx.data_dir, "client-new") is not None
    assert Client.select().count() == 0

    again = MainWindow(sdb, window.ctx)  # type: ignore[arg-type]
    qtbot.addWidget(again)
    again.sdb = None
    reopened = section(again, "client")
    reopened.new()
    restored = reopened.detail
    assert isinstance(restored, ClientPage)
    assert field(restored, "name").text() == "草稿阿姨"  # type: ignore[attr-defined]
    assert field(restored, "notes").toPlainText() == "腿脚不便"  # type: ignore[attr-defined]
    assert restored.form.draft_bar.isVisibleTo(restored)
    qtbot.mouseClick(restored.save_button, Qt.MouseButton.LeftButton)
    assert Client.get(Client.name == "草稿阿姨").notes == "腿脚不便"
    assert drafts.load_draft(window.ctx.data_dir, "client-new") is None


def test_required_field_message_sits_next_to_the_field(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    clients = section(window, "client")
    clients.new()
    page = clients.detail
    assert isinstance(page, ClientPage)
    qtbot.keyClicks(field(page, "phone"), "123")  # type: ignore[arg-type]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    name_error = page.form.errors["name"]
    assert isinstance(name_error, QLabel)
    assert name_error.isVisible() and "姓名" in name_error.text()
    assert page.form.errors["phone"].isVisible()
    assert Client.select().count() == 0


def test_closing_the_window_removes_the_printout_on_show(
        qtbot: QtBot, window: MainWindow) -> None:
    page = window.go("reports")
    assert isinstance(page, ReportPage)
    item = next(page.kind_list.item(i) for i in range(page.kind_list.count())
                if page.kind_list.item(i).data(KIND_ROLE) == "monthly")
    page.kind_list.setCurrentItem(item)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.pdf is not None and ops.running() == 0, timeout=20000)
    printout = page.pdf
    assert printout is not None and printout.exists() and page.viewer.page_count() >= 1
    window.sdb = None  # the fixture closes the database; only the window goes
    window.close()
    assert not printout.exists()  # personal data: not left in the data folder
    assert page.viewer.page_count() == 0  # and the PDF document closed, not left to exit
