"""The numbers people see, and the rows they name: every place that asks for a row (the
command line's options, the 报表 page) takes these as well as an id.

- a case: its case number (XM-SM-001-2026-0141), :func:`swdesk.services.cases.find`;
- a group, an activity: their numbers (:mod:`groups`, :mod:`activities`);
- a project: its project number ``Project.code`` (XM-SM-001-P202401);
- a volunteer: the volunteer number printed on the certificates (XMV2025000001);
- a service record: its record number, worked out here.

A service record's printed number is the station's: the station code, "R", the year of
the service date and the record's place among that year's records in the order they were
entered (XM-SM-001-R2026-00042). Deleted records keep their places, so no printed
number ever moves to another record; it is computed, not stored (a record moved to
another year by correcting its date takes its place there).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TypeVar

from swdesk.errors import NotFoundError
from swdesk.i18n import _
from swdesk.model import Project, ServiceRecord, Volunteer, database
from swdesk.services import crud
from swdesk.services.this_station import current_station

M = TypeVar("M", Project, Volunteer)
RECORD_NO = re.compile(r"^(?P<station>.+)-R(?P<year>\d{4})-(?P<seq>\d{1,6})$")


def _station_code() -> str:
    station = current_station()
    return str(station.code) if station is not None else ""


def _record_no(code: str, year: str, seq: int) -> str:
    return f"{code}-R{year}-{seq:05d}"


def record_nos(ids: Iterable[int]) -> dict[int, str]:
    """The printed number of each record in ``ids`` (one query per call)."""
    wanted = {int(i) for i in ids}
    if not wanted:
        return {}
    code = _station_code()
    first, last = min(wanted), max(wanted)
    years = [row[0] for row in database.execute_sql(
        "SELECT DISTINCT substr(date, 1, 4) FROM service_record WHERE id BETWEEN ? AND ?",
        (first, last)).fetchall()]
    marks = ", ".join("?" for _y in years)
    rows = database.execute_sql(
        "SELECT id, y, n FROM (SELECT id, substr(date, 1, 4) AS y, row_number() OVER "
        "(PARTITION BY substr(date, 1, 4) ORDER BY id) AS n FROM service_record "
        f"WHERE substr(date, 1, 4) IN ({marks}) AND id <= ?) WHERE id >= ?",
        (*years, last, first)).fetchall()
    return {int(i): _record_no(code, str(y), int(n)) for i, y, n in rows if int(i) in wanted}


def record_no(record: ServiceRecord) -> str:
    """The printed number of one record."""
    return record_nos([int(record.id)])[int(record.id)]


def find_record(ref: int | str) -> ServiceRecord:
    """A live service record by its printed number, its id or its uid."""
    text = str(ref).strip().upper()
    found = RECORD_NO.match(text)
    if found is None:
        return crud.get(ServiceRecord, str(ref).strip())
    if found["station"] != _station_code().upper():
        raise NotFoundError(_("{} 不是本站的服务记录编号（本站编号以 {} 开头）",
                              "{} is not a service record number of this station (ours "
                              "start with {})").format(text, _station_code()))
    year, seq = int(found["year"]), int(found["seq"])
    row = None if seq < 1 else database.execute_sql(
        "SELECT id FROM service_record WHERE date BETWEEN ? AND ? ORDER BY id "
        "LIMIT 1 OFFSET ?", (dt.date(year, 1, 1).isoformat(), dt.date(year, 12, 31).isoformat(),
                             seq - 1)).fetchone()
    if row is None:
        raise NotFoundError(_("找不到编号为 {} 的服务记录", "There is no service record "
                              "numbered {}").format(text))
    return crud.get(ServiceRecord, int(row[0]))


def find_project(ref: int | str) -> Project:
    """A live project by its project number (XM-SM-001-P202401), its id or its uid."""
    text = str(ref).strip()
    row = Project.live().where(Project.code == text.upper()).first() if text else None
    if row is not None:
        return row
    return _by_id(Project, text, _("找不到编号为 {} 的服务项目", "There is no project "
                                   "numbered {}").format(text))


def find_volunteer(ref: int | str) -> Volunteer:
    """A live volunteer by the volunteer number on the certificates (XMV2025000001), the id
    or the uid."""
    text = str(ref).strip()
    row = (Volunteer.live().where(Volunteer.volunteer_no == text.upper()).first()
           if text else None)
    if row is not None:
        return row
    return _by_id(Volunteer, text, _("找不到编号为 {} 的志愿者", "There is no volunteer "
                                     "numbered {}").format(text))


def _by_id(model: type[M], text: str, missing: str) -> M:
    row = model.select().where(model.uid == text).first() if text else None
    if (text.isascii() and text.isdigit()) or row is not None:
        return crud.get(model, text)  # (a deleted row is refused in its own words)
    raise NotFoundError(missing)
