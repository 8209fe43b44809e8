"""A list's header counts what matches, read off the GUI thread (issue 26): after loading,
after a search and after clearing it; a search overtaken by the next one is never shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import ime_type

from swdesk import demo
from swdesk.model import Client, database
from swdesk.numbers import grouped
from swdesk.services import crud, lists
from swdesk.services.actor import SYSTEM
from ui.main_window import MainWindow
from ui.models import lazy_table
from ui.models.lazy_table import LazyTableModel
from ui.pages.list_page import ListPage
from ui.pages.section import EntitySection
from ui.shell.context import AppContext

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

# Longer than the first screen, so that both the first ids and the rest are counted.
CLIENTS, RECORDS = 1200, 1300


def list_page(window: MainWindow, key: str) -> ListPage:
    section = window.go(key)
    assert isinstance(section, EntitySection)
    return section.list_page


def settled(qtbot: QtBot, model: LazyTableModel) -> int:
    """Wait (on the model's signal) until it knows its count again; the count."""
    while (total := model.total()) is None:
        with qtbot.waitSignal(model.total_changed, timeout=20_000):
            pass
    return total


def searched(qtbot: QtBot, page: ListPage, text: str) -> int:
    """Type ``text`` into the search box as a person would (all of it replaced) and wait
    for the list's answer; the count it settles on."""
    page.search.setFocus()
    with qtbot.waitSignal(page.model.total_changed, timeout=20_000):
        qtbot.keyClick(page.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        if text:
            ime_type(page.search, text)
        else:
            qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    return settled(qtbot, page.model)


def sql_count(sql: str, *params: object) -> int:
    return int(database.execute_sql(sql, params).fetchone()[0])


def header_says(page: ListPage, n: int) -> bool:
    return page.count_label.text() == f"共 {grouped(n)} 条" and page.model.rowCount() == n


@pytest.mark.parametrize(("table", "holds", "word"), [
    ("client", "instr(name, ?1) > 0", "王"),
    ("service_record", "instr(title, ?1) > 0 OR instr(coalesce(content, ''), ?1) > 0", "探访"),
])
def test_the_header_counts_the_real_total_after_loading_searching_and_clearing(
        qtbot: QtBot, window: MainWindow, table: str, holds: str, word: str) -> None:
    demo.generate(CLIENTS, RECORDS, seed=26)
    everything = sql_count(f"SELECT count(*) FROM {table} WHERE deleted = 0")
    assert everything > lazy_table.FIRST_SCREEN
    page = list_page(window, table)
    assert page.count_label.text() == "正在计数…"  # nothing read on the GUI thread
    assert settled(qtbot, page.model) == everything and header_says(page, everything)

    # A name (a title or content) fragment: the rows holding it, counted by SQL of its own.
    found = sql_count(f"SELECT count(*) FROM {table} WHERE deleted = 0 AND ({holds})", word)
    assert 0 < found < everything
    assert searched(qtbot, page, word) == found and header_says(page, found)
    assert searched(qtbot, page, "") == everything and header_says(page, everything)


def test_a_search_overtaken_by_the_next_is_never_shown(qtbot: QtBot,
                                                       admin: AppContext) -> None:
    with database.atomic():
        for n in range(30):
            crud.create(Client, {"name": f"{'张' if n < 20 else '李'}某{n:02d}"}, SYSTEM)
    model = LazyTableModel(lists.ListQuery("client"), admin.actor)
    assert settled(qtbot, model) == 30
    seen: list[int | None] = []
    model.total_changed.connect(lambda: seen.append(model.total()))
    model.set_query(lists.ListQuery("client", search="张"))  # 20 rows, overtaken at once
    model.set_query(lists.ListQuery("client", search="李"))
    with qtbot.waitSignal(model.total_changed, timeout=20_000):
        pass
    assert settled(qtbot, model) == 10
    assert 20 not in seen and model.rowCount() == 10
    li = {row.id for row in Client.select(Client.id).where(Client.name.startswith("李"))}
    assert {model.index(row, 0).data(LazyTableModel.ID_ROLE) for row in range(10)} == li


def test_a_long_list_shows_its_first_screen_then_counts_the_rest(
        qtbot: QtBot, window: MainWindow) -> None:
    wanted = lazy_table.FIRST_SCREEN * 2 + 234
    with database.atomic():
        for n in range(wanted):
            crud.create(Client, {"name": f"服务对象{n:04d}"}, SYSTEM)
    page = list_page(window, "client")
    with qtbot.waitSignal(page.model.total_changed, timeout=20_000):
        pass  # the first screenful: on show, but its 500 rows are not the count
    assert page.model.rowCount() == lazy_table.FIRST_SCREEN
    assert page.count_label.text() == "正在计数…"
    window.go("dashboard")  # the rest arrives while the list is out of sight
    assert settled(qtbot, page.model) == wanted
    # Columns sized to their content never read rows out of sight to measure them.
    assert page.model.rowCount() == wanted and page.model.cached_blocks() <= 1
    list_page(window, "client")  # (coming back reads the list again)
    rows_before = page.model.rowCount()
    assert settled(qtbot, page.model) == wanted and header_says(page, wanted)
    assert rows_before == wanted  # the rows on show stayed while they were read again
    qtbot.waitUntil(lambda: page.model.cached_blocks() == 1)  # shown: the rows in view
    assert searched(qtbot, page, "服务对象00") == 100 and header_says(page, 100)
