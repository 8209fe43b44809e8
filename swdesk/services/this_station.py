"""Which station this database belongs to: the code ``swdesk init`` recorded, its row.

Below ``crud`` and ``rules`` (both number and stamp rows with it), so neither needs
the other to find it.
"""

from __future__ import annotations

from swdesk import settings
from swdesk.model import Station


def station_code() -> str:
    """This station's code, "" before ``swdesk init``."""
    return settings.STATION_CODE.get()


def current_station() -> Station | None:
    """This station's own row, None before ``swdesk init``."""
    code = station_code()
    if not code:
        return None
    return Station.live().where(Station.code == code).first()
