"""The link picker looks its hits up off the GUI thread once typing pauses (issue 26)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import ime_type

from swdesk.model import Client
from swdesk.services import crud, lists
from swdesk.services.actor import SYSTEM
from ui.shell.context import AppContext
from ui.widgets import link_picker
from ui.widgets.link_picker import ID_ROLE, LinkPicker

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture
def picker(qtbot: QtBot, admin: AppContext) -> Iterator[LinkPicker]:
    for name in ("张晓明", "张小红", "李华", "王芳"):
        crud.create(Client, {"name": name}, SYSTEM)
    widget = LinkPicker("client")
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    qtbot.waitUntil(lambda: not widget.searching())


def shown(picker: LinkPicker) -> list[int]:
    hits = picker.completer().model()
    return [hits.index(row, 0).data(ID_ROLE) for row in range(hits.rowCount())]


def ids_named(*names: str) -> set[int]:
    return {c.id for c in Client.select().where(Client.name.in_(names))}


def test_hits_arrive_from_the_background_once_typing_pauses(
        qtbot: QtBot, picker: LinkPicker) -> None:
    picker.setFocus()
    qtbot.keyClicks(picker, "zx")
    assert picker.searching() and picker.hit_count() == 0  # nothing read on the GUI thread
    qtbot.waitUntil(lambda: not picker.searching())
    assert set(shown(picker)) == ids_named("张晓明", "张小红")


def test_hits_for_a_text_since_changed_are_never_shown(
        qtbot: QtBot, picker: LinkPicker, monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = threading.Event(), threading.Event()
    find = link_picker.find_hits

    def slow_find(entity: str, text: str) -> link_picker.Hits:
        if text == "张":  # the first search is held until the person has typed on
            started.set()
            release.wait(10)
        return find(entity, text)

    monkeypatch.setattr(link_picker, "find_hits", slow_find)
    seen: list[list[int]] = []
    picker.completer().model().rowsInserted.connect(lambda *_: seen.append(shown(picker)))
    ime_type(picker, "张")
    qtbot.waitUntil(started.is_set)
    picker.clear()
    ime_type(picker, "李")  # typed while the search for 张 still runs
    release.set()
    qtbot.waitUntil(lambda: not picker.searching())
    assert shown(picker) == list(ids_named("李华"))
    assert all(set(hits) <= ids_named("李华") for hits in seen)  # 张's were dropped


def test_enter_before_the_hits_arrive_takes_the_first_of_them(
        qtbot: QtBot, picker: LinkPicker) -> None:
    picker.setFocus()
    qtbot.keyClicks(picker, "lh")
    with qtbot.waitSignal(picker.picked) as picked:
        qtbot.keyClick(picker, Qt.Key.Key_Return)  # at once: the search has not run yet
    assert picked.args == [picker.value()] and {picker.value()} == ids_named("李华")
    assert picker.text() == "李华"


def test_the_core_search_gives_the_first_hits_in_list_order(admin: AppContext) -> None:
    for n in range(30):
        crud.create(Client, {"name": f"陈某{n:02d}"}, SYSTEM)
    text, hits = link_picker.find_hits("client", "陈某")
    wanted = lists.list_ids(lists.ListQuery("client", search="陈某"))[:link_picker.MAX_HITS]
    assert text == "陈某" and [row_id for row_id, _ in hits] == wanted
