"""待办: the work list — overdue (red, days overdue), today, this week — done in two keys.

A row is a task of the core's work list (a visit or call, a case's next step, a closed
case's follow-up, a need to match by its deadline). Enter opens 完成 filled in, Enter
there saves it and the row leaves the list; Ctrl+D puts it off with a reason; Ctrl+O
opens its client, case or need. A worker sees their own tasks; the head and the
administrator everyone's or one worker's. The list is read off the GUI thread.
The volunteers' rota is printed and its returned slip entered from here too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from swdesk.numbers import grouped
from swdesk.services import work_view
from ui import ops
from ui.errors import report
from ui.models.work_table import WorkTableModel
from ui.shell.context import AppContext
from ui.widgets.notice import announce
from ui.widgets.page_parts import page_header

translate = QCoreApplication.translate
ROW_HEIGHT = 30


class WorkTable(QTableView):
    """The tasks; Enter (or a double click) on a row emits ``row_entered``."""

    row_entered = Signal()

    def __init__(self, model: WorkTableModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("workTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        for column in range(model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 3
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.doubleClicked.connect(lambda _index: self.row_entered.emit())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.row_entered.emit()
        else:
            super().keyPressEvent(event)


class WorkListPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.station = ctx.handle()
        self.setObjectName("workListPage")
        self.today = work_view.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header, self.title = page_header(self, translate("WorkList", "待办"))
        self.counts = QLabel(self)
        self.counts.setObjectName("workCounts")
        header.insertWidget(1, self.counts)
        layout.addLayout(header)
        tools = QHBoxLayout()
        self.worker = QComboBox(self)
        self.worker.setObjectName("workerFilter")
        choices = work_view.worker_choices(ctx.actor)
        if choices:  # the head and the administrator: everyone's, or one worker's
            self.worker.addItem(translate("WorkList", "全部社工"), None)
            for worker_id, name in choices:
                self.worker.addItem(name, worker_id)
            tools.addWidget(QLabel(translate("WorkList", "社工"), self))
            tools.addWidget(self.worker)
            self.worker.currentIndexChanged.connect(self.load)
        else:
            self.worker.hide()
        self.done_button = self._button(tools, "doneButton", translate("WorkList", "完成（Enter）"),
                                        self.complete_current, primary=True)
        self.postpone_button = self._button(tools, "postponeButton",
                                            translate("WorkList", "推迟…（Ctrl+D）"),
                                            self.postpone_current)
        self.open_button = self._button(tools, "openButton",
                                        translate("WorkList", "打开（Ctrl+O）"), self.open_current)
        tools.addStretch(1)
        self._button(tools, "rotaButton", translate("WorkList", "打印探访排班表…"), self.print_rota)
        self._button(tools, "slipButton", translate("WorkList", "录入回执…"), self.enter_slip)
        layout.addLayout(tools)
        self.model = WorkTableModel(self)
        self.table = WorkTable(self.model, self)
        self.table.row_entered.connect(self.complete_current)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(translate("WorkList", "没有逾期、今天或本周到期的待办。"), self)
        self.empty.setObjectName("workEmpty")
        self.empty.setProperty("role", "muted")
        self.empty.hide()
        layout.addWidget(self.empty)
        QShortcut(QKeySequence("Ctrl+D"), self, self.postpone_current)
        QShortcut(QKeySequence("Ctrl+O"), self, self.open_current)
        self.view: work_view.WorkView | None = None
        self.fetch = ops.Fetch(self, self.show_view, lambda exc: report(self, exc))
        self.load()

    def _button(self, row: QHBoxLayout, name: str, text: str, slot: object, *,
                primary: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        if primary:
            button.setProperty("role", "primary")
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # --- reading ------------------------------------------------------------------------

    def chosen_worker(self) -> int | None:
        data = self.worker.currentData() if self.worker.count() else None
        return data if isinstance(data, int) else None

    def load(self) -> None:
        """Ask the core off the GUI thread; the rows on show stay until the answer."""
        self.today = work_view.today()
        station, day, worker = self.station, self.today, self.chosen_worker()
        self.fetch.request(lambda: work_view.work_view(station, on=day, worker_id=worker))

    def page_shown(self) -> None:
        self.load()

    def show_view(self, view: work_view.WorkView) -> None:
        current = self.current()
        self.view = view
        self.model.set_items(view.rows)
        self.counts.setText(translate("WorkList", "逾期 {} 项 · 今天 {} 项 · 本周 {} 项").format(
            grouped(view.counts["overdue"]), grouped(view.counts["today"]),
            grouped(view.counts["this_week"])))
        self.counts.setProperty("role", "warning" if view.counts["overdue"] else "muted")
        self.counts.style().polish(self.counts)
        self.empty.setVisible(not view.rows)
        row = self.model.row_of(current.task.key) if current is not None else -1
        if view.rows:
            self.table.selectRow(max(row, 0))
        for button in (self.done_button, self.postpone_button, self.open_button):
            button.setEnabled(bool(view.rows))

    def current(self) -> work_view.WorkRow | None:
        index = self.table.currentIndex()
        item = self.model.item_at(index.row()) if index.isValid() else None
        return item if isinstance(item, work_view.WorkRow) else None

    # --- acting on a row ----------------------------------------------------------------

    def complete_current(self) -> None:
        row = self.current()
        if row is None:
            return
        if row.task.kind == "need":  # matched where needs are matched, with suggestions
            self.open_current()
            return
        # (the dialogs load when first opened, not with the page)
        from ui.pages.work_dialogs import CompleteDialog

        dialog = CompleteDialog(self.station, row, self.today, self)
        if dialog.exec():
            self._gone(row, translate("WorkList", "已记录：{}").format(row.client))

    def postpone_current(self) -> None:
        row = self.current()
        if row is None:
            return
        # (the dialogs load when first opened, not with the page)
        from ui.pages.work_dialogs import PostponeDialog

        dialog = PostponeDialog(self.station, row, self.today, self)
        if dialog.exec():
            self._gone(row, translate("WorkList", "已推迟：{}").format(row.client))

    def _gone(self, row: work_view.WorkRow, said: str) -> None:
        """The row leaves the list at once; the list is read again behind it."""
        n = self.model.row_of(row.task.key)
        if n >= 0:
            rows = list(self.model.items)
            del rows[n]
            self.model.set_items(rows)
            if rows:
                self.table.selectRow(min(n, len(rows) - 1))
        announce(self, said)
        self.ctx.data_changed()
        self.load()

    def open_current(self) -> None:
        """The task's case (a next step, a follow-up), need, or else client."""
        row = self.current()
        if row is None:
            return
        task = row.task
        if task.kind == "need" and task.need_id is not None:
            self.ctx.open_row("need", task.need_id)
        elif task.kind in ("next_step", "follow_up") and task.case_id is not None:
            self.ctx.open_row("case", task.case_id)
        elif task.client_id is not None:
            self.ctx.open_row("client", task.client_id)

    # --- the rota -----------------------------------------------------------------------

    def print_rota(self) -> None:
        # (the rota's dialogs and the printing load when first opened)
        from ui.pages.rota_dialogs import RotaPrintDialog

        RotaPrintDialog(self.station, self.today, self).exec()

    def enter_slip(self) -> None:
        # (the rota's dialogs and the printing load when first opened)
        from ui.pages.rota_dialogs import SlipDialog

        if SlipDialog(self.station, self.today, self).exec():
            self.ctx.data_changed()
            self.load()
