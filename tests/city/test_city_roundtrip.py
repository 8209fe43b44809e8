"""Stations → city → return packages → stations: counts, acknowledgements, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from synchelp import dump, table_counts

from swdesk.city import models as cm
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import database
from swdesk.sync import apply, codec, export, state
from swdesk.sync.format import PackageRefused
from tests.stations import here


def _sync(stations, hub, tmp_path: Path) -> None:
    out = tmp_path / "sticks"
    for s in stations:
        with s.active():
            pkg = export.export_package(here(), out)
        ingest(hub, pkg.path)
    for s in stations:
        ret = write_return(hub, s.code, out)
        with s.active():
            apply.import_return(ret.path)


def test_round_trip_two_stations(hub, station_factory, tmp_path: Path) -> None:
    a = station_factory("XM-SM-001", clients=40, records=120, seed=1)
    b = station_factory("XM-HL-002", clients=30, records=90, seed=2)
    _sync([a, b], hub, tmp_path)
    tables = list(codec.ORDER)
    sums = dict.fromkeys(tables, 0)
    participants = 0
    for s in (a, b):
        with s.active():
            st = state.status()
            assert st.all_acknowledged and st.pending == 0 and st.acked_seq == st.last_seq
            for t, n in table_counts(database.obj, tables).items():
                sums[t] += n
            participants += table_counts(database.obj, ["service_participant"])[
                "service_participant"]
            uids = [u for (u,) in database.execute_sql("SELECT uid FROM client")]
            assert set(state.sync_state_of("client", uids).values()) == {"acked"}
    city = table_counts(hub.db, [cm.table(t) for t in tables])
    assert {t: city[cm.table(t)] for t in tables} == sums
    assert sums["client"] == 70 and sums["service_record"] == 210
    listed = [json.loads(t) for (t,) in hub.db.execute_sql(
        'SELECT participants FROM "c_service_record"')]
    assert sum(map(len, listed)) == participants
    assert not cm.CityQuarantine.select().exists()


def test_same_package_twice_changes_nothing(hub, station_factory, tmp_path: Path) -> None:
    s = station_factory(clients=10, records=20)
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    assert ingest(hub, pkg.path).status == "applied"
    before = dump(hub.db)
    again = ingest(hub, pkg.path)
    assert again.status == "duplicate"
    assert dump(hub.db) == before


def test_lost_package_costs_nothing_and_late_one_is_refused(hub, station_factory,
                                                            tmp_path: Path) -> None:
    from swdesk.model import Client
    from swdesk.services import crud
    from swdesk.services.actor import SYSTEM

    s = station_factory(clients=10, records=20)
    with s.active():
        lost = export.export_package(here(), tmp_path / "lost")
        crud.create(Client, {"name": "王小明", "community": "莲花社区"}, SYSTEM)
        later = export.export_package(here(), tmp_path / "out")
        (n_clients,) = database.execute_sql("SELECT count(*) FROM client").fetchone()
    assert ingest(hub, later.path).status == "applied"
    assert table_counts(hub.db, ["c_client"])["c_client"] == n_clients
    before = dump(hub.db)
    with pytest.raises(PackageRefused, match="旧包或重放"):
        ingest(hub, lost.path)
    assert dump(hub.db) == before
    ret = write_return(hub, s.code, tmp_path / "ret")
    with s.active():
        apply.import_return(ret.path)
        assert state.status().pending == 0


def test_return_package_twice_changes_nothing(hub, station_factory, tmp_path: Path) -> None:
    s = station_factory(clients=5, records=5)
    with s.active():
        ingest(hub, export.export_package(here(), tmp_path / "out").path)
    ret = write_return(hub, s.code, tmp_path / "ret")
    with s.active():
        assert apply.import_return(ret.path).status == "applied"
        before = dump(database.obj)
        assert apply.import_return(ret.path).status == "duplicate"
        assert dump(database.obj) == before
