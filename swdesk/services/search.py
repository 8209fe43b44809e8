"""Find clients by name fragment, pinyin initials, or the tail of an ID or phone number.

SQLite 3.40's FTS5 trigram index needs at least three characters (and silently
matches nothing below that), so the query picks its path:

* letters only (``zxm``): prefix range on the indexed ``name_initials`` column;
* digits (with a final X): FTS5 over ID and phone numbers, then keep only those
  that *end* with the digits; under three digits, a scan of the same columns;
* anything else (Chinese): FTS5 on the name from three characters, and below
  that an ``instr`` scan of the covering ``(name, deleted)`` index.
"""

from __future__ import annotations

import re

from swdesk.model import database

_LETTERS = re.compile(r"^[a-z]+$")
_DIGITS = re.compile(r"^[0-9]+x?$")


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def classify(query: str) -> str:
    q = query.strip().lower()
    if not q:
        return "empty"
    if _LETTERS.match(q):
        return "initials"
    if _DIGITS.match(q):
        return "number"
    return "name"


def search_clients(query: str, limit: int = 100) -> list[int]:
    """Ids of live clients matching ``query``, best matches first."""
    q = re.sub(r"\s+", "", query).lower()
    kind = classify(q)
    if kind == "empty":
        return []
    if kind == "initials":
        sql = ("SELECT id FROM client WHERE name_initials >= ? AND name_initials < ? "
               "AND deleted = 0 ORDER BY length(name_initials), name_initials, id LIMIT ?")
        params: tuple[object, ...] = (q, q + "{", limit)  # '{' sorts right after 'z'
    elif kind == "number":
        q = q.upper()
        if len(q) >= 3:
            sql = ("SELECT c.id FROM client_fts f JOIN client c ON c.id = f.rowid "
                   "WHERE client_fts MATCH ? AND c.deleted = 0 "
                   "AND (c.id_number LIKE ? OR c.phone LIKE ?) ORDER BY c.name, c.id LIMIT ?")
            params = ("{id_number phone}: " + _fts_phrase(q), "%" + q, "%" + q, limit)
        else:
            sql = ("SELECT id FROM client WHERE deleted = 0 AND "
                   "(substr(id_number, -?) = ? OR substr(phone, -?) = ?) ORDER BY name, id LIMIT ?")
            params = (len(q), q, len(q), q, limit)
    elif len(q) >= 3:
        sql = ("SELECT c.id FROM client_fts f JOIN client c ON c.id = f.rowid "
               "WHERE client_fts MATCH ? AND c.deleted = 0 "
               "ORDER BY (c.name = ?) DESC, length(c.name), c.name, c.id LIMIT ?")
        params = ("name: " + _fts_phrase(q), q, limit)
    else:
        sql = ("SELECT id FROM client INDEXED BY client_name_deleted "
               "WHERE instr(name, ?) > 0 AND deleted = 0 "
               "ORDER BY (name = ?) DESC, instr(name, ?), length(name), name, id LIMIT ?")
        params = (q, q, q, limit)
    return [row[0] for row in database.execute_sql(sql, params).fetchall()]
