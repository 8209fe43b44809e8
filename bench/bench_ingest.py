"""The hub's full ingest beside its anchor, in the same run.

    python bench/bench_ingest.py --work DIR                        # 100,000 clients, 1 M records
    python bench/bench_ingest.py --work DIR --clients 20000 --records 200000
    python bench/bench_ingest.py --work DIR --station COPY_OF_A_STATION_DATA_FOLDER
    python bench/bench_ingest.py --work DIR --city-db postgresql://user:pw@host/db

The anchor is the same package's rows (decoded from its lines by the hub's own
``prepare``, which is timed apart) written the plain way into a fresh hub database with
the same tables and indexes, in one transaction: on SQLite one ``executemany`` per
chunk of 10,000 rows, on PostgreSQL one ``COPY`` per chunk. The ingest is ``ingest()``
with its worker processes, into a fresh hub enrolled with the station. Each round
writes the anchor and then ingests (or the other way round, alternately), and prints
both times and anchor / ingest: 1 would be the ingest as fast as the anchor; the aim is
at least 0.7.

``--work`` keeps the hub's keys, its enrolled state and the station's package, so a
later run (on either database) reuses them: export once, measure many times. On
PostgreSQL the anchor's tables go into the schema ``swdesk_anchor`` of the same database
(the hub's are in ``public``); the tables of both are dropped and made again each round.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import peewee as pw
from steps import cpu_time

from swdesk import demo
from swdesk.city import bulk
from swdesk.city import models as m
from swdesk.city.db import KEYS_FILE, City, _connect, init_city, open_city
from swdesk.city.enroll import enroll_station
from swdesk.city.ingest import _sender, ingest, reference_codes
from swdesk.city.prepare import ROWS, Setting, insert_columns, prepare
from swdesk.db import open_station
from swdesk.handle import StationHandle
from swdesk.model import database
from swdesk.services import station as station_service
from swdesk.services.this_station import station_code
from swdesk.sync import codec, enrolment, export, nogc, schemas
from swdesk.sync.format import open_package

PLAN = export.ExportPlan.station_program()  # as the command line and the window export
ANCHOR_SCHEMA = "swdesk_anchor"
PACKAGE = "package.swpkg"
ANCHOR_CHUNK = 10_000  # rows a statement (executemany) or COPY of the anchor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True,
                        help="folder kept between runs: the hub's keys and the package")
    parser.add_argument("--station", type=Path,
                        help="a station's data folder (a copy: it is migrated and enrolled)")
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--city-db", metavar="URL",
                        help="an empty PostgreSQL database for the hub; default SQLite")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--sorted", action="store_true",
                        help="the anchor inserts each chunk in uid order, as the ingest does "
                             "(default: the package's order)")
    args = parser.parse_args(argv)
    package = _package(args)
    print(f"package {package} ({package.stat().st_size / 2**20:.1f} MB), hub "
          f"{'PostgreSQL' if args.city_db else 'SQLite'}, {os.cpu_count()} CPUs", flush=True)
    results = []
    for n in range(args.rounds):
        anchor_first = n % 2 == 0
        results.append(_round(args, package, anchor_first))
    print("\nload average (1, 5, 15 min) at the end: "
          "{:.2f} {:.2f} {:.2f}\n".format(*os.getloadavg()))
    def cpu_ratio(r: Round) -> str:  # (PostgreSQL: the server's CPU, the anchor's work, is
        return "—" if args.city_db else f"{r.anchor_cpu / r.ingest_cpu:.2f}"  # not counted)

    # The CPU columns: the anchor's process while it writes; the ingest's process and its
    # workers (a PostgreSQL server's CPU is in neither). On a shared machine the times
    # follow the CPU each could get.
    print("| round | anchor (its CPU) | decoding for the anchor | ingest (CPU: all; the hub's "
          "process) | anchor / ingest | anchor CPU / ingest CPU |\n"
          "| --- | --- | --- | --- | --- | --- |")
    for n, r in enumerate(results, 1):
        print(f"| {n}{' (anchor first)' if r.anchor_first else ''} | {r.anchor:.1f} s "
              f"({r.anchor_cpu:.1f} s) | {r.decoding:.1f} s | {r.ingest:.1f} s "
              f"({r.ingest_cpu:.1f} s; {r.hub_cpu:.1f} s) | {r.anchor / r.ingest:.2f} "
              f"| {cpu_ratio(r)} |")
    return 0


# --- the package, once ----------------------------------------------------------------------


def _package(args: argparse.Namespace) -> Path:
    """The station's full package in ``--work``, exported there the first time, with the
    hub it is addressed to (its keys and enrolled state: ``--work``/hub)."""
    work: Path = args.work
    package = work / PACKAGE
    if package.exists():
        return package
    work.mkdir(parents=True, exist_ok=True)
    hub = work / "hub"
    shutil.rmtree(hub, ignore_errors=True)
    city = init_city(hub, None, "厦门市民政局")
    station_dir = args.station or work / "station"
    with open_station(station_dir, create=args.station is None):
        if args.station is None:
            station_service.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
            started = time.perf_counter()
            demo.generate(args.clients, args.records, seed=args.seed)
            print(f"demo data: {time.perf_counter() - started:.1f} s", flush=True)
        code = station_code()
        enrol = enroll_station(city, code, "嘉莲街道社工站", work / "enrol.json")
        enrolment.enrol(enrol, fingerprint=city.keys.public().fingerprint())
        started = time.perf_counter()
        exported = export.export_package(StationHandle(station_dir, database.obj), work,
                                         plan=PLAN)
        print(f"export: {time.perf_counter() - started:.1f} s, {exported.rows} rows",
              flush=True)
    city.close()
    exported.path.rename(package)
    return package


# --- fresh databases ------------------------------------------------------------------------


def _hub_rows(work: Path) -> dict[type[pw.Model], list[dict[str, Any]]]:
    """The rows of the enrolled hub of ``--work`` (its meta, the station, the audit)."""
    source = pw.SqliteDatabase(str(work / "hub" / "city.db"))
    m.city_database.initialize(source)
    try:
        return {model: cast(list[dict[str, Any]], list(model.select().dicts()))
                for model in m.ALL}
    finally:
        m.city_database.initialize(None)
        source.close()


def _fresh(db: pw.Database, rows: dict[type[pw.Model], list[dict[str, Any]]]) -> None:
    """The hub's tables and indexes, made again in ``db``, holding ``rows``."""
    m.city_database.initialize(db)
    try:
        db.drop_tables(m.ALL, safe=True)
        db.create_tables(m.ALL)
        with db.atomic():
            for model, values in rows.items():
                auto = [f.name for f in model._meta.sorted_fields
                        if isinstance(f, pw.AutoField)]  # (a new id: sequences stay right)
                for value in values:
                    model.insert({k: v for k, v in value.items() if k not in auto}).execute()
    finally:
        m.city_database.initialize(None)


def _fresh_hub(work: Path, run: Path, url: str | None) -> City:
    hub = run / "hub"
    hub.mkdir(parents=True)
    shutil.copyfile(work / "hub" / KEYS_FILE, hub / KEYS_FILE)
    db = _connect(url or f"sqlite:///{hub / 'city.db'}")
    _fresh(db, _hub_rows(work))
    db.close()
    return open_city(hub, url)


def _anchor_url(url: str | None, run: Path) -> str:
    if url is None:
        return f"sqlite:///{run / 'anchor.db'}"
    admin = _connect(url)
    admin.execute_sql(f"CREATE SCHEMA IF NOT EXISTS {ANCHOR_SCHEMA}")
    admin.close()
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{ANCHOR_SCHEMA}"


# --- one round ------------------------------------------------------------------------------


@dataclass
class Round:
    anchor_first: bool
    anchor: float = 0.0  # seconds writing (the commit included)
    anchor_cpu: float = 0.0
    decoding: float = 0.0  # seconds decoding the anchor's rows, apart
    ingest: float = 0.0
    ingest_cpu: float = 0.0  # the hub's process and its workers
    hub_cpu: float = 0.0  # the hub's process alone (its threads included)


def _round(args: argparse.Namespace, package: Path, anchor_first: bool) -> Round:
    run = args.work / "run"
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir()
    anchor_db = _connect(_anchor_url(args.city_db, run))
    _fresh(anchor_db, {})
    city = _fresh_hub(args.work, run, args.city_db)
    try:
        chunks = _package_rows(city, package, args.sorted)
        r = Round(anchor_first)
        if anchor_first:
            _settle(anchor_db)
            _anchor(anchor_db, chunks, r)
        _settle(city.db)
        started, cpu, hub_cpu = time.perf_counter(), cpu_time(), time.process_time()
        result = ingest(city, package, workers=True)
        r.ingest, r.ingest_cpu = time.perf_counter() - started, cpu_time() - cpu
        r.hub_cpu = time.process_time() - hub_cpu
        if not anchor_first:
            _settle(anchor_db)
            _anchor(anchor_db, chunks, r)
        print(f"  ingest {r.ingest:.1f} s (CPU {r.ingest_cpu:.1f} s, of which the hub's "
              f"process {r.hub_cpu:.1f} s): {dict(result.counts)}; "
              f"anchor {r.anchor:.1f} s (CPU {r.anchor_cpu:.1f} s, decoding apart "
              f"{r.decoding:.1f} s); anchor / ingest {r.anchor / r.ingest:.2f}; load "
              f"{os.getloadavg()[0]:.2f}", flush=True)
        _same_rows(city.db, anchor_db)
    finally:
        city.close()
        anchor_db.close()
    shutil.rmtree(run, ignore_errors=True)
    return r


def _settle(db: pw.Database) -> None:
    """PostgreSQL: a checkpoint before a timed part, so that neither part pays for the
    other's dirty pages (whichever went second was the slower). It needs the role
    ``pg_checkpoint`` (or a superuser): without it, say so and go on."""
    if not isinstance(db, pw.PostgresqlDatabase):
        return
    try:
        db.execute_sql("CHECKPOINT")
    except pw.DatabaseError as exc:
        db.rollback()
        print(f"  (no CHECKPOINT before the timed parts: {str(exc).strip()})", flush=True)


Chunk = tuple[str, list[tuple[Any, ...]]]  # a table and rows of its insert_columns


def _package_rows(city: City, package: Path, in_uid_order: bool) -> Iterator[Chunk]:
    """The package's rows, a chunk at a time, as the hub's ``prepare`` makes them ready
    (each a plain chunk: a fresh package of a sound station holds no row to refuse)."""
    with open_package(package, city.staging, _sender(city), city.keys) as opened:
        man = opened.manifest
        setting = Setting(man["station"], reference_codes(), man["number"], ROWS,
                          man["schema"])
        for name in schemas.entities(man["schema"]):
            file = f"rows.{name}.jsonl"
            first = 1
            for raws in opened.raw_chunks(file, ANCHOR_CHUNK):
                plain = prepare(setting, name, raws, file, first).plain
                if plain is None:
                    raise SystemExit(f"{file}: a chunk from line {first} is not plain")
                first += len(raws)
                rows = plain.data
                if not in_uid_order:  # (prepare sorts them by uid)
                    at = {uid: i for i, uid in enumerate(plain.uids)}
                    rows.sort(key=lambda r: at[r[0]])
                yield m.table(name), rows


def _anchor(db: pw.Database, chunks: Iterator[Chunk], r: Round) -> None:
    """Write ``chunks`` the plain way in one transaction: into ``r`` the time of the
    writing (the commit included) and its CPU, and apart the time of decoding the lines."""
    columns = {m.table(e.name): insert_columns(e) for e in codec.ENTITIES.values()}
    decoding = decoding_cpu = 0.0
    conn = db.connection()
    postgres = isinstance(db, pw.PostgresqlDatabase)
    with nogc.paused():
        began, cpu = time.perf_counter(), time.process_time()
        with db.atomic():
            while True:
                started, started_cpu = time.perf_counter(), time.process_time()
                chunk = next(chunks, None)
                data = bulk.copy_text(chunk[1]).encode() if chunk and postgres else b""
                decoding += time.perf_counter() - started
                decoding_cpu += time.process_time() - started_cpu
                if chunk is None:
                    break
                table, rows = chunk
                names = ", ".join(f'"{c}"' for c in columns[table])
                if postgres:
                    conn.cursor().copy_expert(f'COPY "{table}" ({names}) FROM STDIN',
                                              _Reader(data), size=len(data) + 1)
                else:
                    marks = ", ".join("?" * len(columns[table]))
                    conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                                     rows)
        r.anchor = time.perf_counter() - began - decoding  # (the commit included)
        r.anchor_cpu = time.process_time() - cpu - decoding_cpu
        r.decoding = decoding


class _Reader:
    """COPY's data in one read (``io.BytesIO`` would do; this keeps no copy)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def readline(self, size: int = -1) -> bytes:  # (psycopg2 asks for it on text files)
        return self.read()


def _same_rows(hub: pw.Database, anchor: pw.Database) -> None:
    """Each table holds as many rows after the ingest as after the anchor."""
    for e in codec.ENTITIES.values():
        table = m.table(e.name)
        ingested, = hub.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()
        anchored, = anchor.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()
        if ingested != anchored:
            raise SystemExit(f"{table}: {ingested} rows ingested, {anchored} by the anchor")


if __name__ == "__main__":
    raise SystemExit(main())
