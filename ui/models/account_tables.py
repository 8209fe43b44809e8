"""The two small tables of the 设置 page: backup files and user accounts.

Both hold a few dozen items read from the core and are replaced whole on refresh.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from swdesk import reference
from swdesk.model import User
from swdesk.services import accounts
from swdesk.services.backups import BackupFile
from ui.models.item_table import ItemTableModel

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
_MUTED = QColor("#8a96a3")
_WARN = QColor("#b26a00")


def file_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(size, 1024) // 1024} KB"


class BackupTableModel(ItemTableModel):
    """备份: newest first, with when, what kind, size and where."""

    context = "BackupSection"
    headings = (
        QT_TRANSLATE_NOOP("BackupSection", "时间"),
        QT_TRANSLATE_NOOP("BackupSection", "类型"),
        QT_TRANSLATE_NOOP("BackupSection", "大小"),
        QT_TRANSLATE_NOOP("BackupSection", "文件"),
    )

    def cell(self, item: BackupFile, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(item.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (item.made.strftime("%Y-%m-%d %H:%M"), item.kind_label, file_size(item.size),
                item.path.name)[column]


class UserTableModel(ItemTableModel):
    """用户: every account, with role and whether it can sign in."""

    context = "UsersSection"
    headings = (
        QT_TRANSLATE_NOOP("UsersSection", "用户名"),
        QT_TRANSLATE_NOOP("UsersSection", "姓名"),
        QT_TRANSLATE_NOOP("UsersSection", "角色"),
        QT_TRANSLATE_NOOP("UsersSection", "状态"),
    )

    def refresh(self) -> None:
        self.set_items(accounts.list_users())

    def cell(self, item: User, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            if not item.active:
                return QBrush(_MUTED)
            return QBrush(_WARN) if _locked(item) else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 3:
            if not item.active:
                return translate("UsersSection", "已停用")
            if _locked(item) and item.locked_until is not None:
                return translate("UsersSection", "已锁定（至 {}）").format(
                    item.locked_until.strftime("%H:%M"))
            return translate("UsersSection", "正常")
        return (str(item.username), str(item.display_name),
                reference.label("role", str(item.role)))[column]


def _locked(user: User) -> bool:
    until = user.locked_until
    return isinstance(until, dt.datetime) and until > accounts.clock()
