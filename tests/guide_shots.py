"""The user guide's screenshots (docs/guide/img), made by ``tests/screenshots.py --guide``.

    QT_QPA_PLATFORM=offscreen python tests/screenshots.py docs/guide/img --guide

A throw-away station with demo data, the window at 1024×700 (the smallest screen a
station PC has), each picture saved as an optimised palette PNG so the guide stays small.
The names are the ones the guide's pages use; ``tests/ui/test_guide.py`` checks that
every picture a page shows is there.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QApplication, QWidget

from swdesk import demo
from swdesk.city.db import init_city
from swdesk.city.enroll import enroll_station
from swdesk.db import open_station
from swdesk.model import Case, Client, ServiceRecord, Volunteer
from swdesk.services import accounts, backups, station
from swdesk.services.actor import SYSTEM
from swdesk.sync import enrolment, folder
from ui.main_window import MainWindow
from ui.shell.context import AppContext

PASSWORD = "Jialian#2024"
SIZE = (1024, 700)


def save_png(widget: QWidget, path: Path) -> None:
    """The widget as a 256-colour PNG: a third of the size, the same to the eye."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE) \
        .save(path, optimize=True)
    print(path, f"{path.stat().st_size // 1024} KB")


def id_number(body: str) -> str:
    """``body`` (17 digits) with its check digit (GB 11643)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def write_ledger(path: Path, known: Client) -> Path:
    """A station's old ledger as people keep it: a title row, own headings, a few mistakes."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["嘉莲街道社工站服务对象台账（2025年）"])
    sheet.append(["序号", "姓名", "身份证号码", "性别", "手机", "社区", "类别", "备注"])
    people = [("林阿婆", id_number("35020319440312002"), "女", "13906001234", "莲花社区",
               "独居老人"),
              ("陈国强", id_number("35020319560718003"), "男", "13812345678", "松柏社区", "低保"),
              ("黄小梅", id_number("35020320150102004"), "女", "", "龙山社区", "留守儿童"),
              ("吴建华", "35020319620405001", "男", "13700001111", "长青社区", "残疾人"),
              ("郑丽君", id_number("35020319700920006"), "女", "1590000", "育秀社区", "困难妇女"),
              (known.name, known.id_number, "", "", "", "", )]
    for n, person in enumerate(people, start=1):
        sheet.append([n, *person, ""])
    book.save(path)
    return path


def make(app: QApplication, out: Path, settle: Callable[[QApplication], None]) -> None:
    def shot(widget: QWidget, name: str) -> None:
        settle(app)
        save_png(widget, out / f"{name}.png")

    with tempfile.TemporaryDirectory() as tmp, \
            open_station(Path(tmp) / "data", create=True) as sdb:
        data_dir = Path(tmp) / "data"
        from ui.shell.first_run import FirstRunWizard
        from ui.shell.sign_in import SignInDialog

        wizard = FirstRunWizard()
        wizard.resize(640, 460)
        wizard.show()
        wizard.station_page.code.setText("XM-SM-001")
        wizard.station_page.name.setText("嘉莲街道社工站")
        shot(wizard, "first-run-station")
        wizard.next()
        shot(wizard, "first-run-admin")
        wizard.close()
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        admin = station.create_first_admin("admin", "王站长", PASSWORD, new_worker=True)
        window = MainWindow(sdb, AppContext(accounts.actor_of(admin), data_dir, "王站长"))
        window.resize(*SIZE)
        window.show()
        shot(window, "first-steps")
        window.sdb = None
        window.close()

        demo.generate(300, 3000, seed=1)
        accounts.create_user("lihua", "李华", PASSWORD, "head", SYSTEM)
        sign_in = SignInDialog()
        sign_in.show()
        shot(sign_in, "sign-in")
        sign_in.close()
        ctx = AppContext(accounts.authenticate("lihua", PASSWORD), data_dir, "李华")
        window = MainWindow(sdb, ctx)
        window.resize(*SIZE)
        window.show()
        shot(window, "dashboard")
        for key, name in (("work_list", "work-list"), ("client", "clients-list"),
                          ("service_record", "records-list"),
                          ("case", "cases-list"), ("volunteer", "volunteers-list"),
                          ("partner", "partners-list"), ("project", "projects-list"),
                          ("worker", "workers")):
            window.go(key)
            shot(window, name)

        clients = window.go("client")
        clients.new()  # type: ignore[attr-defined]
        shot(window, "client-new")
        form = clients.detail.form  # type: ignore[attr-defined]
        form.editors["id_number"].widget.setText("350203195003150011")
        form.editors["phone"].widget.setText("1380013800")
        form.save()  # refused: the messages under the fields
        shot(window, "client-errors")
        clients.close_detail_quietly()  # type: ignore[attr-defined]
        client = Client.live().join(Case, on=(Case.client == Client.id)).first()
        window.open_row("client", client.id)
        shot(window, "client-page")
        clients.detail.tabs.setCurrentIndex(3)  # type: ignore[attr-defined]
        shot(window, "client-timeline")
        clients.close_detail_quietly()  # type: ignore[attr-defined]

        records = window.go("service_record")
        records.new()  # type: ignore[attr-defined]
        shot(window, "record-new")
        records.close_detail_quietly()  # type: ignore[attr-defined]
        group = ServiceRecord.live().where(ServiceRecord.kind == "group").first()
        window.open_row("service_record", group.id)
        shot(window, "record-group")
        records.close_detail_quietly()  # type: ignore[attr-defined]

        case = Case.live().where(Case.stage == "intervention").first()
        window.open_row("case", case.id)
        shot(window, "case-page")
        volunteer = Volunteer.live().first()
        window.open_row("volunteer", volunteer.id)
        shot(window, "volunteer-page")

        reports = window.go("reports")
        reports.generate()  # type: ignore[attr-defined]
        shot(window, "reports")

        from ui.excel.import_wizard import ImportWizard

        ledger = write_ledger(Path(tmp) / "服务对象台账.xlsx", Client.live().first())
        wizard = ImportWizard(ctx.actor, "clients", window)
        wizard.resize(900, 620)
        wizard.file_page.path.setText(str(ledger))
        wizard.show()
        shot(wizard, "excel-file")
        wizard.next()
        shot(wizard, "excel-columns")
        wizard.next()
        shot(wizard, "excel-check")
        wizard.close()

        window.go("sync")
        shot(window, "sync-not-enrolled")
        hub = init_city(Path(tmp) / "hub", None, "厦门市民政局")
        offer_file = enroll_station(hub, "XM-SM-001", "嘉莲街道社工站", Path(tmp) / "登记.json")
        enrolment.enrol(offer_file, ctx.actor, enrolment.inspect(offer_file).fingerprint)
        shared = Path(tmp) / "同步文件夹"
        shared.mkdir()
        folder.set_folder(str(shared), ctx.actor)
        hub.close()
        window.sdb = None
        window.close()

        backups.auto_backup(sdb, "start")  # so that the settings list one
        ctx = AppContext(accounts.authenticate("admin", PASSWORD), data_dir, "王站长")
        window = MainWindow(sdb, ctx)
        window.resize(*SIZE)
        window.show()
        sync = window.go("sync")
        sync.export_to_folder()  # type: ignore[attr-defined]
        shot(window, "sync")
        window.go("settings")
        shot(window, "settings")
        window.go("audit")
        shot(window, "audit")
        window.go("client")
        window.show_help()
        guide = window.findChild(QWidget, "guideWindow")
        assert guide is not None
        shot(guide, "help-window")
        window.sdb = None
        window.close()
