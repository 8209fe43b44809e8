"""The 审计 page's table: audit entries newest first, read a page at a time as the view scrolls.

Paging is by id (``audit_log.page(filter, before_id)``), so the thousandth page
costs what the first does; Qt asks for more through ``canFetchMore``/``fetchMore``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from swdesk.services import audit_log
from swdesk.services.audit_log import AuditFilter, AuditRow

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

PAGE = 200
_BROKEN_BACK = QColor("#fde0e0")
_BROKEN_TEXT = QColor("#b71c1c")
HEADINGS = (
    QT_TRANSLATE_NOOP("AuditPage", "时间"),
    QT_TRANSLATE_NOOP("AuditPage", "用户"),
    QT_TRANSLATE_NOOP("AuditPage", "操作"),
    QT_TRANSLATE_NOOP("AuditPage", "对象"),
    QT_TRANSLATE_NOOP("AuditPage", "记录"),
    QT_TRANSLATE_NOOP("AuditPage", "详情"),
)


class AuditTableModel(QAbstractTableModel):
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filter = AuditFilter()
        self._rows: list[AuditRow] = []
        self._more = True
        self._broken: set[int] = set()
        self.reload()

    # --- what the view asks -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADINGS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADINGS)):
            return translate("AuditPage", str(HEADINGS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not (index.isValid() and 0 <= index.row() < len(self._rows)
                and 0 <= index.column() < len(HEADINGS)):
            return None
        row = self._rows[index.row()]
        if role == self.ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            cells = (row.at, row.actor, row.action, row.entity, row.record, row.details)
            text = cells[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                if row.id in self._broken:
                    return translate("AuditPage",
                                     "第 {} 条：此记录被改动，或它之前的记录被删除").format(row.id)
                # (what the log itself keeps, for whoever has to look further)
                if index.column() == 1 and row.username != row.actor:
                    return f"{row.actor}（{row.username}）"
                if index.column() == 4 and row.row_uid and row.row_uid != row.record:
                    return f"{row.record}\n{row.row_uid}"
            return text
        if row.id in self._broken:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_BROKEN_BACK)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_BROKEN_TEXT)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more:
            return
        before = self._rows[-1].id if self._rows else None
        rows = audit_log.page(self._filter, before, PAGE)
        self._more = len(rows) == PAGE
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    # --- what the page asks -------------------------------------------------------------

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    def set_filter(self, f: AuditFilter) -> None:
        self._filter = f
        self.reload()

    def reload(self) -> None:
        """Start again from the newest entry (a new filter, or entries written since)."""
        self.beginResetModel()
        self._rows = audit_log.page(self._filter, None, PAGE)
        self._more = len(self._rows) == PAGE
        self.endResetModel()

    def set_broken(self, ids: list[int]) -> None:
        self._broken = set(ids)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(HEADINGS) - 1))

    def row_of(self, entry_id: int) -> int:
        """The row showing ``entry_id`` (-1 if not loaded)."""
        for n, row in enumerate(self._rows):
            if row.id == entry_id:
                return n
        return -1
