"""Data the city owns is read-only at a station that is enrolled with a city.

:data:`CITY_OWNED` names the codes of several-code fields that only
the city sets (低保/特困 in ``client.target_groups``). Once the station is enrolled,
a create or update through ``crud`` that adds or removes one is refused, so the
forms, the command line and the Excel import all get the same answer. Before
enrolment nobody else can set them (and a station's existing 低保 ledgers are
imported then), so they are the station's own until it enrols.

Two callers may pass: the return package, which applies the city's own values
(:func:`from_city`), and the Excel import, which keeps the stored codes instead of
refusing a whole row (:func:`keeping`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from swdesk import reference
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import SyncedModel, database, describe
from swdesk.model.described import codes_to_text, text_to_codes
from swdesk.model.sync import SyncKey

# Data the city owns: codes of a several-code field that only the city sets. The core
# refuses them at an enrolled station; the sync merge and the hub give the city's side.
CITY_OWNED: dict[tuple[str, str], frozenset[str]] = {
    ("client", "target_groups"): frozenset({"dibao", "tekun"}),
}

_ENROLLED = f"SELECT 1 FROM \"{SyncKey._meta.table_name}\" WHERE name = 'city'"
_FROM_CITY: ContextVar[bool] = ContextVar("swdesk_city_values", default=False)


@dataclass
class Keeping:
    """An Excel import in progress: the fields whose stored codes were kept, row by row."""

    fields: list[str] = field(default_factory=list)
    enrolled: bool | None = None  # asked once per import, not once per row


_KEEPING: ContextVar[Keeping | None] = ContextVar("swdesk_keep_city_owned", default=None)


def owned(model: type[SyncedModel]) -> dict[str, frozenset[str]]:
    """field -> the codes of it that the city owns (empty for most entities)."""
    table = model._meta.table_name
    return {key: codes for (entity, key), codes in CITY_OWNED.items() if entity == table}


def enrolled() -> bool:
    """Whether this station is bound to a city hub (``sync.enrolment.enrol`` ran)."""
    # On the bare connection: an Excel import of a 低保 ledger asks this for every row.
    return database.connection().execute(_ENROLLED).fetchone() is not None


def locked_codes(model: type[SyncedModel], key: str) -> frozenset[str]:
    """The codes of ``key`` a person at this station may neither tick nor untick."""
    codes = owned(model).get(key, frozenset())
    return codes if codes and enrolled() else frozenset()


def message(model: type[SyncedModel], key: str) -> str:
    """Why those codes cannot be changed here, naming them as the form shows them."""
    spec = describe(model).field(key)
    names = [reference.label(spec.ref_list or "", c) for c in sorted(owned(model).get(key, ()))]
    return _("{}由市级平台认定，站点不能修改",
             "{} are set by the city hub; the station cannot change them").format(
        _("、", " and ").join(names))


@contextmanager
def from_city() -> Iterator[None]:
    """The city's own values are being applied (a return package): no refusal."""
    token = _FROM_CITY.set(True)
    try:
        yield
    finally:
        _FROM_CITY.reset(token)


@contextmanager
def keeping() -> Iterator[Keeping]:
    """Keep the stored city-owned codes instead of refusing; ``fields`` says where."""
    keep = Keeping()
    token = _KEEPING.set(keep)
    try:
        yield keep
    finally:
        _KEEPING.reset(token)


def check(model: type[SyncedModel], values: dict[str, Any], current: Any) -> None:
    """Refuse (or, under :func:`keeping`, undo) a change of city-owned codes in ``values``.

    ``values`` are cleaned (several codes as ``",a,b,"``); ``current`` is the stored
    row, None for a new one.
    """
    if _FROM_CITY.get():
        return
    for key, codes in owned(model).items():
        if key not in values:
            continue
        new = text_to_codes(values[key])
        old = text_to_codes(getattr(current, key)) if current is not None else []
        if not (set(new) ^ set(old)) & codes:
            continue
        keep = _KEEPING.get()
        if keep is None:  # the database is asked only when such a code changes
            if enrolled():
                raise ValidationError({key: message(model, key)})
            continue
        if keep.enrolled is None:
            keep.enrolled = enrolled()
        if keep.enrolled:
            values[key] = codes_to_text([c for c in new if c not in codes]
                                        + [c for c in old if c in codes])
            keep.fields.append(key)
