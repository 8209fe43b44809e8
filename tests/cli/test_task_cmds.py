"""``swdesk tasks``: the work list in words, per worker and section, on a GBK console."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from swdesk import settings
from swdesk.cli import main
from swdesk.db import open_station
from swdesk.model import Client, Worker
from swdesk.services import crud, records
from swdesk.services.actor import SYSTEM

pytestmark = pytest.mark.usefixtures("cli_env")
REPO = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 6, 1)
ODD = "𠮷"  # not in GBK


@pytest.fixture
def station(tmp_path: Path) -> list[str]:
    data_dir = tmp_path / "data"
    where = ["--data-dir", str(data_dir)]
    assert main([*where, "init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站"]) == 0
    with open_station(data_dir):
        settings.VISIT_RULES_SINCE.set("2026-01-05")
        li = crud.create(Worker, {"name": "李华"}, SYSTEM)
        wang = crud.create(Worker, {"name": "王芳"}, SYSTEM)
        for name, worker, last in (("林阿婆", li, DAY - dt.timedelta(10)),
                                   (f"陈{ODD}公", wang, DAY - dt.timedelta(3))):
            client = crud.create(Client, {"name": name, "target_groups": "elderly_alone",
                                          "status": "active", "registered_on": "2026-01-05",
                                          "visitor_worker": worker.id}, SYSTEM)
            records.save_service_record(
                {"date": last, "kind": "individual", "category": "jinglao",
                 "field": "welfare", "title": "探访", "care_visit": True},
                [client.id], [], [], SYSTEM)
    return where


def test_the_list_in_sections(station: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main([*station, "tasks", "--date", DAY.isoformat()]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "已逾期（1）"
    assert out[1].split() == ["2026-05-29", "逾期3天", "探访", "林阿婆", "邻里守望探访（每7天）",
                              "入户探访", "社工：李华"]
    assert out[2:4] == ["今天（0）", "本周（1）"]
    assert "陈" in out[4] and "社工：王芳" in out[4]

    assert main([*station, "tasks", "--date", DAY.isoformat(), "--worker", "王芳",
                 "--due", "overdue"]) == 0
    assert capsys.readouterr().out.splitlines() == ["已逾期（0）"]


def test_an_unknown_worker_is_one_clear_line(station: list[str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main([*station, "tasks", "--worker", "无此人"]) == 1
    err = capsys.readouterr().err
    assert "没有名为“无此人”的社工" in err and "Traceback" not in err


def test_on_a_gbk_console(station: list[str]) -> None:
    env = dict(os.environ, PYTHONIOENCODING="gbk",
               PYTHONPATH=os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH"))
                                          if p))
    env.pop("SWDESK_LANG", None)
    done = subprocess.run([sys.executable, "-m", "swdesk", *station, "tasks", "--date",
                           DAY.isoformat()], capture_output=True, env=env, cwd=REPO,
                          timeout=120)
    assert done.returncode == 0, done.stderr.decode("gbk")
    out = done.stdout.decode("gbk")  # strictly: the console can show every byte
    assert "林阿婆" in out and "陈?公" in out


def test_db_check_finds_and_repairs_the_kept_last_visits(
        station: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = Path(station[1])
    with open_station(data_dir) as sdb:
        sdb.db.execute_sql("UPDATE visit_seen SET last_on = '2020-01-01'")
    capsys.readouterr()
    assert main([*station, "db", "check"]) == 1
    out = capsys.readouterr().out
    assert "2 位服务对象的最后探访日期与服务记录不符" in out and "--repair" in out
    assert main([*station, "db", "check", "--repair"]) == 0
    assert "已重建 2 位服务对象的最后探访日期" in capsys.readouterr().out
    assert main([*station, "db", "check"]) == 0
