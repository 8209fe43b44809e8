"""The import report as a table: one line per row that will not go in as it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from swdesk.excel import ImportReport, RowResult

translate = QCoreApplication.translate
_ERROR = QColor("#C00000")
_ORDER = {"error": 0, "update": 1, "duplicate": 2, "skip": 3}
Index = QModelIndex | QPersistentModelIndex


def _action_text(action: str) -> str:
    return {
        "add": translate("ImportReport", "新增"),
        "update": translate("ImportReport", "更新"),
        "skip": translate("ImportReport", "跳过"),
        "duplicate": translate("ImportReport", "重复"),
        "error": translate("ImportReport", "错误"),
    }[action]


class ReportModel(QAbstractTableModel):
    """Rows with errors first, then updates, skips and duplicates; added rows are counted only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowResult] = []

    def set_report(self, report: ImportReport | None) -> None:
        self.beginResetModel()
        rows = [r for r in report.rows if r.action != "add"] if report else []
        self._rows = sorted(rows, key=lambda r: (_ORDER[r.action], r.row))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 3:
            return None
        return (translate("ImportReport", "行号"), translate("ImportReport", "结果"),
                translate("ImportReport", "说明"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(row.row)
            if column == 1:
                return _action_text(row.action)
            return row.explain()
        if role == Qt.ItemDataRole.ForegroundRole and row.action == "error":
            return _ERROR
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return row.explain()
        return None
