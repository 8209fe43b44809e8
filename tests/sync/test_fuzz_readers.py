"""The mutation fuzzer (``fuzzing.py``) over the hub's and the station's readers.

Only a refusal (PackageRefused, nothing written) or a clean result may come out of any
mutation; none may hang. ``SWDESK_FUZZ_CASES`` sets the slow run's count (default 2,000),
``SWDESK_FUZZ_SEED`` its seed; the figures are printed (``pytest -s``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzzing import Fuzzer, Side, hub_side, station_side
from synchelp import Station, city_urls, hub_of

from swdesk.city.corrections import add_reference, correct
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, enrolment, export
from tests.stations import here


@pytest.fixture(params=city_urls())
def fuzz_hub(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[City]:
    yield from hub_of(request.param, tmp_path)


@pytest.fixture
def sides(fuzz_hub: City, tmp_path: Path) -> Iterator[list[Side]]:
    """A station package the hub has not ingested yet (edited rows with ``_base``, service
    records with participants) and a return package the station has not imported yet
    (acknowledgements, corrections, reference items)."""
    hub = fuzz_hub
    s = Station(tmp_path, "XM-SM-001", hub, clients=6, records=8)
    try:
        out = tmp_path / "out"
        with s.active():
            ingest(hub, export.export_package(here(), out).path)
        uids = [u for (u,) in hub.db.execute_sql('SELECT uid FROM "c_client" ORDER BY uid')]
        correct(hub, "client", uids[0], {"phone": "13900000000"})
        add_reference(hub, "service_kind", "fuzz", "模糊测试", "fuzzing")
        first_return = write_return(hub, s.code, out)
        with s.active():
            apply.import_return(first_return.path)
            row = Client.get(Client.uid == uids[1])
            crud.update(Client, row, {"phone": "13700000000"}, SYSTEM)
            crud.create(Client, {"name": "李大爷"}, SYSTEM)
            station_pkg = export.export_package(here(), out).path
            keys = enrolment.identity().keys
        correct(hub, "client", uids[2], {"phone": "13600000000"})
        second_return = write_return(hub, s.code, out).path
        s.use()
        yield [hub_side(hub, station_pkg.read_bytes(), keys),
               station_side(second_return.read_bytes(), hub, keys)]
    finally:
        s.close()


def _fuzz(sides: list[Side], work: Path, count: int, seed: int) -> Fuzzer:
    work.mkdir()
    fuzzer = Fuzzer(sides, work, seed)
    for side in sides:  # the real packages themselves go in (and are taken out again)
        with side.db().atomic() as txn:
            assert side.run(_write(work, side)) == "applied"
            txn.rollback()
    fuzzer.run(count)
    print(f"\n{count} mutations, seed {seed}\n{fuzzer.figures.table()}")
    messages = fuzzer.figures.messages
    print(f"refusals ({len(messages)} kinds of message), the most common:",
          ", ".join(f"{m} {n}" for m, n in messages.most_common(25)))
    assert not fuzzer.failures, "\n".join(fuzzer.failures[:30])
    return fuzzer


def _write(work: Path, side: Side) -> Path:
    path = work / f"real-{side.name}.swpkg"
    path.write_bytes(side.data)
    return path


def test_a_few_hundred_mutations(sides: list[Side], tmp_path: Path) -> None:
    _fuzz(sides, tmp_path / "fuzz", 300, seed=17)


@pytest.mark.slow
def test_many_mutations(sides: list[Side], tmp_path: Path) -> None:
    count = int(os.environ.get("SWDESK_FUZZ_CASES", "2000"))
    seed = int(os.environ.get("SWDESK_FUZZ_SEED", "20261206"))
    _fuzz(sides, tmp_path / "fuzz", count, seed)
