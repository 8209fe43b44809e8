"""The monthly report's anchor: the same month's tables counted by plain group-by SQL and
drawn by reportlab directly (a SimpleDocTemplate, the same two faces registered).

No swdesk query, layout or measuring: what the report would cost written the plain
way, to compare ``swdesk.reports.monthly`` with (``bench_reports.py``). The figures are
counted by the rules of ``services/contract_figures.py`` restated here as SQL; the
script checks that the two agree on the summary's contract figures.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from swdesk.reports.text_fit import HEI, SONG, register_fonts

RECORDS = ("FROM service_record r WHERE r.deleted = 0 AND r.date BETWEEN :first AND :last"
           "{records}")
LOGS = ('FROM case_log l JOIN "case" c ON c.id = l.case_id WHERE l.deleted = 0 '
        "AND c.deleted = 0 AND l.date BETWEEN :first AND :last{cases}")
CASES = ('FROM "case" c WHERE c.deleted = 0 AND c.opened_on <= :last '
         "AND (c.closed_on IS NULL OR c.closed_on >= :first){cases}")
GROUPS = ("FROM service_record r JOIN work_group g ON g.id = r.work_group_id "
          "WHERE g.deleted = 0 AND r.deleted = 0 AND r.kind = 'group' "
          "AND r.date BETWEEN :first AND :last{records}")
HOURS = ("FROM volunteer_hour h WHERE h.deleted = 0 AND h.date BETWEEN :first AND :last"
         "{hours}")
# Live clients of a live record's participants or a live case's log in the span, each
# once (with ``{project}``: those of one project's records and cases).
CLIENTS = ("FROM client cl WHERE cl.deleted = 0 AND cl.id IN ("
           "SELECT p.client_id FROM service_record r JOIN service_participant p "
           "ON p.record_id = r.id WHERE r.deleted = 0 AND r.date BETWEEN :first AND :last"
           "{records} UNION ALL "
           'SELECT c.client_id FROM case_log l JOIN "case" c ON c.id = l.case_id '
           "WHERE l.deleted = 0 AND c.deleted = 0 AND l.date BETWEEN :first AND :last{cases})")


def contract(con: sqlite3.Connection, first: dt.date, last: dt.date,
             project: int | None = None) -> dict[str, float]:
    """The contract figures of the span (and project): one plain aggregate per source of
    rows, each over its index by date (or by project and date)."""
    span = {"first": first.isoformat(), "last": last.isoformat(), "project": project}
    where = {"records": "", "cases": "", "hours": ""} if project is None else {
        "records": " AND r.project_id = :project", "cases": " AND c.project_id = :project",
        "hours": " AND h.project_id = :project"}
    out: dict[str, float] = {}
    for sql, names in (
            ("coalesce(sum(r.kind = 'group'), 0), coalesce(sum(r.kind = 'community'), 0), "
             f"coalesce(sum(r.headcount), 0), coalesce(sum(r.care_visit), 0) {RECORDS}",
             ("group_sessions", "activities", "person_times", "care_visits")),
            (f"count(*), coalesce(sum(l.care_visit), 0) {LOGS}", ("person_times", "care_visits")),
            (f"count(*) {CASES}", ("cases",)),
            (f"count(DISTINCT g.id) {GROUPS}", ("groups",)),
            (f"coalesce(sum(CAST(round(h.hours * 100) AS INTEGER)), 0) / 100.0 {HOURS}",
             ("volunteer_hours",)),
            (f"count(*) {CLIENTS}", ("clients",))):
        if project is None and names == ("clients",):
            continue  # (the station's: the sum of its breakdown by target group)
        row = con.execute(f"SELECT {sql.format(**where)}", span).fetchone()
        for name, value in zip(names, row, strict=True):
            out[name] = out.get(name, 0) + (value or 0)
    return out


def _labels(con: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    lists: dict[str, list[tuple[str, str]]] = {}
    for list_code, code, zh in con.execute(
            "SELECT list_code, code, zh FROM ref_item WHERE active = 1 ORDER BY list_code, sort"):
        lists.setdefault(list_code, []).append((code, zh))
    return lists


def tables(con: sqlite3.Connection, first: dt.date, last: dt.date
           ) -> tuple[dict[str, float], list[tuple[str, list[list[object]]]]]:
    """The month's summary figures and its tables (title, rows with the heading first)."""
    span = {"first": first.isoformat(), "last": last.isoformat()}
    labels = _labels(con)
    kinds = [code for code, _zh in labels["service_kind"]]
    station = contract(con, first, last)
    cells = con.execute(f"SELECT r.category, r.kind, r.field, count(*), "
                        f"coalesce(sum(r.headcount), 0) {RECORDS.format(records='')} "
                        "GROUP BY 1, 2, 3", span).fetchall()
    per_kind: Counter[tuple[str, str]] = Counter()
    by_category: dict[str, list[int]] = {}
    by_field: dict[str, list[int]] = {}
    for category, kind, field, n, people in cells:
        per_kind[category, kind] += n
        for key, into in ((category, by_category), (field, by_field)):
            entry = into.setdefault(key, [0, 0])
            entry[0] += n
            entry[1] += people
    records = sum(n for *_k, n, _p in cells)
    opened, closed, open_now = con.execute(
        'SELECT coalesce(sum(opened_on BETWEEN :first AND :last), 0), '
        "coalesce(sum(closed_on BETWEEN :first AND :last), 0), "
        "coalesce(sum(opened_on <= :last AND (closed_on IS NULL OR closed_on > :last)), 0) "
        'FROM "case" WHERE deleted = 0', span).fetchone()
    (registered,) = con.execute("SELECT count(*) FROM client WHERE deleted = 0 "
                                "AND registered_on BETWEEN :first AND :last", span).fetchone()
    volunteers, entries = con.execute(f"SELECT count(DISTINCT h.volunteer_id), count(*) "
                                      f"{HOURS.format(hours='')}", span).fetchone()
    groups_of: Counter[str] = Counter()
    group_rows = con.execute(f"SELECT cl.target_groups, count(*) "
                             f"{CLIENTS.format(records='', cases='')} GROUP BY cl.target_groups",
                             span).fetchall()
    for stored, n in group_rows:
        for code in (stored or "").strip(",").split(","):
            if code:
                groups_of[code] += n
    station["clients"] = sum(n for _s, n in group_rows)
    partners = con.execute(
        "SELECT pa.name, pa.kind, count(*), coalesce(sum(sp.value), 0), "
        "group_concat(DISTINCT sp.contribution) FROM service_record r "
        "JOIN service_partner sp ON sp.record_id = r.id JOIN partner pa ON pa.id = sp.partner_id "
        "WHERE r.deleted = 0 AND r.date BETWEEN :first AND :last "
        "GROUP BY pa.id ORDER BY pa.kind, count(*) DESC, pa.name", span).fetchall()
    summary = {"records": records, **station, "registered": registered, "opened": opened,
               "closed": closed, "open_now": open_now, "volunteers": volunteers,
               "partner_times": sum(p[2] for p in partners)}
    out: list[tuple[str, list[list[object]]]] = [
        ("总体情况", [["项目", "数量"], *[[k, _number(v)] for k, v in summary.items()]])]
    rows = [["近邻服务类别", *[zh for _c, zh in labels["service_kind"]], "记录合计", "参与人次"]]
    for code, zh in labels["service_category"]:
        n, people = by_category.get(code, [0, 0])
        rows.append([zh, *[per_kind[code, k] for k in kinds], n, people])
    out.append(("按近邻服务类别", rows))
    out.append(("按服务领域", [["服务领域", "服务记录数", "参与人次"],
                          *[[zh, *by_field.get(code, [0, 0])]
                            for code, zh in labels["service_field"]]]))
    out.append(("服务对象（按人员类别）", [["人员类别", "服务人数"],
                                  *[[zh, groups_of[code]] for code, zh in labels["target_group"]],
                                  ["服务对象人数（去重）", station.get("clients", 0)]]))
    out.append(("个案", [["项目", "数量"], ["新开个案", opened], ["结案个案", closed],
                       ["月末在案个案", open_now]]))
    out.append(("志愿服务", [["项目", "数量"], ["志愿服务时长（小时）", station["volunteer_hours"]],
                         ["参与志愿者人数", volunteers], ["服务登记条数", entries]]))
    kinds_rows = [["资源类型", "参与单位数", "参与次数", "折合金额（元）"]]
    for code, zh in labels["partner_kind"]:
        mine = [p for p in partners if p[1] == code]
        kinds_rows.append([zh, len(mine), sum(p[2] for p in mine),
                           _number(sum(p[3] for p in mine))])
    out.append(("五社联动（按资源类型）", kinds_rows))
    out.append(("联动资源明细", [["名称", "类型", "参与次数", "提供内容", "折合金额（元）"],
                           *[[n, k, t, c or "", _number(v)] for n, k, t, v, c in partners]]))
    out.append(("项目指标完成情况", _indicators(con, first, last)))
    return summary, out


def _indicators(con: sqlite3.Connection, first: dt.date, last: dt.date) -> list[list[object]]:
    rows: list[list[object]] = [["项目名称", "执行年度", "指标", "目标值", "本月完成", "本年度累计",
                                 "完成率"]]
    projects = con.execute("SELECT id, name, start_on, end_on FROM project WHERE deleted = 0 "
                           "AND start_on <= ? AND end_on >= ? ORDER BY start_on, id",
                           (last.isoformat(), first.isoformat())).fetchall()
    for pid, name, start, end in projects:
        on = min(last, dt.date.fromisoformat(end))
        start_on = dt.date.fromisoformat(start)
        years = [(n, _years_after(start_on, n - 1), _years_after(start_on, n)) for n in (1, 2, 3)]
        year = next(((n, a, b) for n, a, b in years if a <= on < b), None)
        if year is None:
            continue
        number, year_first, _next = year
        month = contract(con, max(first, year_first), on, pid)
        to_date = contract(con, year_first, on, pid)
        for kind, label, target in con.execute(
                "SELECT kind, label, target FROM indicator WHERE deleted = 0 AND project_id = ? "
                "AND (year_no IS NULL OR year_no = ?) ORDER BY year_no, id", (pid, number)):
            done = to_date.get(kind, 0)
            rows.append([name, f"第{number}年", label or kind, target, _number(month.get(kind, 0)),
                         _number(done), f"{done / target * 100:.1f}%" if target else "—"])
    return rows


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _number(value: object) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}" if isinstance(value, (int, float)) else str(value)


def draw(out: Path, station: str, month: str,
         found: list[tuple[str, list[list[object]]]], rules: list[str]) -> None:
    """The tables drawn by reportlab directly: titles in Hei, cells in Song, grid lines."""
    register_fonts()
    title = ParagraphStyle("title", fontName=HEI, fontSize=16, leading=22)
    heading = ParagraphStyle("heading", fontName=HEI, fontSize=12, leading=18)
    body = ParagraphStyle("body", fontName=SONG, fontSize=9, leading=13)
    cell = ParagraphStyle("cell", fontName=SONG, fontSize=9, leading=13)
    story: list[Flowable] = [Paragraph(f"{station}月度工作报表", title),
                             Paragraph(f"填报单位：{station}　　统计期间：{month}", body)]
    for n, (name, rows) in enumerate(found, 1):
        story += [Spacer(0, 4 * mm), Paragraph(f"{n}. {name}", heading)]
        data = [[Paragraph(str(v), cell) if isinstance(v, str) else _number(v) for v in row]
                for row in rows]
        table = Table(data, repeatRows=1)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SONG, 9),
                                   ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
                                   ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
        story.append(table)
    story += [Spacer(0, 4 * mm), Paragraph("统计口径", heading)]
    story += [Paragraph(line, body) for line in rules]
    SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                      topMargin=22 * mm, bottomMargin=20 * mm).build(story)


def anchor_pdf(db_path: Path, first: dt.date, last: dt.date, out: Path,
               rules: list[str]) -> dict[str, float]:
    """Count and draw the month's report the plain way; its summary figures."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        (station,) = con.execute("SELECT name FROM station LIMIT 1").fetchone() or ("",)
        summary, found = tables(con, first, last)
    finally:
        con.close()
    draw(out, station, f"{first:%Y年%m月}", found, rules)
    return summary
