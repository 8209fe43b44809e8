"""Automatic sync: a bad file in the shared folder is reported, remembered, passed by."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from fuzzing import set_entry_field

from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import SyncPackage
from swdesk.sync import export, folder, format
from tests.stations import here


def test_automatic_sync_passes_a_bad_file_by_and_still_exports(hub: City, station_factory,
                                                                tmp_path: Path) -> None:
    # A file in the shared folder that crashed the reader aborted every automatic sync
    # before its export.
    s = station_factory(clients=3, records=3)
    share = tmp_path / "share"
    share.mkdir()
    with s.active():
        ingest(hub, export.export_package(here(), tmp_path / "out").path)
    returned = write_return(hub, s.code, tmp_path / "ret").path
    bad = share / returned.name
    bad.write_bytes(set_entry_field(returned.read_bytes(), format.MANIFEST, "flags", 0x1))
    with s.active():
        folder.set_folder(str(share))
        first = folder.auto(here())
        assert [name for name, _message in first.refused] == [bad.name]
        assert "加密的 ZIP 条目" in first.refused[0][1]
        assert first.exported is not None and first.exported.path.exists()
        # Next time the same bytes are passed by quietly; the export goes on.
        second = folder.auto(here())
        assert not second.refused and [n for n, _m in second.skipped] == [bad.name]
        assert second.exported is not None and second.exported.number == 3
        assert bad.exists()  # a user's file is never deleted
        assert not SyncPackage.select().where(SyncPackage.direction == "in").exists()
        # The real return package under the same name is new bytes: it goes in.
        bad.write_bytes(returned.read_bytes())
        third = folder.auto(here())
        assert [r.number for r in third.imported] == [1] and not third.refused
    with zipfile.ZipFile(returned) as zf:
        assert json.loads(zf.read(format.MANIFEST))["number"] == 1
