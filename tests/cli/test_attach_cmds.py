"""``swdesk attach add|list|get``: photos attached to what the numbers people see name,
refusals in words with nothing written, the stored file written out and audited."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from attachment_files import jpeg, pdf, text_named_jpg
from groupwork import START, new_group
from PIL import Image

from swdesk.cli import main
from swdesk.db import open_station
from swdesk.db.files import FileStore
from swdesk.model import Attachment, AuditEntry, Case, CaseLog, Client, WorkGroup
from swdesk.services import crud, groups, numbers_seen, records
from swdesk.services.actor import SYSTEM

pytestmark = pytest.mark.usefixtures("cli_env")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def station(tmp_path: Path) -> list[str]:
    where = ["--data-dir", str(tmp_path / "data")]
    assert main([*where, "init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站"]) == 0
    with open_station(tmp_path / "data"):
        client = crud.create(Client, {"name": "王芳"}, SYSTEM)
        case = crud.create(Case, {"client": client.id, "opened_on": "2026-01-05",
                                  "stage": "intake", "problem": "独居"}, SYSTEM)
        for day in ("2026-01-08", "2026-01-06"):
            crud.create(CaseLog, {"case": case.id, "date": day, "way": "home_visit",
                                  "content": "入户"}, SYSTEM)
        group = new_group(SYSTEM)
        for n in (1, 2):
            groups.save_session(int(group.id), {"date": START + dt.timedelta(weeks=n - 1),
                                                "title": f"第{n}节"}, [], SYSTEM, guests=5)
        records.save_service_record({"date": "2026-03-01", "kind": "individual",
                                     "category": "敬老", "field": "社会福利",
                                     "title": "电话问候"}, [int(client.id)], [], [], SYSTEM)
    return where


def _numbers(where: list[str]) -> dict[str, str]:
    with open_station(Path(where[1]), write=False):
        case = Case.get()
        group = WorkGroup.get()
        record = records_last()
        return {"case": str(case.case_no), "group": str(group.group_no),
                "record": numbers_seen.record_no(record)}


def records_last():  # type: ignore[no-untyped-def]
    from swdesk.model import ServiceRecord

    return ServiceRecord.select().order_by(ServiceRecord.id.desc()).first()


def test_attach_list_and_get(station: list[str], tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    no = _numbers(station)
    photo = jpeg(tmp_path / "入户 探访.jpg", (2400, 1800), taken=dt.datetime(2026, 1, 6, 9, 30))
    scan = pdf(tmp_path / "知情同意书.pdf", pages=2)
    assert main([*station, "attach", "add", str(photo), str(scan), "--to", "case", no["case"],
                 "--caption", "首次入户"]) == 0
    out = capsys.readouterr().out
    assert f"已添加 2 个文件到个案 {no['case']}" in out and "入户 探访.jpg" in out
    assert main([*station, "attach", "list", "--to", "case", no["case"]]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    sha, kind, size, when, name, caption = lines[0].split("\t")
    assert (kind, size, when, name, caption) == ("image/jpeg", "2000×1500", "2026-01-06 09:30",
                                                 "入户 探访.jpg", "首次入户")
    assert lines[1].split("\t")[1:3] == ["application/pdf", "2 页"]

    out_file = tmp_path / "取出" / "照片.jpg"
    out_file.parent.mkdir()
    assert main([*station, "attach", "get", sha, "--out", str(out_file)]) == 0
    assert "已写出" in capsys.readouterr().out
    store = FileStore.of(Path(station[1]))
    assert out_file.read_bytes() == store.read(sha)
    with Image.open(out_file) as back:
        assert not back.getexif()
    with open_station(Path(station[1]), write=False):
        assert AuditEntry.select().where(AuditEntry.action == "export").count() == 1


def test_every_kind_of_number(station: list[str], tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    no = _numbers(station)
    photo = jpeg(tmp_path / "a.jpg")
    for kind, number, says in (
            ("log", f"{no['case']}#1", f"个案记录 {no['case']} 2026-01-06"),
            ("group-session", f"{no['group']}#2", f"小组 {no['group']} 第2节"),
            ("record", no["record"], f"服务记录 {no['record']}"),
            ("client", "王芳", "服务对象 王芳")):
        assert main([*station, "attach", "add", str(photo), "--to", kind, number]) == 0, kind
        assert says in capsys.readouterr().out
    with open_station(Path(station[1]), write=False):
        rows = list(Attachment.select())
        assert [r.case_log_id is not None for r in rows] == [True, False, False, False]
        session = rows[1].record
        assert (session.work_group_id, session.session_no) == (WorkGroup.get().id, 2)
        assert len({r.sha256 for r in rows}) == 1


def test_refusals_write_nothing(station: list[str], tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    no = _numbers(station)
    good, bad = jpeg(tmp_path / "good.jpg"), text_named_jpg(tmp_path / "假照片.jpg")
    for argv, words in (
            (["add", str(good), str(bad), "--to", "case", no["case"]],
             "假照片.jpg：文件名说是JPEG 图片，内容却不是"),
            (["add", str(good), "--to", "case", "XM-SM-001-2026-9999"], "XM-SM-001-2026-9999"),
            (["add", str(good), "--to", "log", f"{no['case']}#9"], "没有第 9 条记录"),
            (["add", str(good), "--to", "group-session", f"{no['group']}#7"], "没有第 7 节"),
            (["add", str(good), "--to", "folder", "1"], "不能把附件添加到“folder”"),
            (["add", str(tmp_path / "nowhere.jpg"), "--to", "case", no["case"]],
             "nowhere.jpg：找不到这个文件"),
            (["get", "ab" * 32, "--out", str(tmp_path / "x.jpg")], "没有这个附件")):
        assert main([*station, "attach", *argv]) == 1, argv
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, err
    assert list(FileStore.of(Path(station[1])).hashes()) == []
    with open_station(Path(station[1]), write=False):
        assert Attachment.select().count() == 0
    assert main([*station, "attach", "list", "--to", "case", no["case"]]) == 0
    assert f"个案 {no['case']}没有附件" in capsys.readouterr().out


def test_on_a_gbk_console(station: list[str], tmp_path: Path) -> None:
    no = _numbers(station)
    photo = jpeg(tmp_path / "照片䶮.jpg")  # (䶮 is not in GBK)
    env = dict(os.environ, PYTHONIOENCODING="gbk",
               PYTHONPATH=os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH"))
                                          if p))
    done = subprocess.run([sys.executable, "-m", "swdesk", *station, "attach", "add",
                           str(photo), "--to", "case", no["case"]], capture_output=True,
                          env=env, cwd=REPO, timeout=300)
    out, err = done.stdout.decode("gbk"), done.stderr.decode("gbk")
    assert done.returncode == 0, err
    assert "已添加 1 个文件" in out and "照片?.jpg" in out
