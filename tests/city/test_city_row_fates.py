"""A valid row's fate at the hub: each rule alone, then a package's rows sorted."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from swdesk.city import apply_rows
from swdesk.city.ingest import ingest
from swdesk.city.row_fates import Fate, by_city_row, by_links, by_state
from swdesk.city.row_states import State
from swdesk.model import Client, database
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import export
from tests.stations import here


def _state(version: int = 3, outcome: str = "applied", station: str = "A",
           number: int = 5) -> State:
    return State(version, outcome, None, "", station, False, number)


def test_a_rows_state_makes_it_a_duplicate_or_another_stations() -> None:
    assert by_state(None, 1, "A", 0) is None  # never seen: its links decide
    assert by_state(_state(station="B"), 9, "A", 0) is Fate.OTHER_STATION
    assert by_state(_state(), 3, "A", 0) is Fate.DUPLICATE
    assert by_state(_state(), 2, "A", 0) is Fate.DUPLICATE  # older than what was applied
    assert by_state(_state(), 4, "A", 0) is None  # newer
    assert by_state(_state(outcome="held"), 3, "A", 0) is None  # held: it comes again
    # Set by a package of an older epoch (a restored station): another numbering.
    assert by_state(_state(number=5), 3, "A", 6) is None


def test_a_rows_links_hold_or_reject_it() -> None:
    assert by_links(None, set()) is None and by_links([], {"x"}) is None
    assert by_links(["x", "y"], {"y"}) is Fate.LINK_REJECTED
    assert by_links(["x"], {"y"}) is Fate.WAITING


def test_the_city_row_decides_what_is_left() -> None:
    ours = {"uid": "u", "origin": "A"}
    assert by_city_row(None, None, "A") is Fate.NEW
    assert by_city_row(None, _state(outcome="rejected"), "A") is Fate.RETURNING
    assert by_city_row({**ours, "origin": "B"}, _state(), "A") is Fate.CLASH
    assert by_city_row(ours, _state(), "A") is Fate.KNOWN


def test_a_package_sent_again_sorts_as_duplicates_and_an_edit_as_known(
        hub, station_factory, tmp_path: Path, monkeypatch) -> None:
    sorted_: list[dict[Fate, int]] = []
    real = apply_rows.Applier._sort

    def sort(self, *args):  # type: ignore[no-untyped-def]
        out = real(self, *args)
        sorted_.append({f: len(rows) for f, rows in out.rows.items() if rows})
        return out

    monkeypatch.setattr(apply_rows.Applier, "_sort", sort)
    s = station_factory(clients=12, seed=4)
    with s.active():
        first = export.export_package(here(), tmp_path / "1")
        uid = database.execute_sql("SELECT uid FROM client LIMIT 1").fetchone()[0]
    assert ingest(hub, first.path).status == "applied"  # plain chunks: not sorted
    assert sorted_ == []
    with s.active():  # nothing acknowledged: the same rows again, and one edit
        crud.update(Client, uid, {"address": "新的地址"}, SYSTEM)
        second = export.export_package(here(), tmp_path / "2")
    assert ingest(hub, second.path).counts == {"duplicate": second.rows - 1, "applied": 1}
    totals: Counter[Fate] = Counter()  # over the chunks
    for chunk in sorted_:
        totals.update(chunk)
    assert totals == {Fate.DUPLICATE: second.rows - 1, Fate.KNOWN: 1}


def test_a_row_linking_to_one_rejected_in_its_own_chunk_is_rejected_not_held(
        hub, station_factory, tmp_path: Path, monkeypatch) -> None:
    from synchelp import alter_packages

    from swdesk.city import models as cm

    def bad_parent(name: str, block: list[bytes]) -> list[bytes]:
        if name != "station" or not block:
            return block
        first = json.loads(block[0])
        return [*block, json.dumps({**first, "uid": "child", "code": "C",
                                    "parent": "parent"}).encode(),
                json.dumps({**first, "uid": "parent", "code": "P",
                            "origin": "XM-SM-999"}).encode()]  # rejected: not its station

    alter_packages(monkeypatch, bad_parent)
    s = station_factory()
    with s.active():
        package = export.export_package(here(), tmp_path / "out")
    got = ingest(hub, package.path)
    assert got.status == "applied" and "held" not in got.counts
    reasons = {q.uid: q.reason for q in cm.CityQuarantine.select()}
    assert reasons == {"parent": "origin: the row belongs to another station",
                       "child": "linked row was rejected: parent"}
