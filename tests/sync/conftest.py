"""Fixtures for the sync tests: a city hub and stations enrolled with it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from synchelp import city_urls, make_city, stations
from vectorhub import vector_hub

from swdesk.city.db import City


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[City]:
    city = make_city(tmp_path, "sqlite")
    yield city
    city.close()


@pytest.fixture
def station_factory(tmp_path: Path, hub: City) -> Iterator[object]:
    yield from stations(tmp_path, hub)


@pytest.fixture(params=city_urls())
def vector_city(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[City]:
    """A hub holding the keys of tests/sync/vectors/keys.json, on each back end."""
    with vector_hub(tmp_path, request.param) as city:
        yield city
