"""Chunks made ready apart from the database (city/prepare.py), the worker processes of a
large ingest, and the SQLite database images they send (city/bulk.py)."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import peewee as pw
import pytest
from synchelp import Station, alter_packages, opened_package

from swdesk.city import bulk, prepare, row_states
from swdesk.city import ingest as ingest_module
from swdesk.city import models as cm
from swdesk.city.db import open_city
from swdesk.city.ingest import ingest
from swdesk.sync import codec, export
from swdesk.sync.format import PackageRefused
from tests.stations import here

STATION = "XM-SM-001"
CODES = {k: frozenset(v) for k, v in {"sex": {"M", "F"}}.items()}


def _client_row(n: int, **values: Any) -> dict[str, Any]:
    return {"uid": f"u{n:04d}", "origin": STATION, "version": 1,
            "updated_at": "2026-01-02 03:04:05", "deleted": False, "name": f"名{n}",
            "sex": "F", "_seq": n + 1, **values}


def _lines(rows: list[Any]) -> list[bytes]:
    return [json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows]


def _prepare(rows: list[Any], entity: str = "client") -> prepare.Prepared:
    setting = prepare.Setting(STATION, CODES, 7)
    return prepare.prepare(setting, entity, _lines(rows))


def test_a_clean_chunk_is_plain_with_its_rows_in_uid_order() -> None:
    rows = [_client_row(n) for n in (3, 1, 2)]
    got = _prepare(rows)
    assert got.plain is not None and got.rows == rows
    assert got.plain.uids == ["u0003", "u0001", "u0002"]  # the package's order
    width = len(prepare.insert_columns(codec.ENTITIES["client"]))
    assert [r[0] for r in got.plain.data] == ["u0001", "u0002", "u0003"]
    assert {len(r) for r in got.plain.data} == {width}
    assert got.plain.data[0][-1] == 7  # applied_in: the package's number


@pytest.mark.parametrize("change", [
    lambda rows: rows.append(_client_row(9, sex="Q")),  # a bad code
    lambda rows: rows.append(dict(rows[0])),  # a uid twice
    lambda rows: rows.append(_client_row(9, origin="XM-SM-002")),  # another station's
    lambda rows: rows.append(_client_row(9, _seq=0)),  # a bad change number
    lambda rows: rows.append(_client_row(9, _base={"nope": 1})),  # a base of no field
    lambda rows: rows.append([1, 2]),  # not a row
])
def test_any_doubt_sends_the_chunk_the_row_by_row_way(change: Any) -> None:
    rows = [_client_row(n) for n in range(3)]
    change(rows)
    got = _prepare(rows)
    assert got.plain is None and got.rows == rows


def test_a_row_with_its_base_or_without_its_change_number_is_still_plain() -> None:
    rows = [_client_row(0, _base={"name": "旧名"}), _client_row(1)]
    del rows[1]["_seq"]
    assert _prepare(rows).plain is not None


def test_a_records_links_and_lists_come_with_it() -> None:
    record = {"uid": "r1", "origin": STATION, "version": 1, "deleted": False,
              "date": "2026-01-02", "kind": "individual", "category": "jinglao",
              "field": "elderly", "title": "探访", "worker": "w1", "_seq": 5,
              "_participants": ["c1", "c2"],
              "_partners": [{"partner": "p1", "value": "10.00"}]}
    got = _prepare([record, {**record, "uid": "r2", "_participants": [], "_partners": None}],
                   "service_record")
    assert got.plain is not None
    assert got.plain.links["client"] == {"c1", "c2"}
    assert got.plain.links["partner"] == {"p1"} and got.plain.links["worker"] == {"w1"}
    first = got.plain.data[0]
    assert first[-2:] == ('["c1","c2"]', '[{"partner":"p1","contribution":"","value":"10.00"}]')
    assert got.plain.data[1][-2:] == ("[]", "[]")


@pytest.mark.parametrize("extra", [
    {}, {"_participants": None}, {"_participants": 0}, {"_participants": ["c1", 2]},
    {"_participants": "c1"}, {"_participants": ["\ud800"]}, {"_partners": [{"partner": 1}]},
    {"_partners": [{"partner": "p", "value": "\ud800"}]}, {"_partners": [[]]},
    {"_seq": True}, {"_seq": 2**31}, {"_seq": None}, {"_base": None}, {"_base": []},
])
def test_checking_extra_parts_at_once_agrees_with_checking_each_row(extra: dict) -> None:
    entity = codec.ENTITIES["service_record"]
    rows = [{"uid": "r1", "_seq": 1, "_participants": ["c1"], "_partners": []},
            {"uid": "r2", "_seq": 2, "_participants": [], "_partners": [], **extra}]
    each = not any(map(prepare.extras_check(entity), rows))
    assert prepare.extras_fine(entity, rows) == each
    columns = {k: tuple(r.get(k) for r in rows) for k in ("_seq", "_participants",
                                                           "_partners")}
    # (rows with a _base never get there; False may only ask for a closer look)
    if "_base" not in extra and prepare._extras_fine_by_column(columns, True):
        assert each


def test_plain_chunks_travel_between_processes_as_they_are() -> None:
    plain = prepare.Plain(["a", "b"], {"client": {"c1"}, "worker": set()}, b"\x00data\n",
                          prepare.IMAGE)
    back = pickle.loads(pickle.dumps(plain))
    assert (back.uids, back.links, back.data, back.form) == (
        plain.uids, plain.links, plain.data, plain.form)


def test_chunks_name_the_line_that_is_no_json(tmp_path: Path) -> None:
    opened = opened_package(tmp_path, {"rows.client.jsonl": b"".join(_lines(
        [_client_row(n) for n in range(4)])) + b"\n{oops\n"})
    chunks = opened.chunks("rows.client.jsonl", 2)
    assert [len(next(chunks)), len(next(chunks))] == [2, 2]
    with pytest.raises(PackageRefused, match="6"):  # line 5 is blank
        next(chunks)
    preparer = prepare.Preparer(prepare.Setting(STATION, CODES, 1), postgres=False)
    got = list(preparer.chunks(codec.ENTITIES["client"], "rows.client.jsonl",
                               opened.raw_chunks("rows.client.jsonl", 2)))
    assert [p.plain is not None for p in got] == [True, True, False]
    with pytest.raises(PackageRefused, match="6"):  # line 5 is blank
        got[2].rows()


class _AtOnce:
    """A pool that runs each job as it is given, and remembers the order."""

    def __init__(self) -> None:
        self.given: list[tuple[str, int]] = []  # (file, first line)

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        self.given.append((args[3], args[4]))
        done: Future[Any] = Future()
        done.set_result(fn(*args))
        return done

    def shutdown(self, **_: Any) -> None:
        pass


def _files(sizes: dict[str, int]) -> list[tuple[codec.Entity, str, list[list[bytes]]]]:
    """Files of client rows, in chunks of two lines."""
    out, n = [], 0
    for name, count in sizes.items():
        lines = _lines([_client_row(i) for i in range(n, n + count)])
        out.append((codec.ENTITIES["client"], name, [lines[i:i + 2] for i in range(0, count, 2)]))
        n += count
    return out


def test_the_workers_go_on_to_the_next_file_before_one_is_taken_whole() -> None:
    preparer = prepare.Preparer(prepare.Setting(STATION, CODES, 1), postgres=True)
    pool = preparer._pool = _AtOnce()  # type: ignore[assignment]
    taken: list[tuple[str, int, int]] = []  # (file, first line, jobs given by then)
    for _entity, pieces in preparer.files(_files({"a": 6, "b": 0, "c": 3, "d": 4})):
        for piece in pieces:
            assert piece.plain is not None and piece.plain.form == prepare.COPY
            taken.append((piece.name, piece.first, len(pool.given)))
    assert [t[:2] for t in taken] == pool.given == [
        ("a", 1), ("a", 3), ("a", 5), ("c", 1), ("c", 3), ("d", 1), ("d", 3)]
    # AHEAD chunks beyond the one taken: the next files' among them.
    assert [t[2] for t in taken] == [5, 6, 7, 7, 7, 7, 7]


def test_a_file_s_pieces_are_taken_whole_before_the_next_file_s() -> None:
    preparer = prepare.Preparer(prepare.Setting(STATION, CODES, 1), postgres=False)
    files = preparer.files(_files({"a": 4, "b": 2}))
    next(next(files)[1])  # one of a's two pieces
    with pytest.raises(RuntimeError):
        next(next(files)[1])


@pytest.mark.skipif(not hasattr(os, "nice"), reason="niceness is POSIX's")
def test_the_workers_leave_the_cores_to_the_writing_first() -> None:
    preparer = prepare.Preparer(prepare.Setting(STATION, CODES, 1), postgres=True, processes=1)
    try:
        assert preparer._pool is not None
        niceness = preparer._pool.submit(os.nice, 0).result()
    finally:
        preparer.close()
    assert niceness == min(19, os.nice(0) + prepare.WORKER_NICENESS)


# --- SQLite database images ------------------------------------------------------------------


ROWS = [("u1", "XM-SM-001", 1, False, "陈阿婆", None, 3),
        ("u2", "XM-SM-001", 2**40, True, "制表\t换行\n", "3.50", -1)]
COLUMNS = ("uid", "origin", "version", "deleted", "name", "notes", "applied_in")


def test_an_image_keeps_its_rows_and_their_types() -> None:
    back = bulk.image_rows(bulk.sqlite_image(ROWS))
    assert back == [(*r[:3], int(r[3]), *r[4:]) for r in ROWS]


def _insert_images(hub: Any) -> list[tuple]:
    jobs = bulk.Background(hub.db)
    try:
        with hub.db.atomic():
            jobs.insert_image("c_client", COLUMNS, bulk.sqlite_image(ROWS[:1]))
            jobs.insert_image("c_client", COLUMNS, bulk.sqlite_image(ROWS[1:]))
            jobs.close()
    finally:
        jobs.release()
    return hub.db.execute_sql(f'SELECT {", ".join(COLUMNS)} FROM "c_client" '
                              "ORDER BY uid").fetchall()


def test_images_go_in_within_the_transaction(sqlite_hub: Any) -> None:
    assert _insert_images(sqlite_hub) == [(*r[:3], int(r[3]), *r[4:]) for r in ROWS]
    databases = [r[1] for r in sqlite_hub.db.execute_sql("PRAGMA database_list")]
    assert bulk.STAGE not in databases  # released after the transaction


def test_images_go_in_row_by_row_where_sqlite_keeps_the_stage(
        sqlite_hub: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(conn: sqlite3.Connection, image: bytes) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(bulk, "load_stage", refuse)
    assert _insert_images(sqlite_hub) == [(*r[:3], int(r[3]), *r[4:]) for r in ROWS]


def test_images_go_in_row_by_row_where_sqlite_attaches_nothing(
        sqlite_hub: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "STAGE", "no such name")  # ATTACH fails
    assert _insert_images(sqlite_hub) == [(*r[:3], int(r[3]), *r[4:]) for r in ROWS]


def test_a_failed_image_writes_nothing(sqlite_hub: Any) -> None:
    jobs = bulk.Background(sqlite_hub.db)
    with pytest.raises(pw.IntegrityError), sqlite_hub.db.atomic():
        jobs.insert_image("c_client", COLUMNS, bulk.sqlite_image(ROWS))
        jobs.insert_image("c_client", COLUMNS, bulk.sqlite_image(ROWS[1:]))  # u2 again
    jobs.release()
    assert sqlite_hub.db.execute_sql('SELECT count(*) FROM "c_client"').fetchone()[0] == 0


def test_row_states_can_skip_the_explicit_ones(hub: Any) -> None:
    with hub.db.atomic():
        cm.CityRowState.create(entity="client", uid="u1", station=STATION, version=3, seq=1,
                               outcome="held", reason="", fields="")
        assert row_states.any_explicit(hub.db, "client")
        assert not row_states.any_explicit(hub.db, "need")
        assert set(row_states.read(hub.db, "client", ["u1"])) == {"u1"}
        assert row_states.read(hub.db, "client", ["u1"], explicit=False) == {}


# --- the ingest, with and without worker processes -------------------------------------------


def _awkward(name: str, block: list[bytes]) -> list[bytes]:
    """Rows the program never writes, spread over several chunks of seven lines."""
    if name == "client" and block:
        first = json.loads(block[0])
        bad = {**first, "uid": "bad-sex", "sex": "Q"}
        return [*block, json.dumps(bad).encode(), *block[2:4],  # a line twice, later
                json.dumps({**first, "uid": "big", "notes": 123456789012345678901}).encode(),
                b"", b'{"uid": "\\ud800", "origin": "XM-SM-001", "version": 1}',
                *block[:1] * 8,  # the first line again, eight chunks on
                json.dumps({**bad, "sex": "F"}).encode()]  # the rejected row, mended
    if name == "station" and block:  # a row linking to one that comes after it
        first = json.loads(block[0])
        return [*block, json.dumps({**first, "uid": "child", "code": "C",
                                    "parent": "later"}).encode(),
                json.dumps({**first, "uid": "later", "code": "L"}).encode()]
    if name == "need" and block:
        return [*block, json.dumps({**json.loads(block[0]), "uid": "orphan",
                                    "client": "nobody"}).encode()]
    return block


def _city_tables(hub: Any) -> dict[str, list[tuple]]:
    tables = [cm.table(name) for name in codec.ORDER]
    out = {t: sorted(map(repr, hub.db.execute_sql(f'SELECT * FROM "{t}"').fetchall()))
           for t in tables}
    out["city_row_state"] = sorted(map(repr, hub.db.execute_sql(
        "SELECT entity, uid, station, version, seq, outcome, reason, fields, diverged "
        "FROM city_row_state").fetchall()))
    out["city_quarantine"] = sorted(map(repr, hub.db.execute_sql(
        "SELECT station, entity, uid, version, reason, data FROM city_quarantine")))
    return out


@pytest.fixture
def sqlite_hub(tmp_path: Path) -> Any:
    from synchelp import make_city

    city = make_city(tmp_path / "s", "sqlite")
    yield city
    city.close()


def test_workers_apply_what_this_process_applies(
        tmp_path: Path, sqlite_hub: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    station = Station(tmp_path, STATION, sqlite_hub, clients=40, records=60)
    alter_packages(monkeypatch, _awkward)
    with station.active():
        package = export.export_package(station.handle(), tmp_path / "out").path
    station.close()
    twin = tmp_path / "twin"
    shutil.copytree(sqlite_hub.data_dir, twin)  # the same hub, before the ingest
    monkeypatch.setattr(ingest_module, "APPLY_CHUNK", 7)  # many chunks, some plain
    here = ingest(sqlite_hub, package)
    expected = _city_tables(sqlite_hub)
    stations = {r[0] for r in sqlite_hub.db.execute_sql('SELECT uid FROM "c_station"')}
    sqlite_hub.close()

    monkeypatch.setattr(prepare, "PARALLEL_ROWS", 0)
    city = open_city(twin, None)
    try:
        apart = ingest(city, package, workers=True)
        assert apart.counts == here.counts
        assert _city_tables(city) == expected
    finally:
        city.close()
    counts = here.counts
    assert counts["rejected"] == 3 and counts["duplicate"] == 11 and counts["held"] == 1
    assert counts["applied"] > 100
    assert {"child", "later"} <= stations  # (the child waited for the row after it)


def test_workers_on_every_hub(hub: Any, station_factory: Any, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    s = station_factory(clients=40, records=60)
    with s.active():
        n = s.sdb.db.execute_sql("SELECT count(*) FROM client").fetchone()[0]
    alter_packages(monkeypatch, _awkward)
    with s.active():
        package = export.export_package(here(), tmp_path / "out").path
    monkeypatch.setattr(ingest_module, "APPLY_CHUNK", 7)
    monkeypatch.setattr(prepare, "PARALLEL_ROWS", 0)
    got = ingest(hub, package, workers=True)
    assert (got.counts["rejected"], got.counts["duplicate"], got.counts["held"]) == (3, 11, 1)
    reasons = {q.uid: q.reason for q in cm.CityQuarantine.select()}
    assert reasons == {"bad-sex": "sex: unknown code", "big": "notes: not text",
                       "?": "uid: invalid"}
    clients = {r[0] for r in hub.db.execute_sql('SELECT uid FROM "c_client"')}
    assert len(clients) == n
    assert "bad-sex" not in clients  # mended, but its version was rejected: a duplicate


def test_a_refused_line_is_named_the_same_with_workers(
        hub: Any, station_factory: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    s = station_factory(clients=20)
    alter_packages(monkeypatch, lambda name, block: [*block[:10], b"{oops", *block[10:]]
                    if name == "client" else block)
    with s.active():
        package = export.export_package(here(), tmp_path / "out").path
    monkeypatch.setattr(ingest_module, "APPLY_CHUNK", 4)
    monkeypatch.setattr(prepare, "PARALLEL_ROWS", 0)
    with pytest.raises(PackageRefused, match=r"rows\.client\.jsonl.*11|11.*rows\.client\.jsonl"):
        ingest(hub, package, workers=True)
    assert hub.db.execute_sql('SELECT count(*) FROM "c_client"').fetchone()[0] == 0


@pytest.mark.parametrize("workers", [False, True])
def test_a_uid_another_station_holds_is_quarantined_and_the_rest_applies(
        hub: Any, station_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        workers: bool) -> None:
    first = station_factory(STATION, clients=3)
    with first.active():
        ingest(hub, export.export_package(here(), tmp_path / "out1").path)
    taken, name = hub.db.execute_sql('SELECT uid, name FROM "c_client" ORDER BY uid').fetchone()
    second = station_factory("XM-SM-002", clients=3)

    def clash(entity: str, block: list[bytes]) -> list[bytes]:
        if entity != "client" or not block:
            return block
        return [*block, json.dumps({**json.loads(block[0]), "uid": taken}).encode()]

    alter_packages(monkeypatch, clash)
    with second.active():
        package = export.export_package(here(), tmp_path / "out2").path
    monkeypatch.setattr(prepare, "PARALLEL_ROWS", 0)
    got = ingest(hub, package, workers=workers)
    assert got.counts["rejected"] == 1 and got.counts["applied"] > 3
    q = cm.CityQuarantine.get(cm.CityQuarantine.uid == taken)
    assert (q.station, q.reason) == ("XM-SM-002", "uid: the row belongs to another station")
    assert hub.db.execute_sql(f'SELECT origin, name FROM "c_client" WHERE uid = {hub.db.param}',
                              (taken,)).fetchone() == (STATION, name)
    origins = [r[0] for r in hub.db.execute_sql('SELECT origin FROM "c_client"')]
    assert sorted(origins) == [STATION] * 3 + ["XM-SM-002"] * 3
