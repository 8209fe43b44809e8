"""The three methods' files (data schema 2) travel: a case with goals, a group with
members and sessions, an activity with its record and questionnaire responses reach the
hub with every link (SQLite and PostgreSQL), and the city's corrections come back."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from social_files import links_of, make_files

from swdesk.city import models as cm
from swdesk.city.city_rows import data_of, read_city_rows
from swdesk.city.corrections import correct
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.errors import ValidationError
from swdesk.model import GroupMember, QuestionnaireResponse, WorkGroup
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, codec, export, state
from tests.stations import here


def _send(s, hub, out: Path):
    with s.active():
        pkg = export.export_package(here(), out)
    return ingest(hub, pkg.path)


def _return(s, hub, out: Path):
    ret = write_return(hub, s.code, out)
    with s.active():
        return apply.import_return(ret.path)


def _city_link(hub, table: str, field: str, uid: str) -> str | None:
    column = cm.column_name(codec.ENTITIES[table].column(field))
    return hub.db.execute_sql(f'SELECT "{column}" FROM "{cm.table(table)}" '
                              f'WHERE uid = {hub.db.param}', (uid,)).fetchone()[0]


def test_every_row_and_link_arrives_and_corrections_come_back(hub, station_factory,
                                                               tmp_path: Path) -> None:
    a, b = station_factory("XM-SM-001"), station_factory("XM-HL-002")
    with a.active():
        made_a = make_files()
        links_a = links_of(made_a)
        station_rows = {t: _station_rows(t, uids) for t, uids in made_a.items()}
    with b.active():
        made_b = make_files("乙")
    got = _send(a, hub, tmp_path / "a1")
    assert got.status == "applied" and set(got.counts) == {"applied"}
    assert _send(b, hub, tmp_path / "b1").status == "applied"
    # Every row arrived with its values: the hub's row in package form is the station's.
    for table, rows in station_rows.items():
        held = _city_rows(hub, table, list(rows))
        assert held == rows, table
    for key, linked in links_a.items():
        table, field, uid = key.split(".")
        assert _city_link(hub, table, field, uid) == linked, key
    assert all(v is not None for k, v in links_a.items() if k.startswith("group_member"))
    # A session's attendance travels inside its record.
    record = made_a["service_record"][0]
    parts = hub.db.execute_sql('SELECT participants FROM "c_service_record" WHERE uid = '
                               f'{hub.db.param}', (record,)).fetchone()[0]
    assert sorted(json.loads(parts)) == sorted(made_a["client"][1:])
    # The city corrects a group of each station; each return brings its own back.
    correct(hub, "work_group", made_a["work_group"][0], {"summary": "市级平台补充的总结"})
    correct(hub, "group_member", made_b["group_member"][0], {"note": "市级核对"})
    imported_a = _return(a, hub, tmp_path / "ra1")
    imported_b = _return(b, hub, tmp_path / "rb1")
    assert imported_a.status == imported_b.status == "applied"
    with a.active():
        assert WorkGroup.get(WorkGroup.uid == made_a["work_group"][0]).summary == (
            "市级平台补充的总结")
        assert not GroupMember.select().where(GroupMember.note == "市级核对").exists()
    with b.active():
        assert GroupMember.get(GroupMember.uid == made_b["group_member"][0]).note == "市级核对"
        assert WorkGroup.get(WorkGroup.uid == made_b["work_group"][0]).summary is None
    # The stations confirm what they took: everything acknowledged, nothing diverged.
    for s, tag in ((a, "a"), (b, "b")):
        _send(s, hub, tmp_path / f"{tag}2")
        _return(s, hub, tmp_path / f"r{tag}2")
        with s.active():
            assert state.status().all_acknowledged
    assert not cm.CityRowState.select().where(cm.CityRowState.diverged.is_null(False)).exists()


def test_a_group_edited_at_the_station_and_corrected_at_the_city_merges(
        hub, station_factory, tmp_path: Path) -> None:
    s = station_factory()
    with s.active():
        made = make_files()
    group = made["work_group"][0]
    _send(s, hub, tmp_path / "p1")
    _return(s, hub, tmp_path / "r1")
    correct(hub, "work_group", group, {"plan": "第1节相识；第2节健康讲座"})  # the city
    with s.active():
        crud.update(WorkGroup, group, {"status": "ended", "ended_on": dt.date(2024, 4, 15),
                                       "summary": "六节如期完成"}, SYSTEM)
    got = _send(s, hub, tmp_path / "p2")
    assert got.counts.get("conflict", 0) == 0 and got.counts.get("merged") == 1
    row = _city_rows(hub, "work_group", [group])[group]
    assert (row["plan"], row["status"], row["summary"]) == (
        "第1节相识；第2节健康讲座", "ended", "六节如期完成")
    _return(s, hub, tmp_path / "r2")
    with s.active():
        mine = WorkGroup.get(WorkGroup.uid == group)
        assert (mine.plan, mine.status, mine.summary) == (
            "第1节相识；第2节健康讲座", "ended", "六节如期完成")
        assert not state.open_conflicts().exists()
    # The same field changed on both sides: a conflict kept for a person, as for a client.
    correct(hub, "work_group", group, {"summary": "市级：六节，平均出席8人"})
    with s.active():
        crud.update(WorkGroup, group, {"summary": "站点：六节完成"}, SYSTEM)
    got = _send(s, hub, tmp_path / "p3")
    assert got.counts["conflict"] == 1
    assert _city_rows(hub, "work_group", [group])[group]["summary"] == "市级：六节，平均出席8人"


def test_questionnaire_responses_are_a_log_the_city_does_not_correct(
        hub, station_factory, tmp_path: Path) -> None:
    s = station_factory()
    with s.active():
        made = make_files()
    _send(s, hub, tmp_path / "p1")
    assert codec.ENTITIES["questionnaire_response"].append_only
    assert not codec.ENTITIES["group_member"].append_only  # a roster: who left is edited
    uid = made["questionnaire_response"][0]
    with pytest.raises(ValidationError, match="不能在市级更正这类记录"):
        correct(hub, "questionnaire_response", uid, {"note": "改"})
    # A response the station edits again (a note added) is the station's latest version.
    with s.active():
        crud.update(QuestionnaireResponse, uid, {"note": "组员补充说明"}, SYSTEM)
    got = _send(s, hub, tmp_path / "p2")
    assert got.counts["applied"] == 1  # (the rest again: not acknowledged yet)
    assert _city_rows(hub, "questionnaire_response", [uid])[uid]["note"] == "组员补充说明"


def _station_rows(table: str, uids: list[str]) -> dict[str, dict]:
    """The station's rows in package form (whole rows, links as uids), without metadata."""
    entity = codec.ENTITIES[table]
    out: dict[str, dict] = {}
    for row in entity.model.select().where(entity.model.uid.in_(uids)):
        values = {}
        for c in entity.columns:
            if c.kind == "link":
                linked = getattr(row, c.name)
                values[c.name] = linked.uid if linked else None
            else:
                values[c.name] = codec.encode(c.kind, getattr(row, c.name))
        values["deleted"] = bool(row.deleted)
        out[row.uid] = values
    return out


def _city_rows(hub, table: str, uids: list[str]) -> dict[str, dict]:
    entity = codec.ENTITIES[table]
    return {u: data_of(entity, r) for u, r in read_city_rows(hub.db, entity, uids).items()}
