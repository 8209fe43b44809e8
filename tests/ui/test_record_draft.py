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


def test_discarding_a_restored_draft_resets_the_people_too(qtbot: QtBot,
                                                           admin: AppContext) -> None:
    """The draft bar's 丢弃草稿 puts the people back as saved, not only the fields."""
    from PySide6.QtCore import Qt

    from swdesk.services import drafts, records

    kept, extra = (crud.create(Client, {"name": n}, SYSTEM) for n in ("陈阿公", "王阿婆"))
    record = records.save_service_record(
        {"date": "2026-05-10", "kind": "individual", "category": "jinglao",
         "field": "welfare", "title": "上门探访"}, [kept.id], [], [], SYSTEM)
    page = record_page.RecordPage(admin, record.id)
    qtbot.addWidget(page)
    page.participants.add(extra.id, "王阿婆", [])
    page.keep_draft()
    page.form.stop_drafts()

    again = record_page.RecordPage(admin, record.id)  # reopened: the draft comes back
    qtbot.addWidget(again)
    again.show()
    assert sorted(again.participants.ids) == sorted([kept.id, extra.id])
    qtbot.mouseClick(again.form.discard_button, Qt.MouseButton.LeftButton)
    assert again.participants.ids == [kept.id]
    assert not again.form.is_dirty() and again.confirm_leave()
    assert drafts.load_draft(admin.data_dir, again.form.draft_key) is None

    new = record_page.RecordPage(admin, None)  # a new record: its people are emptied
    qtbot.addWidget(new)
    new.participants.add(extra.id, "王阿婆", [])
    new.keep_draft()
    new.form.stop_drafts()
    fresh = record_page.RecordPage(admin, None)
    qtbot.addWidget(fresh)
    fresh.show()
    assert fresh.participants.ids == [extra.id]
    qtbot.mouseClick(fresh.form.discard_button, Qt.MouseButton.LeftButton)
    assert fresh.participants.ids == [] and not fresh.form.is_dirty()
