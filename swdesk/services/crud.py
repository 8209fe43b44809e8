"""Create, update and delete any described entity: validated, audited, journalled, atomic.

Every write goes through here (or through a service that calls here), so the
rules, the audit entry and the change-log entry can never be forgotten, and an
exception anywhere rolls all three back together.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, TypeVar

from swdesk import reference
from swdesk.db import faults
from swdesk.errors import NotFoundError, ValidationError
from swdesk.i18n import _
from swdesk.model import SyncedModel, database, describe
from swdesk.model.base import column_attr, now
from swdesk.model.described import FieldSpec, codes_to_text, text_to_codes
from swdesk.services import community_list, journal, rules
from swdesk.services.actor import Actor
from swdesk.services.this_station import station_code

log = logging.getLogger(__name__)

M = TypeVar("M", bound=SyncedModel)


def get(model: type[M], ref: int | str | M) -> M:
    """A live row by id, uid or instance; NotFoundError if missing or deleted."""
    if isinstance(ref, model):
        return ref
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isascii() and ref.isdigit()):
        # an id beyond SQLite's 64-bit integers cannot exist (and would overflow the driver)
        named = model.id == int(ref) if -(2**63) <= int(ref) < 2**63 else None
    else:
        named = model.uid == str(ref)
    rows = list(model.select().where(named).limit(1)) if named is not None else []
    if rows and not rows[0].deleted:
        return rows[0]
    if rows:
        raise NotFoundError(_("{}（{}）已被删除", "{} {} was deleted").format(
            describe(model).label, ref))
    raise NotFoundError(_("找不到编号为 {} 的{}", "There is no {1} numbered {0}").format(
        ref, describe(model).label))


def _resolve_link(spec: FieldSpec, model: type[SyncedModel], raw: Any) -> int:
    target = model._meta.fields[spec.key].rel_model
    try:
        return int(get(target, raw).id)
    except NotFoundError:
        raise ValidationError(_("所选的{}不存在", "The selected {} does not exist").format(
            spec.label)) from None


def _parse(spec: FieldSpec, model: type[SyncedModel], raw: Any,
           current: SyncedModel | None = None) -> Any:
    value = spec.parse(raw)
    if value is None or spec.kind not in ("choice", "choices", "link"):
        return value
    if spec.kind == "choice":
        return reference.resolve(spec.ref_list or "", value, spec.label)
    if spec.kind == "choices":
        parts = value if isinstance(value, list | tuple | set) else _split(str(value))
        # a code the row has already stays, even once no longer offered (a community hidden)
        kept = set(text_to_codes(getattr(current, spec.key) or "")) if current else set()
        return codes_to_text([p if p in kept else
                              reference.resolve(spec.ref_list or "", p, spec.label)
                              for p in parts])
    return _resolve_link(spec, model, value)


def _split(text: str) -> list[str]:
    for sep in "，、;；/ ":
        text = text.replace(sep, ",")
    return [p for p in (s.strip() for s in text.split(",")) if p]


def labelled(label: str, message: str) -> str:
    """A field's message as a form and an import report show it: "label：message", unless
    the message already starts with the label (the ID check says "身份证号码校验位不符…"
    of the field 身份证号): the field named once, not twice."""
    if not label or message.startswith(label):
        return message
    return _("{}：{}", "{}: {}").format(label, message)


def clean(model: type[M], values: Mapping[str, Any], current: M | None = None) -> dict[str, Any]:
    """Validate ``values`` for a new row (``current`` None) or an edit of ``current``.

    Returns column -> value ready to store; raises one ValidationError naming
    every bad field, each message starting with the field's label.
    """
    entity = describe(model)
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for key, raw in values.items():
        try:
            spec = entity.field(key)
        except KeyError:
            errors[key] = _("未知字段 {}", "unknown field {}").format(key)
            continue
        if not spec.editable:
            continue  # derived fields are computed below, never typed
        try:
            cleaned[key] = _parse(spec, model, raw, current)
        except ValidationError as exc:
            errors[key] = labelled(spec.label, str(exc))
    if current is None:
        for spec in entity.fields:
            if spec.required and spec.editable and spec.key not in values:
                errors[spec.key] = _("{}：不能为空", "{}: required").format(spec.label)
    if not errors:
        try:
            rules.apply(model, cleaned, current)
        except ValidationError as exc:
            for key, message in exc.errors.items():
                label = entity.field(key).label if key in {f.key for f in entity.fields} else ""
                errors[key] = labelled(label, message)
    if errors:
        raise ValidationError(errors)
    return cleaned


def field_error(model: type[M], key: str, values: Mapping[str, Any],
                current: M | None = None) -> str | None:
    """What is still wrong with field ``key`` of a form holding ``values``, or None.

    For a form to take an error away as soon as the value is right: the field alone
    first, then the whole ``clean`` (cross-field rules, an ID already registered),
    which names ``key`` only if its value is still what is wrong.
    """
    spec = describe(model).field(key)
    try:
        _parse(spec, model, values.get(key))
    except ValidationError as exc:
        return labelled(spec.label, str(exc))
    try:
        clean(model, values, current)
    except ValidationError as exc:
        return exc.errors.get(key)
    return None


def create(model: type[M], values: Mapping[str, Any], actor: Actor, *,
           derived: Mapping[str, Any] | None = None) -> M:
    """A new row from typed ``values``; ``derived`` are the values the calling service
    worked out itself (a questionnaire's answers and score), stored as given once the
    typed ones pass."""
    with faults.guard(), database.atomic():
        cleaned = clean(model, values)
        cleaned.update(derived or {})
        row = model(**cleaned)
        row.origin = row.origin or station_code()
        row.save(force_insert=True)
        community_list.offer_typed(model, [cleaned])
        journal.record_change(row, "insert")
        journal.audit(actor, "create", row._meta.table_name, row.uid,
                      {"fields": sorted(cleaned)})
    return row


def update(model: type[M], ref: int | str | M, values: Mapping[str, Any], actor: Actor,
           *, base_version: int | None = None) -> M:
    """Change some fields of a row. ``base_version`` guards against a stale form."""
    with faults.guard(), database.atomic():
        row = get(model, ref)
        if base_version is not None and row.version != base_version:
            raise ValidationError(_(
                "这条记录在您编辑期间已被修改，请重新打开后再改",
                "This record was changed while you were editing it; reopen it and try again"))
        cleaned = clean(model, values, current=row)
        changed = {k: v for k, v in cleaned.items()
                   if _differs(getattr(row, column_attr(model, k)), v)}
        if not changed:
            return row
        for key, value in changed.items():
            setattr(row, column_attr(model, key), value)
        row.version += 1
        row.updated_at = now()
        row.save()
        community_list.offer_typed(model, [changed])
        journal.record_change(row, "update")
        journal.audit(actor, "update", row._meta.table_name, row.uid, {"fields": sorted(changed)})
    return row


def touch(row: SyncedModel, actor: Actor, what: list[str]) -> None:
    """A new version of ``row`` whose embedded children (``what``) changed.

    Children such as a record's participants travel inside their parent's
    package row, so the parent's version must move when they do.
    """
    row.version += 1
    row.updated_at = now()
    row.save()
    journal.record_change(row, "update")
    journal.audit(actor, "update", row._meta.table_name, row.uid, {"fields": sorted(what)})


def delete(model: type[M], ref: int | str | M, actor: Actor) -> None:
    """Mark a row deleted, and its attachments with it; each stays as a tombstone so the
    deletion reaches the city."""
    with faults.guard(), database.atomic():
        row = get(model, ref)
        rules.before_delete(row)
        gone: list[SyncedModel] = [row, *rules.deleted_with(row)]  # (its attachments too)
        for dependent in gone:
            dependent.deleted = True
            dependent.version += 1
            dependent.updated_at = now()
            dependent.save()
            journal.record_change(dependent, "delete")
            journal.audit(actor, "delete", dependent._meta.table_name, dependent.uid)


def _differs(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is not new
    return bool(str(old) != str(new)) if type(old) is not type(new) else bool(old != new)
