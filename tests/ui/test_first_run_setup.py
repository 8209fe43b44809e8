"""Issue 21, first run, in the window: the station code's format and where it comes from,
the administrator's worker record and what new rows then start with."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box, ime_type

from swdesk.db import StationDatabase, open_station
from swdesk.model import Station, SyncKey, User, Worker
from swdesk.services import accounts, this_station
from swdesk.sync import crypto, enrolment
from ui import ops
from ui.main_window import MainWindow
from ui.pages.client_page import ClientPage
from ui.pages.record_page import RecordPage
from ui.pages.section import EntitySection
from ui.shell.context import AppContext
from ui.shell.first_run import FirstRunWizard

PASSWORD = "Jialian#2024"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture
def empty_db(data_dir: Path) -> Iterator[StationDatabase]:
    with open_station(data_dir, create=True) as opened:
        yield opened


def _next(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _admin(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    page = wizard.admin_page
    qtbot.keyClicks(page.username, "chenjing")
    ime_type(page.display_name, "陈静")
    qtbot.keyClicks(page.password, PASSWORD)
    qtbot.keyClicks(page.confirm, PASSWORD)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)


def test_the_station_code_is_checked_against_its_format(qtbot: QtBot,
                                                        empty_db: StationDatabase) -> None:
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.station_page
    qtbot.keyClicks(page.code, "XM/SM 1")
    ime_type(page.name, "嘉莲街道社工站")
    _next(qtbot, wizard)
    assert wizard.currentPage() is page
    assert page.code_error.isVisible() and "XM-SM-001" in page.code_error.text()
    assert page.code.property("fieldError")
    page.code.clear()
    qtbot.keyClicks(page.code, "XM-SM-001")
    assert not page.code_error.isVisible() and not page.code.property("fieldError")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.admin_page
    assert Station.select().count() == 0  # written only with the account, at the end


def test_the_wizard_says_where_the_code_comes_from_and_reads_the_enrolment_file(
        qtbot: QtBot, empty_db: StationDatabase, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    city = crypto.KeyPair.generate()
    doc, _token = enrolment.make_enrolment("xiamen", "厦门市民政局", city, "XM-HL-002",
                                           "殿前街道社工站")
    path = tmp_path / "swdesk-enrol-XM-HL-002.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.station_page
    assert "登记文件" in " ".join(w.text() for w in page.findChildren(type(page.code_error)))
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    assert (page.code.text(), page.name.text()) == ("XM-HL-002", "殿前街道社工站")
    assert page.source_note.isVisible() and "厦门市民政局" in page.source_note.text()
    _next(qtbot, wizard)
    answer_box(qtbot, "登记", tick=True)  # the city's fingerprint, checked by the person
    _admin(qtbot, wizard)
    assert wizard.result() == 1
    here = this_station.current_station()
    assert here is not None and here.code == "XM-HL-002"
    assert SyncKey.get(SyncKey.name == "city").value == "xiamen"


def test_the_admin_is_a_worker_and_new_rows_name_them_and_the_station(
        qtbot: QtBot, empty_db: StationDatabase) -> None:
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.station_page.code, "XM-SM-001")
    ime_type(wizard.station_page.name, "嘉莲街道社工站")
    _next(qtbot, wizard)
    assert wizard.admin_page.worker.currentText().startswith("新建")  # the default
    _admin(qtbot, wizard)
    assert wizard.result() == 1 and wizard.user is not None
    worker = Worker.get(Worker.uid == User.get().worker_uid)
    here = this_station.current_station()
    assert here is not None and worker.name == "陈静" and worker.station_id == here.id

    window = MainWindow(empty_db, AppContext(accounts.actor_of(wizard.user),
                                             empty_db.data_dir, "陈静"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: ops.running() == 0)
    records = window.go("service_record")
    assert isinstance(records, EntitySection)
    records.new()
    record = records.detail
    assert isinstance(record, RecordPage)
    assert record.form.editors["worker"].value() == worker.id
    assert record.form.editors["worker"].widget.text() == "陈静"  # type: ignore[attr-defined]
    assert record.form.editors["station"].value() == here.id
    clients = window.go("client")
    assert isinstance(clients, EntitySection)
    clients.new()
    client = clients.detail
    assert isinstance(client, ClientPage)
    values = client.form.values()
    assert (values["status"], values["registered_on"], values["station"]) == (
        "active", dt.date.today().isoformat(), here.id)
    assert client.form.editors["status"].widget.currentText() == "服务中"  # type: ignore[attr-defined]
    assert not client.form.is_dirty()  # defaults are not something typed
    qtbot.waitUntil(lambda: ops.running() == 0)
    window.sdb = None
