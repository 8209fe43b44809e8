"""A package written into a sync folder that OneDrive or antivirus scans at once (Windows).

The fresh ``.part`` file is held for a moment and the rename into the package name
refused (a sharing violation); the export retries and the package arrives whole.
"""

from __future__ import annotations

from pathlib import Path

from held_files import HeldFiles

from swdesk.city.ingest import ingest
from swdesk.sync import export
from tests.stations import here


def test_a_package_scanned_as_it_is_written_still_arrives(hub, station_factory,
                                                          tmp_path: Path,
                                                          held_files: HeldFiles) -> None:
    s = station_factory(clients=5, records=5, seed=2)
    folder = tmp_path / "OneDrive" / "同步"
    folder.mkdir(parents=True)
    held_files.hold_fresh(folder, "*.part", times=2)
    with s.active():
        pkg = export.export_package(here(), folder)
    assert len(held_files.refused) == 2
    assert [p.name for p in folder.iterdir()] == [pkg.path.name]
    assert ingest(hub, pkg.path).status == "applied"  # whole, signed, readable
