"""The contract figures (合同指标口径): each defined once, with its rule in words beside it.

A purchased project is paid on these figures and evaluated on them every execution year;
the 工作台, the project report, the monthly report and the project indicators all count
them here, so one period shows one number wherever it is read. Each figure is one or two
SQL aggregates over indexes (the parts below); the parts that read the same rows are
asked in one statement (:func:`figures`). A period is ``first`` to ``last`` inclusive;
with a project, only what belongs to it counts (:data:`PROJECT_RULE`).

The rules' text (``Figure.rule``) is what the window and the printouts show under a
figure, so a reader knows what was counted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from swdesk.i18n import _
from swdesk.model import database
from swdesk.model.described import text_to_codes
from swdesk.services.served import CLIENT_IDS, served

# Where a figure's rows come from: each part reads one of these, ``:first``/``:last`` the
# period and ``{project}`` the project's condition (empty for the whole station).
SOURCES: dict[str, tuple[str, str]] = {
    # Live service records dated in the period: an index range on (deleted, date, …) or
    # (project_id, deleted, date, …), read from the index alone.
    "records": ("FROM service_record r WHERE r.deleted = 0 "
                "AND r.date BETWEEN :first AND :last{project}", " AND r.project_id = :project"),
    # Live case logs dated in the period, of live cases (a deleted case's logs are gone
    # with it): the case_log (date) index, each log's case by its key.
    "case_logs": ('FROM case_log l JOIN "case" c ON c.id = l.case_id WHERE l.deleted = 0 '
                  "AND c.deleted = 0 AND l.date BETWEEN :first AND :last{project}",
                  " AND c.project_id = :project"),
    # Cases open at some time in the period.
    "cases": ('FROM "case" c WHERE c.deleted = 0 AND c.opened_on <= :last '
              "AND (c.closed_on IS NULL OR c.closed_on >= :first){project}",
              " AND c.project_id = :project"),
    # Live groups with a live session (a record of kind group linked to the group) in the
    # period: per group, the (work_group_id, deleted, date, kind, project_id) index.
    "groups": ("FROM work_group g WHERE g.deleted = 0 AND EXISTS (SELECT 1 FROM "
               "service_record r WHERE r.work_group_id = g.id AND r.deleted = 0 "
               "AND r.date BETWEEN :first AND :last AND r.kind = 'group'{project})",
               " AND r.project_id = :project"),
    # Live volunteer-hour entries dated in the period.
    "hours": ("FROM volunteer_hour h WHERE h.deleted = 0 "
              "AND h.date BETWEEN :first AND :last{project}", " AND h.project_id = :project"),
    # Live clients who took part in a live record of the period or whose live case has a
    # live log in it: each counts once.
    "clients": ("FROM client cl WHERE cl.deleted = 0 AND cl.id IN ("
                + CLIENT_IDS.format(first=":first", last=":last") + ")",
                " AND r.project_id = :project"),
}


@dataclass(frozen=True)
class Figure:
    """One contract figure: its indicator kind code, name, rule and how it is counted."""

    key: str  # the code of the reference list indicator_kind
    zh: str
    en: str
    rule_zh: str
    rule_en: str
    parts: tuple[tuple[str, str], ...]  # (source, aggregate); the figure is their sum
    hundredths: bool = False  # hours: summed as whole hundredths, exact
    # The same sum over kept_tally's rows of the period (swdesk.model.kept); '' where the
    # figure is not kept there (cases, groups: cheap and about entities; clients: kept
    # per month, read by _kept_clients).
    kept: str = ""

    @property
    def name(self) -> str:
        return _(self.zh, self.en)

    @property
    def rule(self) -> str:
        return _(self.rule_zh, self.rule_en)


# What "belongs to a project" means, for every figure alike.
PROJECT_RULE = ("按项目统计时：服务记录（含小组节次、社区活动）与志愿服务时长以其“所属项目”为准，"
                "个案及其个案记录以个案的“所属项目”为准；小组以该项目的节次记录计。",
                "For a project: service records (group sessions and community activities "
                "included) and volunteer hours count by their own project, cases and their "
                "logs by the case's project; a group by its sessions recorded for the project.")
# What every figure leaves out.
DELETED_RULE = ("已删除的记录一律不计；已删除个案的个案记录不计。",
                "Deleted rows never count, nor do the logs of a deleted case.")

FIGURES: tuple[Figure, ...] = (
    Figure("cases", "个案数", "Cases",
           "统计期内在案的个案数：开案日期不晚于期末，且未结案或结案日期不早于期初"
           "（期前开案、期内结案的个案也计入；期内开案并结案的计入）。每个个案计一次。",
           "Cases open at some time in the period: opened on or before its last day and "
           "not closed, or closed on or after its first day (a case opened before and closed "
           "in the period counts). Each case once.",
           (("cases", "count(*)"),)),
    Figure("groups", "小组数", "Groups",
           "统计期内至少开展过一节活动的小组个数：小组的节次是关联该小组、服务形式为“小组活动”"
           "的服务记录。跨月开展的小组在每个有节次的月份各计一次，在一个执行年度内只计一次。",
           "Groups that held at least one session in the period (a session is a service "
           "record of kind group linked to the group). A group running over two months counts "
           "in each month it met, once in a year.",
           (("groups", "count(*)"),)),
    Figure("group_sessions", "小组节数", "Group sessions",
           "统计期内服务形式为“小组活动”的服务记录条数，每条计一节；未关联小组的小组活动记录"
           "也各计一节（但不计入小组数）。",
           "Service records of kind group in the period, one session each; a group record "
           "linked to no group is a session too (but adds no group).",
           (("records", "coalesce(sum(r.kind = 'group'), 0)"),),
           kept="sum(iif(t.kind = 'group', t.records, 0))"),
    Figure("activities", "社区活动数", "Community activities",
           "统计期内服务形式为“社区活动”的服务记录条数：一次举办的社区活动计一次，"
           "未关联活动方案的社区活动记录也各计一次。",
           "Service records of kind community in the period: each activity held once, "
           "including community records with no activity plan.",
           (("records", "coalesce(sum(r.kind = 'community'), 0)"),),
           kept="sum(iif(t.kind = 'community', t.records, 0))"),
    Figure("person_times", "服务人次", "Person-times",
           "统计期内服务记录的“参与人次”之和，加上个案记录条数（每条个案记录为一次个人服务，"
           "计1人次；个案服务记在个案记录里，不再另录服务记录，以免重复计算）。",
           "The person-times of the period's service records plus the case logs (each case "
           "log is one individual service, one person-time; casework is recorded in the "
           "case log only, never twice).",
           (("records", "coalesce(sum(r.headcount), 0)"), ("case_logs", "count(*)")),
           kept="sum(t.headcount + t.logs)"),
    Figure("clients", "服务对象人数", "Clients served",
           "统计期内服务记录的具名参与者，与期内有个案记录的个案的服务对象，合并后按人去重；"
           "只计未删除的服务对象，未具名的参与人次不计入。",
           "Named participants of the period's service records together with the clients of "
           "cases with a log in the period, each person once; deleted clients and unnamed "
           "person-times do not count.",
           (("clients", "count(*)"),)),
    Figure("care_visits", "邻里守望探访", "Neighbourhood care visits",
           "统计期内标记为“邻里守望探访”的服务记录条数，加上标记为“邻里守望探访”的个案记录条数。",
           "Service records marked as a neighbourhood care visit plus case logs so marked, "
           "in the period.",
           (("records", "coalesce(sum(r.care_visit), 0)"),
            ("case_logs", "coalesce(sum(l.care_visit), 0)")),
           kept="sum(t.record_visits + t.log_visits)"),
    Figure("volunteer_hours", "志愿服务时长", "Volunteer hours",
           "统计期内志愿服务时长登记之和（小时，精确到0.01小时，按百分之一小时累加，不四舍五入）。",
           "The volunteer hours entered for the period (hours to the hundredth, summed "
           "exactly in hundredths).",
           (("hours", "coalesce(sum(CAST(round(h.hours * 100) AS INTEGER)), 0)"),),
           hundredths=True, kept="sum(t.hundredths)"),
)
BY_KEY: dict[str, Figure] = {f.key: f for f in FIGURES}
KEYS: tuple[str, ...] = tuple(BY_KEY)


def figure(key: str) -> Figure:
    return BY_KEY[key]


def rules_text(keys: Iterable[str] = KEYS) -> list[str]:
    """Each asked figure's rule as a line "名称：规则", then the project and deletion rules."""
    return [f"{BY_KEY[k].name}：{BY_KEY[k].rule}" for k in keys] + [
        _(*PROJECT_RULE), _(*DELETED_RULE)]


def source_sql(source: str, project: bool) -> str:
    body, condition = SOURCES[source]
    cond = condition if project else ""
    # The clients' case half filters by the case's project, the record half by the record's.
    return body.format(project=cond,
                       case_project=" AND c.project_id = :project" if project else "")


def figures(first: dt.date, last: dt.date, project_id: int | None = None,
            keys: Iterable[str] = KEYS) -> dict[str, Decimal]:
    """The asked figures for the period (and project): key -> value.

    Counts are whole numbers, hours have two decimals. The kept figures serve all but
    cases and groups (counted from their indexes, few rows): one read of the period's
    kept days for the sums, the kept months for 服务对象人数 (``served``).
    """
    wanted = [BY_KEY[k] for k in dict.fromkeys(keys)]
    out: dict[str, Decimal] = {}
    summed = [f for f in wanted if f.kept]
    if summed:
        row = database.execute_sql(
            f"SELECT {', '.join(f'coalesce({f.kept}, 0)' for f in summed)} FROM kept_tally t "
            "WHERE t.scope = ? AND t.day BETWEEN ? AND ?",
            (int(project_id or 0), first.isoformat(), last.isoformat())).fetchone()
        for fig, value in zip(summed, row, strict=True):
            out[fig.key] = _value(fig, int(value))
    if BY_KEY["clients"] in wanted:
        sql, params = served(first, last, project_id)
        (n,) = database.execute_sql(f"SELECT count(*) FROM ({sql})", params).fetchone()
        out["clients"] = Decimal(int(n))
    rest = [f.key for f in wanted if f.key not in out]
    if rest:
        out.update(counted(first, last, project_id, rest))
    return {f.key: out[f.key] for f in wanted}


def _value(fig: Figure, total: int) -> Decimal:
    return (Decimal(total) / 100).quantize(Decimal("0.01")) if fig.hundredths else Decimal(total)


def counted(first: dt.date, last: dt.date, project_id: int | None = None,
            keys: Iterable[str] = KEYS) -> dict[str, Decimal]:
    """The asked figures counted from the records alone (tests and ``db check`` hold the
    kept figures to it). The parts reading the same source are asked together: one pass
    over the records' index serves four figures.
    """
    wanted = [BY_KEY[k] for k in dict.fromkeys(keys)]
    by_source: dict[str, list[str]] = {}
    for fig in wanted:
        for source, aggregate in fig.parts:
            by_source.setdefault(source, [])
            if aggregate not in by_source[source]:
                by_source[source].append(aggregate)
    params: dict[str, object] = {"first": first.isoformat(), "last": last.isoformat()}
    if project_id is not None:
        params["project"] = int(project_id)
    values: dict[tuple[str, str], int] = {}
    for source, aggregates in by_source.items():
        row = database.execute_sql(
            f"SELECT {', '.join(aggregates)} {source_sql(source, project_id is not None)}",
            params).fetchone()
        for aggregate, value in zip(aggregates, row, strict=True):
            values[source, aggregate] = int(value or 0)
    return {fig.key: _value(fig, sum(values[part] for part in fig.parts)) for fig in wanted}


def count(key: str, first: dt.date, last: dt.date, project_id: int | None = None) -> Decimal:
    """One figure for the period (and project)."""
    return figures(first, last, project_id, (key,))[key]


def clients_by_target_group(first: dt.date, last: dt.date, project_id: int | None = None
                            ) -> tuple[int, dict[str, int]]:
    """服务对象人数 and how many of them per target group (人员类别), by the same rule: a
    client in several target groups counts once in each group, once in the total."""
    sql, params = served(first, last, project_id)
    return _by_target_group(database.execute_sql(
        f"SELECT target_groups, count(*) FROM ({sql}) GROUP BY target_groups",
        params).fetchall())


def clients_by_target_group_counted(first: dt.date, last: dt.date,
                                    project_id: int | None = None
                                    ) -> tuple[int, dict[str, int]]:
    """:func:`clients_by_target_group` counted from the records alone."""
    params: dict[str, object] = {"first": first.isoformat(), "last": last.isoformat()}
    if project_id is not None:
        params["project"] = int(project_id)
    rows = database.execute_sql(
        f"SELECT cl.target_groups, count(*) {source_sql('clients', project_id is not None)} "
        "GROUP BY cl.target_groups", params).fetchall()
    return _by_target_group(rows)


def _by_target_group(rows: Iterable[tuple[str | None, int]]) -> tuple[int, dict[str, int]]:
    total = 0
    groups: Counter[str] = Counter()
    for stored, n in rows:
        total += int(n)
        for code in text_to_codes(stored):
            groups[code] += int(n)
    return total, dict(groups)
