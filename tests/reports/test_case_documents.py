"""The case file's documents: each alone and all in order, checked by their Chinese text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from swdesk import reports
from swdesk.cli import main
from swdesk.db import StationDatabase
from swdesk.errors import ValidationError
from swdesk.model import AuditEntry, Case, Client, QuestionnaireResponse, Worker
from swdesk.reports.case_file import case_document, case_file
from swdesk.services import case_closure, case_goals, cases, crud
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.case_closure import Closure
from swdesk.services.display import mask
from swdesk.validation import resident_id_check_digit

TODAY = dt.date.today()
OPENED = TODAY - dt.timedelta(days=120)
CLOSED = TODAY - dt.timedelta(days=40)
FIRST17 = "35020319470910002"
ID_NUMBER = FIRST17 + resident_id_check_digit(FIRST17)
GOALS = (("建立稳定的支持网络", "链接邻里守望志愿者每周探访"), ("改善饮食", "申请长者助餐"),
         ("缓解孤独情绪", "参加社区长者小组"))


def _closed_case(*, close: bool = True) -> Case:
    worker = crud.create(Worker, {"name": "李社工"}, SYSTEM)
    client = crud.create(Client, {"name": "林秀英", "id_number": ID_NUMBER,
                                  "phone": "13906001234", "community": "莲花社区"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": OPENED, "stage": "plan",
                              "worker": worker.id, "risk_level": "medium",
                              "problem": "独居，子女在外地，近来饮食不规律",
                              "assessment": "社会支持薄弱，情绪低落",
                              "plan": "三个月内建立支持网络"}, SYSTEM)
    QuestionnaireResponse.create(questionnaire="elder_ability", phase="assessment",
                                 date=OPENED, case=case.id, client=client.id, answers="{}",
                                 score=72, band="轻度失能", worker=worker.id)
    goals = [case_goals.add_goal(case.id, {"goal": g, "measures": m,
                                           "target_on": OPENED + dt.timedelta(days=60)}, SYSTEM)
             for g, m in GOALS]
    for n, text in enumerate(("入户了解居住情况", "电话跟进助餐申请")):
        cases.add_case_log(case.id, {"date": OPENED + dt.timedelta(days=7 * (n + 1)),
                                     "way": "home_visit" if n == 0 else "phone",
                                     "content": text, "worker": worker.id,
                                     "next_step": "下周再访"}, SYSTEM)
    referral = case_closure.add_referral(case.id, {
        "direction": "out", "date": OPENED + dt.timedelta(days=10),
        "organisation": "思明区残疾人联合会", "reason": "申请助行器"}, SYSTEM)
    case_closure.record_receipt(referral.id, SYSTEM, receipt_on=OPENED + dt.timedelta(days=20),
                                receipt_note="已受理，助行器已配发")
    if close:
        case_closure.close_case(case.id, Closure(
            closed_on=CLOSED, reason="goals_met", satisfaction="5", summary="三项目标基本达成",
            attainments=dict(zip([g.id for g in goals], ("met", "partly", "not_met"),
                                 strict=True))), SYSTEM)
    return crud.get(Case, case.id)


def test_each_document_prints_what_evaluators_read(sdb: StationDatabase, tmp_path: Path,
                                                   pdf_text) -> None:
    case = _closed_case()
    station = "嘉莲街道社工站"
    expected = {
        "intake": ("接案登记表", "服务对象基本情况", "接案情况", "林秀英", ID_NUMBER,
                        "莲花社区", "李社工", "中", "独居，子女在外地", "接案社工（签名）",
                        "服务对象或监护人（签名）"),
        "assessment": ("预估表", "问题与风险", "社会支持薄弱，情绪低落", "评估量表",
                            "elder_ability", "72", "轻度失能", "评估社工（签名）"),
        "plan": ("服务计划表", "服务目标与措施", *[g for g, _m in GOALS],
                      *[m for _g, m in GOALS], (OPENED + dt.timedelta(days=60)).isoformat(),
                      "三个月内建立支持网络", "负责社工（签名）", "服务对象或监护人（签名）"),
        "logs": ("个案过程记录", "第1次", "第2次", "入户了解居住情况", "电话跟进助餐申请",
                      "下周再访", "督导（签名）"),
        "referral": ("转介表", "思明区残疾人联合会", "申请助行器", "接收机构回执",
                          "已受理，助行器已配发", "接收机构经办人（签名、盖章）"),
        "closure": ("结案评估表", "目标达成情况", "完全达成", "部分达成", "未达成",
                         "服务目标达成", "非常满意", "三项目标基本达成", CLOSED.isoformat(),
                         case_closure.add_months(CLOSED, 1).isoformat(), "计划回访日期"),
    }
    for key, texts in expected.items():
        out = tmp_path / f"{key}.pdf"
        pages = case_document(key, case.case_no, SYSTEM, out)
        text = pdf_text(out)
        assert pages == len(PdfReader(out).pages) >= 1
        for wanted in (station, case.case_no, "第1页/共", *texts):
            assert "".join(wanted.split()) in text, (key, wanted)
        entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
        assert (entry.action, entry.row_uid, json.loads(entry.detail)) == (
            "print", case.uid, {"report": "case", "document": key})


def test_the_whole_file_holds_the_documents_in_order(sdb: StationDatabase, tmp_path: Path,
                                                     pdf_text) -> None:
    case = _closed_case()
    out = tmp_path / "case.pdf"
    pages = case_file(case.case_no, SYSTEM, out)
    text = pdf_text(out)
    titles = ("接案登记表", "预估表", "服务计划表", "个案过程记录", "转介表", "结案评估表")
    where = [text.index(t + "嘉莲街道社工站") for t in titles]
    assert where == sorted(where)
    # every document starts on a page of its own
    starts = [n for n, page in enumerate(PdfReader(out).pages)
              if any("".join(page.extract_text().split()).find(t + "嘉莲") >= 0
                     for t in titles)]
    assert len(starts) == len(titles) and pages >= len(titles)


def test_an_open_case_s_file_has_no_closure_but_the_form_prints_to_fill_in(
        sdb: StationDatabase, tmp_path: Path, pdf_text) -> None:
    case = _closed_case(close=False)
    out = tmp_path / "open.pdf"
    case_file(case.id, SYSTEM, out)
    assert "结案评估表" not in pdf_text(out) and "服务计划表" in pdf_text(out)
    out = tmp_path / "closure.pdf"
    case_document("closure", case.id, SYSTEM, out)
    text = pdf_text(out)
    assert "结案评估表" in text and all(g in text for g, _m in GOALS)
    assert "完全达成" not in text and "结案原因" in text


def test_a_case_without_referrals_gets_a_blank_referral_form(
        sdb: StationDatabase, tmp_path: Path, pdf_text) -> None:
    client = crud.create(Client, {"name": "黄伯"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": OPENED, "stage": "intake",
                              "problem": "独居"}, SYSTEM)
    out = tmp_path / "whole.pdf"
    case_file(case.id, SYSTEM, out)
    assert "转介表" not in pdf_text(out)
    out = tmp_path / "referral.pdf"
    assert case_document("referral", case.case_no, SYSTEM, out) == 1
    text = pdf_text(out)
    assert "转介表" in text and "转介机构" in text and "回执日期" in text


def test_a_worker_without_the_case_gets_it_masked(sdb: StationDatabase, tmp_path: Path,
                                                  pdf_text) -> None:
    case = _closed_case()
    stranger = Actor("wang", "worker", worker_id=crud.create(Worker, {"name": "王"}, SYSTEM).id)
    out = tmp_path / "intake.pdf"
    case_document("intake", case.id, stranger, out)
    text = pdf_text(out)
    assert ID_NUMBER not in text and "独居，子女在外地" not in text
    assert mask(ID_NUMBER, "id") in text and "个人信息已作脱敏处理" in text


def test_the_command_line_takes_the_case_number(sdb: StationDatabase, tmp_path: Path,
                                                cli_env: None, pdf_text,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    case = _closed_case()
    out = tmp_path / "closure.pdf"
    request = reports.ReportRequest.of("case", case=case.case_no, document="closure")
    assert "共 1 页" in reports.run(request, SYSTEM, out)
    sdb.close()
    code = main(["--data-dir", str(sdb.data_dir), "report", "case", "--case",
                 case.case_no.lower(), "--document", "referral", "--out",
                 str(tmp_path / "referral.pdf")])
    assert code == 0 and "已生成" in capsys.readouterr().out
    assert "思明区残疾人联合会" in pdf_text(tmp_path / "referral.pdf")


def test_an_unknown_document_is_refused_before_anything_is_written(
        sdb: StationDatabase, tmp_path: Path) -> None:
    case = _closed_case()
    out = tmp_path / "x.pdf"
    with pytest.raises(ValidationError, match="文书只能是：file、intake、assessment"):
        reports.run(reports.ReportRequest.of("case", case=case.case_no, document="letter"),
                    SYSTEM, out)
    assert not out.exists()
