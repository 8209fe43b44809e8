"""Rows the station deleted: the city's corrections and conflicts on them still settle.

A deletion is the ``deleted`` field of a field-by-field merge: a correction of other
fields does not bring a deleted row back, and is not dropped either: the station keeps
the city's values in its tombstone and says so, so both sides end up with one row.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from swdesk.city import models as cm
from swdesk.city.conflicts import open_conflicts
from swdesk.city.corrections import correct
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.errors import ValidationError
from swdesk.model import Client
from swdesk.model.sync import SyncConflict
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, export, state, views
from tests.stations import here


def _up(s, hub, tmp_path: Path):
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    return ingest(hub, pkg.path)


def _down(s, hub, tmp_path: Path) -> int:
    """Apply the next return package; how many corrections it carried."""
    ret = write_return(hub, s.code, tmp_path / "ret")
    with s.active():
        apply.import_return(ret.path)
    return ret.corrections


def _client(s, hub, tmp_path: Path) -> str:
    with s.active():
        uid = crud.create(Client, {"name": "陈阿婆", "phone": "13800001111"}, SYSTEM).uid
    _up(s, hub, tmp_path)
    _down(s, hub, tmp_path)
    return uid


def _city_row(hub, uid: str) -> tuple[str, bool]:
    phone, deleted = hub.db.execute_sql(
        f'SELECT phone, deleted FROM "c_client" WHERE uid = {hub.db.param}', (uid,)).fetchone()
    return phone, bool(deleted)


def _station_row(s, uid: str) -> tuple[str, bool]:
    with s.active():
        row = Client.get(Client.uid == uid)  # tombstones included
        return row.phone, bool(row.deleted)


def _settled(s, hub, tmp_path: Path, uid: str, phone: str) -> None:
    """Within a few rounds both sides hold the deleted row with ``phone``, nothing open, and
    the city stops sending corrections; the row is never brought back on the way."""
    corrections = []
    for _ in range(4):
        _up(s, hub, tmp_path)
        corrections.append(_down(s, hub, tmp_path))
        assert _station_row(s, uid)[1] is True
    assert corrections[-2:] == [0, 0], corrections  # not re-sent forever
    assert _station_row(s, uid) == (phone, True)
    assert _city_row(hub, uid) == (phone, True)
    with s.active():
        assert state.status().all_acknowledged
        assert not state.open_conflicts().exists()
    assert not open_conflicts()
    assert cm.CityRowState.get(cm.CityRowState.uid == uid).diverged is None


@pytest.mark.parametrize("order", ["corrected-then-deleted", "deleted-then-corrected"])
def test_a_correction_of_a_row_the_station_deleted_converges(hub, station_factory,
                                                             tmp_path: Path, order: str) -> None:
    s = station_factory()
    uid = _client(s, hub, tmp_path)
    if order == "corrected-then-deleted":  # the correction crosses the deletion on the way
        correct(hub, "client", uid, {"phone": "13700007777"})
        with s.active():
            crud.delete(Client, uid, SYSTEM)
    else:  # the city corrects a row whose deletion it already has
        with s.active():
            crud.delete(Client, uid, SYSTEM)
        _up(s, hub, tmp_path)
        _down(s, hub, tmp_path)
        correct(hub, "client", uid, {"phone": "13700007777"})
    # Either way: still deleted, with the city's phone, on both sides.
    _settled(s, hub, tmp_path, uid, "13700007777")
    with s.active():
        assert not Client.live().where(Client.uid == uid).exists()


def _conflict_then_deleted(s, hub, tmp_path: Path) -> tuple[str, SyncConflict]:
    """A phone conflict listed at the station, whose row the station deleted since."""
    uid = _client(s, hub, tmp_path)
    correct(hub, "client", uid, {"phone": "13700007777"})
    with s.active():
        crud.update(Client, uid, {"phone": "13900002222"}, SYSTEM)
    assert _up(s, hub, tmp_path).counts["conflict"] == 1
    _down(s, hub, tmp_path)
    with s.active():
        [c] = list(state.open_conflicts())
        assert c.field == "phone"
        crud.delete(Client, uid, SYSTEM)
    return uid, c


@pytest.mark.parametrize(("keep", "phone"), [("local", "13900002222"),
                                             ("city", "13700007777"),
                                             ("value", "13600006666")])
def test_a_conflict_on_a_row_deleted_since_is_resolved(hub, station_factory, tmp_path: Path,
                                                       keep: str, phone: str) -> None:
    s = station_factory()
    uid, c = _conflict_then_deleted(s, hub, tmp_path)
    with s.active():
        [item] = views.conflicts(SYSTEM)
        if keep == "value":  # typed on the 同步 page
            views.resolve_typed(c.id, phone, SYSTEM)
        else:
            state.resolve(c.id, keep, SYSTEM)
        assert SyncConflict.get_by_id(c.id).resolution == keep
        assert not state.open_conflicts().exists()
        assert _station_row(s, uid) == (phone, True)  # decided, and still deleted
    assert "已删除" in item.record  # the person saw that the record is deleted here
    _settled(s, hub, tmp_path, uid, phone)


def test_a_conflict_whose_row_is_gone_altogether_is_closed(station_factory) -> None:
    s = station_factory()
    with s.active():
        c = SyncConflict.create(entity="client", row_uid=str(uuid.uuid4()), field="phone",
                                kind="conflict", base_value=json.dumps("1"),
                                local_value=json.dumps("2"), city_value=json.dumps("3"))
        closed = state.resolve(c.id, "local", SYSTEM)
        assert closed.resolution == "gone"
        assert not state.open_conflicts().exists()


@pytest.mark.parametrize(("keep", "deleted"), [("dismiss", True), ("city", False)])
def test_a_deletion_the_station_could_not_merge_is_settled_by_a_person(
        hub, station_factory, tmp_path: Path, keep: str, deleted: bool) -> None:
    s = station_factory()
    with s.active():
        uid = crud.create(Client, {"name": "陈阿婆", "phone": "13800001111"}, SYSTEM).uid
    _up(s, hub, tmp_path)
    with s.active():  # deleted before the city's first acknowledgement came back
        crud.delete(Client, uid, SYSTEM)
    correct(hub, "client", uid, {"phone": "13700007777"})
    _down(s, hub, tmp_path)  # no confirmed base here: each difference is for a person
    with s.active():
        listed = {c.field: c for c in state.open_conflicts()}
        assert set(listed) == {"deleted", "phone"}
        state.resolve(listed["phone"].id, "city", SYSTEM)
        with pytest.raises(ValidationError, match="local"):
            state.resolve(listed["deleted"].id, "value", SYSTEM, False)
        state.resolve(listed["deleted"].id, keep, SYSTEM)  # keep the deletion, or undo it
        assert _station_row(s, uid) == ("13700007777", deleted)
    for _ in range(3):
        _up(s, hub, tmp_path)
        _down(s, hub, tmp_path)
    assert _station_row(s, uid) == _city_row(hub, uid) == ("13700007777", deleted)
    with s.active():
        assert state.status().all_acknowledged
        assert not state.open_conflicts().exists()
    assert not open_conflicts()
    assert cm.CityRowState.get(cm.CityRowState.uid == uid).diverged is None


def test_only_the_city_restoring_a_row_brings_it_back(hub, station_factory,
                                                      tmp_path: Path) -> None:
    s = station_factory()
    uid = _client(s, hub, tmp_path)
    with s.active():
        crud.delete(Client, uid, SYSTEM)
    _up(s, hub, tmp_path)
    _down(s, hub, tmp_path)  # the city confirmed the deletion
    correct(hub, "client", uid, {"deleted": False, "phone": "13700007777"})
    _down(s, hub, tmp_path)
    assert _station_row(s, uid) == ("13700007777", False)
    for _ in range(2):
        _up(s, hub, tmp_path)
        _down(s, hub, tmp_path)
    assert _city_row(hub, uid) == ("13700007777", False)
    with s.active():
        assert Client.live().where(Client.uid == uid).exists()
        assert state.status().all_acknowledged
    assert cm.CityRowState.get(cm.CityRowState.uid == uid).diverged is None
