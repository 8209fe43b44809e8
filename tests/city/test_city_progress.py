"""A long ingest tells how far it is."""

from __future__ import annotations

from pathlib import Path

from swdesk.city import apply_rows
from swdesk.city.ingest import ingest
from swdesk.sync import export


def test_ingest_reports_rows_up_to_the_package_total(hub, station_factory, tmp_path: Path,
                                                     monkeypatch) -> None:
    monkeypatch.setattr(apply_rows, "CHUNK", 25)
    s = station_factory(clients=30, records=120, seed=9)
    with s.active():
        pkg = export.export_package(tmp_path / "out")
    seen: list[tuple[int, int]] = []
    result = ingest(hub, pkg.path, progress=lambda done, total: seen.append((done, total)))
    assert result.status == "applied"
    assert len(seen) > 5
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert seen[-1] == (pkg.rows, pkg.rows) == (sum(result.counts.values()),) * 2
