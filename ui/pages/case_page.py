"""A case through its stages: the case form, its goals, assessments and referrals, its
logs with a quick "add log" line, closure with each goal's attainment, and the follow-up
visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from swdesk import reference
from swdesk.errors import SwdeskError, ValidationError
from swdesk.model import Case
from swdesk.reports import case_names
from swdesk.services import case_closure, cases, crud, lists
from swdesk.services.display import row_title
from ui.attachments.strip import AttachmentStrip
from ui.errors import report
from ui.forms.entity_form import EntityForm
from ui.models.lazy_table import LazyTableModel
from ui.pages.case_assessments_panel import AssessmentsPanel
from ui.pages.case_closure_box import ClosureBox, FollowUpBox
from ui.pages.case_goals_panel import GoalsPanel
from ui.pages.case_referrals_panel import ReferralsPanel
from ui.pages.client_page import related_table
from ui.pages.form_page import FormPage, back_button, page_header, scrolled
from ui.reports.print_actions import print_case
from ui.shell.context import AppContext

translate = QCoreApplication.translate
CONTENT_ROOM = 220  # the quick log's text box: narrower, what is typed scrolls out of sight
STAGES = ("intake", "assessment", "plan", "intervention", "evaluation", "closed")


class StageStrip(QWidget):
    """intake → assessment → … → closed, the current stage highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.labels: dict[str, QLabel] = {}
        for n, stage in enumerate(STAGES):
            if n:
                row.addWidget(QLabel("›", self))
            label = QLabel(reference.label("case_stage", stage), self)
            label.setProperty("role", "stage")
            self.labels[stage] = label
            row.addWidget(label)
        row.addStretch(1)

    def set_stage(self, stage: str) -> None:
        passed = True
        for code, label in self.labels.items():
            state = "current" if code == stage else ("done" if passed else "todo")
            if code == stage:
                passed = False
            label.setProperty("state", state)
            label.style().unpolish(label)
            label.style().polish(label)


class QuickLogLine(QWidget):
    """One line to add a log: date, way, minutes, what happened; Enter adds it."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setObjectName("logDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.way = QComboBox(self)
        self.way.setObjectName("logWay")
        for item in reference.items("contact_way"):
            self.way.addItem(reference.text_of(item), item.code)
        self.minutes = QLineEdit(self)
        self.minutes.setObjectName("logMinutes")
        self.minutes.setPlaceholderText(translate("CasePage", "分钟"))
        self.minutes.setMaximumWidth(70)
        self.content = QLineEdit(self)
        self.content.setObjectName("logContent")
        self.content.setPlaceholderText(translate("CasePage", "记录内容，回车添加"))
        self.add_button = QPushButton(translate("CasePage", "添加记录"), self)
        self.add_button.setObjectName("addLog")
        self.content.setMinimumWidth(CONTENT_ROOM)
        self.grid = grid
        for column, widget in enumerate((self.date, self.way, self.minutes)):
            grid.addWidget(widget, 0, column)
        self._lay_out(wide=True)
        self.add_button.clicked.connect(self.submitted)
        self.content.returnPressed.connect(self.submitted)

    def _lay_out(self, wide: bool) -> None:
        """The text beside date, way and minutes, or on its own line below them (with
        the add button) where beside them it would be too narrow to read what is typed."""
        self.grid.removeWidget(self.content)
        self.grid.removeWidget(self.add_button)
        if wide:
            self.grid.addWidget(self.content, 0, 3)
            self.grid.addWidget(self.add_button, 0, 4)
        else:
            self.grid.addWidget(self.content, 1, 0, 1, 4)
            self.grid.addWidget(self.add_button, 1, 4)
        for column in range(5):
            self.grid.setColumnStretch(column, 1 if column == (3 if wide else 2) else 0)
        self.wide = wide

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        spacing = self.grid.horizontalSpacing() * 4
        needed = sum(w.sizeHint().boundedTo(w.maximumSize()).width()
                     for w in (self.date, self.way, self.minutes, self.add_button))
        needed += CONTENT_ROOM + spacing
        if (self.width() >= needed) != self.wide:
            self._lay_out(not self.wide)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # the line's own Enter adds a log; it must not save the case form
        super().keyPressEvent(event)

    def values(self) -> dict[str, object]:
        return {"date": self.date.date().toString("yyyy-MM-dd"), "way": self.way.currentData(),
                "duration_min": self.minutes.text(), "content": self.content.text()}

    def clear(self) -> None:
        self.content.clear()
        self.minutes.clear()
        self.content.setFocus()


class CasePage(QWidget):
    closed = Signal()

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("casePage")
        self.case = crud.get(Case, case_id)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header, self.title_label = page_header(self, self._title())
        self.back_button = back_button(self, lambda: self.form.cancel())
        self.save_button = QPushButton(translate("CasePage", "保存个案（Enter）"), self)
        self.save_button.setProperty("role", "primary")
        self.print_button = QPushButton(translate("CasePage", "打印个案档案"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(
            lambda: print_case(int(self.case.id), ctx.handle(), self))
        self.document_button = QPushButton(translate("CasePage", "打印文书"), self)
        self.document_button.setObjectName("printDocument")
        self.document_menu = QMenu(self.document_button)
        for key in case_names.DOCUMENTS:
            action = self.document_menu.addAction(case_names.title(key))
            action.setData(key)
            action.triggered.connect(lambda _checked=False, key=key: print_case(
                int(self.case.id), ctx.handle(), self, document=key))
        self.document_button.setMenu(self.document_menu)
        header.addWidget(self.print_button)
        header.addWidget(self.document_button)
        header.addWidget(self.back_button)
        header.addWidget(self.save_button)
        layout.addLayout(header)

        stage_row = QHBoxLayout()
        self.strip = StageStrip(self)
        stage_row.addWidget(self.strip, 1)
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("nextStage")
        self.next_button.clicked.connect(self.next_stage)
        stage_row.addWidget(self.next_button)
        self.closing_button = QPushButton(translate("CasePage", "结案…"), self)
        self.closing_button.setObjectName("startClosing")
        self.closing_button.clicked.connect(self.start_closing)
        stage_row.addWidget(self.closing_button)
        layout.addLayout(stage_row)

        split = QSplitter(self)
        self.form = EntityForm(Case, ctx.actor, ctx.data_dir, self.case,
                               hidden=cases.STAGE_FIELDS, parent=self)
        # The goals, assessments and referrals under the case's fields, scrolling with
        # them: the page must still fit a 1280×720 laptop at 150 %.
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.form)
        self.goals = GoalsPanel(case_id, ctx.actor, left)
        self.goals.changed.connect(self._goals_changed)
        left_layout.addWidget(self.goals)
        self.assessments = AssessmentsPanel(self.case, ctx.actor, ctx.handle(), left)
        self.assessments.changed.connect(ctx.data_changed)
        left_layout.addWidget(self.assessments)
        self.referrals = ReferralsPanel(case_id, ctx.actor, left)
        self.referrals.changed.connect(ctx.data_changed)
        left_layout.addWidget(self.referrals)
        self.attachments = AttachmentStrip(ctx, "case", case_id, left,
                                           title=translate("AttachmentStrip", "个案附件"))
        left_layout.addWidget(self.attachments)
        split.addWidget(scrolled(left))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        logs_title = QLabel(translate("CasePage", "个案记录"), right)
        logs_title.setProperty("role", "sectionTitle")
        right_layout.addWidget(logs_title)
        self.quick = QuickLogLine(right)
        self.quick.submitted.connect(self.add_log)
        right_layout.addWidget(self.quick)
        self.log_error = QLabel(right)
        self.log_error.setObjectName("logError")
        self.log_error.setProperty("role", "fieldError")
        self.log_error.setWordWrap(True)
        self.log_error.hide()
        right_layout.addWidget(self.log_error)
        self.logs = LazyTableModel(lists.ListQuery("case_log", filters={"case": case_id}),
                                   ctx.actor, self)
        self.log_view = related_table(right, self.logs)
        right_layout.addWidget(self.log_view, 1)
        # The chosen log's photos and scans (a home visit's pictures, a signed agreement).
        self.log_attachments = AttachmentStrip(
            ctx, "case_log", None, right, title=translate("AttachmentStrip", "所选记录的附件"),
            no_row_hint=translate("AttachmentStrip", "选中一条个案记录后可添加附件"))
        right_layout.addWidget(self.log_attachments)
        self.log_view.selectionModel().currentRowChanged.connect(self._log_chosen)
        self.closure_box = ClosureBox(right)
        self.closure_box.close_requested.connect(self.close_case)
        self.closure_box.cancel_requested.connect(self.closure_box.hide)
        self.closure_box.set_goals(self.goals.lines())
        self.closure_box.show_case(self.case)
        # (attributes the closure's keyboard and tests reach by name)
        self.closed_on = self.closure_box.closed_on
        self.summary = self.closure_box.summary
        self.close_button = self.closure_box.close_button
        self.cancel_closing_button = self.closure_box.cancel_button
        right_layout.addWidget(self.closure_box)
        self.follow_up_box = FollowUpBox(right)
        self.follow_up_box.record_requested.connect(self.record_follow_up)
        right_layout.addWidget(self.follow_up_box)
        # A closed case's closure and follow-up scroll with its logs rather than make the
        # page taller than a small screen.
        split.addWidget(scrolled(right))
        split.setSizes([480, 640])
        layout.addWidget(split, 1)

        self.save_button.clicked.connect(self.form.save)
        self.form.saved.connect(lambda _id: self._reload())
        self.form.cancelled.connect(self.closed)
        self._show_stage()

    def _log_chosen(self) -> None:
        index = self.log_view.currentIndex()
        log_id = self.logs.id_at(index.row()) if index.isValid() else None
        if log_id != (self.log_attachments.owner.id if self.log_attachments.owner else None):
            self.log_attachments.set_row(log_id)

    def _title(self) -> str:
        return translate("CasePage", "个案 {} · {}").format(
            self.case.case_no, row_title(self.case.client))

    def start_closing(self) -> None:
        """The 结案 action: the closure box, which only closing needs, comes up."""
        self.closure_box.set_goals(self.goals.lines())
        self.closure_box.show()
        self.closure_box.first_question().setFocus()

    def _show_stage(self) -> None:
        stage = self.case.stage
        self.strip.set_stage(stage)
        following = _next(stage)
        self.next_button.setVisible(following is not None and following != "closed")
        if following is not None:
            self.next_button.setText(translate("CasePage", "进入下一阶段：{}").format(
                reference.label("case_stage", following)))
        closed = stage == "closed"
        self.closing_button.setVisible(not closed)
        self.goals.set_editable(not closed)
        self.closure_box.show_case(self.case)
        # Only when closing: the 结案 action opens it; a closed case shows what was recorded.
        self.closure_box.setVisible(closed)
        self.follow_up_box.setVisible(closed)
        if closed:
            self.follow_up_box.show_case(self.case, dt.date.today())

    def _reload(self) -> None:
        self.case = crud.get(Case, self.case.id)
        self.title_label.setText(self._title())
        self._show_stage()
        self.ctx.data_changed()

    # --- actions ------------------------------------------------------------------------

    def add_log(self) -> None:
        try:
            cases.add_case_log(self.case.id, self.quick.values(), self.ctx.actor)
        except ValidationError as exc:
            self.log_error.setText(str(exc))
            self.log_error.show()
            return
        except SwdeskError as exc:
            report(self, exc)
            return
        self.log_error.hide()
        self.quick.clear()
        self.logs.reload()
        self.ctx.data_changed()

    def next_stage(self) -> None:
        following = _next(self.case.stage)
        if following is None or following == "closed":
            return
        self._change(following)

    def close_case(self) -> None:
        """Close with every goal's attainment, the reason, satisfaction and follow-up."""
        closure = self.closure_box.closure()
        if self._attempt(lambda: case_closure.close_case(self.case.id, closure, self.ctx.actor),
                         self.closure_box.show_errors):
            self.goals.reload()
            self.closure_box.set_goals(self.goals.lines())
            self._reload()

    def record_follow_up(self) -> None:
        values = self.follow_up_box.values()
        if self._attempt(lambda: case_closure.record_follow_up(
                self.case.id, self.ctx.actor, followed_up_on=values["followed_up_on"],
                note=values["note"], way=values["way"]), self.follow_up_box.show_error):
            self.logs.reload()
            self._reload()

    def _attempt(self, action: Callable[[], object],
                 invalid: Callable[[ValidationError], None]) -> bool:
        """Run a core action: bad input shown where it was typed, other failures in a box."""
        try:
            action()
        except ValidationError as exc:
            invalid(exc)
            return False
        except SwdeskError as exc:
            report(self, exc)
            return False
        return True

    def _goals_changed(self) -> None:
        self.closure_box.set_goals(self.goals.lines())
        self.ctx.data_changed()

    def _change(self, stage: str) -> None:
        try:
            cases.change_stage(self.case.id, stage, self.ctx.actor)
        except SwdeskError as exc:
            report(self, exc)
            return
        self._reload()

    def confirm_leave(self) -> bool:
        return self.form.confirm_leave()

    def keep_draft(self) -> None:
        self.form.keep_draft()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.form.keyPressEvent(event)


def _next(stage: str) -> str | None:
    index = STAGES.index(stage) if stage in STAGES else -1
    return STAGES[index + 1] if 0 <= index < len(STAGES) - 1 else None


def case_detail(ctx: AppContext, case_id: int | None) -> QWidget:
    """The case page, or for a new case the plain form (then its page once saved)."""
    if case_id is not None:
        return CasePage(ctx, case_id)
    page = FormPage(Case, ctx)  # (starts from the core's defaults: intake, today, the worker)
    page.saved.connect(lambda row_id: ctx.open_row("case", row_id))
    return page
