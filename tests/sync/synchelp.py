"""Helpers shared by the sync and city tests: stations and a hub in temporary folders."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from swdesk import demo, reference
from swdesk.city import db as city_db
from swdesk.city import models as cm
from swdesk.city.enroll import enroll_station
from swdesk.db import StationDatabase, open_station
from swdesk.handle import StationHandle
from swdesk.model import database
from swdesk.services import station as station_service
from swdesk.services.actor import SYSTEM, Actor
from swdesk.sync import enrolment, lines
from swdesk.sync.format import OpenedPackage

PG_ENV = "SWDESK_TEST_PG_URL"


def city_urls() -> list[str]:
    """The city databases the city tests run on: SQLite always, PostgreSQL when CI gives one."""
    urls = ["sqlite"]
    if os.environ.get(PG_ENV):
        urls.append("postgresql")
    return urls


def reset_postgres(url: str) -> None:
    from playhouse.db_url import connect

    db = connect(url)
    db.connect()
    with db.atomic():
        cm.city_database.initialize(db)
        db.drop_tables(cm.ALL, safe=True)
        for table in cm.DROPPED_IN_3:  # an older schema's, made by a test of the upgrade
            db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')
        cm.city_database.initialize(None)
    db.close()


def make_city(root: Path, kind: str) -> city_db.City:
    url = None
    if kind == "postgresql":
        url = os.environ[PG_ENV]
        reset_postgres(url)
    city = city_db.init_city(root / "hub", url, "厦门市民政局")
    if url is None:
        city.db.execute_sql("PRAGMA synchronous = OFF")  # tests need no power-cut safety
    return city


def hub_of(kind: str, root: Path) -> Iterator[city_db.City]:
    """The body of a ``hub`` fixture: a hub on ``kind`` (``city_urls()``), closed after."""
    city = make_city(root, kind)
    yield city
    city.close()


class Station:
    """A station data dir kept open; ``use()`` binds the models to it."""

    def __init__(self, root: Path, code: str, city: city_db.City, clients: int = 0,
                 records: int = 0, seed: int = 1, district: str = "siming") -> None:
        self.code = code
        self.dir = root / code
        enrol_file = enroll_station(city, code, f"{code}站", root / f"{code}-enrol.json")
        self.sdb: StationDatabase = open_station(self.dir, create=True)
        self.sdb.db.execute_sql("PRAGMA synchronous = OFF")  # tests need no power-cut safety
        self.use()
        station_service.init_station(code, f"{code}站", "station", district)
        if clients or records:
            demo.generate(clients, records, seed=seed)
        # the fingerprint as the city tells it (by phone), not as the file says it
        enrolment.enrol(enrol_file, fingerprint=city.keys.public().fingerprint())

    def handle(self, actor: Actor = SYSTEM) -> StationHandle:
        """This station, as the program hands it to export, printing and backups."""
        return StationHandle.of(self.sdb, actor)

    def use(self) -> None:
        database.initialize(self.sdb.db)
        reference.invalidate()

    @contextmanager
    def active(self) -> Iterator[Station]:
        self.use()
        yield self

    def close(self) -> None:
        self.use()
        self.sdb.close()


def table_counts(db: pw.Database, tables: list[str]) -> dict[str, int]:
    return {t: db.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def dump(db: pw.Database) -> dict[str, list[tuple]]:
    """Every row of every table: to assert that nothing was written."""
    names = [r[0] for r in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'client_fts%'")] if isinstance(db, pw.SqliteDatabase) else [
        r[0] for r in db.execute_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    return {n: sorted(map(repr, db.execute_sql(f'SELECT * FROM "{n}"').fetchall()))
            for n in sorted(names)}


def stations(tmp_path: Path, hub: city_db.City) -> Iterator[Callable[..., Station]]:
    """The body of the ``station_factory`` fixture: make stations, close them afterwards."""
    made: list[Station] = []

    def make(code: str = "XM-SM-001", clients: int = 0, records: int = 0,
             seed: int = 1) -> Station:
        s = Station(tmp_path, code, hub, clients, records, seed)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


def alter_packages(monkeypatch: pytest.MonkeyPatch,
                   alter: Callable[[str, list[bytes]], list[bytes]]) -> None:
    """Packages exported from now on carry ``alter(entity, block)`` for each block of lines:
    rows the program itself would never write."""
    real = lines.blocks

    def altered(con: Any, entity: Any, *args: Any) -> Iterator[list[bytes]]:
        for block in real(con, entity, *args):
            yield alter(entity.name, block)

    monkeypatch.setattr(lines, "blocks", altered)


def opened_package(folder: Path, files: dict[str, bytes]) -> OpenedPackage:
    """An opened package whose inner ZIP (in ``folder``) holds ``files``."""
    inner = folder / "payload.zip"
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return OpenedPackage({}, inner, list(files), "")


def fingerprint_in(text: str) -> str:
    """The fingerprint a command printed (what the city officer reads out to the station)."""
    found = re.search(r"\b[0-9a-f]{4}(?:-[0-9a-f]{4}){3}\b", text)
    assert found, text
    return found.group(0)
