"""A station's three methods' files, made as a person makes them (crud and the records
service): a case with its goals, a group with members and two sessions, a community
activity held, questionnaire responses, an evaluation's score per indicator. For the sync
and hub tests of data schema 2."""

from __future__ import annotations

import datetime as dt

from swdesk.model import (
    Case,
    CaseGoal,
    Client,
    Evaluation,
    EvaluationScore,
    GroupMember,
    Indicator,
    Project,
    QuestionnaireResponse,
    ServiceRecord,
    Station,
    Worker,
    WorkGroup,
    database,
)
from swdesk.services import activities, crud, journal
from swdesk.services.actor import SYSTEM
from swdesk.services.records import save_service_record
from swdesk.services.this_station import station_code

DAY = dt.date(2024, 3, 4)


def make_files(tag: str = "") -> dict[str, list[str]]:
    """Rows of every new entity (and the links schema 2 added), in the bound station
    database; their uids by table."""
    station = Station.select().get()
    worker = crud.create(Worker, {"name": f"李晓红{tag}", "station": station.id}, SYSTEM)
    project = crud.create(Project, {
        "name": f"长者关爱项目{tag}", "purchaser": "嘉莲街道办事处", "station": station.id,
        "start_on": dt.date(2024, 1, 1), "end_on": dt.date(2024, 12, 31),
        "budget": "300000"}, SYSTEM)
    clients = [crud.create(Client, {"name": name + tag, "station": station.id}, SYSTEM)
               for name in ("陈阿婆", "林阿公", "黄阿姨")]
    case = crud.create(Case, {
        "client": clients[0].id, "worker": worker.id, "opened_on": DAY, "stage": "plan",
        "problem": "独居，行动不便", "project": project.id}, SYSTEM)
    goals = [crud.create(CaseGoal, {"case": case.id, "seq": n, "goal": goal,
                                    "target_on": dt.date(2024, 6, 30)}, SYSTEM)
             for n, goal in enumerate(("每周两次探访", "链接社区志愿者"), 1)]
    group = crud.create(WorkGroup, {
        "name": f"长者健康互助小组{tag}", "worker": worker.id, "project": project.id,
        "category": "jinglao", "field": "welfare", "status": "running",
        "planned_start": DAY, "planned_sessions": 6, "aims": "增进健康知识"}, SYSTEM)
    members = [crud.create(GroupMember, {"work_group": group.id, "client": c.id,
                                         "joined_on": DAY}, SYSTEM) for c in clients[1:]]
    sessions = [save_service_record({
        "date": DAY + dt.timedelta(days=7 * n), "kind": "group", "category": "jinglao",
        "field": "welfare", "title": f"第{n + 1}节", "worker": worker.id,
        "project": project.id, "station": station.id, "work_group": group.id,
        "session_no": n + 1, "observations": "组员积极"}, [c.id for c in clients[1:]],
        [], [], SYSTEM) for n in range(2)]
    activity = activities.save_plan({
        "title": f"邻里元宵游园会{tag}", "worker": worker.id, "project": project.id,
        "category": "jinglao", "field": "community", "planned_on": dt.date(2024, 2, 24),
        "aims": "促进邻里交往"}, SYSTEM)
    held = activities.hold(SYSTEM, int(activity.id), participants=[c.id for c in clients],
                           unnamed_count=40, held_on=dt.date(2024, 2, 24))
    responses = [_response("loneliness", phase, client=clients[1], work_group=group,
                           worker=worker) for phase in ("pre", "post")]
    responses.append(_response("satisfaction", "satisfaction", client=clients[2],
                               activity=activity))
    indicator = crud.create(Indicator, {"project": project.id, "kind": "cases", "target": 20},
                            SYSTEM)
    evaluation = crud.create(Evaluation, {"project": project.id, "kind": "annual",
                                          "year_no": 1, "evaluated_on": dt.date(2025, 1, 10),
                                          "grade": "good"}, SYSTEM)
    score = crud.create(EvaluationScore, {"evaluation": evaluation.id,
                                          "indicator": indicator.id, "score": 18}, SYSTEM)
    return {
        "evaluation_score": [score.uid],
        "case": [case.uid], "case_goal": [g.uid for g in goals], "work_group": [group.uid],
        "group_member": [m.uid for m in members],
        "service_record": [r.uid for r in (*sessions, held)],
        "community_activity": [activity.uid],
        "questionnaire_response": [r.uid for r in responses],
        "client": [c.uid for c in clients], "project": [project.uid], "worker": [worker.uid]}


def _response(code: str, phase: str, **links: object) -> QuestionnaireResponse:
    """A filled-in questionnaire as the questionnaires service stores one (its code, answers
    and score are not typed in a form, so crud does not take them): row and change."""
    with database.atomic():
        row = QuestionnaireResponse.create(
            questionnaire=code, q_version=1, phase=phase, date=DAY, answers='{"1": 3}',
            score=3, band="low", origin=station_code(), **links)
        journal.record_change(row, "insert")
    return row


def links_of(uids: dict[str, list[str]]) -> dict[str, str | None]:
    """Where the station's new links point: ``table.field.uid`` -> the linked row's uid."""
    out: dict[str, str | None] = {}
    for model, fields in ((Case, ("project",)), (CaseGoal, ("case",)),
                          (GroupMember, ("work_group", "client")),
                          (ServiceRecord, ("work_group", "activity")),
                          (QuestionnaireResponse, ("client", "work_group", "activity"))):
        table = model._meta.table_name
        for row in model.select().where(model.uid.in_(uids[table])):
            for name in fields:
                linked = getattr(row, name)
                out[f"{table}.{name}.{row.uid}"] = linked.uid if linked else None
    return out
