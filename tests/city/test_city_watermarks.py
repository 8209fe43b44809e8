"""The hub's watermark is bounded by the package it comes from (issue 17, point 2): a held
row's change number counts only within the package's range, ``applied_seq`` never goes
back within an epoch, and a manifest with a senseless range or epoch is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from synchelp import alter_packages
from test_sync_refusals import _forge, _refused_at_city, _station_keys

from swdesk.city import models as cm
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import ChangeLog, Client, Need
from swdesk.services import backups, crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, codec, export
from tests.stations import here


def _applied_seq(code: str) -> int:
    return int(cm.CityStation.get(cm.CityStation.code == code).applied_seq)


def _need_seq(value: Any) -> Any:
    """An alteration of the packages' need rows: ``_seq`` dropped (None) or set."""
    def alter(name: str, block: list[bytes]) -> list[bytes]:
        if name != "need":
            return block
        out = []
        for line in block:
            row = orjson.loads(line)
            row.pop(codec.SEQ, None)
            if value is not None:
                row[codec.SEQ] = value
            out.append(orjson.dumps(row))
        return out
    return alter


@pytest.mark.parametrize("seq", [None, 1, codec.MAX_VERSION])
def test_a_held_row_never_moves_the_watermark_back(hub, station_factory, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   seq: Any) -> None:
    s = station_factory(clients=3, records=3)
    with s.active():
        first = export.export_package(here(), tmp_path / "p1")
    ingest(hub, first.path)
    with s.active():
        apply.import_return(write_return(hub, s.code, tmp_path / "r1").path)
        parent = crud.create(Client, {"name": "陈阿婆"}, SYSTEM).uid
        # A parent whose change the city never gets: the need that links it is held.
        ChangeLog.delete().where(ChangeLog.row_uid == parent).execute()
        crud.create(Need, {"client": parent, "category": "jinglao", "description": "送餐",
                           "status": "open", "raised_on": "2024-03-01"}, SYSTEM)
    alter_packages(monkeypatch, _need_seq(seq))
    with s.active():
        second = export.export_package(here(), tmp_path / "p2")
    assert second.seq_from == first.seq_to + 1
    got = ingest(hub, second.path)
    assert got.counts["held"] == 1
    # The held row counts as the package's first change: nothing before it goes again,
    # nothing after it is taken as final.
    assert _applied_seq(s.code) == second.seq_from - 1
    ret = write_return(hub, s.code, tmp_path / "r2")
    with s.active():
        apply.import_return(ret.path)
        third = export.export_package(here(), tmp_path / "p3")
    assert third.seq_from == second.seq_from  # the held row's change goes again


@pytest.mark.parametrize(("change", "match"), [
    ({"seq_from": 0}, "序号范围或编号纪元无效"),
    ({"seq_from": 500, "seq_to": 10}, "序号范围或编号纪元无效"),
    ({"epoch": "../../x"}, "序号范围或编号纪元无效"),
    ({"epoch": 7}, "序号范围或编号纪元无效"),
    ({"epoch": "a" * 33}, "序号范围或编号纪元无效"),
])
def test_a_senseless_range_or_epoch_is_refused(hub, station_factory, tmp_path: Path,
                                               change: dict[str, Any], match: str) -> None:
    s = station_factory(clients=3, records=3)
    with s.active():
        pkg = export.export_package(here(), tmp_path / "p1").path
    ident = _station_keys(s)
    _forge(pkg, ident.keys, ident.city_keys, change)
    _refused_at_city(hub, pkg, match)


def test_a_package_of_an_epoch_the_hub_left_is_refused(hub, station_factory,
                                                       tmp_path: Path) -> None:
    s = station_factory(clients=3, records=3)
    with s.active():
        first = export.export_package(here(), tmp_path / "p1")
        saved = backups.backup_now(s.handle())
    ingest(hub, first.path)
    with s.active():
        backups.restore_into(s.handle(), saved)
        second = export.export_package(here(), tmp_path / "p2")
    got = ingest(hub, second.path)
    assert got.status == "applied" and got.counts["applied"] > 0  # none skipped as had
    station = cm.CityStation.get(cm.CityStation.code == s.code)
    assert station.epoch != "" and station.epoch_from == second.number
    assert station.applied_seq == second.seq_to
    # The first numbering again, with a number the hub has not seen: older all the same.
    ident = _station_keys(s)
    _forge(first.path, ident.keys, ident.city_keys, {"number": 50, "epoch": ""})
    _refused_at_city(hub, first.path, "恢复之前")
