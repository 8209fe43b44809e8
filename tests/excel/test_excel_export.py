"""Exports read back with the same values; masks for those who may not see; templates."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from excel_sheets import make_id
from openpyxl import load_workbook

from swdesk import excel
from swdesk.errors import SwdeskError
from swdesk.model import AuditEntry, Case, Client, ServiceRecord, Volunteer, Worker
from swdesk.services import crud
from swdesk.services.actor import SYSTEM, Actor

ID_A = make_id("35020319850307123")


def _people() -> tuple[Client, Client, Worker]:
    worker = crud.create(Worker, {"name": "李华"}, SYSTEM)
    mine = crud.create(Client, {
        "name": "张晓明", "id_number": ID_A, "phone": "13800001234", "address": "莲花路1号",
        "community": "莲花社区", "target_groups": "低保、老年人",
        "registered_on": "2024-05-01"}, SYSTEM)
    other = crud.create(Client, {"name": "陈秀英", "phone": "13900002222",
                                 "registered_on": "2025-01-10"}, SYSTEM)
    crud.create(Case, {"client": mine.id, "worker": worker.id, "opened_on": "2025-02-01",
                       "stage": "intake", "problem": "独居，行动不便"}, SYSTEM)
    return mine, other, worker


def _rows(path: Path) -> list[dict[str, object]]:
    ws = load_workbook(path).active
    values = [[c.value for c in r] for r in ws.iter_rows()]
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_clients_export_reads_back_the_same_values(sdb: object, tmp_path: Path) -> None:
    _people()
    out = tmp_path / "clients.xlsx"
    assert excel.export("clients", out, SYSTEM) == 2
    book = load_workbook(out)
    ws = book.active
    assert ws.title == "服务对象" and ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= 20  # the resident ID column
    rows = _rows(out)
    zhang = rows[0]
    assert zhang["姓名"] == "张晓明" and zhang["身份证号"] == ID_A
    assert zhang["性别"] == "男" and zhang["出生日期"] == dt.datetime(1985, 3, 7)
    assert zhang["联系电话"] == "13800001234" and zhang["住址"] == "莲花路1号"
    assert zhang["人员类别"] == "低保、老年人" and zhang["服务状态"] == "服务中"
    assert zhang["登记日期"] == dt.datetime(2024, 5, 1)
    assert zhang["登记站点"] is None
    headings = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=headings.index("登记日期") + 1).number_format == "yyyy-mm-dd"
    assert AuditEntry.select().where(AuditEntry.action == "export").count() == 1


def test_worker_sees_only_own_clients_unmasked(sdb: object, tmp_path: Path) -> None:
    _mine, _other, worker = _people()
    out = tmp_path / "masked.xlsx"
    excel.export("clients", out, Actor("lihua", "worker", worker.id))
    rows = {r["姓名"]: r for r in _rows(out)}
    assert rows["张晓明"]["身份证号"] == ID_A and rows["张晓明"]["联系电话"] == "13800001234"
    assert rows["陈秀英"]["联系电话"] == "139****2222"
    excel.export("clients", out, SYSTEM, masked=True)
    rows = {r["姓名"]: r for r in _rows(out)}
    assert rows["张晓明"]["身份证号"] == ID_A[:6] + "********" + ID_A[-4:]
    assert rows["张晓明"]["住址"] == "****"


def test_export_round_trips_through_import(sdb: object, tmp_path: Path) -> None:
    _people()
    out = tmp_path / "clients.xlsx"
    excel.export("clients", out, SYSTEM)
    report = excel.plan("clients", out)
    assert report.counts["skip"] == 2 and report.counts["error"] == 0


def test_records_and_cases_with_date_range(sdb: object, tmp_path: Path) -> None:
    mine, other, worker = _people()
    helper = crud.create(Volunteer, {"name": "林志强"}, SYSTEM)
    for day, title in (("2025-03-01", "三月活动"), ("2025-04-01", "四月活动")):
        crud.create(ServiceRecord, {"date": day, "kind": "group", "category": "jinglao",
                                    "field": "welfare", "title": title, "headcount": 12,
                                    "worker": worker.id}, SYSTEM)
    from swdesk.model import ServiceParticipant, VolunteerHour
    record = ServiceRecord.get(ServiceRecord.title == "三月活动")
    for client in (mine, other):
        ServiceParticipant.create(record=record.id, client=client.id)
    crud.create(VolunteerHour, {"volunteer": helper.id, "date": "2025-03-01", "hours": "1.5",
                                "content": "三月活动", "record": record.id}, SYSTEM)
    out = tmp_path / "records.xlsx"
    count = excel.export("records", out, SYSTEM, date_from=dt.date(2025, 3, 1),
                         date_to=dt.date(2025, 3, 31))
    assert count == 1
    (row,) = _rows(out)
    assert row["主题"] == "三月活动" and row["服务日期"] == dt.datetime(2025, 3, 1)
    assert row["参与人次"] == 12 and row["负责社工"] == "李华" and row["志愿者"] == "林志强(1.5)"
    assert row["参与的服务对象"] == "张晓明、陈秀英"
    assert row["服务形式"] == "小组活动" and row["近邻服务类别"] == "敬老"
    # Read back by the importer: the same record, recognised and skipped.
    assert excel.plan("records", out).counts["skip"] == 1
    cases = tmp_path / "cases.xlsx"
    assert excel.export("cases", cases, Actor("nobody", "worker")) == 1
    (case,) = _rows(cases)
    assert case["服务对象"] == "张晓明" and case["问题描述"] == "****"
    with pytest.raises(SwdeskError, match="不能按日期筛选"):
        excel.export("partners", tmp_path / "p.xlsx", SYSTEM, date_from=dt.date(2025, 1, 1))


def test_template_has_headings_notes_and_imports_when_filled(sdb: object, tmp_path: Path
                                                              ) -> None:
    out = tmp_path / "template.xlsx"
    excel.write_template("clients", out)
    book = load_workbook(out)
    ws = book.active
    headings = [c.value for c in ws[1]]
    notes = [c.value for c in ws[2]]
    assert headings[:3] == ["姓名", "身份证号", "联系电话"]
    assert "性别" not in headings  # derived from the ID
    assert notes[0].startswith("※必填")
    groups = notes[headings.index("人员类别")]
    assert "低保" in groups and "退役军人" in groups
    assert ws.freeze_panes == "A3"
    assert any("服务中" in str(dv.formula1) for dv in ws.data_validations.dataValidation)
    ws["A3"], ws["B3"], ws["E3"] = "张晓明", ID_A, "莲花社区"
    book.save(out)
    report = excel.import_file("clients", out, SYSTEM)
    assert report.added == 1 and report.counts["error"] == 0
    assert Client.get(Client.id_number == ID_A).community == "莲花社区"


@pytest.mark.slow
def test_libreoffice_reads_the_export(sdb: object, tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office, "install libreoffice-calc-nogui to run this test"
    _people()
    out = tmp_path / "clients.xlsx"
    excel.export("clients", out, SYSTEM)
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                    str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    with (tmp_path / "clients.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["姓名", "身份证号", "性别"]
    assert rows[1][:3] == ["张晓明", ID_A, "男"]
    assert "2024-05-01" in rows[1]


def test_a_cancelled_export_leaves_no_rows_in_the_temporary_folder(
        sdb: object, tmp_path: Path, monkeypatch) -> None:
    """openpyxl spools a write-only sheet's rows (personal data) to a temporary file that
    it removes only on save or at exit; a cancel used to leave it there, and an error
    printed when the sheet was collected."""
    import gc
    import sys
    import tempfile

    excel.export  # noqa: B018 - loads the module (the package loads it on first use)
    excel_export = sys.modules["swdesk.excel.export"]  # (the package's name is its function)

    _people()
    spooled = Path(tempfile.gettempdir())
    before = set(spooled.glob("openpyxl.*"))
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    monkeypatch.setattr(excel_export, "_CHUNK", 1)

    def cancel(step: str, done: int, total: int) -> None:
        raise SwdeskError("已取消")

    out = tmp_path / "clients.xlsx"
    with pytest.raises(SwdeskError, match="已取消"):
        excel.export("clients", out, SYSTEM, progress=cancel)
    gc.collect()
    assert set(spooled.glob("openpyxl.*")) <= before
    assert not unraisable and not out.exists()
    assert not AuditEntry.select().where(AuditEntry.action == "export").exists()
