"""Data schema 2 (the three methods' files) between programs of both versions: a hub or a
station too old for a package refuses it and says who must upgrade; a new hub takes a
station's schema-1 package as that station's program wrote it (docs/package-format.md,
section 4)."""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

import pytest
from synchelp import dump
from vectorhub import VECTORS, vector_keys

from swdesk import i18n
from swdesk.city import models as m
from swdesk.city.city_rows import read_city_rows
from swdesk.city.corrections import correct
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.sync import apply, codec, export, format, schemas
from swdesk.sync.format import PackageRefused
from tests.stations import here

sys.path.insert(0, str(VECTORS))

import refusals  # (tests/sync/vectors/refusals.py)

EXAMPLE = json.loads((VECTORS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def old_program(monkeypatch: pytest.MonkeyPatch) -> None:
    """This program as the version before data schema 2 was: it knows schema 1 only."""
    monkeypatch.setattr(format, "PAYLOAD_SCHEMA", 1)


def test_a_hub_not_upgraded_refuses_a_new_station_package_and_says_so(
        vector_city: City, old_program: None) -> None:
    before = dump(vector_city.db)
    with pytest.raises(PackageRefused) as refused:
        ingest(vector_city, VECTORS / EXAMPLE["file"])
    message = "包的数据版本（3）比本程序新（支持到 1），请先升级市级平台的 swdesk"
    assert message in str(refused.value)
    i18n.set_language("en")
    try:
        with pytest.raises(PackageRefused, match="please upgrade the city hub's swdesk"):
            ingest(vector_city, VECTORS / EXAMPLE["file"])
    finally:
        i18n.set_language("zh")
    assert dump(vector_city.db) == before


def test_a_station_not_upgraded_refuses_a_new_hub_return_and_says_so(
        hub: City, station_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = station_factory(clients=2)
    with s.active():
        ingest(hub, export.export_package(here(), tmp_path / "out").path)
    ret = write_return(hub, s.code, tmp_path / "ret")
    monkeypatch.setattr(format, "PAYLOAD_SCHEMA", 1)
    with s.active():
        before = dump(s.sdb.db)
        with pytest.raises(PackageRefused, match="请先升级本站的 swdesk"):
            apply.import_return(ret.path)
        assert dump(s.sdb.db) == before
    monkeypatch.undo()  # upgraded: the same return package is taken
    with s.active():
        assert apply.import_return(ret.path).status == "applied"


def _schema_1_package(tmp_path: Path, files: dict[str, list[dict]], number: int,
                      seq: tuple[int, int]) -> Path:
    mk = refusals.Maker.from_keys(vector_keys())
    plain = mk.inner({name: b"".join(map(refusals.line, rows)) for name, rows in files.items()})
    data = mk.package(mk.manifest(schema=1, number=number, seq_from=seq[0], seq_to=seq[1],
                                  counts={n.split(".")[1]: len(r) for n, r in files.items()}),
                      plain=plain)
    path = tmp_path / format.file_name("station", "XM-SM-001", number)
    path.write_bytes(data)
    return path


def test_a_schema_1_row_keeps_what_the_city_holds_of_schema_2(vector_city: City,
                                                             tmp_path: Path) -> None:
    """The worked example (schema 2) is in and the city adds a follow-up note to its case;
    the station goes back to the program of schema 1 (a backup restored with it) and edits
    the case: the hub takes the edit and keeps the case's project, follow-up date and the
    city's note, which that program cannot send."""
    assert ingest(vector_city, VECTORS / EXAMPLE["file"]).status == "applied"
    rows = EXAMPLE["rows"]
    case = dict(rows["rows.case.jsonl"][0])
    correct(vector_city, "case", case["uid"], {"follow_up_note": "市级：请按期回访"})
    gone = schemas.absent("case", 1)
    assert {"project", "follow_up_on", "follow_up_note"} <= gone
    old_case = {k: v for k, v in case.items() if k not in gone}
    old_case.update(version=2, problem="独居，行动不便，近期跌倒一次", _seq=30)
    record = {k: v for k, v in rows["rows.service_record.jsonl"][0].items()
              if k not in schemas.absent("service_record", 1) - {"work_group"}}
    session = {k: v for k, v in record.items() if k != "work_group"}
    session.update(version=2, title="第1节：相识与期望", _seq=29)  # a log, edited
    record.update(uid="5f0c1a2e-0000-4000-8000-000000000031", _seq=31)  # names a group
    path = _schema_1_package(tmp_path, {"rows.case.jsonl": [old_case],
                                        "rows.service_record.jsonl": [session, record]},
                             8, (26, 31))
    result = ingest(vector_city, path)
    assert result.status == "applied"
    # Merged: the station holds none of what it cannot send, so the city's values go
    # back to it as a correction, which it takes once upgraded.
    assert {k: n for k, n in result.counts.items() if n} == {
        "merged": 1, "applied": 1, "rejected": 1}
    entity = codec.ENTITIES["case"]
    held = read_city_rows(vector_city.db, entity, [case["uid"]])[case["uid"]]
    assert held["problem"] == "独居，行动不便，近期跌倒一次" and held["version"] == 2
    assert (held["project"], held["follow_up_on"], held["follow_up_note"]) == (
        case["project"], case["follow_up_on"], "市级：请按期回访")
    state = m.CityRowState.get(m.CityRowState.uid == case["uid"])
    assert json.loads(state.diverged)["project"] is None and state.outcome == "merged"
    returned = write_return(vector_city, "XM-SM-001", tmp_path / "ret")
    assert returned.corrections == 1  # (the case; a log is never corrected)
    kept = read_city_rows(vector_city.db, codec.ENTITIES["service_record"], [session["uid"]])
    assert (kept[session["uid"]]["title"], kept[session["uid"]]["work_group"],
            kept[session["uid"]]["session_no"]) == ("第1节：相识与期望", record["work_group"], 1)
    # A field schema 1 has not is no member of a schema-1 row: rejected, the reason said.
    reason = vector_city.db.execute_sql(
        'SELECT reason FROM "city_quarantine" WHERE uid = ' + vector_city.db.param,
        (record["uid"],)).fetchone()[0]
    assert reason == "work_group: unknown member"
    assert not read_city_rows(vector_city.db, codec.ENTITIES["service_record"], [record["uid"]])


@pytest.mark.parametrize(("schema", "migration"), [
    (2, "0007_social_work_files"), (3, "0008_attachments_and_work_list")])
def test_what_a_schema_added_is_what_the_station_migration_added(
        schema: int, migration: str) -> None:
    """``schemas`` lists what an older package lacks: the synced tables and columns that
    the schema's migration made (one list kept by hand, checked here)."""
    # (the migration's module name starts with a digit)
    sql = importlib.import_module(f"swdesk.migrations.{migration}").STATEMENTS
    new_entities, new_fields = schemas.ADDED[schema]
    tables = {t for s in sql for t in re.findall(r'^CREATE TABLE "(\w+)"', s)}
    assert tables & set(codec.ENTITIES) == new_entities
    columns: dict[str, set[str]] = {}
    for s in sql:
        for table, column in re.findall(r'^ALTER TABLE "(\w+)" ADD COLUMN "(\w+)"', s):
            if table in codec.ENTITIES:
                columns.setdefault(table, set()).add(column)
    assert {t: {codec.ENTITIES[t].model._meta.fields[f].column_name for f in fs}
            for t, fs in new_fields.items()} == columns
    assert set(schemas.entities(schema)) - set(schemas.entities(schema - 1)) == new_entities
