"""A questionnaire on paper: blank for filling in by hand, filled with score and band."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from swdesk.errors import PermissionDeniedError
from swdesk.model import AuditEntry, Case, Client, Worker
from swdesk.reports.questionnaire import blank_questionnaire, filled_questionnaire
from swdesk.services import crud, questionnaires
from swdesk.services.actor import SYSTEM, Actor

PdfText = Callable[[Path], str]


def flat(text: str) -> str:
    return "".join(text.split())


def test_a_blank_questionnaire_has_every_item_band_and_signature(
        sdb: object, tmp_path: Path, pdf_text: PdfText) -> None:
    out = tmp_path / "blank.pdf"
    pages = blank_questionnaire("elderly_ability", out)
    text = flat(pdf_text(out))
    assert pages >= 3 and f"第1页/共{pages}页" in text
    defn = questionnaires.definition("elderly_ability")
    for part in defn.parts:
        assert flat(part.label) in text, part.label
    for item in defn.items:
        assert flat(item.label)[:12] in text, item.label
    for band, span in (("能力完好", "（90）"), ("能力轻度受损（轻度失能）", "（66–89）"),
                       ("能力完全丧失（完全失能）", "（0–29）")):
        assert band + span in text
    assert "一、自理能力（满分32）" in text and "总分____（满分90）" in text
    assert "处于昏迷状态者，直接评定为能力完全丧失" in text
    assert "来源：GB/T42195-2022" in text and "评估人（签名）" in text


def test_a_filled_questionnaire_prints_answers_scores_and_band(
        sdb: object, tmp_path: Path, pdf_text: PdfText) -> None:
    mine = crud.create(Worker, {"name": "李社工"}, SYSTEM)
    client = crud.create(Client, {"name": "林阿婆"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": "2026-03-01", "stage": "intake",
                              "problem": "独居", "worker": mine.id}, SYSTEM)
    defn = questionnaires.definition("elderly_ability")
    answers = {i.code: i.options[0].code for i in defn.items}  # all the best answers …
    answers.update({"B2.4": "1", "C1": "yes", "C2": "0"})  # … stairs 1 of 3; dementia
    row = questionnaires.record(SYSTEM, "elderly_ability", "ability", answers,
                                date="2026-03-02", case_id=case.id, worker_id=mine.id)
    assert (row.score, row.band) == (88, "moderate")

    out = tmp_path / "filled.pdf"
    filled_questionnaire(row.id, Actor("li", "worker", worker_id=mine.id), out)
    text = flat(pdf_text(out))
    assert "林阿婆" in text and "李社工" in text and "2026-03-02" in text
    assert "88（满分90）" in text and "小计15" not in text  # 基础运动能力 is 13 of 15
    assert "小计满分1513" in text and "小计满分3232" in text
    assert "按分数能力轻度受损（轻度失能）" in text
    printed = AuditEntry.get((AuditEntry.action == "print") & (AuditEntry.row_uid == row.uid))
    assert '"unmasked": true' in printed.detail

    stranger = Actor("wang", "worker", worker_id=crud.create(Worker, {"name": "王"}, SYSTEM).id)
    with pytest.raises(PermissionDeniedError):
        filled_questionnaire(row.id, stranger, tmp_path / "no.pdf")
    assert not (tmp_path / "no.pdf").exists()
