"""Every refusal vector of tests/sync/vectors/refusals/ is refused by its reader (the hub,
on SQLite and PostgreSQL alike, or the station), which writes nothing
(docs/package-format.md, sections 8 and 9)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import peewee as pw
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from synchelp import dump
from vectorhub import VECTORS, vector_keys, vector_station

sys.path.insert(0, str(VECTORS))

import refusals  # (tests/sync/vectors/refusals.py)

from swdesk import i18n
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.sync import crypto, format
from swdesk.sync.apply import import_return, staging_root
from swdesk.sync.format import PackageRefused

REFUSALS = VECTORS / "refusals"
INDEX = json.loads((REFUSALS / "index.json").read_text(encoding="utf-8"))


@pytest.fixture
def english() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def test_the_index_lists_every_vector_and_they_stay_small() -> None:
    assert refusals.index() == INDEX  # written by the current make_vectors.py
    files = {v["file"] for v in INDEX["vectors"]}
    assert files == {p.name for p in REFUSALS.glob("refused-*.swpkg")}
    assert {v["step"] for v in INDEX["vectors"]} == {1, 2, 3, 4, 5}
    sizes = [p.stat().st_size for p in REFUSALS.glob("*.swpkg")]
    assert max(sizes) < 16 * 1024 and sum(sizes) < 256 * 1024
    assert (REFUSALS / "index.json").stat().st_size < 32 * 1024


def test_the_vectors_without_their_defect_are_accepted(vector_city: City,
                                                       tmp_path: Path) -> None:
    """What the vectors are made of is a package the hub applies: only the defect can be
    why each is refused."""
    path = tmp_path / "whole.swpkg"
    path.write_bytes(refusals.Maker.from_keys(vector_keys()).package())
    result = ingest(vector_city, path)
    assert (result.status, result.counts) == ("applied", {"applied": 2})


def _listing(folder: Path) -> list[str]:
    """What a folder holds (the hub's attachments' folder holds the example's photo)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) \
        if folder.exists() else []


def _refuse_all(reader: str, apply: Callable[[Path], object], db: pw.Database,
                folders: list[Path]) -> int:
    """Each vector of ``reader``, refused against the state its 'after' names, leaves
    every table and ``folders`` as they were. One reader for all of them (a hub per
    vector would take a minute on PostgreSQL)."""
    vectors = sorted((v for v in INDEX["vectors"] if v["reader"] == reader),
                     key=lambda v: len(v["after"]))
    applied: tuple[str, ...] = ()
    for vector in vectors:
        after = tuple(vector["after"])
        if after != applied:
            assert applied == (), "the vectors' preconditions must nest"
            for name in after:
                apply(VECTORS / name)
            applied = after
        before = dump(db)
        held = [_listing(folder) for folder in folders]
        with pytest.raises(PackageRefused) as refused:
            apply(REFUSALS / vector["file"])
        assert vector["en"] in str(refused.value), vector["file"]
        assert dump(db) == before, vector["file"]
        assert [_listing(folder) for folder in folders] == held, vector["file"]
    return len(vectors)


def test_every_vector_is_refused_and_nothing_is_written(vector_city: City,
                                                        english: None) -> None:
    def apply(path: Path) -> None:
        assert ingest(vector_city, path).status == "applied"

    assert vector_city.files_dir is not None  # (no attachment's file is written either)
    refused = _refuse_all("hub", apply, vector_city.db,
                          [vector_city.staging, vector_city.held, vector_city.files_dir])
    assert refused >= 40


def test_every_return_vector_is_refused_by_the_station(tmp_path: Path, english: None) -> None:
    sdb = vector_station(tmp_path)
    try:
        def apply(path: Path) -> None:
            assert import_return(path).status == "applied"

        assert _refuse_all("station", apply, sdb.db, [staging_root()]) >= 6
    finally:
        sdb.close()


def test_the_chinese_messages_are_those_of_the_index(tmp_path: Path) -> None:
    """The 'zh' fragments are the program's Chinese messages (reader-only refusals: no hub)."""
    keys = vector_keys()
    city = crypto.KeyPair.from_b64(keys["city_sign_private"], keys["city_kem_private"])
    station = crypto.KeyPair.from_b64(keys["station_sign_private"],
                                      keys["station_kem_private"])
    before = i18n.language()
    i18n.set_language("zh")
    try:
        for vector in INDEX["vectors"]:
            if vector["step"] in (1, 2, 4) and vector["reader"] == "hub":
                with pytest.raises(PackageRefused) as refused, format.open_package(
                        REFUSALS / vector["file"], tmp_path, lambda m: station.public(),
                        city) as opened:
                    for name in opened.names:  # (a line is refused when it is read)
                        list(opened.lines(name))
                assert vector["zh"] in str(refused.value), vector["file"]
    finally:
        i18n.set_language(before)
