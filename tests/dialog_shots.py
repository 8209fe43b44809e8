"""The dialogs and message boxes a station worker meets, for ``tests/screenshots.py``.

Each box is opened the way the program opens it (its button, its page's method), grabbed
once it is on screen and answered as a careful person would (取消, 返回修改, 确定), so the
pictures show what the worker sees and nothing is changed behind the screenshots' back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from swdesk.city.corrections import correct
from swdesk.city.db import init_city
from swdesk.city.enroll import enroll_station
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import (
    Case,
    Client,
    CommunityActivity,
    Project,
    QuestionnaireResponse,
    ServiceRecord,
    Volunteer,
    WorkGroup,
)
from swdesk.reports import kinds
from swdesk.services import backups, crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, enrolment, export, folder
from tests.stations import here
from ui.main_window import MainWindow

Settle = Callable[[QApplication], None]
Grab = Callable[[QWidget, str], None]


def on_modal(app: QApplication, grab: Grab, name: str, answer: str | None = None) -> None:
    """Grab the next modal dialog as ``name``, then press ``answer`` (or close it)."""
    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QDialog):
            QTimer.singleShot(20, look)
            return
        for _ in range(5):
            app.processEvents()
        grab(box, name)
        if isinstance(box, QMessageBox) and answer is not None:
            for button in box.buttons():
                if button.text() == answer:
                    button.click()
                    return
        box.reject()

    QTimer.singleShot(0, look)


def as_head(app: QApplication, window: MainWindow, grab: Grab, tmp: Path) -> None:
    """The dialogs of daily work: forms opened from a client, the unsaved-changes guard,
    the duplicate warning, an error box, each report kind, the Excel wizard, Excel done."""
    clients = window.go("client")
    client = Client.live().join(Case, on=(Case.client == Client.id)).first()
    window.open_row("client", client.id)
    detail = clients.detail  # type: ignore[attr-defined]
    on_modal(app, grab, "40_dialog_new_need")
    detail._add_need()  # the 需求 form in a dialog
    on_modal(app, grab, "41_dialog_new_case")
    detail._open_case()
    # Leaving a changed form asks first.
    detail.form.editors["phone"].widget.setText("13906001234")
    on_modal(app, grab, "42_box_unsaved", answer="不保存")
    detail.form.confirm_leave()
    clients.close_detail_quietly()  # type: ignore[attr-defined]
    # A new client like one already registered.
    clients.new()  # type: ignore[attr-defined]
    form = clients.detail.form  # type: ignore[attr-defined]
    form.editors["name"].widget.setText(str(client.name))
    if client.id_number:
        form.editors["id_number"].widget.setText(str(client.id_number))
    on_modal(app, grab, "43_box_duplicate", answer="返回修改")
    form.save()
    clients.close_detail_quietly()  # type: ignore[attr-defined]

    reports = window.go("reports")
    targets = {"record": ServiceRecord.live().where(ServiceRecord.kind == "group").first(),
               "case": Case.live().first(), "volunteer": Volunteer.live().first(),
               "project": Project.live().first(),
               "activity": CommunityActivity.live().first(),
               "group": WorkGroup.live().first(),
               "response": QuestionnaireResponse.live().first()}
    for n, kind in enumerate(kinds.all_kinds()):
        reports.choose(kind.key)  # type: ignore[attr-defined]
        wanted = next((p for p in kind.params if p.kind in kinds.PICKED_TABLE), None)
        if wanted is not None:
            if n == 1:  # once: generating before the record is chosen says what is missing
                on_modal(app, grab, "44_box_report_missing")
                reports.generate()  # type: ignore[attr-defined]
            row = targets[wanted.kind]
            if row is None and wanted.required:
                continue
            if row is not None:  # (an optional one left empty: the questionnaire blank)
                reports.choose(kind.key, row.id)  # type: ignore[attr-defined]
        reports.generate()  # type: ignore[attr-defined]
        grab(window, f"45_report_{n}_{kind.key}")

    from tests.guide_shots import write_ledger
    from ui.excel.import_wizard import ImportWizard

    ledger = write_ledger(tmp / "服务对象台账.xlsx", Client.live().first())
    wizard = ImportWizard(window.ctx.actor, "clients", window)
    wizard.file_page.path.setText(str(ledger))
    wizard.show()
    grab(wizard, "46_excel_file")
    wizard.next()
    grab(wizard, "46_excel_columns")
    wizard.next()
    grab(wizard, "46_excel_check")
    wizard.close()


def conflicts(tmp: Path) -> None:
    """Enrol with a throw-away city, and make two clients that both sides changed."""
    hub = init_city(tmp / "hub", None, "厦门市民政局")
    try:
        offer = enroll_station(hub, "XM-SM-001", "嘉莲街道社工站", tmp / "登记.json")
        enrolment.enrol(offer, SYSTEM, enrolment.inspect(offer).fingerprint)
        uids = [crud.create(Client, {"name": name, "community": "莲花社区",
                                     "phone": "13800001111"}, SYSTEM).uid
                for name in ("陈阿婆", "林阿伯")]

        def round_trip() -> None:
            ingest(hub, export.export_package(here(), tmp / "out").path)
            apply.import_return(write_return(hub, "XM-SM-001", tmp / "ret").path)

        round_trip()
        for uid, city_phone, ours in zip(uids, ("13700007777", "13700008888"),
                                         ("13900002222", "13900003333"), strict=True):
            correct(hub, "client", uid, {"phone": city_phone})
            crud.update(Client, uid, {"phone": ours}, SYSTEM)
        round_trip()
        shared = tmp / "同步文件夹"
        shared.mkdir(exist_ok=True)
        folder.set_folder(str(shared), SYSTEM)
    finally:
        hub.close()


def as_admin(app: QApplication, window: MainWindow, grab: Grab, tmp: Path) -> None:
    """The administrator's dialogs: a new user, a password reset, disabling an account,
    the restore question, the sync page's conflicts, the idle lock and the guide."""
    settings = window.go("settings")
    section = next(c for c in settings.findChildren(QWidget)
                   if type(c).__name__ == "UsersSection")
    on_modal(app, grab, "50_dialog_new_user")
    section.add_user()  # type: ignore[attr-defined]
    section.select_user("wanghong")  # type: ignore[attr-defined]
    on_modal(app, grab, "51_dialog_reset_password")
    section.reset_password()  # type: ignore[attr-defined]
    on_modal(app, grab, "52_box_disable_user", answer="取消")
    section.toggle_active()  # type: ignore[attr-defined]
    backup = next(c for c in settings.findChildren(QWidget)
                  if type(c).__name__ == "BackupSection")
    backups.auto_backup(window.sdb, "start")  # type: ignore[arg-type]
    backup.refresh()  # type: ignore[attr-defined]
    grab(window, "53_settings_with_backup")
    on_modal(app, grab, "54_box_restore", answer="取消")
    backup._confirm(Path(backups.backup_folders(window.ctx.data_dir)[0]) / "swdesk.db",
                    "2026-05-20 08:30")

    conflicts(tmp)
    sync = window.go("sync")
    sync.refresh()  # type: ignore[attr-defined]
    grab(window, "55_sync")
    sync.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    grab(window, "56_sync_conflicts")
    sync.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]

    from ui.auth.idle_lock import UnlockDialog

    lock = UnlockDialog(window.ctx.actor, window.ctx.display_name, window)
    lock.show()
    grab(lock, "57_dialog_locked")
    lock.hide()
    lock.deleteLater()

    window.go("client")
    window.show_help()
    guide = window.findChild(QWidget, "guideWindow")
    assert guide is not None
    grab(guide, "58_help_window")
    guide.close()
