"""The list of one entity: search as you type, filters, sort by header, sync state per row."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk import reference
from swdesk.model import ENTITIES, describe
from swdesk.model.described import FieldSpec
from swdesk.numbers import grouped
from swdesk.services import lists
from ui.forms.editors import BLANK_DATE
from ui.models.lazy_table import LazyTableModel
from ui.shell import registry
from ui.shell.context import AppContext
from ui.shell.registry import ListAction, register_list_action
from ui.widgets.list_columns import ListView, fit_columns

translate = QCoreApplication.translate
SEARCH_DEBOUNCE_MS = 150
_FILTER_KEYS = ("status", "stage", "active")  # filterable although not shown as columns


# (the list buttons' registry lives in the shell's, which plugins import at start; it is
# named here too, where features have always found it.)
__all__ = ["ListAction", "ListPage", "date_field", "filter_fields", "register_list_action"]


def filter_fields(entity: str) -> list[FieldSpec]:
    fields = describe(ENTITIES[entity]).fields
    return [f for f in fields if f.kind in ("choice", "choices")
            and (f.list_column or f.key in _FILTER_KEYS)][:4]


def date_field(entity: str) -> FieldSpec | None:
    for spec in lists.list_columns(entity):
        if spec.kind == "date":
            return spec
    return None


class ListPage(QWidget):
    """Rows of ``entity``; Enter or double-click opens one, the new button (and Ctrl+N, which
    its section holds: it works on the opened row's page too) starts a new one."""

    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, entity: str, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity = entity
        self.ctx = ctx
        self.setObjectName(f"list_{entity}")
        spec = describe(ENTITIES[entity])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)

        title_row = QHBoxLayout()
        title = QLabel(spec.label, self)
        title.setProperty("role", "pageTitle")
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "muted")
        title_row.addWidget(title)
        title_row.addWidget(self.count_label)
        title_row.addStretch(1)
        for action in registry.list_actions():
            if action.entity in (None, entity):
                button = QPushButton(translate("ListActions", action.title), self)
                button.clicked.connect(lambda _=False, a=action: a.run(ctx, entity, self))
                title_row.addWidget(button)
        self.new_button = QPushButton(translate("ListPage", "新建（Ctrl+N）"), self)
        self.new_button.setProperty("role", "primary")
        self.new_button.clicked.connect(self.new_requested)
        title_row.addWidget(self.new_button)
        layout.addLayout(title_row)

        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("listSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            translate("ListPage", "搜索：姓名、拼音首字母、身份证或电话后几位（Ctrl+F）")
            if entity == "client" else translate("ListPage", "搜索（Ctrl+F）"))
        self.search.setMinimumWidth(280)
        bar.addWidget(self.search, 2)
        self.filters: dict[str, QComboBox] = {}
        for f in filter_fields(entity):
            combo = QComboBox(self)
            combo.setObjectName(f"filter_{f.key}")
            combo.addItem(translate("ListPage", "全部{}").format(f.label), None)
            for item in reference.items(f.ref_list or ""):
                combo.addItem(reference.text_of(item), item.code)
            combo.currentIndexChanged.connect(self._apply_filters)
            self.filters[f.key] = combo
            bar.addWidget(combo)
        self.date_spec = date_field(entity)
        self.date_from: QDateEdit | None = None
        self.date_to: QDateEdit | None = None
        self.bar, self.second_bar = bar, QHBoxLayout()
        self.date_range: QWidget | None = None
        if self.date_spec is not None:
            self.date_range = QWidget(self)
            self.date_range.setObjectName("dateRange")
            dates = QHBoxLayout(self.date_range)
            dates.setContentsMargins(0, 0, 0, 0)
            dates.addWidget(QLabel(self.date_spec.label, self.date_range))
            self.date_from = self._date_box("dateFrom")
            dates.addWidget(self.date_from)
            dates.addWidget(QLabel("—", self.date_range))
            self.date_to = self._date_box("dateTo")
            dates.addWidget(self.date_to)
            bar.addWidget(self.date_range)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.second_bar.addStretch(1)
        layout.addLayout(self.second_bar)

        self.model = LazyTableModel(lists.ListQuery(entity), ctx.actor, self)
        self.model.total_changed.connect(self._update_count)
        self.view = ListView(self)
        self.view.setObjectName("listView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        vertical = self.view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        vertical.setDefaultSectionSize(30)
        vertical.hide()
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        fit_columns(self.view, self.model.columns)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the core's default
        self.view.setSortingEnabled(True)
        self.view.activated.connect(self._activated)
        layout.addWidget(self.view, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self._update_count()

    def _date_box(self, name: str) -> QDateEdit:
        box = QDateEdit(self)
        box.setObjectName(name)
        box.setCalendarPopup(True)
        box.setDisplayFormat("yyyy-MM-dd")
        box.setMinimumDate(BLANK_DATE)
        box.setSpecialValueText(translate("ListPage", "不限"))
        box.setDate(BLANK_DATE)
        box.dateChanged.connect(self._apply_filters)
        return box

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_date_range()

    def _place_date_range(self) -> None:
        """The date range beside the filters when there is room, else on a line of its own
        (on a 1024-wide screen the service records' three filters and dates would overlap)."""
        if self.date_range is None:
            return
        spacing = self.bar.spacing()
        parts = [self.search.minimumWidth(), self.date_range.sizeHint().width(),
                 *(combo.sizeHint().width() for combo in self.filters.values())]
        outer = self.layout()
        assert outer is not None
        margins = outer.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        wanted = self.bar if sum(parts) + spacing * len(parts) <= room else self.second_bar
        if wanted.indexOf(self.date_range) >= 0:
            return
        (self.second_bar if wanted is self.bar else self.bar).removeWidget(self.date_range)
        wanted.insertWidget(wanted.count() - 1, self.date_range)  # before the stretch

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_filters(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: c.currentData() for k, c in self.filters.items()
                               if c.currentData() is not None}
        if self.date_spec is not None and self.date_from is not None and self.date_to is not None:
            start, end = _date_or_none(self.date_from.date()), _date_or_none(self.date_to.date())
            if start or end:
                out[self.date_spec.key] = (start, end)
        return out

    def _apply_filters(self) -> None:
        self._debounce.stop()
        query = replace(self.model.query, search=self.search.text().strip(),
                        filters=self.current_filters())
        self.model.set_query(query)  # (the count follows: total_changed)

    def refresh(self) -> None:
        self.model.reload()

    def _update_count(self) -> None:
        total = self.model.total()
        self.count_label.setText(translate("ListPage", "正在计数…") if total is None
                                 else translate("ListPage", "共 {} 条").format(grouped(total)))

    def _activated(self, index: QModelIndex) -> None:
        row_id = self.model.id_at(index.row())
        if row_id is not None:
            self.open_requested.emit(row_id)

    def select_id(self, row_id: int) -> None:
        row = self.model.row_of(row_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))


def _date_or_none(d: QDate) -> str | None:
    return None if d == BLANK_DATE else d.toString("yyyy-MM-dd")
