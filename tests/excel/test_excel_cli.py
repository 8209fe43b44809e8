"""``swdesk excel import | export | template`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from excel_sheets import client_sheet, make_id, wrong_check_digit
from openpyxl import load_workbook

from swdesk.cli import main
from swdesk.db import open_station
from swdesk.model import Client

INIT = ["init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站", "--level", "station",
        "--district", "思明区"]
ID_A = make_id("35020319850307123")


pytestmark = pytest.mark.usefixtures("cli_env")


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def clients_in(data: Path) -> list[str]:
    with open_station(data):
        return [c.name for c in Client.select().order_by(Client.id)]


def test_import_dry_run_report_and_export(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(capsys, data, *INIT)[0] == 0
    sheet = client_sheet(tmp_path / "in.xlsx", [
        [1, "张晓明", ID_A, None, None, None, "低保"],
        [2, "李华", wrong_check_digit(ID_A), None, None, None, "低保"]])
    code, out, _ = run(capsys, data, "excel", "import", "clients", str(sheet), "--dry-run",
                       "--report", str(tmp_path / "check.xlsx"))
    assert code == 0 and "新增 1" in out and "有错误 1" in out and "试运行" in out
    assert "第 3 行：身份证号码校验位不符" in out  # (the column named once)
    assert clients_in(data) == []
    ws = load_workbook(tmp_path / "check.xlsx").active
    assert "校验" in ws.cell(row=3, column=8).value

    code, out, _ = run(capsys, data, "excel", "import", "clients", str(sheet),
                       "--map", "序号=")
    assert code == 0 and "已写入：新增 1" in out and "未导入的列：序号" in out
    assert clients_in(data) == ["张晓明"]

    out_file = tmp_path / "out.xlsx"
    code, out, _ = run(capsys, data, "excel", "export", "clients", "--from", "2020-01-01",
                       "--out", str(out_file))
    assert code == 0 and "已导出 1 行" in out
    assert load_workbook(out_file).active["A2"].value == "张晓明"
    code, out, _ = run(capsys, data, "excel", "template", "records", "--out",
                       str(tmp_path / "t.xlsx"))
    assert code == 0
    assert load_workbook(tmp_path / "t.xlsx").active["A1"].value == "服务日期"


def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    run(capsys, data, *INIT)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    for argv in (["excel", "import", "clients", str(fake)],
                 ["excel", "import", "clients", str(tmp_path / "none.xlsx")],
                 ["excel", "import", "clients", str(fake), "--map", "nonsense"],
                 ["excel", "export", "clients", "--out", str(tmp_path / "no" / "x.xlsx")],
                 ["excel", "export", "clients", "--out", str(tmp_path / "x.csv")]):
        code, _out, err = run(capsys, data, *argv)
        lines = err.strip().splitlines()
        assert code == 1 and len(lines) == 1 and "Traceback" not in err, (argv, err)
    code, _, err = run(capsys, data, "excel", "export", "clients", "--from", "2025-13-01",
                       "--out", str(tmp_path / "x.xlsx"))
    assert code == 2 and "月份13" in err
    assert clients_in(data) == []


def test_group_and_activity_ledgers_on_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(capsys, data, *INIT)[0] == 0
    template = tmp_path / "groups-template.xlsx"
    assert run(capsys, data, "excel", "template", "groups", "--out", str(template))[0] == 0
    ws = load_workbook(template).active
    headings = [c.value for c in ws[1]]
    assert "小组名称" in headings and "小组编号" not in headings  # (numbered, not typed)
    # Filled in: the first row good, the second without its required aims.
    values = {"小组名称": "长者健步小组", "近邻服务类别": "敬老", "服务领域": "社会福利",
              "状态": "进行中", "计划开始日期": "2025-03-03", "小组目标": "健身"}
    ws.append([values.get(h) for h in headings])
    ws.append([{**values, "小组名称": "情绪支持小组", "小组目标": None}.get(h)
               for h in headings])
    ws.delete_rows(2)  # (the notes row: a ledger a station sends has none)
    sheet = tmp_path / "groups.xlsx"
    ws.parent.save(sheet)
    code, out, _ = run(capsys, data, "excel", "import", "groups", str(sheet),
                       "--report", str(tmp_path / "check.xlsx"))
    assert code == 0 and "新增 1" in out and "有错误 1" in out and "第 3 行" in out
    out_file = tmp_path / "ledger.xlsx"
    code, out, _ = run(capsys, data, "excel", "export", "groups", "--out", str(out_file))
    assert code == 0 and "已导出 1 行" in out
    exported = load_workbook(out_file).active
    assert [c.value for c in exported[1]][-2:] == ["已开展节数", "组员人数"]
    assert [c.value for c in exported[2]][-2:] == [0, 0]
    code, out, _ = run(capsys, data, "excel", "export", "activities", "--out",
                       str(tmp_path / "activities.xlsx"))
    assert code == 0 and "已导出 0 行" in out
