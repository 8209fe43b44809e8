"""Attaching photos and scans: what is stored is the cleaned file (read back with Pillow and
PDFium), a refused file leaves nothing behind, the same photo is stored once."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from attachment_files import (
    GPS_IFD,
    MAKE,
    MODEL,
    jpeg,
    pdf,
    png,
    text_named_jpg,
    truncated_jpeg,
)
from PIL import Image

from swdesk import settings
from swdesk.db import StationDatabase
from swdesk.db.files import FileStore
from swdesk.errors import NotFoundError, ValidationError
from swdesk.handle import StationHandle
from swdesk.model import Attachment, Client
from swdesk.services import attachments, crud
from swdesk.services.actor import SYSTEM
from swdesk.services.attachments import Owner


@pytest.fixture
def station(sdb: StationDatabase) -> StationHandle:
    return StationHandle.of(sdb, SYSTEM)


@pytest.fixture
def client(sdb: StationDatabase) -> Owner:
    return Owner("client", int(crud.create(Client, {"name": "王芳"}, SYSTEM).id))


def _store(station: StationHandle) -> FileStore:
    return FileStore.of(station.data_dir)


def _nothing_written(station: StationHandle) -> None:
    assert Attachment.select().count() == 0
    store = _store(station)
    assert list(store.hashes()) == []
    assert not any((store.root / "tmp").glob("*")) if (store.root / "tmp").is_dir() else True


def test_a_phone_photo_comes_out_clean_upright_and_dated(
        station: StationHandle, client: Owner, tmp_path: Path) -> None:
    # orientation 6: the camera was held on its side; the picture must be turned a quarter
    # clockwise to stand upright, so its left half (red) ends on top
    photo = jpeg(tmp_path / "IMG_0001.JPG", (400, 300), orientation=6)
    assert Image.open(photo).getexif().get_ifd(GPS_IFD)  # (the source has a location)
    [row] = attachments.attach(station, client, [photo], caption="入户探访")
    assert (row.media_type, row.width, row.height) == ("image/jpeg", 300, 400)
    assert row.taken_at == dt.datetime(2026, 11, 3, 10, 15)
    assert row.file_name == "IMG_0001.JPG" and row.caption == "入户探访"
    assert row.original_sha256 is None
    stored = _store(station).path(row.sha256)
    assert stored.stat().st_size == row.size
    with Image.open(stored) as back:
        exif = back.getexif()
        assert not exif.get_ifd(GPS_IFD) and MAKE not in exif and MODEL not in exif
        assert len(exif) == 0 and "exif" not in back.info
        assert back.size == (300, 400)
        top, bottom = back.getpixel((150, 50)), back.getpixel((150, 350))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]  # red above, blue below
    assert Attachment.get_by_id(row.id).client_id == client.id
    thumb = _store(station).derived_path(row.sha256, "thumb.jpg")  # (made on the way in)
    assert attachments.thumbnail(station, row.sha256) == thumb
    with Image.open(thumb) as small:
        assert small.size == (192, 256) and small.format == "JPEG"


def test_a_large_photo_is_scaled_to_print_size(station: StationHandle, client: Owner,
                                               tmp_path: Path) -> None:
    [row] = attachments.attach(station, client, [jpeg(tmp_path / "big.jpg", (4000, 3000))])
    assert (row.width, row.height) == (2000, 1500)
    with Image.open(_store(station).path(row.sha256)) as back:
        assert back.size == (2000, 1500) and back.format == "JPEG"


def test_the_original_is_kept_only_when_the_station_asks(station: StationHandle,
                                                          client: Owner, tmp_path: Path) -> None:
    settings.KEEP_ORIGINALS.set(True)
    [row] = attachments.attach(station, client, [jpeg(tmp_path / "big.jpg", (3000, 2000))])
    assert row.original_sha256 and row.original_sha256 != row.sha256
    with Image.open(_store(station).path(row.original_sha256)) as original:
        assert original.size == (3000, 2000) and not original.getexif()
    assert sorted(_store(station).hashes()) == sorted([row.sha256, row.original_sha256])


def test_a_png_stays_a_png(station: StationHandle, client: Owner, tmp_path: Path) -> None:
    [row] = attachments.attach(station, client, [png(tmp_path / "签名.png")])
    assert (row.media_type, row.width, row.height, row.taken_at) == ("image/png", 300, 200,
                                                                     None)
    with Image.open(_store(station).path(row.sha256)) as back:
        assert back.format == "PNG" and back.mode == "RGBA"
    thumb = attachments.thumbnail(station, row.sha256)
    with Image.open(thumb) as small:
        assert small.format == "JPEG" and small.size == (256, 171)
        assert small.getpixel((10, 10))[1] > 150  # half-transparent green on white


def test_a_scanned_pdf_is_stored_as_it_is(station: StationHandle, client: Owner,
                                          tmp_path: Path) -> None:
    scan = pdf(tmp_path / "签到表 扫描.pdf", pages=3)
    [row] = attachments.attach(station, client, [scan])
    assert (row.media_type, row.pages) == ("application/pdf", 3)
    stored = _store(station).path(row.sha256)
    assert stored.read_bytes() == scan.read_bytes()
    assert len(pdfium.PdfDocument(stored)) == 3
    thumb = attachments.thumbnail(station, row.sha256)
    assert thumb == _store(station).derived_path(row.sha256, "thumb.jpg")
    with Image.open(thumb) as small:
        assert small.format == "JPEG" and max(small.size) == 256 and small.height == 256


def test_a_heic_photo_is_stored_as_a_jpeg(station: StationHandle, client: Owner,
                                          tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    if not pillow_heif.libheif_info().get("encoders", {}).get("x265"):
        pytest.skip("this pillow-heif cannot write HEIC (no x265 encoder)")
    pillow_heif.register_heif_opener()
    source = tmp_path / "IMG_0002.HEIC"
    Image.new("RGB", (320, 240), (200, 30, 30)).save(source, "HEIF")
    [row] = attachments.attach(station, client, [source])
    assert (row.media_type, row.width, row.height, row.file_name) == (
        "image/jpeg", 320, 240, "IMG_0002.HEIC")
    with Image.open(_store(station).path(row.sha256)) as back:
        assert back.format == "JPEG" and back.getpixel((160, 120))[0] > 150


@pytest.mark.parametrize("make, words", [
    (lambda d: text_named_jpg(d / "照片.jpg"), "照片.jpg：文件名说是JPEG 图片，内容却不是"),
    (lambda d: truncated_jpeg(d / "cut.jpg"), "cut.jpg：文件已损坏或不完整"),
    # (decoded at half size: the DCT's draft still reads every byte)
    (lambda d: truncated_jpeg(d / "cut-big.jpg", (4000, 3000)), "cut-big.jpg：文件已损坏或不完整"),
    (lambda d: png(d / "png-named.jpg"), "png-named.jpg：文件名说是JPEG 图片，内容却是PNG 图片"),
    (lambda d: _sparse(d / "huge.jpg", 40_000_000), "huge.jpg：文件太大（40.0 MB，最大 30 MB）"),
    (lambda d: _write(d / "clip.mp4", b"\x00\x00\x00\x18ftypmp42"), "clip.mp4：不支持这种文件"),
    (lambda d: _write(d / "empty.png", b""), "empty.png：文件是空的"),
    (lambda d: _write(d / "cut.pdf", pdf(d / "whole.pdf").read_bytes()[:400]),
     "cut.pdf：文件已损坏或不完整"),
    (lambda d: _locked_pdf(d / "locked.pdf"), "locked.pdf：PDF 有密码保护"),
], ids=["text", "truncated", "truncated-draft", "misnamed", "too-large", "video", "empty",
        "pdf-cut", "pdf-password"])
def test_refused_files_leave_nothing_behind(station: StationHandle, client: Owner,
                                            tmp_path: Path, make, words: str) -> None:
    good = jpeg(tmp_path / "good.jpg")
    bad = make(tmp_path)
    with pytest.raises(ValidationError) as refused:
        attachments.attach(station, client, [good, bad, jpeg(tmp_path / "good2.jpg",
                                                            (300, 300))])
    assert words in str(refused.value)
    _nothing_written(station)


def test_refusals_in_english(station: StationHandle, client: Owner, tmp_path: Path) -> None:
    from swdesk import i18n

    i18n.set_language("en")
    with pytest.raises(ValidationError, match=r"cut\.jpg: the file is damaged or incomplete"):
        attachments.attach(station, client, [truncated_jpeg(tmp_path / "cut.jpg")])


def test_the_size_limit_is_a_setting(station: StationHandle, client: Owner,
                                     tmp_path: Path) -> None:
    settings.ATTACHMENT_MAX_MB.set(1)
    photo = tmp_path / "noisy.jpg"
    Image.effect_noise((1200, 1000), 60).save(photo, "JPEG", quality=98)
    assert photo.stat().st_size > 1_000_000
    with pytest.raises(ValidationError, match="文件太大"):
        attachments.attach(station, client, [photo])
    settings.ATTACHMENT_MAX_MB.set(30)
    assert attachments.attach(station, client, [photo])


def _locked_pdf(path: Path) -> Path:
    from pypdf import PdfWriter  # (only this test locks a PDF)

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    writer.write(path)
    return path


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.write(b"\xff\xd8\xff\xe0")
        f.truncate(size)
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_the_same_photo_twice(station: StationHandle, client: Owner, tmp_path: Path) -> None:
    photo = jpeg(tmp_path / "a.jpg")
    [first] = attachments.attach(station, client, [photo])
    with pytest.raises(ValidationError, match=r"a\.jpg：已添加过"):
        attachments.attach(station, client, [photo, jpeg(tmp_path / "b.jpg", (200, 200))])
    assert Attachment.select().count() == 1
    assert attachments.attach(station, client, [photo, tmp_path / "b.jpg"],
                              skip_duplicates=True)[0].file_name == "b.jpg"
    other = Owner("client", int(crud.create(Client, {"name": "李明"}, SYSTEM).id))
    [second] = attachments.attach(station, other, [photo])
    assert second.sha256 == first.sha256 and second.id != first.id
    assert len(list(_store(station).hashes())) == 2  # a.jpg once, b.jpg


def test_progress_and_cancel(station: StationHandle, client: Owner, tmp_path: Path) -> None:
    photos = [jpeg(tmp_path / f"p{n}.jpg", (300 + n, 200)) for n in range(5)]
    seen: list[tuple[int, int]] = []
    rows = attachments.attach(station, client, photos, progress=lambda d, t: seen.append((d, t)))
    assert [r.file_name for r in rows] == [p.name for p in photos]
    assert seen[-1] == (5, 5) and [d for d, _t in seen] == sorted(d for d, _t in seen)
    for row in rows:
        attachments.remove(station, int(row.id))
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    Attachment.delete().execute()
    with pytest.raises(attachments.AttachCancelled, match="已取消"):
        attachments.attach(station, client, photos, cancelled=cancelled)
    assert Attachment.select().count() == 0
    assert not list((_store(station).root / "tmp").glob("*"))


def test_caption_order_and_removal(station: StationHandle, client: Owner,
                                   tmp_path: Path) -> None:
    late = jpeg(tmp_path / "late.jpg", taken=dt.datetime(2026, 11, 5, 9, 0))
    early = jpeg(tmp_path / "early.jpg", (300, 300), taken=dt.datetime(2026, 11, 1, 9, 0))
    attachments.attach(station, client, [late, early])
    views = attachments.for_owner(station, client)
    assert [v.file_name for v in views] == ["early.jpg", "late.jpg"]
    assert not any(v.masked for v in views)
    attachments.set_caption(station, views[0].id, " 开展前合影 ")
    assert attachments.for_owner(station, client)[0].caption == "开展前合影"
    attachments.remove(station, views[1].id)
    assert [v.file_name for v in attachments.for_owner(station, client)] == ["early.jpg"]
    assert _store(station).has(views[1].sha256)  # (the file goes when the city has the deletion)
    assert Attachment.get_by_id(views[1].id).deleted
    with pytest.raises(NotFoundError):
        attachments.stored_path(station, views[1].id)
    photos = attachments.print_photos(station, client)
    assert [(p.path, p.caption, p.masked, p.media_type, p.file_name) for p in photos] == [
        (_store(station).path(views[0].sha256), "开展前合影", False, "image/jpeg", "early.jpg")]


def test_a_deleted_owner_takes_nothing(station: StationHandle, tmp_path: Path) -> None:
    gone = crud.create(Client, {"name": "赵六"}, SYSTEM)
    crud.delete(Client, gone.id, SYSTEM)
    with pytest.raises(NotFoundError):
        attachments.attach(station, Owner("client", int(gone.id)), [jpeg(tmp_path / "a.jpg")])
    _nothing_written(station)


def test_photos_in_folder_by_day(tmp_path: Path) -> None:
    card = tmp_path / "DCIM" / "100APPLE"
    jpeg(card / "IMG_1.JPG", taken=dt.datetime(2026, 11, 3, 9, 0))
    jpeg(card / "IMG_2.JPG", taken=dt.datetime(2026, 11, 3, 16, 30))
    jpeg(card / "IMG_3.JPG", taken=dt.datetime(2026, 11, 4, 10, 0))
    undated = jpeg(card / "IMG_4.JPG", taken=None)
    png(card / "screen.png")
    text_named_jpg(card / "notes.jpg")  # no EXIF to read: its file time
    (card / "clip.MOV").write_bytes(b"\x00" * 10)
    (card / "._IMG_1.JPG").write_bytes(b"\x00\x05\x16\x07")  # a Mac's resource fork
    jpeg(tmp_path / "DCIM" / ".thumbnails" / "1.jpg", (96, 72))  # Android's
    stamp = dt.datetime(2026, 10, 1, 12, 0).timestamp()
    for name in ("IMG_4.JPG", "screen.png", "notes.jpg"):
        os.utime(card / name, (stamp, stamp))
    days = attachments.photos_in_folder(tmp_path)
    assert list(days) == [dt.date(2026, 10, 1), dt.date(2026, 11, 3), dt.date(2026, 11, 4)]
    assert [p.name for p in days[dt.date(2026, 11, 3)]] == ["IMG_1.JPG", "IMG_2.JPG"]
    assert sorted(p.name for p in days[dt.date(2026, 10, 1)]) == [
        "IMG_4.JPG", "notes.jpg", "screen.png"]
    assert undated in days[dt.date(2026, 10, 1)]


def test_every_refused_file_is_named(station: StationHandle, client: Owner,
                                     tmp_path: Path) -> None:
    # what the first bytes tell is told at once, before any photo is decoded
    files = [jpeg(tmp_path / "ok.jpg"), text_named_jpg(tmp_path / "假1.jpg"),
             truncated_jpeg(tmp_path / "半张.jpg"), truncated_jpeg(tmp_path / "另半张.jpg"),
             jpeg(tmp_path / "ok2.jpg", (200, 100))]
    with pytest.raises(ValidationError) as refused:
        attachments.attach(station, client, files)
    assert str(refused.value) == ("假1.jpg：文件名说是JPEG 图片，内容却不是"
                                  "（可能是改了扩展名的其他文件）")
    with pytest.raises(ValidationError) as refused:
        attachments.attach(station, client, [f for f in files if f.name != "假1.jpg"])
    assert str(refused.value).splitlines() == [
        "2 个文件不能添加，未添加任何文件：",
        "半张.jpg：文件已损坏或不完整，无法打开（请从原处重新拷贝）",
        "另半张.jpg：文件已损坏或不完整，无法打开（请从原处重新拷贝）"]
    _nothing_written(station)
    many = [text_named_jpg(tmp_path / f"t{n:02d}.jpg") for n in range(12)]
    with pytest.raises(ValidationError) as refused:
        attachments.attach(station, client, many)
    lines = str(refused.value).splitlines()
    assert lines[0] == "12 个文件不能添加，未添加任何文件：" and len(lines) == 12
    assert lines[-1] == "……另有 2 个文件也不能添加"


def test_a_failure_while_writing_the_rows_takes_the_files_back(
        station: StationHandle, client: Owner, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    [kept] = attachments.attach(station, client, [jpeg(tmp_path / "before.jpg", (99, 99))])
    real_create, made = crud.create, []

    def failing(*args: object, **kwargs: object) -> object:
        if made:
            raise OSError(28, "No space left on device")
        made.append(1)
        return real_create(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(crud, "create", failing)
    other = Owner("client", int(real_create(Client, {"name": "李明"}, SYSTEM).id))
    with pytest.raises(OSError):
        attachments.attach(station, other, [tmp_path / "before.jpg", jpeg(tmp_path / "a.jpg"),
                                            jpeg(tmp_path / "b.jpg", (300, 100))])
    assert [r.id for r in Attachment.select()] == [kept.id]
    assert list(_store(station).hashes()) == [kept.sha256]  # (the one a row still names)
    assert not list((_store(station).root / "tmp").glob("*"))


def test_strips_asking_for_one_thumbnail_at_once_get_it_made_once(
        station: StationHandle, client: Owner, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two strips of one page ask for the same thumbnail from two threads: made once, so
    no rename replaces a file the other thread is reading."""
    import threading
    import time

    [row] = attachments.attach(station, client, [jpeg(tmp_path / "合影.jpg")])
    store = _store(station)
    for made in store.derived_files(row.sha256):
        made.unlink()
    calls: list[str] = []
    real = attachments.images.make_thumbnail

    def slow(stored: Path, media_type: str, target: Path) -> None:
        calls.append(threading.current_thread().name)
        time.sleep(0.2)  # (long enough for the other threads to ask meanwhile)
        real(stored, media_type, target)

    monkeypatch.setattr(attachments.images, "make_thumbnail", slow)
    start = threading.Barrier(4)
    got: list[Path] = []

    def ask() -> None:
        start.wait()
        got.append(attachments.thumbnail(station, row.sha256))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(set(got)) == 1 and len(got) == 4
    with Image.open(got[0]) as small:
        assert small.format == "JPEG"


def test_a_pdf_thumbnail_waits_while_another_thread_uses_pdfium(
        station: StationHandle, client: Owner, tmp_path: Path) -> None:
    """PDFium is not thread-safe: a scan's thumbnail made on a worker thread waits while
    the window renders a page (which holds the one lock)."""
    import threading

    from swdesk.pdf_lock import PDFIUM

    [row] = attachments.attach(station, client, [pdf(tmp_path / "同意书.pdf", pages=1)])
    for made in _store(station).derived_files(row.sha256):
        made.unlink()
    done = threading.Event()

    def make() -> None:
        attachments.thumbnail(station, row.sha256)
        done.set()

    with PDFIUM:  # (as the window does while it renders)
        worker = threading.Thread(target=make)
        worker.start()
        assert not done.wait(0.5)
    worker.join(10)
    assert done.is_set() and _store(station).derived_files(row.sha256)
