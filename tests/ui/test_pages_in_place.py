"""Issue 26: a page's first showing and the 工作台's update hold the window briefly.

The 工作台's boxes take new figures in place; the 社工 page builds its 继续教育 list when
that tab is first chosen; the pages' modules are imported a module at a time once the
window is up. What the pages show stays what it was.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar
from pytestqt.qtbot import QtBot

from swdesk import demo
from swdesk.db import StationDatabase
from swdesk.model import TrainingRecord, Worker
from swdesk.numbers import grouped
from swdesk.services import crud, work_view
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.main_window import MainWindow
from ui.pages.dashboard import DashboardPage
from ui.pages.warm import FULL_PASS_EVERY, WARM, Warmer
from ui.pages.workers import WorkersPage
from ui.shell.context import AppContext
from ui.widgets.bar_chart import BarChart


def _dashboard(qtbot: QtBot, admin: AppContext) -> DashboardPage:
    page = DashboardPage(admin)
    qtbot.addWidget(page)
    page.show()
    page.page_shown()
    qtbot.waitUntil(lambda: page.board is not None and ops.running() == 0)
    return page


def _bars(page: DashboardPage) -> list[QProgressBar]:
    return [bar for bar in page.indicator_box.findChildren(QProgressBar)
            if page.indicator_layout.indexOf(bar) >= 0]


def _charts(page: DashboardPage) -> list[BarChart]:
    return [chart for chart in page.training_box.findChildren(BarChart)
            if page.training_layout.indexOf(chart) >= 0]


def _shown_texts(page: DashboardPage) -> list[str]:
    layout = page.training_layout
    labels = [layout.itemAt(n).widget() for n in range(layout.count())]
    return [label.text() for label in labels if isinstance(label, QLabel)]


def test_the_dashboard_shows_new_figures_in_the_boxes_it_has(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> None:
    demo.generate(60, 300, seed=1)
    page = _dashboard(qtbot, admin)
    board = page.board
    assert board is not None and board.indicators and board.workers_below_80
    bars, charts = _bars(page), _charts(page)
    expected = [f"{grouped(item.actual)} / {grouped(item.target)}"
                for project in board.indicators for item in project.items]
    assert [bar.format() for bar in bars] == expected
    # A worker's training: the chart's hours change, in the chart on show.
    worker, hours = board.workers_below_80[0]
    worker_id = Worker.get(Worker.name == worker).id
    crud.create(TrainingRecord, {"worker": worker_id, "date": dt.date.today(),
                                 "title": "督导培训", "hours": 3}, SYSTEM)
    page.load()
    qtbot.waitUntil(lambda: page.board is not board and ops.running() == 0)
    new = page.board
    assert new is not None
    assert _bars(page) == bars and _charts(page) == charts  # the same widgets
    assert [bar.format() for bar in bars] == [
        f"{grouped(item.actual)} / {grouped(item.target)}"
        for project in new.indicators for item in project.items]
    shown = dict((label, value) for label, value, _text in charts[0].items)
    if worker in dict(new.workers_below_80):
        assert shown[worker] == float(hours) + 3
    else:
        assert worker not in shown
    assert [label for label, _v, _t in charts[0].items] == [
        name for name, _h in new.workers_below_80[:12]]


def test_the_dashboard_remakes_a_box_whose_shape_changed(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> None:
    demo.generate(60, 300, seed=1)
    page = _dashboard(qtbot, admin)
    board = page.board
    assert board is not None and len(board.indicators) >= 1
    page.show_board(replace(board, workers_below_80=[], indicators=board.indicators[:1]))
    assert _charts(page) == []
    assert _shown_texts(page) == ["所有在岗社工均已达到 80 学时。"]
    assert len(_bars(page)) == len(board.indicators[0].items)
    page.show_board(replace(board, workers=0, indicators=[]))
    assert _shown_texts(page) == ["还没有在岗社工。"] and _charts(page) == []
    assert _bars(page) == []
    page.show_board(board)
    assert [label for label, _v, _t in _charts(page)[0].items] == [
        name for name, _h in board.workers_below_80[:12]]
    assert len(_bars(page)) == sum(len(p.items) for p in board.indicators)


def _lines(page: DashboardPage) -> list[list[str]]:
    """The 今日待办 block's lines on show: due, client, task."""
    lines = page.today_work.lines
    shown: dict[int, list[str]] = {}
    for n in range(lines.count()):
        label = lines.itemAt(n).widget()
        row, _column, _rows, _columns = lines.getItemPosition(n)
        if isinstance(label, QLabel) and not label.isHidden():
            shown.setdefault(row, []).append(label.text())
    return [shown[row] for row in sorted(shown)]


def test_the_work_block_shows_a_new_list_in_the_lines_it_has(
        qtbot: QtBot, sdb: StationDatabase, admin: AppContext) -> None:
    demo.generate(60, 300, seed=1)
    page = _dashboard(qtbot, admin)
    qtbot.waitUntil(lambda: page.today_work.view is not None and ops.running() == 0)
    view = page.today_work.view
    assert view is not None
    whole = work_view.work_view(admin.handle(), on=work_view.today())
    # Kept: the counts and the rows it names, not the whole list.
    assert view.counts == whole.counts and view.rows == whole.first_overdue()
    overdue = view.rows
    assert len(overdue) >= 2

    def expected(rows: list[work_view.WorkRow]) -> list[list[str]]:
        return [[row.due, f"{row.kind} · {row.client}", row.task.title] for row in rows]

    assert _lines(page) == expected(view.first_overdue())
    labels = page.today_work.findChildren(QLabel)
    fewer = work_view.WorkView(rows=overdue[1:2], counts={**view.counts, "overdue": 1})
    page.today_work.show_view(fewer)
    assert _lines(page) == expected(overdue[1:2])
    assert page.today_work.overdue.text() == "逾期 1 项"
    page.today_work.show_view(view)
    assert _lines(page) == expected(view.first_overdue())
    assert page.today_work.overdue.text() == f"逾期 {grouped(view.counts['overdue'])} 项"
    assert page.today_work.findChildren(QLabel) == labels  # no label made anew


def test_the_workers_page_builds_its_second_tab_when_chosen(
        qtbot: QtBot, window: MainWindow) -> None:
    worker = crud.create(Worker, {"name": "王红"}, SYSTEM)
    record = crud.create(TrainingRecord, {"worker": worker.id, "date": dt.date.today(),
                                          "title": "督导培训", "hours": 6}, SYSTEM)
    page = window.go("worker")
    assert isinstance(page, WorkersPage)
    assert list(page.sections) == ["worker"]
    qtbot.waitUntil(lambda: page.sections["worker"].list_page.model.rowCount() == 1)
    page.tabs.setCurrentIndex(1)
    assert list(page.sections) == ["worker", "training_record"]
    training = page.sections["training_record"]
    qtbot.waitUntil(lambda: training.list_page.model.rowCount() == TrainingRecord.select(
        ).where(TrainingRecord.deleted == False).count())  # noqa: E712
    assert training.list_page.model.id_at(0) == record.id
    assert training.isVisible()
    window.go("dashboard")
    assert window.go("worker") is page  # coming back: both lists read again, no error
    qtbot.waitUntil(lambda: ops.running() == 0)


def test_the_workers_page_opens_a_training_record_before_its_tab_was_chosen(
        qtbot: QtBot, window: MainWindow) -> None:
    worker = crud.create(Worker, {"name": "李明"}, SYSTEM)
    record = crud.create(TrainingRecord, {"worker": worker.id, "date": dt.date.today(),
                                          "title": "个案督导", "hours": 2}, SYSTEM)
    window.open_row("training_record", int(record.id))
    page = window.pages["worker"]
    assert isinstance(page, WorkersPage)
    training = page.sections["training_record"]
    assert page.tabs.currentIndex() == 1 and training.detail is not None
    assert page.confirm_leave()
    qtbot.waitUntil(lambda: ops.running() == 0)


def test_every_module_to_warm_is_there() -> None:
    assert all(importlib.util.find_spec(name) is not None for name in WARM)


def test_the_warmer_imports_one_module_a_step(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("warm_first", "warm_second"):
        (tmp_path / f"{name}.py").write_text(f"NAME = {name!r}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("warm_first", "warm_second"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    threshold = gc.get_threshold()
    gc.unfreeze()  # (a window of an earlier test may have frozen what it had)
    owner = QObject()
    try:
        warmer = Warmer(owner, ("warm_first", "sys", "warm_second"), start_ms=0)
        assert gc.get_threshold()[2] == FULL_PASS_EVERY
        warmer.step()
        assert "warm_first" in sys.modules and "warm_second" not in sys.modules
        assert gc.get_freeze_count() == 0
        qtbot.waitUntil(lambda: "warm_second" in sys.modules)
        qtbot.waitUntil(lambda: warmer.done)
        assert gc.get_freeze_count() > 0  # what the start made: never walked again
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        owner.deleteLater()


def test_a_list_paints_the_same_with_one_call_a_cell(
        qtbot: QtBot, window: MainWindow) -> None:
    """LazyTableModel answers Qt's multiData itself (one call into Python a cell, not one a
    role): the rows, their texts and the sync state's colour look as with Qt's own."""
    from PySide6.QtCore import QAbstractTableModel, QModelRoleData, QModelRoleDataSpan

    from swdesk.services import lists
    from ui.models.lazy_table import Index, LazyTableModel

    called: list[str] = []

    class Ours(LazyTableModel):
        def multiData(self, index: Index, span: QModelRoleDataSpan | QModelRoleData, /
                      ) -> None:
            called.append("ours")
            super().multiData(index, span)

    class QtsOwn(LazyTableModel):
        def multiData(self, index: Index, span: QModelRoleDataSpan | QModelRoleData, /
                      ) -> None:
            called.append("Qt's")
            QAbstractTableModel.multiData(self, index, span)

    for n in range(40):
        crud.create(Worker, {"name": f"社工{n:02d}", "phone": f"1390000{n:04d}"}, SYSTEM)
    page = window.go("worker")
    assert isinstance(page, WorkersPage)
    view = page.sections["worker"].list_page.view
    qtbot.waitUntil(lambda: ops.running() == 0)

    def picture(model: LazyTableModel) -> object:
        view.setModel(model)
        qtbot.waitUntil(lambda: model.rowCount() == 40 and ops.running() == 0)
        view.viewport().grab()  # (the rows in view are asked for)
        qtbot.waitUntil(lambda: ops.running() == 0)
        assert model.index(0, 0).data() == "社工00"
        called.clear()
        return view.viewport().grab().toImage()

    ours = picture(Ours(lists.ListQuery("worker"), window.ctx.actor, view))
    assert called and set(called) == {"ours"}
    assert picture(QtsOwn(lists.ListQuery("worker"), window.ctx.actor, view)) == ours
    assert called and set(called) == {"Qt's"}
