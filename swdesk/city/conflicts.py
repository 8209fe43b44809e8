"""Conflicts at the city: listing them in a stable order, and resolving one there.

A conflict is a field the station and the city changed differently; the city kept
its value and both are stored (``models.CityConflict``). A person settles it either
at the station (``swdesk sync resolve``: the station's next package carries its
decision) or here, with the station's value, the city's value or a typed one.
Resolving here writes the chosen value like a city correction and acknowledges the
station's row again without the field among its conflicting ones: the station then
takes its own values as the base, so the city's value arrives in the next return
package as a plain correction (no new conflict), and the station closes its own
listing of the conflict.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from swdesk.city import audit, row_states
from swdesk.city import models as m
from swdesk.city.city_rows import read_city_rows
from swdesk.city.corrections import correct
from swdesk.city.db import City
from swdesk.errors import NotFoundError, ValidationError
from swdesk.i18n import _
from swdesk.model.base import now
from swdesk.sync import codec

Keep = Literal["station", "city", "value"]
_TRUE = {"1", "true", "yes", "y", "是", "对"}
_FALSE = {"0", "false", "no", "n", "否", "不"}


def open_conflicts() -> list[m.CityConflict]:
    """Open conflicts by entity, uid and field: the same order on SQLite and PostgreSQL
    (sorted here, not by the database's collation), so two listings are identical."""
    items = list(m.CityConflict.select().where(m.CityConflict.closed_at.is_null()))
    return sorted(items, key=lambda c: (c.entity, c.uid, c.field, c.id))


def parse_value(entity_name: str, field: str, text: str | None) -> Any:
    """What a person typed for one field, in package form ("" or None: no value).

    Checked here for its kind only; ``corrections.correct`` checks it against the
    row (codes, lengths, required fields).
    """
    entity = codec.ENTITIES.get(entity_name)
    if entity is None:
        raise ValidationError(_("未知的记录类型 {}", "unknown kind of record {}").format(
            entity_name))
    if field == "deleted":
        kind, choices = "bool", False
    else:
        try:
            column = entity.column(field)
        except KeyError:
            raise ValidationError(_("未知字段 {}", "unknown field {}").format(field)) from None
        kind, choices = column.kind, column.choices
    raw = (text or "").strip()
    if not raw:
        return None
    bad = ValidationError({field: _("“{}”不是有效的值", "“{}” is not a valid value").format(
        raw[:40])})
    if kind == "bool":
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise bad
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise bad from None
    if kind == "decimal":
        try:
            return codec.encode("decimal", Decimal(raw))
        except (InvalidOperation, ValueError):
            raise bad from None
    if kind in ("date", "datetime"):
        try:
            parsed = (dt.date.fromisoformat(raw) if kind == "date"
                      else dt.datetime.fromisoformat(raw))
        except ValueError:
            raise bad from None
        return codec.encode(kind, parsed)
    if choices:
        codes = [p for p in raw.replace("，", ",").replace("、", ",").split(",") if p.strip()]
        return "," + ",".join(dict.fromkeys(p.strip() for p in codes)) + ","
    return raw


def resolve(city: City, conflict_id: int, keep: Keep, text: str | None = None
            ) -> m.CityConflict:
    """Settle an open conflict with the station's value, the city's, or a typed one.

    ``city`` keeps what the city's row holds now (a later correction included).
    """
    conflict = m.CityConflict.get_or_none(m.CityConflict.id == conflict_id)
    if conflict is None or conflict.closed_at is not None:
        raise NotFoundError(_("没有未解决的冲突 {}", "There is no open conflict {}")
                            .format(conflict_id))
    entity = codec.ENTITIES[conflict.entity]
    if keep == "value":
        if conflict.field == "deleted":
            raise ValidationError(_("删除与否只能在站点和市级的值中选择",
                                    "For a deletion, choose the station's or the city's "
                                    "value"))
        value = parse_value(conflict.entity, conflict.field, text)
    elif keep == "station":
        value = json.loads(conflict.station_value) if conflict.station_value else None
    elif keep == "city":
        value = None
    else:
        raise ValidationError(_("请选择 station（站点）、city（市级）或 value（新值）",
                                "Choose station, city or value"))
    with city.db.atomic():
        if keep == "city":
            row = read_city_rows(city.db, entity, [conflict.uid]).get(conflict.uid)
            if row is None:
                raise NotFoundError(_("市级数据库中没有这条记录",
                                      "The city database has no such row"))
            value = row.get(conflict.field)
        # Written like a correction: it goes back to the station in its next return.
        correct(city, conflict.entity, conflict.uid, {conflict.field: value}, audit_as=None)
        state = row_states.explicit(city.db, conflict.entity, conflict.uid)
        fields = [f for f in (json.loads(state.fields) if state.fields else [])
                  if f != conflict.field]
        # Acknowledged again without this field among the conflicting ones: the station
        # takes its own values as the base, so the correction reaches it as the city's.
        state.fields = json.dumps(fields) if fields else ""
        if state.outcome == "conflict" and not fields:
            state.outcome = "merged"
        state.acked_in = None
        state.save()
        conflict.closed_at = now()
        conflict.save()
        audit.record("resolve", conflict.entity, conflict.uid, {
            "conflict": conflict.id, "field": conflict.field, "keep": keep,
            "station": conflict.station})
    return conflict
