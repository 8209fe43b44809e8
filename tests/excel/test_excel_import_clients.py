"""Importing a client ledger: good rows, every kind of bad value, duplicates, re-imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from excel_sheets import client_sheet, make_id, write_sheet, wrong_check_digit
from openpyxl import load_workbook

from swdesk import excel
from swdesk.errors import SwdeskError
from swdesk.excel.report import ImportReport
from swdesk.model import AuditEntry, ChangeLog, Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM

ID_A = make_id("35020319850307123")  # a man born 1985-03-07
ID_B = make_id("35020319560812002")  # a woman born 1956-08-12


def counts() -> tuple[int, int, int]:
    return Client.select().count(), ChangeLog.select().count(), AuditEntry.select().count()


def row_of(report: ImportReport, number: int) -> excel.RowResult:
    return next(r for r in report.rows if r.row == number)


def test_good_rows_go_in_with_change_log_and_one_audit_entry(sdb: object, tmp_path: Path
                                                              ) -> None:
    path = client_sheet(tmp_path / "in.xlsx", [
        [1, "张晓明", ID_A, 13800001234, "莲花路1号", "莲花社区", "低保、老年人"],
        [2, "陈秀英", ID_B, "0592-5551234", "嘉禾路2号", "嘉莲社区", "独居老人"],
    ])
    _, changes_before, audits_before = counts()
    report = excel.import_file("clients", path, SYSTEM)
    assert report.counts["add"] == 2 and report.written and report.added == 2
    zhang = Client.get(Client.id_number == ID_A)
    assert (zhang.name, zhang.sex, zhang.birth_date) == ("张晓明", "M", dt.date(1985, 3, 7))
    assert zhang.phone == "13800001234" and zhang.target_groups == ",dibao,elderly,"
    assert zhang.name_initials == "zxm" and zhang.origin == "XM-SM-001"
    assert zhang.station_id is not None and zhang.registered_on == dt.date.today()
    chen = Client.get(Client.id_number == ID_B)
    assert chen.sex == "F" and chen.phone == "0592-5551234" and chen.community == "嘉莲社区"
    new_changes = ChangeLog.select().where(ChangeLog.seq > changes_before)
    assert sorted(c.row_uid for c in new_changes) == sorted([zhang.uid, chen.uid])
    assert all(c.op == "insert" and c.entity == "client" for c in new_changes)
    audits = list(AuditEntry.select().where(AuditEntry.id > audits_before))
    assert [a.action for a in audits] == ["import"]
    assert '"added": 2' in audits[0].detail and "张晓明" not in audits[0].detail
    # The new rows are found by the search index like any other client.
    from swdesk.services.search import search_clients
    assert search_clients("张晓明") == [zhang.id]


@pytest.mark.parametrize(("cells", "column", "words"), [
    ([1, "李华", wrong_check_digit(ID_A), None, None, None, "低保"], "身份证号码", "校验"),
    ([1, "李华", "350203198502301234", None, None, None, "低保"], "身份证号码", "2月只有28天"),
    ([1, "李华", None, 1380000123, None, None, "低保"], "手机号", "1380000123"),
    ([1, "", ID_A, None, None, None, "低保"], "姓名", "不能为空"),
    ([1, "李华", ID_A, None, None, None, "富人"], "对象类别", "“富人”不是有效的人员类别"),
    ([1, "李华", 350203198503071238, None, None, None, "低保"], "身份证号码", "存成了数字"),
])
def test_bad_values_are_reported_and_not_written(sdb: object, tmp_path: Path,
                                                 cells: list[object], column: str,
                                                 words: str) -> None:
    path = client_sheet(tmp_path / "bad.xlsx", [
        cells, [2, "王芳", ID_B, None, None, "莲花社区", "其他"]])
    before = Client.select().count()
    report = excel.import_file("clients", path, SYSTEM)
    bad = row_of(report, 2)
    assert bad.action == "error"
    assert any(p.column == column and words in p.message for p in bad.problems), bad.problems
    # The good row went in, the bad one did not.
    assert Client.select().count() == before + 1
    assert [c.name for c in Client.select().where(Client.id > before)] == ["王芳"]


def test_registration_date_in_the_future_is_refused(sdb: object, tmp_path: Path) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    path = write_sheet(tmp_path / "f.xlsx", [["姓名", "登记日期"], ["李华", tomorrow],
                                             ["王芳", dt.date(2024, 5, 1)]])
    report = excel.import_file("clients", path, SYSTEM)
    assert row_of(report, 2).action == "error"
    assert "不能晚于今天" in row_of(report, 2).explain()
    assert [(c.name, c.registered_on) for c in Client.select()] == [
        ("王芳", dt.date(2024, 5, 1))]


def test_sex_typed_beside_the_id_must_agree(sdb: object, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "s.xlsx", [["姓名", "性别", "身份证号"],
                                             ["张晓明", "女", ID_A], ["王芳", "女", None]])
    report = excel.import_file("clients", path, SYSTEM)
    assert "与身份证号不符" in row_of(report, 2).explain()
    assert [(c.name, c.sex) for c in Client.select()] == [("王芳", "F")]


def test_duplicates_within_the_file_are_imported_once(sdb: object, tmp_path: Path) -> None:
    path = client_sheet(tmp_path / "dup.xlsx", [
        [1, "张晓明", ID_A, None, None, None, "低保"],
        [2, "张晓明", ID_A, None, None, None, "低保"],
        [3, "李华", None, 13800001234, None, None, None],
        [4, "李华", None, "138-0000-1234", None, None, None],
    ])
    report = excel.import_file("clients", path, SYSTEM)
    assert [r.action for r in report.rows] == ["add", "duplicate", "add", "duplicate"]
    assert row_of(report, 3).duplicate_of == 2 and "第 2 行" in row_of(report, 3).note
    assert Client.select().count() == 2


def test_person_already_in_the_database_is_skipped_or_updated(sdb: object, tmp_path: Path
                                                               ) -> None:
    crud.create(Client, {"name": "张晓明", "id_number": ID_A}, SYSTEM)
    path = client_sheet(tmp_path / "again.xlsx", [
        [1, "张晓明", ID_A, 13800001234, None, "莲花社区", None]])
    before = counts()
    report = excel.import_file("clients", path, SYSTEM)
    assert row_of(report, 2).action == "skip" and "身份证号相同" in row_of(report, 2).note
    stored = Client.get(Client.id_number == ID_A)
    assert stored.phone is None and stored.version == 1
    assert counts()[0] == before[0]

    report = excel.import_file("clients", path, SYSTEM, on_existing="update")
    assert row_of(report, 2).action == "update" and report.updated == 1
    stored = Client.get(Client.id_number == ID_A)
    assert (stored.phone, stored.community, stored.version) == ("13800001234", "莲花社区", 2)
    assert Client.select().count() == before[0]
    assert ChangeLog.select().where(ChangeLog.op == "update").count() == 1


def test_importing_the_same_file_twice_adds_nobody_twice(sdb: object, tmp_path: Path) -> None:
    path = client_sheet(tmp_path / "twice.xlsx", [
        [1, "张晓明", ID_A, None, None, None, "低保"],
        [2, "李华", None, 13800001234, None, None, None],
        [3, "王芳", None, None, "莲花路3号", None, None],
        [4, "赵六", None, None, None, None, None],
    ])
    excel.import_file("clients", path, SYSTEM)
    assert Client.select().count() == 4
    changes = ChangeLog.select().count()
    report = excel.import_file("clients", path, SYSTEM)
    assert report.counts["skip"] == 4 and report.added == 0
    assert Client.select().count() == 4 and ChangeLog.select().count() == changes


def test_dry_run_and_cancel_write_nothing(sdb: object, tmp_path: Path) -> None:
    path = client_sheet(tmp_path / "dry.xlsx", [[1, "张晓明", ID_A, None, None, None, "低保"]])
    before = counts()
    report = excel.import_file("clients", path, SYSTEM, dry_run=True)
    assert report.counts["add"] == 1 and not report.written
    assert counts() == before
    with pytest.raises(excel.ImportCancelled):
        excel.import_file("clients", path, SYSTEM, cancel=lambda: True)
    assert counts() == before
    # Cancelled while writing: the transaction is rolled back.
    report = excel.plan("clients", path)
    calls = iter([False, True])
    with pytest.raises(excel.ImportCancelled):
        excel.apply(report, SYSTEM, cancel=lambda: next(calls, True))
    assert counts() == before


def test_report_copy_marks_errors_in_red(sdb: object, tmp_path: Path) -> None:
    path = client_sheet(tmp_path / "in.xlsx", [
        [1, "张晓明", ID_A, None, None, None, "低保"],
        [2, "李华", wrong_check_digit(ID_B), None, None, None, "低保"],
    ], title="嘉莲街道服务对象台账")
    out = tmp_path / "report.xlsx"
    excel.import_file("clients", path, SYSTEM, dry_run=True, report_to=out)
    ws = load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0][0] == "嘉莲街道服务对象台账"
    assert rows[1][-1] == "导入结果" and rows[1][:7] == [
        "序号", "姓名", "身份证号码", "手机号", "家庭住址", "所属社区", "对象类别"]
    assert rows[2][-1] == "可导入"
    assert "校验" in rows[3][-1] and rows[3][2] == wrong_check_digit(ID_B)
    result_cell, bad_cell = ws.cell(row=4, column=8), ws.cell(row=4, column=3)
    assert result_cell.font.color.rgb.endswith("C00000")
    assert bad_cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.freeze_panes == "A3"


def test_merged_headings_over_two_rows(sdb: object, tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    from openpyxl import Workbook
    book = Workbook()
    ws = book.active
    ws.append(["服务对象台账"])
    ws.merge_cells("A1:E1")
    ws.append(["姓名", "身份证号", "联系方式", None, "人员类别"])
    ws.append([None, None, "联系电话", "住址", None])
    for column in ("A", "B", "E"):
        ws.merge_cells(f"{column}2:{column}3")
    ws.merge_cells("C2:D2")
    ws.append(["张晓明", ID_A, "13800001234", "莲花路1号", "低保"])
    book.save(path)
    report = excel.import_file("clients", path, SYSTEM)
    assert report.header_row == 3
    assert sorted(report.mapping.values()) == sorted(
        ["name", "id_number", "phone", "address", "target_groups"])
    stored = Client.get(Client.id_number == ID_A)
    assert (stored.phone, stored.address, stored.target_groups) == (
        "13800001234", "莲花路1号", ",dibao,")


def test_heading_variants_and_explicit_mapping(sdb: object, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "v.xlsx", [
        ["* 姓名（必填）", "身份证号 ", "联系 电话", "户籍地址", "对象类别"],
        ["张晓明", ID_A, "13800001234", "莲花路1号", "低保"]])
    report = excel.plan("clients", path)
    assert report.ignored == ["户籍地址"]
    excel.import_file("clients", path, SYSTEM, mapping={"户籍地址": "住址"})
    assert Client.get(Client.id_number == ID_A).address == "莲花路1号"
    with pytest.raises(SwdeskError, match="不是可导入的字段"):
        excel.plan("clients", path, mapping={"户籍地址": "星座"})


def test_unreadable_sheets_get_clear_messages(sdb: object, tmp_path: Path) -> None:
    before = counts()
    renamed = tmp_path / "notes.xlsx"
    renamed.write_text("姓名,身份证号\n张晓明,1\n", encoding="utf-8")
    with pytest.raises(excel.SheetError, match="不是 Excel 文件"):
        excel.import_file("clients", renamed, SYSTEM)
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(excel.SheetError, match=r"旧版 Excel（\.xls）"):
        excel.import_file("clients", old, SYSTEM)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(excel.SheetError, match="已损坏"):
        excel.import_file("clients", broken, SYSTEM)
    empty = write_sheet(tmp_path / "empty.xlsx", [[]])
    with pytest.raises(excel.SheetError, match="是空的"):
        excel.import_file("clients", empty, SYSTEM)
    headless = write_sheet(tmp_path / "headless.xlsx", [["甲", "乙"], ["1", "2"]])
    with pytest.raises(excel.SheetError, match="找不到表头"):
        excel.import_file("clients", headless, SYSTEM)
    only_header = client_sheet(tmp_path / "only.xlsx", [])
    with pytest.raises(excel.SheetError, match="下面没有数据"):
        excel.import_file("clients", only_header, SYSTEM)
    no_name = write_sheet(tmp_path / "noname.xlsx", [["身份证号"], [ID_A]])
    with pytest.raises(excel.SheetError, match="缺少必填列：姓名"):
        excel.import_file("clients", no_name, SYSTEM)
    with pytest.raises(excel.SheetError, match="没有名为“名单”的工作表"):
        excel.import_file("clients", only_header, SYSTEM, sheet="名单")
    with pytest.raises(excel.SheetError, match="找不到文件"):
        excel.import_file("clients", tmp_path / "missing.xlsx", SYSTEM)
    assert counts() == before


def test_progress_is_reported(sdb: object, tmp_path: Path) -> None:
    rows = [[n, f"测试{n}", None, None, f"莲花路{n}号", None, None] for n in range(1, 451)]
    path = client_sheet(tmp_path / "many.xlsx", rows)
    seen: list[tuple[str, int, int]] = []
    report = excel.import_file("clients", path, SYSTEM,
                               progress=lambda stage, done, total: seen.append(
                                   (stage, done, total)))
    assert report.added == 450 and Client.select().count() == 450
    assert ("检查", 450, 450) in seen and any(s.startswith("写入") for s, _d, _t in seen)


def _many_clients(path: Path, n: int) -> Path:
    """``n`` distinct people with valid id numbers (born on n different days)."""
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华红玉飞鹏"
    rows = []
    for i in range(n):
        born = dt.date(1950, 1, 1) + dt.timedelta(days=i)
        name = "张" + "".join(given[i // len(given) ** k % len(given)] for k in range(3))
        rows.append([i + 1, name, make_id(f"350203{born:%Y%m%d}123"), None,
                     "思明区嘉莲街道" + "某" * 40, None, "低保"])
    return client_sheet(path, rows)


def test_import_on_a_really_full_disk(tmp_path: Path) -> None:
    """The import batch meets a real full filesystem: the disk-full message, not an
    unexpected error; nothing of it written; once space is freed the same file goes in."""
    from smalldisk import small_disk

    from swdesk.db import faults, open_station
    from swdesk.db.backup import check
    from swdesk.services import station

    sheet = _many_clients(tmp_path / "in.xlsx", 3000)
    with small_disk(tmp_path) as disk, open_station(disk.root / "data", create=True) as sdb:
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        before = counts()
        disk.fill()
        with pytest.raises(faults.DiskFullError, match="磁盘空间不足，刚才的修改没有保存"):
            excel.import_file("clients", sheet, SYSTEM)
        assert counts() == before
        disk.free()
        report = excel.import_file("clients", sheet, SYSTEM)
        assert report.added == 3000 and counts()[0] == 3000
        assert check(sdb.path).healthy
