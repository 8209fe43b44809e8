"""Held packages are tried again whatever their file names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fuzzing import container, inner_zip, seal, take_apart

from swdesk.city import models as cm
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.model import Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import enrolment, export, format
from tests.stations import here


def _gap(hub: City, station_factory, tmp_path: Path) -> tuple[Any, Path, Any, Any]:
    """A station whose first package is in and whose second is not yet: (the station,
    the second package, its parts as the hub reads them, the station's keys)."""
    s = station_factory(clients=3, records=3)
    out = tmp_path / "out"
    with s.active():
        ingest(hub, export.export_package(here(), out).path)
        crud.create(Client, {"name": "李大爷"}, SYSTEM)
        second = export.export_package(here(), out).path
        keys = enrolment.identity().keys
    return s, second, take_apart(second.read_bytes(), hub.keys), keys


def _later(hub: City, parts: Any, keys: Any, number: int, changes: int, path: Path) -> Path:
    """Package ``number`` of the station, carrying ``changes`` changes after the second's
    (so held until the second is in), written to ``path``."""
    seq_to = parts.manifest["seq_to"]
    later = dict(parts.manifest, number=number, seq_from=seq_to + 1, seq_to=seq_to + changes)
    sealed, ciphertext = seal(later, inner_zip([("rows.client.jsonl", b"")]), hub.keys.public())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(container(format.canonical_json(sealed), ciphertext, keys))
    return path


def test_a_held_package_is_tried_again_whatever_its_name(hub: City, station_factory,
                                                         tmp_path: Path) -> None:
    # The spec: names are a convenience. A held package was retried only if its name
    # followed the pattern swdesk-<station>-*.swpkg.
    s, second, parts, keys = _gap(hub, station_factory, tmp_path)
    seq_to = parts.manifest["seq_to"]
    third = _later(hub, parts, keys, 3, 1, tmp_path / "from the station by mail.swpkg")
    assert ingest(hub, third).status == "held"
    [kept] = hub.held.iterdir()
    assert kept.read_bytes() == third.read_bytes()
    assert ingest(hub, second).status == "applied"
    station = cm.CityStation.get(cm.CityStation.code == s.code)
    assert (station.last_number, station.applied_seq) == (3, seq_to + 1)
    assert not any(hub.held.iterdir())


def test_two_held_packages_under_one_name_are_both_kept(hub: City, station_factory,
                                                        tmp_path: Path) -> None:
    # A held package was copied to held/<its file name>, and a second one arriving under
    # the same name was never kept: its changes waited for a file that was not there.
    s, second, parts, keys = _gap(hub, station_factory, tmp_path)
    seq_to = parts.manifest["seq_to"]
    for number in (3, 4):  # both after the missing second, both mailed as "package.swpkg"
        mailed = _later(hub, parts, keys, number, number - 2,
                        tmp_path / f"mail{number}" / "package.swpkg")
        assert ingest(hub, mailed).status == "held"
    assert len(list(hub.held.iterdir())) == 2
    assert ingest(hub, second).status == "applied"
    station = cm.CityStation.get(cm.CityStation.code == s.code)
    assert (station.last_number, station.applied_seq) == (4, seq_to + 2)
    assert not any(hub.held.iterdir())
