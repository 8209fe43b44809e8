"""Social workers' continuing-education hours (继续教育).

Two rules sit side by side (DESIGN.md): the city's, at least 80 hours a year
(binding here), and the national registration rule, per 3-year registration
period at least 72 hours for an assistant social worker and 90 for a social
worker or senior social worker.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from swdesk.model import Worker, database

CITY_HOURS_PER_YEAR = Decimal(80)
# Certificate level -> hours per 3-year registration period (national rule).
NATIONAL_HOURS_PER_3_YEARS: dict[str, Decimal] = {
    "assistant": Decimal(72), "social_worker": Decimal(90), "senior": Decimal(90),
}


def _hours_by_worker_id(first: dt.date, last: dt.date) -> dict[int, Decimal]:
    rows = database.execute_sql(
        "SELECT worker_id, sum(CAST(round(hours * 100) AS INTEGER)) FROM training_record "
        "WHERE deleted = 0 AND date BETWEEN ? AND ? GROUP BY worker_id",
        (first.isoformat(), last.isoformat())).fetchall()
    return {int(w): (Decimal(int(h)) / 100).quantize(Decimal("0.01")) for w, h in rows}


def hours_by_worker(year: int, *, include_inactive: bool = False) -> list[tuple[Worker, Decimal]]:
    """Every (active) worker with the hours of training recorded in ``year``, by name.

    Workers with no training at all are listed with 0: they are the ones to chase.
    """
    hours = _hours_by_worker_id(dt.date(year, 1, 1), dt.date(year, 12, 31))
    query = Worker.live().order_by(Worker.name, Worker.id)
    if not include_inactive:
        query = query.where((Worker.active == True) | (Worker.id.in_(list(hours))))  # noqa: E712
    return [(w, hours.get(int(w.id), Decimal("0.00"))) for w in query]


def hours_between(first: dt.date, last: dt.date) -> list[tuple[Worker, Decimal]]:
    """Every active worker (and any with hours) with the training hours of the span, by
    name: an execution year runs over two calendar years."""
    hours = _hours_by_worker_id(first, last)
    query = (Worker.live().where((Worker.active == True) | (Worker.id.in_(list(hours))))  # noqa: E712
             .order_by(Worker.name, Worker.id))
    return [(w, hours.get(int(w.id), Decimal("0.00"))) for w in query]


def hours_over_years(first_year: int, last_year: int) -> dict[int, Decimal]:
    """Worker id -> hours from 1 January ``first_year`` to 31 December ``last_year``."""
    return _hours_by_worker_id(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31))


def national_requirement(cert_level: str | None) -> Decimal | None:
    """Hours per 3-year registration period for this certificate level (None: not registered)."""
    return NATIONAL_HOURS_PER_3_YEARS.get(cert_level or "")


def short_of_city_rule(hours: Decimal) -> bool:
    return hours < CITY_HOURS_PER_YEAR
