"""Excel for the contract year's ledgers: evaluations imported by project name (each year
once), complaints with their deadline, agencies; exported with the certificate register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from excel_sheets import write_sheet
from openpyxl import load_workbook

from swdesk import excel
from swdesk.model import Agency, Complaint, Evaluation, Project
from swdesk.services import crud
from swdesk.services.actor import SYSTEM


def test_evaluations_by_project_name_once_a_year(sdb: object, tmp_path: Path) -> None:
    project = crud.create(Project, {"name": "嘉莲社工站项目", "purchaser": "嘉莲街道",
                                    "budget": "300000", "start_on": dt.date(2024, 7, 1),
                                    "end_on": dt.date(2027, 6, 30)}, SYSTEM)
    path = write_sheet(tmp_path / "e.xlsx", [
        ["项目", "评估类型", "执行年度", "评估日期", "等级", "得分", "评估机构"],
        ["嘉莲社工站项目", "年度评估", 1, dt.date(2025, 7, 20), "良好", 86, "市社工协会"],
        ["嘉莲社工站项目", "年度评估", 2, dt.date(2026, 7, 20), "优秀", 93, "市社工协会"],
        ["嘉莲社工站项目", "年度评估", 5, dt.date(2026, 7, 20), "优秀", 93, None],
        ["别的项目", "年度评估", 1, dt.date(2025, 7, 20), "良好", 80, None],
        ["嘉莲社工站项目", "年度评估", 1, dt.date(2025, 7, 20), "良好", 86, "市社工协会"],
    ])
    report = excel.import_file("evaluations", path, SYSTEM)
    assert [r.action for r in report.rows] == ["add", "add", "error", "error", "duplicate"]
    assert "执行年度：不能大于3" in report.rows[2].explain()
    assert "找不到政府购买服务项目“别的项目”" in report.rows[3].explain()
    assert [(e.year_no, e.grade, e.project_id) for e in Evaluation.select()] == [
        (1, "good", project.id), (2, "excellent", project.id)]
    again = excel.import_file("evaluations", path, SYSTEM)
    assert [r.action for r in again.rows][:2] == ["skip", "skip"]
    out = tmp_path / "out.xlsx"
    assert excel.export("evaluations", out, SYSTEM) == 2
    cells = [c.value for c in next(load_workbook(out).active.iter_rows(max_row=1))]
    assert "评估类型" in cells and "等级" in cells


def test_complaints_and_agencies(sdb: object, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "a.xlsx", [
        ["机构名称", "专职人员数", "持证或社工本科人数", "法定代表人资格"],
        ["厦门市启航社工服务中心", 9, 3, "社会工作师"],
        ["厦门市同心社工服务中心", 4, 6, None],
    ])
    report = excel.import_file("agencies", path, SYSTEM)
    assert [r.action for r in report.rows] == ["add", "error"]
    assert "不能多于专职人员数" in report.rows[1].explain()
    assert Agency.select().count() == 1
    path = write_sheet(tmp_path / "c.xlsx", [
        ["投诉对象类型", "被投诉机构", "渠道", "受理日期", "投诉内容", "状态"],
        ["服务机构", "厦门市启航社工服务中心", "电话", dt.date(2026, 5, 4), "活动取消未通知",
         "处理中"],
    ])
    report = excel.import_file("complaints", path, SYSTEM)
    assert [r.action for r in report.rows] == ["add"]
    complaint = Complaint.get()
    assert complaint.deadline == dt.date(2026, 5, 19)  # 15 days, the default setting
    out = tmp_path / "cert.xlsx"
    assert excel.export("certificates", out, SYSTEM) == 0
    assert excel.export("evaluation_scores", tmp_path / "s.xlsx", SYSTEM) == 0
