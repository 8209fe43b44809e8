"""A purchased project's indicators against what its linked rows show.

The kinds are the contract figures (reference list ``indicator_kind``), each counted by
:mod:`swdesk.services.contract_figures` with the rule written there, for the project and
inside a span: by default the contract period; the 工作台, the project report and the
monthly report ask for an execution year (the targets are per execution year). An
indicator set for one execution year (``year_no``) counts in that year only; one without
(written before targets were set per year) in every year. A custom indicator (kind
``custom``) is not counted: its actual is what was entered by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from swdesk import reference
from swdesk.i18n import _
from swdesk.model import Indicator, Project
from swdesk.services import contract_figures

KINDS = contract_figures.KEYS
CUSTOM = "custom"  # the indicator_kind of an indicator whose actual is entered by hand


@dataclass(frozen=True)
class IndicatorProgress:
    indicator_id: int
    kind: str
    label: str
    target: int
    actual: Decimal
    year_no: int | None = None
    custom: bool = False  # actual entered by hand (with actual_note and evidence)
    actual_note: str = ""
    evidence: str = ""

    @property
    def share(self) -> float | None:
        """Actual over target (1.0 = met); None when there is no target."""
        return float(self.actual) / self.target if self.target else None

    @property
    def met(self) -> bool:
        return self.target <= 0 or self.actual >= self.target


@dataclass(frozen=True)
class ExecutionYear:
    number: int  # 1, 2, 3
    first: dt.date
    last: dt.date


def execution_years(project: Project) -> list[ExecutionYear]:
    """The contract's execution years (the last one may be short)."""
    years: list[ExecutionYear] = []
    start: dt.date = project.start_on
    n = 1
    while start <= project.end_on and n <= 3:
        nxt = _add_years(project.start_on, n)
        years.append(ExecutionYear(n, start, min(nxt - dt.timedelta(days=1), project.end_on)))
        start, n = nxt, n + 1
    return years


def year_of(project: Project, day: dt.date) -> ExecutionYear | None:
    for year in execution_years(project):
        if year.first <= day <= year.last:
            return year
    return None


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def year_to_date(project: Project, today: dt.date) -> tuple[ExecutionYear, dt.date] | None:
    """The execution year ``today`` falls in (or the last one, after the contract), and the
    day its figures run to: today, or the year's end once it is over. None before the
    contract starts. The 工作台 and the project report count the same span."""
    years = execution_years(project)
    if not years or today < years[0].first:
        return None
    year = year_of(project, today) or years[-1]
    return year, min(year.last, today)


def year_text(year: ExecutionYear) -> str:
    """"第2执行年度（2026-03-01 至 2027-02-28）": the span a target is set for."""
    return _("第{}执行年度（{} 至 {}）", "Execution year {} ({} to {})").format(
        year.number, year.first.isoformat(), year.last.isoformat())


def counts(project_id: int, first: dt.date, last: dt.date,
           kinds: tuple[str, ...] = KINDS) -> dict[str, Decimal]:
    """Every asked-for kind's actual figure for the project between ``first`` and ``last``."""
    known = tuple(k for k in kinds if k in contract_figures.BY_KEY)
    return contract_figures.figures(first, last, project_id, known)


def indicator_progress(project: Project, *, first: dt.date | None = None,
                       last: dt.date | None = None,
                       kinds: Iterable[str] | None = None) -> list[IndicatorProgress]:
    """Each live indicator of ``project`` with its actual figure.

    The span defaults to the contract period; pass ``first``/``last`` for one
    execution year or "up to the end of this month", ``kinds`` to keep only some.
    """
    query = Indicator.live().where(Indicator.project == project.id).order_by(
        Indicator.year_no, Indicator.id)
    wanted = None if kinds is None else set(kinds)
    years = {y.number: y for y in execution_years(project)}
    # Asked for a span: the indicators of the execution year it starts in (and those of
    # every year); the whole contract: each indicator over its own year.
    in_year = year_of(project, first) if first is not None else None
    indicators = [i for i in query if (wanted is None or i.kind in wanted)
                  and (first is None or i.year_no is None
                       or (in_year is not None and i.year_no == in_year.number))]
    spans: dict[tuple[dt.date, dt.date], set[str]] = {}
    span_of: dict[int, tuple[dt.date, dt.date]] = {}
    for i in indicators:
        own = years.get(i.year_no) if first is None and i.year_no else None
        span = ((own.first, own.last) if own is not None
                else (first or project.start_on, last or project.end_on))
        span_of[int(i.id)] = span
        if i.kind != CUSTOM:
            spans.setdefault(span, set()).add(i.kind)
    actual = {span: counts(int(project.id), span[0], span[1], tuple(sorted(ks)))
              for span, ks in spans.items()}
    return [_progress(i, actual.get(span_of[int(i.id)], {})) for i in indicators]


def _progress(i: Indicator, actual: dict[str, Decimal]) -> IndicatorProgress:
    if i.kind == CUSTOM:
        return IndicatorProgress(int(i.id), i.kind, i.label or "", int(i.target or 0),
                                 Decimal(i.manual_actual or 0), i.year_no, True,
                                 i.actual_note or "", i.evidence or "")
    return IndicatorProgress(int(i.id), i.kind, reference.label("indicator_kind", i.kind),
                             int(i.target or 0), actual.get(i.kind, Decimal(0)), i.year_no)
