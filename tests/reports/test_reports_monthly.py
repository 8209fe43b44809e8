"""The monthly report: every figure equals an independent count; PDF and Excel agree."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import peewee as pw
import pytest
from openpyxl import load_workbook

from swdesk.errors import ValidationError
from swdesk.model import (
    Case,
    CaseLog,
    Client,
    Partner,
    ServiceParticipant,
    ServicePartner,
    ServiceRecord,
    VolunteerHour,
)
from swdesk.model.described import text_to_codes
from swdesk.reports import figures, periods
from swdesk.reports.monthly import monthly
from swdesk.reports.monthly_data import monthly_report
from swdesk.services import contract_figures
from swdesk.services.actor import SYSTEM


def _records(period: periods.Period) -> pw.ModelSelect:
    return ServiceRecord.live().where(ServiceRecord.date.between(period.first, period.last))


def test_figures_equal_independent_counts(demo_db, last_month) -> None:
    period = periods.month(last_month)
    records = list(_records(period))
    assert records, "the demo data should cover last month"
    cells = figures.service_cells(period)
    assert figures.records_total(cells) == len(records)
    assert figures.headcount_total(cells) == sum(r.headcount for r in records)
    by_category = Counter(r.category for r in records)
    assert {k: v[0] for k, v in figures.totals_by(cells, "category").items()} == by_category
    by_field = Counter(r.field for r in records)
    assert {k: v[0] for k, v in figures.totals_by(cells, "field").items()} == by_field

    ids = {r.id for r in records}
    clients = {p.client_id for p in ServiceParticipant.select() if p.record_id in ids}
    clients |= {log.case.client_id for log in CaseLog.live()
                if period.first <= log.date <= period.last and not log.case.deleted}
    clients = {c.id for c in Client.live().where(Client.id.in_(list(clients)))}
    total, groups = contract_figures.clients_by_target_group(period.first, period.last)
    assert total == len(clients)
    expected: Counter[str] = Counter()
    for c in Client.select().where(Client.id.in_(list(clients))):
        expected.update(text_to_codes(c.target_groups))
    assert groups == expected
    report = monthly_report(period, "站")
    assert report.table("by_group").total == ["服务对象人数（去重）", total]
    assert dict(report.summary)["服务对象人数"] == total

    cases = list(Case.live())
    assert figures.cases_opened(period) == sum(
        1 for c in cases if period.first <= c.opened_on <= period.last)
    assert figures.cases_closed(period) == sum(
        1 for c in cases if c.closed_on and period.first <= c.closed_on <= period.last)

    hours = [h for h in VolunteerHour.live()
             if period.first <= h.date <= period.last]
    vt = figures.volunteer_hours(period)
    assert vt.hours == sum((Decimal(h.hours) for h in hours), Decimal(0))
    assert vt.entries == len(hours)
    assert vt.volunteers == len({h.volunteer_id for h in hours})

    contributions = [sp for sp in ServicePartner.select() if sp.record_id in ids]
    partners = figures.partner_contributions(period)
    assert sum(p.times for p in partners) == len(contributions)
    by_partner = Counter(sp.partner_id for sp in contributions)
    assert {p.partner_id: p.times for p in partners} == by_partner
    for p in partners:
        values = [Decimal(sp.value) for sp in contributions
                  if sp.partner_id == p.partner_id and sp.value is not None]
        assert p.value == sum(values, Decimal(0))
        assert p.kind == Partner.get_by_id(p.partner_id).kind


def test_monthly_pdf_prints_the_database_figures(demo_db, last_month, tmp_path: Path,
                                                 pdf_text) -> None:
    out = tmp_path / "monthly.pdf"
    pages = monthly(last_month, SYSTEM, out)
    assert pages >= 2
    text = pdf_text(out)
    period = periods.month(last_month)
    report = monthly_report(period, "嘉莲街道社工站")
    assert "嘉莲街道社工站月度工作报表" in text
    assert f"统计期间：{period.first.year}年{period.first.month}月" in text
    for label in ("一、总体情况", "二、按近邻服务类别", "三、按服务领域",
                  "四、服务对象（按人员类别）", "五、个案", "六、志愿服务",
                  "七、五社联动（按资源类型）", "联动资源明细",
                  "八、项目指标完成情况", "站长（审核）", "（站点盖章）"):
        assert label in text, label
    records = _records(period)
    assert f"服务记录数{records.count():,}" in text
    people = sum(r.headcount for r in records)
    logs = CaseLog.live().join(Case).where(CaseLog.date.between(period.first, period.last)
                                           & (Case.deleted == False)).count()  # noqa: E712
    assert f"服务人次{people + logs:,}" in text
    assert "统计口径" in text and "每条个案记录为一次个人服务" in text
    # Each 近邻 category's row: label, records by kind, total, person-times.
    for code, label in (("jinglao", "敬老"), ("guanai", "关爱")):
        mine = records.where(ServiceRecord.category == code)
        row = [mine.where(ServiceRecord.kind == k).count()
               for k in ("individual", "group", "community")]
        row += [mine.count(), sum(r.headcount for r in mine)]
        assert label + "".join(f"{n:,}" for n in row) in text
    assert f"合计{records.count():,}{people:,}" in text  # the field table's total row
    assert f"第1页/共{pages}页" in text
    assert report.table("by_category").total is not None


def test_monthly_excel_has_the_same_tables(demo_db, last_month, tmp_path: Path) -> None:
    out = tmp_path / "monthly.xlsx"
    sheets = monthly(last_month, SYSTEM, out)
    report = monthly_report(periods.month(last_month), "嘉莲街道社工站")
    book = load_workbook(out, read_only=True)
    assert len(book.sheetnames) == sheets == len(report.tables) + 1
    sheet = book[book.sheetnames[1]]  # 按近邻服务类别
    rows = [list(r) for r in sheet.iter_rows(values_only=True) if any(v is not None for v in r)]
    table = report.table("by_category")
    assert rows[0][0] == table.title
    assert rows[1] == table.header
    assert rows[2:2 + len(table.rows)] == [[r[0], *[float(v) for v in r[1:]]]
                                           for r in table.rows]
    total = rows[2 + len(table.rows)]
    assert total[0] == "合计"
    assert total[-1] == float(sum(r.headcount for r in _records(report.period)))
    assert rows[-1][0] == table.note  # the case logs' person-times, said under the table


def test_an_empty_month_is_an_honest_empty_report(demo_db, tmp_path: Path, pdf_text) -> None:
    out = tmp_path / "empty.pdf"
    monthly("2001-02", SYSTEM, out)
    text = pdf_text(out)
    assert "本月没有服务记录" in text
    assert "服务记录数0" in text and "2001-02-28" in text


@pytest.mark.parametrize("bad", ["2026-13", "202605", "五月", "", "2026-00"])
def test_a_bad_month_is_refused_before_anything_is_written(demo_db, tmp_path: Path,
                                                           bad: str) -> None:
    out = tmp_path / "m.pdf"
    with pytest.raises(ValidationError, match="YYYY-MM"):
        monthly(bad, SYSTEM, out)
    assert list(tmp_path.iterdir()) == [tmp_path / "demo"]
