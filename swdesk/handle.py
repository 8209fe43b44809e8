"""The station a piece of work is for: its data folder, its open database, who acts.

Made once where a program opens a station (the window after sign-in, each command of
the command line) and handed to export, printing and backups. They used to work the
data folder out of the models' one global database handle, so whatever station was
bound last is where their files went.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import peewee as pw

from swdesk import paths, reference
from swdesk.model import database as models_database
from swdesk.services.actor import SYSTEM, Actor

if TYPE_CHECKING:
    from swdesk.db.connection import StationDatabase


@dataclass(frozen=True)
class StationHandle:
    data_dir: Path
    db: pw.Database  # the station's open database
    actor: Actor = SYSTEM

    @classmethod
    def of(cls, sdb: StationDatabase, actor: Actor = SYSTEM) -> StationHandle:
        """The handle of a station opened with ``open_station``."""
        return cls(Path(sdb.data_dir), sdb.db, actor)

    def acting(self, actor: Actor) -> StationHandle:
        """The same station, someone else acting (the window after a new sign-in)."""
        return replace(self, actor=actor)

    @property
    def db_path(self) -> Path:
        return paths.db_path(self.data_dir)

    @property
    def staging(self) -> Path:
        """Where plain (decrypted, uncompressed) package data are staged: this station's."""
        return self.data_dir / "staging"

    @contextmanager
    def bound(self) -> Iterator[StationHandle]:
        """The models on this station's database for the block.

        The models reach their database through one proxy, so they are bound to one
        station at a time; a call for another station binds its own for as long as it
        runs and gives the earlier one back. (One open station, the window's case,
        changes nothing.)
        """
        before = models_database.obj
        if before is self.db:
            yield self
            return
        models_database.initialize(self.db)
        reference.invalidate()  # (reference labels are cached per database)
        try:
            yield self
        finally:
            models_database.initialize(before)
            reference.invalidate()
