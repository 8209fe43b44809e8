"""The 工作台's 今日待办 block: how many tasks are overdue, due today and this week, the
first overdue ones named, and a button to the 待办 page. Read off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from swdesk.numbers import grouped
from swdesk.services import work_view
from ui import ops
from ui.shell.context import AppContext

translate = QCoreApplication.translate


class TodayWork(QGroupBox):
    """Hidden while there is nothing overdue, today or this week. ``arrived(view)`` each
    time a work list is shown (the start reminder takes its count from the first)."""

    arrived = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("DashboardWork", "今日待办"), parent)
        self.ctx = ctx
        self.setObjectName("todayWork")
        outer = QGridLayout(self)
        outer.setHorizontalSpacing(12)
        counts = QHBoxLayout()
        counts.setSpacing(24)
        self.overdue = QLabel(self)
        self.overdue.setObjectName("workOverdue")
        self.today = QLabel(self)
        self.today.setObjectName("workToday")
        self.week = QLabel(self)
        self.week.setObjectName("workWeek")
        for label in (self.overdue, self.today, self.week):
            counts.addWidget(label)
        counts.addStretch(1)
        self.open_button = QPushButton(translate("DashboardWork", "打开待办"), self)
        self.open_button.setObjectName("openWorkList")
        self.open_button.clicked.connect(lambda: self.ctx.go("work_list"))
        counts.addWidget(self.open_button)
        outer.addLayout(counts, 0, 0, 1, 3)
        self.lines = QGridLayout()
        self.lines.setHorizontalSpacing(16)
        outer.addLayout(self.lines, 1, 0, 1, 3)
        self.view: work_view.WorkView | None = None
        self.hide()
        self.fetch = ops.Fetch(self, self.show_view)

    def load(self) -> None:
        station, day = self.ctx.handle(), work_view.today()
        self.fetch.request(lambda: work_view.work_view(station, on=day))

    def show_view(self, view: work_view.WorkView) -> None:
        self.view = view
        counts = view.counts
        self.overdue.setText(translate("DashboardWork", "逾期 {} 项").format(
            grouped(counts["overdue"])))
        self.overdue.setProperty("role", "warning" if counts["overdue"] else "muted")
        self.overdue.style().polish(self.overdue)
        self.today.setText(translate("DashboardWork", "今天 {} 项").format(
            grouped(counts["today"])))
        self.week.setText(translate("DashboardWork", "本周 {} 项").format(
            grouped(counts["this_week"])))
        while self.lines.count():
            item = self.lines.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone now, not at the next loop turn
                widget.deleteLater()
        for n, row in enumerate(view.first_overdue()):
            for column, text in enumerate((row.due, f"{row.kind} · {row.client}",
                                           row.task.title)):
                label = QLabel(text, self)
                label.setProperty("role", "warning" if column == 0 else "")
                self.lines.addWidget(label, n, column)
        self.lines.setColumnStretch(2, 1)
        self.setVisible(bool(view.rows))
        self.arrived.emit(view)
