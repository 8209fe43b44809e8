"""Service record sheets and case files: content, masking, batches, missing ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from peewee import fn
from pypdf import PdfReader

from swdesk.errors import NotFoundError
from swdesk.model import AuditEntry, Case, CaseLog, Client, ServiceParticipant, ServiceRecord
from swdesk.reports.case_file import case_file, case_files
from swdesk.reports.record_sheet import record_sheet
from swdesk.services.actor import Actor
from swdesk.services.display import mask

HEAD = Actor("zhanzhang", "head")
STRANGER = Actor("lihua", "worker", worker_id=None)


def _group_record() -> ServiceRecord:
    """A group session short enough for one page (the fewest who came), one of whom left
    a phone number."""
    return (ServiceRecord.select().join(ServiceParticipant)
            .join(Client, on=(Client.id == ServiceParticipant.client))
            .where(ServiceRecord.kind == "group").group_by(ServiceRecord.id)
            .having(fn.COUNT(Client.phone) > 0)
            .order_by(fn.COUNT(ServiceParticipant.id), ServiceRecord.id).first())


def test_record_sheet_lists_participants_with_masked_ids(demo_db, tmp_path: Path,
                                                         pdf_text) -> None:
    record = _group_record()
    clients = list(Client.select().join(ServiceParticipant, on=(
        ServiceParticipant.client == Client.id)).where(ServiceParticipant.record == record.id))
    out = tmp_path / "record.pdf"
    assert record_sheet(record.id, STRANGER, out) == 1
    text = pdf_text(out)
    for label in ("服务记录表", "服务日期", "近邻服务类别", "参与服务对象", "参与志愿者",
                  "联动资源（五社联动）", "负责社工（签名）", "站点负责人（审核）"):
        assert label in text, label
    assert record.title in text and record.date.isoformat() in text
    for c in clients:
        assert c.name in text
        assert c.id_number not in text  # a worker without the case sees no full ID
        assert mask(c.id_number, "id") in text
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert (entry.action, entry.entity, entry.row_uid) == ("print", "service_record", record.uid)


def test_the_sheet_participants_sign_masks_ids_even_for_the_head(demo_db, tmp_path: Path,
                                                                  pdf_text) -> None:
    """Participants sign one after another, each reading the rows above: a full ID
    number never prints on it, whoever prints it."""
    record = _group_record()
    client = (Client.select().join(ServiceParticipant, on=(ServiceParticipant.client == Client.id))
              .where((ServiceParticipant.record == record.id) & Client.phone.is_null(False))
              .first())
    out = tmp_path / "record.pdf"
    record_sheet(record.id, HEAD, out)
    text = pdf_text(out)
    assert client.id_number not in text
    assert mask(client.id_number, "id") in text and "签名" in text
    assert client.phone in text  # the head still sees what only the worker needs


def test_a_missing_record_is_a_clear_error_and_no_file(demo_db, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    with pytest.raises(NotFoundError, match="找不到编号为 10000000 的服务记录"):
        record_sheet(10_000_000, HEAD, out)
    assert not out.exists()


def test_case_file_holds_every_log(demo_db, tmp_path: Path, pdf_text) -> None:
    case = Case.select().where(Case.stage == "closed").first()
    logs = list(CaseLog.live().where(CaseLog.case == case.id))
    out = tmp_path / "case.pdf"
    case_file(case.id, HEAD, out)
    text = pdf_text(out)
    for label in ("接案登记表", "一、服务对象基本情况", "预估表", "服务计划表", "个案过程记录",
                  "结案评估表", "二、结案情况", "督导（签名）"):
        assert label in text, label
    assert case.case_no in text and case.client.name in text
    assert case.client.id_number in text  # the head may see it
    for log in logs:
        assert log.date.isoformat() in text
    assert case.closed_on.isoformat() in text


def test_case_file_masks_for_a_worker_without_the_case(demo_db, tmp_path: Path,
                                                       pdf_text) -> None:
    case = Case.select().first()
    out = tmp_path / "case.pdf"
    case_file(case.id, STRANGER, out)
    text = pdf_text(out)
    assert case.client.id_number not in text
    assert "".join(case.problem.split()) not in text
    assert "个人信息已作脱敏处理" in text


def test_a_batch_of_case_files_in_one_pdf(demo_db, tmp_path: Path, pdf_text) -> None:
    ids = [c.id for c in Case.select().order_by(Case.id).limit(5)]
    seen: list[int] = []
    out = tmp_path / "cases.pdf"
    pages = case_files(ids, HEAD, out, progress=lambda n, total: seen.append(n))
    assert seen == [1, 2, 3, 4, 5]
    assert len(PdfReader(out).pages) == pages >= 5
    text = pdf_text(out)
    for case in Case.select().where(Case.id.in_(ids)):
        assert case.case_no in text
    with pytest.raises(NotFoundError):
        case_files([ids[0], 99_999_999], HEAD, tmp_path / "bad.pdf")
    assert not (tmp_path / "bad.pdf").exists()
