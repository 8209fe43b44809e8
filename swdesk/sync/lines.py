"""A station package's JSON Lines, built by SQLite itself (``json_object``).

A full package holds nearly two million rows; making each one a Python dict and
dumping it cost most of the export. SQLite writes the same JSON in C while it
reads the row: links become the linked row's uid through a join, dates are cut,
booleans and money take their package form (docs/package-format.md). Python
only joins the lines, and rewrites the few rows that carry a ``_base``.

The rows to send and their newest change number come from a temporary table
filled once per package from the change log (``prepare``). A big package's second
reader (``spool``) fills a table by row id for each entity instead (``by_id``), and
makes the one of the biggest table for the main connection meanwhile (``seq_image``);
without it, the main connection looks each record's up in the change log itself.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, Literal

import orjson

from swdesk.db.text_check import is_utf8
from swdesk.sync import codec

log = logging.getLogger(__name__)
PENDING = "swdesk_pending"
SEQS = "swdesk_seqs"  # an attached in-memory database: row id -> newest change (by_id)
BATCH = 5000

# How a query finds the rows to send and their newest change (see _select).
Mode = Literal["led", "scan", "direct", "by_id"]


def changes_after(con: sqlite3.Connection, acked: int, entity: str | None = None) -> int:
    """Changes after ``acked`` (of ``entity``): at least as many as rows they touch."""
    sql = "SELECT count(*) FROM change_log WHERE seq > ?"
    params: tuple[object, ...] = (acked,)
    if entity is not None:
        sql += " AND entity = ?"
        params += (entity,)
    (count,) = con.execute(sql, params).fetchone()
    return int(count)


def prepare(con: sqlite3.Connection, acked: int,
            entities: Collection[str] | None = None) -> dict[str, int]:
    """Fill the temporary table of rows changed after ``acked`` (of ``entities``, or all);
    returns entity -> row count."""
    finish(con)
    con.execute(f'CREATE TEMP TABLE "{PENDING}" (entity TEXT NOT NULL, uid TEXT NOT NULL, '
                f'seq INTEGER NOT NULL, PRIMARY KEY (entity, uid)) WITHOUT ROWID')
    # A few changes: read them by number and group them. Many: the (entity, row_uid) index
    # holds the change number too, so grouping it needs no sort.
    source = ("change_log" if changes_after(con, acked) > 50_000
              else "change_log NOT INDEXED")
    where = "seq > ?"
    params: list[object] = [acked]
    if entities is not None:
        where += f" AND entity IN ({', '.join('?' * len(entities))})"
        params += sorted(entities)
    con.execute(f'INSERT INTO temp."{PENDING}" SELECT entity, row_uid, max(seq) '
                f'FROM {source} WHERE {where} GROUP BY entity, row_uid', params)
    return dict(con.execute(f'SELECT entity, count(*) FROM temp."{PENDING}" GROUP BY entity'))


def finish(con: sqlite3.Connection) -> None:
    """Drop the temporary tables (and their memory)."""
    for table in (PENDING, CLIENT_UIDS, PARTICIPANT_LISTS, SHARE_LISTS):
        con.execute(f'DROP TABLE IF EXISTS temp."{table}"')


@contextmanager
def temp_in_memory(con: sqlite3.Connection) -> Iterator[bool]:
    """Temporary tables in memory while the package is written (outside a transaction:
    SQLite refuses the change inside one). They are looked up once per row; in a file
    behind the temporary schema's 2 MB cache each lookup would read the disk.

    Gives whether it runs outside a caller's transaction: only then may the package
    attach ``SEQS`` (``load_seqs``), which is detached here afterwards."""
    (before,) = con.execute("PRAGMA temp_store").fetchone()
    if con.in_transaction:  # a caller's transaction: slower, but the same package
        yield False
        return
    con.execute("PRAGMA temp_store = MEMORY")
    try:
        yield True
    finally:
        con.execute(f"PRAGMA temp_store = {int(before)}")
        detach_seqs(con)


def by_id(con: sqlite3.Connection, name: str, acked: int, seq_to: int | None = None) -> int:
    """Fill ``SEQS``."name" (attached by the caller) with the entity's rows changed after
    ``acked`` (up to ``seq_to``, if given) by row id, each with its newest change; returns
    how many rows.

    Grouping the change log walks its ``(entity, row_uid)`` index in uid order, so the
    rows' uids are then looked up in order too: about half the work of finding each
    row's uid in the change log (or in ``prepare``'s table) while reading the table in
    id order, which then only joins this table by id."""
    bound, params = ("", (name, acked)) if seq_to is None else \
        (" AND seq <= ?", (name, acked, seq_to))
    con.execute(f'CREATE TABLE {SEQS}."{name}" (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL)')
    return int(con.execute(
        f'INSERT INTO {SEQS}."{name}" SELECT t."id", c.seq FROM (SELECT row_uid, max(seq) '
        f'AS seq FROM change_log WHERE entity = ? AND seq > ?{bound} GROUP BY row_uid) c '
        f'CROSS JOIN "{name}" t ON t."uid" = c.row_uid ORDER BY t."id"', params).rowcount)


def attach_seqs(con: sqlite3.Connection) -> None:
    if not _seqs_attached(con):
        con.execute(f"ATTACH DATABASE ':memory:' AS {SEQS}")


def _seqs_attached(con: sqlite3.Connection) -> bool:
    return SEQS in {row[1] for row in con.execute("PRAGMA database_list")}


def seq_image(con: sqlite3.Connection, name: str, acked: int, seq_to: int) -> bytes:
    """``by_id`` of the entity as a database image for ``load_seqs`` on another
    connection (``con`` not in a transaction). ``seq_to`` keeps out changes newer than
    the package's snapshot, which this connection's later one may see."""
    attach_seqs(con)
    try:
        by_id(con, name, acked, seq_to)
        return con.serialize(name=SEQS)
    finally:
        detach_seqs(con)


def load_seqs(con: sqlite3.Connection, image: bytes) -> bool:
    """Attach a ``seq_image`` (within ``temp_in_memory``'s own transaction); False where
    this SQLite refuses to attach or replace a database within a transaction."""
    try:
        attach_seqs(con)
        con.deserialize(image, name=SEQS)
    except sqlite3.Error:
        log.info("cannot load the change numbers made on the second connection here: "
                 "looking them up in the change log", exc_info=True)
        return False
    return True


def detach_seqs(con: sqlite3.Connection) -> None:
    if _seqs_attached(con):
        con.execute(f"DETACH DATABASE {SEQS}")


def _value(c: codec.Column, n: int) -> tuple[str, str]:
    """(SQL of the value's package form, join it needs or "")."""
    src = f't."{c.column}"'
    if c.kind == "link":  # the linked row's uid (null if it is gone)
        return f'l{n}."uid"', f'LEFT JOIN "{c.target}" l{n} ON l{n}."id" = {src}'
    if c.kind == "date":
        return f"substr({src}, 1, 10)", ""
    if c.kind == "datetime":
        return f"replace(substr({src}, 1, 19), 'T', ' ')", ""
    if c.kind == "bool":
        # json('true') has constant arguments: SQLite makes it once per query.
        return (f"CASE WHEN {src} IS NULL THEN NULL WHEN {src} THEN json('true') "
                f"ELSE json('false') END"), ""
    if c.kind == "decimal":
        return f"iif({src} IS NULL, NULL, printf('%.2f', {src}))", ""
    return src, ""


# A service record's participants and partner shares travel inside it (the format treats
# both lists as sets). A few records look theirs up one by one. A scan of the table (a full
# package: a million records, nearly three million participants) reads them first, grouped
# by record in one pass over the covering (record, client) index, into temporary tables
# the records then join by id: a third of the time of looking them up record by record.
CLIENT_UIDS = "swdesk_client_uid"
PARTICIPANT_LISTS = "swdesk_participant_lists"
SHARE_LISTS = "swdesk_share_lists"

_SHARE = ("json_object('partner', pa.\"uid\", 'contribution', coalesce(s.contribution, ''), "
          "'value', iif(s.value IS NULL, NULL, printf('%.2f', s.value)))")
_PARTICIPANTS = ("json((SELECT json_group_array(c.\"uid\") FROM service_participant s "
                 "JOIN client c ON c.\"id\" = s.client_id WHERE s.record_id = t.\"id\"))")
_PARTNERS = (f"json((SELECT json_group_array({_SHARE}) "
             "FROM service_partner s JOIN partner pa ON pa.\"id\" = s.partner_id "
             "WHERE s.record_id = t.\"id\"))")


def _group_lists(con: sqlite3.Connection) -> None:
    """Fill the temporary record -> participants / partner shares tables of a scan."""
    for table in (CLIENT_UIDS, PARTICIPANT_LISTS, SHARE_LISTS):
        con.execute(f'DROP TABLE IF EXISTS temp."{table}"')
    # A small id -> uid copy of the client table answers the lookups faster than the
    # table itself, whose rows are wide.
    con.execute(f'CREATE TEMP TABLE "{CLIENT_UIDS}" (id INTEGER PRIMARY KEY, uid TEXT)')
    con.execute(f'INSERT INTO temp."{CLIENT_UIDS}" SELECT id, uid FROM client')
    con.execute(f'CREATE TEMP TABLE "{PARTICIPANT_LISTS}" '
                f'(record_id INTEGER PRIMARY KEY, list TEXT NOT NULL)')
    con.execute(f'INSERT INTO temp."{PARTICIPANT_LISTS}" SELECT s.record_id, '
                f'json_group_array(c.uid) FROM service_participant s '
                f'JOIN temp."{CLIENT_UIDS}" c ON c.id = s.client_id GROUP BY s.record_id')
    con.execute(f'DROP TABLE temp."{CLIENT_UIDS}"')
    con.execute(f'CREATE TEMP TABLE "{SHARE_LISTS}" '
                f'(record_id INTEGER PRIMARY KEY, list TEXT NOT NULL)')
    con.execute(f'INSERT INTO temp."{SHARE_LISTS}" SELECT s.record_id, json_group_array('
                f'{_SHARE}) FROM service_partner s JOIN partner pa ON pa."id" = s.partner_id '
                f'GROUP BY s.record_id')


@cache
def _select(name: str, mode: Mode, grouped: bool) -> str:
    """The query giving (line, base) of the entity's pending rows in id order.

    ``led``: the pending rows lead and are sorted (few of them). ``scan`` reads the whole
    table in id order and looks each row up among the pending ones. ``direct`` scans too,
    but finds each row's newest change in the change log's ``(entity, row_uid)`` index
    itself (its one parameter: the last acknowledged change), with no list of pending
    rows made first. ``by_id`` takes the rows and their newest change from ``SEQS``.
    ``grouped``: a record's participants and partner shares come from the lists
    ``_group_lists`` made (most records are read), not one look-up per record.
    """
    entity = codec.ENTITIES[name]
    pairs = ["'uid', t.\"uid\"", "'origin', t.\"origin\"", "'version', t.\"version\"",
             "'updated_at', replace(substr(t.\"updated_at\", 1, 19), 'T', ' ')",
             "'deleted', iif(t.\"deleted\", json('true'), json('false'))"]
    joins: list[str] = []
    for n, c in enumerate(entity.columns):
        sql, join = _value(c, n)
        pairs.append(f"'{c.name}', {sql}")
        if join:
            joins.append(join)
    seq = {"direct": "max(c.seq)", "by_id": "s.seq"}.get(mode, "p.seq")
    pairs.append(f"'{codec.SEQ}', {seq}")
    if name == "service_record":
        if grouped:
            pairs += [f"'{codec.PARTICIPANTS}', json(coalesce(pl.list, '[]'))",
                      f"'{codec.PARTNERS}', json(coalesce(sl.list, '[]'))"]
            joins += [f'LEFT JOIN temp."{PARTICIPANT_LISTS}" pl ON pl.record_id = t."id"',
                      f'LEFT JOIN temp."{SHARE_LISTS}" sl ON sl.record_id = t."id"']
        else:
            pairs += [f"'{codec.PARTICIPANTS}', {_PARTICIPANTS}",
                      f"'{codec.PARTNERS}', {_PARTNERS}"]
    base = "NULL"
    if not entity.append_only:  # the base the city last confirmed, for the row's _base
        joins.append(f"LEFT JOIN sync_row b ON b.entity = '{name}' AND b.row_uid = t.\"uid\"")
        base = "b.base"
    # CROSS JOIN keeps the written order of the tables as SQLite's loop order. The rows
    # go in id order: by the leading table's own id where it is the same, for SQLite does
    # not see that t."id" = s.id gives the same order and would sort every line first.
    order = 't."id"'
    if mode == "direct":  # a row changed several times meets several changes: one line each
        source = (f'"{name}" t CROSS JOIN change_log c ON c.entity = \'{name}\' '
                  f'AND c.row_uid = t."uid" AND c.seq > ?')
        where = ' GROUP BY t."id"'
    elif mode == "by_id":
        source = f'{SEQS}."{name}" s CROSS JOIN "{name}" t ON t."id" = s.id'
        where = ""
        order = "s.id"
    elif mode == "scan":
        source = (f'"{name}" t CROSS JOIN temp."{PENDING}" p ON p.entity = \'{name}\' '
                  f'AND p.uid = t."uid"')
        where = ""
    else:
        source = f'temp."{PENDING}" p CROSS JOIN "{name}" t ON t."uid" = p.uid'
        where = f" WHERE p.entity = '{name}'"
    return (f"SELECT CAST(json_object({', '.join(pairs)}) AS BLOB), {base} FROM {source} "
            f"{' '.join(joins)}{where} ORDER BY {order}")


def scans(con: sqlite3.Connection, name: str, pending: int) -> bool:
    """Whether so many of the table's rows are pending that reading it all is cheaper."""
    (total,) = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
    return pending * 4 > total


def blocks(con: sqlite3.Connection, entity: codec.Entity, pending: int,
           after: int | None = None, seqs: Callable[[], bytes | None] | None = None,
           *, filled: bool = False) -> Iterator[list[bytes]]:
    """The entity's pending rows as package lines (without newlines), in blocks.

    ``filled``: the rows and their newest change are in the entity's ``by_id`` table.
    With ``after`` (the last acknowledged change), for a table most of whose rows are
    pending, with no list of them in ``prepare``: they come from ``seqs()`` (a
    ``seq_image``, asked for only when it is needed, so that it can be made meanwhile),
    or else each row's newest change is found in the change log. Otherwise they come
    from ``prepare``'s table.
    """
    mode: Mode
    if filled:
        mode = "by_id"
    elif after is not None:
        mode = "direct"
    else:
        mode = "scan" if scans(con, entity.name, pending) else "led"
    # A record's people: grouped once where (most of) the table is read, else looked up
    # record by record.
    grouped = entity.name == "service_record" and (
        mode in ("scan", "direct") or (mode == "by_id" and scans(con, entity.name, pending)))
    if grouped:
        _group_lists(con)
    if mode == "direct" and seqs is not None and (image := seqs()) is not None \
            and load_seqs(con, image):
        mode = "by_id"
    cursor = con.execute(_select(entity.name, mode, grouped),
                         (after,) if mode == "direct" else ())
    while batch := cursor.fetchmany(BATCH):
        yield [line if base is None else _with_base(entity, line, base)
               for line, base in batch]


def joined(entity: codec.Entity, block: list[bytes]) -> bytes:
    """A block's lines as the package file holds them, each ending in a newline.

    A line must be UTF-8 for the hub to read it. A text value whose bytes are not (the
    station's file changed outside swdesk, or damaged) goes with U+FFFD in their place,
    and the row is logged: otherwise the hub would refuse every package of the station
    for that one row. (Checking costs one decode of the block, in C.)"""
    data = b"\n".join([*block, b""])
    if not is_utf8(data):
        data = b"\n".join([*(_utf8(entity, line) for line in block), b""])
    return data


def _utf8(entity: codec.Entity, line: bytes) -> bytes:
    if is_utf8(line):
        return line
    text = line.decode("utf-8", "replace")
    log.warning("%s %s: text that is not UTF-8 in the station's file, sent with U+FFFD in "
                "place of the bytes", entity.name, orjson.loads(text).get("uid"))
    return text.encode()


def _with_base(entity: codec.Entity, line: bytes, base_text: str) -> bytes:
    """The line with ``_base``: the confirmed value of each field that changed since."""
    row: dict[str, Any] = orjson.loads(_utf8(entity, line))
    base = orjson.loads(base_text)
    data = {c.name: row.get(c.name) for c in entity.columns}
    data["deleted"] = bool(row.get("deleted"))
    row[codec.BASE] = {k: base.get(k) for k, v in data.items() if base.get(k) != v}
    return orjson.dumps(row)
