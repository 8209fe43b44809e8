"""Render every main page of the window on demo data to PNG files, in Chinese.

    QT_QPA_PLATFORM=offscreen python tests/screenshots.py OUT_DIR [--clients N --records N]
        [--size WxH] [--dark] [--small] [--scale FACTOR]
    QT_QPA_PLATFORM=offscreen python tests/screenshots.py docs/guide/img --guide
    QT_QPA_PLATFORM=offscreen python tests/screenshots.py OUT_DIR --attachments --clients 60

--size is the screen, 1366x768 unless told (1024x768: the smallest screen a station PC
has): offscreen draws on a screen that size, the main window fills it as a maximised one
does (less the taskbar and title bar) and dialogs open at the size they choose there.
--dark starts under a dark system palette (as Windows in dark mode gives Qt; Fusion
style, offscreen has no windows11 style): swdesk must still show its light look.
--guide makes the user guide's pictures instead (tests/guide_shots.py): 1024×700,
optimised PNG, named as the guide's pages use them.
--attachments makes only the attachment pictures (tests/attachment_shots.py): a held
activity's strip with four photos, the viewer, a case's strip with padlocks.
--small draws a 1280×720 window at 150 % scaling (QT_SCALE_FACTOR=1.5), a 1920×1080
laptop's logical size. --scale sets another factor (--small --scale 1.25: a 1600×900
screen at 125 %); Qt reads it when the application is made, so give it on the command line.

Builds a throw-away station in a temporary data dir, fills it with demo data,
signs in as the station head and grabs each page (plus a client, a case, a
service record form, a case scrolled to its assessments and referrals with a receipt
being recorded, a community activity's tabs when the demo holds one, a client
form with errors, the first-run wizard's pages and the
工作台 of a station that has nothing yet), the dialogs and message boxes of daily work and
every report kind (tests/dialog_shots.py), the work list with its dialogs, the 工作台's
今日待办 with the start reminder and the rota's PDF pages (tests/work_shots.py), then as
the administrator the audit page, the
settings, the account and backup dialogs, the sync page with conflicts to settle, the
lock and the guide, and last the sign-in box and About.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from peewee import fn
from PySide6.QtWidgets import QApplication, QWidget

from swdesk import demo
from swdesk.db import open_station
from swdesk.model import (
    Agency,
    Case,
    Client,
    CommunityActivity,
    Complaint,
    Evaluation,
    Project,
    ServiceRecord,
    VolunteerHour,
    WorkGroup,
)
from swdesk.reports.volunteer import issue_certificate
from swdesk.services import accounts, station
from swdesk.services.actor import SYSTEM
from tests import attachment_shots, dialog_shots, groupwork, work_shots
from ui import ops
from ui.app import prepare
from ui.main_window import MainWindow
from ui.shell.context import AppContext
from ui.translations import apply_language

PASSWORD = "Jialian#2024"


def settle(app: QApplication) -> None:
    for _ in range(50):
        app.processEvents()
        if ops.running() == 0:
            break
        QApplication.instance().thread().msleep(50)  # type: ignore[union-attr]
    for _ in range(5):
        app.processEvents()


def grab(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(path)


TASKBAR, TITLE_BAR = 40, 31  # Windows 10's, at 100 %


def screen_file(size: tuple[int, int]) -> Path:
    """The offscreen platform's description of one screen of ``size`` (at 96 dpi)."""
    path = Path(tempfile.gettempdir()) / f"swdesk-screen-{size[0]}x{size[1]}.json"
    path.write_text(json.dumps({"screens": [{
        "name": "screen", "x": 0, "y": 0, "width": size[0], "height": size[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return path


def window_size(text: str) -> tuple[int, int]:
    width, _x, height = text.lower().replace("×", "x").partition("x")
    try:
        return int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give WIDTHxHEIGHT, e.g. 1024x768") from None


def case_panels(app: QApplication, window: MainWindow, case: Case, out: Path) -> None:
    """The case page scrolled to its assessments and referrals: one of each at least
    (added through the core where the demo has none), a receipt being recorded."""
    from PySide6.QtWidgets import QScrollArea

    from swdesk.services import case_closure, cases, questionnaires

    if not cases.assessments(int(case.id)):
        defn = questionnaires.definition("elderly_ability")
        questionnaires.record(SYSTEM, defn.code, "assessment",
                              {i.code: i.options[1].code for i in defn.items if i.options},
                              date=case.opened_on, case_id=int(case.id))
    if not case_closure.referral_lines(int(case.id), SYSTEM):
        case_closure.add_referral(int(case.id), {
            "direction": "out", "date": case.opened_on, "organisation": "思明区残疾人联合会",
            "reason": "申请辅具适配与居家无障碍改造"}, SYSTEM)
    window.open_row("case", case.id)
    page = window.pages["case"].detail  # type: ignore[attr-defined]
    panel = page.referrals
    panel.table.setCurrentIndex(panel.model.index(0, 2))
    panel.start_receipt()
    area = panel.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    assert area is not None
    settle(app)
    area.ensureWidgetVisible(page.assessments, 0, 0)
    area.ensureWidgetVisible(panel.receipt_box, 0, 8)
    grab(app, window, out / "22_case_referrals.png")


def contract_year_shots(window: MainWindow, busiest: object, tmp: Path, out: Path) -> None:
    """评估与投诉: an evaluation with its scores, an overdue complaint, an agency's check, a
    certificate of the register (one issued to the busiest volunteer for it)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for entity, model in (("evaluation", Evaluation), ("complaint", Complaint),
                          ("agency", Agency)):
        row = model.live().first()
        if row is not None:
            window.open_row(entity, row.id)
            grab(app, window, out / f"24_{entity}_page.png")
    if busiest is not None:
        cert = issue_certificate(busiest.volunteer_id, SYSTEM, tmp / "cert.pdf")  # type: ignore[attr-defined]
        window.open_row("volunteer_certificate", cert.id)
        grab(app, window, out / "24_certificate_page.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--size", type=window_size, help="window size, e.g. 1024x768")
    parser.add_argument("--dark", action="store_true", help="start under a dark palette")
    parser.add_argument("--small", action="store_true", help="1280×720 window at 150 %%")
    parser.add_argument("--scale", type=float, help="scaling factor (1.5: 150 %%)")
    parser.add_argument("--guide", action="store_true",
                        help="the user guide's pictures (docs/guide/img)")
    parser.add_argument("--attachments", action="store_true",
                        help="only the attachment strip and viewer (a small demo)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    screen = args.size or ((1280, 720) if args.small else (1366, 768))
    size = (screen[0], screen[1] - TASKBAR - TITLE_BAR)
    if os.environ["QT_QPA_PLATFORM"] == "offscreen" and QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen_file(screen)}"
    scale = args.scale or (1.5 if args.small else None)
    if scale:
        if QApplication.instance() is not None:
            parser.error("--scale needs a fresh process: Qt reads it when the app is made")
        os.environ["QT_SCALE_FACTOR"] = str(scale)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    if args.dark:
        from tests.ui.contrast import dark_palette

        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    prepare(app)
    sys.excepthook = sys.__excepthook__  # a developer's tool: show tracebacks, never a box
    apply_language("zh")
    if args.guide:
        from tests.guide_shots import make

        make(app, args.out, settle)
        return 0
    def shot(widget: QWidget, name: str) -> None:
        grab(app, widget, args.out / f"{name}.png")

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        with open_station(data_dir, create=True) as sdb:
            from ui.shell.first_run import FirstRunWizard

            wizard = FirstRunWizard()
            wizard.show()
            grab(app, wizard, args.out / "00_first_run.png")
            wizard.station_page.code.setText("XM/SM 1")
            wizard.station_page.name.setText("嘉莲街道社工站")
            wizard.next()  # refused: the code's format, said under the field
            grab(app, wizard, args.out / "00_first_run_code_error.png")
            wizard.station_page.code.setText("XM-SM-001")
            wizard.next()
            grab(app, wizard, args.out / "00_first_run_admin.png")
            wizard.close()
            station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
            admin = station.create_first_admin("admin", "管理员", PASSWORD, new_worker=True)
            empty = MainWindow(sdb, AppContext(accounts.actor_of(admin), data_dir, "管理员"))
            empty.resize(*size)
            empty.show()
            grab(app, empty, args.out / "00_empty_dashboard.png")
            empty.go("service_record").new()  # type: ignore[attr-defined]
            grab(app, empty, args.out / "00_admin_new_record.png")  # 负责社工 filled in
            empty.sdb = None
            empty.close()
            demo.generate(args.clients, args.records, seed=1)
            accounts.create_user("wanghong", "王红", PASSWORD, "head", SYSTEM)
            ctx = AppContext(accounts.authenticate("wanghong", PASSWORD), data_dir, "王红")
            window = MainWindow(sdb, ctx)
            window.resize(*size)
            window.show()
            if args.attachments:
                attachment_shots.only(app, window, Path(tmp), shot, settle)
                window.sdb = None
                window.close()
                return 0
            for n in range(window.rail.count()):
                window.rail.setCurrentRow(n)
                key = window.current_key()
                grab(app, window, args.out / f"{n + 1:02d}_{key}.png")
            client = Client.live().join(Case, on=(Case.client == Client.id)).first()
            window.open_row("client", client.id)
            grab(app, window, args.out / "20_client_page.png")
            page = window.pages["client"]
            page.detail.tabs.setCurrentIndex(3)  # type: ignore[attr-defined]
            grab(app, window, args.out / "21_client_timeline.png")
            page.close_detail_quietly()  # type: ignore[attr-defined]
            case = Case.live().where(Case.stage == "intervention").first()
            window.open_row("case", case.id)
            grab(app, window, args.out / "22_case_page.png")
            case_panels(app, window, case, args.out)
            window.open_row("case", case.id)
            window.pages["case"].detail.start_closing()  # type: ignore[attr-defined]
            grab(app, window, args.out / "22_case_closing.png")
            closed = Case.live().where(Case.stage == "closed").first()
            if closed is not None:  # its closure, goals' attainment and follow-up
                window.open_row("case", closed.id)
                grab(app, window, args.out / "22_case_closed.png")
            record = ServiceRecord.live().where(ServiceRecord.kind == "group").first()
            window.open_row("service_record", record.id)
            grab(app, window, args.out / "23_record_page.png")
            group = WorkGroup.live().first() or groupwork.six_and_five(SYSTEM).group
            window.open_row("work_group", group.id)
            for tab in range(5):  # plan, members, sessions, pre/post, summary
                window.pages["work_group"].detail.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
                grab(app, window, args.out / f"23_group_page_{tab}.png")
            window.pages["work_group"].close_detail_quietly()  # type: ignore[attr-defined]
            busiest = (VolunteerHour.select(VolunteerHour.volunteer).where(
                VolunteerHour.deleted == False).group_by(VolunteerHour.volunteer)  # noqa: E712
                .order_by(fn.count(VolunteerHour.id).desc()).first())
            if busiest is not None:
                window.open_row("volunteer", busiest.volunteer_id)
                grab(app, window, args.out / "23_volunteer_page.png")
            contract_year_shots(window, busiest, Path(tmp), args.out)
            project = Project.live().order_by(Project.start_on).first()
            if project is not None:  # its money, the 70 % rule, indicators per year
                window.open_row("project", project.id)
                grab(app, window, args.out / "23_project_page.png")
                window.pages["project"].close_detail_quietly()  # type: ignore[attr-defined]
            held = CommunityActivity.live().where(CommunityActivity.status == "held").first()
            if held is not None:  # (demo data with activities: each tab of one held)
                window.open_row("community_activity", held.id)
                tabs = window.pages["community_activity"].detail.tabs  # type: ignore[attr-defined]
                for n, name in enumerate(("plan", "sign_in", "summary")):
                    tabs.setCurrentIndex(n)
                    grab(app, window, args.out / f"23_activity_{name}.png")
                window.pages["community_activity"].close_detail_quietly()  # type: ignore[attr-defined]
                attachment_shots.activity_strip(app, window, held, Path(tmp), shot, settle)
            window.pages["client"].new()  # type: ignore[attr-defined]
            window.go("client")
            grab(app, window, args.out / "24_new_client.png")
            form = window.pages["client"].detail.form  # type: ignore[attr-defined]
            form.editors["id_number"].widget.setText("350203195003150011")
            form.editors["phone"].widget.setText("1380013800")
            form.save()  # refused: the messages under the fields, the fields framed in red
            grab(app, window, args.out / "30_client_errors.png")
            form.editors["phone"].widget.setText("13800138000")  # right: its error goes
            grab(app, window, args.out / "31_client_error_corrected.png")
            window.pages["client"].close_detail_quietly()  # type: ignore[attr-defined]
            window.pages["service_record"].new()  # type: ignore[attr-defined]
            window.go("service_record")
            grab(app, window, args.out / "32_new_record.png")
            window.pages["service_record"].close_detail_quietly()  # type: ignore[attr-defined]
            dialog_shots.as_head(app, window, shot, Path(tmp))
            attachment_shots.locked_case_strip(app, window, Path(tmp), shot, settle)
            work_shots.shots(window, shot, args.out, Path(tmp))  # 待办, slip, rota PDF
            window.sdb = None
            window.close()
            # What only an administrator sees: the audit page and the settings' accounts
            # and backups.
            ctx = AppContext(accounts.authenticate("admin", PASSWORD), data_dir, "管理员")
            window = MainWindow(sdb, ctx)
            window.resize(*size)
            window.show()
            for n, key in enumerate(("audit", "settings")):
                window.go(key)
                grab(app, window, args.out / f"{25 + n}_admin_{key}.png")
            dialog_shots.as_admin(app, window, shot, Path(tmp))
            window.sdb = None
            window.close()
            # The sign-in box (offering the last user, the administrator) and About.
            from ui.about import AboutDialog
            from ui.shell.sign_in import SignInDialog

            first = SignInDialog()
            first.username.setText("wanghong")
            first.password.setText(PASSWORD)
            first.try_sign_in()  # remembered: the next box offers 王红's user name
            sign_in = SignInDialog()
            sign_in.show()
            grab(app, sign_in, args.out / "27_sign_in.png")
            sign_in.close()
            about = AboutDialog(data_dir)
            about.show()
            grab(app, about, args.out / "28_about.png")
            about.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
