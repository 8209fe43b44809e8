"""The client form on an enrolled station: 低保/特困 shown, greyed out, with the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import ime_type

from swdesk.db import StationDatabase
from swdesk.model import Client
from swdesk.model.sync import SyncKey
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from ui.forms.editors import ChoicesBox
from ui.forms.entity_form import EntityForm


def _form(qtbot: QtBot, sdb: StationDatabase, row: Client | None = None) -> EntityForm:
    form = EntityForm(Client, SYSTEM, sdb.data_dir, row)
    qtbot.addWidget(form)
    form.show()
    return form


def _boxes(form: EntityForm) -> ChoicesBox:
    widget = form.editors["target_groups"].widget
    assert isinstance(widget, ChoicesBox)
    return widget


def _click(qtbot: QtBot, form: EntityForm, code: str) -> None:
    qtbot.mouseClick(_boxes(form).boxes[code], Qt.MouseButton.LeftButton)


def test_an_enrolled_station_cannot_tick_dibao_or_tekun(qtbot: QtBot,
                                                         sdb: StationDatabase) -> None:
    stored = crud.create(Client, {"name": "陈阿婆", "target_groups": "dibao,elderly"}, SYSTEM)
    SyncKey.create(name="city", value="city-0123456789abcdef")
    form = _form(qtbot, sdb, stored)
    boxes = _boxes(form).boxes
    assert not boxes["dibao"].isEnabled() and not boxes["tekun"].isEnabled()
    assert "由市级平台认定" in boxes["dibao"].toolTip()
    assert boxes["dibao"].isChecked() and not boxes["tekun"].isChecked()  # shown as stored
    _click(qtbot, form, "tekun")
    _click(qtbot, form, "dibao")
    assert not boxes["tekun"].isChecked() and boxes["dibao"].isChecked()
    _click(qtbot, form, "elderly_alone")  # the station's own codes still work
    _click(qtbot, form, "elderly")
    assert boxes["elderly_alone"].isChecked() and not boxes["elderly"].isChecked()
    assert form.editors["target_groups"].focus_widget() is not boxes["dibao"]
    assert form.save() is not None
    row = Client.get(Client.uid == stored.uid)
    assert row.target_groups == ",dibao,elderly_alone,"


def test_a_new_client_on_an_enrolled_station(qtbot: QtBot, sdb: StationDatabase) -> None:
    SyncKey.create(name="city", value="city-0123456789abcdef")
    form = _form(qtbot, sdb)
    ime_type(form.editors["name"].widget, "林阿公")
    _click(qtbot, form, "dibao")
    _click(qtbot, form, "elderly")
    assert _boxes(form).codes() == ["elderly"]
    saved = form.save()
    assert saved is not None and saved.target_groups == ",elderly,"


def test_before_enrolment_the_boxes_are_the_stations(qtbot: QtBot,
                                                     sdb: StationDatabase) -> None:
    form = _form(qtbot, sdb)
    boxes = _boxes(form).boxes
    assert boxes["dibao"].isEnabled() and boxes["dibao"].toolTip() == ""
    ime_type(form.editors["name"].widget, "林阿公")
    _click(qtbot, form, "dibao")
    saved = form.save()
    assert saved is not None and saved.target_groups == ",dibao,"
