"""A community activity: its plan, the sign-in and record of the day, summary and survey.

Three tabs in the order the work is done (Ctrl+Tab moves between them): 活动方案 (the
plan form), 签到与记录 (named participants found by search and added with Enter, the
head count of the unnamed, what was done, volunteers and partners; Ctrl+Enter saves)
and 总结与满意度. Every change goes through ``swdesk.services.activities``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk import reference
from swdesk.errors import SwdeskError, ValidationError
from swdesk.model import CommunityActivity, SyncedModel
from swdesk.numbers import grouped
from swdesk.services import activities
from swdesk.services.activities import ActivityFile
from ui.attachments.strip import AttachmentStrip
from ui.errors import report
from ui.forms.editors import FieldDateEdit, SaveablePlainText
from ui.forms.entity_form import EntityForm
from ui.forms.questionnaire_dialog import QuestionnaireDialog
from ui.pages.form_page import back_button, page_header, scrolled
from ui.pages.record_page import PeopleTable, plain
from ui.reports.print_actions import print_activity
from ui.shell.context import AppContext
from ui.widgets import ask

translate = QCoreApplication.translate
# Kept by the sign-in and summary tabs, and the status by the actions: not plan fields.
NOT_PLAN = ("status", "unnamed_count", "summary", "surveyed", "satisfied")
# The print menu: the papers of swdesk.reports.activity_file.
PAPERS = (("plan", QT_TRANSLATE_NOOP("ActivityPage", "社区活动方案")),
          ("sign-in-blank", QT_TRANSLATE_NOOP("ActivityPage", "签到表（空白）")),
          ("sign-in", QT_TRANSLATE_NOOP("ActivityPage", "签到表（已签到）")),
          ("record", QT_TRANSLATE_NOOP("ActivityPage", "活动记录与总结")),
          ("file", QT_TRANSLATE_NOOP("ActivityPage", "全部档案")))


PANEL_WIDTH = 1000  # the sign-in and summary tabs: no wider than a form reads well
NUMBER_WIDTH = 160  # a count, a date


def _form() -> QFormLayout:
    """A form laid out as the entity forms are: labels right-aligned beside their fields."""
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class _Panel(QWidget):
    """A tab that saves on Enter from a one-line field and Ctrl+Enter from a text box, and
    says under its fields what the core refused."""

    save_requested = Signal()

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMaximumWidth(PANEL_WIDTH)
        self.error = QLabel(self)
        self.error.setObjectName(f"{name}Error")
        self.error.setProperty("role", "fieldError")
        self.error.setWordWrap(True)
        self.error.hide()

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(message is not None)

    def add_attachments(self, strip: AttachmentStrip) -> None:
        """The activity's photos and scans above what the tab's save refused (else at its
        foot, before the stretch)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        at = layout.indexOf(self.error)
        layout.insertWidget(at if at >= 0 else layout.count() - 1, strip)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            from_text = isinstance(QApplication.focusWidget(), QPlainTextEdit | QTextEdit)
            if not from_text or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save_requested.emit()
            return
        super().keyPressEvent(event)


class SignInPanel(_Panel):
    """签到与记录: who came (named, and how many more), when, what was done, who helped."""

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "signIn")
        layout = QVBoxLayout(self)
        self.participants = PeopleTable(translate("ActivityPage", "签到（具名参与者）"),
                                        "client", [], self)
        self.participants.table.setMinimumHeight(200)  # a dozen names in sight
        layout.addWidget(self.participants)
        form = _form()
        self.unnamed = QSpinBox(self)
        self.unnamed.setObjectName("unnamedCount")
        self.unnamed.setRange(0, 100_000)
        self.unnamed.setSuffix(translate("ActivityPage", " 人"))
        self.unnamed.setMaximumWidth(NUMBER_WIDTH)
        self.turnout = QLabel(self)
        self.turnout.setObjectName("turnout")
        count_row = QHBoxLayout()
        count_row.addWidget(self.unnamed)
        count_row.addWidget(self.turnout, 1)
        form.addRow(translate("ActivityPage", "未登记姓名人数"), count_row)
        self.held_on = FieldDateEdit(QDate.currentDate(), self)
        self.held_on.setObjectName("heldOn")
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.held_on.setMaximumDate(QDate.currentDate())
        self.held_on.setMaximumWidth(NUMBER_WIDTH)
        form.addRow(translate("ActivityPage", "开展日期"), self.held_on)
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("durationMin")
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSpecialValueText(translate("ActivityPage", "未填"))
        self.minutes.setSuffix(translate("ActivityPage", " 分钟"))
        self.minutes.setMaximumWidth(NUMBER_WIDTH)
        form.addRow(translate("ActivityPage", "活动时长"), self.minutes)
        self.content = SaveablePlainText(self)
        self.content.setObjectName("recordContent")
        self.content.setFixedHeight(90)
        self.content.setPlaceholderText(
            translate("ActivityPage", "活动过程：做了什么、参与者的反应"))
        form.addRow(translate("ActivityPage", "活动记录"), self.content)
        layout.addLayout(form)
        self.volunteers = PeopleTable(translate("RecordPage", "志愿者及服务时长"), "volunteer",
                                      [translate("RecordPage", "小时")], self)
        self.partners = PeopleTable(translate("RecordPage", "联动资源及贡献"), "partner",
                                    [translate("RecordPage", "贡献内容"),
                                     translate("RecordPage", "折合金额（元）")], self)
        layout.addWidget(self.volunteers)
        layout.addWidget(self.partners)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(translate("ActivityPage", "保存签到与记录（Ctrl+Enter）"),
                                       self)
        self.save_button.setObjectName("saveSignIn")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save_requested)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.content.save_requested.connect(self.save_requested)
        for table in (self.participants, self.volunteers, self.partners):
            table.changed.connect(self._changed)
        self.unnamed.valueChanged.connect(self._changed)
        self.content.textChanged.connect(self.changed)
        self.held_on.dateChanged.connect(self.changed)
        self._show_turnout()

    def _changed(self) -> None:
        self._show_turnout()
        self.changed.emit()

    def _show_turnout(self) -> None:
        named = len(self.participants.ids)
        self.turnout.setText(translate("ActivityPage", "具名 {} 人，合计 {} 人").format(
            grouped(named), grouped(named + self.unnamed.value())))

    def load(self, file: ActivityFile) -> None:
        activity = file.activity
        self.held_on.setDate(_qdate(min(activity.planned_on, dt.date.today())))
        self.unnamed.setValue(int(activity.unnamed_count or 0))
        for table in (self.participants, self.volunteers, self.partners):
            for row_id in list(table.ids):
                table.remove(row_id)
        for person in file.sign_ins:
            self.participants.add(person.id, person.name, [])
        if file.record is not None:
            record = file.record.record
            self.content.setPlainText(record.content or "")
            self.minutes.setValue(int(record.duration_min or 0))
            for line in file.record.volunteers:
                self.volunteers.add(line.id, line.title, [plain(line.hours)])
            for share in file.record.partners:
                self.partners.add(share.id, share.title, [
                    share.contribution, plain(share.value) if share.value is not None else ""])
        self._show_turnout()

    def values(self) -> dict[str, Any]:
        return {
            "participants": list(self.participants.ids),
            "unnamed_count": self.unnamed.value(),
            "held_on": self.held_on.date().toString("yyyy-MM-dd"),
            "duration_min": self.minutes.value() or None,
            "content": self.content.toPlainText().strip(),
            "volunteers": [(vid, extras[0]) for vid, extras in self.volunteers.rows()],
            "partners": [(pid, extras[0], extras[1] or None)
                         for pid, extras in self.partners.rows()],
        }


class SummaryPanel(_Panel):
    """总结与满意度: the summary and the paper survey tallied, with the questionnaires."""

    changed = Signal()
    survey_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "summary")
        outer = QVBoxLayout(self)
        form = _form()
        outer.addLayout(form)
        self.summary = SaveablePlainText(self)
        self.summary.setObjectName("activitySummary")
        self.summary.setFixedHeight(140)
        self.summary.setPlaceholderText(translate(
            "ActivityPage", "目标达成情况、参与者反馈、经验与改进"))
        form.addRow(translate("ActivityPage", "活动总结"), self.summary)
        self.surveyed = QSpinBox(self)
        self.surveyed.setObjectName("surveyed")
        self.surveyed.setRange(0, 100_000)
        self.surveyed.setSuffix(translate("ActivityPage", " 份"))
        self.surveyed.setMaximumWidth(NUMBER_WIDTH)
        form.addRow(translate("ActivityPage", "收回纸质问卷"), self.surveyed)
        self.satisfied = QSpinBox(self)
        self.satisfied.setObjectName("satisfied")
        self.satisfied.setRange(0, 100_000)
        self.satisfied.setSuffix(translate("ActivityPage", " 份"))
        self.satisfied.setMaximumWidth(NUMBER_WIDTH)
        form.addRow(translate("ActivityPage", "其中满意"), self.satisfied)
        self.result = QLabel(self)
        self.result.setObjectName("satisfactionResult")
        self.result.setWordWrap(True)
        form.addRow(translate("ActivityPage", "满意度"), self.result)
        # One participant's survey filled in on the questionnaire form (anonymous allowed).
        self.survey_button = QPushButton(translate("ActivityPage", "录入一份满意度问卷…"), self)
        self.survey_button.setObjectName("fillSurvey")
        self.survey_button.setAutoDefault(False)
        self.survey_button.clicked.connect(self.survey_requested)
        surveys = QHBoxLayout()
        surveys.addWidget(self.survey_button)
        surveys.addStretch(1)
        form.addRow("", surveys)
        form.addRow("", self.error)
        self.save_button = QPushButton(translate("ActivityPage", "保存总结与满意度（Ctrl+Enter）"),
                                       self)
        self.save_button.setObjectName("saveSummary")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        outer.addStretch(1)
        self.summary.save_requested.connect(self.save_requested)
        self.summary.textChanged.connect(self.changed)
        self.surveyed.valueChanged.connect(self.changed)
        self.satisfied.valueChanged.connect(self.changed)

    def load(self, file: ActivityFile) -> None:
        activity = file.activity
        self.summary.setPlainText(activity.summary or "")
        self.surveyed.setValue(int(activity.surveyed or 0))
        self.satisfied.setValue(int(activity.satisfied or 0))
        self.show_result(file.satisfaction)

    def show_result(self, result: activities.Satisfaction) -> None:
        """The survey's result: what the paper tally and the questionnaires give."""
        rate = (translate("ActivityPage", "满意率 {}%").format(result.rate)
                if result.rate is not None else translate("ActivityPage", "尚无调查"))
        self.result.setText(translate(
            "ActivityPage", "{}（纸质问卷 {}/{} 份，系统问卷 {}/{} 份）").format(
            rate, result.paper_satisfied, result.paper_surveyed, result.forms_satisfied,
            result.forms))

class ActivityPage(QWidget):
    """One community activity; a new one shows only its plan until saved."""

    closed = Signal()

    def __init__(self, ctx: AppContext, activity_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("activityPage")
        self.file = activities.activity_file(activity_id) if activity_id is not None else None
        row = self.file.activity if self.file is not None else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header, self.title_label = page_header(self, "")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("activityStatus")
        self.status_label.setProperty("role", "muted")
        header.insertWidget(1, self.status_label)
        self.print_button = QPushButton(translate("ActivityPage", "打印"), self)
        self.print_button.setObjectName("printButton")
        menu = QMenu(self.print_button)
        for paper, words in PAPERS:
            action = menu.addAction(translate("ActivityPage", str(words)))
            action.setObjectName(f"print_{paper}")
            action.triggered.connect(lambda _=False, p=paper: self.print_paper(p))
        self.print_button.setMenu(menu)
        self.back_button = back_button(self, self.leave)
        self.save_button = QPushButton(translate("ActivityPage", "保存方案（Enter）"), self)
        self.save_button.setObjectName("savePlan")
        self.save_button.setProperty("role", "primary")
        header.addWidget(self.print_button)
        header.addWidget(self.back_button)
        header.addWidget(self.save_button)
        layout.addLayout(header)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("activityTabs")
        plan = QWidget()
        plan_layout = QVBoxLayout(plan)
        self.form = EntityForm(CommunityActivity, ctx.actor, ctx.data_dir, row, hidden=NOT_PLAN,
                               parent=plan)
        self.form.saver = self._save_plan
        self.form.setMaximumWidth(900)
        plan_layout.addWidget(self.form)
        actions = QHBoxLayout()
        self.cancel_button = QPushButton(translate("ActivityPage", "取消活动"), plan)
        self.cancel_button.setObjectName("cancelActivity")
        self.cancel_button.clicked.connect(self.cancel_activity)
        self.reopen_button = QPushButton(translate("ActivityPage", "恢复筹备"), plan)
        self.reopen_button.setObjectName("reopenActivity")
        self.reopen_button.clicked.connect(self.reopen_activity)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.reopen_button)
        actions.addStretch(1)
        plan_layout.addLayout(actions)
        plan_layout.addStretch(1)
        self.tabs.addTab(scrolled(plan), translate("ActivityPage", "活动方案"))
        self.sign_in = SignInPanel(self)
        self.sign_in.save_requested.connect(self.save_sign_in)
        self.sign_in.changed.connect(lambda: self._set_dirty("sign_in"))
        self.tabs.addTab(scrolled(self.sign_in), translate("ActivityPage", "签到与记录"))
        self.summary = SummaryPanel(self)
        self.summary.save_requested.connect(self.save_summary)
        self.summary.survey_requested.connect(self.fill_survey)
        self.summary.changed.connect(lambda: self._set_dirty("summary"))
        self.tabs.addTab(scrolled(self.summary), translate("ActivityPage", "总结与满意度"))
        # The activity's photos, the scanned sign-in sheet: on the day's tab and beside
        # the summary (one set of attachments, shown twice).
        activity_id = int(row.id) if row is not None else None
        self.sign_in_attachments = AttachmentStrip(
            ctx, "activity", activity_id, self.sign_in,
            title=translate("AttachmentStrip", "活动照片与签到表扫描件"))
        self.sign_in.add_attachments(self.sign_in_attachments)
        self.summary_attachments = AttachmentStrip(
            ctx, "activity", activity_id, self.summary,
            title=translate("AttachmentStrip", "活动照片与签到表扫描件"))
        self.summary.add_attachments(self.summary_attachments)
        self.sign_in_attachments.changed.connect(self.summary_attachments.reload)
        self.summary_attachments.changed.connect(self.sign_in_attachments.reload)
        self.tabs.currentChanged.connect(self._tab_shown)
        layout.addWidget(self.tabs, 1)
        self._dirty: set[str] = set()
        self.save_button.clicked.connect(self.form.save)
        self.form.saved.connect(self._plan_saved)
        self.form.cancelled.connect(self.closed)
        self._show()

    # --- showing ------------------------------------------------------------------------

    def _show(self) -> None:
        file = self.file
        if file is None:
            self.title_label.setText(translate("ActivityPage", "新建社区活动"))
            self.status_label.setText("")
        else:
            activity = file.activity
            self.title_label.setText(translate("ActivityPage", "社区活动 {} · {}").format(
                activity.activity_no, activity.title))
            self.status_label.setText(reference.label("activity_status", activity.status))
            self.sign_in.load(file)
            self.summary.load(file)
        status = file.activity.status if file is not None else ""
        self.print_button.setVisible(file is not None)
        self.cancel_button.setVisible(status == "planned")
        self.reopen_button.setVisible(status == "cancelled")
        self.tabs.setTabEnabled(1, status in ("planned", "held"))
        self.tabs.setTabEnabled(2, status == "held")
        self._dirty = set()

    def _reload(self) -> None:
        assert self.file is not None
        self.file = activities.activity_file(int(self.file.activity.id))
        if self.form.is_dirty():  # (what is typed in the plan stays, to be saved)
            self.form.row = self.file.activity
        else:  # the sign-in may have moved the date to the day it was held
            self.form.show_saved(self.file.activity)
        self._show()
        self.ctx.data_changed()

    def _tab_shown(self, index: int) -> None:
        self.save_button.setVisible(index == 0)
        first = {0: self.form.first_field(), 1: self.sign_in.participants.picker,
                 2: self.summary.summary}.get(index)
        if first is not None:
            first.setFocus()

    def _set_dirty(self, part: str) -> None:
        self._dirty.add(part)

    # --- actions ------------------------------------------------------------------------

    def _save_plan(self, values: dict[str, Any]) -> SyncedModel:
        row = self.file.activity if self.file is not None else None
        return activities.save_plan(values, self.ctx.actor,
                                    int(row.id) if row is not None else None,
                                    base_version=row.version if row is not None else None)

    def _plan_saved(self, activity_id: int) -> None:
        if self.file is None:  # a new activity: now its whole page
            self.form.stop_drafts()
            self.ctx.data_changed()
            self.closed.emit()
            self.ctx.open_row("community_activity", activity_id)
            return
        self._reload()

    def save_sign_in(self) -> None:
        if self.file is None:
            return
        values = self.sign_in.values()
        try:
            activities.hold(self.ctx.actor, int(self.file.activity.id), **values)
        except ValidationError as exc:
            self.sign_in.show_error(str(exc))
            return
        except SwdeskError as exc:
            report(self, exc)
            return
        self.sign_in.show_error(None)
        self._reload()
        self.tabs.setCurrentIndex(2)  # next: the summary and the survey

    def save_summary(self) -> None:
        if self.file is None:
            return
        activity_id = int(self.file.activity.id)
        try:
            activities.conclude(
                self.ctx.actor, activity_id, self.summary.summary.toPlainText().strip(),
                self.summary.surveyed.value() or None,
                self.summary.satisfied.value() or None)
        except ValidationError as exc:
            self.summary.show_error(str(exc))
            return
        except SwdeskError as exc:
            report(self, exc)
            return
        self.summary.show_error(None)
        self._reload()

    def fill_survey(self) -> None:
        """One satisfaction survey on the questionnaire form; only the result is shown
        again, so a summary being typed stays as it is."""
        if self.file is None:
            return
        try:
            dialog = QuestionnaireDialog(
                self.ctx.actor, activities.SURVEY_QUESTIONNAIRE, phase="satisfaction",
                activity_id=int(self.file.activity.id), parent=self)
        except SwdeskError as exc:
            report(self, exc)
            return
        if dialog.exec() and dialog.saved_id is not None:
            self.file.satisfaction = activities.satisfaction(self.file.activity)
            self.summary.show_result(self.file.satisfaction)
            self.ctx.data_changed()

    def cancel_activity(self) -> None:
        self._status_action(activities.cancel)

    def reopen_activity(self) -> None:
        self._status_action(activities.reopen)

    def _status_action(self, action: Any) -> None:
        if self.file is None:
            return
        try:
            action(self.ctx.actor, int(self.file.activity.id))
        except SwdeskError as exc:
            report(self, exc)
            return
        self._reload()

    def print_paper(self, paper: str) -> None:
        if self.file is not None:
            print_activity(int(self.file.activity.id), paper, self.ctx.handle(), self)

    # --- leaving ------------------------------------------------------------------------

    def leave(self) -> None:
        if self.confirm_leave():
            self.form.stop_drafts()
            self.closed.emit()

    def confirm_leave(self) -> bool:
        if not self.form.confirm_leave():
            return False
        if not self._dirty:
            return True
        if ask.confirm(self, translate("ActivityPage", "尚未保存"),
                       translate("ActivityPage", "签到、记录或总结还没有保存。仍要离开吗？"),
                       translate("ActivityPage", "离开"), translate("ActivityPage", "继续填写"),
                       name="unsavedActivityBox"):
            self._dirty = set()
            return True
        return False

    def keep_draft(self) -> None:
        self.form.keep_draft()

    def focus_first(self) -> None:
        first = self.form.first_field()
        if first is not None:
            first.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.tabs.currentIndex() == 0:
            self.form.keyPressEvent(event)  # Enter saves the plan
            return
        super().keyPressEvent(event)
