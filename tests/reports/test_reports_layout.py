"""The shared page: the embedded Song and Hei faces, header, footer, blank forms, the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from swdesk.cli import main
from swdesk.model import Client, CommunityActivity
from swdesk.reports import ReportRequest, kinds, run
from swdesk.reports.blank import blank_form
from swdesk.services import activities, groups, questionnaires
from swdesk.services.actor import SYSTEM


def test_blank_forms_come_from_the_descriptions(sdb, tmp_path: Path, pdf_text) -> None:
    out = tmp_path / "intake.pdf"
    blank_form("intake", out)
    text = pdf_text(out)
    for label in ("服务对象登记表", "姓名", "身份证号", "联系电话", "人员类别", "低保", "特困",
                  "健康状况", "问题描述", "风险等级", "接案社工（签名）"):
        assert label in text, label
    out = tmp_path / "service.pdf"
    blank_form("service", out)
    text = pdf_text(out)
    for label in ("服务记录表", "服务日期", "个人服务", "敬老", "参与服务对象", "签名"):
        assert label in text, label


def _a_group() -> str:
    """A group with a member and a session on the demo station; its number."""
    group = groups.save_group({"name": "长者互助小组", "category": "jinglao",
                               "field": "welfare", "aims": "互助", "planned_sessions": 4},
                              SYSTEM)
    client = Client.live().order_by(Client.id).first()
    assert client is not None
    groups.add_member(int(group.id), int(client.id), SYSTEM)
    groups.save_session(int(group.id), {"date": dt.date.today(), "content": "破冰"},
                        [int(client.id)], SYSTEM)
    return str(group.group_no)


@pytest.mark.parametrize("kind", kinds.keys())
def test_every_report_embeds_only_subsets_of_the_bundled_font(
        demo_db, last_month, tmp_path: Path, pdf_fonts, pdf_text, kind: str) -> None:
    values = {"record": "1", "case": "1", "volunteer": "1", "project": "1", "form": "service",
              "document": "file",
              "month": last_month, "year": last_month[:4], "date_from": "2000-01-01",
              "date_to": "2999-12-31", "activity": "1", "paper": "file",
              "questionnaire": "elderly_ability", "year_no": "1", "week": f"{last_month}-01"}
    if kind == "activity" and not CommunityActivity.select().exists():
        activities.save_plan({"title": "重阳敬老游园会", "category": "jinglao",
                              "field": "welfare", "planned_on": "2026-10-29",
                              "aims": "关爱长者"}, SYSTEM)  # (a demo without activities)
    if any(p.name == "group" for p in kinds.get(kind).params):
        values.update(group=_a_group(), paper="file", session="")
    if kind == "questionnaire":  # a filled one (the demo fills in no satisfaction surveys)
        answers = {i.code: i.options[0].code
                   for i in questionnaires.definition("satisfaction").items if i.options}
        values["response"] = str(questionnaires.record(
            SYSTEM, "satisfaction", "satisfaction", answers, date="2026-01-05").id)
    request = ReportRequest(kind, {p.name: values[p.name] for p in kinds.get(kind).params})
    out = tmp_path / f"{kind}.pdf"
    assert str(out) in run(request, SYSTEM, out)
    fonts = pdf_fonts(out)
    assert fonts, "no fonts found"
    # reportlab embeds a TrueType font as subsets of 256 glyphs: several subset objects
    # (AAAAAA+…, AAAAAB+…) of the two bundled faces, the Song body and the Hei titles.
    assert {name.split("+", 1)[1] for name, _e in fonts} == {"UMingCN", "WenQuanYiMicroHei-0"}
    assert all("+" in name and embedded for name, embedded in fonts), fonts
    text = pdf_text(out)
    assert text.count("嘉莲街道社工站") >= 1
    assert "第1页/共" in text and "打印日期：" in text


def test_cli_writes_a_report_and_refuses_bad_input(demo_db, tmp_path: Path, capsys,
                                                   last_month) -> None:
    data_dir = demo_db.data_dir
    demo_db.close()  # the command opens the station itself
    out = tmp_path / "m.pdf"
    assert main(["report", "monthly", "--month", last_month, "--out", str(out),
                 "--data-dir", str(data_dir)]) == 0
    assert out.exists() and "已生成" in capsys.readouterr().out
    assert main(["report", "monthly", "--month", "2026-13", "--out", str(tmp_path / "x.pdf"),
                 "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "YYYY-MM" in err and "Traceback" not in err
    assert main(["report", "record", "--record", "99999999", "--out", str(tmp_path / "r.pdf"),
                 "--data-dir", str(data_dir)]) == 1
    assert "找不到编号为 99999999 的服务记录" in capsys.readouterr().err
    assert main(["report", "monthly", "--month", last_month, "--out", str(tmp_path / "m.xlsx"),
                 "--data-dir", str(data_dir)]) == 0
    assert (tmp_path / "m.xlsx").exists()
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "r.pdf").exists()
