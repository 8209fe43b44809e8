"""The case page: three goals typed in, edited and reordered, closed with each goal's
attainment, then the follow-up visit recorded; every step checked in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box, ime_type

from swdesk.model import Case, CaseGoal, CaseLog, Client
from swdesk.services import case_closure, crud
from swdesk.services.actor import SYSTEM
from ui.main_window import MainWindow
from ui.pages.case_page import CasePage
from ui.pages.section import EntitySection

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

TODAY = dt.date.today()
OPENED = TODAY - dt.timedelta(days=90)
CLOSED = TODAY - dt.timedelta(days=40)


def _page(window: MainWindow) -> tuple[CasePage, Case]:
    client = crud.create(Client, {"name": "黄伯"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": OPENED, "stage": "intervention",
                              "problem": "独居，行动不便"}, SYSTEM)
    window.open_row("case", case.id)
    section = window.go("case")
    assert isinstance(section, EntitySection)
    page = section.detail
    assert isinstance(page, CasePage)
    return page, case


def _goals(case: Case) -> list[tuple[int, str, str | None, str | None]]:
    return [(g.seq, g.goal, g.measures, g.attainment) for g in
            CaseGoal.live().where(CaseGoal.case == case.id).order_by(CaseGoal.seq)]


def _choose(combo: object, code: str) -> None:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    combo.setFocus()
    combo.setCurrentIndex(combo.findData(code))


def test_three_goals_through_closure_to_the_follow_up(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    page, case = _page(window)
    goals = page.goals
    for goal, measures in (("建立支持网络", "链接邻里守望志愿者"), ("改善饮食", "申请助餐"),
                           ("缓解孤独", "参加长者小组")):
        ime_type(goals.goal, goal)
        qtbot.keyClick(goals.goal, Qt.Key.Key_Tab)
        assert goals.measures.hasFocus()
        ime_type(goals.measures, measures)
        qtbot.keyClick(goals.measures, Qt.Key.Key_Return)
    assert _goals(case) == [(1, "建立支持网络", "链接邻里守望志愿者", None),
                            (2, "改善饮食", "申请助餐", None),
                            (3, "缓解孤独", "参加长者小组", None)]
    assert goals.model.rowCount() == 3 and goals.goal.hasFocus()

    # Enter on the second goal brings it into the line; Enter there saves it.
    goals.table.setFocus()
    goals.table.setCurrentIndex(goals.model.index(1, 1))
    qtbot.keyClick(goals.table, Qt.Key.Key_Return)
    assert goals.goal.text() == "改善饮食" and goals.goal.hasFocus()
    goals.measures.selectAll()
    ime_type(goals.measures, "申请助餐并跟进")
    goals.target.widget.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    qtbot.keyClick(goals.measures, Qt.Key.Key_Return)
    # Ctrl+↑ moves the third goal above the second.
    goals.table.setFocus()
    goals.table.setCurrentIndex(goals.model.index(2, 1))
    qtbot.keyClick(goals.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _goals(case) == [(1, "建立支持网络", "链接邻里守望志愿者", None),
                            (2, "缓解孤独", "参加长者小组", None),
                            (3, "改善饮食", "申请助餐并跟进", None)]
    assert CaseGoal.get(CaseGoal.goal == "改善饮食").target_on == TODAY

    # 结案… asks for each goal; closing with one left out says which and writes nothing.
    qtbot.mouseClick(page.closing_button, Qt.MouseButton.LeftButton)
    box = page.closure_box
    assert list(box.attainments) == [line.id for line in goals.lines()]
    assert box.isVisible() and box.attainments[goals.lines()[0].id].hasFocus()
    box.closed_on.setDate(QDate(CLOSED.year, CLOSED.month, CLOSED.day))
    expected_follow_up = case_closure.add_months(CLOSED, 1)
    assert box.follow_up_on.date().toPython() == expected_follow_up
    first, second, third = box.attainments.values()
    _choose(first, "met")
    _choose(second, "partly")
    qtbot.keyClick(second, Qt.Key.Key_Tab)  # on to its note
    second_note = box.notes[goals.lines()[1].id]
    assert second_note.hasFocus()
    ime_type(second_note, "还需家属配合")
    _choose(box.reason.widget, "goals_met")
    _choose(box.satisfaction.widget, "5")
    ime_type(box.summary, "三项目标基本达成")
    qtbot.keyClick(box.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert box.error.isVisible() and "目标3“改善饮食”" in box.error.text()
    assert third.hasFocus()
    assert Case.get_by_id(case.id).stage == "intervention"
    assert [a for *_rest, a in _goals(case)] == [None, None, None]

    _choose(third, "not_met")
    qtbot.keyClick(box.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    closed = Case.get_by_id(case.id)
    assert (closed.stage, closed.closed_on, closed.closure_reason, closed.satisfaction,
            closed.closure_summary, closed.follow_up_on) == (
        "closed", CLOSED, "goals_met", "5", "三项目标基本达成", expected_follow_up)
    assert [a for *_rest, a in _goals(case)] == ["met", "partly", "not_met"]
    assert [g.attainment_note for g in CaseGoal.live().where(CaseGoal.case == case.id)
            .order_by(CaseGoal.seq)] == [None, "还需家属配合", None]
    assert [goals.model.index(r, 4).data() for r in range(3)] == ["完全达成", "部分达成",
                                                                   "未达成"]
    assert not goals.add_button.isVisible() and not page.closing_button.isVisible()

    # The follow-up was due some ten days ago: the page says so, and records it.
    follow = page.follow_up_box
    late = (TODAY - expected_follow_up).days
    assert follow.isVisible() and f"已过 {late} 天" in follow.state.text()
    _choose(follow.way, "home_visit")
    ime_type(follow.note, "老人生活稳定，按时用餐")
    qtbot.keyClick(follow.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    done = Case.get_by_id(case.id)
    assert (done.followed_up_on, done.follow_up_note) == (TODAY, "老人生活稳定，按时用餐")
    log = CaseLog.get(CaseLog.case == case.id)
    assert (log.date, log.way, log.content) == (TODAY, "home_visit", "回访：老人生活稳定，按时用餐")
    assert follow.state.text().startswith(f"已于 {TODAY} 回访")
    assert not follow.inputs.isVisible()


def test_a_bad_goal_is_refused_inline_and_delete_asks(qtbot: QtBot, window: MainWindow) -> None:
    page, case = _page(window)
    goals = page.goals
    qtbot.keyClick(goals.measures, Qt.Key.Key_Return)  # no goal typed
    assert goals.error.isVisible() and "目标：不能为空" in goals.error.text()
    assert CaseGoal.select().count() == 0
    ime_type(goals.goal, "改善饮食")
    qtbot.keyClick(goals.goal, Qt.Key.Key_Return)
    assert not goals.error.isVisible() and _goals(case) == [(1, "改善饮食", None, None)]
    goals.table.setFocus()
    goals.table.setCurrentIndex(goals.model.index(0, 1))
    seen = answer_box(qtbot, "不删除")
    qtbot.keyClick(goals.table, Qt.Key.Key_Delete)
    assert seen and CaseGoal.live().count() == 1
    seen = answer_box(qtbot, "删除")
    qtbot.keyClick(goals.table, Qt.Key.Key_Delete)
    assert CaseGoal.live().count() == 0 and goals.model.rowCount() == 0


def test_each_document_of_the_file_prints_from_the_case_page(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.pages import case_page

    seen: list[tuple[int, str]] = []
    monkeypatch.setattr(case_page, "print_case", lambda cid, station, parent, document="file":
                        seen.append((cid, document)))
    page, case = _page(window)
    menu = page.document_menu
    assert [a.text() for a in menu.actions()] == ["接案登记表", "预估表", "服务计划表",
                                                  "个案过程记录", "转介表", "结案评估表",
                                                  "照片及扫描件"]
    menu.actions()[2].trigger()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert seen == [(case.id, "plan"), (case.id, "file")]
