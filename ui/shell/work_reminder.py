"""At start, once a day: a short, non-modal notice of overdue work with a button to 待办.

A strip above the page ("有 3 项逾期待办  [查看待办] [知道了]"), never a box to click
away: the person goes on with what they came for and the strip stays until dismissed
or followed. Whether to show it (overdue work, not yet told today) is the core's
``work_view.reminder``, asked off the GUI thread, with the overdue count of the work list
the 工作台 has just computed when there is one (the list is not computed twice at start).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from swdesk.handle import StationHandle
from swdesk.numbers import grouped
from swdesk.services import work_view
from ui import ops

translate = QCoreApplication.translate


class WorkReminder(QFrame):
    """The strip; hidden until the core says there is overdue work to tell of."""

    def __init__(self, go: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workReminder")
        self.setProperty("role", "reminder")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 6)
        self.text = QLabel(self)
        self.text.setObjectName("reminderText")
        self.text.setProperty("role", "warning")
        row.addWidget(self.text)
        row.addStretch(1)
        self.open_button = QPushButton(translate("WorkReminder", "查看待办"), self)
        self.open_button.setObjectName("reminderOpen")
        self.open_button.setProperty("role", "primary")
        self.open_button.clicked.connect(lambda: self._follow(go))
        row.addWidget(self.open_button)
        self.dismiss_button = QPushButton(translate("WorkReminder", "知道了"), self)
        self.dismiss_button.setObjectName("reminderDismiss")
        self.dismiss_button.clicked.connect(self.hide)
        row.addWidget(self.dismiss_button)
        self.hide()
        self.fetch = ops.Fetch(self, self.show_count)

    def _follow(self, go: Callable[[], object]) -> None:
        self.hide()
        go()

    def check(self, station: StationHandle, view: work_view.WorkView | None = None) -> None:
        """Ask the core (once a day per user it answers with the overdue count, ``view``'s
        if given: this person's work list of today)."""
        day = work_view.today()
        self.fetch.request(lambda: work_view.reminder(station, on=day, view=view))

    def show_count(self, count: int) -> None:
        if count <= 0:
            return
        self.text.setText(translate("WorkReminder", "有 {} 项逾期待办").format(grouped(count)))
        self.show()
