"""Files held by other programs (Windows): a report, an export, a draft or a backup.

Replacing a PDF open in a PDF reader or a workbook open in WPS or Excel fails on
Windows with a sharing violation; antivirus and OneDrive hold a fresh file for a
moment. Held briefly, the write is retried and succeeds; held for good, the command
names the file in a clear message and leaves the old file whole and no temporary
file behind.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from held_files import HeldFiles

from swdesk.city import models as cm
from swdesk.city.db import open_city
from swdesk.cli import main
from swdesk.services import drafts

INIT = ["init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站", "--level", "station",
        "--district", "思明区"]
HELD_ZH = "正被其他程序（如 WPS、Excel 或 PDF 阅读器）打开，请先关闭它再试"

pytestmark = pytest.mark.usefixtures("cli_env")


def _station(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), *INIT]) == 0
    capsys.readouterr()


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize(("name", "command"), [
    ("服务记录表.pdf", ["report", "blank", "service"]),  # open in a PDF reader
    ("服务对象.xlsx", ["excel", "export", "clients"]),  # open in WPS or Excel
])
def test_a_file_open_in_another_program_is_named_and_kept(
        capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path,
        held_files: HeldFiles, name: str, command: list[str]) -> None:
    _station(capsys, data_dir)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / name
    target.write_bytes(b"last month's, open in another program")
    held_files.hold(target)
    code = main(["--data-dir", str(data_dir), *command, "--out", str(target)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == f"swdesk：错误：文件 {target} {HELD_ZH}"
    assert target.read_bytes() == b"last month's, open in another program"
    assert _leftovers(out_dir, {name}) == []


def test_a_report_held_for_a_moment_is_written_after_retries(
        capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path,
        held_files: HeldFiles) -> None:
    _station(capsys, data_dir)
    pdf = tmp_path / "blank.pdf"
    pdf.write_bytes(b"old")
    held_files.hold(pdf, times=3)
    code = main(["--data-dir", str(data_dir), "report", "blank", "service", "--out", str(pdf)])
    assert code == 0, capsys.readouterr().err
    assert pdf.read_bytes().startswith(b"%PDF")
    assert _leftovers(tmp_path, {pdf.name, data_dir.name}) == []


def test_a_backup_held_by_antivirus_for_a_moment_is_renamed_after_retries(
        capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path,
        held_files: HeldFiles) -> None:
    _station(capsys, data_dir)
    target = tmp_path / "usb" / "swdesk-backup.db"
    target.parent.mkdir()
    fresh = target.with_name(target.name + ".part")  # scanned as soon as it is closed
    held_files.hold(fresh, times=2, opens=False)
    code = main(["--data-dir", str(data_dir), "db", "backup", "--out", str(target)])
    assert code == 0, capsys.readouterr().err
    assert target.read_bytes().startswith(b"SQLite format 3")
    assert held_files.refused == [fresh, fresh]
    assert _leftovers(target.parent, {target.name}) == []


def _last_draft(data_dir: Path) -> Path:
    """The new-client form's draft file, as the last tick of the timer wrote it."""
    target = data_dir / "drafts" / "client-new.json"
    target.parent.mkdir(parents=True)
    target.write_text("{}", encoding="utf-8")
    return target


def test_a_draft_held_by_onedrive_for_a_moment_is_saved(data_dir: Path,
                                                        held_files: HeldFiles) -> None:
    target = _last_draft(data_dir)
    held_files.hold(target, times=2)
    assert drafts.save_draft(data_dir, "client-new", {"name": "陈晓梅"})
    assert drafts.load_draft(data_dir, "client-new") == {"name": "陈晓梅"}
    assert _leftovers(target.parent, {target.name}) == []


def test_a_draft_held_for_longer_waits_for_the_next_tick(data_dir: Path,
                                                         held_files: HeldFiles) -> None:
    # The window writes drafts from a timer on its GUI thread: a held draft raised (after
    # two seconds of a frozen window) and showed an error box at every tick.
    target = _last_draft(data_dir)
    held_files.hold(target, opens=False)
    assert not drafts.save_draft(data_dir, "client-new", {"name": "陈晓梅"})
    assert drafts.load_draft(data_dir, "client-new") == {}  # the last draft, as it was
    assert _leftovers(target.parent, {target.name}) == []
    assert held_files.refused == [target] * 3  # two short retries, not two seconds


def test_the_retries_last_about_two_seconds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            held_files: HeldFiles) -> None:
    from swdesk import outfiles

    waits: list[float] = []
    monkeypatch.setattr(outfiles.time, "sleep", waits.append)
    target = tmp_path / "月报.xlsx"
    held_files.hold(target)
    with pytest.raises(outfiles.FileInUseError, match=r"月报\.xlsx"), \
            outfiles.writing(target) as tmp:
        tmp.write_bytes(b"new")
    assert 1.5 <= sum(waits) <= 2.5
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []



def test_an_enrolment_file_open_in_an_editor_is_named_and_no_token_issued(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], held_files: HeldFiles) -> None:
    hub = tmp_path / "hub"
    assert main(["--data-dir", str(hub), "city", "init"]) == 0
    out = tmp_path / "enrol.json"
    enrol = ["--data-dir", str(hub), "city", "enroll", "--station", "XM-SM-001", "--name",
             "嘉莲街道社工站", "--out", str(out)]
    assert main(enrol) == 0
    first = out.read_bytes()
    held_files.hold(out, opens=False)
    capsys.readouterr()
    assert main(enrol) == 1
    assert HELD_ZH in capsys.readouterr().err
    assert out.read_bytes() == first
    assert _leftovers(tmp_path, {"hub", out.name}) == []
    city = open_city(hub, None)
    try:  # the enrolment was rolled back: the file's token is still the hub's
        station = cm.CityStation.get(cm.CityStation.code == "XM-SM-001")
        assert station.token == json.loads(first)["token"]
    finally:
        city.close()
