"""A demo station (300 clients, 3000 records) made once, copied fresh for each test."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from swdesk import demo
from swdesk.db import StationDatabase, open_station
from swdesk.services import station


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-master") / "data"
    with open_station(path, create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        demo.generate(300, 3000, seed=1)
    return path


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path) -> Iterator[StationDatabase]:
    """An open copy of the demo station: a test may write to it freely."""
    path = tmp_path / "demo"
    shutil.copytree(demo_master, path, ignore=shutil.ignore_patterns("*.lock", "logs"))
    with open_station(path) as opened:
        yield opened


@pytest.fixture
def last_month() -> str:
    first = dt.date.today().replace(day=1) - dt.timedelta(days=1)
    return f"{first.year}-{first.month:02d}"


def _pdf_text(path: Path) -> str:
    """All text of a PDF with whitespace removed (table cells come out one per line)."""
    return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """(base font name, has an embedded TrueType file) of every font the pages use."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[str(font["/BaseFont"])] = embedded
    return sorted(found.items())


@pytest.fixture
def pdf_text() -> Callable[[Path], str]:
    return _pdf_text


@pytest.fixture
def pdf_fonts() -> Callable[[Path], list[tuple[str, bool]]]:
    return _pdf_fonts
