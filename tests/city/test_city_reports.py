"""People registered at several stations, and the city's monthly figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from swdesk.city.ingest import ingest
from swdesk.city.report import duplicates, masked_id, monthly
from swdesk.model import Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import export
from tests.stations import here

RID = "350203198503120417"


def _valid(body17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(body17, weights, strict=True))
    return body17 + "10X98765432"[total % 11]


def test_same_resident_at_two_stations(hub, station_factory, tmp_path: Path) -> None:
    rid = _valid(RID[:17])
    a = station_factory("XM-SM-001", clients=5, records=10, seed=1)
    b = station_factory("XM-HL-002", clients=5, records=10, seed=2)
    for s, name in ((a, "张晓明"), (b, "张小明")):
        with s.active():
            crud.create(Client, {"name": name, "id_number": rid}, SYSTEM)
            ingest(hub, export.export_package(here(), tmp_path / "out").path)
    found = [d for d in duplicates(hub) if d.id_number == rid]
    assert len(found) == 1
    assert sorted(found[0].stations) == ["XM-HL-002", "XM-SM-001"]
    assert sorted(found[0].names) == ["张小明", "张晓明"]
    assert masked_id(rid) == rid[:6] + "********" + rid[-4:]
    figures = monthly(hub, dt.date.today().strftime("%Y-%m"))
    by_code = {s["station"]: s for s in figures["stations"]}
    assert by_code["XM-SM-001"]["clients"]["clients"] == 6
    assert by_code["XM-HL-002"]["clients"]["clients"] == 6
    assert figures["targets"]["training_hours"] == "80"
