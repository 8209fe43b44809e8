"""First run and sign-in, driven as a station worker would, checked in the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from ui_helpers import ime_type

from swdesk.db import StationDatabase, open_station
from swdesk.model import AuditEntry, Station, User
from swdesk.services import accounts, this_station
from swdesk.services.actor import SYSTEM
from ui.shell.first_run import FirstRunWizard
from ui.shell.sign_in import SignInDialog, first_run_needed

PASSWORD = "Jialian#2024"


@pytest.fixture
def empty_db(data_dir: Path) -> Iterator[StationDatabase]:
    """A brand-new data dir: a database file but no station and no account yet."""
    with open_station(data_dir, create=True) as opened:
        yield opened


def test_first_run_wizard_sets_up_station_and_admin(qtbot: QtBot,
                                                    empty_db: StationDatabase) -> None:
    assert first_run_needed()
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.station_page
    qtbot.keyClicks(page.code, "XM-HL-002")
    ime_type(page.name, "殿前街道社工站")
    page.district.setCurrentIndex(page.district.findData("huli"))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    qtbot.keyClicks(admin.username, "chenjing")
    ime_type(admin.display_name, "陈静")
    qtbot.keyClicks(admin.password, PASSWORD)
    qtbot.keyClicks(admin.confirm, PASSWORD + "x")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert admin.error.isVisible() and "不一致" in admin.error.text()
    assert Station.select().count() == 0 and User.select().count() == 0  # nothing written

    admin.confirm.clear()
    qtbot.keyClicks(admin.confirm, PASSWORD)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == 1
    here = this_station.current_station()
    assert here is not None and (here.code, here.name, here.district) == (
        "XM-HL-002", "殿前街道社工站", "huli")
    user = User.get(User.username == "chenjing")
    assert (user.display_name, user.role) == ("陈静", "admin")
    assert not first_run_needed()


def test_first_run_refuses_a_station_without_a_name(qtbot: QtBot,
                                                    empty_db: StationDatabase) -> None:
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.station_page.code, "XM-HL-002")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.station_page
    assert wizard.station_page.error.isVisible()
    assert Station.select().count() == 0


def test_sign_in_wrong_then_right_password(qtbot: QtBot, sdb: StationDatabase) -> None:
    accounts.create_user("admin", "王站长", PASSWORD, "admin", SYSTEM)
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert dialog.actor is None and dialog.password.text() == ""
    assert AuditEntry.select().where(AuditEntry.action == "sign_in_failed").count() == 1

    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == 1
    assert dialog.actor is not None and dialog.actor.role == "admin"
    assert dialog.display_name == "王站长"
