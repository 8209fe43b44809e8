"""Evaluations, agencies, complaints and the certificate register by the contract's rules,
and the 工作台's warnings appearing and going away as the data changes (fixed clock)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from swdesk import settings
from swdesk.errors import ValidationError
from swdesk.model import (
    Agency,
    Complaint,
    Evaluation,
    EvaluationScore,
    Indicator,
    Project,
    ServiceRecord,
    Station,
    Volunteer,
    VolunteerCertificate,
)
from swdesk.reports import volunteer as volunteer_report
from swdesk.services import (
    contract_warnings,
    contract_year,
    crud,
    dashboard,
    evaluation_scores,
    records,
)
from swdesk.services.actor import SYSTEM

TODAY = dt.date(2026, 6, 15)


def _project(start: dt.date = dt.date(2024, 7, 1), end: dt.date = dt.date(2027, 6, 30),
             ) -> Project:
    return crud.create(Project, {"name": "思明社工站项目", "purchaser": "街道",
                                 "start_on": start, "end_on": end, "budget": "300000"}, SYSTEM)


def _kinds(today: dt.date = TODAY) -> list[str]:
    return [w.kind for w in contract_warnings.warnings(today)]


def test_consequence_of_each_grade() -> None:
    assert "续签" in contract_year.consequence("excellent")
    assert "终止合同" in contract_year.consequence("fail")
    assert "不得续签" in contract_year.consequence("good")
    assert "不得续签" in contract_year.consequence("pass")


def test_an_evaluation_per_year_clears_the_warning(sdb: object) -> None:
    project = _project()
    # Years 1 (to 2025-06-30) ended; year 2 runs to 2026-06-30.
    found = [w for w in contract_warnings.warnings(TODAY) if w.kind == "not_evaluated"]
    assert len(found) == 1 and "第1执行年度" in found[0].text and found[0].page == "evaluation"
    crud.create(Evaluation, {"project": project.id, "kind": "annual", "year_no": 1,
                             "evaluated_on": dt.date(2025, 7, 20), "grade": "good",
                             "evaluator": "厦门市社会工作协会"}, SYSTEM)
    assert "not_evaluated" not in _kinds()
    # A year later, year 2 is over and not evaluated.
    later = dt.date(2026, 7, 10)
    assert [w.text for w in contract_warnings.warnings(later)
            if w.kind == "not_evaluated"] == [
        "「思明社工站项目」第2执行年度已于 2026-06-30 结束，尚未登记评估"]
    crud.create(Evaluation, {"project": project.id, "kind": "annual", "year_no": 2,
                             "evaluated_on": later, "grade": "excellent"}, SYSTEM)
    assert "not_evaluated" not in _kinds(later)
    assert Evaluation.select().count() == 2


def test_an_evaluation_outside_the_contract_is_refused(sdb: object) -> None:
    project = _project()
    with pytest.raises(ValidationError) as err:
        crud.create(Evaluation, {"project": project.id, "kind": "annual", "year_no": 4,
                                 "evaluated_on": dt.date(2025, 7, 1), "grade": "good"}, SYSTEM)
    assert "执行年度" in str(err.value)
    with pytest.raises(ValidationError) as err:
        crud.create(Evaluation, {"project": project.id, "kind": "annual", "year_no": 1,
                                 "evaluated_on": dt.date(2024, 1, 1), "grade": "good"}, SYSTEM)
    assert err.value.errors["evaluated_on"] == "评估日期：不能早于合同开始日期"
    assert Evaluation.select().count() == 0


def test_contract_ending_says_renew_or_not_by_the_last_grade(sdb: object) -> None:
    project = _project(dt.date(2024, 7, 1), dt.date(2026, 8, 31))
    ending = [w for w in contract_warnings.warnings(TODAY) if w.kind == "ending"]
    assert len(ending) == 1 and "还有 77 天" in ending[0].text
    assert "尚无评估等级" in ending[0].action and ending[0].row_id == project.id
    crud.create(Evaluation, {"project": project.id, "kind": "annual", "year_no": 1,
                             "evaluated_on": dt.date(2025, 7, 1), "grade": "excellent"}, SYSTEM)
    ending = [w for w in contract_warnings.warnings(TODAY) if w.kind == "ending"]
    assert "可办理续签" in ending[0].action
    crud.create(Evaluation, {"project": project.id, "kind": "midterm", "year_no": 2,
                             "evaluated_on": dt.date(2026, 1, 5), "grade": "pass"}, SYSTEM)
    ending = [w for w in contract_warnings.warnings(TODAY) if w.kind == "ending"]
    assert "不得续签" in ending[0].action
    assert "ending" not in _kinds(dt.date(2026, 5, 1))  # 122 days before: not yet


def test_indicator_behind_its_pro_rata_target(sdb: object) -> None:
    project = _project(dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    crud.create(Indicator, {"project": project.id, "kind": "activities", "target": 12}, SYSTEM)
    # On 1 July half the year is gone: 6 activities are due, none held.
    day = dt.date(2026, 7, 1)
    behind = [w for w in contract_warnings.warnings(day) if w.kind == "behind"]
    assert len(behind) == 1 and "1 项指标落后于进度" in behind[0].text
    assert "社区活动数：已完成 0，按进度应达 6（年度目标 12）" in behind[0].text
    for n in range(6):
        records.save_service_record({"date": dt.date(2026, 2, 1) + dt.timedelta(days=n),
                                     "kind": "community", "category": "wenhua",
                                     "field": "community", "title": f"活动{n}",
                                     "headcount": 30, "project": project.id},
                                    [], [], [], SYSTEM)
    assert ServiceRecord.live().count() == 6
    assert "behind" not in _kinds(day)


def test_complaint_deadline_by_the_setting_and_overdue(sdb: object) -> None:
    settings.COMPLAINT_DAYS.set(10)
    agency = crud.create(Agency, {"name": "启航社工"}, SYSTEM)
    complaint = crud.create(Complaint, {
        "target": "agency", "agency": agency.id, "channel": "phone",
        "received_on": dt.date(2026, 6, 1),
        "content": "活动通知太晚", "status": "received"}, SYSTEM)
    assert complaint.deadline == dt.date(2026, 6, 11)
    assert not contract_year.overdue(complaint, dt.date(2026, 6, 11))
    assert contract_year.overdue(complaint, dt.date(2026, 6, 12))
    found = [w for w in contract_warnings.warnings(dt.date(2026, 6, 12))
             if w.kind == "complaint_overdue"]
    assert found and found[0].row_id == complaint.id and found[0].page == "complaint"
    crud.update(Complaint, complaint.id, {"status": "closed", "handled_on": dt.date(2026, 6, 12),
                                          "handler": "王站长", "outcome": "已改进通知"}, SYSTEM)
    assert "complaint_overdue" not in _kinds(dt.date(2026, 6, 12))


def test_a_deadline_before_received_is_refused(sdb: object) -> None:
    agency = crud.create(Agency, {"name": "启航社工"}, SYSTEM)
    with pytest.raises(ValidationError) as err:
        crud.create(Complaint, {"target": "agency", "agency": agency.id, "channel": "phone",
                                "received_on": dt.date(2026, 6, 1),
                                "deadline": dt.date(2026, 5, 1), "content": "x",
                                "status": "received"}, SYSTEM)
    assert err.value.errors["deadline"] == "办理期限：不能早于受理日期"
    assert Complaint.select().count() == 0


def test_agency_one_third_rule_and_legal_representative(sdb: object) -> None:
    agency = crud.create(Agency, {"name": "厦门市思明区启航社工服务中心", "fulltime_staff": 9,
                                  "certified_staff": 2, "legal_rep_cert": "assistant"}, SYSTEM)
    check = contract_year.agency_check(agency)
    assert not check.staff_ok and not check.rep_ok
    assert "2/9" in check.share_text and "三分之一" in check.share_text
    agency = crud.update(Agency, agency.id, {"certified_staff": 3,
                                             "legal_rep_cert": "social_worker"}, SYSTEM)
    check = contract_year.agency_check(agency)
    assert check.staff_ok and check.rep_ok


def test_dashboard_carries_the_warnings(sdb: object) -> None:
    _project()
    board = dashboard.dashboard(TODAY, today=TODAY)
    assert [w.kind for w in board.warnings] == ["not_evaluated"]


def _certificate(tmp_path: Path, name: str = "志愿者甲") -> VolunteerCertificate:
    helper = crud.create(Volunteer, {"name": name}, SYSTEM).id
    records.save_service_record({"date": dt.date(2026, 3, 1), "kind": "community",
                                 "category": "wenhua", "field": "community", "title": "义剪",
                                 "headcount": 20}, [], [(helper, "3")], [], SYSTEM)
    return volunteer_report.issue_certificate(helper, SYSTEM, tmp_path / f"{name}.pdf",
                                              today=dt.date(2026, 3, 2))


def test_void_keeps_the_number_taken(sdb: object, home: Station, tmp_path: Path) -> None:
    cert = _certificate(tmp_path)
    assert cert.cert_no.endswith("-ZYZM-2026-0001")
    volunteer_report.reprint_certificate(cert.cert_no, SYSTEM, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").stat().st_size > 1000
    with pytest.raises(ValidationError) as err:
        contract_year.void_certificate(cert.cert_no, "  ", SYSTEM)
    assert "原因" in str(err.value)
    assert VolunteerCertificate.get_by_id(cert.id).voided_on is None
    contract_year.void_certificate(cert.cert_no, "姓名打错", SYSTEM, today=dt.date(2026, 3, 3))
    row = VolunteerCertificate.get_by_id(cert.id)
    assert (row.voided_on, row.void_reason) == (dt.date(2026, 3, 3), "姓名打错")
    with pytest.raises(ValidationError, match="已作废"):
        volunteer_report.reprint_certificate(cert.cert_no, SYSTEM, tmp_path / "no.pdf")
    assert not (tmp_path / "no.pdf").exists()
    second = _certificate(tmp_path, "志愿者乙")
    assert second.cert_no.endswith("-ZYZM-2026-0002")  # the voided number is not given again
    with pytest.raises(ValidationError, match="没有编号为"):
        contract_year.find_certificate("XM-SM-001-ZYZM-2026-9999")


def test_scores_per_indicator_saved_together(sdb: object) -> None:
    project = _project()
    cases = crud.create(Indicator, {"project": project.id, "kind": "cases", "target": 30},
                        SYSTEM)
    groups = crud.create(Indicator, {"project": project.id, "kind": "groups", "target": 6},
                         SYSTEM)
    evaluation = crud.create(Evaluation, {"project": project.id, "kind": "annual",
                                          "year_no": 1, "evaluated_on": dt.date(2025, 7, 20),
                                          "grade": "good"}, SYSTEM)
    assert [(ln.label, ln.score) for ln in evaluation_scores.lines(evaluation.id)] == [
        ("个案数", None), ("小组数", None)]
    with pytest.raises(ValidationError) as err:
        evaluation_scores.save(evaluation.id, {cases.id: ("18", "个案记录完整"),
                                               groups.id: ("120", None)}, SYSTEM)
    assert "小组数" in str(err.value) and "100" in str(err.value)
    assert EvaluationScore.select().count() == 0  # nothing written
    assert evaluation_scores.save(evaluation.id, {cases.id: ("18", "个案记录完整"),
                                                  groups.id: ("9", None)}, SYSTEM) == 2
    assert evaluation_scores.save(evaluation.id, {groups.id: ("", None)}, SYSTEM) == 1
    assert [(ln.label, ln.score, ln.note) for ln in evaluation_scores.lines(evaluation.id)] == [
        ("个案数", 18, "个案记录完整"), ("小组数", None, "")]
