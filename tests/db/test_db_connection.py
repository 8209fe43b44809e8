"""Opening the station database: pragmas, identity, one writer at a time, refusals."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import peewee as pw
import pytest

from swdesk import paths
from swdesk.db import StationDatabase, backup, open_station
from swdesk.db.schema import APPLICATION_ID, latest_version
from swdesk.errors import AlreadyOpenError, DatabaseError
from swdesk.model import Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM

REPO = Path(__file__).resolve().parents[2]
HELD = "已被另一个 swdesk 程序打开"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env.pop("SWDESK_LANG", None)
    env.pop("SWDESK_DATA_DIR", None)
    return env


def _pragma(sdb: StationDatabase, name: str) -> object:
    return sdb.db.execute_sql(f"PRAGMA {name}").fetchone()[0]


def _files(data_dir: Path) -> dict[str, bytes]:
    """The bytes of the database file and its WAL companions, whatever exists."""
    out = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        f = Path(f"{paths.db_path(data_dir)}{suffix}")
        if f.exists():
            out[suffix] = f.read_bytes()
    return out


# --- a fresh database ---------------------------------------------------------------------


def test_fresh_database_pragmas_and_identity(sdb: StationDatabase) -> None:
    assert str(_pragma(sdb, "journal_mode")).lower() == "wal"
    assert _pragma(sdb, "synchronous") == 2  # FULL: WAL + NORMAL may lose the last commit
    assert _pragma(sdb, "foreign_keys") == 1
    assert _pragma(sdb, "application_id") == APPLICATION_ID
    assert _pragma(sdb, "user_version") == latest_version()
    assert sdb.writable


def test_identity_is_on_disk_for_other_connections(sdb: StationDatabase) -> None:
    # WAL mode, application id and version are persistent: a plain sqlite3 reader sees them.
    con = sqlite3.connect(f"file:{sdb.path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert con.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    finally:
        con.close()


def test_foreign_keys_are_enforced(sdb: StationDatabase) -> None:
    with pytest.raises(pw.IntegrityError):
        sdb.db.execute_sql(
            "INSERT INTO client (uid, origin, version, updated_at, deleted, name, station_id, "
            "name_initials, name_pinyin) VALUES ('u-1', '', 1, '2024-01-01 00:00:00', 0, 'x', "
            "4242, '', '')")


def test_missing_database_without_create_says_run_init(data_dir: Path) -> None:
    with pytest.raises(DatabaseError) as info:
        open_station(data_dir)
    assert "swdesk init" in str(info.value)
    assert not paths.db_path(data_dir).exists()


def test_missing_database_read_only_also_says_run_init(data_dir: Path) -> None:
    with pytest.raises(DatabaseError, match="swdesk init"):
        open_station(data_dir, write=False)
    assert not paths.db_path(data_dir).exists()


# --- one writer ----------------------------------------------------------------------------


def test_second_writer_in_same_process_is_refused(sdb: StationDatabase, data_dir: Path) -> None:
    with pytest.raises(AlreadyOpenError) as info:
        open_station(data_dir)
    assert HELD in str(info.value)
    assert str(data_dir) in str(info.value)
    # The refused opener did not disturb the first one.
    crud.create(Client, {"name": "王芳"}, SYSTEM)
    assert Client.select().count() == 1


def test_writer_can_reopen_after_close(data_dir: Path) -> None:
    first = open_station(data_dir, create=True)
    with pytest.raises(AlreadyOpenError):
        open_station(data_dir)
    first.close()
    first.close()  # closing twice is harmless
    with open_station(data_dir) as second:
        assert second.writable
        assert second.db.execute_sql("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_context_manager_releases_the_lock(data_dir: Path) -> None:
    with open_station(data_dir, create=True):
        pass
    with open_station(data_dir) as again:
        assert again.writable


_OPEN_IN_CHILD = """
import sys
from pathlib import Path
from swdesk.db import open_station
from swdesk.errors import AlreadyOpenError
try:
    open_station(Path(sys.argv[1])).close()
except AlreadyOpenError as exc:
    print(exc)
    sys.exit(3)
print("opened")
"""


def test_second_writer_in_another_process_is_refused(sdb: StationDatabase,
                                                      data_dir: Path) -> None:
    crud.create(Client, {"name": "李娜"}, SYSTEM)
    before = backup.check(sdb.path).counts

    child = subprocess.run([sys.executable, "-c", _OPEN_IN_CHILD, str(data_dir)],
                           capture_output=True, text=True, env=_env(), timeout=120)
    assert child.returncode == 3, child.stderr
    assert HELD in child.stdout

    cli = subprocess.run(
        [sys.executable, "-m", "swdesk", "--data-dir", str(data_dir), "init",
         "--station", "XM-SM-009", "--name", "另一个站", "--level", "station"],
        capture_output=True, text=True, env=_env(), timeout=120)
    assert cli.returncode != 0
    assert HELD in cli.stderr
    assert "Traceback" not in cli.stderr
    assert len(cli.stderr.strip().splitlines()) == 1

    # Intact: still healthy, same rows, and the writer still works.
    report = backup.check(sdb.path)
    assert report.healthy, report.problems
    assert report.counts == before
    assert paths.db_path(data_dir).exists()
    crud.create(Client, {"name": "赵磊"}, SYSTEM)
    assert Client.select().count() == 2


def test_other_process_can_write_after_close(data_dir: Path) -> None:
    holder = open_station(data_dir, create=True)
    refused = subprocess.run([sys.executable, "-c", _OPEN_IN_CHILD, str(data_dir)],
                             capture_output=True, text=True, env=_env(), timeout=120)
    assert refused.returncode == 3
    holder.close()
    allowed = subprocess.run([sys.executable, "-c", _OPEN_IN_CHILD, str(data_dir)],
                             capture_output=True, text=True, env=_env(), timeout=120)
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.strip() == "opened"


# --- readers -------------------------------------------------------------------------------


def test_read_only_open_works_while_a_writer_holds_the_lock(sdb: StationDatabase,
                                                            data_dir: Path) -> None:
    for name in ("陈静", "林伟"):
        crud.create(Client, {"name": name}, SYSTEM)
    reader = open_station(data_dir, write=False)
    try:
        assert not reader.writable
        # The reader sees the writer's committed rows (still in the WAL).
        assert reader.db.execute_sql("SELECT count(*) FROM client").fetchone()[0] == 2
        with pytest.raises(pw.OperationalError):
            reader.db.execute_sql("DELETE FROM client")
    finally:
        reader.close()
    assert sdb.db.execute_sql("SELECT count(*) FROM client").fetchone()[0] == 2
    # The reader took no lock: after it closes, the writer still holds the data dir.
    with pytest.raises(AlreadyOpenError):
        open_station(data_dir)


def test_reader_does_not_take_over_the_writers_models(sdb: StationDatabase,
                                                      data_dir: Path) -> None:
    reader = open_station(data_dir, write=False)
    reader.close()
    crud.create(Client, {"name": "周敏"}, SYSTEM)
    assert Client.select().count() == 1


# --- files that are not ours ---------------------------------------------------------------


def test_random_bytes_are_refused_and_left_alone(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    junk = random.Random(7).randbytes(20_000)
    paths.db_path(data_dir).write_bytes(junk)
    for write in (True, False):
        with pytest.raises(DatabaseError) as info:
            open_station(data_dir, write=write)
        assert "不是 swdesk 数据库" in str(info.value)
    assert _files(data_dir) == {"": junk}


def test_plain_sqlite_database_is_refused_and_left_alone(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    con = sqlite3.connect(paths.db_path(data_dir))
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    con.execute("INSERT INTO notes (text) VALUES ('私人记录')")
    con.commit()
    con.close()
    before = _files(data_dir)
    for write, create in ((True, False), (True, True), (False, False)):
        with pytest.raises(DatabaseError, match="不是 swdesk 数据库"):
            open_station(data_dir, write=write, create=create)
    assert _files(data_dir) == before
    # The refusal did not leave the lock taken.
    paths.db_path(data_dir).unlink()
    with open_station(data_dir, create=True) as fresh:
        assert fresh.writable


def test_refusal_message_in_english(data_dir: Path) -> None:
    from swdesk import i18n

    data_dir.mkdir(parents=True)
    paths.db_path(data_dir).write_bytes(b"hello, not a database" * 100)
    i18n.set_language("en")
    with pytest.raises(DatabaseError, match="is not a swdesk database"):
        open_station(data_dir)


@pytest.mark.posix_names  # '?' is a URI's query on Linux; Windows refuses the name
@pytest.mark.parametrize("folder", ["站点#2", "what?", "100%41"])
def test_data_dir_with_uri_special_characters(tmp_path: Path, folder: str) -> None:
    data_dir = tmp_path / folder
    with open_station(data_dir, create=True):
        pass
    with open_station(data_dir) as again:
        assert again.writable
    assert backup.check(paths.db_path(data_dir)).healthy
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # no stray files


@pytest.mark.parametrize("write", [True, False])
def test_a_failed_open_leaves_no_connection_holding_the_file(data_dir: Path,
                                                            write: bool) -> None:
    """On Windows a connection left open holds swdesk.db: the restore the window offers
    next could not move the damaged file aside (WinError 32)."""
    from winsim import held_paths

    with open_station(data_dir, create=True):
        pass
    live = paths.db_path(data_dir)
    size = live.stat().st_size
    with open(live, "r+b") as fh:  # the header (and app id) survive, the rest is noise
        fh.seek(4096)
        fh.write(b"\xde\xad\xbe\xef" * ((size - 4096) // 4))
    with pytest.raises(DatabaseError):
        open_station(data_dir, write=write)
    assert not [p for p in held_paths() if p.startswith(str(live))]
