"""The one description of every entity: fields, labels, validation, personal data.

A model field is declared once with a helper below (``text``, ``date``, ``choice`` …).
The helper makes the peewee column *and* attaches a :class:`FieldSpec` to it, so
forms, list columns, Excel mappings and printed tables all read the same place:
``describe(Client).fields``. A new field is one edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal, TypeVar, overload

import peewee as pw

from swdesk import validation as v
from swdesk.errors import ValidationError
from swdesk.i18n import _

Kind = Literal[
    "text", "longtext", "date", "datetime", "int", "hours", "money", "bool",
    "choice", "choices", "link", "resident_id", "phone", "uscc",
]
# Long text (notes, descriptions) holds at most what one Excel cell holds: lists and
# ledgers go to Excel, and a package carries no 10 MB note.
LONGTEXT_MAX = 32_767
# One entry's hours; a field whose ``maximum`` is set (a certificate's total) has its own.
DAY_HOURS = 24
# How a personal value is masked for a user who may not see it (see swdesk.privacy).
Personal = Literal["id", "phone", "address", "text"] | None


@dataclass(frozen=True)
class FieldSpec:
    """What the product knows about one field besides its SQL type."""

    zh: str
    en: str
    kind: Kind
    required: bool = False
    personal: Personal = None
    ref_list: str | None = None  # reference list behind choice/choices
    max_length: int | None = None
    list_column: bool = False  # shown in the entity's list by default
    editable: bool = True  # False: derived or system-maintained, not typed
    not_future: bool = False
    aliases: tuple[str, ...] = ()  # other headings seen in stations' Excel ledgers
    minimum: int = 0
    maximum: int | None = None
    # What the form's empty box says (an empty visit interval: the rule applies).
    hint_zh: str = ""
    hint_en: str = ""
    key: str = ""  # filled in by describe()
    target: str = ""  # linked entity name, for kind == "link"

    @property
    def label(self) -> str:
        return _(self.zh, self.en)

    @property
    def hint(self) -> str:
        return _(self.hint_zh, self.hint_en) if self.hint_zh else ""

    def parse(self, raw: object) -> Any:
        """Turn what a person typed (or Excel held) into the stored value.

        Returns None for an empty optional value; raises ValidationError with a
        message in the user's language otherwise. Choices are checked against
        the reference list by :func:`swdesk.services.crud.clean`, which has the
        database.
        """
        if _is_empty(raw):
            if self.required:
                raise ValidationError(_("不能为空", "required"))
            return False if self.kind == "bool" else None
        match self.kind:
            case "text" | "longtext":
                return v.require_text(raw, self.max_length, multiline=self.kind == "longtext")
            case "date":
                d = v.parse_date(raw)
                if self.not_future:
                    v.not_in_future(d, what=self.label)
                return d
            case "datetime":
                return v.parse_datetime(raw)
            case "int":
                return v.parse_int(raw, minimum=self.minimum, maximum=self.maximum)
            case "hours":
                return v.parse_hours(raw, self._hours_maximum)
            case "money":
                return parse_money(raw)
            case "bool":
                return v.parse_bool(raw)
            case "resident_id":
                return v.parse_resident_id(raw).number
            case "phone":
                return v.normalize_phone(raw)
            case "uscc":
                return v.check_uscc(raw)
            case "choice" | "choices" | "link":
                return raw  # resolved against the database by the service layer
        raise AssertionError(self.kind)

    def latest_date(self) -> dt.date | None:
        """The latest date ``parse`` accepts (today for a not-future date), for date pickers
        to stop there; None when any date is accepted."""
        return v.latest_not_future() if self.kind == "date" and self.not_future else None

    @property
    def _hours_maximum(self) -> int:
        return DAY_HOURS if self.maximum is None else self.maximum

    def check_stored(self, value: Any, latest: dt.date) -> None:
        """ValidationError if a stored value breaks a rule of ``parse``, or is not in the
        form ``parse`` stores: the hub's check of a package's values, with the station's
        own functions. ``value`` is in package form (dates and amounts as text), of the
        right JSON type; a date marked not-future may be ``latest`` at the latest. Text
        length, characters and codes are checked by the caller (``sync.codec``)."""
        match self.kind:
            case "date":
                if self.not_future:
                    v.not_in_future(v.parse_date(value), latest, self.label)
            case "int":
                v.parse_int(value, minimum=self.minimum, maximum=self.maximum)
            case "hours":
                v.parse_hours(Decimal(str(value)), self._hours_maximum)
            case "money":
                parse_money(value)
            case "resident_id":
                _as_stored(value, v.parse_resident_id(value, latest).number)
            case "phone":
                _as_stored(value, v.normalize_phone(value))
            case "uscc":
                _as_stored(value, v.check_uscc(value))

    @property
    def checked_when_stored(self) -> bool:
        """Whether ``check_stored`` has anything to check for this field."""
        return (self.kind in ("int", "hours", "money", "resident_id", "phone", "uscc")
                or (self.kind == "date" and self.not_future))


def _as_stored(value: Any, stored: str) -> None:
    if value != stored:
        # (without the value: a reason travels, and this may be a resident ID)
        raise ValidationError(_("不是规范的写法", "not written in its normal form"))


def _is_empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def parse_money(raw: object) -> Decimal:
    try:
        value = Decimal(str(raw).replace(",", "").replace("，", "").strip())
    except ArithmeticError as exc:  # decimal.InvalidOperation
        raise ValidationError(_("金额应为数字", "The amount must be a number")) from exc
    if not value.is_finite() or value < 0:
        raise ValidationError(_("金额不能为负数", "The amount cannot be negative"))
    if value >= Decimal("1e12"):  # the column holds 14 digits, 2 after the point
        raise ValidationError(_("金额过大", "The amount is too large"))
    return value.quantize(Decimal("0.01"))


@dataclass
class EntitySpec:
    """Everything the product needs to show, edit, export and print one entity."""

    name: str  # table name, also the key used in the change log and packages
    zh: str
    en: str
    model: type[pw.Model]
    fields: list[FieldSpec] = field(default_factory=list)

    @property
    def label(self) -> str:
        return _(self.zh, self.en)

    def field(self, key: str) -> FieldSpec:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def list_fields(self) -> list[FieldSpec]:
        return [f for f in self.fields if f.list_column]

    @property
    def form_fields(self) -> list[FieldSpec]:
        return [f for f in self.fields if f.editable]

    @property
    def personal_fields(self) -> list[FieldSpec]:
        return [f for f in self.fields if f.personal]


F = TypeVar("F", bound="pw.Field[Any]")


def name_sort() -> pw.CharField:
    """The pinyin order key of a row's ``name`` (``swdesk.pinyin.sort_key``), kept by
    ``services.rules`` on every write; lists sorted by name order by it, through an index
    on (deleted, name_sort). Not described: it stays local, as the search columns do.
    Empty by default in SQL too, for the rows the demo writes raw."""
    return pw.CharField(max_length=300, default="", constraints=[pw.SQL("DEFAULT ''")])


NAME_SORT_INDEX = (("deleted", "name_sort"), False)


def _described(column: F, spec: FieldSpec) -> F:
    # (an attribute peewee does not know: the description travels with the column)
    setattr(column, "spec", spec)  # noqa: B010
    return column


_SPECS: dict[type[pw.Model], EntitySpec] = {}


def describe(model: type[pw.Model]) -> EntitySpec:
    """The entity description of a model, built from its declared fields."""
    cached = _SPECS.get(model)
    if cached is not None:
        return cached
    zh, en = getattr(model, "labels", (model.__name__, model.__name__))
    specs: list[FieldSpec] = []
    for column in model._meta.sorted_fields:
        spec: FieldSpec | None = getattr(column, "spec", None)
        if spec is None:
            continue
        target = ""
        if isinstance(column, pw.ForeignKeyField):
            target = column.rel_model._meta.table_name
        specs.append(replace(spec, key=column.name, target=target))
    entity = EntitySpec(model._meta.table_name, zh, en, model, specs)
    _SPECS[model] = entity
    return entity


# --- the helpers that declare a described column ------------------------------------------
# Each returns the peewee field, typed (with an overload on ``required``) so that a model's
# attribute has its Python type: ``Client.name`` is a ``CharField`` in a query and a ``str``
# on a row, and a misspelt column is an error for mypy.

M = TypeVar("M", bound=pw.Model)


def _null(required: bool) -> Any:
    # (a plain bool matches none of the stubs' overloads on ``null``, which are per Literal)
    return not required


@overload
def text(zh: str, en: str, *, required: Literal[True], max_length: int = ...,
         **kw: Any) -> pw.CharField[str]: ...
@overload
def text(zh: str, en: str, *, required: Literal[False] = ..., max_length: int = ...,
         **kw: Any) -> pw.CharField[str | None]: ...
def text(zh: str, en: str, *, required: bool = False, max_length: int = 100,
         **kw: Any) -> pw.CharField[Any]:
    column = pw.CharField(max_length=max_length, null=_null(required))
    return _described(column, FieldSpec(zh, en, "text", required=required,
                                        max_length=max_length, **kw))


@overload
def longtext(zh: str, en: str, *, required: Literal[True], max_length: int = ...,
             **kw: Any) -> pw.TextField[str]: ...
@overload
def longtext(zh: str, en: str, *, required: Literal[False] = ..., max_length: int = ...,
             **kw: Any) -> pw.TextField[str | None]: ...
def longtext(zh: str, en: str, *, required: bool = False, max_length: int = LONGTEXT_MAX,
             **kw: Any) -> pw.TextField[Any]:
    column = pw.TextField(null=_null(required))
    return _described(column, FieldSpec(zh, en, "longtext", required=required,
                                        max_length=max_length, **kw))


@overload
def date(zh: str, en: str, *, required: Literal[True], index: bool = ...,
         **kw: Any) -> pw.DateField[dt.date]: ...
@overload
def date(zh: str, en: str, *, required: Literal[False] = ..., index: bool = ...,
         **kw: Any) -> pw.DateField[dt.date | None]: ...
def date(zh: str, en: str, *, required: bool = False, index: bool = False,
         **kw: Any) -> pw.DateField[Any]:
    return _described(pw.DateField(null=_null(required), index=index),
                      FieldSpec(zh, en, "date", required=required, **kw))


def datetime(zh: str, en: str, *, required: bool = False,
             **kw: Any) -> pw.DateTimeField[Any]:
    """A moment to the second (when a photo was taken); set by the program, not typed."""
    kw.setdefault("editable", False)
    column = pw.DateTimeField(null=_null(required), default=kw.pop("default", None))
    return _described(column, FieldSpec(zh, en, "datetime", required=required, **kw))


@overload
def integer(zh: str, en: str, *, default: int, **kw: Any) -> pw.IntegerField[int]: ...
@overload
def integer(zh: str, en: str, *, default: None = ...,
            **kw: Any) -> pw.IntegerField[int | None]: ...
def integer(zh: str, en: str, *, default: int | None = None,
            **kw: Any) -> pw.IntegerField[Any]:
    return _described(pw.IntegerField(null=_null(default is not None), default=default),
                      FieldSpec(zh, en, "int", **kw))


@overload
def hours(zh: str, en: str, *, required: Literal[True],
          **kw: Any) -> pw.DecimalField[Decimal]: ...
@overload
def hours(zh: str, en: str, *, required: Literal[False] = ...,
          **kw: Any) -> pw.DecimalField[Decimal | None]: ...
def hours(zh: str, en: str, *, required: bool = False, **kw: Any) -> pw.DecimalField[Any]:
    column = pw.DecimalField(max_digits=8, decimal_places=2, null=_null(required))
    return _described(column, FieldSpec(zh, en, "hours", required=required, **kw))


def money(zh: str, en: str, **kw: Any) -> pw.DecimalField[Decimal | None]:
    return _described(pw.DecimalField(max_digits=14, decimal_places=2, null=True),
                      FieldSpec(zh, en, "money", **kw))


def boolean(zh: str, en: str, **kw: Any) -> pw.BooleanField[bool]:
    return _described(pw.BooleanField(default=False), FieldSpec(zh, en, "bool", **kw))


@overload
def choice(zh: str, en: str, ref_list: str, *, required: Literal[True], index: bool = ...,
           **kw: Any) -> pw.CharField[str]: ...
@overload
def choice(zh: str, en: str, ref_list: str, *, required: Literal[False] = ...,
           index: bool = ..., **kw: Any) -> pw.CharField[str | None]: ...
def choice(zh: str, en: str, ref_list: str, *, required: bool = False, index: bool = False,
           **kw: Any) -> pw.CharField[Any]:
    """One code from a reference list (see swdesk/data/reference.json)."""
    column = pw.CharField(max_length=32, null=_null(required), index=index)
    return _described(column, FieldSpec(zh, en, "choice", required=required,
                                        ref_list=ref_list, **kw))


def choices(zh: str, en: str, ref_list: str, **kw: Any) -> pw.CharField[str | None]:
    """Several codes, stored as ``,a,b,`` so ``instr(col, ',a,')`` finds one exactly."""
    return _described(pw.CharField(max_length=400, null=True),
                      FieldSpec(zh, en, "choices", ref_list=ref_list, **kw))


@overload
def link(zh: str, en: str, model: type[M], *, required: Literal[True],
         on_delete: str = ..., **kw: Any) -> pw.ForeignKeyField[M]: ...
@overload
def link(zh: str, en: str, model: type[M], *, required: Literal[False] = ...,
         on_delete: str = ..., **kw: Any) -> pw.ForeignKeyField[M | None]: ...
@overload
def link(zh: str, en: str, model: Literal["self"], *, required: bool = ...,
         on_delete: str = ..., **kw: Any) -> pw.ForeignKeyField[Any]: ...
def link(zh: str, en: str, model: Any, *, required: bool = False,
         on_delete: str = "RESTRICT", **kw: Any) -> pw.ForeignKeyField[Any]:
    """A link to another entity's row; its ``<name>_id`` column is declared on the model
    as an annotation (peewee adds it; ``tests/test_model_types.py`` checks them)."""
    column = pw.ForeignKeyField(model, null=_null(required), on_delete=on_delete,
                                backref=kw.pop("backref", "+"), lazy_load=True)
    return _described(column, FieldSpec(zh, en, "link", required=required, **kw))


def resident_id(zh: str = "身份证号", en: str = "Resident ID",
                **kw: Any) -> pw.CharField[str | None]:
    kw.setdefault("aliases", ("身份证号码", "身份证", "公民身份号码", "证件号码"))
    return _described(pw.CharField(max_length=18, null=True, index=True),
                      FieldSpec(zh, en, "resident_id", personal="id", **kw))


def phone(zh: str = "联系电话", en: str = "Phone", **kw: Any) -> pw.CharField[str | None]:
    kw.setdefault("aliases", ("电话", "手机号", "手机号码", "联系方式", "手机"))
    kw.setdefault("personal", "phone")
    return _described(pw.CharField(max_length=24, null=True), FieldSpec(zh, en, "phone", **kw))


def uscc(zh: str = "统一社会信用代码", en: str = "Unified social credit code",
         **kw: Any) -> pw.CharField[str | None]:
    return _described(pw.CharField(max_length=18, null=True, index=True),
                      FieldSpec(zh, en, "uscc", **kw))


def codes_to_text(codes: Sequence[str]) -> str | None:
    """Store several choice codes in one column (see ``choices``)."""
    unique = list(dict.fromkeys(c for c in codes if c))
    return "," + ",".join(unique) + "," if unique else None


def text_to_codes(stored: str | None) -> list[str]:
    return [c for c in (stored or "").split(",") if c]


