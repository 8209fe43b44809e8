"""Who prints and for which station: the header's station name, the officer's name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.model import Station, User, Worker
from swdesk.reports.layout import ReportInfo
from swdesk.services.actor import Actor
from swdesk.services.this_station import current_station


@dataclass(frozen=True)
class StationInfo:
    id: int
    code: str
    name: str
    head_name: str
    phone: str
    address: str


def station_info() -> StationInfo:
    station: Station | None = current_station()
    if station is None:
        raise SwdeskError(_("站点尚未初始化，请先运行 swdesk init",
                            "The station is not initialised yet; run swdesk init first"))
    return StationInfo(int(station.id), station.code, station.name, station.head_name or "",
                       station.phone or "", station.address or "")


def report_info(title: str, *, wide: bool = False, today: dt.date | None = None) -> ReportInfo:
    return ReportInfo(title=title, station=station_info().name,
                      printed_on=today or dt.date.today(), wide=wide)


def actor_name(actor: Actor) -> str:
    """The printing person's name as it goes on a form (经办人)."""
    if actor.worker_id is not None:
        worker = Worker.get_or_none(Worker.id == actor.worker_id)
        if worker is not None:
            return str(worker.name)
    user = User.get_or_none(User.username == actor.username)
    if user is not None and user.display_name:
        return str(user.display_name)
    return "" if actor.username == "system" else actor.username
