"""Power cut mid-write: children saving (or importing) are killed with SIGKILL at random.

Afterwards the file passes ``db check`` and every save a child reported as committed
(it prints the id only after ``crud.create`` returned) is in the database; an import,
being one transaction, is there completely or not at all. The default run kills a
few children; ``-m slow`` kills 50 savers and 5 importers, 12 imports of a return
package (after each, the next start leaves nothing of the package in ``staging/``) and
8 automatic backups (nor any ``.part`` file).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from swdesk import demo, paths
from swdesk.city import db as city_db
from swdesk.city.enroll import enroll_station
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.db import backup, open_station
from swdesk.handle import StationHandle
from swdesk.services import station
from swdesk.sync import enrolment, export

SAVER = """
import random, sys
from pathlib import Path
from swdesk.db import open_station
from swdesk.model import Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM

from swdesk.pinyin import initials

rng = random.Random(int(sys.argv[2]))
initials("存")  # load the pinyin tables before the clock starts
with open_station(Path(sys.argv[1])):
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        row = crud.create(Client, {"name": f"存{n}", "notes": "记" * rng.randint(0, 3000)},
                          SYSTEM)
        print(row.id, flush=True)
"""

IMPORTER = """
import sys
from pathlib import Path
from swdesk import demo
from swdesk.db import open_station

with open_station(Path(sys.argv[1])):
    print("ready", flush=True)
    counts = demo.generate(int(sys.argv[3]), int(sys.argv[3]) * 2, seed=int(sys.argv[2]))
    print("committed", counts["client"], flush=True)
"""

SYNC_IMPORTER = """
import sys
from pathlib import Path
from swdesk.db import open_station
from swdesk.sync import apply

with open_station(Path(sys.argv[1])):
    print("ready", flush=True)
    while True:  # applied once, then a duplicate: each one decrypts the package again
        print(apply.import_return(Path(sys.argv[3])).status, flush=True)
"""

BACKER = """
import sys
from pathlib import Path
from swdesk.db import open_station
from swdesk.services import backups

with open_station(Path(sys.argv[1])) as sdb:
    print("ready", flush=True)
    while True:
        backups.auto_backup(sdb, "close")
"""


def _spawn(script: str, data_dir: Path, seed: int, extra: str = "0") -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script, str(data_dir), str(seed), extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _kill_at_random(child: subprocess.Popen[str], rng: random.Random,
                    window: float) -> list[str]:
    """Kill the child at a random moment; the complete lines it printed before dying.

    An importer may finish before the kill comes; a saver never stops by itself.
    """
    assert child.stdout is not None
    early = rng.random() < 0.2  # sometimes while it is still opening the database
    if not early:
        first = child.stdout.readline()
        assert first == "ready\n", child.stderr.read() if child.stderr else first
    time.sleep(rng.uniform(0, window))
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate()
    assert child.returncode == -signal.SIGKILL or (  # killed, not failing by itself
        child.returncode == 0 and "committed" in out), err
    return [line for line in out.split("\n")[:-1] if line != "ready"]


def _client_ids(path: Path) -> set[int]:
    con = sqlite3.connect(path)  # a writer's connection, as the next program start would be
    try:
        return {r[0] for r in con.execute("SELECT id FROM client")}
    finally:
        con.close()


def _crash_many(data_dir: Path, savers: int, importers: int, seed: int) -> dict[str, int]:
    """Run the children; returns how many saves were confirmed and how imports ended."""
    rng = random.Random(seed)
    db = paths.db_path(data_dir)
    with open_station(data_dir, create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
    confirmed: set[int] = set()
    stats = {"confirmed": 0, "import_none": 0, "import_all": 0}
    runs = ["save"] * savers + ["import"] * importers
    rng.shuffle(runs)
    for i, kind in enumerate(runs):
        before = _client_ids(db)
        if kind == "save":
            lines = _kill_at_random(_spawn(SAVER, data_dir, seed + i), rng, 0.5)
            confirmed |= {int(x) for x in lines}
        else:
            lines = _kill_at_random(_spawn(IMPORTER, data_dir, seed + i, "300"), rng, 1.2)
        report = backup.check(db)
        assert report.healthy, (i, kind, report.problems)
        ids = _client_ids(db)
        assert confirmed <= ids, (i, kind, sorted(confirmed - ids)[:5])
        if kind == "import":
            added = len(ids - before)
            assert added in (0, 300), added  # all of the import or none of it
            stats["import_all" if added else "import_none"] += 1
            if lines:  # it said "committed": then the rows must be there
                assert added == 300
    assert confirmed, "no save was ever confirmed: the kill window is too short"
    stats["confirmed"] = len(confirmed)
    print(stats)
    return stats


def test_killed_writers_lose_nothing_confirmed(data_dir: Path) -> None:
    _crash_many(data_dir, savers=6, importers=1, seed=7)


@pytest.mark.slow
def test_fifty_kills(data_dir: Path) -> None:
    stats = _crash_many(data_dir, savers=50, importers=5, seed=2026)
    assert stats["confirmed"] > 50


def _station_with_return(root: Path) -> tuple[Path, Path]:
    """A station enrolled with a hub, its data at the hub, and the hub's return package."""
    hub = city_db.init_city(root / "hub", None, "厦门市民政局")
    try:
        enrol_file = enroll_station(hub, "XM-SM-001", "嘉莲街道社工站", root / "enrol.json")
        data_dir = root / "station"
        with open_station(data_dir, create=True) as opened:
            station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
            demo.generate(300, 600, seed=5)
            enrolment.enrol(enrol_file, fingerprint=hub.keys.public().fingerprint())
            pkg = export.export_package(StationHandle.of(opened), root / "out")
        ingest(hub, pkg.path)
        ret = write_return(hub, "XM-SM-001", root / "ret")
    finally:
        hub.close()
    return data_dir, ret.path


def _imported_numbers(path: Path) -> list[int]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute(
            "SELECT number FROM sync_package WHERE direction = 'in' AND status = 'applied'")]
    finally:
        con.close()


@pytest.mark.slow
def test_killed_sync_imports_leave_nothing_decrypted(tmp_path: Path) -> None:
    data_dir, ret = _station_with_return(tmp_path)
    db = paths.db_path(data_dir)
    rng = random.Random(18)
    found = 0  # kills after which something of the package was in staging/
    for i in range(12):
        lines = _kill_at_random(_spawn(SYNC_IMPORTER, data_dir, i, str(ret)), rng, 0.8)
        found += any(p.is_file() for p in (data_dir / "staging").rglob("*"))
        with open_station(data_dir):  # the next start
            pass
        assert [p for p in (data_dir / "staging").rglob("*") if p.is_file()] == [], i
        assert backup.check(db).healthy, i
        numbers = _imported_numbers(db)
        assert numbers in ([], [1]), numbers  # the import: all of it or none
        if lines:  # it said "applied" (or "duplicate"): then it is in
            assert numbers == [1], lines
    print({"kills": 12, "staging_left_by_kill": found})


@pytest.mark.slow
def test_killed_backups_leave_no_part_files(data_dir: Path) -> None:
    with open_station(data_dir, create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        demo.generate(2000, 4000, seed=3)  # a database that takes a while to copy
    rng = random.Random(8)
    found = 0
    for i in range(8):
        _kill_at_random(_spawn(BACKER, data_dir, i), rng, 0.5)
        found += any(paths.backups_dir(data_dir).glob("*.part*"))
        with open_station(data_dir):  # the next start
            pass
        assert list(paths.backups_dir(data_dir).glob("*.part*")) == [], i
        assert backup.check(paths.db_path(data_dir)).healthy, i
    print({"kills": 8, "part_left_by_kill": found})
