"""The 待办 page's table: one task a row, overdue ones in red (the core words every cell)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from swdesk.services.work_view import WorkRow
from ui.models.item_table import ItemTableModel

OVERDUE = QColor("#c62828")  # the form's error red: it reads on the light rows


class WorkTableModel(ItemTableModel):
    context = "WorkList"
    headings = (QT_TRANSLATE_NOOP("WorkList", "到期"), QT_TRANSLATE_NOOP("WorkList", "类型"),
                QT_TRANSLATE_NOOP("WorkList", "服务对象"), QT_TRANSLATE_NOOP("WorkList", "事项"),
                QT_TRANSLATE_NOOP("WorkList", "负责"))

    def cell(self, item: WorkRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (item.due, item.kind, item.client, item.task.title, item.who)[column]
        if role == Qt.ItemDataRole.ForegroundRole and item.section == "overdue":
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and item.section == "today":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def row_of(self, key: str) -> int:
        """The row of the task ``key`` (-1 when it is not listed)."""
        return next((n for n, row in enumerate(self.items) if row.task.key == key), -1)
