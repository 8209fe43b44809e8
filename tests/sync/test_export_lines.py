"""The package lines SQLite builds equal the rows read the plain way, and the two-reader
export writes the same package content as the one-connection export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from swdesk.city.ingest import _sender, ingest
from swdesk.city.returns import write_return
from swdesk.model import Client, ServiceRecord, database
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, codec, export, lines, rows
from swdesk.sync.format import open_package
from tests.stations import here

PLAN = export.ExportPlan.station_program()


def _normal(row: dict[str, Any]) -> dict[str, Any]:
    """Participants and partner shares are sets in the format: compare them sorted."""
    row = dict(row)
    row.pop("_id", None)
    if codec.PARTICIPANTS in row:
        row[codec.PARTICIPANTS] = sorted(row[codec.PARTICIPANTS])
        row[codec.PARTNERS] = sorted(row[codec.PARTNERS], key=lambda p: p["partner"])
    return row


def _latest_seqs(name: str) -> dict[str, int]:
    return dict(database.execute_sql(
        "SELECT row_uid, max(seq) FROM change_log WHERE entity = ? GROUP BY row_uid", (name,)))


def _sql_lines(acked: int = 0) -> dict[str, list[dict[str, Any]]]:
    con = database.connection()
    with lines.temp_in_memory(con), database.atomic():
        pending = lines.prepare(con, acked)
        try:
            return {name: [orjson.loads(line) for block in lines.blocks(
                con, codec.ENTITIES[name], count) for line in block]
                for name, count in pending.items()}
        finally:
            lines.finish(con)


def test_sql_lines_equal_the_rows_read_in_python(station_factory) -> None:
    s = station_factory(clients=60, records=400, seed=3)
    with s.active():
        # A tombstone and money with cents among the demo rows.
        uid = database.execute_sql("SELECT uid FROM client LIMIT 1").fetchone()[0]
        crud.delete(Client, uid, SYSTEM)
        database.execute_sql("UPDATE service_partner SET value = 12.5 WHERE id = 1")
        built = _sql_lines()
        assert set(built) == {n for n in codec.ORDER if database.execute_sql(
            f'SELECT count(*) FROM "{n}"').fetchone()[0]}
        for name, got in built.items():
            entity = codec.ENTITIES[name]
            seqs = _latest_seqs(name)
            expected = {r["uid"]: _normal({**r, codec.SEQ: seqs[r["uid"]]})
                        for r in rows.read_rows(database.obj, entity, None)}
            assert {r["uid"]: _normal(r) for r in got} == expected, name
            assert [r["uid"] for r in got] == list(expected)  # id order, as stored
        records = {r["uid"]: r for r in built["service_record"]}
        assert any(r[codec.PARTNERS] for r in records.values())
        assert any(len(r[codec.PARTICIPANTS]) > 1 for r in records.values())
        assert {r["care_visit"] for r in records.values()} == {True, False}
        shares = [p for r in records.values() for p in r[codec.PARTNERS]]
        assert "12.50" in {p["value"] for p in shares}
        assert any(r["deleted"] for r in built["client"] if r["uid"] == uid)


def _synced(hub, s, out: Path) -> None:
    """One round trip: the station's package ingested, the return imported."""
    with s.active():
        pkg = export.export_package(here(), out)
    ingest(hub, pkg.path)
    ret = write_return(hub, s.code, out)
    with s.active():
        apply.import_return(ret.path)


def test_a_few_changes_are_read_by_uid_with_their_base(hub, station_factory,
                                                        tmp_path: Path) -> None:
    s = station_factory(clients=30, records=60, seed=4)
    _synced(hub, s, tmp_path / "out")
    with s.active():
        acked = int(database.execute_sql(
            "SELECT max(seq) FROM change_log").fetchone()[0])
        client = database.execute_sql("SELECT uid, name, phone FROM client LIMIT 1").fetchone()
        crud.update(Client, client[0], {"name": "王改名"}, SYSTEM)
        record = database.execute_sql("SELECT uid FROM service_record LIMIT 1").fetchone()[0]
        crud.update(ServiceRecord, record, {"title": "改过的标题"}, SYSTEM)
        built = _sql_lines(acked)
    assert set(built) == {"client", "service_record"}
    (line,) = built["client"]
    assert line["name"] == "王改名" and line[codec.BASE] == {"name": client[1]}
    (rec,) = built["service_record"]
    assert rec["title"] == "改过的标题" and codec.BASE not in rec and rec[codec.PARTICIPANTS]


def _content(hub, path: Path) -> dict[str, list[bytes]]:
    """Each file's lines, in their order (rows in id order, whichever way read)."""
    with open_package(path, hub.staging, _sender(hub), hub.keys) as opened:
        return {name: [line.rstrip(b"\n") for raws in opened.raw_chunks(name)
                       for line in raws] for name in opened.names}


@pytest.mark.parametrize("parallel_from", [1, 10**12])
def test_two_readers_write_what_one_reader_writes(hub, station_factory, tmp_path: Path,
                                                   monkeypatch, parallel_from: int) -> None:
    s = station_factory(clients=50, records=300, seed=5)
    with s.active():
        monkeypatch.setattr(export, "PARALLEL_FROM", 10**12)
        one = export.export_package(here(), tmp_path / "one")
        # Nothing acknowledged yet: the same rows again, in package number 2.
        monkeypatch.setattr(export, "PARALLEL_FROM", parallel_from)
        other = export.export_package(here(), tmp_path / "other", plan=PLAN)
        staging = Path(database.obj.database).parent / "staging"
        assert not list(staging.iterdir())  # spool files and the inner ZIP are gone
    assert one.counts == other.counts and one.counts["service_record"] == 300
    assert _content(hub, one.path) == _content(hub, other.path)
    assert ingest(hub, other.path).status == "applied"


def test_a_failed_write_leaves_no_plain_rows_behind(station_factory, tmp_path: Path,
                                                    monkeypatch) -> None:
    import multiprocessing

    from swdesk.errors import SwdeskError
    from swdesk.sync import package_write

    s = station_factory(clients=20, records=100, seed=6)
    real = package_write.write_package

    def full_disk(path, manifest, entries, *args, **kwargs):  # type: ignore[no-untyped-def]
        def failing():  # type: ignore[no-untyped-def]
            for n, (name, chunks) in enumerate(entries):
                yield name, chunks
                if n == 1:
                    raise OSError(28, "No space left on device")
        return real(path, manifest, failing(), *args, **kwargs)

    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    monkeypatch.setattr(package_write, "write_package", full_disk)
    with s.active():
        with pytest.raises(SwdeskError, match="磁盘空间不足"):
            export.export_package(here(), tmp_path / "out", plan=PLAN)
        staging = Path(database.obj.database).parent / "staging"
        assert not list(staging.iterdir())
        assert not list((tmp_path / "out").iterdir())
        assert not multiprocessing.active_children()
        # The temporary tables are gone and the connection is usable as before.
        assert not database.execute_sql(
            "SELECT name FROM sqlite_temp_master WHERE type = 'table'").fetchall()
        assert database.execute_sql("PRAGMA temp_store").fetchone()[0] == 0


@pytest.mark.parametrize("parallel_from", [1, 10**12])
def test_progress_reaches_every_row_and_a_cancel_writes_nothing(
        station_factory, tmp_path: Path, monkeypatch, parallel_from: int) -> None:
    from swdesk.errors import SwdeskError
    from swdesk.model.sync import SyncPackage

    monkeypatch.setattr(lines, "BATCH", 50)  # several progress steps on little data
    monkeypatch.setattr(export, "PARALLEL_FROM", parallel_from)
    s = station_factory(clients=20, records=200, seed=7)
    with s.active():
        def cancel(read: int, total: int) -> None:
            raise SwdeskError("已取消")

        with pytest.raises(SwdeskError, match="已取消"):
            export.export_package(here(), tmp_path / "out", progress=cancel, plan=PLAN)
        assert not list((tmp_path / "out").iterdir())
        assert not SyncPackage.select().exists()
        assert not list((Path(database.obj.database).parent / "staging").iterdir())

        seen: list[tuple[int, int]] = []
        done = export.export_package(here(), tmp_path / "out",
                                     progress=lambda r, t: seen.append((r, t)), plan=PLAN)
    assert len(seen) > 3 and seen[-1] == (done.rows, done.rows)
    assert [r for r, _t in seen] == sorted(r for r, _t in seen)
    assert done.number == 2  # the cancelled export's number is never used again


def test_an_export_inside_a_callers_transaction_still_works(station_factory,
                                                            tmp_path: Path) -> None:
    s = station_factory(clients=10, records=30, seed=8)
    with s.active(), database.atomic():
        done = export.export_package(here(), tmp_path / "out")
    assert done.rows > 40 and done.path.exists()


def test_records_read_whole_after_an_acknowledgement_carry_their_newest_change(
        hub, station_factory, tmp_path: Path, monkeypatch) -> None:
    from swdesk import settings

    s = station_factory(clients=20, records=100, seed=8)
    with s.active():
        (last,) = database.execute_sql("SELECT max(seq) FROM change_log").fetchone()
        settings.ACKED_SEQ.set(last)  # everything so far acknowledged
        uids = [u for (u,) in database.execute_sql(
            "SELECT uid FROM service_record ORDER BY id LIMIT 60")]
        for n in (1, 2):  # edited twice: two changes each, the second one counts
            for uid in uids:
                crud.update(ServiceRecord, uid, {"title": f"第{n}次修改"}, SYSTEM)
        monkeypatch.setattr(export, "PARALLEL_FROM", 10**12)
        one = export.export_package(here(), tmp_path / "one")
        monkeypatch.setattr(export, "PARALLEL_FROM", 1)
        assert lines.scans(database.connection(), "service_record", 120)
        other = export.export_package(here(), tmp_path / "other", plan=PLAN)
    assert one.counts == other.counts == {"service_record": 60}
    assert _content(hub, one.path) == _content(hub, other.path)
    got = [orjson.loads(x) for x in _content(hub, other.path)["rows.service_record.jsonl"]]
    assert {r["title"] for r in got} == {"第2次修改"}
    assert {r["uid"] for r in got} == set(uids)
    with s.active():
        newest = _latest_seqs("service_record")
    assert all(r[codec.SEQ] == newest[r["uid"]] for r in got)


def test_the_change_numbers_by_row_id_stop_at_the_packages_snapshot(station_factory) -> None:
    import sqlite3

    from swdesk.db.location import readonly_uri

    s = station_factory(clients=10, records=40, seed=9)
    with s.active():
        uids = [u for (u,) in database.execute_sql(
            "SELECT uid FROM service_record ORDER BY id LIMIT 5")]
        for uid in uids:
            crud.update(ServiceRecord, uid, {"title": "第一次修改"}, SYSTEM)
        (snapshot,) = database.execute_sql("SELECT max(seq) FROM change_log").fetchone()
        for uid in uids[:3]:  # changed after the package's snapshot: not counted
            crud.update(ServiceRecord, uid, {"title": "第二次修改"}, SYSTEM)
        expected = dict(database.execute_sql(
            "SELECT t.id, max(c.seq) FROM service_record t JOIN change_log c "
            "ON c.entity = 'service_record' AND c.row_uid = t.uid WHERE c.seq <= ? "
            "GROUP BY t.id", (snapshot,)))
        path = Path(database.obj.database)
    con = sqlite3.connect(readonly_uri(path), uri=True, isolation_level=None)
    try:
        image = lines.seq_image(con, "service_record", 0, snapshot)
        assert not con.execute(  # and it leaves nothing attached behind
            "SELECT 1 FROM pragma_database_list WHERE name = ?", (lines.SEQS,)).fetchall()
    finally:
        con.close()
    other = sqlite3.connect(":memory:")
    other.deserialize(image)
    got = dict(other.execute("SELECT id, seq FROM service_record ORDER BY id"))
    assert got == expected and len(got) == 40
    assert max(got.values()) == snapshot


def test_where_the_change_numbers_cannot_be_loaded_the_records_look_theirs_up(
        hub, station_factory, tmp_path: Path, monkeypatch) -> None:
    s = station_factory(clients=30, records=200, seed=10)
    with s.active():
        monkeypatch.setattr(export, "PARALLEL_FROM", 10**12)
        one = export.export_package(here(), tmp_path / "one")
        monkeypatch.setattr(export, "PARALLEL_FROM", 1)
        asked: list[bool] = []

        def refused(con: object, image: bytes) -> bool:
            asked.append(True)
            return False

        monkeypatch.setattr(lines, "load_seqs", refused)
        other = export.export_package(here(), tmp_path / "other", plan=PLAN)
    assert asked and one.counts == other.counts
    assert _content(hub, one.path) == _content(hub, other.path)


def test_a_reader_process_that_dies_stops_the_export_and_writes_nothing(
        station_factory, tmp_path: Path, monkeypatch) -> None:
    import multiprocessing

    from swdesk.errors import SwdeskError
    from swdesk.model.sync import SyncPackage
    from swdesk.sync import spool

    s = station_factory(clients=20, records=100, seed=11)
    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    start = spool.SecondReader.start

    def start_and_kill(reader: spool.SecondReader) -> None:
        start(reader)
        reader._process.kill()  # as if the system ended it

    monkeypatch.setattr(spool.SecondReader, "start", start_and_kill)
    with s.active():
        with pytest.raises(SwdeskError, match="意外结束"):
            export.export_package(here(), tmp_path / "out", plan=PLAN)
        assert not list((tmp_path / "out").iterdir())
        assert not SyncPackage.select().exists()
        assert not list((Path(database.obj.database).parent / "staging").iterdir())
    assert not multiprocessing.active_children()


def test_a_reader_process_error_reaches_the_station(tmp_path: Path) -> None:
    import sqlite3

    from swdesk.sync.spool import SecondReader

    reader = SecondReader(tmp_path / "missing.db", 0, ["client"], tmp_path, 1024)
    reader.start()
    try:
        with pytest.raises(sqlite3.OperationalError):
            list(reader.results())
    finally:
        reader.close()
    assert not list(tmp_path.iterdir())  # its spool folder is gone


def test_after_a_round_trip_two_processes_write_the_same_changes_with_their_base(
        hub, station_factory, tmp_path: Path, monkeypatch) -> None:
    s = station_factory(clients=40, records=150, seed=12)
    _synced(hub, s, tmp_path / "out")
    with s.active():
        clients = [u for (u,) in database.execute_sql("SELECT uid FROM client ORDER BY id")]
        for n, uid in enumerate(clients[:7]):
            crud.update(Client, uid, {"name": f"改名{n}"}, SYSTEM)
        records = [u for (u,) in database.execute_sql(
            "SELECT uid FROM service_record ORDER BY id")]
        for uid in records[::2]:  # most records: read whole, by id
            crud.update(ServiceRecord, uid, {"title": "改过的标题"}, SYSTEM)
        monkeypatch.setattr(export, "PARALLEL_FROM", 10**12)
        one = export.export_package(here(), tmp_path / "one")
        monkeypatch.setattr(export, "PARALLEL_FROM", 1)
        other = export.export_package(here(), tmp_path / "other", plan=PLAN)
    assert one.counts == other.counts == {"client": 7, "service_record": 75}
    content = _content(hub, other.path)
    assert content == _content(hub, one.path)
    changed = [orjson.loads(x) for x in content["rows.client.jsonl"]]
    assert all(codec.BASE in r and set(r[codec.BASE]) == {"name"} for r in changed)


def test_where_no_second_process_can_start_one_connection_writes_the_package(
        hub, station_factory, tmp_path: Path, monkeypatch) -> None:
    from swdesk.sync import spool

    def refused(reader: spool.SecondReader) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    s = station_factory(clients=20, records=100, seed=13)
    monkeypatch.setattr(spool.SecondReader, "start", refused)
    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    with s.active():
        done = export.export_package(here(), tmp_path / "out", plan=PLAN)
        assert not list((Path(database.obj.database).parent / "staging").iterdir())
    assert done.counts["service_record"] == 100
    assert ingest(hub, done.path).status == "applied"


@pytest.mark.parametrize("workers", [False, True])
def test_text_that_is_not_utf8_in_the_station_file_does_not_stop_its_sync(
        hub, station_factory, tmp_path: Path, monkeypatch, caplog, workers: bool) -> None:
    """A file changed outside swdesk (or damaged) can hold text whose bytes are not
    UTF-8: the hub could not read such a line and would refuse every package."""
    from swdesk.sync import state

    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    s = station_factory(clients=15, records=30, seed=14)
    with s.active():
        uid = database.execute_sql("SELECT uid FROM client ORDER BY id LIMIT 1").fetchone()[0]
        database.execute_sql("UPDATE client SET address = CAST(x'e4b8ad' || x'ff' || x'41' "
                             "AS TEXT) WHERE uid = ?", (uid,))
        done = export.export_package(here(), tmp_path / "out",
                                     plan=export.ExportPlan(second_process=workers))
    assert f"client {uid}: text that is not UTF-8" in caplog.text  # (from either process)
    assert ingest(hub, done.path).status == "applied"
    (address,) = hub.db.execute_sql(
        "SELECT address FROM c_client WHERE uid = ?", (uid,)).fetchone()
    assert address == "中\ufffdA"
    ret = write_return(hub, s.code, tmp_path / "back")
    with s.active():
        imported = apply.import_return(ret.path)
        assert imported.status == "applied" and state.status().all_acknowledged
    assert "read with U+FFFD" in caplog.text


def test_a_block_with_a_line_that_is_not_utf8_is_mended_alone(caplog) -> None:
    entity = codec.ENTITIES["client"]
    good = orjson.dumps({"uid": "a", "name": "王芳"})
    bad = b'{"uid":"b","name":"\xe7\x8e\x8b\xff"}'
    assert lines.joined(entity, [good, good]) == good + b"\n" + good + b"\n"
    mended = lines.joined(entity, [good, bad, good])
    assert mended.decode("utf-8").splitlines()[1] == '{"uid":"b","name":"王\ufffd"}'
    assert mended.split(b"\n")[0] == mended.split(b"\n")[2] == good
    assert "client b: text that is not UTF-8" in caplog.text


def test_a_changed_row_with_a_base_and_text_that_is_not_utf8_is_sent(
        hub, station_factory, tmp_path: Path) -> None:
    s = station_factory(clients=10, records=10, seed=15)
    out = tmp_path / "out"
    _synced(hub, s, out)
    with s.active():
        uid = database.execute_sql("SELECT uid FROM client ORDER BY id LIMIT 1").fetchone()[0]
        crud.update(Client, uid, {"name": "王改名"}, SYSTEM)
        database.execute_sql("UPDATE client SET address = CAST(x'41ff' AS TEXT) WHERE uid = ?",
                             (uid,))
        second = export.export_package(here(), out)
    (line,) = _content(hub, second.path)["rows.client.jsonl"]
    row = orjson.loads(line)
    assert row["address"] == "A\ufffd" and row[codec.BASE]["name"] != "王改名"
    assert ingest(hub, second.path).status == "applied"


def test_a_reader_left_midway_is_closed_before_staging_goes(hub, station_factory,
                                                            tmp_path: Path) -> None:
    """A refused row stops the hub's reader midway; Windows cannot remove the staging
    folder while its decrypted payload is still open (the rows would stay on disk)."""
    from winsim import held_paths

    s = station_factory(clients=30, records=10, seed=7)
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    staging = str(hub.staging.resolve())
    with pytest.raises(ValueError), open_package(pkg.path, hub.staging, _sender(hub),
                                                 hub.keys) as opened:
        reader = opened.raw_chunks("rows.client.jsonl", size=5)
        next(reader)
        raise ValueError("a row refused")
    assert not [p for p in held_paths() if p.startswith(staging)]
    assert not any(hub.staging.iterdir())
    del reader
