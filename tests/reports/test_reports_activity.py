"""A community activity's papers: plan, sign-in sheets, record and summary, the whole file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from swdesk.cli import main
from swdesk.errors import NotFoundError, ValidationError
from swdesk.model import AuditEntry, Client, CommunityActivity, Partner, Volunteer
from swdesk.reports import ReportRequest, make
from swdesk.services import activities, crud
from swdesk.services.actor import SYSTEM

DAY = dt.date.today() - dt.timedelta(days=2)
PLAN = {"title": "重阳敬老游园会", "category": "敬老", "field": "社会福利",
        "planned_on": DAY.isoformat(), "place": "莲花社区广场", "expected_turnout": "40",
        "aims": "增进邻里交流，关爱辖区长者", "plan": "一、签到\n二、游园\n三、合影",
        "partners_note": "莲花社区居委会提供场地", "volunteers_note": "志愿者4名负责引导"}


@pytest.fixture
def held(sdb: object) -> CommunityActivity:
    clients = [crud.create(Client, {"name": n, "phone": p, "community": "莲花社区"}, SYSTEM).id
               for n, p in (("陈阿婆", "13905921234"), ("林伯", "13805927788"))]
    volunteer = crud.create(Volunteer, {"name": "志愿者王芳"}, SYSTEM).id
    partner = crud.create(Partner, {"name": "莲花社区居委会", "kind": "community"}, SYSTEM).id
    activity = activities.save_plan(PLAN, SYSTEM)
    activities.hold(SYSTEM, activity.id, participants=clients, unnamed_count=28,
                    content="游园、义剪、测血压，长者参与踊跃",
                    partners=[(partner, "提供场地", "")],
                    volunteers=[(volunteer, "3")])
    activities.write_summary(SYSTEM, activity.id, "达到预期目标，长者反映良好")
    activities.record_survey(SYSTEM, activity.id, 25, 23)
    return CommunityActivity.get_by_id(activity.id)


def _make(paper: str, activity: CommunityActivity, out: Path) -> Path:
    make(ReportRequest.of("activity", activity=str(activity.activity_no), paper=paper),
         SYSTEM, out)
    return out


def test_plan(held: CommunityActivity, tmp_path: Path, pdf_text) -> None:
    text = pdf_text(_make("plan", held, tmp_path / "plan.pdf"))
    for words in ("社区活动方案", str(held.activity_no), "重阳敬老游园会", "莲花社区广场",
                  "预计参与人数", "活动目标", "增进邻里交流，关爱辖区长者", "活动流程",
                  "二、游园", "合作伙伴", "志愿者安排", "策划社工（签名）", "站点负责人（审核）",
                  "嘉莲街道社工站", "第1页"):
        assert words in text, words


def test_blank_sign_in_sheet(held: CommunityActivity, tmp_path: Path, pdf_text) -> None:
    out = _make("sign-in-blank", held, tmp_path / "blank.pdf")
    assert len(PdfReader(out).pages) == 1
    text = pdf_text(out)
    for words in ("社区活动签到表", "重阳敬老游园会", DAY.isoformat(), "莲花社区广场", "序号",
                  "姓名", "联系电话", "所属社区", "签名", "20", "未登记姓名的参与者人数"):
        assert words in text, words
    assert "陈阿婆" not in text


def test_filled_sign_in_sheet_masks_phones(held: CommunityActivity, tmp_path: Path,
                                           pdf_text) -> None:
    text = pdf_text(_make("sign-in", held, tmp_path / "filled.pdf"))
    assert "陈阿婆" in text and "林伯" in text and "莲花社区" in text
    assert "139****1234" in text and "138****7788" in text
    assert "13905921234" not in text
    assert "具名签到2人，未登记姓名28人，合计30人" in text


def test_record_and_summary(held: CommunityActivity, tmp_path: Path, pdf_text) -> None:
    text = pdf_text(_make("record", held, tmp_path / "record.pdf"))
    for words in ("社区活动记录与总结", "30人（具名签到2人，未登记姓名28人）", "40人", "75.0%",
                  "游园、义剪、测血压，长者参与踊跃", "莲花社区居委会", "提供场地", "志愿者王芳",
                  "满意率", "92.0%", "达到预期目标，长者反映良好", "负责社工（签名）"):
        assert words in text, words


def test_whole_file_and_its_audit(held: CommunityActivity, tmp_path: Path, pdf_text) -> None:
    out = _make("file", held, tmp_path / "file.pdf")
    text = pdf_text(out)
    assert len(PdfReader(out).pages) >= 3
    for title in ("社区活动方案", "社区活动签到表", "社区活动记录与总结"):
        assert title in text
    entry = AuditEntry.select().where(AuditEntry.action == "print").order_by(
        AuditEntry.id.desc()).first()
    assert entry is not None and entry.row_uid == held.uid


def test_a_planned_activity_and_bad_requests(sdb: object, tmp_path: Path, pdf_text) -> None:
    activity = activities.save_plan(PLAN, SYSTEM)
    text = pdf_text(_make("file", activity, tmp_path / "planned.pdf"))
    assert "活动尚未开展" in text and "无具名签到" in text
    with pytest.raises(NotFoundError, match="找不到社区活动"):
        make(ReportRequest.of("activity", activity="XM-SM-001-A1999-001"), SYSTEM,
             tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="表格只能是"):
        make(ReportRequest.of("activity", activity=str(activity.id), paper="poster"), SYSTEM,
             tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_command_line_takes_the_number_people_see(held: CommunityActivity, sdb,
                                                  tmp_path: Path, capsys, pdf_text) -> None:
    number = str(held.activity_no)
    sdb.close()  # the command opens the station itself
    out = tmp_path / "sign-in.pdf"
    assert main(["report", "activity", "--activity", number, "--paper", "sign-in-blank",
                 "--out", str(out), "--data-dir", str(sdb.data_dir)]) == 0
    assert "已生成" in capsys.readouterr().out
    assert "社区活动签到表" in pdf_text(out)
    assert main(["report", "activity", "--activity", "A2026-999", "--out",
                 str(tmp_path / "x.pdf"), "--data-dir", str(sdb.data_dir)]) == 1
    err = capsys.readouterr().err
    assert "找不到社区活动：A2026-999" in err and "Traceback" not in err
