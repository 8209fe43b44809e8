"""Rows as packages carry them: whole rows, JSON values, links by uid.

Both ends encode through here, so a value compares equal at the station and at
the city whatever database it was read from (SQLite text dates, PostgreSQL
date objects, numeric affinity of decimals …).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import Any, TypeGuard

import peewee as pw

from swdesk.errors import ValidationError
from swdesk.model import SYNCED, SyncedModel
from swdesk.model.described import FieldSpec
from swdesk.validation import parse_resident_id
from swdesk.validation.ids import resident_id_birth, resident_id_sex
from swdesk.validation.text import FORBIDDEN, text_problem

META = ("uid", "origin", "version", "updated_at", "deleted")
# The parts of a service record that travel inside it (see docs/package-format.md).
PARTICIPANTS = "_participants"
PARTNERS = "_partners"
SEQ = "_seq"
BASE = "_base"
RESOLVED = "_resolved"


@dataclass(frozen=True)
class Column:
    name: str  # key in the package: the model field name
    column: str  # column in the station database
    kind: str  # text | int | decimal | bool | date | datetime | link
    target: str = ""  # linked entity, for kind == "link"
    required: bool = False
    max_length: int | None = None
    ref_list: str | None = None
    choices: bool = False  # several codes in one ",a,b," text
    # The field's description: its rules beyond type, length and codes (``check_stored``).
    spec: FieldSpec | None = dataclasses.field(default=None, compare=False)

    @property
    def stored_rules(self) -> bool:
        return self.spec is not None and self.spec.checked_when_stored


@dataclass(frozen=True)
class Entity:
    name: str
    model: type[SyncedModel]
    columns: tuple[Column, ...]  # the data fields, merged field by field
    append_only: bool

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _kind(field: pw.Field) -> str:
    if isinstance(field, pw.ForeignKeyField):
        return "link"
    if isinstance(field, pw.BooleanField):
        return "bool"
    if isinstance(field, pw.DecimalField):
        return "decimal"
    if isinstance(field, pw.IntegerField):
        return "int"
    if isinstance(field, pw.DateTimeField):
        return "datetime"
    if isinstance(field, pw.DateField):
        return "date"
    return "text"


def _entity(model: type[SyncedModel]) -> Entity:
    columns: list[Column] = []
    for field in model._meta.sorted_fields:
        spec = getattr(field, "spec", None)
        if spec is None:  # id, sync columns and derived search columns stay local
            continue
        target = field.rel_model._meta.table_name if isinstance(field, pw.ForeignKeyField) else ""
        # A resident ID, phone or credit code is as long as its column at most.
        length = spec.max_length or getattr(field, "max_length", None)
        columns.append(Column(field.name, field.column_name, _kind(field), target,
                              spec.required, length, spec.ref_list,
                              spec.kind == "choices", spec))
    return Entity(model._meta.table_name, model, tuple(columns), bool(model.append_only))


ENTITIES: dict[str, Entity] = {m._meta.table_name: _entity(m) for m in SYNCED}
ORDER: tuple[str, ...] = tuple(m._meta.table_name for m in SYNCED)  # parents first


# --- values ----------------------------------------------------------------------------------

# What the hub's columns hold (PostgreSQL: integer versions, bigint numbers, numeric(14, 2)):
# a value past them is rejected with its row, not left to fail the whole ingest.
MAX_VERSION = 2**31 - 1
INT_RANGE = range(-(2**63), 2**63)
MAX_DECIMAL = Decimal("999999999999.995")  # numeric(14, 2) after rounding to cents

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$")


def encode(kind: str, value: Any) -> Any:
    """The package form of a stored value (links are translated by the caller)."""
    if value is None:
        return None
    if kind == "bool":
        return bool(value)
    if kind == "decimal":
        return f"{Decimal(str(value)):.2f}"
    if kind == "int":
        return int(value)
    if kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
    if kind == "datetime":
        if isinstance(value, dt.datetime):
            return value.replace(microsecond=0).isoformat(sep=" ")
        return str(value)[:19].replace("T", " ")
    return str(value)


def decode(kind: str, value: Any) -> Any:
    """A package value as the database wants it (links are translated by the caller)."""
    if value is None:
        return None
    if kind == "bool":
        return bool(value)
    if kind == "decimal":
        return Decimal(str(value))
    if kind == "date":
        return dt.date.fromisoformat(str(value))
    if kind == "datetime":
        return dt.datetime.fromisoformat(str(value))
    return value


def encodable(text: str) -> bool:
    """False if ``text`` holds a lone surrogate, which no database stores as text.
    orjson refuses them; ``json.loads`` makes one of an escape like ``"\\ud800"``, or of
    the bytes a damaged station file can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_ident(value: Any) -> TypeGuard[str]:
    """Whether ``value`` can be a row's uid or origin: text of 1 to 36 characters."""
    if not isinstance(value, str) or not 0 < len(value) <= 36:
        return False
    # (printable ASCII, as a uid is, holds no surrogate or control: the quick answer)
    return (value.isascii() and value.isprintable()) or (
        encodable(value) and not FORBIDDEN.search(value))


def latest_day() -> dt.date:
    """The last day a date that may not be in the future may be at the hub: tomorrow,
    so that a station whose clock is some hours ahead is not rejected for it."""
    return dt.date.today() + dt.timedelta(days=1)


def stored_problem(c: Column, value: Any) -> str:
    """Why ``value`` (of the right type) breaks the station's rules for ``c``: the same
    functions the station's forms and imports use (``FieldSpec.check_stored``)."""
    if c.spec is None:
        return ""
    try:
        c.spec.check_stored(value, latest_day())
    except ValidationError as exc:
        return str(exc)
    return ""


def problem(entity: Entity, row: dict[str, Any], codes: dict[str, frozenset[str]]) -> str:
    """Why a row from a package cannot be stored ("" if it can). Fast: no database."""
    for key in ("uid", "origin"):
        if not is_ident(row.get(key)):
            return f"{key}: invalid"
    if type(row.get("version")) is not int or not 1 <= row["version"] <= MAX_VERSION:
        return "version: invalid"
    if row.get("deleted") not in (True, False):
        return "deleted: invalid"
    if row.get("updated_at") is not None and _check(_UPDATED_AT, row["updated_at"], {}):
        return "updated_at: invalid"
    for c in entity.columns:
        value = row.get(c.name)
        if value is None:
            if c.required:
                return f"{c.name}: required"
            continue
        reason = _check(c, value, codes)
        if reason:
            return f"{c.name}: {reason}"
    return row_problem(entity, row)


def value_problem(c: Column, value: Any, codes: dict[str, frozenset[str]] | None = None
                  ) -> str:
    """Why a value (not None) cannot be stored in ``c`` ("" if it can)."""
    return _check(c, value, codes or {})


def _check(c: Column, value: Any, codes: dict[str, frozenset[str]]) -> str:
    reason = _type_check(c, value, codes)
    return reason or (stored_problem(c, value) if c.stored_rules else "")


def _type_check(c: Column, value: Any, codes: dict[str, frozenset[str]]) -> str:
    kind = c.kind
    if kind in ("text", "link"):
        if not isinstance(value, str):
            return "not text"
        if not encodable(value):
            return "invalid characters"
        if c.max_length is not None and len(value) > c.max_length:
            return "too long"
        if FORBIDDEN.search(value):
            return text_problem(value)
        if c.ref_list and c.ref_list in codes:
            allowed = codes[c.ref_list]
            parts = [p for p in value.split(",") if p] if c.choices else [value]
            if any(p not in allowed for p in parts):
                return "unknown code"
        return ""
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return "not a number"
        return "" if value in INT_RANGE else "out of range"
    if kind == "bool":
        return "" if isinstance(value, bool) else "not true/false"
    if kind == "decimal":
        try:
            number = Decimal(str(value))
            ok = number.is_finite()
        except (InvalidOperation, ValueError):
            ok = False
        if not ok or not isinstance(value, str | int | float):
            return "not a number"
        return "" if abs(number) < MAX_DECIMAL else "out of range"
    pattern = _DATE if kind == "date" else _DATETIME
    if not isinstance(value, str) or not pattern.match(value):
        return "not a date"
    try:
        decode(kind, value)
    except ValueError:
        return "not a date"
    return ""


# --- rules across the fields of a row ---------------------------------------------------------

def row_problem(entity: Entity, row: dict[str, Any]) -> str:
    """Why a row whose every field is fine breaks a rule across its fields, as the station
    keeps them (``services.rules``): a client's sex and birth date are those of the
    resident ID it holds; a volunteer's ID of type resident ID is one."""
    rule = _ROW_RULES.get(entity.name)
    return rule(row) if rule is not None else ""


def _client_rule(row: dict[str, Any]) -> str:
    number = row.get("id_number")
    if not number:
        return ""
    # (a well-formed ID: the field's own check came first)
    if row.get("sex") != resident_id_sex(number):
        return "sex: not the sex of the resident ID"
    if row.get("birth_date") != resident_id_birth(number):
        return "birth_date: not the birth date of the resident ID"
    return ""


def _volunteer_rule(row: dict[str, Any]) -> str:
    number = row.get("id_number")
    if not number or (row.get("id_type") or "resident_id") != "resident_id":
        return ""
    try:
        if parse_resident_id(number, latest_day()).number != number:
            return "id_number: not written in its normal form"
    except ValidationError as exc:
        return f"id_number: {exc}"
    return ""


_ROW_RULES: dict[str, Callable[[dict[str, Any]], str]] = {
    "client": _client_rule, "volunteer": _volunteer_rule}
# The same rules in words, for the specification's field tables (spec_tables).
ROW_RULES_TEXT = {
    "client": "when `id_number` is given, `sex` is the sex it says (`M` if its 17th "
              "character is an odd digit, else `F`) and `birth_date` the date of its 7th to "
              "14th characters",
    "volunteer": "when `id_type` is `resident_id` or null, a non-null `id_number` is a "
                 "resident ID (GB 11643)"}


# --- many rows at once -----------------------------------------------------------------------

Key = tuple[type, Any]  # (type, value): keeps True apart from 1 and 1.0 when de-duplicating
Check = Callable[[Sequence[Any]], set[Key]]  # a column's values -> the bad ones
_NONE = type(None)


def _distinct(values: Sequence[Any]) -> set[Key]:
    """The distinct values of a column, each with its type."""
    kinds = set(map(type, values))
    if len(kinds - {_NONE}) <= 1:  # one type (and None): no 1 == True == 1.0 to tell apart
        return {(type(v), v) for v in set(values)}  # (a look at each distinct value only)
    return set(zip(map(type, values), values, strict=True))


def _one_by_one(ok: Callable[[Any], bool]) -> Check:
    return lambda values: {k for k in _distinct(values) if not ok(k[1])}


def _column_check(c: Column, codes: dict[str, frozenset[str]]) -> Check:
    def ok(value: Any) -> bool:
        return not c.required if value is None else not _check(c, value, codes)

    if c.kind not in ("text", "link"):
        return _one_by_one(ok)  # few distinct dates, numbers and flags: each checked once

    def texts(values: Sequence[Any]) -> set[Key]:
        # Names, notes, uids: nearly every value distinct, so check them in bulk.
        kinds = set(map(type, values))
        if kinds <= {str, _NONE}:
            strs = set(values)
            wrong: set[Key] = {(_NONE, None)} if None in strs and c.required else set()
            strs.discard(None)
        else:
            distinct = _distinct(values)
            wrong = {k for k in distinct if k[0] is not str and not ok(k[1])}
            strs = {v for t, v in distinct if t is str}
        if not strs:
            return wrong
        if not encodable("".join(strs)):  # one look at them all: a lone surrogate is rare
            wrong |= {(str, v) for v in strs if not encodable(v)}
        if c.max_length is not None and max(map(len, strs)) > c.max_length:
            wrong |= {(str, v) for v in strs if len(v) > c.max_length}
        if FORBIDDEN.search("".join(strs)):  # (a control character is rarer still)
            wrong |= {(str, v) for v in strs if FORBIDDEN.search(v)}
        if c.ref_list and c.ref_list in codes:
            allowed = codes[c.ref_list]
            unknown = ({v for v in strs if not allowed.issuperset(p for p in v.split(",") if p)}
                       if c.choices else strs - allowed)
            wrong |= {(str, v) for v in unknown}
        if c.stored_rules:  # resident IDs, phones, credit codes: each distinct one
            wrong |= {(str, v) for v in strs if (str, v) not in wrong
                      and stored_problem(c, v)}
        return wrong
    return texts


def _meta_checks() -> list[tuple[str, Check]]:
    # As in problem(): uid and origin are non-empty texts of at most 36 characters.
    ident = _column_check(Column("uid", "uid", "text", required=True, max_length=36), {})

    def texts(values: Sequence[Any]) -> set[Key]:
        return ident(values) | ({(str, "")} if "" in values else set())

    return [("uid", texts), ("origin", texts),
            ("version", _one_by_one(lambda v: type(v) is int and 1 <= v <= MAX_VERSION)),
            ("deleted", _one_by_one(lambda v: v in (True, False))),
            ("updated_at", _column_check(_UPDATED_AT, {}))]


# A row's time of its last change: stored by the hub as it comes, so checked as a field.
_UPDATED_AT = Column("updated_at", "updated_at", "datetime")


def keys_of(entity: Entity) -> tuple[str, ...]:
    """The keys of a row's stored values, in the order ``columns_of`` gives them."""
    return (*META, *(c.name for c in entity.columns))


def columns_of(entity: Entity, rows: list[dict[str, Any]]
               ) -> tuple[list[tuple[Any, ...]], dict[str, tuple[Any, ...]]]:
    """Each row's stored values as a tuple (``keys_of`` order, None where absent), and
    the same values by column. One C-level call per row instead of one per value."""
    keys = keys_of(entity)
    get = itemgetter(*keys)
    try:
        tuples = list(map(get, rows))
    except KeyError:  # a row lacks a key: the slow way for all
        tuples = [tuple(r.get(k) for k in keys) for r in rows]
    columns = dict(zip(keys, zip(*tuples, strict=True), strict=True)) if tuples else {
        k: () for k in keys}
    return tuples, columns


def problems(entity: Entity, rows: list[dict[str, Any]],
             codes: dict[str, frozenset[str]],
             columns: dict[str, tuple[Any, ...]] | None = None) -> list[str]:
    """``problem()`` of many rows at once, with the same answers, much faster.

    Each column's distinct values are checked once; a row holding a value that failed
    gets the reason of its first such value, made once for each distinct one (a million
    rows with the same bad date cost one message). ``columns`` are the rows' values by
    column (``columns_of``), if already made.
    """
    if columns is None:
        columns = columns_of(entity, rows)[1]
    suspects, flagged = _suspects(entity, rows, codes, columns)
    out = [""] * len(rows)
    if flagged is None:  # a list or object where a value belongs: look at each row
        for i in suspects:
            out[i] = problem(entity, rows[i], codes)
        return out
    made: dict[tuple[str, Key], str] = {}
    by_name = {c.name: c for c in entity.columns}
    for i in suspects:
        for key, wrong in flagged:
            value = columns[key][i]
            k = (type(value), value)
            if k not in wrong:
                continue
            reason = made.get((key, k))
            if reason is None:
                c = by_name.get(key)
                why = ("invalid" if c is None else "required" if value is None
                       else _check(c, value, codes))
                reason = made[(key, k)] = f"{key}: {why}"
            out[i] = reason
            break
        else:  # every value is fine: a rule across the fields
            out[i] = row_problem(entity, rows[i])
    return out


def _suspects(entity: Entity, rows: list[dict[str, Any]], codes: dict[str, frozenset[str]],
              columns: dict[str, tuple[Any, ...]]
              ) -> tuple[set[int], list[tuple[str, set[Key]]] | None]:
    """The rows with a bad value or breaking a rule across fields, and the bad values of
    each column that has any, in ``problem()``'s order (None: a value of no simple type
    made a column's check fail, and every row is a suspect)."""
    checks = _meta_checks() + [(c.name, _column_check(c, codes)) for c in entity.columns]
    suspects: set[int] = set()
    flagged: list[tuple[str, set[Key]]] = []
    for key, check in checks:
        values = columns[key]
        try:
            wrong = check(values)
        except TypeError:
            return set(range(len(rows))), None
        if wrong:
            flagged.append((key, wrong))
            suspects.update(i for i, k in enumerate(zip(map(type, values), values, strict=True))
                            if k in wrong)
    if entity.name in _ROW_RULES:
        rule = _ROW_RULES[entity.name]
        suspects.update(i for i, r in enumerate(rows) if i not in suspects and rule(r))
    return suspects, flagged
