"""Reading whole rows out of a station database in package form (links as uids).

Raw SQL on the cursor: a full package reads a million rows, so this avoids
building model instances. Small selections use ``IN (…)``; large ones scan.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import peewee as pw

from swdesk.sync import codec

CHUNK = 500
SCAN_THRESHOLD = 20_000  # above this many wanted ids, one full scan is cheaper


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def uid_map(db: pw.Database, table: str, ids: set[int]) -> dict[int, str]:
    """Local id -> uid for the given ids of ``table``."""
    if not ids:
        return {}
    if len(ids) > SCAN_THRESHOLD:
        return {i: u for i, u in db.execute_sql(f'SELECT id, uid FROM "{table}"')}
    out: dict[int, str] = {}
    for part in _chunks(sorted(ids)):
        marks = ",".join("?" * len(part))
        out.update(db.execute_sql(f'SELECT id, uid FROM "{table}" WHERE id IN ({marks})', part))
    return out


def id_map(db: pw.Database, table: str, uids: Iterable[str]) -> dict[str, int]:
    """uid -> local id for the given uids of ``table``."""
    wanted = sorted(set(uids))
    out: dict[str, int] = {}
    for part in _chunks(wanted):
        marks = ",".join("?" * len(part))
        out.update((u, i) for i, u in db.execute_sql(
            f'SELECT id, uid FROM "{table}" WHERE uid IN ({marks})', part))
    return out


def read_rows(db: pw.Database, entity: codec.Entity, uids: set[str] | None,
              total: int | None = None) -> list[dict[str, Any]]:
    """Whole rows of ``entity`` in package form; all rows if ``uids`` is None."""
    cols = ", ".join(f'"{c}"' for c in ("id", *codec.META)) + "".join(
        f', "{c.column}"' for c in entity.columns)
    sql = f'SELECT {cols} FROM "{entity.name}"'
    raw: list[tuple[Any, ...]] = []
    if uids is None or len(uids) > SCAN_THRESHOLD or (total is not None and len(uids) > total / 4):
        raw = [r for r in db.execute_sql(sql) if uids is None or r[1] in uids]
    else:
        for part in _chunks(sorted(uids)):
            marks = ",".join("?" * len(part))
            raw.extend(db.execute_sql(f"{sql} WHERE uid IN ({marks})", part))
    links: dict[str, dict[int, str]] = {}
    for n, c in enumerate(entity.columns, 1 + len(codec.META)):
        if c.kind == "link":
            links[c.name] = uid_map(db, c.target, {r[n] for r in raw if r[n] is not None})
    out: list[dict[str, Any]] = []
    for r in raw:
        row: dict[str, Any] = {"uid": r[1], "origin": r[2], "version": int(r[3]),
                               "updated_at": codec.encode("datetime", r[4]),
                               "deleted": bool(r[5])}
        for n, c in enumerate(entity.columns, 1 + len(codec.META)):
            value = r[n]
            if c.kind == "link":
                row[c.name] = None if value is None else links[c.name].get(value)
            else:
                row[c.name] = codec.encode(c.kind, value)
        row["_id"] = r[0]
        out.append(row)
    if entity.name == "service_record":
        _embed_service_children(db, out)
    return out


def _embed_service_children(db: pw.Database, rows: list[dict[str, Any]]) -> None:
    by_id = {r["_id"]: r for r in rows}
    for r in rows:
        r[codec.PARTICIPANTS] = []
        r[codec.PARTNERS] = []
    if not by_id:
        return
    ids = sorted(by_id)
    big = len(ids) > SCAN_THRESHOLD
    parts: list[tuple[Any, ...]] = []
    partners: list[tuple[Any, ...]] = []
    if big:
        parts = [p for p in db.execute_sql(
            "SELECT record_id, client_id FROM service_participant") if p[0] in by_id]
        partners = [p for p in db.execute_sql(
            "SELECT record_id, partner_id, contribution, value FROM service_partner")
            if p[0] in by_id]
    else:
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            parts.extend(db.execute_sql(
                f"SELECT record_id, client_id FROM service_participant "
                f"WHERE record_id IN ({marks})", chunk))
            partners.extend(db.execute_sql(
                f"SELECT record_id, partner_id, contribution, value FROM service_partner "
                f"WHERE record_id IN ({marks})", chunk))
    clients = uid_map(db, "client", {p[1] for p in parts})
    partner_uids = uid_map(db, "partner", {p[1] for p in partners})
    for rec, client in parts:
        by_id[rec][codec.PARTICIPANTS].append(clients[client])
    for rec, partner, contribution, value in partners:
        by_id[rec][codec.PARTNERS].append({"partner": partner_uids[partner],
                                           "contribution": contribution or "",
                                           "value": codec.encode("decimal", value)})
    for r in rows:
        r[codec.PARTICIPANTS].sort()
        r[codec.PARTNERS].sort(key=lambda p: p["partner"])


def line(row: dict[str, Any]) -> bytes:
    return (json.dumps({k: v for k, v in row.items() if k != "_id"}, ensure_ascii=False,
                       separators=(",", ":")) + "\n").encode()


def data_of(entity: codec.Entity, row: dict[str, Any]) -> dict[str, Any]:
    """The merged part of a row: data fields and the deletion mark."""
    out = {c.name: row.get(c.name) for c in entity.columns}
    out["deleted"] = bool(row.get("deleted"))
    return out
