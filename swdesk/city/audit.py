"""The hub's own audit log: who changed what at the city, and when.

The hub has no sign-in of its own (it is run by the city's officers from their
accounts), so an entry names the operating-system account that ran the command.
Like the station's audit, an entry holds field names and codes, never a person's
values; it is written in the transaction of the change it describes.
"""

from __future__ import annotations

import getpass
import json
from typing import Any

from swdesk.city import models as m
from swdesk.model.base import now


def who() -> str:
    """The account running this program (``?`` where the system cannot say)."""
    try:
        return getpass.getuser()[:64] or "?"
    except (OSError, KeyError, ImportError):  # no login name in this environment
        return "?"


def record(action: str, entity: str = "", uid: str = "",
           detail: dict[str, Any] | None = None) -> None:
    m.CityAudit.create(at=now(), actor=who(), action=action, entity=entity, uid=uid,
                       detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True))


def entries(limit: int | None = None) -> list[m.CityAudit]:
    """The newest entries first."""
    query = m.CityAudit.select().order_by(m.CityAudit.id.desc())
    return list(query.limit(limit) if limit else query)
