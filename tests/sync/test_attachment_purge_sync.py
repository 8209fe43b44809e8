"""A deleted attachment's file goes once a return package acknowledges the deletion."""

from __future__ import annotations

from pathlib import Path

from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.db.files import FileStore
from swdesk.model import Attachment, Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, export
from tests.stations import here


def _round_trip(hub: City, code: str, tmp_path: Path, n: int) -> None:
    ingest(hub, export.export_package(here(), tmp_path / f"p{n}").path)
    apply.import_return(write_return(hub, code, tmp_path / f"r{n}").path)


def test_the_file_goes_after_the_return_that_acknowledges_its_deletion(
        hub: City, station_factory, tmp_path: Path) -> None:
    s = station_factory()
    with s.active():
        store = FileStore.of(s.dir)
        client = crud.create(Client, {"name": "王芳"}, SYSTEM)
        sha = store.put(b"\xff\xd8 a photo of a home visit")
        row = crud.create(Attachment, {"caption": "入户", "client": client.id}, SYSTEM,
                          derived={"sha256": sha, "size": 24, "media_type": "image/jpeg"})
        _round_trip(hub, s.code, tmp_path, 1)
        crud.delete(Attachment, row, SYSTEM)
        assert store.has(sha)  # deleted here, not yet at the city
        ingest(hub, export.export_package(here(), tmp_path / "p2").path)
        assert store.has(sha)  # sent, not yet acknowledged
        apply.import_return(write_return(hub, s.code, tmp_path / "r2").path)
        assert not store.has(sha)
