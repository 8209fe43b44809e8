"""The case page's closure and follow-up boxes.

Closing asks, in one box, for the closing date, each goal's attainment, the reason, the
client's satisfaction, the follow-up date (a month after closing unless changed) and the
summary; Ctrl+Enter in the summary closes. A closed case shows what was recorded, and the
follow-up box says when the visit is due or was made, and records it.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from swdesk import reference
from swdesk.errors import ValidationError
from swdesk.model import Case, CaseGoal, describe
from swdesk.services import case_closure
from swdesk.services.case_goals import GoalLine
from ui.forms.editors import Editor, FieldDateEdit, SaveablePlainText, error_label

translate = QCoreApplication.translate


def _date_edit(parent: QWidget, name: str, latest: dt.date | None = None) -> FieldDateEdit:
    edit = FieldDateEdit(QDate.currentDate(), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if latest is not None:
        edit.setMaximumDate(QDate(latest.year, latest.month, latest.day))
    return edit


def _iso(edit: QDateEdit) -> str:
    return str(edit.date().toString("yyyy-MM-dd"))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ClosureBox(QGroupBox):
    """结案: what closing asks for; ``close_requested`` when the worker closes."""

    close_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("CaseClosure", "结案"), parent)
        self.form = QFormLayout(self)
        case = describe(Case)
        self.closed_on = _date_edit(self, "closedOn", dt.date.today())
        self.form.addRow(case.field("closed_on").label, self.closed_on)
        self.goals_row = QWidget(self)
        self.goals_form = QFormLayout(self.goals_row)
        self.goals_form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(translate("CaseClosure", "目标达成情况"), self.goals_row)
        self.attainments: dict[int, QComboBox] = {}
        self.notes: dict[int, QLineEdit] = {}
        self.reason = Editor(case.field("closure_reason"), self)
        self.satisfaction = Editor(case.field("satisfaction"), self)
        self.form.addRow(case.field("closure_reason").label, self.reason.widget)
        self.form.addRow(case.field("satisfaction").label, self.satisfaction.widget)
        self.follow_up_on = _date_edit(self, "followUpOn")
        self.form.addRow(case.field("follow_up_on").label, self.follow_up_on)
        self.summary = SaveablePlainText(self)
        self.summary.setObjectName("closureSummary")
        self.form.addRow(case.field("closure_summary").label, self.summary)
        self.error = error_label(self, "closureError")
        self.form.addRow("", self.error)
        self.close_button = QPushButton(translate("CaseClosure", "结案（Ctrl+Enter）"), self)
        self.close_button.setObjectName("closeCase")
        self.close_button.setProperty("role", "primary")
        self.cancel_button = QPushButton(translate("CaseClosure", "暂不结案"), self)
        self.cancel_button.setObjectName("cancelClosing")
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.form.addRow("", buttons)
        self.close_button.clicked.connect(self.close_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.summary.save_requested.connect(self.close_requested)
        self._follow_up_typed = False
        self.closed_on.dateChanged.connect(self._closing_date_changed)
        self.follow_up_on.dateChanged.connect(self._follow_up_changed)
        self._closing_date_changed()

    # --- the follow-up date follows the closing date until the worker sets it ---------

    def _closing_date_changed(self) -> None:
        if self._follow_up_typed:
            return
        closed = self.closed_on.date().toPython()
        assert isinstance(closed, dt.date)
        self.follow_up_on.blockSignals(True)
        self.follow_up_on.setDate(_qdate(case_closure.default_follow_up(closed)))
        self.follow_up_on.blockSignals(False)

    def _follow_up_changed(self) -> None:
        self._follow_up_typed = True

    # --- goals ---------------------------------------------------------------------------

    def set_goals(self, lines: list[GoalLine]) -> None:
        """Per goal, in the goals' order, its attainment and a note on how it was reached
        (what was chosen or typed kept)."""
        chosen = {goal_id: combo.currentData() for goal_id, combo in self.attainments.items()}
        typed = {goal_id: note.text() for goal_id, note in self.notes.items()}
        while self.goals_form.rowCount():
            self.goals_form.removeRow(0)
        self.attainments, self.notes = {}, {}
        spec = describe(CaseGoal).field("attainment")
        note_spec = describe(CaseGoal).field("attainment_note")
        for line in lines:
            combo = QComboBox(self.goals_row)
            combo.setObjectName(f"attainment_{line.seq}")
            combo.setAccessibleName(f"{spec.label} {line.seq}")
            combo.addItem("", None)
            for item in reference.items(spec.ref_list or ""):
                combo.addItem(reference.text_of(item), item.code)
            code = chosen.get(line.id) or line.attainment
            combo.setCurrentIndex(max(combo.findData(code), 0) if code else 0)
            note = QLineEdit(typed.get(line.id, line.attainment_note), self.goals_row)
            note.setObjectName(f"attainmentNote_{line.seq}")
            note.setPlaceholderText(note_spec.label)
            note.setAccessibleName(f"{note_spec.label} {line.seq}")
            cell = QHBoxLayout()
            cell.addWidget(combo, 1)
            cell.addWidget(note, 2)
            label = QLabel(f"{line.seq}. {line.goal}", self.goals_row)
            label.setWordWrap(True)
            label.setBuddy(combo)
            self.goals_form.addRow(label, cell)
            self.attainments[line.id] = combo
            self.notes[line.id] = note
        if not lines:
            self.goals_form.addRow(QLabel(translate("CaseClosure", "（服务计划未列目标）"),
                                          self.goals_row))
        self._chain_tabs()

    def _chain_tabs(self) -> None:
        goals: list[QWidget] = []
        for goal_id, combo in self.attainments.items():
            goals += [combo, self.notes[goal_id]]
        chain: list[QWidget] = [self.closed_on, *goals, self.reason.widget,
                                self.satisfaction.widget, self.follow_up_on, self.summary,
                                self.close_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def first_question(self) -> QWidget:
        """Where closing starts: the first goal's attainment (the closing date is mostly
        today), or the reason where the plan lists no goal."""
        return next(iter(self.attainments.values()), self.reason.widget)

    # --- reading and showing --------------------------------------------------------------

    def closure(self) -> case_closure.Closure:
        return case_closure.Closure(
            closed_on=_iso(self.closed_on), reason=self.reason.value(),
            satisfaction=self.satisfaction.value(), summary=self.summary.toPlainText(),
            attainments={goal_id: combo.currentData()
                         for goal_id, combo in self.attainments.items()},
            notes={goal_id: note.text() for goal_id, note in self.notes.items()},
            follow_up_on=_iso(self.follow_up_on))

    def show_errors(self, exc: ValidationError) -> None:
        self.error.setText("\n".join(exc.errors.values()))
        self.error.show()
        first = next(iter(exc.errors), "")
        widget: Any = {"closed_on": self.closed_on, "closure_reason": self.reason.widget,
                       "satisfaction": self.satisfaction.widget,
                       "follow_up_on": self.follow_up_on,
                       "closure_summary": self.summary}.get(first)
        for goal_id, combo in self.attainments.items():
            if first == case_closure.goal_key(goal_id):
                widget = combo
        if widget is not None:
            widget.setFocus()

    def show_case(self, case: Case) -> None:
        """What was recorded; read-only once the case is closed."""
        closed = case.stage == "closed"
        if case.closed_on:
            self.closed_on.setDate(_qdate(case.closed_on))
        if case.follow_up_on:
            self.follow_up_on.setDate(_qdate(case.follow_up_on))
            self._follow_up_typed = True
        if case.closure_summary:
            self.summary.setPlainText(case.closure_summary)
        self.reason.set_value(case.closure_reason)
        self.satisfaction.set_value(case.satisfaction)
        for widget in (self.closed_on, self.reason.widget, self.satisfaction.widget,
                       self.follow_up_on, *self.attainments.values(), *self.notes.values()):
            widget.setEnabled(not closed)
        self.summary.setReadOnly(closed)
        self.follow_up_on.setVisible(not closed or case.follow_up_on is not None)
        self.close_button.setVisible(not closed)
        self.close_button.setEnabled(not closed)
        self.cancel_button.setVisible(not closed)
        self.error.hide()


class FollowUpBox(QGroupBox):
    """回访: when it is due or was made; recording it (date, way, what was found)."""

    record_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("CaseClosure", "回访"), parent)
        form = QFormLayout(self)
        case = describe(Case)
        self.state = QLabel(self)
        self.state.setObjectName("followUpState")
        self.state.setWordWrap(True)
        form.addRow(self.state)
        self.inputs = QWidget(self)
        inputs = QFormLayout(self.inputs)
        inputs.setContentsMargins(0, 0, 0, 0)
        self.done_on = _date_edit(self.inputs, "followedUpOn", dt.date.today())
        self.way = QComboBox(self.inputs)
        self.way.setObjectName("followUpWay")
        self.way.addItem(translate("CaseClosure", "（不写入个案记录）"), None)
        for item in reference.items("contact_way"):
            self.way.addItem(reference.text_of(item), item.code)
        self.note = SaveablePlainText(self.inputs)
        self.note.setObjectName("followUpNote")
        self.record_button = QPushButton(translate("CaseClosure", "记录回访（Ctrl+Enter）"),
                                         self.inputs)
        self.record_button.setObjectName("recordFollowUp")
        inputs.addRow(case.field("followed_up_on").label, self.done_on)
        inputs.addRow(translate("CaseClosure", "回访方式"), self.way)
        inputs.addRow(case.field("follow_up_note").label, self.note)
        self.error = error_label(self.inputs, "followUpError")
        inputs.addRow("", self.error)
        inputs.addRow("", self.record_button)
        form.addRow(self.inputs)
        self.record_button.clicked.connect(self.record_requested)
        self.note.save_requested.connect(self.record_requested)

    def values(self) -> dict[str, Any]:
        return {"followed_up_on": _iso(self.done_on), "note": self.note.toPlainText(),
                "way": self.way.currentData()}

    def show_case(self, case: Case, today: dt.date) -> None:
        state = case_closure.follow_up(case, today)
        words = state.words(today)
        if state.state == "done" and case.follow_up_note:
            words += "\n" + str(case.follow_up_note)
        self.state.setText(words)
        self.state.setProperty("state", state.state)
        self.inputs.setVisible(state.state in ("due", "overdue"))
        self.error.hide()

    def show_error(self, exc: ValidationError) -> None:
        self.error.setText(str(exc))
        self.error.show()
