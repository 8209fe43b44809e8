"""从文件夹导入: a phone's or camera card's photos by the day they were taken; one day is
picked (the newest first), its count shown, and its photos are what gets imported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk.numbers import grouped
from ui.widgets.screen_fit import fit_to_screen

translate = QCoreApplication.translate
DAY_ROLE = Qt.ItemDataRole.UserRole + 1


def _weekday(day: dt.date) -> str:
    return (translate("FolderDayDialog", "星期一"), translate("FolderDayDialog", "星期二"),
            translate("FolderDayDialog", "星期三"), translate("FolderDayDialog", "星期四"),
            translate("FolderDayDialog", "星期五"), translate("FolderDayDialog", "星期六"),
            translate("FolderDayDialog", "星期日"))[day.weekday()]


def day_text(day: dt.date, count: int) -> str:
    return translate("FolderDayDialog", "{year}年{month}月{day}日（{weekday}）  {count} 张").format(
        year=day.year, month=day.month, day=day.day, weekday=_weekday(day),
        count=grouped(count))


class FolderDayDialog(QDialog):
    """Pick one day of ``days`` (day → its photos); ``chosen()`` gives that day's files."""

    def __init__(self, folder: Path, days: Mapping[dt.date, Sequence[Path]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderDayDialog")
        self.setWindowTitle(translate("FolderDayDialog", "从文件夹导入照片"))
        self.days = {day: list(files) for day, files in days.items()}
        layout = QVBoxLayout(self)
        where = QLabel(translate("FolderDayDialog", "文件夹：{}").format(folder), self)
        where.setWordWrap(True)
        where.setProperty("role", "muted")
        layout.addWidget(where)
        ask = QLabel(translate("FolderDayDialog", "选择拍摄日期（↑ ↓ 选择，回车导入）："), self)
        layout.addWidget(ask)
        self.list = QListWidget(self)
        self.list.setObjectName("folderDays")
        for day in sorted(self.days, reverse=True):  # the newest day: usually today's work
            item = QListWidgetItem(day_text(day, len(self.days[day])), self.list)
            item.setData(DAY_ROLE, day.isoformat())
        ask.setBuddy(self.list)
        layout.addWidget(self.list, 1)
        self.count = QLabel(self)
        self.count.setObjectName("folderDayCount")
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(translate("FolderDayDialog", "导入"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importDay")
        buttons.addButton(translate("FolderDayDialog", "取消"),
                          QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show_count)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.setCurrentRow(0)
        self.list.setFocus()
        fit_to_screen(self, QSize(460, 420))

    def chosen_day(self) -> dt.date | None:
        item = self.list.currentItem()
        return dt.date.fromisoformat(str(item.data(DAY_ROLE))) if item is not None else None

    def chosen(self) -> list[Path]:
        day = self.chosen_day()
        return list(self.days.get(day, [])) if day is not None else []

    def _show_count(self) -> None:
        files = self.chosen()
        self.count.setText(translate("FolderDayDialog", "将导入这一天的 {} 张照片。").format(
            grouped(len(files))))
        self.import_button.setEnabled(bool(files))
