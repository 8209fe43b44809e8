"""Indicators per execution year (built-in counted by contract_figures, custom by hand) and
the project's money with the 70 % rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from swdesk.db import StationDatabase
from swdesk.errors import NotFoundError, ValidationError
from swdesk.model import Indicator, Project
from swdesk.services import contract_figures, crud, project_indicators, project_money
from swdesk.services.actor import SYSTEM
from tests import projectdata as pd


@pytest.fixture
def project(sdb: StationDatabase) -> Project:
    row = pd.new_project(SYSTEM)
    pd.add_records(int(row.id), SYSTEM)
    for year, kind, target, label in pd.INDICATORS:
        values = {"year_no": year, "kind": kind, "target": target}
        if label:
            values["label"] = label
        project_indicators.add(SYSTEM, row, values)
    return row


def test_six_indicators_over_two_years_equal_independent_counts(project: Project) -> None:
    custom = Indicator.get(Indicator.kind == "custom")
    project_indicators.enter_actual(SYSTEM, int(custom.id), "3", "已办3场",
                                    "签到表3份，照片12张")
    years = project_indicators.by_year(project, dt.date(2026, 6, 1))
    assert [y.year.number for y in years] == [1, 2]
    assert [[(r.progress.kind, r.progress.target) for r in y.rows] for y in years] == [
        [("activities", 10), ("person_times", 100), ("custom", 4)],
        [("activities", 12), ("person_times", 120), ("care_visits", 5)]]
    for y, span in zip(years, (pd.YEAR_1, pd.YEAR_2), strict=True):
        for r in y.rows:
            if r.progress.custom:
                continue
            assert r.progress.actual == pd.sql_count(r.progress.kind, int(project.id), span)
            assert r.progress.actual == contract_figures.count(
                r.progress.kind, span[0], span[1], int(project.id))
    first = {r.progress.kind: r for r in years[0].rows}
    assert first["activities"].progress.actual == 3
    assert first["person_times"].progress.actual == 55
    assert first["custom"].progress.actual == 3
    assert first["custom"].progress.label == "志愿者骨干培训场次"
    assert first["custom"].progress.evidence == "签到表3份，照片12张"
    assert years[0].elapsed == 1 and first["activities"].expected == 10
    # Year 2 on 1 June 2026: 93 days of 365 gone.
    second = {r.progress.kind: r for r in years[1].rows}
    assert years[1].elapsed == Decimal(93) / 365
    assert second["care_visits"].progress.actual == 1
    assert second["activities"].expected == Decimal("3.1")
    assert second["activities"].behind is True
    stored = Indicator.get_by_id(custom.id)
    assert (stored.manual_actual, stored.actual_note) == (3, "已办3场")


def test_bad_indicators_say_why_and_write_nothing(project: Project) -> None:
    before = Indicator.select().count()
    cases = (({"kind": "activities", "target": 5}, "执行年度"),
             ({"year_no": 3, "kind": "cases", "target": 5}, "只有 2 个执行年度"),
             ({"year_no": 1, "kind": "activities", "target": 5}, "已有这项指标"),
             ({"year_no": 1, "kind": "custom", "target": 5}, "须填写指标名称"),
             ({"year_no": 1, "kind": "cases", "target": "十"}, "目标值"),
             ({"year_no": 2, "kind": "cases", "target": 5, "manual_actual": 3}, "不能手填"))
    for values, words in cases:
        with pytest.raises(ValidationError) as caught:
            project_indicators.add(SYSTEM, project, values)
        assert words in str(caught.value), values
    built_in = Indicator.get(Indicator.kind == "activities")
    with pytest.raises(ValidationError, match="不能手填"):
        project_indicators.enter_actual(SYSTEM, int(built_in.id), "9")
    assert Indicator.select().count() == before
    assert built_in.manual_actual is None


def test_edit_and_delete_an_indicator(project: Project) -> None:
    row = Indicator.get(Indicator.kind == "care_visits")
    project_indicators.edit(SYSTEM, int(row.id), {"target": 8})
    assert Indicator.get_by_id(row.id).target == 8
    project_indicators.delete(SYSTEM, int(row.id))
    years = project_indicators.by_year(project, dt.date(2026, 6, 1))
    assert [r.progress.kind for r in years[1].rows] == ["activities", "person_times"]


def test_find_project_by_its_number(project: Project) -> None:
    assert project_indicators.find_project(" xm-sm-001-p202501 ").id == project.id
    with pytest.raises(NotFoundError, match="XM-SM-009"):
        project_indicators.find_project("XM-SM-009-P1")


def test_labour_cost_worked_out_meets_the_rule(sdb: StationDatabase) -> None:
    # 6 staff × 24 months × 131 000 a year / 12 = 1 572 000 of a 2 000 000 budget: 78.6 %.
    row = pd.new_project(SYSTEM, budget="2000000", funding_source="welfare_lottery",
                         staff_count="6", avg_wage_basis="131000", spent="1800000")
    money = project_money.of(Project.get_by_id(row.id))
    assert money.months == 24
    assert money.costed_labour == Decimal("1572000.00")
    assert money.required == Decimal("1400000.00")
    assert money.met is True
    assert money.surplus == Decimal("200000.00")
    text = "\n".join(project_money.lines(money))
    assert "福利彩票公益金" in text and "达到不少于 70%" in text and "78.6%" in text
    assert "6 人 × 24 个月" in text


def test_labour_cost_short_of_seventy_percent(sdb: StationDatabase) -> None:
    # 4 staff × 24 months × 131 000 / 12 = 1 048 000 of 2 000 000: 52.4 %, not met,
    # though the contract's own labour figure would pass: the worked-out one counts.
    row = pd.new_project(SYSTEM, budget="2000000", labour_cost="1500000", staff_count="4",
                         avg_wage_basis="131000")
    money = project_money.of(Project.get_by_id(row.id))
    assert money.labour == Decimal("1048000.00") and money.met is False
    assert "未达到" in project_money.rule_text(money) and "52.4%" in project_money.rule_text(money)
    crud.update(Project, row, {"staff_count": None}, SYSTEM)
    money = project_money.of(Project.get_by_id(row.id))
    assert money.labour == Decimal("1500000") and money.met is True
    assert money.surplus is None
    assert "已支出：未填；结余：未填" in project_money.lines(money)


def test_preview_of_a_form_being_typed() -> None:
    money = project_money.preview({"budget": "100000", "labour_cost": "6万",
                                   "start_on": "2025-01-01", "end_on": "2025-12-31"})
    assert money.labour is None and money.met is None
    assert "待填写" in project_money.rule_text(money)
    money = project_money.preview({"budget": "100,000", "labour_cost": "69999.99"})
    assert money.met is False
    assert project_money.contract_months(dt.date(2025, 3, 1), dt.date(2027, 2, 28)) == 24
    assert project_money.contract_months(dt.date(2025, 3, 15), dt.date(2025, 9, 30)) == 7
