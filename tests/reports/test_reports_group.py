"""The group file printed: plan, one record per session, summary, the whole file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from swdesk.cli import main
from swdesk.db import StationDatabase
from swdesk.errors import NotFoundError
from swdesk.reports import ReportRequest, run
from swdesk.reports.group_papers import (
    group_plan,
    group_sessions,
    group_summary,
    group_whole_file,
)
from swdesk.services import groups
from swdesk.services.actor import Actor
from tests.groupwork import NAMES, START, six_and_five

ADMIN = Actor("admin", "admin")


def test_plan_lists_aims_sessions_and_members(sdb: StationDatabase, tmp_path: Path,
                                              pdf_text) -> None:
    built = six_and_five(ADMIN)
    out = tmp_path / "plan.pdf"
    assert group_plan(str(built.group.group_no), ADMIN, out) >= 1
    text = pdf_text(out)
    for words in ("小组计划书", "XM-SM-001-G2026-001", "长者健康互助小组", "小组目标",
                  "提升长者自我照顾能力", "招募对象", "第2节认识慢病", "组员名单", "入组日期",
                  "带领社工（签名）", "嘉莲街道社工站", "第1页/共"):
        assert words in text, words
    for name in NAMES:
        assert name in text


def test_a_session_record_has_its_attendance_and_signature_column(
        sdb: StationDatabase, tmp_path: Path, pdf_text) -> None:
    built = six_and_five(ADMIN)
    out = tmp_path / "s2.pdf"
    group_sessions(str(built.group.group_no), ADMIN, out, session=2)
    text = pdf_text(out)
    for words in ("小组节次记录", "第2节", "2026-03-09", "出席情况", "签名", "缺席",
                  "第2节：热身、分享", "观察与反思", "组员参与积极", "出席组员5人",
                  "参与人次合计5"):
        assert words in text, words
    # the one absent that day (蔡叔) is marked so, the five who came ticked
    assert text.count("√") == 5 and text.count("缺席") == 1
    assert text.index("蔡叔") < text.index("缺席")
    every = tmp_path / "all.pdf"
    assert group_sessions(str(built.group.group_no), ADMIN, every) >= 5
    assert pdf_text(every).count("小组节次记录") >= 5
    with pytest.raises(NotFoundError, match="第 9 节"):
        group_sessions(str(built.group.group_no), ADMIN, tmp_path / "x.pdf", session=9)
    assert not (tmp_path / "x.pdf").exists()


def test_summary_compares_pre_and_post(sdb: StationDatabase, tmp_path: Path,
                                       pdf_text) -> None:
    built = six_and_five(ADMIN)
    groups.end_group(int(built.group.id), START + dt.timedelta(weeks=5),
                     "组员自我照顾能力普遍提升。", ADMIN)
    out = tmp_path / "summary.pdf"
    group_summary(str(built.group.group_no), ADMIN, out)
    text = pdf_text(out)
    for words in ("小组总结", "计划节数", "实际开展节数", "节数完成率83%", "组员出席率",
                  "前后测对比", "前测得分", "后测得分", "未测", "+5", "-1",
                  "前后测均完成5人，其中提升3人，持平1人，下降1人", "组员自我照顾能力普遍提升",
                  "督导（签名）"):
        assert words in text, words
    # 陈阿婆 came to 4 of 5 sessions; 林伯 to all of them
    assert "陈阿婆2026-03-024/580%" in text
    assert "林伯2026-03-025/5100%" in text


def test_whole_file_through_the_registry_and_the_cli(sdb: StationDatabase, tmp_path: Path,
                                                     pdf_text) -> None:
    built = six_and_five(ADMIN)
    number = str(built.group.group_no)
    out = tmp_path / "file.pdf"
    assert "已生成" in run(ReportRequest("group", {"paper": "file", "group": number}), ADMIN, out)
    text = pdf_text(out)
    assert text.index("小组计划书") < text.index("小组节次记录") < text.rindex("小组总结")
    assert text.count("小组节次记录") >= 5
    # the group parameter is the number people see, or its id
    by_id = tmp_path / "by-id.pdf"
    assert group_whole_file(str(built.group.id), ADMIN, by_id) >= 7
    with pytest.raises(NotFoundError, match="找不到小组"):
        group_whole_file("XM-SM-001-G2026-404", ADMIN, tmp_path / "none.pdf")


def test_cli_prints_one_session_by_group_number(sdb: StationDatabase, tmp_path: Path,
                                                capsys) -> None:
    built = six_and_five(ADMIN)
    data_dir = sdb.data_dir
    number = str(built.group.group_no)
    sdb.close()
    out = tmp_path / "s.pdf"
    assert main(["report", "group", "session", "--group", number.lower(), "--session", "3",
                 "--out", str(out), "--data-dir", str(data_dir)]) == 0
    assert out.exists()
    assert main(["report", "group", "session", "--group", number, "--session", "三",
                 "--out", str(tmp_path / "bad.pdf"), "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "节次应为数字" in err and "Traceback" not in err
    assert main(["report", "group", "plan", "--group", number, "--session", "2",
                 "--out", str(tmp_path / "bad.pdf"), "--data-dir", str(data_dir)]) == 1
    assert "只有小组节次记录可以选择节次" in capsys.readouterr().err
    assert not (tmp_path / "bad.pdf").exists()
