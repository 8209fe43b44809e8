"""The case page's 转介 and 预估量表 panels driven as a worker would: a referral typed in
and its receipt recorded from the keyboard, bad input refused under the line with
nothing written; an older client's ability assessment filled in, listed and printed."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from ui_helpers import ime_type

import ui.printing
from swdesk.model import Case, Client, QuestionnaireResponse, Referral
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.forms.questionnaire_dialog import QuestionnaireDialog
from ui.main_window import MainWindow
from ui.pages.case_page import CasePage
from ui.pages.section import EntitySection

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

TODAY = dt.date.today()
OPENED = TODAY - dt.timedelta(days=60)


def _page(window: MainWindow, **client: object) -> tuple[CasePage, Case]:
    person = crud.create(Client, {"name": "黄伯", **client}, SYSTEM)
    case = crud.create(Case, {"client": person.id, "opened_on": OPENED, "stage": "intervention",
                              "problem": "独居，行动不便"}, SYSTEM)
    window.open_row("case", case.id)
    section = window.go("case")
    assert isinstance(section, EntitySection)
    page = section.detail
    assert isinstance(page, CasePage)
    return page, case


def _referrals(case: Case) -> list[tuple[object, ...]]:
    return [(r.direction, r.date, r.organisation, r.reason, r.result, r.receipt_on,
             r.receipt_note)
            for r in Referral.live().where(Referral.case == case.id).order_by(Referral.id)]


def test_a_referral_typed_in_and_its_receipt_recorded(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    page, case = _page(window)
    panel = page.referrals
    # Nothing typed: refused under the line, focus on the organisation, nothing written.
    panel.organisation.setFocus()
    qtbot.keyClick(panel.organisation, Qt.Key.Key_Return)
    assert panel.error.isVisible() and "转介机构" in panel.error.text()
    assert "不能为空" in panel.error.text() and panel.organisation.hasFocus()
    assert _referrals(case) == []
    # A date before the case opened is refused by the rule, nothing written.
    before = OPENED - dt.timedelta(days=3)
    panel.date.widget.setDate(QDate(before.year, before.month, before.day))
    ime_type(panel.organisation, "思明区残联")
    qtbot.keyClick(panel.organisation, Qt.Key.Key_Tab)
    assert panel.reason.hasFocus()
    ime_type(panel.reason, "申请辅具")
    qtbot.keyClick(panel.reason, Qt.Key.Key_Return)
    assert "转介日期不能早于开案日期" in panel.error.text()
    assert _referrals(case) == []
    # Today, out (the line's defaults), then one into the case: Tab, Enter adds each.
    panel.date.widget.setDate(QDate.currentDate())
    qtbot.keyClick(panel.reason, Qt.Key.Key_Return)
    assert not panel.error.isVisible() and panel.organisation.hasFocus()
    assert panel.organisation.text() == "" and panel.reason.text() == ""
    panel.direction.widget.setCurrentIndex(panel.direction.widget.findData("in"))
    ime_type(panel.organisation, "莲前街道办")
    qtbot.keyClick(panel.organisation, Qt.Key.Key_Tab)
    ime_type(panel.reason, "低保家庭需跟进")
    qtbot.keyClick(panel.reason, Qt.Key.Key_Return)
    assert _referrals(case) == [
        ("out", TODAY, "思明区残联", "申请辅具", None, None, None),
        ("in", TODAY, "莲前街道办", "低保家庭需跟进", None, None, None)]
    assert panel.model.rowCount() == 2
    assert panel.model.index(0, 0).data() == "转出"
    assert panel.model.index(1, 2).data() == "莲前街道办"

    # Enter on the first referral: its receipt line; a blank receipt is refused.
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 2))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert panel.receipt_box.isVisible() and panel.receipt_note.hasFocus()
    assert "思明区残联" in panel.receipt_title.text()
    qtbot.keyClick(panel.receipt_note, Qt.Key.Key_Return)
    assert panel.receipt_error.isVisible() and "回执情况" in panel.receipt_error.text()
    assert _referrals(case)[0][5:] == (None, None)
    # Esc leaves it unchanged; Enter again, then the receipt typed and saved.
    qtbot.keyClick(panel.receipt_note, Qt.Key.Key_Escape)
    assert not panel.receipt_box.isVisible() and panel.table.hasFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    ime_type(panel.receipt_note, "已受理，上门评估")
    qtbot.keyClick(panel.receipt_note, Qt.Key.Key_Tab)
    assert panel.result.hasFocus()
    ime_type(panel.result, "获配轮椅一台")
    qtbot.keyClick(panel.result, Qt.Key.Key_Return)
    assert not panel.receipt_box.isVisible() and not panel.receipt_error.isVisible()
    assert _referrals(case)[0] == ("out", TODAY, "思明区残联", "申请辅具", "获配轮椅一台",
                                   TODAY, "已受理，上门评估")
    assert [panel.model.index(0, c).data() for c in (4, 5, 6)] == [
        "获配轮椅一台", TODAY.isoformat(), "已受理，上门评估"]


def test_an_older_clients_assessment_filled_in_listed_and_printed(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page, case = _page(window, target_groups=["elderly_alone"])
    panel = page.assessments
    assert panel.choice.currentData() == "elderly_ability"  # an older client: it comes first
    assert panel.choice.count() >= 2  # (the station's other active questionnaires follow)

    def fill_in(dialog: QuestionnaireDialog) -> int:  # a worker answering every item
        assert dialog.links == {"client_id": case.client_id, "case_id": case.id,
                                "work_group_id": None, "activity_id": None}
        assert dialog.phase.currentData() == "assessment"
        dialog.form.set_answers({i.code: i.options[0].code
                                 for i in dialog.definition.items if i.options})
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(QuestionnaireDialog, "exec", fill_in)
    panel.fill_button.setFocus()
    qtbot.keyClick(panel.fill_button, Qt.Key.Key_Space)
    row = QuestionnaireResponse.get()
    assert (row.questionnaire, row.phase, row.case_id, row.client_id) == (
        "elderly_ability", "assessment", case.id, case.client_id)
    assert row.score is not None and row.band
    assert panel.model.rowCount() == 1
    cells = [panel.model.index(0, c).data() for c in range(4)]
    assert cells[0] == TODAY.isoformat() and cells[2] == str(row.score)
    assert cells[1].startswith("老年人能力评估")
    assert cells[3] and cells[3] != row.band  # the band by its name, not its code

    # Enter on it: the filled-in questionnaire printed with its answers.
    shown: list[str] = []

    def preview(out, parent, title, on_closed):  # type: ignore[no-untyped-def]
        shown.append("".join("".join(p.extract_text().split()) for p in PdfReader(out).pages))
        on_closed()

    monkeypatch.setattr(ui.printing, "preview_pdf", preview)
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 1))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ops.running() == 0 and bool(shown), timeout=20000)
    assert "老年人能力评估" in shown[0] and "黄伯" in shown[0]
    assert "".join(cells[3].split()) in shown[0]
