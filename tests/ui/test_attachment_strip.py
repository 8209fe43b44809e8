"""The attachment strip, driven as a person would: a file dialog, files dropped on it, one
day of a camera card, a caption typed, a photo removed, the viewer's next and previous,
and a case's photos locked for a worker who may not see the case (issue 24)."""

from __future__ import annotations

import datetime as dt
import os
import zlib
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box, ime_type

from swdesk.db import StationDatabase
from swdesk.handle import StationHandle
from swdesk.model import (
    Agency,
    Attachment,
    Case,
    CaseLog,
    Client,
    CommunityActivity,
    Complaint,
    ServiceRecord,
    Worker,
)
from swdesk.services import accounts, activities, attachments, cases, crud
from swdesk.services.actor import SYSTEM
from tests import groupwork
from ui import ops
from ui.attachments.folder_dialog import FolderDayDialog
from ui.attachments.strip import TILE_ROLE, VIEW_ROLE, AttachmentStrip
from ui.attachments.viewer import AttachmentViewer
from ui.main_window import MainWindow
from ui.pages.activity_page import ActivityPage
from ui.pages.case_page import CasePage
from ui.shell.context import AppContext

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
PASSWORD = "Jialian#2024"
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


def photo(folder: Path, name: str, colour: str, size: tuple[int, int] = (800, 600),
          day: dt.date | None = None) -> Path:
    """A JPEG (or PNG, by its name) as a phone would leave it; ``day``: its file time."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    image = Image.new("RGB", size, colour)
    mark = zlib.crc32(name.encode())  # (each photo its own: the same one twice is refused)
    x, y = 100 + mark % 300, 100 + (mark // 300) % 300
    image.paste((255, 255, 255), (x, y, x + 60, y + 60))
    image.save(path)
    if day is not None:
        stamp = dt.datetime.combine(day, dt.time(10, 30)).timestamp()
        os.utime(path, (stamp, stamp))
    return path


def _activity_page(window: MainWindow) -> tuple[CommunityActivity, ActivityPage]:
    activity = activities.save_plan({"title": "中秋博饼", "category": "jinglao",
                                     "field": "welfare", "planned_on": YESTERDAY,
                                     "aims": "邻里同乐"}, SYSTEM)
    window.open_row("community_activity", activity.id)
    page = window.pages["community_activity"].detail  # type: ignore[attr-defined]
    assert isinstance(page, ActivityPage)
    page.tabs.setCurrentIndex(1)  # 签到与记录
    return activity, page


def _rows(activity: CommunityActivity) -> list[Attachment]:
    return list(Attachment.live().where(Attachment.activity == activity.id)
                .order_by(Attachment.id))


def _settled(qtbot: QtBot, strip: AttachmentStrip, count: int) -> None:
    """The strip shows ``count`` tiles, each with what it will show (no dots left)."""
    qtbot.waitUntil(lambda: strip.tiles.count() == count and not strip.thumbnails_pending()
                    and all(strip.tiles.item(n).data(TILE_ROLE) != "waiting"
                            for n in range(count)), timeout=20_000)


def test_photos_added_by_the_file_dialog(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    activity, page = _activity_page(window)
    strip = page.sign_in_attachments
    assert strip.isVisibleTo(page) and strip.add_button.isEnabled()
    chosen = [photo(tmp_path / "相机 卡", "IMG_0001.jpg", "#c04040"),
              photo(tmp_path / "相机 卡", "签到表.png", "#40a040", (600, 840))]
    seen: list[str] = []

    def dialog(parent: object, caption: str, folder: str, filters: str) -> tuple[list[str], str]:
        seen.append(filters)
        return [str(p) for p in chosen], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(dialog))
    strip.add_button.setFocus()
    qtbot.keyClick(strip.add_button, Qt.Key.Key_Space)
    _settled(qtbot, strip, 2)
    assert "*.jpg" in seen[0] and "*.pdf" in seen[0]
    rows = _rows(activity)
    assert [r.file_name for r in rows] == ["IMG_0001.jpg", "签到表.png"]
    assert all(strip.tiles.item(n).data(TILE_ROLE) == "picture" for n in range(2))
    assert strip.title.text() == "活动照片与签到表扫描件（2）"
    # the same activity's strip on the summary tab shows them too
    page.tabs.setCurrentIndex(2)
    _settled(qtbot, page.summary_attachments, 2)


def test_a_refused_file_is_named_and_nothing_attached(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    activity, page = _activity_page(window)
    strip = page.sign_in_attachments
    good = photo(tmp_path, "IMG_0002.jpg", "#4040c0")
    fake = tmp_path / "合影.jpg"
    fake.write_text("这不是照片", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(
        lambda *args: ([str(good), str(fake)], "")))
    seen = answer_box(qtbot, "确定")
    strip.add_button.click()
    qtbot.waitUntil(lambda: bool(seen) and ops.running() == 0, timeout=20_000)
    assert "合影.jpg" in seen[0]
    assert _rows(activity) == []
    assert strip.tiles.count() == 0 and strip.empty.isVisible()


def _drop(strip: AttachmentStrip, files: list[Path]) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    where = QPointF(strip.width() / 2, strip.height() / 2)
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(strip, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(strip, drop)
    return drop.isAccepted()


def test_files_dropped_on_the_strip_are_attached(qtbot: QtBot, window: MainWindow,
                                                 tmp_path: Path) -> None:
    activity, page = _activity_page(window)
    strip = page.sign_in_attachments
    files = [photo(tmp_path, f"P{n}.jpg", colour) for n, colour in
             enumerate(("#aa3333", "#33aa33", "#3333aa"))]
    assert _drop(strip, files)
    _settled(qtbot, strip, 3)
    assert [r.file_name for r in _rows(activity)] == ["P0.jpg", "P1.jpg", "P2.jpg"]


def test_a_new_row_has_a_disabled_strip(qtbot: QtBot, admin: AppContext,
                                        tmp_path: Path) -> None:
    strip = AttachmentStrip(admin, "record", None)
    qtbot.addWidget(strip)
    assert not strip.add_button.isEnabled() and not strip.folder_button.isEnabled()
    assert strip.hint.text() == "保存后可添加附件"
    assert not _drop(strip, [photo(tmp_path, "x.jpg", "#888888")])


def test_one_day_of_a_camera_card_imported(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    activity, page = _activity_page(window)
    strip = page.sign_in_attachments
    card = tmp_path / "DCIM" / "100APPLE"
    day_one, day_two = dt.date(2026, 9, 25), dt.date(2026, 10, 1)
    for n in range(3):
        photo(card, f"IMG_{n:04d}.JPG", "#996633", day=day_one)
    for n in range(3, 5):
        photo(card, f"IMG_{n:04d}.JPG", "#336699", day=day_two)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args: str(tmp_path / "DCIM")))
    picked: list[list[str]] = []

    def pick_day() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FolderDayDialog):
            QTimer.singleShot(20, pick_day)
            return
        picked.append([dialog.list.item(n).text() for n in range(dialog.list.count())])
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)  # the newest day first: down to 25 Sept
        picked.append([dialog.count.text()])
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick_day)
    strip.folder_button.click()
    _settled(qtbot, strip, 3)
    assert picked[0] == ["2026年10月1日（星期四）  2 张", "2026年9月25日（星期五）  3 张"]
    assert picked[1] == ["将导入这一天的 3 张照片。"]
    assert sorted(r.file_name for r in _rows(activity)) == [
        "IMG_0000.JPG", "IMG_0001.JPG", "IMG_0002.JPG"]


def _with_photos(window: MainWindow, tmp_path: Path, count: int
                 ) -> tuple[CommunityActivity, AttachmentStrip]:
    activity, page = _activity_page(window)
    station = window.ctx.handle()
    files = [photo(tmp_path, f"照片{n + 1}.jpg", colour) for n, colour in
             enumerate(("#cc4444", "#44cc44", "#4444cc", "#cccc44")[:count])]
    attachments.attach(station, attachments.Owner("activity", int(activity.id)), files)
    strip = page.sign_in_attachments
    strip.reload()
    return activity, strip


def test_a_caption_typed_on_a_tile(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    activity, strip = _with_photos(window, tmp_path, 2)
    _settled(qtbot, strip, 2)
    strip.tiles.setFocus()
    strip.tiles.setCurrentRow(1)
    qtbot.keyClick(strip.tiles, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    ime_type(editor, "长者博饼合影")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _rows(activity)[1].caption == "长者博饼合影")
    _settled(qtbot, strip, 2)
    assert strip.tiles.item(1).text() == "长者博饼合影"
    assert _rows(activity)[0].caption is None


def test_a_photo_removed_after_asking(qtbot: QtBot, window: MainWindow,
                                      tmp_path: Path) -> None:
    activity, strip = _with_photos(window, tmp_path, 2)
    _settled(qtbot, strip, 2)
    strip.tiles.setFocus()
    strip.tiles.setCurrentRow(0)
    seen = answer_box(qtbot, "保留")
    qtbot.keyClick(strip.tiles, Qt.Key.Key_Delete)
    assert seen == ["删除附件“照片1.jpg”吗？"]
    assert len(_rows(activity)) == 2  # kept
    seen = answer_box(qtbot, "删除")
    qtbot.keyClick(strip.tiles, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(_rows(activity)) == 1)
    assert _rows(activity)[0].file_name == "照片2.jpg"
    _settled(qtbot, strip, 1)


def test_the_viewer_steps_through_the_photos(qtbot: QtBot, window: MainWindow,
                                             tmp_path: Path) -> None:
    _activity, strip = _with_photos(window, tmp_path, 3)
    _settled(qtbot, strip, 3)
    strip.tiles.setFocus()
    strip.tiles.setCurrentRow(1)
    qtbot.keyClick(strip.tiles, Qt.Key.Key_Return)
    viewer = strip.viewer
    assert isinstance(viewer, AttachmentViewer)
    qtbot.waitUntil(lambda: not viewer.canvas.image.isNull())

    def shown() -> tuple[str, str, tuple[int, int, int]]:
        colour = viewer.canvas.image.pixelColor(10, 10)
        return (viewer.caption.text(), viewer.position.text(),
                (colour.red() // 40, colour.green() // 40, colour.blue() // 40))

    def settle_on(name: str) -> None:
        qtbot.waitUntil(lambda: viewer.caption.text() == name and viewer.path is not None
                        and not viewer.canvas.image.isNull())

    settle_on("照片2.jpg")
    assert shown() == ("照片2.jpg", "第 2 / 3 个", (1, 5, 1))
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    settle_on("照片3.jpg")
    assert shown() == ("照片3.jpg", "第 3 / 3 个", (1, 1, 5))
    assert not viewer.next_button.isEnabled()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # the last: stays
    assert viewer.index == 2
    qtbot.keyClick(viewer, Qt.Key.Key_PageUp)
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    settle_on("照片1.jpg")
    assert shown()[:2] == ("照片1.jpg", "第 1 / 3 个")
    assert not viewer.previous_button.isEnabled()
    qtbot.keyClick(viewer, Qt.Key.Key_PageDown)
    settle_on("照片2.jpg")
    # the picture fitted: never wider or taller than the window's room for it
    rect = viewer.canvas.shown_rect()
    assert rect.width() <= viewer.canvas.width() and rect.height() <= viewer.canvas.height()
    viewer.close()


def test_the_viewer_saves_a_copy(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _activity, strip = _with_photos(window, tmp_path, 1)
    _settled(qtbot, strip, 1)
    view = strip.tiles.item(0).data(VIEW_ROLE)
    viewer = AttachmentViewer(window.ctx.handle(), [view], 0, window)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.save_button.isEnabled())
    target = tmp_path / "导出 副本" / "活动照片.jpg"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args: (str(target), "")))
    viewer.save_button.click()
    stored = attachments.stored_path(window.ctx.handle(), view)
    assert target.read_bytes() == stored.read_bytes()


def test_a_worker_who_may_not_see_a_case_sees_locked_tiles(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext, tmp_path: Path) -> None:
    owner_worker = crud.create(Worker, {"name": "陈社工"}, SYSTEM)
    client = crud.create(Client, {"name": "黄伯"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": YESTERDAY,
                              "stage": "intervention", "worker": owner_worker.id,
                              "problem": "独居，行动不便"}, SYSTEM)
    attachments.attach(admin.handle(), attachments.Owner("case", int(case.id)),
                       [photo(tmp_path, "家访.jpg", "#cc8844")])
    accounts.create_user("liwei", "李伟", PASSWORD, "worker", admin.actor, new_worker=True)
    other = accounts.authenticate("liwei", PASSWORD)
    ctx = AppContext(other, sdb.data_dir, "李伟", station=StationHandle.of(sdb, other))
    strip = AttachmentStrip(ctx, "case", int(case.id))
    qtbot.addWidget(strip)
    strip.show()
    _settled(qtbot, strip, 1)
    tile = strip.tiles.item(0)
    assert tile.data(TILE_ROLE) == "locked"
    assert tile.text() == "（不可查看）"
    strip.tiles.setFocus()
    strip.tiles.setCurrentRow(0)
    qtbot.keyClick(strip.tiles, Qt.Key.Key_Return)
    assert strip.viewer is None  # nothing opens
    qtbot.keyClick(strip.tiles, Qt.Key.Key_F2)
    assert not isinstance(QApplication.focusWidget(), QLineEdit)  # no caption to edit
    rect = strip.tiles.visualItemRect(tile)
    qtbot.mouseDClick(strip.tiles.viewport(), Qt.MouseButton.LeftButton,
                      pos=QPoint(rect.center().x(), rect.top() + 20))
    assert strip.viewer is None
    # the case's own worker, through the same strip, sees the photo
    mine = AppContext(admin.actor, sdb.data_dir, "王站长", station=admin.handle())
    own = AttachmentStrip(mine, "case", int(case.id))
    qtbot.addWidget(own)
    own.show()
    _settled(qtbot, own, 1)
    assert own.tiles.item(0).data(TILE_ROLE) == "picture"


def test_a_case_log_chosen_takes_its_own_attachments(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    client = crud.create(Client, {"name": "黄伯"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": YESTERDAY,
                              "stage": "intervention", "problem": "独居，行动不便"}, SYSTEM)
    cases.add_case_log(case.id, {"date": YESTERDAY.isoformat(), "way": "home_visit",
                                 "content": "入户探访"}, SYSTEM)
    window.open_row("case", case.id)
    page = window.pages["case"].detail  # type: ignore[attr-defined]
    assert isinstance(page, CasePage)
    strip = page.log_attachments
    assert not strip.add_button.isEnabled()
    assert strip.hint.text() == "选中一条个案记录后可添加附件"
    qtbot.waitUntil(lambda: page.logs.rowCount() == 1 and page.logs.id_at(0) is not None)
    page.log_view.setFocus()
    page.log_view.setCurrentIndex(page.logs.index(0, 0))
    assert strip.add_button.isEnabled()
    visit = photo(tmp_path, "探访.jpg", "#aa8866")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *args: ([str(visit)], "")))
    strip.add_button.click()
    _settled(qtbot, strip, 1)
    log = CaseLog.get(CaseLog.case == case.id)
    rows = list(Attachment.live().where(Attachment.case_log == log.id))
    assert [r.file_name for r in rows] == ["探访.jpg"]
    assert not Attachment.live().where(Attachment.case == case.id).exists()  # not the case's


def test_an_import_cancelled_attaches_nothing(qtbot: QtBot, window: MainWindow,
                                              tmp_path: Path) -> None:
    activity, page = _activity_page(window)
    strip = page.sign_in_attachments
    files = [photo(tmp_path / "卡", f"IMG_{n:04d}.jpg", "#5588aa", (2400, 1800))
             for n in range(12)]
    strip.add_files(files)
    task = strip.task
    assert task is not None
    task.dialog.canceled.emit()  # the progress dialog's 取消, as soon as it is there
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=30_000)
    assert not task.finished_ok
    assert QApplication.activeModalWidget() is None  # no box to click away
    assert _rows(activity) == []
    assert window.statusBar().currentMessage() == "已取消，未添加任何文件"
    assert strip.tiles.count() == 0


def test_a_scanned_pdf_shows_its_page_and_opens_in_the_pdf_viewer(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    activity, page = _activity_page(window)
    sheet = tmp_path / "签到表 扫描.pdf"
    Image.new("RGB", (1240, 1754), "white").save(sheet, "PDF", resolution=150)
    attachments.attach(window.ctx.handle(), attachments.Owner("activity", int(activity.id)),
                       [photo(tmp_path, "合影.jpg", "#aa5533"), sheet])
    strip = page.sign_in_attachments
    strip.reload()
    _settled(qtbot, strip, 2)
    kinds = {strip.tiles.item(n).text(): strip.tiles.item(n).data(TILE_ROLE) for n in range(2)}
    assert kinds == {"合影.jpg": "picture", "签到表 扫描.pdf": "picture"}  # its first page
    strip.tiles.setFocus()
    strip.tiles.setCurrentRow([strip.tiles.item(n).text() for n in range(2)].index(
        "签到表 扫描.pdf"))
    qtbot.keyClick(strip.tiles, Qt.Key.Key_Return)
    viewer = strip.viewer
    assert isinstance(viewer, AttachmentViewer)
    qtbot.waitUntil(lambda: viewer.pdf is not None and viewer.stack.currentWidget() is viewer.pdf)
    assert viewer.pdf is not None and viewer.pdf.page_count() == 1
    viewer.close()


def _strips(page: QWidget) -> dict[str, tuple[int | None, bool]]:
    """The page's strips: link → (row id, whether files may be added)."""
    return {s.link: (s.owner.id if s.owner else None, s.add_button.isEnabled())
            for s in page.findChildren(AttachmentStrip)}


def test_every_page_that_holds_attachments_has_its_strip(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    built = groupwork.six_and_five(SYSTEM, sessions=1)
    group = built.group
    session = ServiceRecord.get(ServiceRecord.work_group == group.id)
    client = crud.create(Client, {"name": "黄伯"}, SYSTEM)
    case = crud.create(Case, {"client": client.id, "opened_on": YESTERDAY,
                              "stage": "intervention", "problem": "独居，行动不便"}, SYSTEM)
    agency = crud.create(Agency, {"name": "厦门市启航社工服务中心", "fulltime_staff": 9,
                                  "certified_staff": 2}, SYSTEM)
    complaint = crud.create(Complaint, {
        "target": "agency", "agency": agency.id, "channel": "phone",
        "received_on": YESTERDAY, "content": "上门探访迟到", "status": "handling"}, SYSTEM)
    activity, activity_page = _activity_page(window)
    assert _strips(activity_page) == {"activity": (activity.id, True)}
    assert len(activity_page.findChildren(AttachmentStrip)) == 2  # 签到与记录, 总结与满意度
    for entity, row_id, expected in (
            ("client", client.id, {"client": (client.id, True)}),
            ("case", case.id, {"case": (case.id, True), "case_log": (None, False)}),
            ("service_record", session.id, {"record": (session.id, True)}),
            ("complaint", complaint.id, {"complaint": (complaint.id, True)})):
        window.open_row(entity, row_id)
        page = window.pages[window.current_key()]  # type: ignore[index]
        detail = getattr(page, "detail", None) or page.current().detail  # 评估与投诉: tabs
        assert _strips(detail) == expected, entity
    window.open_row("work_group", group.id)
    group_page = window.pages["work_group"].detail  # type: ignore[attr-defined]
    assert _strips(group_page.session) == {"record": (None, False)}  # a new session: save first
    group_page.open_session(session.id)
    assert _strips(group_page.session) == {"record": (session.id, True)}
    contract = window.go("contract")
    contract.show_entity("evaluation").new()  # type: ignore[attr-defined]
    new = contract.current().detail  # type: ignore[attr-defined]
    assert _strips(new) == {"evaluation": (None, False)}
    assert new.attachments.hint.text() == "保存后可添加附件"
    window.pages["service_record"].new()  # type: ignore[attr-defined]
    assert _strips(window.pages["service_record"].detail) == {"record": (None, False)}  # type: ignore[attr-defined]
