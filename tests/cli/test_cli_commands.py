"""The ``swdesk`` command line: init, demo, db check/backup/restore, errors, languages."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import swdesk
from swdesk import paths
from swdesk.cli import main, station_cmds
from swdesk.db import backup, open_station
from swdesk.model import Client, Station
from swdesk.services import crud
from swdesk.services.actor import SYSTEM

REPO = Path(__file__).resolve().parents[2]
INIT = ["init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站", "--level", "station",
        "--district", "思明区"]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


pytestmark = pytest.mark.usefixtures("cli_env")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert "usage:" not in err
    return lines[0]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env.pop("SWDESK_LANG", None)
    env.pop("SWDESK_DATA_DIR", None)
    return env


def _counts(data_dir: Path) -> dict[str, int]:
    report = backup.check(paths.db_path(data_dir))
    assert report.healthy, report.problems
    return report.counts


def _add_clients(data_dir: Path, n: int) -> None:
    with open_station(data_dir):
        for i in range(n):
            crud.create(Client, {"name": f"命令行{i}"}, SYSTEM)


# --- init ----------------------------------------------------------------------------------


def test_init_then_init_again(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "--data-dir", str(data_dir), *INIT)
    assert code == 0, err
    assert "XM-SM-001" in out and "嘉莲街道社工站" in out
    assert err == ""
    with open_station(data_dir) as sdb:
        assert [s.code for s in Station.select()] == ["XM-SM-001"]
        assert sdb.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    before = _counts(data_dir)

    code, out, err = run(capsys, "--data-dir", str(data_dir), "init", "--station", "XM-HL-002",
                         "--name", "另一个站", "--level", "room")
    assert code == 1
    line = one_line_error(err)
    assert "XM-SM-001" in line
    assert _counts(data_dir) == before


def test_failed_init_leaves_no_database(capsys: pytest.CaptureFixture[str],
                                        data_dir: Path) -> None:
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "init", "--station", "XM-SM-001",
                          "--name", "站", "--level", "moon")
    assert code == 1
    assert "moon" in one_line_error(err)
    for suffix in ("", "-wal", "-shm"):
        assert not Path(f"{paths.db_path(data_dir)}{suffix}").exists()
    # ...so a correct init afterwards works.
    assert run(capsys, "--data-dir", str(data_dir), *INIT)[0] == 0


# --- data dir ------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_before_or_after_the_command(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path, where: str) -> None:
    target = tmp_path / f"dir-{where}"
    opt = ["--data-dir", str(target)]
    argv = [*opt, *INIT] if where == "before" else [*INIT, *opt]
    assert run(capsys, *argv)[0] == 0
    assert paths.db_path(target).exists()
    assert not (tmp_path / "env-default").exists()
    for check in (["--data-dir", str(target), "db", "check"],
                  ["db", "--data-dir", str(target), "check"],
                  ["db", "check", "--data-dir", str(target)]):
        code, out, err = run(capsys, *check)
        assert code == 0, (check, err)
        assert str(paths.db_path(target)) in out


def test_data_dir_from_environment(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    env_dir = tmp_path / "from-env"
    monkeypatch.setenv("SWDESK_DATA_DIR", str(env_dir))
    assert run(capsys, *INIT)[0] == 0
    assert paths.db_path(env_dir).exists()
    code, out, _err = run(capsys, "db", "check")
    assert code == 0 and str(env_dir) in out
    # --data-dir wins over the environment.
    explicit = tmp_path / "explicit"
    assert run(capsys, "--data-dir", str(explicit), *INIT)[0] == 0
    assert paths.db_path(explicit).exists()


# --- db check / backup / restore -----------------------------------------------------------


def test_backup_and_restore_round_trip(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                       tmp_path: Path) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, *INIT)[0] == 0
    _add_clients(data_dir, 3)
    out_file = tmp_path / "saved.db"
    code, out, err = run(capsys, *d, "db", "backup", "--out", str(out_file))
    assert code == 0, err
    assert str(out_file) in out
    saved = backup.check(out_file)
    assert saved.healthy and saved.counts["client"] == 3

    _add_clients(data_dir, 2)
    newer = _counts(data_dir)
    code, out, err = run(capsys, *d, "db", "restore", str(out_file))
    assert code == 0, err
    # the backup's rows, and the restore's own audit entry
    assert _counts(data_dir) == {**saved.counts, "audit_entry": saved.counts["audit_entry"] + 1}
    safety = list(paths.backups_dir(data_dir).glob("before-restore-*.db"))
    assert len(safety) == 1 and backup.check(safety[0]).counts == newer
    code, out, err = run(capsys, *d, "db", "check")
    assert code == 0, err
    assert "服务对象 3" in out


def test_backup_into_a_folder_names_the_file(capsys: pytest.CaptureFixture[str],
                                             data_dir: Path, tmp_path: Path) -> None:
    assert run(capsys, "--data-dir", str(data_dir), *INIT)[0] == 0
    folder = tmp_path / "usb"
    folder.mkdir()
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "db", "backup", "--out",
                          str(folder))
    assert code == 0, err
    made = list(folder.glob("*.db"))
    assert len(made) == 1 and backup.check(made[0]).healthy


def test_demo_backup_more_demo_restore(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                       tmp_path: Path) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, *INIT)[0] == 0
    code, _out, err = run(capsys, *d, "demo", "--clients", "200", "--records", "2000",
                          "--seed", "1")
    assert code == 0, err
    assert "Traceback" not in err
    code, _out, err = run(capsys, *d, "db", "check")
    assert code == 0, err
    first = _counts(data_dir)
    assert first["client"] >= 200 and first["service_record"] >= 2000

    out_file = tmp_path / "demo-backup.db"
    assert run(capsys, *d, "db", "backup", "--out", str(out_file))[0] == 0
    saved = backup.check(out_file)
    assert saved.healthy and saved.counts == first

    code, _out, err = run(capsys, *d, "demo", "--clients", "20", "--records", "50",
                          "--seed", "2")
    assert code == 0, err
    assert _counts(data_dir) != saved.counts

    assert run(capsys, *d, "db", "restore", str(out_file))[0] == 0
    assert run(capsys, *d, "db", "check")[0] == 0
    assert _counts(data_dir) == {**saved.counts, "audit_entry": saved.counts["audit_entry"] + 1}


# --- bad input -----------------------------------------------------------------------------


def _initialised(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert run(capsys, "--data-dir", str(data_dir), *INIT)[0] == 0


BAD_USAGE = {
    "unknown command": ["frobnicate"],
    "missing --station": ["init", "--name", "站", "--level", "station"],
    "clients not a number": ["demo", "--clients", "abc", "--records", "1"],
    "clients negative": ["demo", "--clients", "-5", "--records", "1"],
    "db without action": ["db"],
    "unknown db action": ["db", "vacuum"],
    "restore without file": ["db", "restore"],
    "unknown option": ["--colour", "db", "check"],
}


@pytest.mark.parametrize("argv", BAD_USAGE.values(), ids=BAD_USAGE.keys())
def test_bad_usage_is_one_line(capsys: pytest.CaptureFixture[str], data_dir: Path,
                               argv: list[str]) -> None:
    code, out, err = run(capsys, "--data-dir", str(data_dir), *argv)
    assert code == 2
    assert "--help" in one_line_error(err)
    assert out == ""
    assert not paths.db_path(data_dir).exists()


def test_bad_level_is_one_line(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "init", "--station", "X-1",
                          "--name", "站", "--level", "moon")
    assert code == 1
    assert "moon" in one_line_error(err)


def test_demo_before_init(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "demo", "--clients", "5",
                          "--records", "5")
    assert code != 0
    line = one_line_error(err)
    assert not paths.db_path(data_dir).exists()
    assert "swdesk init" in line


def test_check_and_backup_on_an_empty_dir(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                          tmp_path: Path) -> None:
    for argv in (["db", "check"], ["db", "backup", "--out", str(tmp_path / "x.db")]):
        code, _out, err = run(capsys, "--data-dir", str(data_dir), *argv)
        assert code == 1
        assert str(data_dir) in one_line_error(err)
    assert not paths.db_path(data_dir).exists()
    assert not (tmp_path / "x.db").exists()


def test_backup_to_an_unwritable_place(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                       tmp_path: Path) -> None:
    _initialised(capsys, data_dir)
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    target = a_file / "sub" / "x.db"  # its "folder" is a file: cannot be created
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "db", "backup", "--out",
                          str(target))
    assert code == 1
    assert str(target.parent) in one_line_error(err)
    assert a_file.read_text() == "x"


@pytest.mark.skipif(os.name == "nt", reason="Windows has no such path")
def test_backup_into_missing_root_folder(capsys: pytest.CaptureFixture[str],
                                         data_dir: Path) -> None:
    _initialised(capsys, data_dir)
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "db", "backup", "--out",
                          "/nonexistent/dir/x.db")
    assert code == 1
    one_line_error(err)
    assert not Path("/nonexistent").exists()


def test_backup_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                     tmp_path: Path) -> None:
    _initialised(capsys, data_dir)
    existing = tmp_path / "precious.db"
    existing.write_bytes(b"keep me" * 100)
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "db", "backup", "--out",
                          str(existing))
    assert code == 1
    assert str(existing) in one_line_error(err)
    assert existing.read_bytes() == b"keep me" * 100


@pytest.mark.parametrize("kind", ["missing", "text", "plain sqlite"])
def test_restore_refuses_bad_files(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                   tmp_path: Path, kind: str) -> None:
    import sqlite3

    _initialised(capsys, data_dir)
    _add_clients(data_dir, 2)
    before = paths.db_path(data_dir).read_bytes()
    source = tmp_path / f"{kind}.db"
    if kind == "text":
        source.write_text("姓名,电话\n张三,13800000000\n" * 50, encoding="utf-8")
    elif kind == "plain sqlite":
        sqlite3.connect(source).execute("CREATE TABLE t (x)").connection.close()
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "db", "restore", str(source))
    assert code == 1
    assert str(source) in one_line_error(err)
    assert paths.db_path(data_dir).read_bytes() == before
    assert not list(paths.backups_dir(data_dir).glob("before-restore-*"))


def test_restore_while_the_data_dir_is_open(capsys: pytest.CaptureFixture[str],
                                            data_dir: Path, tmp_path: Path) -> None:
    _initialised(capsys, data_dir)
    saved = tmp_path / "saved.db"
    assert run(capsys, "--data-dir", str(data_dir), "db", "backup", "--out", str(saved))[0] == 0
    with open_station(data_dir):
        code, _out, err = run(capsys, "--data-dir", str(data_dir), "db", "restore", str(saved))
    assert code == 1
    assert "已被另一个 swdesk 程序打开" in one_line_error(err)


# --- language ------------------------------------------------------------------------------


def test_english_messages(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _out, err = run(capsys, "--lang", "en", "--data-dir", str(data_dir), "db", "check")
    assert code == 1
    line = one_line_error(err)
    assert line.startswith("swdesk: error: There is no station database")
    assert not CJK.search(line)

    code, _out, err = run(capsys, "--lang", "en", "frobnicate")
    assert code == 2
    line = one_line_error(err)
    assert "(see swdesk --help)" in line and not CJK.search(line)

    code, out, err = run(capsys, "--lang=en", "--data-dir", str(data_dir), "init",
                         "--station", "XM-SM-001", "--name", "Jialian", "--level", "station")
    assert code == 0, err
    assert out.startswith("Created station XM-SM-001")
    code, out, _err = run(capsys, "--lang", "en", "--data-dir", str(data_dir), "db", "check")
    assert code == 0
    assert "The database is healthy" in out and "clients 0" in out


def test_chinese_is_the_default(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "db", "check")
    assert code == 1
    assert "没有站点数据库" in one_line_error(err)


# --- version, help, window -----------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code in (0, None)
    out, err = capsys.readouterr()
    assert out.strip() == f"swdesk {swdesk.__version__}"
    assert err == ""


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys)
    assert code == 0
    assert "swdesk" in out
    for command in ("init", "demo", "db"):
        assert command in out
    assert err == ""
    assert not (tmp_path / "env-default").exists()  # printing help creates nothing


def test_no_command_opens_the_window(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    calls: list[Path] = []

    def fake(data_dir: Path) -> int:
        calls.append(data_dir)
        return 0

    assert main([], open_window=fake) == 0
    assert calls == [tmp_path / "env-default"]
    explicit = tmp_path / "explicit"
    assert main(["--data-dir", str(explicit)], open_window=lambda d: 7 if d == explicit else 0) \
        == 7
    assert capsys.readouterr().out == ""


# --- unexpected errors ---------------------------------------------------------------------


def test_unexpected_error_goes_to_the_log(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch,
                                          data_dir: Path) -> None:
    def broken(args: object, data_dir: Path) -> int:
        raise RuntimeError("kaboom in the handler")

    monkeypatch.setattr(station_cmds, "cmd_init", broken)
    code, out, err = run(capsys, "--data-dir", str(data_dir), *INIT)
    assert code == 1
    line = one_line_error(err)
    log_file = paths.logs_dir(data_dir) / "swdesk.log"
    assert str(log_file) in line
    assert "kaboom" not in err and "RuntimeError" not in err
    assert out == ""
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text
    assert "RuntimeError: kaboom in the handler" in text
    assert not paths.db_path(data_dir).exists()


# --- a real process ------------------------------------------------------------------------


def _swdesk(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "swdesk", *argv], capture_output=True,
                          text=True, env=_env(), cwd=REPO, timeout=300)


def test_real_process(tmp_path: Path) -> None:
    data_dir = tmp_path / "proc-data"
    d = ["--data-dir", str(data_dir)]

    done = _swdesk(*d, *INIT)
    assert done.returncode == 0, done.stderr
    assert "XM-SM-001" in done.stdout

    again = _swdesk(*d, *INIT)
    assert again.returncode == 1
    one_line_error(again.stderr)

    check = _swdesk(*d, "db", "check")
    assert check.returncode == 0, check.stderr
    assert "数据库完好" in check.stdout

    bad = _swdesk(*d, "db", "restore", str(tmp_path / "nope.db"))
    assert bad.returncode == 1
    one_line_error(bad.stderr)

    usage = _swdesk(*d, "frobnicate")
    assert usage.returncode == 2
    one_line_error(usage.stderr)

    version = _swdesk("--version")
    assert version.returncode == 0
    assert version.stdout.strip().startswith("swdesk ")


def test_check_names_text_that_is_not_utf8_and_a_backup_still_keeps_it(
        capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> None:
    import sqlite3

    _initialised(capsys, data_dir)
    assert run(capsys, "--data-dir", str(data_dir), "demo", "--clients", "5", "--records",
               "5")[0] == 0
    con = sqlite3.connect(paths.db_path(data_dir))
    (uid,) = con.execute("SELECT uid FROM client ORDER BY id LIMIT 1").fetchone()
    with con:  # as a tool outside swdesk could
        con.execute("UPDATE client SET address = CAST(x'ff' AS TEXT) WHERE uid = ?", (uid,))
    con.close()
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "db", "check")
    assert code == 1
    assert f"表 client 的 address 列有 1 行文字不是 UTF-8（第一行：{uid}）" in out
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "db", "backup", "--out",
                          str(tmp_path / "b.db"))
    assert code == 0 and (tmp_path / "b.db").exists()


# --- faults (issue 18): a damaged or missing database, a full disk, the audit of a restore ----


def _damage(path: Path) -> None:
    """Overwrite everything after the first page: the header (and app id) survive."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xde\xad\xbe\xef" * ((size - 4096) // 4))


def _station_with_backup(capsys: pytest.CaptureFixture[str], data_dir: Path,
                         saved: Path) -> list[str]:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, *INIT)[0] == 0
    _add_clients(data_dir, 3)
    assert run(capsys, *d, "db", "backup", "--out", str(saved))[0] == 0
    return d


def test_restore_over_a_damaged_database(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                         tmp_path: Path) -> None:
    d = _station_with_backup(capsys, data_dir, tmp_path / "saved.db")
    live = paths.db_path(data_dir)
    _damage(live)
    damaged = live.read_bytes()
    code, _out, err = run(capsys, *d, "user", "list")  # any command: what it is, what to do
    assert code == 1 and "数据库已损坏" in one_line_error(err) and "db restore" in err

    code, out, err = run(capsys, *d, "db", "restore", str(tmp_path / "saved.db"))
    assert code == 0, err
    aside = list(paths.backups_dir(data_dir).glob("damaged-*/swdesk.db"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # kept, not deleted
    assert str(aside[0].parent) in out
    assert run(capsys, *d, "db", "check")[0] == 0
    assert _counts(data_dir)["client"] == 3


def test_restore_into_a_missing_or_empty_database(capsys: pytest.CaptureFixture[str],
                                                  data_dir: Path, tmp_path: Path) -> None:
    d = _station_with_backup(capsys, data_dir, tmp_path / "saved.db")
    live = paths.db_path(data_dir)
    live.write_bytes(b"")
    code, _out, err = run(capsys, *d, "user", "list")
    assert code == 1 and "db restore" in one_line_error(err)
    assert run(capsys, *d, "db", "restore", str(tmp_path / "saved.db"))[0] == 0
    assert _counts(data_dir)["client"] == 3
    live.unlink()
    backup.backup_file(tmp_path / "saved.db", paths.backups_dir(data_dir) / "manual-1.db")
    before = sorted(p.name for p in paths.backups_dir(data_dir).iterdir())
    code, _out, err = run(capsys, *d, *INIT)  # not a new, empty station over lost data
    assert code == 1 and "db restore" in one_line_error(err) and not live.exists()
    assert sorted(p.name for p in paths.backups_dir(data_dir).iterdir()) == before
    assert run(capsys, *d, "db", "restore", str(tmp_path / "saved.db"))[0] == 0
    assert _counts(data_dir)["client"] == 3


def test_restore_is_audited_so_verify_raises_no_false_alarm(
        capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> None:
    from swdesk.model import AuditEntry
    from swdesk.services import backups

    d = _station_with_backup(capsys, data_dir, tmp_path / "saved.db")
    _add_clients(data_dir, 2)
    with open_station(data_dir) as sdb:  # the automatic backup of a close, after saved.db
        made = backups.auto_backup(sdb, "close").path
    assert made is not None
    # (made a minute before the restore: a backup's time is the one in its name)
    when = dt.datetime.strptime(made.name[len("auto-"):][:15], "%Y%m%d-%H%M%S")
    made.rename(made.with_name(f"auto-{when - dt.timedelta(minutes=1):%Y%m%d-%H%M%S}-close.db"))
    assert run(capsys, *d, "db", "restore", str(tmp_path / "saved.db"))[0] == 0
    code, out, err = run(capsys, *d, "db", "audit", "--verify")
    assert code == 0, out + err
    assert "审计日志完好" in out
    with open_station(data_dir, write=False):
        last = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
        assert last.action == "restore" and last.actor == "system" and "saved.db" in last.detail


def test_full_disk_is_told_as_such(capsys: pytest.CaptureFixture[str], small_disk: Path,
                                   tmp_path: Path) -> None:
    from smalldisk import fill_disk

    data_dir = small_disk / "data"
    d = _station_with_backup(capsys, data_dir, tmp_path / "saved.db")
    before = paths.db_path(data_dir).read_bytes()
    filler = fill_disk(small_disk)
    for argv in (["user", "enable", "chen"], ["db", "check"],
                 ["db", "restore", str(tmp_path / "saved.db")]):
        code, _out, err = run(capsys, *d, *argv)
        assert code == 1, argv
        line = one_line_error(err)
        assert "磁盘空间不足" in line and "损坏" not in line.replace("没有损坏", ""), line
    assert paths.db_path(data_dir).read_bytes() == before
    filler.unlink()
    assert run(capsys, *d, "user", "list")[0] == 0
