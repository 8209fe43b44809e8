"""Held packages are tried again whatever their file names."""

from __future__ import annotations

from pathlib import Path

from fuzzing import container, inner_zip, seal, take_apart

from swdesk.city import models as cm
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.model import Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import enrolment, export, format


def test_a_held_package_is_tried_again_whatever_its_name(hub: City, station_factory,
                                                         tmp_path: Path) -> None:
    # The spec: names are a convenience. A held package was retried only if its name
    # followed the pattern swdesk-<station>-*.swpkg.
    s = station_factory(clients=3, records=3)
    out = tmp_path / "out"
    with s.active():
        ingest(hub, export.export_package(out).path)
        crud.create(Client, {"name": "李大爷"}, SYSTEM)
        second = export.export_package(out).path
        keys = enrolment.identity().keys
    parts = take_apart(second.read_bytes(), hub.keys)
    seq_to = parts.manifest["seq_to"]
    # the third package, carrying changes after the second's: held until the second is in
    later = dict(parts.manifest, number=3, seq_from=seq_to + 1, seq_to=seq_to + 1)
    sealed, ciphertext = seal(later, inner_zip([("rows.client.jsonl", b"")]), hub.keys.public())
    third = tmp_path / "from the station by mail.swpkg"
    third.write_bytes(container(format.canonical_json(sealed), ciphertext, keys))
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
    s = station_factory(clients=3, records=3)
    out = tmp_path / "out"
    with s.active():
        ingest(hub, export.export_package(out).path)
        crud.create(Client, {"name": "李大爷"}, SYSTEM)
        second = export.export_package(out).path
        keys = enrolment.identity().keys
    parts = take_apart(second.read_bytes(), hub.keys)
    seq_to = parts.manifest["seq_to"]
    for number in (3, 4):  # both after the missing second, both mailed as "package.swpkg"
        later = dict(parts.manifest, number=number, seq_from=seq_to + 1,
                     seq_to=seq_to + number - 2)
        sealed, ciphertext = seal(later, inner_zip([("rows.client.jsonl", b"")]),
                                  hub.keys.public())
        mailed = tmp_path / f"mail{number}" / "package.swpkg"
        mailed.parent.mkdir()
        mailed.write_bytes(container(format.canonical_json(sealed), ciphertext, keys))
        assert ingest(hub, mailed).status == "held"
    assert len(list(hub.held.iterdir())) == 2
    assert ingest(hub, second).status == "applied"
    station = cm.CityStation.get(cm.CityStation.code == s.code)
    assert (station.last_number, station.applied_seq) == (4, seq_to + 2)
    assert not any(hub.held.iterdir())
