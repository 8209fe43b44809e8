"""Bulk inserts and background jobs at the hub (city/bulk.py), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from swdesk.city import bulk
from swdesk.city.ingest import ingest
from swdesk.model import Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import export
from tests.stations import here

AWKWARD = "制表\t换行\n回车\r反斜杠\\ 以及 \\N 和 \\t"
COLUMNS = ("uid", "origin", "version", "deleted", "name", "notes", "applied_in")


def test_copy_text_escapes_only_what_needs_it() -> None:
    text = bulk.copy_text([("a", 1, True, None, "平常"), ("b", -2, False, "\\N", AWKWARD)])
    assert text == ("a\t1\tt\t\\N\t平常\n"
                    "b\t-2\tf\t\\\\N\t制表\\t换行\\n回车\\r反斜杠\\\\ 以及 \\\\N 和 \\\\t\n")


def test_awkward_text_goes_in_as_it_is(hub) -> None:
    rows = [(f"u{n}", "XM-SM-001", 1, n % 2 == 0, f"名{n}", text, 1)
            for n, text in enumerate([AWKWARD, "\\N", "", None, "\\", "末尾\t"])]
    jobs = bulk.Background(hub.db)
    with hub.db.atomic():
        jobs.insert("c_client", COLUMNS, rows[:3])
        jobs.insert("c_client", COLUMNS, rows[3:])
        # A query given after the inserts sees their rows (on PostgreSQL it runs after them).
        count = jobs.query(lambda db: db.execute_sql('SELECT count(*) FROM "c_client"')
                           .fetchone()[0])
        assert count() == len(rows)
        jobs.close()
    got = hub.db.execute_sql(f'SELECT {", ".join(COLUMNS)} FROM "c_client" ORDER BY uid')
    assert [(*r[:3], bool(r[3]), *r[4:]) for r in got] == rows


def test_a_failed_chunk_fails_the_transaction_and_writes_nothing(hub) -> None:
    row = ("u1", "XM-SM-001", 1, False, "名", "", 1)
    jobs = bulk.Background(hub.db)
    # sqlite3's or psycopg2's IntegrityError, from the insert or from wait()
    with pytest.raises(Exception, match=r"(?i)unique"), hub.db.atomic():
        try:
            jobs.insert("c_client", COLUMNS, [row])
            jobs.insert("c_client", COLUMNS, [row])  # the same uid again
            jobs.wait()
        finally:
            jobs.close(quiet=True)
    assert hub.db.execute_sql('SELECT count(*) FROM "c_client"').fetchone()[0] == 0


def test_ingest_keeps_tabs_newlines_and_backslashes(hub, station_factory,
                                                    tmp_path: Path) -> None:
    s = station_factory("XM-SM-001", clients=3)
    with s.active():
        uid = crud.create(Client, {"name": "陈阿婆", "phone": "13800001111",
                                   "notes": AWKWARD}, SYSTEM).uid
        pkg = export.export_package(here(), tmp_path / "out")
    ingest(hub, pkg.path)
    (notes,) = hub.db.execute_sql('SELECT notes FROM "c_client" WHERE uid = ' + hub.db.param,
                                  [uid]).fetchone()
    assert notes == AWKWARD
