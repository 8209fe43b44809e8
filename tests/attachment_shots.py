"""The attachment strip and viewer, for ``tests/screenshots.py`` (issue 24).

Four photos (drawn here: a sky, the ground, a lantern and people-like shapes, each its
own colours, so the strip shows four distinct pictures) are attached through the core to
a held community activity; its 签到与记录 tab is grabbed with the strip scrolled into
sight, then the viewer on the second photo, a case's strip as a social worker who may
not see the case (padlocks), and the strip on the other pages that hold one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from swdesk.model import Case, CommunityActivity, Evaluation, ServiceRecord, WorkGroup
from swdesk.services import accounts, attachments
from swdesk.services.actor import SYSTEM
from ui.attachments.strip import AttachmentStrip
from ui.main_window import MainWindow
from ui.shell.context import AppContext

Grab = Callable[[QWidget, str], None]
PASSWORD = "Jialian#2024"
SCENES = (("中秋博饼：长者掷骰子", "#f3c77b", "#b5533c", "#d7263d"),
          ("志愿者分发月饼", "#9ad0ec", "#4f7942", "#f4a259"),
          ("社工带领热身游戏", "#cfe8ff", "#8c6e54", "#2a9d8f"),
          ("活动合影", "#ffd6a5", "#6d597a", "#e63946"))


def scene(path: Path, sky: str, ground: str, accent: str, seed: int) -> Path:
    """A 1600×1200 picture that reads as a photo of an event at thumbnail size."""
    image = Image.new("RGB", (1600, 1200), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 760, 1600, 1200), fill=ground)
    draw.ellipse((1240 - seed * 40, 120, 1420 - seed * 40, 300), fill="#fff3b0")  # a lantern
    for n in range(5):  # people: a head over a body
        x = 220 + n * 260 + seed * 15
        draw.ellipse((x, 520, x + 110, 630), fill="#f1c27d")
        draw.rounded_rectangle((x - 30, 640, x + 140, 960), 40, fill=accent if n % 2 else "#264653")
    draw.rectangle((560, 980, 1040, 1060), fill="#fefae0")  # a table
    image.save(path, quality=90)
    return path


def _scroll_to(app: QApplication, widget: QWidget) -> None:
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        app.processEvents()
        area.ensureWidgetVisible(widget, 0, 20)


def activity_strip(app: QApplication, window: MainWindow, activity: CommunityActivity,
                   tmp: Path, grab: Grab, settle: Callable[[QApplication], None]) -> None:
    station = window.ctx.handle()
    folder = tmp / "活动照片"
    folder.mkdir(exist_ok=True)
    files = [scene(folder / f"IMG_{n + 1:04d}.jpg", sky, ground, accent, n)
             for n, (_caption, sky, ground, accent) in enumerate(SCENES)]
    owner = attachments.Owner("activity", int(activity.id))
    made = attachments.attach(station, owner, files)
    for row, (caption, *_colours) in zip(made, SCENES, strict=True):
        attachments.set_caption(station, int(row.id), caption)
    window.open_row("community_activity", activity.id)
    page = window.pages["community_activity"].detail  # type: ignore[attr-defined]
    page.tabs.setCurrentIndex(1)
    strip: AttachmentStrip = page.sign_in_attachments
    settle(app)
    for _ in range(100):
        settle(app)
        if not strip.thumbnails_pending():
            break
    _scroll_to(app, strip)
    grab(window, "60_activity_attachments")
    strip.tiles.setFocus()
    strip.tiles.setCurrentRow(1)
    strip.open_item(strip.tiles.currentItem())
    viewer = strip.viewer
    assert viewer is not None
    for _ in range(100):
        settle(app)
        if viewer.path is not None:
            break
    grab(viewer, "61_attachment_viewer")
    viewer.close()
    window.pages["community_activity"].close_detail_quietly()  # type: ignore[attr-defined]


def locked_case_strip(app: QApplication, window: MainWindow, tmp: Path, grab: Grab,
                      settle: Callable[[QApplication], None]) -> None:
    """A case's photos seen by a social worker not on the case: padlocks."""
    case = Case.live().where(Case.stage == "intervention").first()
    if case is None:
        return
    station = window.ctx.handle()
    home = tmp / "家访"
    home.mkdir(exist_ok=True)
    attachments.attach(station, attachments.Owner("case", int(case.id)),
                       [scene(home / f"家访{n}.jpg", "#e9edc9", "#a98467", "#6c584c", n)
                        for n in range(3)])
    accounts.create_user("liwei", "李伟", PASSWORD, "worker", SYSTEM, new_worker=True)
    other = accounts.authenticate("liwei", PASSWORD)
    ctx = AppContext(other, window.ctx.data_dir, "李伟", station=station.acting(other))
    strip = AttachmentStrip(ctx, "case", int(case.id), title="个案附件")
    strip.resize(700, strip.sizeHint().height())
    strip.show()
    for _ in range(100):
        settle(app)
        if strip.tiles.count() and not strip.thumbnails_pending():
            break
    grab(strip, "62_case_attachments_locked")
    strip.close()


def only(app: QApplication, window: MainWindow, tmp: Path, grab: Grab,
         settle: Callable[[QApplication], None]) -> None:
    """``--attachments``: the pictures of this module alone."""
    held = CommunityActivity.live().where(CommunityActivity.status == "held").first()
    assert held is not None, "the demo holds no community activity: give more records"
    activity_strip(app, window, held, tmp, grab, settle)
    locked_case_strip(app, window, tmp, grab, settle)
    pages(app, window, grab, settle)


def pages(app: QApplication, window: MainWindow, grab: Grab,
          settle: Callable[[QApplication], None]) -> None:
    """Where the strip stands on the other pages: a case (its own and a log's), a service
    record, a group's session, an evaluation, a client's 附件 tab."""
    case = Case.live().where(Case.stage == "intervention").first()
    if case is not None:
        window.open_row("case", case.id)
        page = window.pages["case"].detail  # type: ignore[attr-defined]
        for _ in range(100):  # (the logs arrive from the background)
            settle(app)
            if page.logs.rowCount() and page.logs.id_at(0) is not None:
                break
        page.log_view.setCurrentIndex(page.logs.index(0, 0))
        settle(app)
        _scroll_to(app, page.attachments)
        _scroll_to(app, page.log_attachments)
        grab(window, "63_case_attachments")
        window.open_row("client", case.client_id)
        client_page = window.pages["client"].detail  # type: ignore[attr-defined]
        client_page.tabs.setCurrentWidget(client_page.attachments)
        grab(window, "64_client_attachments")
    record = ServiceRecord.live().where(ServiceRecord.kind != "group").first()
    if record is not None:
        window.open_row("service_record", record.id)
        _scroll_to(app, window.pages["service_record"].detail.attachments)  # type: ignore[attr-defined]
        grab(window, "65_record_attachments")
    group = WorkGroup.live().first()
    if group is not None:
        window.open_row("work_group", group.id)
        window.pages["work_group"].detail.tabs.setCurrentIndex(2)  # type: ignore[attr-defined]
        grab(window, "66_group_session_attachments")
    evaluation = Evaluation.live().first()
    if evaluation is not None:
        window.open_row("evaluation", evaluation.id)
        grab(window, "67_evaluation_attachments")
