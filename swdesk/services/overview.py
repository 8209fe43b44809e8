"""Headline figures of the station: the status bar's (cheap) and the 设置 page's counts."""

from __future__ import annotations

from dataclasses import dataclass

from swdesk.model import Client, ServiceRecord
from swdesk.services import journal
from swdesk.services.this_station import current_station


@dataclass(frozen=True)
class StationOverview:
    station_code: str
    station_name: str
    clients: int
    records: int
    pending_changes: int


@dataclass(frozen=True)
class StatusLine:
    """What the window's status bar shows: cheap to read however big the station."""

    station_code: str
    station_name: str
    pending_changes: int


def status_line() -> StatusLine:
    station = current_station()
    return StatusLine(station_code=station.code if station else "",
                      station_name=station.name if station else "",
                      pending_changes=journal.pending_changes())


@dataclass(frozen=True)
class StationCounts:
    """The 设置 page's figures: a count over every live row, slow at city size."""

    clients: int
    records: int


def station_counts() -> StationCounts:
    return StationCounts(clients=Client.live().count(), records=ServiceRecord.live().count())


def station_overview() -> StationOverview:
    station = current_station()
    counts = station_counts()
    return StationOverview(
        station_code=station.code if station else "",
        station_name=station.name if station else "",
        clients=counts.clients,
        records=counts.records,
        pending_changes=journal.pending_changes(),
    )
