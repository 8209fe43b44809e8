"""What becomes of each valid row of a chunk applied row by row: its ``Fate``.

A row's fate is found in three steps, each needing one look-up for the whole chunk:
its row state (another station's uid, or a version applied already), its links (to a
row rejected, or not here yet), then the city's row of its uid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from swdesk.city.row_states import State

Row = dict[str, Any]


class Fate(Enum):
    """What the hub does with one valid row of a station package."""

    NEW = "new"  # new to the city: inserted as sent, its state in its city row
    RETURNING = "returning"  # held or rejected before, no city row: inserted, state explicit
    KNOWN = "known"  # the city holds its uid: merged field by field with the city's row
    DUPLICATE = "duplicate"  # this version, or a later one, was applied already
    OTHER_STATION = "other station"  # its uid's state is another station's: quarantined
    CLASH = "clash"  # the city row of its uid is another station's: rejected
    LINK_REJECTED = "link rejected"  # links to a row the hub rejected: rejected too
    WAITING = "waiting"  # links to a row the city does not hold (yet): held at the end


def _lists() -> dict[Fate, list[Row]]:
    return {fate: [] for fate in Fate}


@dataclass
class Sorted:
    """A chunk's valid rows by fate, with what was looked up to sort them."""

    old_states: dict[str, State]  # uid -> the state the hub had of it
    rows: dict[Fate, list[Row]] = field(default_factory=_lists)
    missing: dict[str, list[str]] = field(default_factory=dict)  # uid -> absent links
    city_rows: dict[str, Row] = field(default_factory=dict)  # of the KNOWN rows

    def __getitem__(self, fate: Fate) -> list[Row]:
        return self.rows[fate]


def by_state(old: State | None, version: int, station: str, epoch_from: int) -> Fate | None:
    """The fate the row's state decides, if it does (else its links decide next)."""
    if old is None:
        return None
    if old.station != station:  # the uid is another station's: acknowledged from there
        return Fate.OTHER_STATION
    if (old.outcome != "held" and version <= old.version
            # a version a package of an older epoch set belongs to another numbering
            and old.number >= epoch_from):
        return Fate.DUPLICATE
    return None


def by_links(gone: list[str] | None, kept: set[str]) -> Fate | None:
    """The fate the row's absent links (``gone``) decide, if they do; ``kept``: linked
    uids in the quarantine."""
    if not gone:
        return None
    return Fate.LINK_REJECTED if any(u in kept for u in gone) else Fate.WAITING


def by_city_row(ours: Row | None, old: State | None, station: str) -> Fate:
    """The fate of a row whose state and links let it in, by the city's row of its uid."""
    if ours is None:
        return Fate.NEW if old is None else Fate.RETURNING
    return Fate.CLASH if ours["origin"] != station else Fate.KNOWN
