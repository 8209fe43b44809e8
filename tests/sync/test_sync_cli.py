"""The sync and city commands end to end, as a station head and a city officer type them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from synchelp import fingerprint_in

from swdesk.cli import main

pytestmark = pytest.mark.usefixtures("cli_env")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_station_and_city_from_the_command_line(tmp_path: Path, capsys) -> None:
    hub, st, stick = str(tmp_path / "hub"), str(tmp_path / "st"), tmp_path / "stick"
    db = f"sqlite:///{tmp_path / 'hub-city.db'}"
    assert run(capsys, "--data-dir", hub, "city", "--db", db, "init")[0] == 0
    code, out, _ = run(capsys, "--data-dir", hub, "city", "--db", db, "enroll",
                       "--station", "XM-SM-001", "--name", "嘉莲街道社工站",
                       "--out", str(tmp_path / "enrol.json"))
    assert code == 0 and "登记文件" in out
    fingerprint = fingerprint_in(out)
    code, out, err = run(capsys, "--data-dir", st, "init", "--station", "XM-SM-001", "--name",
                         "嘉莲街道社工站", "--level", "station", "--district", "思明区",
                         "--enrollment", str(tmp_path / "enrol.json"),
                         "--fingerprint", fingerprint.upper().replace("-", " "))
    assert code == 0, err
    assert f"市级密钥指纹 {fingerprint}" in out  # init prints what it trusted
    assert run(capsys, "--data-dir", st, "demo", "--clients", "20", "--records", "30",
               "--seed", "3")[0] == 0
    code, out, _ = run(capsys, "--data-dir", st, "sync", "status")
    assert "待确认的变更" in out and "全部变更均已被市级平台确认" not in out
    code, out, err = run(capsys, "--data-dir", st, "sync", "export", "--out", str(stick))
    assert code == 0, err
    [pkg] = stick.glob("swdesk-XM-SM-001-*.swpkg")
    code, out, err = run(capsys, "--data-dir", hub, "city", "--db", db, "ingest", str(pkg))
    assert code == 0 and "已导入" in out, err
    code, out, _ = run(capsys, "--data-dir", hub, "city", "--db", db, "ingest", str(pkg))
    assert code == 0 and "已经导入过" in out
    code, out, err = run(capsys, "--data-dir", hub, "city", "--db", db, "return",
                         "--station", "XM-SM-001", "--out", str(stick))
    assert code == 0, err
    [ret] = stick.glob("swdesk-return-XM-SM-001-*.swpkg")
    code, out, err = run(capsys, "--data-dir", st, "sync", "import", str(ret))
    assert code == 0 and "已导入回执包第 1 号" in out, err
    code, out, _ = run(capsys, "--data-dir", st, "sync", "status")
    assert "全部变更均已被市级平台确认" in out
    # Nothing new: the package only confirms the return, and both sides say so.
    code, out, err = run(capsys, "--data-dir", st, "sync", "export", "--out", str(stick))
    assert code == 0 and "没有新的变更" in out and "–" not in out, err
    code, out, err = run(capsys, "--data-dir", hub, "city", "--db", db, "ingest",
                         str(stick / "swdesk-XM-SM-001-000002.swpkg"))
    assert code == 0 and "第 2 号）：没有新的变更" in out, err
    code, out, _ = run(capsys, "--data-dir", st, "sync", "conflicts")
    assert "没有待处理的冲突" in out
    code, out, _ = run(capsys, "--data-dir", hub, "city", "--db", db, "duplicates")
    assert code == 0 and "共 0 人" in out
    report = tmp_path / "月报.csv"
    code, out, err = run(capsys, "--data-dir", hub, "city", "--db", db, "report", "--month",
                         dt.date.today().strftime("%Y-%m"), "--out", str(report))
    assert code == 0, err
    table = list(csv.reader(report.open(encoding="utf-8-sig")))
    assert table[1][:4] == ["区", "站点编码", "站点", "服务对象"]
    assert table[2][1] == "XM-SM-001" and int(table[2][3]) > 0
    # a damaged file: one line, exit 1, nothing applied
    bad = tmp_path / "bad.swpkg"
    bad.write_bytes(pkg.read_bytes()[:500])
    code, out, err = run(capsys, "--data-dir", hub, "city", "--db", db, "ingest", str(bad))
    assert code == 1 and "拒收" in out and "Traceback" not in out + err


def test_sync_folder_is_used_automatically(tmp_path: Path, capsys) -> None:
    hub, st, share = str(tmp_path / "hub"), str(tmp_path / "st"), tmp_path / "share"
    run(capsys, "--data-dir", hub, "city", "init")
    out = run(capsys, "--data-dir", hub, "city", "enroll", "--station", "XM-HL-002", "--name",
              "湖里站", "--out", str(tmp_path / "e.json"))[1]
    run(capsys, "--data-dir", st, "init", "--station", "XM-HL-002", "--name", "湖里站",
        "--level", "station")
    assert run(capsys, "--data-dir", st, "sync", "enroll", str(tmp_path / "e.json"),
               "--fingerprint", fingerprint_in(out))[0] == 0
    code, _out, err = run(capsys, "--data-dir", st, "sync", "export")
    assert code == 1 and "没有设置同步文件夹" in err
    code, out, _ = run(capsys, "--data-dir", st, "sync", "folder", "--set", str(share))
    assert "现在无法访问" in out
    code, _out, err = run(capsys, "--data-dir", st, "sync", "auto")
    assert code == 1 and "无法访问" in err
    share.mkdir()
    assert run(capsys, "--data-dir", st, "sync", "auto")[0] == 0
    [pkg] = share.glob("swdesk-XM-HL-002-*.swpkg")
    assert run(capsys, "--data-dir", hub, "city", "ingest", str(pkg))[0] == 0
    assert run(capsys, "--data-dir", hub, "city", "return", "--station", "XM-HL-002",
               "--out", str(share))[0] == 0
    code, out, _ = run(capsys, "--data-dir", st, "sync", "auto")
    assert code == 0 and "已导入回执包第 1 号" in out
    code, out, _ = run(capsys, "--data-dir", st, "sync", "import")
    assert "没有新的回执包" in out
    assert not list((tmp_path / "st").glob("staging*/*"))
    assert run(capsys, "--data-dir", st, "sync", "folder", "--clear")[0] == 0
    # Each of those steps is in the audit log, as the command line's system account.
    from swdesk.db import open_station
    from swdesk.model import AuditEntry
    from swdesk.services import journal

    with open_station(Path(st)):
        entries = [(e.actor, e.action, e.row_uid) for e in AuditEntry.select().where(
            AuditEntry.action.startswith("sync-") | (AuditEntry.row_uid == "sync_folder"))
            .order_by(AuditEntry.id)]
        assert journal.verify_audit_chain() == []
    assert entries == [
        ("system", "sync-enrol", "XM-HL-002"), ("system", "setting", "sync_folder"),
        ("system", "sync-export", pkg.name),
        ("system", "sync-import", "swdesk-return-XM-HL-002-000001.swpkg"),
        ("system", "sync-export", "swdesk-XM-HL-002-000002.swpkg"),
        ("system", "setting", "sync_folder")]


def test_enrolment_file_for_another_station_is_refused(tmp_path: Path, capsys) -> None:
    hub, st = str(tmp_path / "hub"), str(tmp_path / "st")
    run(capsys, "--data-dir", hub, "city", "init")
    run(capsys, "--data-dir", hub, "city", "enroll", "--station", "XM-HL-002", "--name", "湖里站",
        "--out", str(tmp_path / "e.json"))
    code, _out, err = run(capsys, "--data-dir", st, "init", "--station", "XM-SM-001", "--name",
                          "嘉莲", "--level", "station", "--enrollment", str(tmp_path / "e.json"))
    assert code == 1 and "XM-HL-002" in err
    assert not (tmp_path / "st" / "swdesk.db").exists()  # nothing half-made left behind
    text = (tmp_path / "e.json").read_text(encoding="utf-8").replace("湖里站", "湖里站X")
    (tmp_path / "forged.json").write_text(text, encoding="utf-8")
    run(capsys, "--data-dir", st, "init", "--station", "XM-HL-002", "--name", "湖里站",
        "--level", "station")
    code, _out, err = run(capsys, "--data-dir", st, "sync", "enroll",
                          str(tmp_path / "forged.json"))
    assert code == 1 and "签名无效" in err


def test_package_budget_from_the_command_line(tmp_path: Path, capsys) -> None:
    st = str(tmp_path / "st 站")
    assert run(capsys, "--data-dir", st, "init", "--station", "XM-SM-001", "--name",
               "嘉莲街道社工站", "--level", "station", "--district", "思明区")[0] == 0
    code, out, _ = run(capsys, "--data-dir", st, "sync", "budget")
    assert code == 0 and "同步包大小上限：200 MB；0 个附件文件" in out
    code, out, _ = run(capsys, "--data-dir", st, "sync", "budget", "--set", "50")
    assert code == 0 and "上限：50 MB" in out
    code, _out, err = run(capsys, "--data-dir", st, "sync", "budget", "--set", "5000")
    assert code != 0 and "1–1900 MB" in err
    assert "上限：50 MB" in run(capsys, "--data-dir", st, "sync", "budget")[1]
