"""Shared fixtures: a fresh station database per test, in a temporary data dir."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from swdesk import i18n
from swdesk.db import StationDatabase, open_station
from swdesk.model import Station
from swdesk.services import station
from swdesk.services.actor import Actor

# The window tests run without a display (CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    """Every test starts in Chinese, the product's default, whatever the last one did."""
    i18n.set_language("zh")
    yield
    i18n.set_language("zh")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def sdb(data_dir: Path) -> Iterator[StationDatabase]:
    """An open, initialised station database (station XM-SM-001, 思明区)."""
    with open_station(data_dir, create=True) as opened:
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        yield opened


@pytest.fixture
def home(sdb: StationDatabase) -> Station:
    current = station.current_station()
    assert current is not None
    return current


@pytest.fixture
def worker_actor() -> Actor:
    return Actor("lihua", "worker")
