"""The small tables of a page's panels (a case's goals, assessments, referrals): rows
chosen whole, read-only, Enter on a row asking for what the panel does with it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class RowTable(QTableView):
    """A panel's table; Enter (or a double click) on a row emits ``row_entered``."""

    row_entered = Signal()

    def __init__(self, parent: QWidget, name: str, model: QAbstractItemModel, *,
                 wide: tuple[int, ...], rows: tuple[int, int], row_height: int,
                 capped: int | None = None) -> None:
        """``wide`` columns take the room left, the others fit their content; the table
        has room for ``rows`` (fewest, most) rows under its heading. With ``capped``
        (many columns in a narrow column of the page) every column fits its content and
        heading, a wide one no wider than that, and the table scrolls sideways rather
        than squeeze its headings."""
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(row_height)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        header = self.horizontalHeader()
        self.wide, self.capped = wide, capped
        if capped is not None:
            header.setStretchLastSection(True)
            model.modelReset.connect(self._fit)
            self._fit()
        else:
            for column in range(model.columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                            if column in wide
                                            else QHeaderView.ResizeMode.ResizeToContents)
        fewest, most = rows
        frame = 6 + (self.horizontalScrollBar().sizeHint().height() if capped else 0)
        self.setMinimumHeight(row_height * (fewest + 1) + frame)
        self.setMaximumHeight(row_height * (most + 1) + frame)
        self.doubleClicked.connect(lambda _index: self.row_entered.emit())

    def _fit(self) -> None:
        self.resizeColumnsToContents()
        for column in self.wide:
            self.setColumnWidth(column, min(self.columnWidth(column), self.capped or 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.row_entered.emit()
        else:
            super().keyPressEvent(event)
