"""Excel on an enrolled station: 低保/特困 stay as the city set them; the rest goes in."""

from __future__ import annotations

from pathlib import Path

from excel_sheets import client_sheet, make_id
from openpyxl import load_workbook

from swdesk import excel
from swdesk.model import Client
from swdesk.model.sync import SyncKey
from swdesk.services import crud
from swdesk.services.actor import SYSTEM

ID_A = make_id("35020319850307123")
ID_B = make_id("35020319560812002")
KEPT = "低保、特困由市级平台认定，站点不能修改，已保留系统中的认定"


def _groups(client: Client) -> set[str]:
    return set((client.target_groups or "").strip(",").split(",")) - {""}


def test_a_ledger_before_enrolment_brings_its_dibao_in(sdb: object, tmp_path: Path) -> None:
    path = client_sheet(tmp_path / "in.xlsx",
                        [[1, "张晓明", ID_A, None, None, None, "低保、老年人"]])
    report = excel.import_file("clients", path, SYSTEM)
    assert report.added == 1 and "低保" not in report.summary()
    assert _groups(Client.get(Client.id_number == ID_A)) == {"dibao", "elderly"}


def test_an_enrolled_station_keeps_the_stored_codes_and_says_so(sdb: object,
                                                                 tmp_path: Path) -> None:
    crud.create(Client, {"name": "陈秀英", "id_number": ID_B, "target_groups": "dibao,elderly"},
                SYSTEM)
    SyncKey.create(name="city", value="city-0123456789abcdef")
    path = client_sheet(tmp_path / "in.xlsx", [
        [1, "张晓明", ID_A, 13800001234, None, None, "低保、老年人"],  # new: 低保 not taken
        [2, "陈秀英", ID_B, 13900002222, None, None, "独居老人"],  # drops 低保: kept
        [3, "李华", None, 13700003333, None, None, "老年人"],  # nothing city-owned
    ])
    report = excel.import_file("clients", path, SYSTEM, on_existing="update",
                               report_to=tmp_path / "report.xlsx")
    assert report.counts["error"] == 0 and (report.added, report.updated) == (2, 1)
    zhang = Client.get(Client.id_number == ID_A)
    assert zhang.phone == "13800001234" and _groups(zhang) == {"elderly"}
    chen = Client.get(Client.id_number == ID_B)
    assert chen.phone == "13900002222" and _groups(chen) == {"dibao", "elderly_alone"}
    notes = {r.row: r.note for r in report.rows}
    assert notes[2].startswith("可导入；") and KEPT in notes[2]
    assert notes[3].startswith("将更新已有记录") and KEPT in notes[3]
    assert "低保" not in notes[4]
    assert "其中 2 行的低保、特困由市级平台认定" in report.summary()
    written = load_workbook(tmp_path / "report.xlsx").active
    results = [row[-1] for row in written.iter_rows(min_row=2, values_only=True)]
    assert KEPT in results[0] and KEPT in results[1]


def test_a_row_that_only_changes_city_codes_is_skipped_with_the_reason(sdb: object,
                                                                       tmp_path: Path) -> None:
    crud.create(Client, {"name": "陈秀英", "id_number": ID_B, "target_groups": "elderly"},
                SYSTEM)
    SyncKey.create(name="city", value="city-0123456789abcdef")
    path = client_sheet(tmp_path / "in.xlsx",
                        [[1, "陈秀英", ID_B, None, None, None, "特困、老年人"]])
    report = excel.import_file("clients", path, SYSTEM, on_existing="update")
    [row] = report.rows
    assert row.action == "skip" and KEPT in row.note
    stored = Client.get(Client.id_number == ID_B)
    assert _groups(stored) == {"elderly"} and stored.version == 1
