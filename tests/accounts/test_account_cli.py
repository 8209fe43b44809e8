"""``swdesk user …`` and ``swdesk db audit``, run as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from swdesk.cli import main
from swdesk.db import open_station
from swdesk.model import AuditEntry, User
from swdesk.services import accounts

INIT = ["init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站", "--level", "station"]


pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def station_dir(tmp_path: Path) -> Path:
    data = tmp_path / "station"
    assert main([*INIT, "--data-dir", str(data)]) == 0
    return data


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--data-dir", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def test_user_add_list_passwd_disable(station_dir: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code, out, _ = run(capsys, station_dir, "user", "add", "admin", "--name", "王站管",
                       "--role", "admin", "--password", "Jialian2026")
    assert code == 0 and "已添加账户 admin" in out
    code, _, err = run(capsys, station_dir, "user", "add", "li", "--name", "李华",
                       "--role", "worker", "--password", "weak")
    assert code == 1 and "密码至少 8 位" in err and "Traceback" not in err
    assert run(capsys, station_dir, "user", "add", "li", "--name", "李华", "--role", "社工",
               "--password", "Shegong2026")[0] == 0
    code, out, _ = run(capsys, station_dir, "user", "list")
    assert code == 0 and "admin\t王站管\t管理员\t正常" in out and "li\t李华\t社工\t正常" in out
    assert run(capsys, station_dir, "user", "passwd", "li", "--password", "Newpass2026")[0] == 0
    assert run(capsys, station_dir, "user", "disable", "li")[0] == 0
    code, out, _ = run(capsys, station_dir, "user", "list")
    assert "li\t李华\t社工\t已停用" in out
    with open_station(station_dir):
        assert not User.get(User.username == "li").active
        with pytest.raises(Exception, match="已停用"):
            accounts.authenticate("li", "Newpass2026")
        actions = [e.action for e in AuditEntry.select().order_by(AuditEntry.id)]
    assert actions[-4:] == ["user_create", "password_reset", "user_disable", "sign_in_failed"]


def test_password_required_without_a_terminal(station_dir: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()  # pytest's stdin is not a terminal
    code, _, err = run(capsys, station_dir, "user", "add", "admin", "--name", "王",
                       "--role", "admin")
    assert code == 1 and "--password" in err
    with open_station(station_dir):
        assert not accounts.has_users()


def test_db_audit_verify_and_last(station_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, station_dir, "user", "add", "admin", "--name", "王站管", "--role", "admin",
        "--password", "Jialian2026")
    code, out, _ = run(capsys, station_dir, "db", "audit", "--verify", "--last", "1")
    assert code == 0 and "审计日志完好" in out and "user_create" in out
    with open_station(station_dir) as sdb:
        sdb.db.execute_sql("UPDATE audit_entry SET action = 'nothing' WHERE id = 1")
    code, out, _ = run(capsys, station_dir, "db", "audit", "--verify")
    assert code == 1 and "第 1 条审计记录被改动" in out and "审计日志被改动过" in out
