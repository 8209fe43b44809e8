"""Which rows a chunk links to that the city does not hold, or holds in its quarantine."""

from __future__ import annotations

from typing import Any

import peewee as pw

from swdesk.city import models as m
from swdesk.city.prepare import links_of
from swdesk.city.row_states import CHUNK
from swdesk.sync import codec
from swdesk.sync.rows import in_chunks

Row = dict[str, Any]
# The entities rows link to (a service record to clients and partners by its lists).
TARGETS = frozenset({c.target for e in codec.ENTITIES.values() for c in e.columns
                     if c.kind == "link"} | {"client", "partner"})


class Links:
    """Looks linked uids up in the city database, remembering those it found (and those
    the applier inserted: ``add``) for the rest of the package."""

    def __init__(self, db: pw.Database) -> None:
        self.db = db
        self.known: dict[str, set[str]] = {}

    def add(self, entity: str, uids: Any) -> None:
        """``uids`` of ``entity`` are in the city table now (remembered if rows link to
        that entity)."""
        if entity in TARGETS:
            self.known.setdefault(entity, set()).update(uids)

    def absent(self, entity: str, uids: set[str]) -> set[str]:
        """Which of ``uids`` the city table of ``entity`` lacks."""
        known = self.known.setdefault(entity, set())
        unknown = uids - known
        p = self.db.param
        for part in in_chunks(sorted(unknown), CHUNK):
            sql = (f'SELECT uid FROM "{m.table(entity)}" '
                   f'WHERE uid IN ({", ".join([p] * len(part))})')
            known.update(u for (u,) in self.db.execute_sql(sql, part))
        return unknown - known

    def quarantined(self, uids: set[str]) -> set[str]:
        """Which of ``uids`` are in the quarantine (one look-up a few thousand uids)."""
        p, table = self.db.param, m.CityQuarantine._meta.table_name
        found: set[str] = set()
        if isinstance(self.db, pw.PostgresqlDatabase):  # one array: no plan of 2,000 params
            sql = f'SELECT DISTINCT uid FROM "{table}" WHERE uid = ANY({p})'
            found.update(u for (u,) in self.db.execute_sql(sql, (sorted(uids),)))
            return found
        for part in in_chunks(sorted(uids), CHUNK):
            sql = (f'SELECT DISTINCT uid FROM "{table}" '
                   f'WHERE uid IN ({", ".join([p] * len(part))})')
            found.update(u for (u,) in self.db.execute_sql(sql, part))
        return found

    def missing(self, entity: codec.Entity, rows: list[Row],
                columns: dict[str, tuple[Any, ...]]) -> dict[str, list[str]]:
        """uid -> linked uids that the city does not hold (yet), of ``rows``.

        ``columns`` hold the link values of these rows or more (only looked up).
        """
        if not rows:
            return {}
        records = entity.name == "service_record"
        wanted = links_of(entity, columns,
                          [r.get(codec.PARTICIPANTS) for r in rows] if records else (),
                          [r.get(codec.PARTNERS) for r in rows] if records else ())
        absent = {t: self.absent(t, uids) for t, uids in wanted.items()}
        if not any(absent.values()):
            return {}  # the usual case: every linked row is here
        missing: dict[str, list[str]] = {}
        for row in rows:
            gone: list[str] = []
            for c in entity.columns:
                v = row.get(c.name)
                if c.kind == "link" and isinstance(v, str) and v in absent[c.target]:
                    gone.append(v)
            if records:
                gone += [u for u in row.get(codec.PARTICIPANTS) or []
                         if u in absent["client"]]
                gone += [p.get("partner") for p in row.get(codec.PARTNERS) or []
                         if p.get("partner") in absent["partner"]]
            if gone:
                missing[row["uid"]] = gone
        return missing
