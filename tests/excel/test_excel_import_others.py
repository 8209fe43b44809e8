"""Importing volunteers, partners and service records (with participants and volunteers'
hours)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from excel_sheets import make_id, write_sheet, wrong_check_digit
from openpyxl import load_workbook

from swdesk import excel
from swdesk.model import (
    ChangeLog,
    Client,
    Partner,
    ServiceParticipant,
    ServiceRecord,
    Volunteer,
    VolunteerHour,
    Worker,
)
from swdesk.services import crud
from swdesk.services.actor import SYSTEM

RECORD_HEADINGS = ["服务日期", "服务类型", "近邻类别", "领域", "主题", "参与人次", "负责社工",
                   "志愿者", "志愿时长"]


def test_volunteers_with_team_by_name(sdb: object, tmp_path: Path) -> None:
    team = crud.create(Partner, {"kind": "social_org", "name": "嘉莲义工队"}, SYSTEM)
    path = write_sheet(tmp_path / "v.xlsx", [
        ["姓名", "身份证号", "手机号", "所属队伍/组织", "特长", "注册日期"],
        ["林志强", make_id("35020619900101123"), "13900001111", "嘉莲义工队", "理发",
         dt.date(2023, 3, 1)],
        ["黄美玲", wrong_check_digit(make_id("35020619920202222")), None, None, None, None],
        ["吴丽", None, "13900002222", "不存在的队", None, None],
        ["林志强", make_id("35020619900101123"), None, None, None, None],
    ])
    report = excel.import_file("volunteers", path, SYSTEM)
    assert [r.action for r in report.rows] == ["add", "error", "error", "duplicate"]
    assert "找不到联动资源“不存在的队”" in report.rows[2].explain()
    stored = Volunteer.get(Volunteer.name == "林志强")
    assert (stored.team_id, stored.skills, stored.sex, stored.registered_on) == (
        team.id, "理发", "M", dt.date(2023, 3, 1))
    assert Volunteer.select().count() == 1
    again = excel.import_file("volunteers", path, SYSTEM)
    assert again.rows[0].action == "skip" and Volunteer.select().count() == 1


def test_partners_by_credit_code_or_name(sdb: object, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "p.xlsx", [
        ["资源类型", "单位名称", "负责人", "统一社会信用代码"],
        ["社区", "莲花社区居委会", "陈主任", None],
        ["社会组织", "厦门市爱心社工服务中心", None, "52350200MJ0000000X"],
        ["爱心企业", "某某超市", None, None],
        ["社区", "莲花社区居委会", None, None],
    ])
    report = excel.import_file("partners", path, SYSTEM)
    assert [r.action for r in report.rows] == ["add", "error", "error", "duplicate"]
    assert "统一社会信用代码" in report.rows[1].explain()
    assert "不是有效的类型" in report.rows[2].explain()
    stored = Partner.get(Partner.name == "莲花社区居委会")
    assert (stored.kind, stored.contact) == ("community", "陈主任")
    assert Partner.select().count() == 1


def _records_setup() -> tuple[Worker, Volunteer, Volunteer]:
    worker = crud.create(Worker, {"name": "李华"}, SYSTEM)
    a = crud.create(Volunteer, {"name": "林志强"}, SYSTEM)
    b = crud.create(Volunteer, {"name": "黄美玲"}, SYSTEM)
    return worker, a, b


def test_records_with_volunteer_hours(sdb: object, tmp_path: Path) -> None:
    worker, a, b = _records_setup()
    path = write_sheet(tmp_path / "r.xlsx", [
        RECORD_HEADINGS,
        [dt.date(2025, 3, 8), "小组", "敬老", "社会福利", "长者健康讲座", 25, "李华",
         "林志强、黄美玲(3)", 2],
        ["2025/3/9", "社区活动", "文化", "社区建设", "邻里文化节", "60", None, None, None],
    ], title="2025年3月活动台账")
    changes = ChangeLog.select().count()
    report = excel.import_file("records", path, SYSTEM)
    assert report.counts["add"] == 2 and report.hours_added == 2
    talk = ServiceRecord.get(ServiceRecord.title == "长者健康讲座")
    assert (talk.date, talk.kind, talk.category, talk.field, talk.headcount, talk.worker_id) == (
        dt.date(2025, 3, 8), "group", "jinglao", "welfare", 25, worker.id)
    hours = {h.volunteer_id: (h.hours, h.record_id, h.date, h.content)
             for h in VolunteerHour.select()}
    assert hours == {a.id: (Decimal("2.00"), talk.id, talk.date, "长者健康讲座"),
                     b.id: (Decimal("3.00"), talk.id, talk.date, "长者健康讲座")}
    assert ChangeLog.select().count() == changes + 4  # two records, two hour entries
    again = excel.import_file("records", path, SYSTEM)
    assert again.counts["skip"] == 2
    assert ServiceRecord.select().count() == 2 and VolunteerHour.select().count() == 2


def test_bad_record_values(sdb: object, tmp_path: Path) -> None:
    _records_setup()
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    path = write_sheet(tmp_path / "bad.xlsx", [
        RECORD_HEADINGS,
        [tomorrow, "小组", "敬老", "社会福利", "明天的活动", 5, None, None, None],
        [dt.date(2025, 3, 8), "小组", "敬老", "社会福利", "人数写成字", "十人", None, None, None],
        [dt.date(2025, 3, 8), "小组", "吃饭", "社会福利", "类别不对", 5, None, None, None],
        [dt.date(2025, 3, 8), "小组", "敬老", "社会福利", "志愿者不对", 5, None, "张三", 2],
        [dt.date(2025, 3, 8), "小组", "敬老", "社会福利", "时长太长", 5, None, "林志强", 30],
        [dt.date(2025, 3, 8), "小组", "敬老", "社会福利", "没有时长", 5, None, "林志强", None],
        [dt.date(2025, 3, 8), "小组", "敬老", "社会福利", "好的一行", 5, "王五", None, None],
    ])
    report = excel.import_file("records", path, SYSTEM)
    messages = {r.cells[4]: r.explain() for r in report.rows}
    assert all(r.action == "error" for r in report.rows)
    assert "不能晚于今天" in messages["明天的活动"]
    assert messages["人数写成字"].startswith("参与人次：") and "不是整数" in messages["人数写成字"]
    assert "“吃饭”不是有效的近邻服务类别" in messages["类别不对"]
    assert "找不到志愿者“张三”" in messages["志愿者不对"]
    assert "不能超过24" in messages["时长太长"]
    assert "请填写志愿者“林志强”的时长" in messages["没有时长"]
    assert "找不到社会工作者“王五”" in messages["好的一行"]
    assert ServiceRecord.select().count() == 0 and VolunteerHour.select().count() == 0


def test_records_with_their_participants(sdb: object, tmp_path: Path) -> None:
    _records_setup()
    chen = crud.create(Client, {"name": "陈阿婆"}, SYSTEM)
    lin = crud.create(Client, {"name": "林阿公"}, SYSTEM)
    wang_id = make_id("35020319500315001")
    wang = crud.create(Client, {"name": "王秀英", "id_number": wang_id}, SYSTEM)
    crud.create(Client, {"name": "王秀英"}, SYSTEM)  # another one of the same name
    headings = ["服务日期", "服务类型", "近邻类别", "领域", "主题", "参与人次", "参与对象"]
    path = write_sheet(tmp_path / "r.xlsx", [
        headings,
        [dt.date(2025, 3, 8), "小组", "敬老", "社会福利", "健康讲座", 3, "陈阿婆、林阿公，陈阿婆"],
        [dt.date(2025, 3, 9), "个人服务", "敬老", "社会福利", "探访", 1, "王秀英"],
        [dt.date(2025, 3, 9), "个人服务", "敬老", "社会福利", "再次探访", 1, wang_id.lower()],
        [dt.date(2025, 3, 10), "小组", "敬老", "社会福利", "手工", 2, "陈阿婆、张三"],
        [dt.date(2025, 3, 11), "社区活动", "文化", "社区建设", "文化节", 60, None],
    ])
    report = excel.import_file("records", path, SYSTEM)
    assert [r.action for r in report.rows] == ["add", "error", "add", "error", "add"], [
        r.explain() for r in report.rows]
    messages = [r.explain() for r in report.rows]
    assert "有 2 个同名的服务对象“王秀英”，请改填身份证号" in messages[1]
    assert "找不到服务对象“张三”" in messages[3]
    assert report.participants_added == 3 and "参与的服务对象 3 人次" in report.summary()
    people = {(p.record.title, p.client_id) for p in ServiceParticipant.select()}
    assert people == {("健康讲座", chen.id), ("健康讲座", lin.id), ("再次探访", wang.id)}
    # The template explains the column.
    template = excel.write_template("records", tmp_path / "t.xlsx")
    sheet = load_workbook(template).active
    headings_row = [c.value for c in sheet[1]]
    notes = dict(zip(headings_row, [c.value for c in sheet[2]], strict=False))
    assert "有同名时填身份证号" in notes["参与的服务对象"]


def test_a_record_counts_at_least_its_participants(sdb: object, tmp_path: Path) -> None:
    for name in ("陈阿婆", "林阿公", "黄阿姨"):
        crud.create(Client, {"name": name}, SYSTEM)
    path = write_sheet(tmp_path / "r.xlsx", [
        ["服务日期", "服务类型", "近邻类别", "领域", "主题", "参与人次", "参与对象"],
        [dt.date(2025, 3, 8), "小组", "敬老", "社会福利", "茶话会", 1, "陈阿婆、林阿公、黄阿姨"],
    ])
    assert excel.import_file("records", path, SYSTEM).counts["add"] == 1
    assert ServiceRecord.get(ServiceRecord.title == "茶话会").headcount == 3
