"""Photos printed with their captions, two or four to a page; hidden ones as placeholders;
a PDF scan's pages printed; an activity file with its photos."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from swdesk.db.files import FileStore
from swdesk.model import Client, CommunityActivity, database
from swdesk.reports import ReportRequest, layout, make
from swdesk.reports import photos as ph
from swdesk.services import activities, crud
from swdesk.services.actor import SYSTEM
from swdesk.services.attachments import PrintPhoto
from tests.reports.photo_files import (
    attach,
    image_sizes,
    images_per_page,
    page_texts,
    scan,
    scene,
    scenes,
)

DAY = dt.date.today() - dt.timedelta(days=2)
TAKEN = dt.datetime.combine(DAY, dt.time(9, 30))
CAPTIONS = ("长者在游园会签到处合影留念，志愿者协助长者有序入场并发放纪念品", "义剪服务",
            "测血压", "志愿者引导长者")


@pytest.fixture
def held(sdb: object) -> CommunityActivity:
    client = crud.create(Client, {"name": "陈阿婆", "community": "莲花社区"}, SYSTEM).id
    activity = activities.save_plan({"title": "重阳敬老游园会", "planned_on": DAY.isoformat(),
                                     "category": "敬老", "field": "社会福利",
                                     "aims": "增进邻里交流", "place": "莲花社区广场"}, SYSTEM)
    activities.hold(SYSTEM, activity.id, participants=[client], unnamed_count=20,
                    content="游园、义剪、测血压")
    return CommunityActivity.get_by_id(activity.id)


def _photos(folder: Path, *, masked: bool = False) -> list[PrintPhoto]:
    return [PrintPhoto(path, caption, TAKEN, masked)
            for path, caption in zip(scenes(folder), CAPTIONS, strict=True)]


def _write(tmp_path: Path, photos: list[PrintPhoto], per_page: int) -> Path:
    out = tmp_path / f"photos-{per_page}.pdf"
    layout.write_pdf(out, layout.ReportInfo("照片", "测试站"),
                     ph.photo_section("活动照片", photos, per_page, new_page=False))
    return out


def test_four_photos_on_one_page(sdb: object, tmp_path: Path) -> None:
    out = _write(tmp_path, _photos(tmp_path), 4)
    assert images_per_page(out) == [4]
    text = page_texts(out)[0]
    assert "活动照片" in text
    for caption in CAPTIONS[1:]:
        assert caption in text
    assert "长者在游园会签到处合影留念" in text  # a long caption wraps, its start kept
    assert f"拍摄时间：{DAY.isoformat()}09:30" in text


def test_two_photos_a_page(sdb: object, tmp_path: Path) -> None:
    out = _write(tmp_path, _photos(tmp_path), 2)
    assert images_per_page(out) == [2, 2]
    texts = page_texts(out)
    assert "义剪服务" in texts[0] and "测血压" in texts[1]


def test_a_hidden_photo_prints_a_placeholder(sdb: object, tmp_path: Path) -> None:
    photos = _photos(tmp_path)
    photos[1] = PrintPhoto(photos[1].path, "张三的身份证", TAKEN, True)
    out = _write(tmp_path, photos, 4)
    assert images_per_page(out) == [3]
    text = page_texts(out)[0]
    assert "照片不可见：无权查看该个案" in text
    assert "张三的身份证" not in text  # (a caption can name the client)


def test_a_missing_file_prints_a_placeholder(sdb: object, tmp_path: Path) -> None:
    photos = [PrintPhoto(tmp_path / "gone.jpg", "丢失的照片", None, False)]
    out = _write(tmp_path, photos, 4)
    assert images_per_page(out) == [0]
    assert "文件缺失或已损坏" in page_texts(out)[0]


def test_a_pdf_scan_prints_a_page_each(sdb: object, tmp_path: Path) -> None:
    photos = [*_photos(tmp_path)[:1],
              PrintPhoto(scan(tmp_path / "sign-in.pdf", 2), "签到表扫描件", None, False)]
    out = _write(tmp_path, photos, 4)
    assert images_per_page(out) == [1, 1, 1]
    texts = page_texts(out)
    assert "签到表扫描件（第1/2页）" in texts[1] and "签到表扫描件（第2/2页）" in texts[2]


def test_per_page_is_two_or_four(sdb: object, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ph.photo_rows(_photos(tmp_path), 3)


def test_the_activity_file_prints_its_photos(held: CommunityActivity, tmp_path: Path) -> None:
    record = activities.activity_file(int(held.id)).record
    assert record is not None
    attach("record", int(record.record.id), scenes(tmp_path, TAKEN), CAPTIONS)
    attach("activity", int(held.id), [scan(tmp_path / "sign-in.pdf", 1)], ["签到表扫描件"])
    out = tmp_path / "activity.pdf"
    make(ReportRequest.of("activity", activity=str(held.activity_no), paper="file"), SYSTEM,
         out)
    counts, texts = images_per_page(out), page_texts(out)
    assert counts[-2:] == [4, 1]
    assert "活动照片及佐证材料" in texts[-2] and "义剪服务" in texts[-2]
    assert "签到表扫描件" in texts[-1]
    assert sum(counts) == 5


def test_stored_photos_print_from_copies_of_the_size_the_paper_needs(
        held: CommunityActivity, tmp_path: Path) -> None:
    record = activities.activity_file(int(held.id)).record
    assert record is not None
    big = scene(tmp_path / "big.jpg", 2000, 1500, (120, 180, 235), (90, 160, 70), "大合影")
    small = scene(tmp_path / "small.jpg", 500, 400, (250, 200, 120), (180, 120, 60), "小图")
    stored = [Path(str(row.sha256)) for row in attach("record", int(record.record.id),
                                                       [big, small], ("大", "小"))]
    files = FileStore.of(Path(database.obj.database).parent)
    out = tmp_path / "record.pdf"
    make(ReportRequest.of("activity", activity=str(held.activity_no), paper="record"), SYSTEM,
         out)
    # Nine centimetres wide at 150 dpi: some 500 px, not the stored 2,000.
    sizes = image_sizes(out)
    assert max(sizes[0]) == 600 and sizes[1] == (500, 400)
    # (the thumbnails the import made are derived files too)
    copies = [c for c in files.derived_files(str(stored[0])) if "-print" in c.name]
    assert [c.name for c in copies] == [f"{stored[0]}-print600.jpg"]
    assert not [c for c in files.derived_files(str(stored[1]))
                if "-print" in c.name]  # small enough as it is
    made = copies[0].stat().st_mtime_ns
    make(ReportRequest.of("activity", activity=str(held.activity_no), paper="record"), SYSTEM,
         tmp_path / "again.pdf")
    assert copies[0].stat().st_mtime_ns == made  # made once, printed from again
    assert files.verify(str(stored[0]))  # the stored file itself untouched
