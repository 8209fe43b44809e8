"""A return package imported on a really full disk: the disk-full message, nothing written,
no decrypted leftovers, and the import goes through once space is freed."""

from __future__ import annotations

from pathlib import Path

import pytest
from smalldisk import small_disk
from synchelp import Station, dump

from swdesk import i18n
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.db import backup, faults
from swdesk.sync import apply, export
from tests.stations import here


def test_return_import_on_a_full_disk(hub: City, tmp_path: Path) -> None:
    with small_disk(tmp_path) as disk:
        s = Station(disk.root, "XM-SM-001", hub, clients=300, records=300)
        try:
            with s.active():
                pkg = export.export_package(here(), tmp_path / "out")
            ingest(hub, pkg.path)
            ret = write_return(hub, s.code, tmp_path / "ret")
            with s.active():
                before = dump(s.sdb.db)
                disk.fill()
                i18n.set_language("en")
                with pytest.raises(faults.DiskFullError, match="The disk is full"):
                    apply.import_return(ret.path)
                assert dump(s.sdb.db) == before  # nothing half-written
                assert not any(apply.staging_root().iterdir())  # nothing decrypted left
                disk.free()
                assert apply.import_return(ret.path).status == "applied"
                assert backup.check(s.sdb.path).healthy
        finally:
            s.close()
