"""``swdesk evaluation|complaint|agency|station``, ``cert`` and ``warnings``: the contract
year's ledgers from the command line; bad input refused in Chinese, nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from swdesk.cli import main
from swdesk.db import open_station
from swdesk.model import Complaint, Evaluation, Indicator, Project, Volunteer, VolunteerCertificate
from swdesk.services import crud, records
from swdesk.services.actor import SYSTEM

pytestmark = pytest.mark.usefixtures("cli_env")
TODAY = dt.date.today()


@pytest.fixture
def station(tmp_path: Path) -> list[str]:
    where = ["--data-dir", str(tmp_path / "data")]
    assert main([*where, "init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站"]) == 0
    with open_station(tmp_path / "data"):
        crud.create(Project, {"name": "嘉莲社工站项目", "code": "XM-SM-001-P202401",
                              "purchaser": "嘉莲街道", "budget": "300000",
                              "start_on": TODAY - dt.timedelta(days=800),
                              "end_on": TODAY + dt.timedelta(days=200)}, SYSTEM)
    return where


def _count(where: list[str], model: type) -> int:
    with open_station(Path(where[1]), write=False):
        return int(model.select().count())


def test_an_evaluation_per_year(station: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*station, "warnings"]) == 0
    out = capsys.readouterr().out
    assert "第1执行年度" in out and "第2执行年度" in out and "尚未登记评估" in out
    for year, grade in (("1", "良好"), ("2", "优秀")):
        assert main([*station, "evaluation", "add", "project=XM-SM-001-P202401",
                     "评估类型=年度评估", f"执行年度={year}", f"grade={grade}",
                     f"evaluated_on={(TODAY - dt.timedelta(days=10)).isoformat()}",
                     "evaluator=厦门市社会工作协会"]) == 0
    out = capsys.readouterr().out
    assert "优秀：可以续签" in out
    assert _count(station, Evaluation) == 2
    assert main([*station, "warnings"]) == 0
    assert "尚未登记评估" not in capsys.readouterr().out
    assert main([*station, "evaluation", "list"]) == 0
    assert "未达优秀：期满不得续签" in capsys.readouterr().out
    with open_station(Path(station[1])):
        crud.create(Indicator, {"project": Project.get().id, "kind": "cases", "target": 30},
                    SYSTEM)
    assert main([*station, "evaluation", "scores", "1", "个案数=27"]) == 0
    assert capsys.readouterr().out.splitlines() == ["个案数\t30\t27\t"]
    assert main([*station, "evaluation", "scores", "1", "小组数=5"]) == 1
    assert "没有“小组数”这项指标；有：个案数" in capsys.readouterr().err


def test_bad_input_is_refused_in_chinese(station: list[str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main([*station, "evaluation", "add", "project=不存在的项目", "kind=年度评估",
                 "year_no=1", "grade=优秀", "evaluated_on=2025-01-01"]) == 1
    assert "找不到项目“不存在的项目”" in capsys.readouterr().err
    assert main([*station, "evaluation", "add", "project=XM-SM-001-P202401",
                 "kind=年度评估", "year_no=1", "grade=极好", "evaluated_on=2025-01-01"]) == 1
    assert "等级" in capsys.readouterr().err
    assert main([*station, "evaluation", "add", "colour=红"]) == 1
    assert "没有“colour”这一项" in capsys.readouterr().err
    assert _count(station, Evaluation) == 0


def test_a_complaint_passes_its_deadline(station: list[str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*station, "agency", "add", "name=厦门市启航社工服务中心",
                 "fulltime_staff=6", "certified_staff=1", "legal_rep_cert=助理社会工作师"]) == 0
    capsys.readouterr()
    assert main([*station, "agency", "list"]) == 0
    assert "1/6" in capsys.readouterr().out
    assert main([*station, "complaint", "days", "0"]) == 1
    assert "天数须在 1 到 90 之间" in capsys.readouterr().err
    assert main([*station, "complaint", "days", "10"]) == 0
    assert "受理后 10 天" in capsys.readouterr().out
    received = TODAY - dt.timedelta(days=3)
    assert main([*station, "complaint", "add", "target=服务机构", "agency=厦门市启航社工服务中心",
                 "channel=电话", f"received_on={received}", "content=活动通知太晚",
                 "status=已受理", f"deadline={TODAY - dt.timedelta(days=1)}"]) == 0
    capsys.readouterr()
    assert main([*station, "complaint", "list", "--overdue"]) == 0
    assert "已超过办理期限" in capsys.readouterr().out
    assert main([*station, "warnings"]) == 0
    assert "受理的投诉已超过办理期限" in capsys.readouterr().out
    with open_station(Path(station[1]), write=False):
        complaint_id = str(Complaint.get().id)
    assert main([*station, "complaint", "edit", complaint_id, "status=已办结",
                 f"handled_on={TODAY}", "outcome=已致歉并改进"]) == 0
    assert main([*station, "complaint", "list", "--overdue"]) == 0
    assert "没有记录" in capsys.readouterr().out.splitlines()[-1]


def test_certificate_void_and_reprint(station: list[str], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    # (the report module makes the first certificate as the 打印 button would)
    from swdesk.reports import volunteer

    with open_station(tmp_path / "data"):
        helper = crud.create(Volunteer, {"name": "林志愿"}, SYSTEM).id
        records.save_service_record({"date": TODAY, "kind": "community", "category": "wenhua",
                                     "field": "community", "title": "义诊", "headcount": 30},
                                    [], [(helper, "4")], [], SYSTEM)
        number = volunteer.issue_certificate(helper, SYSTEM, tmp_path / "c.pdf").cert_no
    capsys.readouterr()
    assert main([*station, "cert", "list", "--search", "林志"]) == 0
    assert number in capsys.readouterr().out
    assert main([*station, "cert", "reprint", number, "--out", str(tmp_path / "r.pdf")]) == 0
    assert (tmp_path / "r.pdf").stat().st_size > 1000
    assert main([*station, "cert", "void", number, "--reason", "日期打错"]) == 0
    assert main([*station, "cert", "void", number, "--reason", "再作废"]) == 1
    assert "已于" in capsys.readouterr().err
    assert main([*station, "cert", "reprint", number, "--out", str(tmp_path / "x.pdf")]) == 1
    assert "已作废" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()
    assert main([*station, "report", "volunteer", "--volunteer", str(helper),
                 "--out", str(tmp_path / "n.pdf")]) == 0
    with open_station(tmp_path / "data", write=False):
        numbers = [c.cert_no for c in VolunteerCertificate.select()]
    assert len(numbers) == 2 and len(set(numbers)) == 2  # the voided number stays taken
