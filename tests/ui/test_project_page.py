"""The 服务项目 page driven from the keyboard: six indicators over two execution years added
with Ctrl+I, one custom indicator's actual typed by hand, bad input refused in Chinese with
nothing written, the 70 % rule shown live as the money is typed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box, ime_type

from swdesk.model import Indicator, Project
from swdesk.services import contract_figures
from swdesk.services.actor import SYSTEM
from tests import projectdata as pd
from ui import ops
from ui.main_window import MainWindow
from ui.pages.project_page import IndicatorDialog, ProjectPage
from ui.pages.section import EntitySection

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def _open(qtbot: QtBot, window: MainWindow) -> ProjectPage:
    section = window.go("project")
    assert isinstance(section, EntitySection)
    view = section.list_page.view
    qtbot.waitUntil(lambda: view.model().rowCount() == 1)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    page = section.detail
    assert isinstance(page, ProjectPage)
    qtbot.waitUntil(lambda: ops.running() == 0)
    return page


def _dialog(qtbot: QtBot) -> IndicatorDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), IndicatorDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, IndicatorDialog)
    return dialog


def _type(qtbot: QtBot, dialog: IndicatorDialog, key: str, text: str) -> None:
    line = dialog.form.editors[key].widget
    assert isinstance(line, QLineEdit)
    line.setFocus()
    line.selectAll()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        ime_type(line, text)


def _add(qtbot: QtBot, page: ProjectPage, year: int, kind: str, target: str,
         label: str | None = None) -> IndicatorDialog:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot)
    _type(qtbot, dialog, "year_no", str(year))
    combo = dialog.form.editors["kind"].widget
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(kind))
    if label:
        _type(qtbot, dialog, "label", label)
    _type(qtbot, dialog, "target", target)
    qtbot.keyClick(dialog.form.editors["target"].widget, Qt.Key.Key_Return)
    return dialog


def _cells(page: ProjectPage) -> list[list[str]]:
    return [[page.table.item(r, c).text() for c in range(page.table.columnCount())]
            for r in range(page.table.rowCount())]


def test_six_indicators_over_two_years(qtbot: QtBot, window: MainWindow) -> None:
    project = pd.new_project(SYSTEM)
    pd.add_records(int(project.id), SYSTEM)
    page = _open(qtbot, window)
    assert "第1年度 2025-03-01 至 2026-02-28" in page.years_label.text()
    for year, kind, target, label in pd.INDICATORS:
        dialog = _add(qtbot, page, year, kind, str(target), label)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
    qtbot.waitUntil(lambda: page.table.rowCount() == 6 and ops.running() == 0)
    rows = list(Indicator.live().order_by(Indicator.id))
    assert [(r.project_id, r.year_no, r.kind, r.target, r.label) for r in rows] == [
        (project.id, y, k, t, lb) for y, k, t, lb in pd.INDICATORS]

    # Bad input: a target that is no number, a year the contract lacks, the same kind twice.
    for year, kind, target, words in ((1, "cases", "十个", "目标值"),
                                      (3, "cases", "5", "只有 2 个执行年度"),
                                      (2, "activities", "5", "已有这项指标")):
        dialog = _add(qtbot, page, year, kind, target)
        shown = " ".join(label.text() for label in dialog.findChildren(QLabel)
                         if label.objectName().startswith("error_") and label.isVisible())
        assert words in shown
        answer_box(qtbot, "不保存")
        qtbot.keyClick(dialog.form.editors["target"].widget, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
    assert Indicator.select().count() == 6

    # The custom indicator: Enter opens it, its actual, note and evidence typed by hand.
    custom_row = next(n for n, cells in enumerate(_cells(page)) if "志愿者骨干" in cells[1])
    page.table.setFocus()
    page.table.setCurrentCell(custom_row, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = _dialog(qtbot)
    _type(qtbot, dialog, "manual_actual", "3")
    _type(qtbot, dialog, "actual_note", "已办3场")
    _type(qtbot, dialog, "target", "4")
    qtbot.keyClick(dialog.form.editors["target"].widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: ops.running() == 0)
    custom = Indicator.get(Indicator.kind == "custom")
    assert (custom.manual_actual, custom.actual_note) == (3, "已办3场")

    cells = _cells(page)
    by = {(c[0], c[1]): c for c in cells}
    for (year, kind, _t, _l), span in zip(pd.INDICATORS, (pd.YEAR_1,) * 3 + (pd.YEAR_2,) * 3,
                                          strict=True):
        if kind == "custom":
            continue
        counted = contract_figures.count(kind, *span, int(project.id))
        assert counted == pd.sql_count(kind, int(project.id), span)
        name = contract_figures.figure(kind).zh
        assert by[f"第{year}年度", name][3] == str(counted)
    assert by["第1年度", "志愿者骨干培训场次（手填）"][2:5] == ["4", "3", "75%"]
    assert by["第1年度", "志愿者骨干培训场次（手填）"][6] == "已办3场"

    # Delete takes one out, after asking.
    page.table.setCurrentCell(5, 0)
    answer_box(qtbot, "删除")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.table.rowCount() == 5 and ops.running() == 0)
    assert Indicator.live().count() == 5


def test_seventy_percent_rule_live(qtbot: QtBot, window: MainWindow) -> None:
    pd.new_project(SYSTEM, budget="1200000")
    page = _open(qtbot, window)
    editors = page.form.editors
    assert "待填写" in page.rule_label.text()
    for key, text in (("staff_count", "6"), ("avg_wage_basis", "131000")):
        line = editors[key].widget
        assert isinstance(line, QLineEdit)
        line.setFocus()
        qtbot.keyClicks(line, text)
    # 6 × 24 × 131 000 / 12 = 1 572 000 of 1 200 000 … more than the budget: met.
    assert "达到不少于 70%（840,000.00 元）" in page.rule_label.text()
    assert page.rule_label.property("role") == "stepDone"
    staff = editors["staff_count"].widget
    assert isinstance(staff, QLineEdit)
    staff.selectAll()
    qtbot.keyClicks(staff, "2")  # 524 000: 43.7 %
    assert "未达到" in page.rule_label.text() and "43.7%" in page.rule_label.text()
    assert page.rule_label.property("role") == "fieldError"
    assert "按 2 人 × 24 个月" in page.money_label.text()
    spent = editors["spent"].widget
    assert isinstance(spent, QLineEdit)
    spent.setFocus()
    qtbot.keyClicks(spent, "1000000")
    assert "结余：200,000.00 元" in page.money_label.text()
    qtbot.keyClick(spent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: Project.get().spent is not None)
    stored = Project.get()
    assert (stored.staff_count, int(stored.spent)) == (2, 1_000_000)
    assert dt.date.today() >= stored.start_on
