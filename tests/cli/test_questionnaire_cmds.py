"""``swdesk questionnaire list | show``: what a station's questionnaires hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from swdesk.cli import main
from swdesk.questionnaire_defs import parse

pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def station(tmp_path: Path) -> list[str]:
    where = ["--data-dir", str(tmp_path / "data")]
    assert main([*where, "init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站"]) == 0
    return where


def test_list_and_show(station: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main([*station, "questionnaire", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "elderly_ability", "satisfaction", "social_support"]
    assert "老年人能力评估（GB/T 42195-2022）\t第 1 版\t内置\t28 题" in lines[0]

    assert main([*station, "questionnaire", "show", "elderly_ability"]) == 0
    out = capsys.readouterr().out
    assert "满分 90；等级按总分" in out and "B2 基础运动能力（满分 15）" in out
    assert "66–89\t能力轻度受损（轻度失能）" in out
    assert "处于昏迷状态者，直接评定为能力完全丧失" in out and "来源：GB/T 42195-2022" in out

    assert main([*station, "questionnaire", "show", "social_support", "--json"]) == 0
    defn = parse(json.loads(capsys.readouterr().out))  # a template the city can revise
    assert (defn.code, defn.max_total, len(defn.items)) == ("social_support", 50, 10)


def test_an_unknown_code_is_one_clear_line(station: list[str],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main([*station, "questionnaire", "show", "nope"]) == 1
    err = capsys.readouterr().err
    assert "没有编码为 nope 的问卷" in err and "Traceback" not in err


def test_report_prints_a_blank_one_or_says_what_is_missing(
        station: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "q.pdf"
    assert main([*station, "report", "questionnaire", "--questionnaire", "satisfaction",
                 "--out", str(out)]) == 0
    assert out.is_file() and "共 1 页" in capsys.readouterr().out
    assert main([*station, "report", "questionnaire", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "请选择要打印的问卷" in capsys.readouterr().err
