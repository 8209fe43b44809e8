"""``swdesk report …`` takes the numbers people see for every row it asks for, and says
clearly in Chinese when a number does not exist."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from swdesk.cli import main
from swdesk.db import open_station
from swdesk.model import (
    Case,
    CommunityActivity,
    Project,
    ServiceRecord,
    Volunteer,
    VolunteerHour,
    WorkGroup,
)
from swdesk.services import numbers_seen

pytestmark = pytest.mark.usefixtures("cli_env")


@pytest.fixture
def station(demo_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "station"
    shutil.copytree(demo_master, path, ignore=shutil.ignore_patterns("*.lock", "logs"))
    return path


@pytest.fixture
def seen(station: Path) -> dict[str, str]:
    """One number people see of each kind, read from the station."""
    with open_station(station):
        record = ServiceRecord.live().order_by(ServiceRecord.id.desc()).first()
        volunteer = (Volunteer.live().join(VolunteerHour, on=(VolunteerHour.volunteer
                                                              == Volunteer.id))
                     .where(Volunteer.volunteer_no.is_null(False)).first())
        activity = (CommunityActivity.live().join(ServiceRecord, on=(
            ServiceRecord.activity == CommunityActivity.id)).first())
        return {"record": numbers_seen.record_no(record), "record_title": record.title,
                "case": Case.live().first().case_no,
                "project": Project.live().where(Project.code.is_null(False)).first().code,
                "volunteer": volunteer.volunteer_no,
                "group": WorkGroup.live().first().group_no,
                "activity": activity.activity_no}


def _run(capsys: pytest.CaptureFixture[str], station: Path, *argv: str
         ) -> tuple[int, str, str]:
    code = main(["--data-dir", str(station), "report", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("kind", "option", "extra"), [
    ("record", "--record", ()), ("case", "--case", ()), ("project", "--project", ()),
    ("volunteer", "--volunteer", ()), ("group", "--group", ("plan",)),
    ("activity", "--activity", ()), ("binder", "--project", ("--year", "1"))])
def test_each_command_takes_the_number_people_see(capsys, station: Path, seen: dict[str, str],
                                                  tmp_path: Path, kind: str, option: str,
                                                  extra: tuple[str, ...]) -> None:
    out = tmp_path / f"{kind}.pdf"
    code, printed, err = _run(capsys, station, kind, *extra, option,
                              seen["project" if kind == "binder" else kind],
                              "--out", str(out))
    assert (code, err) == (0, "")
    assert out.exists() and str(out) in printed


def test_the_record_sheet_prints_the_station_number(capsys, station: Path,
                                                    seen: dict[str, str], tmp_path: Path,
                                                    pdf_text) -> None:
    out = tmp_path / "record.pdf"
    assert _run(capsys, station, "record", "--record", seen["record"].lower(),
                "--out", str(out))[0] == 0
    text = pdf_text(out)
    assert f"记录编号：{seen['record']}" in text
    assert seen["record_title"].replace(" ", "") in text


@pytest.mark.parametrize(("kind", "option", "number", "message"), [
    ("record", "--record", "XM-SM-001-R2026-99999",
     "找不到编号为 XM-SM-001-R2026-99999 的服务记录"),
    ("record", "--record", "XM-HL-002-R2026-00001", "XM-HL-002-R2026-00001 不是本站的服务记录编号"),
    ("case", "--case", "XM-SM-001-2026-9999", "找不到编号为 XM-SM-001-2026-9999 的"),
    ("project", "--project", "XM-SM-001-P209901", "找不到编号为 XM-SM-001-P209901 的服务项目"),
    ("volunteer", "--volunteer", "XMV2099000001", "找不到编号为 XMV2099000001 的志愿者"),
    ("group", "--group", "XM-SM-001-G2099-001", "找不到小组：XM-SM-001-G2099-001"),
    ("activity", "--activity", "XM-SM-001-A2099-001", "找不到社区活动：XM-SM-001-A2099-001"),
    ("binder", "--project", "XM-SM-001-P209901", "找不到编号为 XM-SM-001-P209901 的服务项目")])
def test_a_number_that_does_not_exist_is_a_clear_message(
        capsys, station: Path, tmp_path: Path, kind: str, option: str, number: str,
        message: str) -> None:
    out = tmp_path / "x.pdf"
    extra = {"group": ("plan",), "binder": ("--year", "1")}.get(kind, ())
    code, _printed, err = _run(capsys, station, kind, *extra, option, number, "--out", str(out))
    assert code == 1 and not out.exists()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert message in lines[0], err
