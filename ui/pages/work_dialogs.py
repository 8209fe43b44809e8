"""The 待办 page's two small dialogs: doing a task (完成) and putting it off (推迟).

完成 opens filled in from the core's draft (today, the way, words for what was done), so
Enter saves at once; the date, way and words can be changed first, Ctrl+Enter saves from
the words. 推迟 asks a day and the reason; the core refuses an empty reason and the
dialog says so under the field, writing nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from swdesk import reference
from swdesk.errors import ValidationError
from swdesk.handle import StationHandle
from swdesk.services import tasks, work_view
from ui.errors import report
from ui.forms.editors import FieldDateEdit, SaveablePlainText, error_label

translate = QCoreApplication.translate


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(parent: QWidget, day: dt.date, name: str) -> FieldDateEdit:
    edit = FieldDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(_qdate(day))
    return edit


class _TaskDialog(QDialog):
    """Title, the task in words, a form, the errors, 保存/取消 (Enter: 保存)."""

    def __init__(self, row: work_view.WorkRow, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        what = QLabel(f"{row.kind} · {row.client} · {row.task.title}", self)
        what.setObjectName("taskWhat")
        what.setWordWrap(True)
        what.setProperty("role", "sectionTitle")
        layout.addWidget(what)
        due = QLabel(translate("WorkDialogs", "到期：{}（{}）").format(
            row.task.due_on.isoformat(), row.due), self)
        due.setProperty("role", "warning" if row.section == "overdue" else "muted")
        layout.addWidget(due)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = error_label(self, "dialogError")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(translate("WorkDialogs", "保存（Enter）"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        self.buttons.addButton(translate("WorkDialogs", "取消"),
                               QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)  # (accepted: each dialog's own save)
        layout.addWidget(self.buttons)
        self.field_errors: dict[str, QLabel] = {}

    def _add(self, label: str, widget: QWidget, key: str) -> None:
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        self.field_errors[key] = error_label(cell, f"error_{key}")
        column.addWidget(self.field_errors[key])
        self.form.addRow(label, cell)

    def show_errors(self, exc: ValidationError) -> None:
        """Each message under its field, the rest (or all, unplaced) under the form."""
        for label in self.field_errors.values():
            label.hide()
        rest: list[str] = []
        for key, message in exc.errors.items():
            placed = self.field_errors.get(key)
            if placed is None:
                rest.append(message)
            else:
                placed.setText(message)
                placed.show()
        self.error.setText("；".join(rest))
        self.error.setVisible(bool(rest))

    def run(self, write: Callable[[], Any]) -> None:
        """Write through the core; a refusal stays in the dialog, anything else is shown."""
        try:
            write()
        except ValidationError as exc:
            self.show_errors(exc)
            return
        except Exception as exc:  # a full disk …: said in words, the dialog stays open
            report(self, exc)
            return
        self.accept()


class CompleteDialog(_TaskDialog):
    """完成: the visit, call, next step or follow-up recorded, from the core's draft."""

    def __init__(self, station: StationHandle, row: work_view.WorkRow, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(row, translate("WorkDialogs", "完成待办"), parent)
        self.setObjectName("completeDialog")
        self.station = station
        draft = work_view.draft(station, row.task, on=today)
        self.date = date_edit(self, draft["date"], "doneOn")
        self.date.setMaximumDate(_qdate(today))  # the core refuses a day still to come
        self._add(translate("WorkDialogs", "日期"), self.date, "date")
        self.way = QComboBox(self)
        self.way.setObjectName("way")
        for item in reference.items("contact_way"):
            self.way.addItem(reference.text_of(item), item.code)
        self.way.setCurrentIndex(max(self.way.findData(draft.get("way")), 0))
        self._add(translate("WorkDialogs", "方式"), self.way, "way")
        self.content = SaveablePlainText(self)
        self.content.setObjectName("content")
        self.content.setPlainText(str(draft.get("content") or ""))
        self.content.save_requested.connect(self.save)
        self._add(translate("WorkDialogs", "内容（Ctrl+Enter 保存）"), self.content, "content")
        self.duration = QSpinBox(self)
        self.duration.setObjectName("duration")
        self.duration.setRange(0, 600)
        self.duration.setSingleStep(10)
        self.duration.setSpecialValueText(translate("WorkDialogs", "未填"))
        self.duration.setSuffix(translate("WorkDialogs", " 分钟"))
        self._add(translate("WorkDialogs", "时长"), self.duration, "duration_min")
        self.written: object = None
        self.buttons.accepted.connect(self.save)
        self.date.setFocus()  # Enter here saves: the second keystroke

    def save(self) -> None:
        on = self.date.date().toPython()
        assert isinstance(on, dt.date)
        way = str(self.way.currentData() or "")
        minutes = self.duration.value() or None

        def write() -> None:
            self.written = tasks.complete(self.station, self.row.task, on=on, way=way,
                                          content=self.content.toPlainText(),
                                          duration_min=minutes)

        self.run(write)


class PostponeDialog(_TaskDialog):
    """推迟: to a later day, with the reason (the core keeps both and audits them)."""

    def __init__(self, station: StationHandle, row: work_view.WorkRow, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(row, translate("WorkDialogs", "推迟待办"), parent)
        self.setObjectName("postponeDialog")
        self.station = station
        later = max(today, row.task.due_on) + dt.timedelta(days=1)
        self.to = date_edit(self, later, "deferredTo")
        self.to.setMinimumDate(_qdate(row.task.due_on + dt.timedelta(days=1)))
        self._add(translate("WorkDialogs", "推迟到"), self.to, "deferred_to")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(translate("WorkDialogs", "必填，如：对象住院，出院后再访"))
        self._add(translate("WorkDialogs", "原因"), self.reason, "reason")
        self.buttons.accepted.connect(self.save)
        self.reason.setFocus()

    def save(self) -> None:
        to = self.to.date().toPython()
        assert isinstance(to, dt.date)
        self.run(lambda: tasks.postpone(self.station, self.row.task, to, self.reason.text()))
