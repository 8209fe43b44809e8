"""Which station this database belongs to: the code ``swdesk init`` recorded.

Below ``crud`` and ``rules`` (both number and stamp rows with it), so neither needs
the other to find it.
"""

from __future__ import annotations

from swdesk.model import Setting

STATION_CODE_KEY = "station_code"


def station_code() -> str:
    """This station's code, "" before ``swdesk init``."""
    row = Setting.get_or_none(Setting.key == STATION_CODE_KEY)
    return str(row.value) if row else ""
