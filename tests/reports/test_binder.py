"""The evaluation binder of a demo project year: bookmarks, contents page numbers, the
indicator figures against independent SQL counts, every listed row real; the workbook."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from swdesk.errors import NotFoundError, ValidationError
from swdesk.model import Case, Project, ServiceRecord, WorkGroup, database
from swdesk.reports import ReportRequest, make
from swdesk.reports.binder import binder, binder_year
from swdesk.services import contract_figures, figure_rows, lists, numbers_seen
from swdesk.services.actor import Actor
from swdesk.services.indicators import execution_years

HEAD = Actor("zhanzhang", "head")


def _project() -> Project:
    return Project.get(Project.code == "XM-SM-001-P202401")


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page) of every outline entry, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 0)
    return found


def _sql(query: str, params: tuple) -> int:
    return int(database.execute_sql(query, params).fetchone()[0] or 0)


def test_the_binder_of_a_demo_project_year(demo_db, tmp_path: Path) -> None:
    project = _project()
    year = execution_years(project)[1]
    out = tmp_path / "binder.pdf"
    book = binder("XM-SM-001-P202401", 2, HEAD, out)
    reader = PdfReader(out)
    assert book.total == len(reader.pages)
    outline = _outline(reader)
    titles = [title for _level, title, _page in outline]
    assert titles[:4] == ["封面", "目录", "一、合同概况", "二、指标完成情况"]
    for section in ("三、个案档案", "四、小组档案", "五、社区活动档案", "六、过程佐证材料",
                    "七、继续教育学时", "八、投诉及处理", "九、满意度"):
        assert section in titles
    # Every bookmark points at the page its section is on, and the contents say so too.
    pages = book.pages()
    contents = {}
    for i in range(pages["contents"] - 1, pages["summary"] - 1):
        for line in reader.pages[i].extract_text(extraction_mode="layout").splitlines():
            found = re.match(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", line)
            if found:
                contents[found[1].replace(" ", "")] = int(found[2])
    listed = [(title, page) for _level, title, page in outline[2:]]
    assert len(contents) == len(listed)
    for title, page in listed:
        assert contents[title.replace(" ", "")] == page, title
        text = reader.pages[page - 1].extract_text().replace(" ", "")
        assert title.split("（")[0].replace(" ", "")[:12] in text, (title, page)
    assert {level for level, _t, _p in outline} == {0, 1}

    # The figures against independent counts.
    first, last, pid = year.first.isoformat(), year.last.isoformat(), int(project.id)
    text = "".join(p.extract_text() for p in reader.pages[pages["indicators"] - 1:
                                                          pages["indicators"] + 1])
    cases = _sql('SELECT count(*) FROM "case" WHERE deleted = 0 AND project_id = ? '
                 "AND opened_on <= ? AND (closed_on IS NULL OR closed_on >= ?)",
                 (pid, last, first))
    person_times = _sql("SELECT sum(headcount) FROM service_record WHERE deleted = 0 AND "
                        "project_id = ? AND date BETWEEN ? AND ?", (pid, first, last)) + _sql(
        'SELECT count(*) FROM case_log l JOIN "case" c ON c.id = l.case_id WHERE '
        "l.deleted = 0 AND c.deleted = 0 AND c.project_id = ? AND l.date BETWEEN ? AND ?",
        (pid, first, last))
    groups = _sql("SELECT count(DISTINCT work_group_id) FROM service_record r JOIN work_group g "
                  "ON g.id = r.work_group_id WHERE r.deleted = 0 AND g.deleted = 0 AND "
                  "r.kind = 'group' AND r.project_id = ? AND r.date BETWEEN ? AND ?",
                  (pid, first, last))
    data = binder_year(project.code, 2)
    assert len(data.lines["cases"]) == cases
    assert sum(ln.adds for ln in data.lines["person_times"]) == person_times
    assert len(data.lines["groups"]) == groups
    assert f"指标明细：个案数（{cases}）" in titles
    assert f"指标明细：服务人次（{person_times:,}）" in titles
    assert f"{person_times:,}" in text
    # Every row listed exists, live, and is printed by its number.
    for key, lines in data.lines.items():
        for ln in lines:
            if ln.kind == "record":
                assert numbers_seen.find_record(ln.number).id == ln.row_id, key
            elif ln.kind == "case":
                assert Case.get_by_id(ln.row_id).case_no == ln.number
            elif ln.kind == "group":
                assert WorkGroup.get_by_id(ln.row_id).group_no == ln.number
    for case_id in data.ids("cases"):
        assert Case.get_by_id(case_id).case_no in titles
    full = "".join(p.extract_text() for p in reader.pages[pages["indicators"] - 1:
                                                          pages["cases"] - 1])
    for ln in data.lines["cases"][:5] + data.lines["activities"][:5]:
        assert ln.number in full


def test_the_indicator_workbook(demo_db, tmp_path: Path) -> None:
    out = tmp_path / "binder.xlsx"
    made = make(ReportRequest.of("binder", project="XM-SM-001-P202401", year_no="2"), HEAD, out)
    assert "工作表" in made.summary
    book = load_workbook(out, read_only=True)
    summary = list(book.worksheets[0].values)
    assert summary[1][:3] == ("指标", "目标值", "完成值")
    for row, sheet in zip(summary[2:], book.worksheets[1:], strict=True):
        rows = list(sheet.values)
        assert len(rows) - 1 - (row[0] != "服务对象人数") == row[3]
        if row[0] != "服务对象人数":
            assert Decimal(str(rows[-1][4])) == Decimal(str(row[2]))


def test_a_year_the_project_lacks_and_an_unknown_project(demo_db, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="没有第 3 执行年度"):
        binder("XM-SM-001-P202502", 3, HEAD, tmp_path / "b.pdf")
    with pytest.raises(NotFoundError, match="找不到编号为 XM-SM-001-P209999 的服务项目"):
        binder("XM-SM-001-P209999", 1, HEAD, tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()


def test_record_numbers_are_the_stations_and_stable(demo_db) -> None:
    records = list(ServiceRecord.select().order_by(ServiceRecord.id).limit(50))
    numbers = numbers_seen.record_nos(r.id for r in records)
    assert len(set(numbers.values())) == len(records)
    for record in records:
        number = numbers[int(record.id)]
        assert number.startswith(f"XM-SM-001-R{record.date.year}-")
        assert numbers_seen.find_record(number).id == record.id
        assert numbers_seen.record_no(record) == number
    with pytest.raises(NotFoundError, match="不是本站的服务记录编号"):
        numbers_seen.find_record("XM-HL-002-R2026-00001")
    with pytest.raises(NotFoundError, match="找不到编号为 XM-SM-001-R2026-99999 的服务记录"):
        numbers_seen.find_record("XM-SM-001-R2026-99999")


def test_a_record_is_found_in_a_list_by_its_printed_number(demo_db) -> None:
    record = ServiceRecord.select().order_by(ServiceRecord.id.desc()).first()
    number = numbers_seen.record_no(record)
    assert lists.list_ids(lists.ListQuery("service_record", search=number)) == [record.id]
    assert lists.list_ids(lists.ListQuery("service_record",
                                          search="XM-SM-001-R2026-99999")) == []


def test_the_rows_behind_each_figure_add_up_to_it(demo_db) -> None:
    """Every project, every execution year, every figure: the lines listed add up to the
    figure counted (服务对象人数: one line per record or log naming someone, each person
    once in the figure, so never more people than the lines name)."""
    for project in Project.live():
        for year in execution_years(project):
            counted = contract_figures.figures(year.first, year.last, int(project.id))
            lines = figure_rows.behind_each(counted, year.first, year.last, int(project.id))
            for key, value in counted.items():
                total = sum((ln.adds for ln in lines[key]), Decimal(0))
                if figure_rows.additive(key):
                    assert total == value, (project.code, year.number, key)
                else:
                    assert total >= value, (project.code, year.number, key)
                assert len({(ln.kind, ln.row_id) for ln in lines[key]}) == len(lines[key])
