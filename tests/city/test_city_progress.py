"""A long ingest, and a long return import, tell how far they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from swdesk import settings
from swdesk.city import apply_rows
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import database
from swdesk.sync import apply, export
from tests.stations import here


def test_ingest_reports_rows_up_to_the_package_total(hub, station_factory, tmp_path: Path,
                                                     monkeypatch) -> None:
    monkeypatch.setattr(apply_rows, "APPLY_CHUNK", 25)
    s = station_factory(clients=30, records=120, seed=9)
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    seen: list[tuple[int, int]] = []
    result = ingest(hub, pkg.path, progress=lambda done, total: seen.append((done, total)))
    assert result.status == "applied"
    assert len(seen) > 5
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert seen[-1] == (pkg.rows, pkg.rows) == (sum(result.counts.values()),) * 2


def test_return_import_reports_progress_and_a_cancel_writes_nothing(
        hub, station_factory, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(apply._Steps, "EVERY", 10)
    s = station_factory(clients=30, records=120, seed=9)
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    ingest(hub, pkg.path)
    ret = write_return(hub, s.code, tmp_path / "ret")

    class Stop(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done > pkg.rows:  # half way: every acknowledgement read, some applied
            raise Stop

    with s.active():
        before = database.execute_sql("SELECT count(*) FROM sync_row").fetchone()
        with pytest.raises(Stop):
            apply.import_return(ret.path, progress=cancel)
        assert database.execute_sql("SELECT count(*) FROM sync_row").fetchone() == before
        assert settings.SYNC_IN_NO.get() == 0
        seen: list[tuple[int, int]] = []
        result = apply.import_return(ret.path, progress=lambda d, t: seen.append((d, t)))
        assert result.status == "applied" and sum(result.acks.values()) == pkg.rows
        assert len(seen) > 10
        assert [d for d, _t in seen] == sorted(d for d, _t in seen)
        assert all(d <= t for d, t in seen) and seen[-1][1] == 2 * pkg.rows
