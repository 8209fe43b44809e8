"""A case's structured file: goals, closure with attainments, follow-up, referral receipts."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk.errors import NotFoundError, ValidationError
from swdesk.model import (
    AuditEntry,
    Case,
    CaseGoal,
    CaseLog,
    ChangeLog,
    Client,
    Questionnaire,
    QuestionnaireResponse,
    Referral,
)
from swdesk.services import case_closure, case_goals, cases, crud
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.case_closure import Closure

TODAY = dt.date.today()
OPENED = TODAY - dt.timedelta(days=90)
CLOSED = TODAY - dt.timedelta(days=40)


def _case(stage: str = "intervention") -> Case:
    client = crud.create(Client, {"name": "林阿婆"}, SYSTEM)
    return crud.create(Case, {"client": client.id, "opened_on": OPENED, "stage": stage,
                              "problem": "独居，子女在外地"}, SYSTEM)


def _three_goals(case: Case) -> list[CaseGoal]:
    return [case_goals.add_goal(case.id, {"goal": goal, "measures": measures,
                                          "target_on": OPENED + dt.timedelta(days=60)}, SYSTEM)
            for goal, measures in (("建立稳定的支持网络", "链接邻里守望志愿者每周探访"),
                                   ("改善饮食", "申请长者助餐"),
                                   ("缓解孤独情绪", "参加社区长者小组"))]


def _counts() -> tuple[int, int, int]:
    return ChangeLog.select().count(), AuditEntry.select().count(), CaseGoal.select().count()


def test_goals_are_numbered_moved_and_renumbered_after_a_delete(sdb: object) -> None:
    case = _case()
    first, second, third = _three_goals(case)
    assert [g.seq for g in case_goals.goals(case.id)] == [1, 2, 3]
    case_goals.move_goal(third.id, -1, SYSTEM)
    assert [g.goal for g in case_goals.goals(case.id)] == ["建立稳定的支持网络", "缓解孤独情绪",
                                                           "改善饮食"]
    case_goals.move_goal(first.id, -1, SYSTEM)  # already first: stays
    case_goals.edit_goal(second.id, {"measures": "申请长者助餐并跟进用餐情况"}, SYSTEM)
    case_goals.delete_goal(first.id, SYSTEM)
    lines = case_goals.goal_lines(case.id)
    assert [(g.seq, g.goal) for g in lines] == [(1, "缓解孤独情绪"), (2, "改善饮食")]
    assert lines[1].measures == "申请长者助餐并跟进用餐情况"
    assert CaseGoal.get_by_id(first.id).deleted


def test_a_bad_goal_is_refused_and_nothing_written(sdb: object) -> None:
    case = _case()
    before = _counts()
    with pytest.raises(ValidationError, match="目标：不能为空"):
        case_goals.add_goal(case.id, {"measures": "只写了措施"}, SYSTEM)
    with pytest.raises(ValidationError, match="预计完成日期不能早于开案日期"):
        case_goals.add_goal(case.id, {"goal": "改善饮食",
                                      "target_on": OPENED - dt.timedelta(days=1)}, SYSTEM)
    with pytest.raises(ValidationError, match="服务目标没有这些项：case"):
        case_goals.add_goal(case.id, {"goal": "改善饮食", "case": 999}, SYSTEM)
    assert _counts() == before


def test_a_case_with_three_goals_closes_with_a_follow_up(sdb: object) -> None:
    case = _case()
    goals = _three_goals(case)
    attainments = dict(zip([g.id for g in goals], ("met", "partly", "met"), strict=True))
    closed = case_closure.close_case(case.id, Closure(
        closed_on=CLOSED, reason="goals_met", satisfaction="5", summary="目标基本达成",
        attainments=attainments, notes={goals[1].id: "助餐已申请，仍需家属配合"}), SYSTEM)
    assert (closed.stage, closed.closed_on, closed.closure_reason, closed.satisfaction) == (
        "closed", CLOSED, "goals_met", "5")
    assert closed.follow_up_on == case_closure.add_months(CLOSED, 1)
    stored = {g.id: (g.attainment, g.attainment_note) for g in case_goals.goals(case.id)}
    assert stored == {goals[0].id: ("met", None),
                      goals[1].id: ("partly", "助餐已申请，仍需家属配合"),
                      goals[2].id: ("met", None)}
    assert case_closure.follow_up(closed, TODAY).state == "overdue"

    done_on = CLOSED + dt.timedelta(days=32)
    after = case_closure.record_follow_up(case.id, SYSTEM, followed_up_on=done_on,
                                          note="老人生活稳定，按时用餐", way="home_visit")
    assert (after.followed_up_on, after.follow_up_note) == (done_on, "老人生活稳定，按时用餐")
    log = CaseLog.get(CaseLog.case == case.id)
    assert (log.date, log.way, log.content) == (done_on, "home_visit",
                                                "回访：老人生活稳定，按时用餐")
    assert case_closure.follow_up(after).words(TODAY) == f"已于 {done_on} 回访"


def test_closing_asks_for_each_goal_and_writes_nothing_on_bad_input(sdb: object) -> None:
    case = _case()
    goals = _three_goals(case)
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        case_closure.close_case(case.id, Closure(
            closed_on=CLOSED, reason=None, satisfaction=None, summary="",
            attainments={goals[0].id: "met", goals[1].id: "met"}), SYSTEM)
    errors = caught.value.errors
    assert errors["closure_reason"] == "结案原因：不能为空"
    assert errors["satisfaction"] == "服务对象满意度：不能为空"
    assert errors["closure_summary"] == "结案小结：不能为空"
    assert errors[case_closure.goal_key(goals[2].id)] == "请填写目标3“缓解孤独情绪”的达成情况"
    assert set(errors) == {"closure_reason", "satisfaction", "closure_summary",
                           case_closure.goal_key(goals[2].id)}
    # the first two goals' attainments were valid, yet nothing of the closure was kept
    assert _counts() == before
    assert Case.get_by_id(case.id).stage == "intervention"
    assert all(g.attainment is None for g in case_goals.goals(case.id))

    full = {g.id: "met" for g in goals}
    for follow_up_on, message in ((CLOSED, "计划回访日期应在结案日期"),
                                  ("2026-02-30", "计划回访日期")):
        with pytest.raises(ValidationError, match=message):
            case_closure.close_case(case.id, Closure(
                closed_on=CLOSED, reason="goals_met", satisfaction="4", summary="达成",
                attainments=full, follow_up_on=follow_up_on), SYSTEM)
    with pytest.raises(ValidationError, match="不是有效的达成情况"):
        case_closure.close_case(case.id, Closure(
            closed_on=CLOSED, reason="goals_met", satisfaction="4", summary="达成",
            attainments={**full, goals[0].id: "差不多"}), SYSTEM)
    with pytest.raises(ValidationError, match="结案日期"):
        case_closure.close_case(case.id, Closure(
            closed_on=TODAY + dt.timedelta(days=1), reason="goals_met", satisfaction="4",
            summary="达成", attainments=full), SYSTEM)
    assert _counts() == before


def test_a_client_who_died_gives_no_satisfaction_and_gets_no_visit(sdb: object) -> None:
    case = _case()
    closed = case_closure.close_case(case.id, Closure(
        closed_on=CLOSED, reason="服务对象去世", satisfaction=None, summary="服务对象病逝"),
        SYSTEM)
    assert (closed.closure_reason, closed.satisfaction, closed.follow_up_on) == (
        "died", None, None)
    assert case_closure.follow_up(closed).state == "none"


def test_the_follow_up_date_is_editable_and_its_record_checked(sdb: object) -> None:
    case = _case()
    later = CLOSED + dt.timedelta(days=14)
    case_closure.close_case(case.id, Closure(
        closed_on=CLOSED, reason="client_request", satisfaction="4", summary="服务对象要求结案",
        follow_up_on=later), SYSTEM)
    assert Case.get_by_id(case.id).follow_up_on == later
    with pytest.raises(ValidationError, match="个案已于"):
        case_closure.close_case(case.id, Closure(CLOSED, "goals_met", "5", "再结一次"), SYSTEM)
    before = _counts()
    with pytest.raises(ValidationError, match="回访日期不能早于结案日期"):
        case_closure.record_follow_up(case.id, SYSTEM, followed_up_on=CLOSED
                                      - dt.timedelta(days=1), note="电话回访", way="phone")
    with pytest.raises(ValidationError, match="回访情况：不能为空"):
        case_closure.record_follow_up(case.id, SYSTEM, followed_up_on=TODAY, note=" ")
    assert _counts() == before and CaseLog.select().count() == 0
    with pytest.raises(ValidationError, match="个案结案后才能回访"):
        case_closure.record_follow_up(_case().id, SYSTEM, followed_up_on=TODAY, note="x")


def test_the_stage_strip_cannot_close_a_case(sdb: object) -> None:
    case = _case()
    with pytest.raises(ValidationError, match="请用“结案…”"):
        cases.change_stage(case.id, "closed", SYSTEM)
    assert cases.change_stage(case.id, "evaluation", SYSTEM).stage == "evaluation"
    with pytest.raises(ValidationError, match="个案结案后才有回访"):
        crud.update(Case, case.id, {"follow_up_on": TODAY}, SYSTEM)


def test_a_log_s_next_step_is_not_before_its_date(sdb: object) -> None:
    case = _case()
    with pytest.raises(ValidationError, match="下一步日期不能早于记录日期"):
        cases.add_case_log(case.id, {"date": TODAY, "way": "phone", "content": "电话",
                                     "next_step_on": TODAY - dt.timedelta(days=1)}, SYSTEM)
    log = cases.add_case_log(case.id, {"date": TODAY - dt.timedelta(days=1), "way": "phone",
                                       "content": "电话", "next_step": "下周上门",
                                       "next_step_on": TODAY}, SYSTEM)
    assert log.next_step_on == TODAY


def test_a_referral_s_receipt(sdb: object) -> None:
    case = _case()
    referral = case_closure.add_referral(case.id, {
        "direction": "out", "date": OPENED + dt.timedelta(days=5),
        "organisation": "思明区残联", "reason": "申请辅具"}, SYSTEM)
    with pytest.raises(ValidationError) as caught:
        case_closure.record_receipt(referral.id, SYSTEM, receipt_on=OPENED, receipt_note="")
    assert "回执情况：不能为空" in str(caught.value)
    with pytest.raises(ValidationError, match="回执日期不能早于转介日期"):
        case_closure.record_receipt(referral.id, SYSTEM, receipt_on=OPENED,
                                    receipt_note="已受理")
    assert Referral.get_by_id(referral.id).receipt_on is None
    done = case_closure.record_receipt(referral.id, SYSTEM, receipt_on=OPENED
                                       + dt.timedelta(days=9), receipt_note="已受理，轮椅已配发",
                                       result="辅具已到位")
    assert (done.receipt_note, done.result) == ("已受理，轮椅已配发", "辅具已到位")


def test_a_case_is_found_by_the_number_people_see(sdb: object) -> None:
    case = _case()
    assert case.case_no == f"XM-SM-001-{OPENED.year}-0001"
    assert cases.find(case.case_no).id == case.id
    assert cases.find(case.case_no.lower()).id == case.id
    assert cases.find(str(case.id)).id == case.id
    assert cases.find(case.uid).id == case.id
    with pytest.raises(NotFoundError, match="找不到编号为 XM-SM-001-2020-0099 的个案"):
        cases.find("XM-SM-001-2020-0099")
    crud.delete(Case, case.id, SYSTEM)
    with pytest.raises(NotFoundError, match="已被删除"):
        cases.find(case.case_no)


def test_assessments_list_the_stored_scores(sdb: object) -> None:
    case = _case()
    Questionnaire.create(code="elder_ability", zh="老年人能力评估", en="Elderly ability",
                         definition="{}")
    for phase, score, band in (("assessment", 72, "轻度失能"), ("post", 80, "能力完好")):
        QuestionnaireResponse.create(questionnaire="elder_ability", phase=phase, date=OPENED,
                                     case=case.id, client=case.client_id, answers="{}",
                                     score=score, band=band)
    [line] = cases.assessments(case.id)
    assert (line.questionnaire, line.score, line.band) == ("老年人能力评估", 72, "轻度失能")


def test_a_case_s_referrals_listed_and_masked_for_a_stranger(sdb: object) -> None:
    case = _case()
    out = case_closure.add_referral(case.id, {
        "direction": "out", "date": OPENED, "organisation": "思明区残联",
        "reason": "申请辅具"}, SYSTEM)
    case_closure.add_referral(case.id, {"direction": "in", "date": OPENED,
                                        "organisation": "莲前街道办", "reason": "低保家庭"}, SYSTEM)
    case_closure.record_receipt(out.id, SYSTEM, receipt_on=TODAY, receipt_note="已受理",
                                result="获配轮椅")
    lines = case_closure.referral_lines(case.id, SYSTEM)
    assert [(x.direction, x.organisation, x.reason, x.result, x.receipt_on, x.receipt_note)
            for x in lines] == [("转出", "思明区残联", "申请辅具", "获配轮椅", TODAY, "已受理"),
                                ("转入", "莲前街道办", "低保家庭", "", None, "")]
    # A worker with no case of this client sees the organisation, not what it was about.
    stranger = Actor("wang", "worker", worker_id=None)
    first = case_closure.referral_lines(case.id, stranger)[0]
    assert (first.organisation, first.reason, first.receipt_note) == ("思明区残联", "****",
                                                                      "****")


def test_an_older_client_is_offered_the_ability_assessment_first(sdb: object) -> None:
    case = _case()
    client = case.client
    assert not cases.is_elderly(client)
    first = cases.assessment_questionnaires(case.id)[0].code
    assert first != "satisfaction"  # one meant for an assessment comes before the survey
    crud.update(Client, client.id, {"target_groups": ["elderly_empty_nest"]}, SYSTEM)
    assert cases.is_elderly(crud.get(Client, client.id))
    codes = [d.code for d in cases.assessment_questionnaires(case.id)]
    assert codes[0] == "elderly_ability" and "satisfaction" in codes
    born = TODAY.replace(year=TODAY.year - 60) if (TODAY.month, TODAY.day) != (2, 29) \
        else dt.date(TODAY.year - 60, 3, 1)
    assert cases.is_elderly(Client(birth_date=born), TODAY)
    assert not cases.is_elderly(Client(birth_date=born + dt.timedelta(days=1)), TODAY)


def test_an_assessment_shows_its_band_by_name(sdb: object) -> None:
    case = _case()
    QuestionnaireResponse.create(questionnaire="elderly_ability", phase="assessment",
                                 date=OPENED, case=case.id, client=case.client_id,
                                 answers="{}", score=88, band="mild")
    [line] = cases.assessments(case.id)
    assert (line.score, line.band) == (88, "能力轻度受损（轻度失能）")
