"""A new service record's people (participants, volunteers) are kept in its draft."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from swdesk.model import Client, Volunteer
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from ui.pages import record_page
from ui.shell.context import AppContext


def test_a_new_records_people_survive_in_the_draft(qtbot: QtBot, admin: AppContext) -> None:
    """Participants and volunteers typed into a new record come back after a crash."""
    client = crud.create(Client, {"name": "林阿婆"}, SYSTEM)
    helper = crud.create(Volunteer, {"name": "志愿者甲"}, SYSTEM)
    page = record_page.RecordPage(admin, None)
    qtbot.addWidget(page)
    page.participants.add(client.id, "林阿婆", [])
    page.volunteers.add(helper.id, "志愿者甲", ["2"])
    page.keep_draft()
    page.form.stop_drafts()
    again = record_page.RecordPage(admin, None)  # as after a crash: a fresh page
    qtbot.addWidget(again)
    assert again.participants.ids == [client.id]
    assert again.volunteers.rows() == [(helper.id, ["2"])]
    assert again.form.is_dirty()  # leaving still asks
