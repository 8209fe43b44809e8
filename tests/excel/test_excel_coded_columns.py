"""Excel headings of the coded fields of matching (技能, 语言, 服务社区, 可服务时间)."""

from __future__ import annotations

from pathlib import Path

from excel_sheets import write_sheet

from swdesk import excel
from swdesk.db import StationDatabase
from swdesk.model import RefItem, Volunteer
from swdesk.services import coded_fields
from swdesk.services.actor import SYSTEM


def test_ledger_headings_map_to_the_codes(sdb: StationDatabase, tmp_path: Path) -> None:
    coded_fields.add_community("前埔社区")
    path = write_sheet(tmp_path / "志愿者 台账.xlsx", [
        ["姓名", "技能", "语言", "服务社区", "可服务时间"],
        ["林志强", "理发、唱歌", "闽南话", "前埔社区", "周末上午"],
        ["黄美玲", "心理疏导", "普通话、闽南话", None, None],
        ["吴丽", None, "火星话", None, None],
    ])
    report = excel.import_file("volunteers", path, SYSTEM)
    assert [r.action for r in report.rows] == ["add", "add", "error"]
    assert "火星话" in report.rows[2].explain()
    lin = Volunteer.get(Volunteer.name == "林志强")
    assert (lin.skill_codes, lin.skills, lin.languages, lin.service_areas,
            lin.availability, lin.availability_codes) == (
        ",haircut,", "理发、唱歌", ",minnan,", ",前埔社区,", "周末上午", ",weekend_am,")
    huang = Volunteer.get(Volunteer.name == "黄美玲")
    assert (huang.skill_codes, huang.skills, huang.languages) == (
        ",psych,", None, ",putonghua,minnan,")
    assert RefItem.select().where(
        RefItem.list_code == "community").count() == 1


def test_communities_typed_in_a_sheet_join_the_list(sdb: StationDatabase,
                                                    tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "服务对象 台账.xlsx", [
        ["姓名", "所属社区"],
        ["陈阿婆", "前埔 社区"],
        ["王伯", "莲花社区"],
        ["李姨", "前埔社区"],
        ["张叔", None],
    ])
    report = excel.import_file("clients", path, SYSTEM)
    assert [r.action for r in report.rows] == ["add"] * 4
    # found together: in pinyin order, lian before qian; the spaces typed do not count
    assert [c.code for c in coded_fields.communities()] == ["莲花社区", "前埔社区"]
    assert coded_fields.offer_typed_communities() == 0
