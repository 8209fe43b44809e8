"""A small read-only table model over a list of plain items, replaced whole on refresh.

The 设置 and 同步 pages show a few dozen to a few hundred items each; subclasses
name their translation context, their column headings and what a cell shows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex


class ItemTableModel(QAbstractTableModel):
    context = ""
    headings: tuple[object, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> Any:
        return self.items[row] if 0 <= row < len(self.items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headings)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headings)):
            return translate(self.context, str(self.headings[section]))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        return self.cell(self.items[index.row()], index.column(), role)

    def cell(self, item: Any, column: int, role: int) -> Any:
        raise AssertionError("subclasses say what a cell shows")

    def _valid(self, index: Index) -> bool:
        return (index.isValid() and 0 <= index.row() < len(self.items)
                and 0 <= index.column() < len(self.headings))
