"""Questionnaires: built-in definitions installed, scored, banded, saved and compared."""

from __future__ import annotations

import json
from typing import Any

import pytest

from swdesk.errors import PermissionDeniedError, ValidationError
from swdesk.model import AuditEntry, Case, ChangeLog, Client, Worker, database
from swdesk.model.questionnaires import Questionnaire, QuestionnaireResponse
from swdesk.questionnaire_defs import builtin, install_builtin, parse, store
from swdesk.services import crud, questionnaires
from swdesk.services.actor import SYSTEM, Actor

ABILITY = "elderly_ability"


def all_answers(code: str, pick: Any = max) -> dict[str, str]:
    """Every choice item answered with the option of the highest (or lowest …) score."""
    defn = questionnaires.definition(code)
    return {i.code: pick(i.options, key=lambda o: o.score).code
            for i in defn.items if i.kind == "choice" and i.scored}


def ability_with_total(total: int, **extra: str) -> dict[str, str]:
    """Answers of the ability assessment that add up to ``total``, taking points off item
    by item from the best answers (the 不计分 part answered "no" unless ``extra`` says)."""
    defn = questionnaires.definition(ABILITY)
    answers = all_answers(ABILITY)
    short = defn.max_total - total
    for item in defn.items:
        if not item.scored or short == 0:
            continue
        best = max(o.score for o in item.options)
        option = min((o for o in item.options if best - o.score <= short and o.code != "coma"),
                     key=lambda o: o.score)
        answers[item.code] = option.code
        short -= best - option.score
    answers.update({"C1": "no", "C2": "0"})
    answers.update(extra)
    return answers


def test_the_builtin_definitions_are_installed_when_the_database_opens(sdb: object) -> None:
    rows = {r.code: r for r in Questionnaire.select()}
    assert set(rows) == {"satisfaction", "social_support", ABILITY}
    assert all(r.source == "builtin" and r.active for r in rows.values())
    assert rows[ABILITY].zh == "老年人能力评估（GB/T 42195-2022）"
    assert [d.code for d in questionnaires.definitions()] == sorted(rows)


def test_the_ability_assessment_has_the_standards_parts_and_total(sdb: object) -> None:
    defn = questionnaires.definition(ABILITY)
    scored = [p for p in defn.parts if p.scored]
    assert [(p.zh, p.max_score, len(p.items)) for p in scored] == [
        ("自理能力", 32, 8), ("基础运动能力", 15, 4), ("精神状态", 28, 9),
        ("感知觉与社会参与", 15, 5)]
    assert defn.max_total == 90 and sum(len(p.items) for p in scored) == 26
    assert defn.health and "GB/T 42195-2022" in defn.source
    assert [(b.zh, defn.band_range(b)) for b in defn.bands] == [
        ("能力完好", "90"), ("能力轻度受损（轻度失能）", "66–89"),
        ("能力中度受损（中度失能）", "46–65"), ("能力重度受损（重度失能）", "30–45"),
        ("能力完全丧失（完全失能）", "0–29")]


@pytest.mark.parametrize(("total", "band"), [
    (90, "intact"), (89, "mild"), (66, "mild"), (65, "moderate"), (46, "moderate"),
    (45, "severe"), (30, "severe"), (29, "lost"), (0, "lost")])
def test_ability_grades_at_their_boundaries(sdb: object, total: int, band: str) -> None:
    defn = questionnaires.definition(ABILITY)
    scored = questionnaires.score(defn, ability_with_total(total))
    assert (scored.score, scored.band_code, scored.applied) == (total, band, ())
    assert sum(p.score for p in scored.parts) == total


def test_grade_change_rules(sdb: object) -> None:
    defn = questionnaires.definition(ABILITY)
    dementia = questionnaires.score(defn, ability_with_total(80, C1="yes"))
    assert (dementia.initial_band.code, dementia.band_code) == ("mild", "moderate")
    both = questionnaires.score(defn, ability_with_total(80, C1="yes", C2="2"))
    assert both.band_code == "moderate" and len(both.applied) == 2  # one grade, not two
    once = questionnaires.score(defn, ability_with_total(80, C2="1"))
    assert once.band_code == "mild"  # one risk event changes nothing
    bottom = questionnaires.score(defn, ability_with_total(10, C1="yes"))
    assert bottom.band_code == "lost"  # nothing below the last grade
    coma = questionnaires.score(defn, ability_with_total(60, **{"B3.9": "coma"}))
    assert (coma.score, coma.band_code) == (58, "lost")  # coma: completely lost, whatever the score


def test_satisfaction_band_is_read_from_the_mean(sdb: object) -> None:
    defn = questionnaires.definition("satisfaction")
    answers = {i.code: "4" for i in defn.items if i.kind == "choice"}
    answers["overall"] = "3"
    scored = questionnaires.score(defn, answers)
    assert (scored.score, scored.mean, scored.band_code) == (23, 3.83, "neutral")
    answers["overall"] = "5"
    assert questionnaires.score(defn, {**answers, "comments": "很好"}).band_code == "satisfied"


def test_reverse_scored_items_count_backwards(sdb: object) -> None:
    defn = questionnaires.definition("social_support")
    answers = {i.code: "5" for i in defn.items}
    scored = questionnaires.score(defn, answers)
    assert [p.score for p in scored.parts] == [25, 5 + 5 + 1 + 1 + 1]  # q6–q8 reversed
    assert scored.band is None and defn.bands == ()


def test_bad_answers_are_named_item_by_item(sdb: object) -> None:
    defn = questionnaires.definition("satisfaction")
    with pytest.raises(ValidationError) as caught:
        questionnaires.score(defn, {"attitude": "7", "nonsense": "1"})
    errors = caught.value.errors
    assert "“7”不是可选的答案" in errors["attitude"] and "第 1 题" in errors["attitude"]
    assert "请选择一个答案" in errors["needs"] and "comments" not in errors
    assert "nonsense" in errors


def make_case(worker: Worker | None = None) -> Case:
    client = crud.create(Client, {"name": "林阿婆"}, SYSTEM)
    return crud.create(Case, {"client": client.id, "opened_on": "2026-03-01", "stage": "intake",
                              "problem": "独居", **({"worker": worker.id} if worker else {})},
                       SYSTEM)


def test_record_saves_score_band_audit_and_change(sdb: object) -> None:
    case = make_case()
    answers = ability_with_total(70)
    response = questionnaires.record(SYSTEM, ABILITY, "ability", answers, date="2026-03-02",
                                     case_id=case.id)
    row = QuestionnaireResponse.get_by_id(response.id)
    assert (row.questionnaire, row.q_version, row.score, row.band) == (ABILITY, 1, 70, "mild")
    assert row.client_id == case.client_id  # taken from the case
    assert json.loads(row.answers) == answers
    assert ChangeLog.get(ChangeLog.row_uid == row.uid).entity == "questionnaire_response"
    audit = AuditEntry.get(AuditEntry.row_uid == row.uid)
    assert audit.action == "create" and "answers" in audit.detail and "B1.1" not in audit.detail


def counts() -> tuple[int, int, int]:
    return (QuestionnaireResponse.select().count(), ChangeLog.select().count(),
            AuditEntry.select().count())


def test_record_refuses_and_writes_nothing(sdb: object) -> None:
    before = counts()
    with pytest.raises(ValidationError) as caught:
        questionnaires.record(SYSTEM, ABILITY, "ability", {"B1.1": "9"}, date="2099-01-01")
    errors = caught.value.errors
    assert "B1.1" in errors and "B1.2" in errors  # every item named
    assert "服务对象" in errors["client"]  # health data is about one person
    assert "date" in errors
    with pytest.raises(ValidationError, match="不是有效的用途"):
        questionnaires.record(SYSTEM, "satisfaction", "nonsense",
                              all_answers("satisfaction"), date="2026-03-02")
    assert counts() == before


def test_an_anonymous_survey_needs_no_client(sdb: object) -> None:
    from swdesk.model.groupwork import CommunityActivity

    activity = CommunityActivity.create(
        title="重阳敬老活动", category="jinglao", field="welfare", status="held",
        planned_on="2026-10-29", aims="敬老", unnamed_count=0, origin="XM-SM-001")
    row = questionnaires.record(SYSTEM, "satisfaction", "satisfaction",
                                all_answers("satisfaction"), date="2026-03-02",
                                activity_id=activity.id)
    assert (row.score, row.band, row.client_id) == (30, "satisfied", None)
    other = Actor("wang", "worker", worker_id=crud.create(Worker, {"name": "王"}, SYSTEM).id)
    assert questionnaires.stored_answers(other, row)["overall"] == "5"  # about nobody
    loose = questionnaires.record(SYSTEM, "satisfaction", "satisfaction",
                                  all_answers("satisfaction"), date="2026-03-02")
    with pytest.raises(PermissionDeniedError):  # linked to nothing: kept to the heads
        questionnaires.stored_answers(other, loose)


def test_answers_follow_the_clients_privacy_rule(sdb: object) -> None:
    mine = crud.create(Worker, {"name": "李社工"}, SYSTEM)
    case = make_case(mine)
    row = questionnaires.record(SYSTEM, ABILITY, "ability", ability_with_total(50),
                                date="2026-03-02", case_id=case.id)
    assert questionnaires.stored_answers(Actor("li", "worker", worker_id=mine.id), row)
    other = Actor("wang", "worker", worker_id=crud.create(Worker, {"name": "王"}, SYSTEM).id)
    with pytest.raises(PermissionDeniedError, match="无权查看"):
        questionnaires.stored_answers(other, row)


def test_pre_and_post_compared_per_member(sdb: object) -> None:
    from swdesk.model.groupwork import GroupMember, WorkGroup

    group = WorkGroup.create(name="长者互助小组", category="jinglao", field="welfare",
                             status="planned", aims="减少孤独感", origin="XM-SM-001")
    a, b = (crud.create(Client, {"name": n}, SYSTEM) for n in ("甲", "乙"))
    for member in (a, b):
        crud.create(GroupMember, {"work_group": group.id, "client": member.id}, SYSTEM)
    low = {f"q{n}": "2" for n in range(1, 11)}
    high = {f"q{n}": "4" for n in range(1, 11)}
    for client, pre, post in ((a, low, high), (b, high, None)):
        questionnaires.record(SYSTEM, "social_support", "pre", pre, date="2026-03-02",
                              client_id=client.id, work_group_id=group.id)
        if post:
            questionnaires.record(SYSTEM, "social_support", "post", post, date="2026-05-02",
                                  client_id=client.id, work_group_id=group.id)
    changes = questionnaires.group_changes(group.id, "social_support")
    assert len(changes) == 1  # 乙 has no post-test
    change = changes[0]
    # low: 7 items × 2 + 3 reversed × 4 = 26; high: 7 × 4 + 3 × 2 = 34
    assert (change.client_id, change.pre_score, change.post_score, change.delta) == (
        a.id, 26, 34, 8)
    assert change.parts == (("社会支持", 10, 20), ("孤独感与人际联结", 16, 14))


def test_a_newer_city_definition_survives_the_builtin_install(sdb: object) -> None:
    raw = json.loads(questionnaires.definition("satisfaction").text)
    raw.update(version=2, zh="服务满意度调查（市级修订）")
    with database.atomic():
        assert store(parse(raw), "city")
    from swdesk import settings

    settings.QUESTIONNAIRE_HASH.set("")  # as after a program upgrade
    install_builtin()
    held = Questionnaire.get(Questionnaire.code == "satisfaction")
    assert (held.version, held.source, held.zh) == (2, "city", "服务满意度调查（市级修订）")
    assert len(builtin()) == 3


def bad(**change: Any) -> dict[str, Any]:
    raw = json.loads(questionnaires.definition("satisfaction").text)
    raw.update(change)
    return raw


@pytest.mark.parametrize(("raw", "message"), [
    ("not an object", "JSON 对象"),
    ({"code": "Bad Code"}, "编码"),
    (lambda: bad(version=0), "version"),
    (lambda: bad(basis="median"), "basis"),
    (lambda: bad(surprise=1), "未知的项目 surprise"),
    (lambda: bad(bands=[{"code": "a", "zh": "高", "en": "High", "min": 3},
                        {"code": "b", "zh": "低", "en": "Low", "min": 4}]), "从高到低"),
    (lambda: bad(bands=[{"code": "a", "zh": "高", "en": "High", "min": 3}]), "最低的等级"),
    (lambda: bad(parts=[]), "parts"),
    (lambda: bad(parts=[{"code": "A", "zh": "甲", "en": "A", "items": [
        {"code": "x", "zh": "题", "en": "Q", "options": [
            {"code": "1", "zh": "一", "en": "one", "score": 1}]}]}]), "2～10 个答案"),
    (lambda: bad(parts=[{"code": "A", "zh": "甲", "en": "A", "items": [
        {"code": "x", "zh": "题", "en": "Q", "scale": "nope"}]}]), "不存在的答案量表"),
    (lambda: bad(adjustments=[{"item": "attitude", "values": ["9"], "raise": 1,
                               "zh": "z", "en": "e"}]), "等级变更规则"),
])
def test_bad_definitions_are_refused_clearly(sdb: object, raw: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        parse(raw() if callable(raw) else raw)
    assert str(caught.value).startswith("问卷定义")


def test_lists_show_the_questionnaire_and_band_by_name(sdb: object) -> None:
    from swdesk.services import display, lists

    case = make_case()
    row = questionnaires.record(SYSTEM, ABILITY, "ability", ability_with_total(70),
                                date="2026-03-02", case_id=case.id)
    ids = lists.list_ids(lists.ListQuery("questionnaire_response"))
    cells = lists.fetch_rows("questionnaire_response", ids)[row.id]
    assert display.row_title(cells) == "老年人能力评估（GB/T 42195-2022） 2026-03-02"
    shown = lists.list_rows("questionnaire_response", ids, SYSTEM, None)[row.id].cells
    assert "老年人能力评估（GB/T 42195-2022）" in shown
    assert "能力轻度受损（轻度失能）" in shown and "70" in shown
