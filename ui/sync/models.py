"""The two tables of the 同步 page: packages written and read, and open conflicts.

Both hold plain items from :mod:`swdesk.sync.views` (read on the GUI thread: a
few hundred rows at most) and are replaced whole on every refresh.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from swdesk.numbers import grouped
from swdesk.sync.views import ConflictItem, PackageItem, when_text
from ui.models.item_table import ItemTableModel

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

_REFUSED = QColor("#c62828")
_MUTED = QColor("#6b7785")


class _SyncTable(ItemTableModel):
    context = "SyncPage"


class PackageTableModel(_SyncTable):
    """同步包记录: one row per package, newest first."""

    headings = (
        QT_TRANSLATE_NOOP("SyncPage", "时间"),
        QT_TRANSLATE_NOOP("SyncPage", "方向"),
        QT_TRANSLATE_NOOP("SyncPage", "包号"),
        QT_TRANSLATE_NOOP("SyncPage", "文件名"),
        QT_TRANSLATE_NOOP("SyncPage", "记录数"),
        QT_TRANSLATE_NOOP("SyncPage", "状态"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        p: PackageItem = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # (when as a person says it; the change numbers are no business of the page)
            return (when_text(p.at), p.direction_text, grouped(p.number), p.file_name,
                    grouped(p.rows), p.status_text)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.message or p.file_name
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and p.status == "refused":
            return QBrush(_REFUSED)
        return None


class ConflictTableModel(_SyncTable):
    """待处理冲突: one row per conflicting field or rejected record."""

    headings = (
        QT_TRANSLATE_NOOP("SyncPage", "类型"),
        QT_TRANSLATE_NOOP("SyncPage", "记录"),
        QT_TRANSLATE_NOOP("SyncPage", "字段"),
        QT_TRANSLATE_NOOP("SyncPage", "本站的值"),
        QT_TRANSLATE_NOOP("SyncPage", "市级的值"),
        QT_TRANSLATE_NOOP("SyncPage", "原来的值"),
        QT_TRANSLATE_NOOP("SyncPage", "说明"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        c: ConflictItem = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            kind = (translate("SyncPage", "字段冲突") if c.kind == "conflict"
                    else translate("SyncPage", "被市级拒收"))
            if c.kind == "conflict" and c.field == "deleted":
                kind = translate("SyncPage", "删除冲突")
            note = c.reason if c.kind == "rejected" else ""
            return (kind, f"{c.entity_label} · {c.record}", c.field_label, c.local_text,
                    c.city_text, c.base_text, note)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.description
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 0 and c.kind == "rejected":
                return QBrush(_REFUSED)
            if column == 5:
                return QBrush(_MUTED)
        return None
