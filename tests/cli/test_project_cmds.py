"""``swdesk project``: six indicators over two execution years entered at the command line,
one custom with its actual by hand; checked in the database, against contract_figures and
against plain SQL; the 70 % rule met and not met; the Excel ledgers."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from swdesk.cli import main
from swdesk.db import open_station
from swdesk.model import Indicator, Project
from swdesk.services import contract_figures, crud
from swdesk.services.actor import SYSTEM
from tests import projectdata as pd

pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def station(tmp_path: Path) -> list[str]:
    where = ["--data-dir", str(tmp_path / "data")]
    assert main([*where, "init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站"]) == 0
    with open_station(tmp_path / "data"):
        project = pd.new_project(SYSTEM, staff_count="6", avg_wage_basis="131000",
                                 budget="1200000", funding_source="街镇财政")
        pd.add_records(int(project.id), SYSTEM)
    return where


def test_indicators_by_command(station: list[str], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    for year, kind, target, label in pd.INDICATORS:
        extra = ["--label", label] if label else []
        assert main([*station, "project", "indicator", "add", pd.NUMBER, "--year", str(year),
                     "--kind", kind, "--target", str(target), *extra]) == 0
    assert main([*station, "project", "indicator", "set", pd.NUMBER, "--year", "1",
                 "--kind", "志愿者骨干培训场次", "--actual", "3", "--actual-note", "已办3场",
                 "--evidence", "签到表3份"]) == 0
    capsys.readouterr()
    # A built-in indicator's actual cannot be typed; a fourth year does not exist.
    assert main([*station, "project", "indicator", "set", pd.NUMBER, "--year", "1",
                 "--kind", "社区活动数", "--actual", "9"]) == 1
    assert "不能手填" in capsys.readouterr().err
    assert main([*station, "project", "indicator", "add", pd.NUMBER, "--year", "3",
                 "--kind", "cases", "--target", "3"]) == 1
    assert "只有 2 个执行年度" in capsys.readouterr().err

    with open_station(Path(station[1]), write=False):
        project = Project.get(Project.code == pd.NUMBER)
        rows = list(Indicator.live().order_by(Indicator.id))
        assert [(r.year_no, r.kind, r.target) for r in rows] == [
            (y, k, t) for y, k, t, _label in pd.INDICATORS]
        custom = rows[2]
        assert (custom.label, custom.manual_actual, custom.actual_note, custom.evidence) == (
            "志愿者骨干培训场次", 3, "已办3场", "签到表3份")
        expected = {(y, k): contract_figures.count(k, *span, int(project.id))
                    for (y, k, _t, _l), span in zip(
                        pd.INDICATORS, (pd.YEAR_1,) * 3 + (pd.YEAR_2,) * 3, strict=True)
                    if k != "custom"}
        for (year, kind), value in expected.items():
            span = pd.YEAR_1 if year == 1 else pd.YEAR_2
            assert value == pd.sql_count(kind, int(project.id), span)

    assert main([*station, "project", "show", pd.NUMBER.lower(), "--on", "2026-06-01"]) == 0
    out = capsys.readouterr().out
    assert f"社区活动数\t目标 10 / 实际 {expected[1, 'activities']} / " in out
    assert f"服务人次\t目标 100 / 实际 {expected[1, 'person_times']} / " in out
    assert f"邻里守望探访\t目标 5 / 实际 {expected[2, 'care_visits']} / " in out
    assert "志愿者骨干培训场次（手填）\t目标 4 / 实际 3 / 完成 75%" in out
    assert "说明：已办3场；佐证：签到表3份" in out
    assert "第2执行年度（2026-03-01 至 2027-02-28）（已过 25%）" in out
    # 6 × 24 × 131 000 / 12 = 1 572 000 ≥ 70 % of 1 200 000.
    assert "资金来源：街镇财政" in out and "按 6 人 × 24 个月" in out
    assert "达到不少于 70%（840,000.00 元）的要求" in out

    assert main([*station, "project", "indicator", "delete", pd.NUMBER, "--year", "2",
                 "--kind", "care_visits"]) == 0
    ledger = tmp_path / "indicators.xlsx"
    assert main([*station, "excel", "export", "indicators", "--out", str(ledger)]) == 0
    sheet = load_workbook(ledger).active
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    head = table[0]
    actual = {(r[head.index("执行年度")], r[head.index("指标类型")]): r[head.index("实际完成")]
              for r in table[1:]}
    assert len(actual) == 5
    assert actual[1, "社区活动数"] == expected[1, "activities"]
    assert actual[1, "自定义指标"] == 3
    assert actual[2, "服务人次"] == expected[2, "person_times"]


def test_rule_not_met_in_the_list(station: list[str],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main([*station, "project", "list"]) == 0
    assert "\t人力成本70%：达标" in capsys.readouterr().out
    with open_station(Path(station[1])):
        crud.update(Project, Project.get(Project.code == pd.NUMBER), {"staff_count": 2}, SYSTEM)
    assert main([*station, "project", "list"]) == 0
    assert "\t人力成本70%：未达标" in capsys.readouterr().out
    assert main([*station, "project", "show", pd.NUMBER]) == 0
    assert "未达到不少于 70%" in capsys.readouterr().out
    ledger = Path(station[1]) / "projects.xlsx"
    assert main([*station, "excel", "export", "projects", "--out", str(ledger)]) == 0
    rows = [[c.value for c in r] for r in load_workbook(ledger).active.iter_rows()]
    assert rows[1][rows[0].index("项目编号")] == pd.NUMBER
    assert rows[1][rows[0].index("专职人员数")] == 2
