"""A project's indicators per execution year: found by the project's number, added, edited,
deleted; custom ones given their actual by hand. What each shows (actual, share, the pro-rata
expectation) comes from :mod:`swdesk.services.indicators`, which counts nothing itself
either: :mod:`swdesk.services.contract_figures` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from swdesk import reference
from swdesk.errors import NotFoundError, ValidationError
from swdesk.i18n import _
from swdesk.model import Indicator, Project
from swdesk.numbers import grouped
from swdesk.services import crud, indicators, numbers_seen
from swdesk.services.actor import Actor
from swdesk.services.indicators import CUSTOM, ExecutionYear, IndicatorProgress


@dataclass(frozen=True)
class YearIndicator:
    progress: IndicatorProgress
    expected: Decimal  # the target at the pace of the days gone in the year

    @property
    def behind(self) -> bool:
        return self.progress.actual < self.expected


@dataclass(frozen=True)
class YearIndicators:
    year: ExecutionYear
    rows: list[YearIndicator]
    elapsed: Decimal  # share of the year gone by ``today`` (0 to 1)


def find_project(number: str) -> Project:
    """A live project by the number people see (XM-SM-001-P202401), or its id; the lookup is
    ``numbers_seen``'s, the messages the project commands'."""
    wanted = (number or "").strip()
    if not wanted:
        raise ValidationError(_("请填写项目编号", "Give the project number"))
    try:
        return numbers_seen.find_project(wanted)
    except NotFoundError:
        raise NotFoundError(_("找不到项目编号 {}（用 swdesk project list 查看）",
                              "No project numbered {} (see swdesk project list)").format(
                                  wanted)) from None


def elapsed_share(year: ExecutionYear, today: dt.date) -> Decimal:
    """How much of the execution year has gone by ``today``: 0 before, 1 after it."""
    if today < year.first:
        return Decimal(0)
    days = (year.last - year.first).days + 1
    gone = min(days, (today - year.first).days + 1)
    return Decimal(gone) / Decimal(days)


def by_year(project: Project, today: dt.date) -> list[YearIndicators]:
    """Each execution year with its indicators: actual over the year (to date), the pro-rata
    expectation at ``today``. Indicators set for every year appear in each."""
    out: list[YearIndicators] = []
    for year in indicators.execution_years(project):
        share = elapsed_share(year, today)
        progress = indicators.indicator_progress(project, first=year.first, last=year.last)
        rows = [YearIndicator(p, (p.target * share).quantize(Decimal("0.1")))
                for p in progress]
        out.append(YearIndicators(year, rows, share))
    return out


def add(actor: Actor, project: Project, values: Mapping[str, Any]) -> Indicator:
    """A new indicator of ``project``: year_no, kind, target (label for a custom one)."""
    if values.get("year_no") in (None, ""):
        raise ValidationError({"year_no": _("执行年度：不能为空", "Execution year: required")})
    return crud.create(Indicator, {**values, "project": int(project.id)}, actor)


def edit(actor: Actor, indicator_id: int, values: Mapping[str, Any]) -> Indicator:
    if "project" in values:
        raise ValidationError(_("指标不能改到别的项目", "An indicator stays with its project"))
    return crud.update(Indicator, indicator_id, values, actor)


def enter_actual(actor: Actor, indicator_id: int, actual: Any, note: Any = None,
                 evidence: Any = None) -> Indicator:
    """A custom indicator's actual, with a note on it and the evidence in words."""
    row = crud.get(Indicator, indicator_id)
    if row.kind != CUSTOM:
        raise ValidationError({"manual_actual": _(
            "内置指标的实际完成由系统按记录统计，不能手填",
            "A built-in indicator's actual is counted from the records, not entered")})
    if actual in (None, ""):
        raise ValidationError({"manual_actual": _("实际完成：不能为空", "Actual: required")})
    return crud.update(Indicator, row, {"manual_actual": actual, "actual_note": note,
                                        "evidence": evidence}, actor)


def delete(actor: Actor, indicator_id: int) -> None:
    crud.delete(Indicator, indicator_id, actor)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def figure(value: Decimal) -> str:
    """A count as a whole number, hours with their decimals, thousands separated."""
    return grouped(value)


def expected_figure(value: Decimal) -> str:
    """The pro-rata expectation as people count it: whole services, hours to one decimal."""
    return grouped(value.quantize(Decimal("0.1")) if value % 1 else value)


def find_indicator(project: Project, year_no: int, name: str) -> Indicator:
    """The live indicator of ``project`` in execution year ``year_no`` named ``name``: a
    custom indicator's name, or a built-in kind (its code or label)."""
    rows = list(Indicator.live().where((Indicator.project == project.id)
                                       & (Indicator.year_no == year_no)))
    wanted = (name or "").strip()
    for row in rows:
        if row.kind == CUSTOM and (row.label or "").strip() == wanted:
            return row
    kind = None if wanted == CUSTOM else _kind_or_none(wanted)
    for row in rows:
        if kind is not None and row.kind == kind:
            return row
    raise NotFoundError(_("{} 第{}执行年度没有指标“{}”",
                          "{0}: execution year {1} has no indicator “{2}”")
                        .format(project.code or project.name, year_no, wanted))


def _kind_or_none(text: str) -> str | None:
    try:
        return reference.resolve("indicator_kind", text)
    except ValidationError:
        return None
