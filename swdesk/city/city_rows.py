"""The hub's rows in the form packages carry them (whole rows, links as uids)."""

from __future__ import annotations

from typing import Any

import peewee as pw

from swdesk.city import models as m
from swdesk.city.row_states import CHUNK
from swdesk.sync import codec
from swdesk.sync.rows import in_chunks

Row = dict[str, Any]


def param(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "bool":
        return bool(value)
    return value


def read_city_rows(db: pw.Database, entity: codec.Entity, uids: list[str]) -> dict[str, Row]:
    """City rows in package form (whole rows), by uid."""
    cols = ", ".join(f'"{c}"' for c in ("uid", "origin", "version", "updated_at", "deleted",
                                        *m.data_columns(entity)))
    out: dict[str, Row] = {}
    p = db.param
    for part in in_chunks(uids, CHUNK):
        sql = (f'SELECT {cols} FROM "{m.table(entity.name)}" '
               f'WHERE uid IN ({", ".join([p] * len(part))})')
        for r in db.execute_sql(sql, part):
            row: Row = {"uid": r[0], "origin": r[1], "version": int(r[2]),
                        "updated_at": codec.encode("datetime", r[3]), "deleted": bool(r[4])}
            for n, c in enumerate(entity.columns, 5):
                row[c.name] = r[n] if c.kind == "link" else codec.encode(c.kind, r[n])
            out[r[0]] = row
    return out


def data_of(entity: codec.Entity, row: Row) -> Row:
    out = {c.name: row.get(c.name) for c in entity.columns}
    out["deleted"] = bool(row.get("deleted"))
    return out
