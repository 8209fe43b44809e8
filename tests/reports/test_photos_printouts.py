"""Each printout that files evidence prints its owner's photos: the record sheet, the
case file (hidden from a worker who may not see the client), the group file per
session, and the evaluation binder's 过程佐证材料 listed in its contents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from swdesk.db import StationDatabase
from swdesk.model import Case, Client, CommunityActivity, ServiceRecord, Worker, WorkGroup
from swdesk.reports import ReportRequest, make
from swdesk.reports.binder import binder, binder_year
from swdesk.reports.case_file import case_document, case_file
from swdesk.reports.group_papers import group_sessions, group_whole_file
from swdesk.reports.record_sheet import record_sheet
from swdesk.services import cases, crud
from swdesk.services.actor import SYSTEM, Actor
from tests.groupwork import six_and_five
from tests.reports.photo_files import attach, images_per_page, page_texts, scan, scenes

HEAD = Actor("zhanzhang", "head")
TAKEN = dt.datetime(2026, 3, 2, 15, 0)


def test_the_record_sheet_prints_its_photos_two_a_page(sdb: StationDatabase,
                                                        tmp_path: Path) -> None:
    record = crud.create(ServiceRecord, {
        "date": dt.date.today(), "kind": "individual", "title": "入户探访",
        "category": "敬老", "field": "社会福利",
        "content": "了解居住情况"}, SYSTEM)
    attach("record", int(record.id), scenes(tmp_path, TAKEN)[:3], ("客厅", "厨房", "卧室"))
    out = tmp_path / "record.pdf"
    record_sheet(int(record.id), SYSTEM, out)
    counts, texts = images_per_page(out), page_texts(out)
    assert counts == [0, 2, 1]
    assert "服务照片" in texts[1] and "客厅" in texts[1] and "厨房" in texts[1]
    assert "卧室" in texts[2] and "拍摄时间：2026-03-0215:02" in texts[2]


def _case_with_photos(tmp_path: Path) -> tuple[Case, Worker]:
    worker = crud.create(Worker, {"name": "李社工"}, SYSTEM)
    client = crud.create(Client, {"name": "林秀英", "community": "莲花社区"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": dt.date.today(),
                              "stage": "plan", "worker": worker.id, "problem": "独居"}, SYSTEM)
    log = cases.add_case_log(case.id, {"date": dt.date.today(), "way": "home_visit",
                                       "content": "入户", "worker": worker.id}, SYSTEM)
    photos = scenes(tmp_path)
    attach("case", int(case.id), photos[:1], ("家中环境",))
    attach("case_log", int(log.id), photos[1:3], ("入户探访", "整理药品"))
    attach("client", int(client.id), [scan(tmp_path / "consent.pdf", 1, "知情同意书")],
           ("知情同意书",))
    return crud.get(Case, case.id), worker


def test_the_case_file_prints_the_case_logs_and_clients_photos(sdb: StationDatabase,
                                                               tmp_path: Path) -> None:
    case, worker = _case_with_photos(tmp_path)
    own = Actor("li", "worker", int(worker.id))
    out = tmp_path / "case.pdf"
    case_file(str(case.case_no), own, out)
    text = "".join(page_texts(out))
    for words in ("照片及扫描件", "个案照片", "家中环境", "第1次过程记录", "入户探访", "整理药品",
                  "服务对象证件及知情同意书扫描件", "知情同意书"):
        assert words in text, words
    assert sum(images_per_page(out)) == 4  # three photos and the consent form's page
    alone = tmp_path / "photos.pdf"
    case_document("photos", str(case.case_no), own, alone)
    assert sum(images_per_page(alone)) == 4


def test_a_worker_who_may_not_see_the_client_gets_placeholders(sdb: StationDatabase,
                                                               tmp_path: Path) -> None:
    case, _worker = _case_with_photos(tmp_path)
    other = crud.create(Worker, {"name": "王社工"}, SYSTEM)
    out = tmp_path / "case.pdf"
    make(ReportRequest.of("case", case=str(case.case_no), document="photos"),
         Actor("wang", "worker", int(other.id)), out)
    text = "".join(page_texts(out))
    assert sum(images_per_page(out)) == 0
    assert text.count("照片不可见：无权查看该个案") == 4
    assert "家中环境" not in text and "整理药品" not in text


def test_the_group_file_prints_each_sessions_photos(sdb: StationDatabase,
                                                    tmp_path: Path) -> None:
    built = six_and_five(HEAD, sessions=2)
    second = ServiceRecord.get((ServiceRecord.work_group == built.group.id)
                               & (ServiceRecord.session_no == 2))
    attach("record", int(second.id), scenes(tmp_path)[:2], ("小组分享", "小组合影"))
    out = tmp_path / "sessions.pdf"
    group_sessions(str(built.group.group_no), HEAD, out, session=2)
    texts = page_texts(out)
    assert images_per_page(out)[-1] == 2
    assert "第2节活动照片" in texts[-1] and "小组合影" in texts[-1]
    whole = tmp_path / "file.pdf"
    group_whole_file(str(built.group.group_no), HEAD, whole)
    assert sum(images_per_page(whole)) == 2
    assert "第1节活动照片" not in "".join(page_texts(whole))


def _outline_titles(path: Path) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(PdfReader(path).outline)
    return titles


def test_the_binder_files_the_evidence_and_lists_it(demo_db, tmp_path: Path) -> None:
    data = binder_year("XM-SM-001-P202401", 2)
    case = Case.get_by_id(data.ids("cases")[0])
    photos = scenes(tmp_path)
    attach("case", int(case.id), photos[:3], ("个案佐证一", "个案佐证二", "个案佐证三"))
    group = WorkGroup.get_by_id(data.ids("groups")[0])
    session = ServiceRecord.select().where(ServiceRecord.work_group == group.id).first()
    attach("record", int(session.id), photos[3:], ("小组佐证",))
    activity = CommunityActivity.get_by_id(ServiceRecord.get_by_id(
        data.ids("activities")[0]).activity_id)
    attach("activity", int(activity.id), [scan(tmp_path / "sign-in.pdf", 1)], ("签到表扫描件",))
    out = tmp_path / "binder.pdf"
    book = binder("XM-SM-001-P202401", 2, HEAD, out, photos=2)
    titles = _outline_titles(out)
    assert "六、过程佐证材料" in titles
    entry = f"个案 {case.case_no}"
    evidence = titles[titles.index("六、过程佐证材料") + 1:titles.index("七、继续教育学时")]
    assert evidence == [entry, f"小组 {group.group_no} {group.name}",
                        f"社区活动 {activity.activity_no} {activity.title}"]
    texts = page_texts(out)
    pages = book.pages()
    contents = "".join(texts[pages["contents"] - 1:pages["summary"] - 1])
    assert "六、过程佐证材料" in contents and entry.replace(" ", "") in contents
    counts = images_per_page(out)
    assert sum(counts) == 5 and max(counts) == 2  # in the evidence only, two a page
    for words in ("个案佐证三", "小组佐证", "签到表扫描件"):
        assert any(words in t for t in texts), words


@pytest.mark.slow
def test_the_binder_without_photos(demo_db, tmp_path: Path) -> None:
    data = binder_year("XM-SM-001-P202401", 2)
    attach("case", data.ids("cases")[0], scenes(tmp_path)[:1], ("个案佐证",))
    without = tmp_path / "without.pdf"
    make(ReportRequest.of("binder", project="XM-SM-001-P202401", year_no="2", photos="none"),
         HEAD, without)
    assert sum(images_per_page(without)) == 0
    text = "".join(page_texts(without))
    assert "六、过程佐证材料" in text and "本档案未附照片及扫描件" in text
    assert "个案佐证" not in text
