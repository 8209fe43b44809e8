"""A station's version of a row the city holds, merged field by field with the city's."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from swdesk.city.city_rows import data_of
from swdesk.city.row_states import State
from swdesk.sync import codec
from swdesk.sync.merge import differing, merge

Row = dict[str, Any]


@dataclass
class Merged:
    row: Row  # the row to store
    outcome: str  # applied, merged or conflict
    conflicts: dict[str, Any]  # field -> (base, city's, station's)
    diverged: Row | None  # the station's values, where the stored row differs from them
    explicit: bool  # its state needs a row state of its own (``row_states``)


def merge_known(entity: codec.Entity, row: Row, ours: Row, old: State | None,
                unsent: frozenset[str] = frozenset()) -> Merged:
    """``row`` as the station sent it merged with ``ours``, the city's; ``old``: the state
    the hub had of it. ``unsent``: fields the package's schema has not (a station not
    upgraded yet): they keep the city's values, and the station holds none of them."""
    if unsent:
        row = {**row, **{name: ours[name] for name in unsent}}
    theirs = data_of(entity, row)
    values, outcome, conflicts = _merge(entity, row, ours, theirs, old)
    # What the station holds (a log's unsent fields stay as the city has them: the city
    # never corrects a log).
    held = theirs if entity.append_only else {**theirs, **{name: None for name in unsent}}
    diverged = None if not differing(entity, values, held) else held
    if diverged is not None and outcome == "applied":  # the city's values go back to it
        outcome = "merged"
    # Applied as sent onto a row whose state is in itself: it stays there.
    implicit = (old is not None and not old.explicit and outcome == "applied"
                and diverged is None)
    return Merged({**row, **values}, outcome, conflicts, diverged, not implicit)


def _merge(entity: codec.Entity, row: Row, ours: Row, theirs: Row,
           old: State | None) -> tuple[Row, str, dict[str, Any]]:
    if entity.append_only:  # a union: the station's latest version is the record
        return theirs, "applied", {}
    base = dict(theirs)
    if isinstance(row.get(codec.BASE), dict):
        base.update(row[codec.BASE])
    elif old is not None and old.diverged:
        base = json.loads(old.diverged)  # the station's values the city last received
    else:
        base = data_of(entity, ours)
    result = merge(entity, base, data_of(entity, ours), theirs, city_is_ours=True)
    if result.conflicts:
        return result.values, "conflict", result.conflicts
    same = not differing(entity, result.values, theirs)
    return result.values, "applied" if same else "merged", {}
