"""Realistic synthetic data for demonstrations, tests and benchmarks.

``generate(clients, records)`` fills the open, initialised station database with
a station's worth of people, casework and service records: valid resident IDs
(Xiamen region codes, GB 11643 check digits) and credit codes, phone numbers,
addresses in the station's district, cases moving through their stages with their
goals, closure and follow-up, each worker's groups with members, weekly sessions and
pre/post measures, community activities with their files, a year of service records
with participants, volunteer hours and partner contributions.
The same seed gives the same data.

Speed matters (a city-size station is 100,000 clients and 1,000,000 records), so
this package bypasses the ORM: rows are built as plain tuples in chunks and written
with the sqlite3 cursor's ``executemany`` inside one transaction. peewee's
``insert_many`` spends most of its time building SQL (see DESIGN.md). Every synced
row still gets its uid, origin, version, timestamp and change-log entry, exactly as
``swdesk.services.crud.create`` would give it, and the run leaves one audit entry.

The package: ``vocabulary`` and ``file_texts`` (word lists), ``seasons``, ``bulk``
(the fast-load machinery), ``base`` (a run's shared state, one person's makings),
``people``, ``casework``, ``groupwork``, ``community``, ``activity`` and ``visits``
(邻里守望: visitors and care visits by the visit rules) (the tables).
"""

from __future__ import annotations

import datetime as dt
import random

from swdesk import settings
from swdesk.db import kept_figures, visit_seen
from swdesk.demo.activity import Activity
from swdesk.demo.base import Progress
from swdesk.demo.bulk import bulk_pragmas
from swdesk.demo.casework import Casework
from swdesk.demo.matching import Matching
from swdesk.demo.people import People
from swdesk.demo.visits import Visits
from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.services import journal
from swdesk.services.actor import SYSTEM

__all__ = ["generate"]

# Service records one worker enters in a month (two or three a working day).
RECORDS_PER_MONTH = (40, 60)


def generate(clients: int, records: int | None = None, seed: int | None = None,
             progress: Progress | None = None, today: dt.date | None = None,
             care_visits: bool | None = None) -> dict[str, int]:
    """Fill the open station database with synthetic data; returns rows written per table.

    ``clients`` clients and ``records`` service records (by default what the station's
    three to five workers record in a year), with workers, volunteers, partners, needs,
    cases, projects … in proportion. ``care_visits`` (by default: when ``records`` is not
    given) adds each visit-rule client's visitors and care visits, on top of ``records``.
    Deterministic for a given ``seed`` (and ``today``). ``progress(stage, done, total)``
    is called between batches. Everything is written in one transaction: all or nothing.
    """
    if clients < 0 or (records is not None and records < 0):
        raise SwdeskError(_("数量不能为负数", "Counts cannot be negative"))
    row = database.execute_sql(
        "SELECT id, code, name, district FROM station WHERE code = ? AND deleted = 0",
        (settings.STATION_CODE.get(),)).fetchone()
    if row is None:
        raise SwdeskError(_("站点尚未初始化，请先运行 swdesk init",
                            "The station is not initialised yet; run swdesk init first"))
    # A second run with the same seed must not repeat the first one's uids, nor may two
    # stations share uids at the city: the seed is mixed with the station code and with
    # how far the change log has got.
    (salt,) = database.execute_sql("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()
    rng = random.Random(None if seed is None else f"{seed}/{row[1]}/{salt}")
    gen = _Generator(rng, today or dt.date.today(), progress, row)
    with bulk_pragmas(), database.atomic():
        counts = gen.run(clients, records,
                         records is None if care_visits is None else care_visits)
        journal.audit(SYSTEM, "demo", detail={"clients": clients, "records": records,
                                              "seed": seed, "rows": counts})
    if not database.in_transaction():
        # One huge transaction leaves a WAL as big as the data; fold it back in now
        # rather than leave the next reader to walk it and the disk to hold it twice.
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return counts


class _Generator(People, Casework, Activity, Visits, Matching):
    """One run of :func:`generate`: every table, in an order that lets later rows refer
    to earlier ones, between dropping the big tables' indexes and rebuilding them."""

    def run(self, clients: int, records: int | None, care_visits: bool) -> dict[str, int]:
        self.cur = database.connection().cursor()
        for table in ("client", "worker", "volunteer"):
            self.used_ids.update(r[0][:17] for r in self.cur.execute(
                f'SELECT id_number FROM "{table}" WHERE id_number IS NOT NULL'))
        indexes = self.drop_indexes()
        fts = self.suspend_fts()
        # (the last-visit and kept-figure triggers, like the search index's, cost a row
        # each: one count at the end is cheaper)
        seen_triggers = visit_seen.triggers(database) + kept_figures.triggers(database)
        for name, _sql in seen_triggers:
            self.cur.execute(f'DROP TRIGGER "{name}"')
        self.agencies()
        # A street's station has three to five social workers; a city-size run more.
        self.workers(max(self.rng.randint(3, 5), clients // 2000))
        self.partners_(max(10, clients // 2000))
        self.volunteers(clients // 20 if clients >= 200 else max(10, clients // 20))
        first_client = self.next_id("client")
        self.clients(clients)
        self.needs(clients // 20)
        self.coded_fields_()  # skills, languages, communities: needs get suggestions
        self.projects_()  # (before the cases and groups that belong to them)
        self.cases(clients // 10)
        self.complaints()
        if records is None:  # what its workers record in a year
            records = 12 * sum(self.rng.randint(*RECORDS_PER_MONTH)
                               for _w in self.active_worker_ids)
        self.service_records(records)
        if care_visits:  # (on top of the year's other work, from a random source of its own)
            self.care_visits()
        self.name_sort_keys()
        stage = _("建立索引", "indexes")
        self.resume_fts(fts, first_client)
        self.report(stage, 0, len(indexes))
        for done, sql in enumerate(indexes, start=1):
            self.cur.execute(sql)
            self.report(stage, done, len(indexes))
        visit_seen.rebuild(database)
        kept_figures.rebuild(database)
        for _name, sql in seen_triggers:
            self.cur.execute(sql)
        self.project_results()  # (counted from the records, through the rebuilt indexes)
        counts = {k: v for k, v in self.counts.items() if v}
        self.check_links(counts)
        self.report(_("检查关联", "links"), len(counts), len(counts))
        return counts
