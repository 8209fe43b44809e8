"""社区活动 in the window: plan, sign-in by search, head count, record, summary, survey."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from ui_helpers import ime_type

import ui.printing
from swdesk.model import (
    Client,
    CommunityActivity,
    ServiceParticipant,
    ServiceRecord,
    Volunteer,
    VolunteerHour,
    database,
)
from swdesk.services import activities, crud
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.main_window import MainWindow
from ui.pages.activity_page import ActivityPage
from ui.pages.section import EntitySection

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


def _section(window: MainWindow) -> EntitySection:
    page = window.go("community_activity")
    assert isinstance(page, EntitySection)
    return page


def _opened(window: MainWindow, **more: object) -> tuple[CommunityActivity, ActivityPage]:
    """A planned 中秋博饼 of yesterday, opened on its page."""
    activity = activities.save_plan({"title": "中秋博饼", "category": "jinglao",
                                     "field": "welfare", "planned_on": YESTERDAY,
                                     "aims": "邻里同乐", **more}, SYSTEM)
    window.open_row("community_activity", activity.id)
    page = _section(window).detail
    assert isinstance(page, ActivityPage)
    return activity, page


def _count(sql: str, *params: object) -> int:
    return int(database.execute_sql(sql, params).fetchone()[0])


def test_an_activity_planned_held_signed_in_and_surveyed(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    for name in ("陈阿婆", "林伯", "黄姨"):
        crud.create(Client, {"name": name, "community": "莲花社区"}, SYSTEM)
    crud.create(Volunteer, {"name": "赵志愿"}, SYSTEM)
    section = _section(window)
    assert window.rail.currentItem().text() == "社区活动"
    qtbot.keyClick(section.list_page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = section.detail
    assert isinstance(page, ActivityPage)
    assert not page.tabs.isTabEnabled(1)  # a new activity: its plan first
    form = page.form
    assert "status" not in form.editors and "summary" not in form.editors
    for key, code in (("category", "jinglao"), ("field", "welfare")):
        combo = form.editors[key].widget
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(code))
    form.editors["planned_on"].set_value(YESTERDAY)
    ime_type(form.editors["aims"].focus_widget(), "关爱辖区长者")
    ime_type(form.editors["place"].widget, "莲花社区广场")
    ime_type(form.editors["title"].widget, "重阳敬老游园会")
    qtbot.keyClicks(form.editors["expected_turnout"].widget, "30")
    qtbot.keyClick(form.editors["expected_turnout"].widget, Qt.Key.Key_Return)

    activity = CommunityActivity.get(CommunityActivity.title == "重阳敬老游园会")
    assert activity.status == "planned"
    assert activity.activity_no == f"XM-SM-001-A{YESTERDAY.year}-001"
    page = section.detail  # the new activity's own page took the form's place
    assert isinstance(page, ActivityPage) and page.file is not None
    assert activity.activity_no in page.title_label.text()
    assert page.tabs.isTabEnabled(1) and not page.tabs.isTabEnabled(2)

    qtbot.keyClick(page.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 1
    sign_in = page.sign_in
    for initials in ("cap", "lb"):
        sign_in.participants.picker.setFocus()
        qtbot.keyClicks(sign_in.participants.picker, initials)
        with qtbot.waitSignal(sign_in.participants.picker.picked):  # hits come from a thread
            qtbot.keyClick(sign_in.participants.picker, Qt.Key.Key_Return)
    assert len(sign_in.participants.ids) == 2
    sign_in.unnamed.setFocus()
    sign_in.unnamed.selectAll()
    qtbot.keyClicks(sign_in.unnamed, "25")
    assert "合计 27 人" in sign_in.turnout.text()
    ime_type(sign_in.volunteers.picker, "赵志愿")
    with qtbot.waitSignal(sign_in.volunteers.picker.picked):
        qtbot.keyClick(sign_in.volunteers.picker, Qt.Key.Key_Return)
    qtbot.keyClicks(sign_in.volunteers.extra_edits[0], "3")
    qtbot.keyClick(sign_in.volunteers.extra_edits[0], Qt.Key.Key_Return)
    ime_type(sign_in.content, "游园、义剪、测血压")
    qtbot.keyClick(sign_in.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert not sign_in.error.isVisible(), sign_in.error.text()
    activity = CommunityActivity.get_by_id(activity.id)
    assert (activity.status, activity.unnamed_count) == ("held", 25)
    record = ServiceRecord.get(ServiceRecord.activity == activity.id)
    assert (record.kind, record.title, record.headcount, record.date) == (
        "community", "重阳敬老游园会", 27, YESTERDAY)
    assert record.content == "游园、义剪、测血压"
    names = sorted(p.client.name for p in ServiceParticipant.select().where(
        ServiceParticipant.record == record.id))
    assert names == sorted(["陈阿婆", "林伯"])
    assert _count("SELECT count(*) FROM service_participant WHERE record_id = ?",
                  record.id) == 2
    assert [float(h.hours) for h in VolunteerHour.live().where(
        VolunteerHour.record == record.id)] == [3.0]
    assert page.tabs.currentIndex() == 2 and page.status_label.text() == "已开展"

    summary = page.summary
    ime_type(summary.summary, "参与踊跃，达到预期")
    summary.surveyed.setFocus()
    summary.surveyed.selectAll()
    qtbot.keyClicks(summary.surveyed, "20")
    summary.satisfied.setFocus()
    summary.satisfied.selectAll()
    qtbot.keyClicks(summary.satisfied, "25")  # more satisfied than surveyed: refused
    qtbot.keyClick(summary.satisfied, Qt.Key.Key_Return)
    assert summary.error.isVisible() and "满意份数不能多于调查份数" in summary.error.text()
    assert CommunityActivity.get_by_id(activity.id).surveyed is None  # nothing written
    summary.satisfied.selectAll()
    qtbot.keyClicks(summary.satisfied, "18")
    qtbot.keyClick(summary.satisfied, Qt.Key.Key_Return)
    activity = CommunityActivity.get_by_id(activity.id)
    assert (activity.summary, activity.surveyed, activity.satisfied) == (
        "参与踊跃，达到预期", 20, 18)
    assert "满意率 90.0%" in summary.result.text()
    assert _count("SELECT count(*) FROM service_record WHERE activity_id = ?", activity.id) == 1

    qtbot.keyClick(page, Qt.Key.Key_Escape)  # back to the list, which shows the turnout
    assert section.detail is None
    model = section.list_page.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(
        model.columnCount())]
    column = headers.index("参与人数")
    qtbot.waitUntil(lambda: model.index(0, column).data() == "27")


def test_a_sign_in_with_nobody_is_refused_inline(qtbot: QtBot, window: MainWindow) -> None:
    activity, page = _opened(window)
    page.tabs.setCurrentIndex(1)
    qtbot.mouseClick(page.sign_in.save_button, Qt.MouseButton.LeftButton)
    assert page.sign_in.error.isVisible() and "请签到参与者" in page.sign_in.error.text()
    assert ServiceRecord.select().count() == 0
    assert CommunityActivity.get_by_id(activity.id).status == "planned"
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert CommunityActivity.get_by_id(activity.id).status == "cancelled"
    assert not page.tabs.isTabEnabled(1) and not page.reopen_button.isHidden()
    assert page.cancel_button.isHidden()


def test_the_print_menu_makes_each_paper(qtbot: QtBot, window: MainWindow,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []

    def preview(out, parent, title, on_closed):  # type: ignore[no-untyped-def]
        shown.append("".join("".join(p.extract_text().split()) for p in PdfReader(out).pages))
        on_closed()

    monkeypatch.setattr(ui.printing, "preview_pdf", preview)
    _activity, page = _opened(window, place="活动室")
    action = page.print_button.menu().findChild(QAction, "print_sign-in-blank")
    assert action is not None and action.text() == "签到表（空白）"
    action.trigger()
    qtbot.waitUntil(lambda: ops.running() == 0 and bool(shown), timeout=20000)
    assert "社区活动签到表" in shown[0] and "中秋博饼" in shown[0] and "活动室" in shown[0]


def test_a_plan_without_its_aims_is_refused_under_the_field(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    section = _section(window)
    section.new()
    page = section.detail
    assert isinstance(page, ActivityPage)
    ime_type(page.form.editors["title"].widget, "邻里节")
    qtbot.keyClick(page.form.editors["title"].widget, Qt.Key.Key_Return)
    errors = page.form.errors
    assert errors["aims"].isVisible() and "不能为空" in errors["aims"].text()
    assert errors["category"].isVisible()
    assert CommunityActivity.select().count() == 0  # nothing written
    assert section.detail is page


def test_the_held_date_shows_in_the_plan(qtbot: QtBot, window: MainWindow) -> None:
    activity, page = _opened(window)
    page.tabs.setCurrentIndex(1)
    earlier = YESTERDAY - dt.timedelta(days=3)
    page.sign_in.held_on.setDate(page.sign_in.held_on.date().addDays(-3))
    page.sign_in.unnamed.setValue(40)
    qtbot.mouseClick(page.sign_in.save_button, Qt.MouseButton.LeftButton)
    assert CommunityActivity.get_by_id(activity.id).planned_on == earlier
    assert page.form.editors["planned_on"].value() == earlier.isoformat()
    assert not page.form.is_dirty() and page.confirm_leave()


def test_satisfaction_surveys_are_entered_on_the_summary_tab(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """总结与满意度: 录入一份满意度问卷… opens the shipped survey about the activity (no
    client: anonymous); each one saved shows in the result at once, with the paper tally,
    and a summary being typed stays as typed."""
    from swdesk.model import QuestionnaireResponse
    from ui.forms.questionnaire_dialog import QuestionnaireDialog

    activity, _page = _opened(window)
    activities.hold(SYSTEM, activity.id, participants=[], unnamed_count=12, content="博饼")
    activities.record_survey(SYSTEM, activity.id, "10", "8")
    window.open_row("community_activity", activity.id)
    page = _section(window).detail
    assert isinstance(page, ActivityPage)
    page.tabs.setCurrentIndex(2)
    summary = page.summary
    ime_type(summary.summary, "居民参与踊跃")
    answers = ["5", "2", "4"]  # a satisfied form, a dissatisfied one, a satisfied one

    def fill_in(dialog: QuestionnaireDialog) -> int:  # a participant's answers, typed in
        assert dialog.definition.code == "satisfaction"
        assert dialog.links == {"client_id": None, "case_id": None, "work_group_id": None,
                                "activity_id": activity.id}
        assert dialog.phase.currentData() == "satisfaction"
        answer = answers.pop(0)
        dialog.form.set_answers({i.code: answer for i in dialog.definition.items if i.options})
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(QuestionnaireDialog, "exec", fill_in)
    for _form in range(3):
        summary.survey_button.setFocus()
        qtbot.keyClick(summary.survey_button, Qt.Key.Key_Space)
    rows = list(QuestionnaireResponse.select().order_by(QuestionnaireResponse.id))
    assert [(r.band, r.client_id, r.activity_id, r.phase) for r in rows] == [
        ("satisfied", None, activity.id, "satisfaction"),
        ("dissatisfied", None, activity.id, "satisfaction"),
        ("satisfied", None, activity.id, "satisfaction")]
    satisfied = _count("SELECT count(*) FROM questionnaire_response WHERE activity_id = ? "
                       "AND band = 'satisfied' AND deleted = 0", activity.id)
    # (8 + 2) satisfied of (10 + 3) surveyed
    assert satisfied == 2
    assert summary.result.text() == "满意率 76.9%（纸质问卷 8/10 份，系统问卷 2/3 份）"
    assert summary.summary.toPlainText() == "居民参与踊跃"  # not saved yet, still there
