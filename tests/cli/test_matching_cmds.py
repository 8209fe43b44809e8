"""``swdesk need list|suggest|match``, ``swdesk community`` and ``swdesk rota``."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from swdesk import settings
from swdesk.cli import main
from swdesk.db import open_station
from swdesk.model import Client, Need, Volunteer
from swdesk.services import crud
from swdesk.services.actor import SYSTEM

pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def station(tmp_path: Path) -> list[str]:
    where = ["--data-dir", str(tmp_path / "data")]
    assert main([*where, "init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站"]) == 0
    with open_station(tmp_path / "data"):
        settings.VISIT_RULES_SINCE.set("2026-11-01")
        local = crud.create(Volunteer, {"name": "林秀琴", "community": "前埔社区",
                                        "languages": "闽南话"}, SYSTEM)
        crud.create(Volunteer, {"name": "张志明", "skills": "陪同就医/办事"}, SYSTEM)
        client = crud.create(Client, {"name": "陈秀英", "community": "前埔社区",
                                      "languages": "闽南话", "status": "active",
                                      "target_groups": "elderly_alone",
                                      "registered_on": "2026-11-01", "phone": "13812345678",
                                      "address": "莲岳里12号楼503室",
                                      "visitor_volunteer": local.id}, SYSTEM)
        crud.create(Need, {"client": client.id, "category": "yiliao", "description": "陪同复诊",
                           "status": "open", "raised_on": "2026-11-20",
                           "due_on": "2026-11-25"}, SYSTEM)
    return where


def test_a_need_suggested_and_matched(station: list[str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*station, "need", "list", "--open", "--on", "2026-12-01"]) == 0
    listed = capsys.readouterr().out
    assert "陈秀英" in listed and "逾期 6 天" in listed
    ref = listed.split("\t")[0]
    assert main([*station, "need", "suggest", "陈秀英"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1\t对接志愿者\t林秀琴") and "会说闽南话" in lines[0]
    assert "张志明" in lines[1] and "技能适合医疗需求：陪同就医/办事" in lines[1]
    assert main([*station, "need", "match", ref, "--volunteer", "林秀琴"]) == 0
    assert "已对接：林秀琴" in capsys.readouterr().out
    assert main([*station, "need", "list", "--open"]) == 0
    assert "没有未完成的需求" in capsys.readouterr().out
    assert main([*station, "need", "match", "无此人"]) == 1
    assert "找不到需求" in capsys.readouterr().err


def test_communities_and_the_rota(station: list[str], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*station, "community", "list"]) == 0
    assert "前埔社区\t前埔社区\t本站" in capsys.readouterr().out
    assert main([*station, "community", "add", "莲花社区"]) == 0
    assert main([*station, "community", "hide", "莲花社区"]) == 0
    capsys.readouterr()
    assert main([*station, "community", "list"]) == 0
    assert "莲花社区" not in capsys.readouterr().out
    out = tmp_path / "探访 排班.pdf"
    assert main([*station, "rota", "--week", "2026-12-02", "--out", str(out),
                 "--volunteer", "林秀琴"]) == 0
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "陈秀*" in text and "陈秀英" not in text and "503" not in text
    assert main([*station, "rota", "--week", "2026-12-02", "--out", str(out),
                 "--volunteer", "无此人"]) == 1
