"""Reading whole rows out of a station database in package form (links as uids).

Raw SQL on the cursor in big batches: a full package reads a million rows, so
this avoids model instances and per-row queries. Links are translated by the
database (a join on the linked table's primary key), dates are cut in SQL, and
only booleans and decimals are converted in Python. Small selections use
``IN (…)``; large ones scan the table in id order.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import orjson
import peewee as pw

from swdesk.sync import codec

log = logging.getLogger(__name__)

CHUNK = 500
BATCH = 5000  # rows per fetch when scanning
SCAN_THRESHOLD = 20_000  # above this many wanted ids, one full scan is cheaper
Row = dict[str, Any]


def in_chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """``items`` in lists short enough for one ``IN (...)``."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def uid_map(db: pw.Database, table: str, ids: set[int]) -> dict[int, str]:
    """Local id -> uid for the given ids of ``table``."""
    if not ids:
        return {}
    if len(ids) > SCAN_THRESHOLD:
        return {i: u for i, u in db.execute_sql(f'SELECT id, uid FROM "{table}"')}
    out: dict[int, str] = {}
    for part in in_chunks(sorted(ids)):
        marks = ",".join("?" * len(part))
        out.update(db.execute_sql(f'SELECT id, uid FROM "{table}" WHERE id IN ({marks})', part))
    return out


def id_map(db: pw.Database, table: str, uids: Iterable[str]) -> dict[str, int]:
    """uid -> local id for the given uids of ``table``."""
    wanted = sorted(set(uids))
    out: dict[str, int] = {}
    for part in in_chunks(wanted):
        marks = ",".join("?" * len(part))
        out.update((u, i) for i, u in db.execute_sql(
            f'SELECT id, uid FROM "{table}" WHERE uid IN ({marks})', part))
    return out


# --- reading ---------------------------------------------------------------------------------


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _decimal(value: Any) -> Any:
    return codec.encode("decimal", value)


@cache
def _plan(name: str) -> tuple[str, tuple[str, ...], tuple[tuple[int, Callable[[Any], Any]], ...]]:
    """SELECT (the package's keys in order, then the local id), those keys, and the
    Python conversions left (index, function). Same values as ``codec.encode``."""
    entity = codec.ENTITIES[name]
    cols = ['t."uid"', 't."origin"', 't."version"',
            "replace(substr(t.\"updated_at\", 1, 19), 'T', ' ')", 't."deleted"']
    joins: list[str] = []
    convert: list[tuple[int, Callable[[Any], Any]]] = [(4, bool)]  # deleted: never null
    for n, c in enumerate(entity.columns):
        src = f't."{c.column}"'
        if c.kind == "link":  # the linked row's uid (null if it is gone)
            joins.append(f'LEFT JOIN "{c.target}" l{n} ON l{n}."id" = {src}')
            src = f'l{n}."uid"'
        elif c.kind == "date":
            src = f"substr({src}, 1, 10)"
        elif c.kind == "datetime":
            src = f"replace(substr({src}, 1, 19), 'T', ' ')"
        elif c.kind == "bool":
            convert.append((len(cols), _bool))
        elif c.kind == "decimal":
            convert.append((len(cols), _decimal))
        cols.append(src)
    keys = (*codec.META, *(c.name for c in entity.columns))
    cols.append('t."id"')
    sql = f'SELECT {", ".join(cols)} FROM "{entity.name}" t {" ".join(joins)}'
    return sql, keys, tuple(convert)


def _raw_batches(db: pw.Database, entity: codec.Entity, uids: Collection[str] | None,
                 total: int | None) -> Iterator[tuple[list[tuple[Any, ...]], bool]]:
    """Batches of raw rows, with whether each came from an id-ordered scan."""
    sql = _plan(entity.name)[0]
    if uids is None or len(uids) > SCAN_THRESHOLD or (total is not None and len(uids) > total / 4):
        last = [-1]  # the id of the last row given (its last column)

        def scanned(cursor: Any) -> Iterator[tuple[list[tuple[Any, ...]], bool]]:
            while batch := cursor.fetchmany(BATCH):
                last[0] = batch[-1][-1]
                yield (batch if uids is None else [r for r in batch if r[0] in uids]), True

        try:
            yield from scanned(db.execute_sql(f'{sql} ORDER BY t."id"'))
        except sqlite3.OperationalError as exc:
            if not _not_utf8(exc, entity):
                raise
            with _lenient(db):  # the rest of the table, from the row after the last given
                yield from scanned(db.execute_sql(f'{sql} WHERE t."id" > ? ORDER BY t."id"',
                                                  (last[0],)))
        return
    for part in in_chunks(sorted(uids)):
        query = f'{sql} WHERE t."uid" IN ({",".join("?" * len(part))})'
        try:
            raw = db.execute_sql(query, part).fetchall()
        except sqlite3.OperationalError as exc:
            if not _not_utf8(exc, entity):
                raise
            with _lenient(db):
                raw = db.execute_sql(query, part).fetchall()
        yield raw, False


def _not_utf8(exc: sqlite3.OperationalError, entity: codec.Entity) -> bool:
    """Whether the error is text that is not UTF-8 in the station's file (changed outside
    swdesk, or damaged): then the rows are read again with U+FFFD in place of such
    bytes, as the export sends them (``lines.joined``), rather than stop the sync."""
    if "decode to UTF-8" not in str(exc):
        return False
    log.warning("%s: text that is not UTF-8 in the station's file (%s); read with U+FFFD "
                "in place of the bytes", entity.name, str(exc).split(" with text")[0])
    return True


def _lenient_text(value: bytes) -> str:
    return value.decode("utf-8", "replace")


@contextmanager
def _lenient(db: pw.Database) -> Iterator[None]:
    con = db.connection()
    before = con.text_factory
    con.text_factory = _lenient_text  # a call per text value: only where needed
    try:
        yield
    finally:
        con.text_factory = before


def iter_rows(db: pw.Database, entity: codec.Entity, uids: Collection[str] | None,
              total: int | None = None) -> Iterator[list[Row]]:
    """Whole rows of ``entity`` in package form, in batches; all rows if ``uids`` is None.

    Each row also holds its local id under ``_id`` (not part of the package).
    """
    _sql, keys, convert = _plan(entity.name)
    names = [(keys[i], fn) for i, fn in convert]
    ident = len(keys)  # the local id comes last in each raw row
    client_uids: dict[int, str] | None = None
    for raw, scanned in _raw_batches(db, entity, uids, total):
        if not raw:
            continue
        out: list[Row] = []
        for r in raw:
            row = dict(zip(keys, r, strict=False))  # stops before the id
            for name, fn in names:
                row[name] = fn(row[name])
            row["_id"] = r[ident]
            out.append(row)
        if entity.name == "service_record":
            if client_uids is None:
                client_uids = dict(db.execute_sql('SELECT id, uid FROM "client"'))
            _embed_service_children(db, out, scanned, client_uids)
        yield out


def read_rows(db: pw.Database, entity: codec.Entity, uids: set[str] | None,
              total: int | None = None) -> list[Row]:
    """Whole rows of ``entity`` in package form; all rows if ``uids`` is None."""
    return [row for batch in iter_rows(db, entity, uids, total) for row in batch]


def versions(db: pw.Database, entity: codec.Entity, uids: Collection[str]) -> dict[str, Row]:
    """uid -> {"uid", "version"} of the given rows (scanning when many are wanted)."""
    sql = f'SELECT uid, version FROM "{entity.name}"'
    if len(uids) > SCAN_THRESHOLD:
        wanted = set(uids)
        return {u: {"uid": u, "version": v} for u, v in db.execute_sql(sql) if u in wanted}
    out: dict[str, Row] = {}
    for part in in_chunks(sorted(set(uids))):
        marks = ",".join("?" * len(part))
        out.update((u, {"uid": u, "version": v})
                   for u, v in db.execute_sql(f"{sql} WHERE uid IN ({marks})", part))
    return out


def _embed_service_children(db: pw.Database, rows: list[Row], scanned: bool,
                            client_uids: dict[int, str]) -> None:
    by_id = {r["_id"]: r for r in rows}
    parts: dict[int, list[str]] = {}
    shares: dict[int, list[Row]] = {}
    ids = sorted(by_id)
    # A scanned batch is an id range: one range query per child table uses its index.
    where, groups = ("record_id BETWEEN ? AND ?", [[ids[0], ids[-1]]]) if scanned else (
        "record_id IN ({})", list(in_chunks(ids)))
    for group in groups:
        cond = where.format(",".join("?" * len(group)))
        # One text of client ids per record, from the covering index alone; the ids become
        # uids through a map read once (a join would jump around the client table).
        for rec, clients in db.execute_sql(
                f'SELECT record_id, group_concat(client_id) FROM service_participant '
                f'WHERE {cond} GROUP BY record_id', group):
            parts[rec] = [client_uids[int(c)] for c in clients.split(",")]
        for rec, partner, contribution, value in db.execute_sql(
                f'SELECT s.record_id, p.uid, s.contribution, s.value FROM service_partner s '
                f'JOIN partner p ON p.id = s.partner_id WHERE s.{cond}', group):
            shares.setdefault(rec, []).append({"partner": partner,
                                               "contribution": contribution or "",
                                               "value": codec.encode("decimal", value)})
    for rec_id, r in by_id.items():
        found = parts.get(rec_id)
        r[codec.PARTICIPANTS] = sorted(found) if found else []
        share = shares.get(rec_id)
        r[codec.PARTNERS] = sorted(share, key=lambda p: p["partner"]) if share else []


def line(row: Row) -> bytes:
    """One JSON Lines line (orjson: UTF-8, compact, as ``json.dumps(ensure_ascii=False)``)."""
    if "_id" in row:
        row = {k: v for k, v in row.items() if k != "_id"}
    return orjson.dumps(row) + b"\n"


def data_of(entity: codec.Entity, row: Row) -> Row:
    """The merged part of a row: data fields and the deletion mark."""
    out = {c.name: row.get(c.name) for c in entity.columns}
    out["deleted"] = bool(row.get("deleted"))
    return out
