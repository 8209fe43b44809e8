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
                 wide: tuple[int, ...], rows: tuple[int, int], row_height: int) -> None:
        """``wide`` columns take the room left, the others fit their content; the table
        has room for ``rows`` (fewest, most) rows under its heading."""
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
        for column in range(model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                        if column in wide
                                        else QHeaderView.ResizeMode.ResizeToContents)
        fewest, most = rows
        self.setMinimumHeight(row_height * (fewest + 1) + 6)
        self.setMaximumHeight(row_height * (most + 1) + 6)
        self.doubleClicked.connect(lambda _index: self.row_entered.emit())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.row_entered.emit()
        else:
            super().keyPressEvent(event)
