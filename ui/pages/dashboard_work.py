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
    time a work list is shown (the start reminder takes its count from the first);
    ``view`` is the last one's counts and first overdue rows."""

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
        self.lines.setColumnStretch(2, 1)
        outer.addLayout(self.lines, 1, 0, 1, 3)
        self._line_labels: list[list[QLabel]] = []  # a row's due, client, task
        self.view: work_view.WorkView | None = None
        self.hide()
        self.fetch = ops.Fetch(self, self.show_view)

    def _line(self) -> list[QLabel]:
        row = len(self._line_labels)
        labels = [QLabel(self) for _column in range(3)]
        for column, label in enumerate(labels):
            label.setProperty("role", "warning" if column == 0 else "")
            self.lines.addWidget(label, row, column)
        return labels

    def load(self) -> None:
        station, day = self.ctx.handle(), work_view.today()
        self.fetch.request(lambda: work_view.summary(station, on=day))

    def show_view(self, view: work_view.WorkView) -> None:
        shown = view.first_overdue()
        self.view = view
        counts = view.counts
        self.overdue.setText(translate("DashboardWork", "逾期 {} 项").format(
            grouped(counts["overdue"])))
        role = "warning" if counts["overdue"] else "muted"
        if self.overdue.property("role") != role:  # (a new look is worked out only then)
            self.overdue.setProperty("role", role)
            self.overdue.style().polish(self.overdue)
        self.today.setText(translate("DashboardWork", "今天 {} 项").format(
            grouped(counts["today"])))
        self.week.setText(translate("DashboardWork", "本周 {} 项").format(
            grouped(counts["this_week"])))
        # The lines' labels are kept and given the new texts: made anew at each arrival,
        # they held the window while the block was laid out again.
        for n, row in enumerate(shown):
            if n == len(self._line_labels):
                self._line_labels.append(self._line())
            for label, text in zip(self._line_labels[n], (
                    row.due, f"{row.kind} · {row.client}", row.task.title), strict=True):
                label.setText(text)
        for n, labels in enumerate(self._line_labels):
            for label in labels:
                label.setVisible(n < len(shown))
        self.setVisible(any(counts.values()))
        self.arrived.emit(self.view)
