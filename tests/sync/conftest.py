"""Fixtures for the sync tests: a city hub and stations enrolled with it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from synchelp import make_city, stations

from swdesk.city.db import City


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[City]:
    city = make_city(tmp_path, "sqlite")
    yield city
    city.close()


@pytest.fixture
def station_factory(tmp_path: Path, hub: City) -> Iterator[object]:
    yield from stations(tmp_path, hub)
