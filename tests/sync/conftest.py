"""Fixtures for the sync tests: a city hub and stations enrolled with it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from synchelp import Station, make_city

from swdesk.city.db import City


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[City]:
    city = make_city(tmp_path, "sqlite")
    yield city
    city.close()


@pytest.fixture
def station_factory(tmp_path: Path, hub: City) -> Iterator[object]:
    made: list[Station] = []

    def make(code: str = "XM-SM-001", clients: int = 0, records: int = 0,
             seed: int = 1) -> Station:
        s = Station(tmp_path, code, hub, clients, records, seed)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()
