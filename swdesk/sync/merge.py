"""Merging two versions of a row against the version both started from.

Editable rows merge field by field: a field changed on one side only takes
that side's value; the same change on both sides is no conflict; two different
changes of one field are a conflict, and the caller keeps both values for a
person. Several-code fields (``,a,b,``) merge code by code and never conflict.
Codes the city owns (低保/特困 eligibility) always take the city's side.
Nothing here depends on the order in which packages arrived.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from swdesk.services.city_owned import CITY_OWNED
from swdesk.sync.codec import Column, Entity

Row = dict[str, Any]


@dataclass
class Merged:
    values: Row
    conflicts: dict[str, tuple[Any, Any, Any]] = field(default_factory=dict)  # f: (b, o, t)


def _codes(text: Any) -> list[str]:
    return [c for c in str(text or "").split(",") if c]


def _text(codes: list[str]) -> str | None:
    return "," + ",".join(codes) + "," if codes else None


def merge_codes(base: Any, ours: Any, theirs: Any, owned: frozenset[str],
                city_is_ours: bool) -> Any:
    """Code-by-code merge: an addition or removal on either side is kept."""
    b, o, t = set(_codes(base)), set(_codes(ours)), set(_codes(theirs))
    keep = {e for e in o | t if (e in o and e in t) or (e not in b)}
    city = o if city_is_ours else t
    keep = {e for e in keep if e not in owned} | (city & owned)
    for candidate in (ours, theirs):
        if set(_codes(candidate)) == keep:
            return candidate
    ordered = [e for e in _codes(ours) + _codes(theirs) if e in keep]
    return _text(list(dict.fromkeys(ordered)))


def same(c: Column | None, a: Any, b: Any) -> bool:
    if c is not None and c.choices:
        return set(_codes(a)) == set(_codes(b))
    return bool(a == b)


def merge(entity: Entity, base: Row, ours: Row, theirs: Row, *, city_is_ours: bool) -> Merged:
    """Three-way merge of the data fields and the deletion mark."""
    out = Merged(dict(ours))
    columns: list[tuple[str, Column | None]] = [(c.name, c) for c in entity.columns]
    columns.append(("deleted", None))
    for name, c in columns:
        b, o, t = base.get(name), ours.get(name), theirs.get(name)
        if c is not None and c.choices:
            owned = CITY_OWNED.get((entity.name, name), frozenset())
            out.values[name] = merge_codes(b, o, t, owned, city_is_ours)
        elif same(c, t, b) or same(c, o, t):
            out.values[name] = o
        elif same(c, o, b):
            out.values[name] = t
        else:
            out.conflicts[name] = (b, o, t)
            out.values[name] = o  # not overwritten: both values are kept for a person
    return out


def differing(entity: Entity, a: Row, b: Row) -> list[str]:
    """Data fields (and the deletion mark) whose values differ between two rows."""
    names = [c.name for c in entity.columns if not same(c, a.get(c.name), b.get(c.name))]
    if bool(a.get("deleted")) != bool(b.get("deleted")):
        names.append("deleted")
    return names
