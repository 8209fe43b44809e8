"""The work list's pictures for ``tests/screenshots.py`` (issue 25): the 待办 page, its
完成 and 推迟 dialogs, the slip's checklist, the start reminder, the 工作台's 今日待办 and
the rota's PDF pages as PNG.

    QT_QPA_PLATFORM=offscreen python tests/work_shots.py OUT_DIR  (these alone, small demo)

The dialogs are shown, grabbed and closed unanswered (the 推迟 one after a refused try
without a reason, to show the message); nothing is written behind the pictures' back
but the slip's ticks, which are never saved.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from swdesk.reports import ReportRequest, make
from swdesk.services import rota, work_view
from ui.main_window import MainWindow

Grab = Callable[[QWidget, str], None]


def rota_pages(window: MainWindow, day: dt.date, out: Path, tmp: Path) -> None:
    """The week's rota (every volunteer) made as the 打印 button makes it, its first two
    pages drawn to PNG at 60 dpi, as ``pdftoppm -r 60`` would."""
    import pypdfium2  # (PDFium only for these pictures)

    pdf = tmp / "rota.pdf"
    make(ReportRequest.of("rota", week=day.isoformat()), window.ctx.actor, pdf)
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for n in range(min(len(document), 2)):
            image = document[n].render(scale=60 / 72).to_pil()
            path = out / f"75_rota_page{n + 1}.png"
            image.save(path)
            print(path)
    finally:
        document.close()


def shots(window: MainWindow, grab: Grab, out: Path, tmp: Path) -> None:
    from ui.pages.rota_dialogs import SlipDialog
    from ui.pages.work_dialogs import CompleteDialog, PostponeDialog
    from ui.pages.work_list_page import WorkListPage

    page = window.go("work_list")
    assert isinstance(page, WorkListPage)
    grab(window, "70_work_list")
    rows = page.model.items
    if rows:
        page.table.selectRow(0)
        done = CompleteDialog(window.ctx.handle(), rows[0], page.today, page)
        done.show()
        grab(done, "71_work_done")
        done.close()
        later = PostponeDialog(window.ctx.handle(), rows[0], page.today, page)
        later.show()
        later.save()  # no reason yet: refused, the message under the field
        grab(later, "72_work_postpone")
        later.close()
    week = work_view.week_start(page.today)
    found = rota.rota_rows(window.ctx.handle(), week)
    if found:
        volunteer = max({r.volunteer_id for r in found},
                        key=lambda v: sum(r.volunteer_id == v for r in found))
        slip = SlipDialog(window.ctx.handle(), page.today, page)
        slip.show()
        slip.volunteer.set_value(volunteer)
        slip.load()
        grab(slip, "73_rota_slip_empty")  # (grab settles: the rows are in)
        for n in range(min(slip.rows.count(), 2)):
            slip.rows.item(n).setCheckState(Qt.CheckState.Checked)
        grab(slip, "73_rota_slip")
        slip.close()
        rota_pages(window, week, out, tmp)
    window.reminder.show_count(page.view.counts["overdue"] if page.view else 0)
    window.go("dashboard")
    grab(window, "74_dashboard_work_and_reminder")
    window.reminder.hide()


def main(out: Path) -> int:
    """The work list's pictures alone, on a small demo station (what a trainer shows)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from swdesk import demo
    from swdesk.db import open_station
    from swdesk.services import accounts, station
    from swdesk.services.actor import SYSTEM
    from tests.screenshots import PASSWORD, TASKBAR, TITLE_BAR, grab
    from ui.app import prepare
    from ui.shell.context import AppContext
    from ui.translations import apply_language

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    prepare(app)
    sys.excepthook = sys.__excepthook__  # a developer's tool: tracebacks, never a box
    apply_language("zh")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        with open_station(data_dir, create=True) as sdb:
            station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
            station.create_first_admin("admin", "管理员", PASSWORD, new_worker=True)
            demo.generate(300, 3000, seed=1)
            accounts.create_user("wanghong", "王红", PASSWORD, "head", SYSTEM)
            ctx = AppContext(accounts.authenticate("wanghong", PASSWORD), data_dir, "王红")
            window = MainWindow(sdb, ctx)
            window.resize(1366, 768 - TASKBAR - TITLE_BAR)
            window.show()
            shots(window, lambda w, name: grab(app, w, out / f"{name}.png"), out, Path(tmp))
            window.sdb = None
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
