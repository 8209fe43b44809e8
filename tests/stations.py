"""The handle of the station the models are on now, for tests that switch stations with
``use()``/``active()`` (the program makes its handle where it opens the station)."""

from __future__ import annotations

from pathlib import Path

from swdesk.handle import StationHandle
from swdesk.model import database
from swdesk.services.actor import SYSTEM, Actor


def here(actor: Actor = SYSTEM) -> StationHandle:
    db = database.obj
    assert db is not None, "no station open"
    return StationHandle(Path(db.database).parent, db, actor)
