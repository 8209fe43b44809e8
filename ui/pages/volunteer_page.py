"""A volunteer: the form, and beside it their hours (in all, this year) and their history."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from swdesk.model import Volunteer, VolunteerHour
from swdesk.services import crud, lists, volunteers
from ui.models.lazy_table import LazyTableModel
from ui.pages.client_page import related_table
from ui.pages.form_page import FormPage
from ui.shell.context import AppContext

translate = QCoreApplication.translate


def hours_text(value: Decimal) -> str:
    """12.5, 1,230 (no trailing zeros, thousands separated)."""
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class VolunteerPage(FormPage):
    """The volunteer's form with their hours ledger: each entry opens its service record."""

    def __init__(self, ctx: AppContext, volunteer_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(Volunteer, ctx, crud.get(Volunteer, volunteer_id), parent=parent)
        self.volunteer_id = volunteer_id
        side = QWidget(self)
        side.setObjectName("volunteerHours")
        column = QVBoxLayout(side)
        column.setContentsMargins(12, 0, 0, 0)
        title = QLabel(translate("VolunteerPage", "服务时长与记录"), side)
        title.setProperty("role", "sectionTitle")
        column.addWidget(title)
        self.total_label = QLabel(side)
        self.total_label.setObjectName("totalHours")
        self.total_label.setProperty("role", "cardValue")
        self.detail_label = QLabel(side)
        self.detail_label.setObjectName("hoursDetail")
        self.detail_label.setProperty("role", "muted")
        column.addWidget(self.total_label)
        column.addWidget(self.detail_label)
        self.history = LazyTableModel(
            lists.ListQuery("volunteer_hour", filters={"volunteer": volunteer_id}),
            ctx.actor, side)
        self.history_view = related_table(side, self.history)
        self.history_view.setObjectName("hoursHistory")
        keys = [c.key for c in self.history.columns]
        self.history_view.setColumnHidden(keys.index("volunteer"), True)  # always this one
        self.history_view.activated.connect(self._open_record)
        column.addWidget(self.history_view, 1)
        self.body_row.addWidget(side, 1)
        self.show_hours()

    def show_hours(self) -> None:
        hours = volunteers.hours_of(self.volunteer_id)
        self.total_label.setText(translate("VolunteerPage", "累计服务 {} 小时").format(
            hours_text(hours.total)))
        self.detail_label.setText(
            translate("VolunteerPage", "今年 {} 小时 · 参与服务记录 {} 次 · 共 {} 条时长记录")
            .format(hours_text(hours.this_year), f"{hours.records:,}", f"{hours.entries:,}"))

    def _open_record(self, index: QModelIndex) -> None:
        entry_id = self.history.id_at(index.row())
        if entry_id is None:
            return
        record_id = crud.get(VolunteerHour, entry_id).record_id
        if record_id is not None:
            self.ctx.open_row("service_record", record_id)
