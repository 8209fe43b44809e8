"""The 小组 page driven as a worker would: a group of six members and five sessions, the
attendance ticked with Space, pre/post scores shown, each session a service record."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot
from ui_helpers import ime_type

from swdesk.errors import ValidationError
from swdesk.model import (
    Client,
    GroupMember,
    ServiceParticipant,
    ServiceRecord,
    WorkGroup,
    database,
)
from swdesk.services import crud, groups
from swdesk.services.actor import SYSTEM
from tests.groupwork import NAMES, POST, PRE, START, measure
from ui.main_window import MainWindow
from ui.pages.form_page import FormPage
from ui.pages.group_page import GroupPage
from ui.pages.section import EntitySection

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

# Who came to each session, by index into NAMES (everyone but one, now and then).
ATTENDANCE = [(0, 1, 2, 3, 4, 5), (0, 1, 2, 3, 4), (1, 2, 3, 4, 5), (0, 1, 2, 3),
              (0, 1, 2, 3, 4, 5)]
INITIALS = ("cap", "lb", "hay", "wdy", "znn", "cs")  # 陈阿婆 林伯 黄阿姨 吴大爷 郑奶奶 蔡叔


def _section(window: MainWindow) -> EntitySection:
    page = window.go("work_group")
    assert isinstance(page, EntitySection)
    return page


def _set_date(edit: object, day: dt.date) -> None:
    assert isinstance(edit, QDateEdit)
    edit.setFocus()
    edit.setDate(QDate(day.year, day.month, day.day))


def _new_group(qtbot: QtBot, groups_section: EntitySection) -> GroupPage:
    qtbot.keyClick(groups_section.list_page.view, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier)
    form_page = groups_section.detail
    assert isinstance(form_page, FormPage)
    editors = form_page.form.editors
    assert "ended_on" not in editors and "summary" not in editors  # set by ending it
    ime_type(editors["name"].widget, "长者健康互助小组")
    for key, code in (("category", "jinglao"), ("field", "welfare")):
        combo = editors[key].widget
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(code))
    _set_date(editors["planned_start"].widget, START)
    planned = editors["planned_sessions"].widget
    assert isinstance(planned, QLineEdit)
    qtbot.keyClicks(planned, "6")
    aims = editors["aims"].widget
    assert isinstance(aims, QPlainTextEdit)
    ime_type(aims, "提升长者自我照顾能力")
    qtbot.keyClick(aims, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    page = groups_section.detail
    assert isinstance(page, GroupPage), "saving the plan opens the group's page"
    return page


def test_six_members_five_sessions_through_the_window(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    clients = [int(crud.create(Client, {"name": n, "community": "莲花社区"}, SYSTEM).id)
               for n in NAMES]
    groups_section = _section(window)
    page = _new_group(qtbot, groups_section)
    group = WorkGroup.get(WorkGroup.name == "长者健康互助小组")
    assert group.group_no == "XM-SM-001-G2026-001" and group.status == "planned"
    assert group.planned_sessions == 6

    # members: typed by pinyin initials, Enter adds each
    page.tabs.setCurrentIndex(1)
    for initials in INITIALS:
        page.picker.setFocus()
        qtbot.keyClicks(page.picker, initials)
        with qtbot.waitSignal(page.picker.picked):  # the hits come from a pool thread
            qtbot.keyClick(page.picker, Qt.Key.Key_Return)
    assert page.members.rowCount() == 6
    assert {m.client_id for m in GroupMember.live()} == set(clients)
    # once per group: adding 陈阿婆 again is refused on the page, nothing written
    qtbot.keyClicks(page.picker, "cap")
    with qtbot.waitSignal(page.picker.picked):
        qtbot.keyClick(page.picker, Qt.Key.Key_Return)
    assert page.member_error.isVisible() and "已是本小组组员" in page.member_error.text()
    assert GroupMember.live().count() == 6

    # sessions: date, content, observations, then Space on each member who came
    page.tabs.setCurrentIndex(2)
    for n, came in enumerate(ATTENDANCE):
        editor = page.session
        assert editor is not None
        editors = editor.form.editors
        assert editors["session_no"].value() == str(n + 1)  # the next number by default
        _set_date(editors["date"].widget, START + dt.timedelta(weeks=n))
        ime_type(editors["content"].widget, f"第{n + 1}节：分享慢病自我管理经验")
        ime_type(editors["observations"].widget, "组员参与积极")
        listing = editor.attendance
        listing.setFocus()
        for row in range(listing.count()):
            listing.setCurrentRow(row)
            if row in came:
                qtbot.keyClick(listing, Qt.Key.Key_Space)
        assert editor.count_label.text() == f"出席 {len(came)} 人，参与人次 {len(came)}"
        qtbot.mouseClick(page.save_session_button, Qt.MouseButton.LeftButton)
        assert page.session is not editor, "a saved session makes way for the next"
    assert page.sessions.rowCount() == 5
    assert page.tabs.tabText(2) == "活动节次（5）"

    # each session is a service record of the group, its participants the attendance
    records = list(ServiceRecord.live().where(ServiceRecord.work_group == group.id)
                   .order_by(ServiceRecord.session_no))
    assert [r.session_no for r in records] == [1, 2, 3, 4, 5]
    assert {(r.kind, r.category, r.field) for r in records} == {("group", "jinglao", "welfare")}
    assert [r.headcount for r in records] == [len(c) for c in ATTENDANCE]
    assert records[0].title == "长者健康互助小组 第1节"
    assert records[3].observations == "组员参与积极"
    for record, came in zip(records, ATTENDANCE, strict=True):
        names = {p.client.name for p in ServiceParticipant.select().where(
            ServiceParticipant.record == record.id)}
        assert names == {NAMES[i] for i in came}
    assert database.execute_sql(
        "SELECT COUNT(*) FROM service_participant p JOIN service_record r ON r.id = p.record_id"
        " WHERE r.work_group_id = ? AND r.deleted = 0", (group.id,)).fetchone()[0] == 26
    assert crud.get(WorkGroup, group.id).status == "running"

    # correcting a session's attendance: open it, untick 陈阿婆, save
    page.sessions.setCurrentCell(0, 0)
    qtbot.keyClick(page.sessions, Qt.Key.Key_Return)
    editor = page.session
    assert editor is not None and editor.record is not None and editor.record.session_no == 1
    editor.attendance.setFocus()
    editor.attendance.setCurrentRow(0)
    qtbot.keyClick(editor.attendance, Qt.Key.Key_Space)
    qtbot.mouseClick(page.save_session_button, Qt.MouseButton.LeftButton)
    first = crud.get(ServiceRecord, records[0].id)
    assert first.headcount == 5
    assert ServiceParticipant.select().where(ServiceParticipant.record == first.id).count() == 5

    # pre/post (entered by the questionnaire form, H2's) show side by side; 蔡叔 lacks a post
    for client_id, pre, post in zip(clients, PRE, POST, strict=True):
        measure(int(group.id), client_id, "pre", pre, START)
        if post is not None:
            measure(int(group.id), client_id, "post", post, START + dt.timedelta(weeks=5))
    page.reload()
    rows = {page.measures.item(r, 0).text(): [page.measures.item(r, c).text()  # type: ignore[union-attr]
                                               for c in range(1, 6)]
            for r in range(page.measures.rowCount())}
    assert rows["陈阿婆"] == ["10", "一般", "15", "良好", "+5"]
    assert rows["蔡叔"] == ["8", "一般", "未测", "", ""]

    # ending the group: the summary, Ctrl+Enter
    page.tabs.setCurrentIndex(4)
    assert page.held_label.text() == "已开展 5 节 / 计划 6 节；组员 6 人"
    _set_date(page.ended_on, START + dt.timedelta(weeks=5))
    ime_type(page.summary, "组员自我照顾能力普遍提升")
    qtbot.keyClick(page.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ended = crud.get(WorkGroup, group.id)
    assert (ended.status, ended.ended_on, ended.summary) == (
        "ended", START + dt.timedelta(weeks=5), "组员自我照顾能力普遍提升")

    # back on the list: number, name, status, sessions held beside those planned
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert groups_section.detail is None
    listing_model = groups_section.list_page.model
    qtbot.waitUntil(lambda: listing_model.rowCount() == 1)
    headings = [listing_model.headerData(c, Qt.Orientation.Horizontal)
                for c in range(listing_model.columnCount())]
    for heading in ("小组编号", "小组名称", "带领社工", "状态", "计划节数", "已开展节数"):
        assert heading in headings, headings
    qtbot.waitUntil(lambda: listing_model.index(0, headings.index("已开展节数")).data() == "5")
    assert listing_model.index(0, headings.index("状态")).data() == "已结束"


def test_a_session_with_no_one_ticked_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    client = crud.create(Client, {"name": "陈阿婆"}, SYSTEM)
    group = crud.create(WorkGroup, {"name": "亲子小组", "category": "fuyou",
                                    "field": "welfare", "status": "planned",
                                    "aims": "改善亲子沟通"}, SYSTEM)
    crud.create(GroupMember, {"work_group": group.id, "client": client.id}, SYSTEM)
    window.open_row("work_group", int(group.id))
    page = _section(window).detail
    assert isinstance(page, GroupPage)
    page.tabs.setCurrentIndex(2)
    assert page.session is not None
    content = page.session.form.editors["content"].widget
    ime_type(content, "破冰游戏")
    qtbot.keyClick(content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    banner = page.session.form.banner
    assert banner.isVisible() and "请勾选出席的组员" in banner.text()
    assert ServiceRecord.select().count() == 0


def test_a_session_opened_as_a_record_leads_to_its_group(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    from swdesk.services import groups
    from ui.pages.record_page import RecordPage

    client = crud.create(Client, {"name": "陈阿婆"}, SYSTEM)
    group = groups.save_group({"name": "亲子小组", "category": "fuyou", "field": "welfare",
                               "aims": "改善亲子沟通"}, SYSTEM)
    groups.add_member(int(group.id), int(client.id), SYSTEM)
    record = groups.save_session(int(group.id), {"date": START, "observations": "投入"},
                                 [int(client.id)], SYSTEM)
    window.open_row("service_record", int(record.id))
    page = window.pages["service_record"].detail  # type: ignore[attr-defined]
    assert isinstance(page, RecordPage)
    assert {"session_no", "observations"} <= set(page.form.editors)
    assert "work_group" not in page.form.editors and "activity" not in page.form.editors
    qtbot.mouseClick(page.group_button, Qt.MouseButton.LeftButton)
    opened = _section(window).detail
    assert isinstance(opened, GroupPage) and opened.file.group.id == group.id
    # a record of no group shows none of a session's fields
    window.pages["service_record"].new()  # type: ignore[attr-defined]
    fresh = window.pages["service_record"].detail  # type: ignore[attr-defined]
    assert isinstance(fresh, RecordPage)
    assert not {"session_no", "observations", "work_group", "activity"} & set(
        fresh.form.editors)


def test_a_plan_without_its_aims_is_refused_under_the_field(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    groups_section = _section(window)
    qtbot.keyClick(groups_section.list_page.view, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier)
    form_page = groups_section.detail
    assert isinstance(form_page, FormPage)
    editors = form_page.form.editors
    name = editors["name"].widget
    ime_type(name, "亲子沟通小组")
    _set_date(editors["planned_end"].widget, START - dt.timedelta(days=1))
    _set_date(editors["planned_start"].widget, START)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    errors = form_page.form.errors
    assert errors["aims"].isVisible() and "小组目标" in errors["aims"].text()
    assert groups_section.detail is form_page and WorkGroup.select().count() == 0
    ime_type(editors["aims"].widget, "改善亲子沟通")
    for key, code in (("category", "fuyou"), ("field", "welfare")):
        combo = editors[key].widget
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(code))
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert errors["planned_end"].isVisible()
    assert "不能早于计划开始日期" in errors["planned_end"].text()
    assert WorkGroup.select().count() == 0


def test_a_members_pre_and_post_test_are_filled_in_from_the_page(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """前后测 tab: select a member, 填写前测… opens the group's scale for that member; the
    first measure names the group's scale; a non-member's test is refused at the core."""
    from swdesk.model import QuestionnaireResponse
    from swdesk.services import questionnaires
    from tests.groupwork import new_group
    from ui.forms.questionnaire_dialog import QuestionnaireDialog

    group = new_group(SYSTEM)
    member = crud.create(Client, {"name": "陈阿婆"}, SYSTEM)
    stranger = crud.create(Client, {"name": "路人甲"}, SYSTEM)
    groups.add_member(int(group.id), int(member.id), SYSTEM)
    section = _section(window)
    section.open(int(group.id))
    page = section.detail
    assert isinstance(page, GroupPage)
    page.tabs.setCurrentIndex(3)
    answers = {"pre": "2", "post": "4"}

    def fill_in(dialog: QuestionnaireDialog) -> int:  # a worker answering every item
        assert dialog.links["client_id"] == member.id
        dialog.form.set_answers({i.code: answers[str(dialog.phase.currentData())]
                                 for i in dialog.definition.items if i.options})
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(QuestionnaireDialog, "exec", fill_in)
    page.measures.setCurrentCell(0, 0)
    qtbot.mouseClick(page.findChild(QPushButton, "preTest"), Qt.MouseButton.LeftButton)
    row = QuestionnaireResponse.get()
    assert (row.questionnaire, row.phase, row.client_id, row.work_group_id) == (
        "social_support", "pre", member.id, group.id)
    assert crud.get(WorkGroup, group.id).scale == "social_support"
    assert page.measures.item(0, 1).text() == str(row.score)  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="组员"):
        questionnaires.record(SYSTEM, "social_support", "pre",
                              {i.code: "3" for i in questionnaires.definition(
                                  "social_support").items if i.options},
                              date=dt.date.today(), client_id=int(stranger.id),
                              work_group_id=int(group.id))
    assert QuestionnaireResponse.select().count() == 1
