"""Shared fixtures: a fresh station database per test, in a temporary data dir."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from swdesk import i18n, logs, paths
from swdesk.db import StationDatabase, open_station
from swdesk.model import Station
from swdesk.services import station, this_station
from swdesk.services.actor import Actor

# Windows' refusals (held files, reserved names) fail the tests on Linux too.
pytest_plugins = ("winsim",)

# The window tests run without a display (CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    """Every test starts in Chinese, the product's default, whatever the last one did."""
    i18n.set_language("zh")
    yield
    i18n.set_language("zh")


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """For command-line tests: never touch the real user data dir, the environment's
    language stays out, and the log file handler is detached afterwards."""
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "env-default"))
    monkeypatch.delenv("SWDESK_LANG", raising=False)
    yield
    if logs._handler is not None:
        logging.getLogger().removeHandler(logs._handler)
        logs._handler.close()
        logs._handler = None


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
    current = this_station.current_station()
    assert current is not None
    return current


@pytest.fixture
def worker_actor() -> Actor:
    return Actor("lihua", "worker")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MB filesystem (tmpfs) to fill up; skipped where mounting is not allowed."""
    from smalldisk import small_disk as mounted

    with mounted(tmp_path, 4) as disk:
        yield disk.root



@pytest.fixture
def held_files(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Windows' sharing violations on chosen files (``HeldFiles.hold``), simulated."""
    from held_files import HeldFiles

    return HeldFiles(monkeypatch)
