"""A purchased project: its contract (the form), the money with the 70 % rule shown live as
the figures are typed, and each execution year's indicators with actual, share and the
pro-rata expectation; indicators added (Ctrl+I), edited (Enter) and deleted (Delete)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk.errors import SwdeskError
from swdesk.model import Indicator, Project, SyncedModel
from swdesk.numbers import grouped
from swdesk.services import crud, project_indicators, project_money
from swdesk.services.indicators import CUSTOM, year_of
from ui import ops
from ui.errors import report
from ui.forms.form_dialog import FormDialog
from ui.pages.form_page import FormPage
from ui.shell.context import AppContext

translate = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# What only a custom indicator has: its actual is typed, with a note and the evidence.
BY_HAND = ("manual_actual", "actual_note", "evidence")


class IndicatorTable(QTableWidget):
    """The indicators of every year; Enter opens the selected one, Delete deletes it."""

    open_requested = Signal(int)
    delete_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        row_id = item.data(ID_ROLE) if item is not None else None
        if row_id is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(int(row_id))
            return
        if row_id is not None and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit(int(row_id))
            return
        super().keyPressEvent(event)


class IndicatorDialog(FormDialog):
    """A new indicator of the project, or one to edit (a custom one with its actual)."""

    def __init__(self, ctx: AppContext, project: Project, row: Indicator | None = None,
                 parent: QWidget | None = None) -> None:
        hidden = ["project", "note"] + ([] if row is not None and row.kind == CUSTOM
                                        else list(BY_HAND))
        year = year_of(project, dt.date.today())
        super().__init__(Indicator, ctx, hidden=hidden, row=row, parent=parent,
                         defaults={"year_no": year.number if year is not None else 1},
                         title=translate("ProjectPage", "添加指标") if row is None
                         else translate("ProjectPage", "修改指标"))
        self.setObjectName("indicatorDialog")
        self.ctx, self.project, self.row = ctx, project, row
        hint = QLabel(translate(
            "ProjectPage", "内置指标的实际完成由系统按服务记录统计；"
            "“自定义指标”须填写指标名称，保存后再打开可手填实际完成与佐证。"), self)
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, hint)
        self.form.saver = self._save

    def _save(self, values: dict[str, Any]) -> SyncedModel:
        if self.row is None:
            return project_indicators.add(self.ctx.actor, self.project, values)
        return project_indicators.edit(self.ctx.actor, int(self.row.id), values)


class ProjectPage(FormPage):
    """The project's form; beside it its money and its indicators per execution year."""

    def __init__(self, ctx: AppContext, project_id: int | None,
                 parent: QWidget | None = None) -> None:
        self.project = crud.get(Project, project_id) if project_id is not None else None
        super().__init__(Project, ctx, self.project, parent=parent)
        side = QWidget(self)
        side.setObjectName("projectSide")
        column = QVBoxLayout(side)
        column.setContentsMargins(12, 0, 0, 0)
        title = QLabel(translate("ProjectPage", "项目资金"), side)
        title.setProperty("role", "sectionTitle")
        column.addWidget(title)
        self.rule_label = QLabel(side)
        self.rule_label.setObjectName("moneyRule")
        self.rule_label.setWordWrap(True)
        self.money_label = QLabel(side)
        self.money_label.setObjectName("moneyLines")
        self.money_label.setWordWrap(True)
        self.money_label.setProperty("role", "muted")
        column.addWidget(self.rule_label)
        column.addWidget(self.money_label)
        for editor in self.form.editors.values():
            editor.changed.connect(self.show_money)
        self.show_money()
        if self.project is not None:
            self._indicators(side, column)
        else:
            later = QLabel(translate("ProjectPage", "保存项目后即可按执行年度添加指标。"), side)
            later.setProperty("role", "muted")
            column.addWidget(later)
            column.addStretch(1)
        self.body_row.addWidget(side, 1)

    def _indicators(self, side: QWidget, column: QVBoxLayout) -> None:
        title = QLabel(translate("ProjectPage", "各执行年度指标"), side)
        title.setProperty("role", "sectionTitle")
        column.addWidget(title)
        self.years_label = QLabel(side)
        self.years_label.setObjectName("executionYears")
        self.years_label.setWordWrap(True)
        self.years_label.setProperty("role", "muted")
        column.addWidget(self.years_label)
        self.table = IndicatorTable(0, 7, side)
        self.table.setObjectName("indicators")
        self.table.setHorizontalHeaderLabels([
            translate("ProjectPage", "年度"), translate("ProjectPage", "指标"),
            translate("ProjectPage", "目标"), translate("ProjectPage", "实际"),
            translate("ProjectPage", "完成"), translate("ProjectPage", "应完成（按进度）"),
            translate("ProjectPage", "说明与佐证")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.open_requested.connect(self.edit_indicator)
        self.table.delete_requested.connect(self.delete_indicator)
        self.table.itemDoubleClicked.connect(
            lambda item: self._open_item(item.data(ID_ROLE)))
        column.addWidget(self.table, 1)
        self.add_button = QPushButton(translate("ProjectPage", "添加指标（Ctrl+I）"), side)
        self.add_button.setObjectName("addIndicator")
        self.add_button.clicked.connect(self.add_indicator)
        QShortcut(QKeySequence("Ctrl+I"), self, self.add_indicator)
        hint = QLabel(translate("ProjectPage", "Enter 修改选中指标，Delete 删除。"), side)
        hint.setProperty("role", "muted")
        column.addWidget(self.add_button)
        column.addWidget(hint)
        self.fetch = ops.Fetch(self, self.show_indicators, self._failed)
        self.reload()

    # --- money ---------------------------------------------------------------------------

    def show_money(self) -> None:
        """The 70 % rule on what the form holds now, met or not, with the figures."""
        money = project_money.preview(self.form.values())
        self.rule_label.setText(project_money.rule_text(money))
        self.rule_label.setProperty("role", "fieldError" if money.met is False else
                                    "stepDone" if money.met else "muted")
        self.rule_label.style().unpolish(self.rule_label)
        self.rule_label.style().polish(self.rule_label)
        lines = project_money.lines(money)
        self.money_label.setText("\n".join(line for line in lines if line != lines[3]))

    # --- indicators ----------------------------------------------------------------------

    def reload(self) -> None:
        project, today = self.project, dt.date.today()
        assert project is not None
        self.fetch.request(lambda: project_indicators.by_year(project, today))

    def show_indicators(self, years: list[project_indicators.YearIndicators]) -> None:
        self.years_label.setText("；".join(
            translate("ProjectPage", "第{}年度 {} 至 {}（已过 {}）").format(
                y.year.number, y.year.first.isoformat(), y.year.last.isoformat(),
                project_indicators.percent(float(y.elapsed))) for y in years))
        rows: list[tuple[int | None, list[str]]] = []
        for y in years:
            if not y.rows:
                rows.append((None, [translate("ProjectPage", "第{}年度").format(y.year.number),
                                    translate("ProjectPage", "（未设指标）"), "", "", "", "", ""]))
            for r in y.rows:
                p = r.progress
                label = p.label + (translate("ProjectPage", "（手填）") if p.custom else "")
                expected = project_indicators.expected_figure(r.expected) + (
                    translate("ProjectPage", "  落后") if r.behind else "")
                note = "；".join(t for t in (p.actual_note, p.evidence) if t)
                rows.append((p.indicator_id, [
                    translate("ProjectPage", "第{}年度").format(y.year.number), label,
                    grouped(p.target), project_indicators.figure(p.actual),
                    project_indicators.percent(p.share), expected, note]))
        self.table.setRowCount(len(rows))
        for n, (row_id, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row_id)
                if 2 <= c <= 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(n, c, item)

    def _failed(self, exc: BaseException) -> None:
        report(self, exc)

    def _open_item(self, row_id: Any) -> None:
        if row_id is not None:
            self.edit_indicator(int(row_id))

    def _dialog(self, row: Indicator | None) -> None:
        assert self.project is not None
        dialog = IndicatorDialog(self.ctx, self.project, row, self)
        dialog.setModal(True)
        dialog.accepted.connect(self._changed)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()
        self.dialog = dialog

    def _dialog_closed(self) -> None:
        # Back to the table, the page's window active again, for the next Ctrl+I or Enter.
        self.dialog.deleteLater()
        self.window().activateWindow()
        self.table.setFocus()

    def add_indicator(self) -> None:
        self._dialog(None)

    def edit_indicator(self, indicator_id: int) -> None:
        try:
            row = crud.get(Indicator, indicator_id)
        except SwdeskError as exc:
            report(self, exc)
            return
        self._dialog(row)

    def delete_indicator(self, indicator_id: int) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, translate("ProjectPage", "删除指标"),
                          translate("ProjectPage", "删除选中的指标？"),
                          QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(translate("ProjectPage", "删除"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("ProjectPage", "取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not yes:
            return
        try:
            project_indicators.delete(self.ctx.actor, indicator_id)
        except SwdeskError as exc:
            report(self, exc)
            return
        self._changed()

    def _changed(self) -> None:
        self.ctx.data_changed()
        self.reload()
        self.table.setFocus()


def project_detail(ctx: AppContext, project_id: int | None) -> QWidget:
    return ProjectPage(ctx, project_id)
