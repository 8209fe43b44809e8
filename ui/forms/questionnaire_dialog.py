"""Fill in one questionnaire and save it: the case, group and activity pages open this.

The dialog is the generic ``QuestionnaireForm`` under a date, what it is used for and a
note; Ctrl+Enter (or 保存) saves through ``questionnaires.record``, which checks every
answer: what it refuses is framed on its row, and nothing is written.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from swdesk import reference
from swdesk.errors import ValidationError
from swdesk.services import questionnaires
from swdesk.services.actor import Actor
from ui.errors import report
from ui.forms.editors import FieldDateEdit
from ui.forms.questionnaire_form import QuestionnaireForm
from ui.widgets.screen_fit import fit_to_screen

translate = QCoreApplication.translate


class QuestionnaireDialog(QDialog):
    """Fill in questionnaire ``code`` about the given client, case, group or activity;
    ``saved_id`` holds the response's id once it was saved."""

    def __init__(self, actor: Actor, code: str, *, phase: str | None = None,
                 client_id: int | None = None, case_id: int | None = None,
                 work_group_id: int | None = None, activity_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.links = {"client_id": client_id, "case_id": case_id,
                      "work_group_id": work_group_id, "activity_id": activity_id}
        self.definition = questionnaires.definition(code)
        self.saved_id: int | None = None
        self.setWindowTitle(translate("QuestionnaireDialog", "填写：{}").format(
            self.definition.label))
        layout = QVBoxLayout(self)
        head = QFormLayout()
        self.date = FieldDateEdit(self)
        self.date.setObjectName("questionnaireDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        head.addRow(translate("QuestionnaireDialog", "填写日期"), self.date)
        self.phase = QComboBox(self)
        self.phase.setObjectName("questionnairePhase")
        for item in reference.items("questionnaire_phase"):
            self.phase.addItem(reference.text_of(item), item.code)
        wanted = phase or (self.definition.phases[0] if self.definition.phases else "other")
        self.phase.setCurrentIndex(max(0, self.phase.findData(wanted)))
        head.addRow(translate("QuestionnaireDialog", "用途"), self.phase)
        self.note = QLineEdit(self)
        self.note.setObjectName("questionnaireNote")
        head.addRow(translate("QuestionnaireDialog", "备注"), self.note)
        layout.addLayout(head)
        self.problem = QLabel(self)
        self.problem.setProperty("role", "fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.form = QuestionnaireForm(self.definition, self)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(self.form)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.form.summary)  # the total and band stay in sight, not scrolled
        hint = QLabel(translate("QuestionnaireDialog",
                                "数字键选择答案并转到下一题；↑↓ 换题，←→ 改选；Ctrl+Enter 保存"),
                      self)
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(translate("QuestionnaireDialog", "保存"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(translate("QuestionnaireDialog", "取消"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[union-attr]
        fit_to_screen(self, QSize(760, 900))
        self.form.first_row().setFocus(Qt.FocusReason.OtherFocusReason)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.form.isAncestorOf(new):
            row = new if new.objectName() == "questionItem" else new.parentWidget()
            if row is not None:
                self.scroller.ensureWidgetVisible(row, 0, 24)

    def save(self) -> None:
        date = self.date.date()
        try:
            row = questionnaires.record(
                self.actor, self.definition.code, str(self.phase.currentData()),
                self.form.answers(), date=dt.date(date.year(), date.month(), date.day()),
                worker_id=self.actor.worker_id, note=self.note.text().strip() or None,
                **self.links)
        except ValidationError as exc:
            items = {k: v for k, v in exc.errors.items() if k in self.form.rows}
            others = [v for k, v in exc.errors.items() if k not in self.form.rows]
            self.problem.setText("\n".join(others))
            self.problem.setVisible(bool(others))
            self.form.show_errors(items)
            return
        except Exception as exc:  # a full disk, a lock: said in words, the details logged
            report(self, exc)
            return
        self.saved_id = int(row.id)
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # (Enter never closes it half-filled; Ctrl+Enter saves)
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        QApplication.instance().focusChanged.disconnect(self._follow_focus)  # type: ignore[union-attr]
        super().done(result)
