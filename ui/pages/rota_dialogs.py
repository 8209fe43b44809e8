"""The volunteers' visit rota from the 待办 page: printing it, and entering its returned slip.

打印探访排班表… asks the week (any day of it) and a volunteer, or none for all, and
prints the core's ``rota`` paper through the usual preview. 录入回执… lists a
volunteer's rota rows of a week as a checklist: Space ticks a row (visited, or called
where the rota asked for a call), Enter saves the ticked ones through
``rota.enter_slip`` in one transaction; an unticked row stays due.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk import reference
from swdesk.errors import ValidationError
from swdesk.handle import StationHandle
from swdesk.services import rota, work_view
from ui import ops
from ui.errors import report
from ui.forms.editors import FieldDateEdit, error_label
from ui.pages.work_dialogs import date_edit
from ui.reports.print_actions import print_rota
from ui.widgets.link_picker import LinkPicker
from ui.widgets.notice import announce

translate = QCoreApplication.translate
ROW_ROLE = Qt.ItemDataRole.UserRole


def _week_edit(parent: QWidget, day: dt.date) -> FieldDateEdit:
    return date_edit(parent, day, "week")


def _day(edit: FieldDateEdit) -> dt.date:
    day = edit.date().toPython()
    assert isinstance(day, dt.date)
    return day


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(dialog)
    save = buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    save.setObjectName("okButton")
    save.setDefault(True)
    buttons.addButton(translate("RotaDialogs", "取消"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.rejected.connect(dialog.reject)
    return buttons


def week_words(day: dt.date) -> str:
    monday, sunday = rota.week_of(day)
    return translate("RotaDialogs", "{} 至 {}").format(monday.isoformat(), sunday.isoformat())


class RotaPrintDialog(QDialog):
    """The week and the volunteer (empty: all) of the rota to print."""

    def __init__(self, station: StationHandle, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rotaPrintDialog")
        self.setWindowTitle(translate("RotaDialogs", "打印探访排班表"))
        self.setMinimumWidth(440)
        self.station = station
        layout = QVBoxLayout(self)
        form = QFormLayout()
        week = work_view.rota_week(today)
        self.week = _week_edit(self, week)
        self.week_label = QLabel(week_words(week), self)
        self.week_label.setProperty("role", "muted")
        self.week.dateChanged.connect(lambda: self.week_label.setText(week_words(_day(self.week))))
        form.addRow(translate("RotaDialogs", "周次（该周任一天）"), self.week)
        form.addRow("", self.week_label)
        self.volunteer = LinkPicker("volunteer", self)
        self.volunteer.setObjectName("volunteer")
        self.volunteer.setPlaceholderText(translate("RotaDialogs", "留空：全部志愿者，每人一页"))
        form.addRow(translate("RotaDialogs", "志愿者"), self.volunteer)
        layout.addLayout(form)
        buttons = _buttons(self, translate("RotaDialogs", "打印预览（Enter）"))
        buttons.accepted.connect(self.print_it)
        layout.addWidget(buttons)
        self.task: ops.Task | None = None

    def print_it(self) -> None:
        self.task = print_rota(_day(self.week), self.volunteer.value(), self.station,
                               self.parentWidget())
        self.accept()


class SlipDialog(QDialog):
    """A volunteer's rota of a week as a checklist: Space ticks, Enter saves."""

    def __init__(self, station: StationHandle, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slipDialog")
        self.setWindowTitle(translate("RotaDialogs", "录入回执"))
        self.setMinimumSize(520, 420)
        self.station = station
        self.today = today
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.volunteer = LinkPicker("volunteer", self)
        self.volunteer.setObjectName("volunteer")
        self.volunteer.picked.connect(self.load)
        form.addRow(translate("RotaDialogs", "志愿者"), self.volunteer)
        self.week = _week_edit(self, work_view.week_start(today))
        self.week.dateChanged.connect(self.load)
        form.addRow(translate("RotaDialogs", "周次（该周任一天）"), self.week)
        self.hours = QDoubleSpinBox(self)
        self.hours.setObjectName("hours")
        self.hours.setRange(0, 12)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setSpecialValueText(translate("RotaDialogs", "未填"))
        self.hours.setSuffix(translate("RotaDialogs", " 小时"))
        form.addRow(translate("RotaDialogs", "每次志愿服务时长"), self.hours)
        layout.addLayout(form)
        self.hint = QLabel(translate("RotaDialogs", "先选志愿者和周次；空格勾选已探访的行，"
                                                    "Enter 保存。未勾选的仍为待办。"), self)
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.rows = QListWidget(self)
        self.rows.setObjectName("slipRows")
        layout.addWidget(self.rows, 1)
        self.error = error_label(self, "slipError")
        layout.addWidget(self.error)
        buttons = _buttons(self, translate("RotaDialogs", "保存勾选的（Enter）"))
        buttons.accepted.connect(self.save)
        layout.addWidget(buttons)
        self.fetch = ops.Fetch(self, self.show_rows, lambda exc: report(self, exc))
        self.written: list[object] = []

    def load(self) -> None:
        volunteer = self.volunteer.value()
        if volunteer is None:
            self.rows.clear()
            return
        station, week = self.station, _day(self.week)
        self.fetch.request(lambda: rota.rota_rows(station, week, volunteer))

    def show_rows(self, found: list[rota.RotaRow]) -> None:
        self.rows.clear()
        for row in found:
            way = reference.label("contact_way", row.way) if row.way else ""
            item = QListWidgetItem(f"{row.due_on.isoformat()}  {row.client_name}  {way}")
            item.setData(ROW_ROLE, row)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.rows.addItem(item)
        if not found:
            self.rows.addItem(QListWidgetItem(translate(
                "RotaDialogs", "这一周没有这位志愿者的探访。")))
        else:
            self.rows.setCurrentRow(0)
            self.rows.setFocus()

    def ticked(self) -> list[rota.RotaRow]:
        out = []
        for n in range(self.rows.count()):
            item = self.rows.item(n)
            row = item.data(ROW_ROLE)
            if isinstance(row, rota.RotaRow) and item.checkState() == Qt.CheckState.Checked:
                out.append(row)
        return out

    def save(self) -> None:
        ticked = self.ticked()
        if not ticked:
            self.error.setText(translate("RotaDialogs", "没有勾选任何一行：用空格勾选已探访的。"))
            self.error.show()
            return
        hours = self.hours.value() or None
        entries = [rota.SlipEntry(row, "phoned" if row.way == "phone" else "visited",
                                  hours=hours) for row in ticked]
        try:
            self.written = list(rota.enter_slip(self.station, entries, today=self.today))
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        except Exception as exc:  # a full disk …: said in words, the dialog stays open
            report(self, exc)
            return
        announce(self.parentWidget() or self, translate("RotaDialogs", "已录入 {} 次探访").format(
            len(self.written)))
        self.accept()
