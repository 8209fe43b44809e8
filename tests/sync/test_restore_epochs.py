"""A station restored from a backup loses no work at the city: the restore starts a new
numbering epoch that both sides understand (issue 17, point 1), run as a station head and
a city officer type it."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from synchelp import PG_ENV, city_urls, fingerprint_in, reset_postgres

from swdesk import settings
from swdesk.city import db as city_db
from swdesk.city.city_rows import data_of, read_city_rows
from swdesk.cli import main
from swdesk.db import open_station
from swdesk.model import Client, database
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import codec, rows

pytestmark = pytest.mark.usefixtures("cli_env")
CODE = "XM-SM-001"
ALL_ACKED = "全部变更均已被市级平台确认"


class Sides:
    """The hub and the station as the command line reaches them."""

    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
        self.capsys = capsys
        self.hub, self.st, self.stick = tmp_path / "hub", tmp_path / "st", tmp_path / "stick"
        self.url = f"sqlite:///{tmp_path / 'hub-city.db'}"
        if kind == "postgresql":
            self.url = os.environ[PG_ENV]
            reset_postgres(self.url)

    def run(self, *argv: str) -> tuple[int, str]:
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out + err

    def station(self, *argv: str) -> tuple[int, str]:
        return self.run("--data-dir", str(self.st), *argv)

    def city(self, *argv: str) -> tuple[int, str]:
        return self.run("--data-dir", str(self.hub), "city", "--db", self.url, *argv)

    def export(self) -> Path:
        before = set(self.stick.glob(f"swdesk-{CODE}-*.swpkg"))
        code, out = self.station("sync", "export", "--out", str(self.stick))
        assert code == 0, out
        [pkg] = set(self.stick.glob(f"swdesk-{CODE}-*.swpkg")) - before
        return pkg

    def ingest(self, pkg: Path) -> str:
        code, out = self.city("ingest", str(pkg))
        assert code == 0, out
        return out

    def write_return(self) -> Path:
        before = set(self.stick.glob(f"swdesk-return-{CODE}-*.swpkg"))
        code, out = self.city("return", "--station", CODE, "--out", str(self.stick))
        assert code == 0, out
        [ret] = set(self.stick.glob(f"swdesk-return-{CODE}-*.swpkg")) - before
        return ret

    def round(self) -> tuple[int, str]:
        """Export, ingest, return, import: what one trip of the stick does."""
        self.ingest(self.export())
        return self.station("sync", "import", str(self.write_return()))

    def status(self) -> dict[str, int]:
        code, out = self.station("sync", "status")
        assert code == 0
        found = re.search(r"待确认的变更：(\d+)（已确认到第 (\d+) 号，"
                          r"已发送到第 (\d+) 号，最新第 (\d+) 号）", out)
        assert found, out
        pending, acked, sent, last = map(int, found.groups())
        return {"pending": pending, "acked": acked, "sent": sent, "last": last,
                "all": ALL_ACKED in out}


def _edit(st: Path, uid: str, **values: Any) -> None:
    with open_station(st):
        crud.update(Client, uid, values, SYSTEM)


def _station_rows(st: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Every row of the station, in package form, by entity and uid."""
    with open_station(st):
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for name in codec.ORDER:
            entity = codec.ENTITIES[name]
            uids = {u for (u,) in database.execute_sql(f'SELECT uid FROM "{name}"')}
            out[name] = {r["uid"]: r for r in rows.read_rows(database.obj, entity, uids)}
        return out


@pytest.mark.parametrize("kind", city_urls())
def test_restore_then_stale_return_loses_nothing(tmp_path: Path, capsys, kind: str) -> None:
    s = Sides(tmp_path, capsys, kind)
    assert s.city("init")[0] == 0
    code, out = s.city("enroll", "--station", CODE, "--name", "嘉莲街道社工站",
                       "--out", str(tmp_path / "enrol.json"))
    assert code == 0
    assert s.station("init", "--station", CODE, "--name", "嘉莲街道社工站", "--level",
                     "station", "--district", "思明区", "--enrollment",
                     str(tmp_path / "enrol.json"), "--fingerprint", fingerprint_in(out))[0] == 0
    assert s.station("demo", "--clients", "20", "--records", "30", "--seed", "3")[0] == 0
    code, out = s.round()
    assert code == 0, out
    assert s.status()["all"]
    with open_station(s.st):
        a, b, c, d = [r.uid for r in Client.select().order_by(Client.id).limit(4)]

    backup = tmp_path / "backup.db"
    assert s.station("db", "backup", "--out", str(backup))[0] == 0
    # Work after the backup, which reaches the city and is then lost at the station.
    _edit(s.st, a, notes="备份后的备注 A")
    _edit(s.st, b, address="备份后的住址 B")
    _edit(s.st, d, notes="备份后的备注 D")
    for _n in range(3):
        _edit(s.st, c, notes=f"备份后第 {_n} 次")
    with open_station(s.st):
        newcomer = crud.create(Client, {"name": "王阿姨", "notes": "备份后登记"}, SYSTEM).uid
        lost_version = Client.get(Client.uid == a).version
    s.ingest(s.export())
    stale = s.write_return()

    assert s.station("db", "restore", str(backup))[0] == 0
    after_restore = s.status()
    # Nothing of the new numbering is acknowledged: everything goes again.
    assert after_restore["acked"] == 0 and after_restore["pending"] > 0
    assert not after_restore["all"]
    # The return made before the restore is refused, and acknowledges nothing.
    code, out = s.station("sync", "import", str(stale))
    assert code == 1 and "恢复" in out, out
    assert s.status() == after_restore
    # Work after the restore: the same row versions the city already had from the lost
    # work, with other values.
    _edit(s.st, a, address="恢复后的住址 A")
    _edit(s.st, c, address="恢复后的住址 C")
    _edit(s.st, d, notes="恢复后的备注 D")  # the field the lost work changed too
    with open_station(s.st):
        assert Client.get(Client.uid == a).version == lost_version
    decided = []
    for _trip in range(4):
        code, out = s.round()
        assert code == 0, out
        # Both sides changed D's notes: a conflict, which a person settles for the station.
        code, out = s.station("sync", "conflicts")
        for cid in re.findall(r"^(\d+)\t", out, re.M):
            assert s.station("sync", "resolve", cid, "--keep", "local")[0] == 0
            decided.append(out)
        status = s.status()
        assert status["acked"] <= status["last"]
        if status["all"]:
            break
    assert status["all"] and status["pending"] == 0 and status["acked"] == status["last"]
    assert len(decided) == 1 and "恢复后的备注 D" in decided[0] and "备份后的备注 D" in decided[0]

    station = _station_rows(s.st)
    city = city_db.open_city(s.hub, s.url)
    try:
        for name, mine in station.items():
            entity = codec.ENTITIES[name]
            held = read_city_rows(city.db, entity, sorted(mine))
            assert set(held) == set(mine), name
            for uid, row in mine.items():
                assert data_of(entity, held[uid]) == data_of(entity, row), (name, uid)
    finally:
        city.close()
    # The post-restore edits are at the city, and the lost work came back to the station
    # where the station had not changed the field again.
    rows_a, rows_b, rows_c = (station["client"][u] for u in (a, b, c))
    assert rows_a["address"] == "恢复后的住址 A" and rows_a["notes"] == "备份后的备注 A"
    assert rows_b["address"] == "备份后的住址 B"
    assert rows_c["address"] == "恢复后的住址 C" and rows_c["notes"] == "备份后第 2 次"
    assert station["client"][d]["notes"] == "恢复后的备注 D"
    # A row made after the backup, which the restore took away, came back from the city.
    assert station["client"][newcomer]["notes"] == "备份后登记"
    with open_station(s.st):
        assert settings.SYNC_EPOCH.get() != ""
