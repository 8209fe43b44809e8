"""The group ledger (小组台账), the community activity ledger (社区活动台账) and case goals:
exported with the columns of their entity descriptions (and a group's sessions and
members, an activity's turnout, counted), groups and activities imported, bad rows in
the annotated copy and not written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from excel_sheets import write_sheet
from openpyxl import load_workbook

from swdesk import excel
from swdesk.model import (
    Case,
    CaseGoal,
    ChangeLog,
    Client,
    CommunityActivity,
    GroupMember,
    Project,
    ServiceRecord,
    Worker,
    WorkGroup,
    database,
    describe,
)
from swdesk.services import activities, crud
from swdesk.services.actor import SYSTEM
from swdesk.services.records import save_service_record

DAY = dt.date(2025, 3, 3)


def _people() -> tuple[Worker, Project, list[Client]]:
    worker = crud.create(Worker, {"name": "李华"}, SYSTEM)
    project = crud.create(Project, {
        "name": "长者关爱项目", "purchaser": "嘉莲街道办事处", "start_on": dt.date(2025, 1, 1),
        "end_on": dt.date(2025, 12, 31), "budget": "300000"}, SYSTEM)
    clients = [crud.create(Client, {"name": n}, SYSTEM) for n in ("陈阿婆", "林阿公", "黄阿姨")]
    return worker, project, clients


def _group(worker: Worker, project: Project, name: str, **values: object) -> WorkGroup:
    return crud.create(WorkGroup, {
        "name": name, "worker": worker.id, "project": project.id, "category": "jinglao",
        "field": "welfare", "status": "running", "planned_start": DAY, "planned_sessions": 6,
        "aims": "增进健康知识", **values}, SYSTEM)


def _session(group: WorkGroup, n: int, clients: list[Client]) -> ServiceRecord:
    return save_service_record({
        "date": DAY + dt.timedelta(days=7 * n), "kind": "group", "category": "jinglao",
        "field": "welfare", "title": f"第{n}节", "worker": group.worker_id,
        "work_group": group.id, "session_no": n}, [c.id for c in clients], [], [], SYSTEM)


def _sheet(path: Path) -> tuple[list[str], list[list[object]]]:
    ws = load_workbook(path).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return [str(h) for h in rows[0]], rows[1:]


def test_group_ledger_export_counts_sessions_and_members(sdb: object, tmp_path: Path) -> None:
    worker, project, clients = _people()
    walking = _group(worker, project, "长者健步小组")
    memory = _group(worker, project, "记忆训练小组", status="planned")
    for c in clients:
        crud.create(GroupMember, {"work_group": walking.id, "client": c.id}, SYSTEM)
    gone = crud.create(GroupMember, {"work_group": memory.id, "client": clients[0].id}, SYSTEM)
    crud.delete(GroupMember, gone.id, SYSTEM)
    for n in (1, 2, 3):
        _session(walking, n, clients[:2])
    deleted = _session(walking, 4, clients[:1])
    crud.delete(ServiceRecord, deleted.id, SYSTEM)
    out = tmp_path / "groups.xlsx"
    assert excel.export("groups", out, SYSTEM) == 2
    headings, rows = _sheet(out)
    fields = [s.label for s in describe(WorkGroup).fields]
    assert headings == [*fields, "已开展节数", "组员人数"]
    by_name = {r[headings.index("小组名称")]: r for r in rows}
    # The counts are those of an independent query: live sessions and members only.
    sql = ('SELECT g.name, (SELECT count(*) FROM service_record r WHERE r.work_group_id = '
           'g.id AND r.deleted = 0), (SELECT count(*) FROM group_member m WHERE '
           'm.work_group_id = g.id AND m.deleted = 0) FROM work_group g')
    for name, sessions, members in database.execute_sql(sql):
        row = by_name[name]
        assert (row[-2], row[-1]) == (sessions, members), name
    assert (by_name["长者健步小组"][-2], by_name["记忆训练小组"][-1]) == (3, 0)
    row = by_name["长者健步小组"]
    assert (row[headings.index("带领社工")], row[headings.index("所属项目")],
            row[headings.index("状态")]) == ("李华", "长者关爱项目", "进行中")
    later = tmp_path / "later.xlsx"
    assert excel.export("groups", later, SYSTEM, date_from=DAY + dt.timedelta(days=1)) == 0


def test_group_ledger_imports_and_reports_bad_rows(sdb: object, tmp_path: Path) -> None:
    worker, project, _clients = _people()
    headings = ["小组名称", "带领社工", "所属项目", "近邻服务类别", "服务领域", "状态",
                "计划开始日期", "计划节数", "小组目标"]
    path = write_sheet(tmp_path / "g.xlsx", [
        headings,
        ["长者健步小组", "李华", "长者关爱项目", "敬老", "社会福利", "进行中", DAY, 6, "健身"],
        ["亲子阅读小组", "王五", None, "敬老", "社会福利", "进行中", DAY, 4, "阅读"],
        ["记忆训练小组", "李华", None, "敬老", "社会福利", "进行中", DAY, 120, "训练"],
        ["情绪支持小组", "李华", None, "敬老", "社会福利", "进行中", DAY, 6, None],
        ["长者健步小组", "李华", None, "敬老", "社会福利", "进行中", DAY, 6, "健身"],
    ], title="嘉莲街道社工站小组台账")
    before = ChangeLog.select().count()
    checked = excel.import_file("groups", path, SYSTEM, dry_run=True,
                                report_to=tmp_path / "check.xlsx")
    assert [r.action for r in checked.rows] == ["add", "error", "error", "error", "duplicate"]
    assert not WorkGroup.select().exists() and ChangeLog.select().count() == before
    assert "找不到社会工作者“王五”" in checked.rows[1].explain()
    assert "计划节数" in checked.rows[2].explain()
    assert "小组目标" in checked.rows[3].explain()
    # The annotated copy: the result beside each row, the errors in words.
    ws = load_workbook(tmp_path / "check.xlsx").active
    results = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=len(headings) + 1).value
               for r in range(3, 8)}
    assert "王五" in results["亲子阅读小组"] and "计划节数" in results["记忆训练小组"]
    report = excel.import_file("groups", path, SYSTEM)
    assert report.added == 1
    stored = WorkGroup.get(WorkGroup.name == "长者健步小组")
    assert (stored.worker_id, stored.project_id, stored.category, stored.status,
            stored.planned_sessions) == (worker.id, project.id, "jinglao", "running", 6)
    assert stored.name_sort  # (in pinyin order in the list, as a group typed in)
    assert ChangeLog.select().where(ChangeLog.row_uid == stored.uid).count() == 1
    again = excel.import_file("groups", path, SYSTEM)
    assert again.rows[0].action == "skip" and WorkGroup.select().count() == 1


def test_activity_ledger_round_trip_with_turnout(sdb: object, tmp_path: Path) -> None:
    _worker, project, clients = _people()
    path = write_sheet(tmp_path / "a.xlsx", [
        ["活动名称", "负责社工", "所属项目", "近邻服务类别", "服务领域", "状态", "活动日期",
         "活动地点", "预计参与人数", "活动目标", "未登记姓名人数"],
        ["邻里元宵游园会", "李华", "长者关爱项目", "敬老", "社区建设", "筹备中",
         dt.date(2025, 2, 12), "莲花社区广场", 80, "促进邻里交往", None],
        ["重阳敬老宴", "李华", None, "敬老", "社区建设", "筹备中", None, None, None,
         "敬老", None],
        ["端午包粽子", "李华", None, "敬老", "社区建设", "未知状态", dt.date(2025, 5, 30),
         None, None, "传统节日", None],
        # held only through its sign-in, which makes its record (the 社区活动 page)
        ["中秋博饼会", "李华", None, "敬老", "社区建设", "已开展", dt.date(2025, 9, 6),
         None, None, "传统节日", None],
    ])
    report = excel.import_file("activities", path, SYSTEM, report_to=tmp_path / "r.xlsx")
    assert [r.action for r in report.rows] == ["add", "error", "error", "error"]
    assert "活动日期" in report.rows[1].explain() and "状态" in report.rows[2].explain()
    assert "签到与记录" in report.rows[3].explain()
    assert CommunityActivity.select().count() == 1
    planned = CommunityActivity.get()
    assert (planned.status, planned.planned_on, planned.project_id) == (
        "planned", dt.date(2025, 2, 12), project.id)
    activities.hold(SYSTEM, int(planned.id), participants=[c.id for c in clients],
                    unnamed_count=40, held_on=dt.date(2025, 2, 12))
    held = CommunityActivity.get()
    assert (held.status, held.unnamed_count) == ("held", 40)
    out = tmp_path / "activities.xlsx"
    assert excel.export("activities", out, SYSTEM, date_from=dt.date(2025, 1, 1),
                        date_to=dt.date(2025, 2, 28)) == 1
    headings, rows = _sheet(out)
    assert headings == [*(s.label for s in describe(CommunityActivity).fields), "实际参与人次"]
    (turnout,) = database.execute_sql(
        "SELECT sum(headcount) FROM service_record WHERE activity_id = ? AND deleted = 0",
        (held.id,)).fetchone()
    assert rows[0][-1] == turnout == 43
    assert rows[0][headings.index("活动地点")] == "莲花社区广场"
    # The export reads back: the same activity is recognised, nothing added twice.
    again = excel.import_file("activities", out, SYSTEM)
    assert [r.action for r in again.rows] == ["skip"]
    assert "实际参与人次" in again.ignored


def test_case_goals_export(sdb: object, tmp_path: Path) -> None:
    worker, project, clients = _people()
    case = crud.create(Case, {"client": clients[0].id, "worker": worker.id, "opened_on": DAY,
                              "stage": "plan", "problem": "独居", "project": project.id},
                       SYSTEM)
    for n, goal in enumerate(("每周两次探访", "链接社区志愿者"), 1):
        crud.create(CaseGoal, {"case": case.id, "seq": n, "goal": goal,
                               "attainment": "partly" if n == 1 else None}, SYSTEM)
    out = tmp_path / "goals.xlsx"
    assert excel.export("case_goals", out, SYSTEM) == 2
    headings, rows = _sheet(out)
    assert headings == [s.label for s in describe(CaseGoal).fields]
    assert [r[headings.index("目标")] for r in rows] == ["每周两次探访", "链接社区志愿者"]
    assert rows[0][headings.index("达成情况")] not in (None, "partly")


def test_groups_and_activities_imported_together_get_numbers_of_their_own(
        sdb: object, tmp_path: Path) -> None:
    _people()
    heading = ["活动名称", "负责社工", "近邻服务类别", "服务领域", "状态", "活动日期", "活动目标"]
    path = write_sheet(tmp_path / "a.xlsx", [heading] + [
        [f"邻里活动{n}", "李华", "敬老", "社区建设", "筹备中", dt.date(2025, 3, n), "交往"]
        for n in range(1, 4)])
    assert [r.action for r in excel.import_file("activities", path, SYSTEM).rows] == [
        "add"] * 3
    numbers = [a.activity_no for a in CommunityActivity.select().order_by(CommunityActivity.id)]
    assert len(set(numbers)) == 3 and all(numbers), numbers
    heading = ["小组名称", "带领社工", "近邻服务类别", "服务领域", "状态", "计划开始日期",
               "小组目标"]
    path = write_sheet(tmp_path / "g.xlsx", [heading] + [
        [f"互助小组{n}", "李华", "敬老", "社区建设", "筹备中", dt.date(2025, 3, n), "互助"]
        for n in range(1, 4)])
    assert [r.action for r in excel.import_file("groups", path, SYSTEM).rows] == ["add"] * 3
    numbers = [g.group_no for g in WorkGroup.select().order_by(WorkGroup.id)]
    assert len(set(numbers)) == 3 and all(numbers), numbers
