"""City tests run on SQLite and, when $SWDESK_TEST_PG_URL names one, on PostgreSQL too."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))

from synchelp import city_urls, hub_of, stations

from swdesk.city.db import City


@pytest.fixture(params=city_urls())
def hub(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[City]:
    yield from hub_of(request.param, tmp_path)


@pytest.fixture
def station_factory(tmp_path: Path, hub: City) -> Iterator[object]:
    yield from stations(tmp_path, hub)
