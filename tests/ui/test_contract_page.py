"""评估与投诉 through the window: the 工作台's warnings appear, open the right page and go
away once the evaluation is entered or the complaint closed; a certificate voided."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box, ime_type

from swdesk.model import (
    Agency,
    Complaint,
    Evaluation,
    EvaluationScore,
    Indicator,
    Project,
    Station,
    Volunteer,
    VolunteerCertificate,
)
from swdesk.reports import volunteer as volunteer_report
from swdesk.services import crud, records
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.main_window import MainWindow
from ui.pages.certificate_page import CertificatePage
from ui.pages.contract_page import ContractPage
from ui.pages.dashboard import DashboardPage
from ui.pages.form_page import FormPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
TODAY = dt.date.today()


def _board(qtbot: QtBot, window: MainWindow) -> DashboardPage:
    page = window.go("dashboard")
    assert isinstance(page, DashboardPage)
    page.load()
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=20000)
    return page


def _warning_texts(page: DashboardPage) -> str:
    return " ".join(label.text() for label in page.warnings_box.findChildren(QLabel))


def _button(page: DashboardPage, kind: str) -> QPushButton:
    found = [b for b in page.warnings_box.findChildren(QPushButton)
             if b.objectName().startswith(f"warning_{kind}_")]
    assert found, kind
    return found[0]


def test_year_not_evaluated_warns_until_the_evaluation_is_entered(
        qtbot: QtBot, window: MainWindow) -> None:
    project = crud.create(Project, {
        "name": "松柏社工站项目", "purchaser": "莲前街道", "budget": "300000",
        "start_on": TODAY - dt.timedelta(days=400),
        "end_on": TODAY + dt.timedelta(days=60)}, SYSTEM)
    indicator = crud.create(Indicator, {"project": project.id, "kind": "cases", "target": 30},
                            SYSTEM)
    board = _board(qtbot, window)
    assert board.warnings_box.isVisible()
    texts = _warning_texts(board)
    assert "第1执行年度" in texts and "尚未登记评估" in texts
    assert "还有 60 天" in texts and "尚无评估等级" in texts

    qtbot.mouseClick(_button(board, "not_evaluated"), Qt.MouseButton.LeftButton)
    assert window.current_key() == "contract"
    contract = window.go("contract")
    assert isinstance(contract, ContractPage)
    section = contract.current()
    assert section.entity == "evaluation"
    qtbot.keyClick(section.list_page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = section.detail
    assert isinstance(page, FormPage)
    editors = page.form.editors
    editors["project"].set_value(project.id)
    editors["kind"].set_value("annual")
    editors["evaluated_on"].set_value(TODAY - dt.timedelta(days=20))
    editors["grade"].set_value("excellent")
    year = editors["year_no"].widget
    assert isinstance(year, QLineEdit)
    qtbot.keyClicks(year, "3")  # the contract has two execution years
    qtbot.keyClick(year, Qt.Key.Key_Return)
    assert "该项目只有 2 个执行年度" in page.form.errors["year_no"].text()
    assert Evaluation.select().count() == 0  # nothing written
    year.clear()
    qtbot.keyClicks(year, "1")
    qtbot.keyClick(year, Qt.Key.Key_Return)
    saved = Evaluation.get()
    assert (saved.year_no, saved.grade, saved.project_id) == (1, "excellent", project.id)

    section.open(int(saved.id))
    box = section.detail.findChild(QLabel)  # type: ignore[union-attr]
    assert box is not None
    shown = " ".join(lbl.text() for lbl in section.detail.findChildren(QLabel))  # type: ignore[union-attr]
    assert "优秀：可以续签" in shown and "不合格：终止合同" in shown
    scores = section.detail.scores  # type: ignore[union-attr]
    edit = scores.edits[indicator.id]
    qtbot.keyClicks(edit, "130")
    seen = answer_box(qtbot, "确定")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen))
    assert "个案数" in seen[0] and "100" in seen[0]
    assert EvaluationScore.select().count() == 0  # refused: nothing written
    edit.clear()
    qtbot.keyClicks(edit, "26")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert [(s.indicator_id, s.score) for s in EvaluationScore.select()] == [(indicator.id, 26)]

    board = _board(qtbot, window)
    texts = _warning_texts(board)
    assert "尚未登记评估" not in texts
    assert "最近评估优秀：可办理续签" in texts


def test_a_complaint_past_its_deadline_is_shown_and_closed(
        qtbot: QtBot, window: MainWindow) -> None:
    agency = crud.create(Agency, {"name": "厦门市启航社工服务中心", "fulltime_staff": 9,
                                  "certified_staff": 2}, SYSTEM)
    complaint = crud.create(Complaint, {
        "target": "agency", "agency": agency.id, "channel": "phone",
        "received_on": TODAY - dt.timedelta(days=20), "content": "上门探访迟到",
        "status": "handling"}, SYSTEM)
    assert complaint.deadline == TODAY - dt.timedelta(days=5)  # 15 days by default
    board = _board(qtbot, window)
    assert "已超过办理期限" in _warning_texts(board)
    qtbot.mouseClick(_button(board, "complaint_overdue"), Qt.MouseButton.LeftButton)
    contract = window.go("contract")
    assert isinstance(contract, ContractPage)
    page = contract.current().detail
    assert contract.current().entity == "complaint" and isinstance(page, FormPage)
    shown = " ".join(lbl.text() for lbl in page.findChildren(QLabel))
    assert "已超过办理期限，请尽快办结" in shown
    assert f"应于 {TODAY - dt.timedelta(days=5)} 前办结" in shown
    editors = page.form.editors
    editors["status"].set_value("closed")
    editors["handled_on"].set_value(TODAY)
    editors["handler"].set_value("王站长")
    editors["outcome"].set_value("已向投诉人致歉并调整排班")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert Complaint.get_by_id(complaint.id).status == "closed"
    assert "已超过办理期限" not in _warning_texts(_board(qtbot, window))

    # The agency's page says what the plan's staffing rule finds.
    contract = window.go("contract")
    assert isinstance(contract, ContractPage)
    contract.open_entity("agency", int(agency.id))
    shown = " ".join(lbl.text() for lbl in contract.current().detail.findChildren(QLabel))  # type: ignore[union-attr]
    assert "2/9" in shown and "三分之一" in shown and "法定代表人未持" in shown


def test_a_certificate_voided_keeps_its_number(qtbot: QtBot, window: MainWindow,
                                               home: Station, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    helper = crud.create(Volunteer, {"name": "林志愿"}, SYSTEM).id
    records.save_service_record({"date": TODAY, "kind": "community", "category": "wenhua",
                                 "field": "community", "title": "义诊", "headcount": 30},
                                [], [(helper, "4")], [], SYSTEM)
    cert = volunteer_report.issue_certificate(helper, SYSTEM, tmp_path / "c.pdf")
    other = crud.create(Volunteer, {"name": "陈义工"}, SYSTEM).id
    records.save_service_record({"date": TODAY, "kind": "community", "category": "wenhua",
                                 "field": "community", "title": "义剪", "headcount": 10},
                                [], [(other, "2")], [], SYSTEM)
    volunteer_report.issue_certificate(other, SYSTEM, tmp_path / "o.pdf")
    contract = window.go("contract")
    assert isinstance(contract, ContractPage)
    register = contract.show_entity("volunteer_certificate")
    register.page_shown()
    qtbot.waitUntil(lambda: register.list_page.model.rowCount() == 2, timeout=5000)
    for text in (cert.cert_no, "林志"):  # by the printed number, by the volunteer's name
        register.list_page.search.clear()
        ime_type(register.list_page.search, text)
        qtbot.waitUntil(lambda: register.list_page.model.rowCount() == 1, timeout=5000)
        assert register.list_page.model.id_at(0) == cert.id
    view = register.list_page.view
    view.setFocus()
    view.setCurrentIndex(register.list_page.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: register.detail is not None, timeout=5000)
    page = contract.current().detail
    assert isinstance(page, CertificatePage)
    assert page.reprint_button.isEnabled()

    seen = answer_box(qtbot, "确定")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert "作废须写明原因" in seen[0]
    assert VolunteerCertificate.get_by_id(cert.id).voided_on is None  # nothing written

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("姓名打错", True))
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    row = VolunteerCertificate.get_by_id(cert.id)
    assert row.void_reason == "姓名打错" and row.voided_on == TODAY
    assert not page.reprint_button.isEnabled() and not page.void_button.isEnabled()
    assert "已作废：姓名打错" in page.status.text()

    again = volunteer_report.issue_certificate(helper, SYSTEM, tmp_path / "d.pdf")
    assert again.cert_no != cert.cert_no and again.cert_no.endswith("-0003")
