"""The export's mode is chosen once: the caller's plan, then who reads what."""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path

import pytest

from swdesk import settings
from swdesk.model import Client, database
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import export
from tests.stations import here


def test_plans_are_made_by_their_named_constructors_and_cannot_change() -> None:
    assert not export.ExportPlan.in_process().second_process
    assert export.ExportPlan.station_program().second_process
    assert export.ExportPlan.in_process() == export.IN_PROCESS
    with pytest.raises(dataclasses.FrozenInstanceError):
        export.IN_PROCESS.second_process = True  # type: ignore[misc]


def _watch(monkeypatch: pytest.MonkeyPatch) -> list[export.Reading]:
    """The reading each export chose, in order."""
    chosen: list[export.Reading] = []
    real = export.Reading.choose

    def choose(*args, **kwargs):  # type: ignore[no-untyped-def]
        reading = real(*args, **kwargs)
        chosen.append(reading)
        return reading

    monkeypatch.setattr(export.Reading, "choose", choose)
    return chosen


def test_who_reads_what_follows_the_plan_and_the_package(station_factory, tmp_path: Path,
                                                         monkeypatch) -> None:
    chosen = _watch(monkeypatch)
    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    s = station_factory(clients=20, records=60, seed=3)
    with s.active():
        one = export.export_package(here(), tmp_path / "a")  # the default plan: never a process
        full = export.export_package(here(), tmp_path / "b",
                                     plan=export.ExportPlan.station_program())
        (last,) = database.execute_sql("SELECT max(seq) FROM change_log").fetchone()
        settings.ACKED_SEQ.set(last)  # all acknowledged: the next is a delta
        client = database.execute_sql("SELECT uid FROM client LIMIT 1").fetchone()[0]
        crud.update(Client, client, {"address": "新地址"}, SYSTEM)
        delta = export.export_package(here(), tmp_path / "c",
                                      plan=export.ExportPlan.station_program())
        monkeypatch.setattr(export, "PARALLEL_FROM", 10**12)
        small = export.export_package(here(), tmp_path / "d",
                                      plan=export.ExportPlan.station_program())
    assert [r.readers for r in chosen] == [
        export.Readers.ONE, export.Readers.TWO_BIG_WHOLE, export.Readers.TWO,
        export.Readers.ONE]
    assert [(r.seq_from, r.seq_to) for r in chosen] == [
        (p.seq_from, p.seq_to) for p in (one, full, delta, small)]
    assert chosen[0].second is None and chosen[1].second is not None
    assert chosen[1].pending == {"service_record": 60}  # the rest: the second reader's
    assert one.counts == full.counts and delta.counts == small.counts == {"client": 1}
    assert not multiprocessing.active_children()  # every second reader ended
