"""A volunteer's hours as their page shows them: in all, this year, and how many services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from swdesk.model import database


@dataclass(frozen=True, slots=True)
class VolunteerHours:
    total: Decimal  # every live entry of the hours ledger
    this_year: Decimal  # entries dated in the current calendar year
    entries: int
    records: int  # service records the volunteer took part in
    last: dt.date | None  # the newest entry's date


def hours_of(volunteer_id: int, today: dt.date | None = None) -> VolunteerHours:
    """The volunteer's hours totals, in one query over their ledger entries."""
    year_start = (today or dt.date.today()).replace(month=1, day=1).isoformat()
    # Summed as whole hundredths: the column is a decimal, SQLite's sum of it a float.
    total, year, entries, records, last = database.execute_sql(
        "SELECT coalesce(sum(CAST(round(hours * 100) AS INTEGER)), 0), "
        "coalesce(sum(CASE WHEN date >= ? THEN CAST(round(hours * 100) AS INTEGER) END), 0), "
        "count(*), count(DISTINCT record_id), max(date) "
        "FROM volunteer_hour WHERE volunteer_id = ? AND deleted = 0",
        (year_start, volunteer_id)).fetchone()
    return VolunteerHours(Decimal(total) / 100, Decimal(year) / 100, int(entries),
                          int(records), dt.date.fromisoformat(str(last)[:10]) if last else None)
