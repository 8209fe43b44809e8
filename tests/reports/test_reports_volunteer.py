"""Volunteer certificates (numbered, registered) and the volunteer-hours totals."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from swdesk.errors import ValidationError
from swdesk.model import ChangeLog, Volunteer, VolunteerCertificate, VolunteerHour
from swdesk.reports import periods
from swdesk.reports.volunteer import hours_by, issue_certificate, volunteer_hours_report
from swdesk.services import crud
from swdesk.services.actor import Actor

HEAD = Actor("zhanzhang", "head")


def _volunteer_with_hours() -> Volunteer:
    return Volunteer.get_by_id(VolunteerHour.select().first().volunteer_id)


def test_certificate_is_numbered_registered_and_states_the_hours(demo_db, tmp_path: Path,
                                                                 pdf_text) -> None:
    volunteer = _volunteer_with_hours()
    hours = [h for h in VolunteerHour.live() if h.volunteer_id == volunteer.id]
    out = tmp_path / "cert.pdf"
    cert = issue_certificate(volunteer.id, HEAD, out)
    assert cert.cert_no == f"XM-SM-001-ZYZM-{cert.issued_on.year}-0001"
    assert cert.hours == sum((Decimal(h.hours) for h in hours), Decimal(0))
    assert cert.entries == len(hours)
    stored = VolunteerCertificate.get(VolunteerCertificate.cert_no == cert.cert_no)
    assert stored.volunteer_id == volunteer.id
    assert ChangeLog.select().where(ChangeLog.row_uid == cert.uid).count() == 1
    text = pdf_text(out)
    for label in ("志愿服务记录证明", "证件类型", "证件号码", "志愿者编号", "服务内容",
                  "开具单位", "单位负责人", "经办人", "联系方式", "开具日期", "证明编号",
                  "（出具单位盖章）"):
        assert label in text, label
    assert cert.cert_no in text and volunteer.name in text and volunteer.volunteer_no in text
    assert volunteer.id_number in text  # the head sees the full ID
    total = f"{cert.hours.normalize():f}"
    assert f"累计服务{total}小时" in text

    second = issue_certificate(volunteer.id, HEAD, tmp_path / "again.pdf")
    assert second.cert_no.endswith("-0002")


def test_certificate_for_one_year(demo_db, tmp_path: Path) -> None:
    volunteer = _volunteer_with_hours()
    year = VolunteerHour.select().where(VolunteerHour.volunteer == volunteer.id).first().date.year
    cert = issue_certificate(volunteer.id, HEAD, tmp_path / "c.pdf", year=year)
    expected = sum((Decimal(h.hours) for h in VolunteerHour.live()
                    if h.volunteer_id == volunteer.id and h.date.year == year), Decimal(0))
    assert cert.hours == expected
    assert (cert.period_from.isoformat(), cert.period_to.isoformat()) == (
        f"{year}-01-01", f"{year}-12-31")


def test_no_hours_no_certificate_and_nothing_registered(demo_db, tmp_path: Path) -> None:
    idle = crud.create(Volunteer, {"name": "新志愿者"}, HEAD)
    with pytest.raises(ValidationError, match="没有登记志愿服务时长"):
        issue_certificate(idle.id, HEAD, tmp_path / "c.pdf")
    assert VolunteerCertificate.select().count() == 0
    assert not (tmp_path / "c.pdf").exists()


def test_a_failed_pdf_leaves_no_register_entry(demo_db, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        issue_certificate(_volunteer_with_hours().id, HEAD, tmp_path / "c.pdf", year="19x")
    assert VolunteerCertificate.select().count() == 0


def test_hours_by_volunteer_team_project_and_month(demo_db, tmp_path: Path, pdf_text) -> None:
    period = periods.date_range("2000-01-01", "2999-12-31")
    entries = list(VolunteerHour.live())
    total = sum((Decimal(h.hours) for h in entries), Decimal(0))
    for dimension in ("volunteer", "team", "project", "month"):
        rows = hours_by(period, dimension)
        assert sum((r.hours for r in rows), Decimal(0)) == total, dimension
        assert sum(r.entries for r in rows) == len(entries)
    months: dict[str, Decimal] = defaultdict(Decimal)
    for h in entries:
        months[h.date.isoformat()[:7]] += Decimal(h.hours)
    assert {r.label: r.hours for r in hours_by(period, "month")} == months
    out = tmp_path / "hours.pdf"
    volunteer_hours_report(period, HEAD, out)
    text = pdf_text(out)
    for label in ("志愿服务时长统计表", "一、按月份", "二、按队伍/组织", "三、按项目",
                  "四、按志愿者"):
        assert label in text
    assert f"合计{len(entries):,}" in text
