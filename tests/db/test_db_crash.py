"""Power cut mid-write: children saving (or importing) are killed with SIGKILL at random.

Afterwards the file passes ``db check`` and every save a child reported as committed
(it prints the id only after ``crud.create`` returned) is in the database; an import,
being one transaction, is there completely or not at all. The default run kills a
few children; ``-m slow`` kills 50 savers and 5 importers.
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

from swdesk import paths
from swdesk.db import backup, open_station
from swdesk.services import station

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
