"""The structured assessment (预估量表) of a case on the case page: choose one of the
station's questionnaires (for an older client the ability assessment first), fill it in
on the questionnaire dialog, and see the case's assessments with their score and band;
Enter (or a double click) on one prints it with its answers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.errors import SwdeskError
from swdesk.handle import StationHandle
from swdesk.model import Case
from swdesk.services import cases
from swdesk.services.actor import Actor
from ui.errors import report
from ui.forms.questionnaire_dialog import QuestionnaireDialog
from ui.models.item_table import ItemTableModel
from ui.pages.client_page import ROW_HEIGHT
from ui.reports.print_actions import print_response
from ui.widgets.row_table import RowTable

translate = QCoreApplication.translate


class AssessmentsModel(ItemTableModel):
    context = "CaseAssessments"
    headings = ("填写日期", "问卷", "总分", "结果", "评估人")

    def cell(self, item: cases.AssessmentLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 3):
            return item.questionnaire if column == 1 else item.band
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (item.date.isoformat(), item.questionnaire,
                "" if item.score is None else str(item.score), item.band, item.worker)[column]


class AssessmentsPanel(QWidget):
    """A case's assessment questionnaires: filled in from here, listed, printed."""

    changed = Signal()

    def __init__(self, case: Case, actor: Actor, station: StationHandle,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_id = int(case.id)
        self.client_id = int(case.client_id)
        self.actor = actor
        self.station = station
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(translate("CaseAssessments", "预估量表"), self)
        title.setProperty("role", "sectionTitle")
        layout.addWidget(title)
        line = QHBoxLayout()
        self.choice = QComboBox(self)
        self.choice.setObjectName("assessmentQuestionnaire")
        # A long name (…（GB/T 42195-2022）) is cut in the box rather than widen the column.
        self.choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choice.setMinimumContentsLength(8)
        for defn in cases.assessment_questionnaires(self.case_id):
            self.choice.addItem(defn.label, defn.code)
        self.fill_button = QPushButton(translate("CaseAssessments", "填写预估量表…"), self)
        self.fill_button.setObjectName("fillAssessment")
        self.fill_button.setAutoDefault(False)
        self.fill_button.setEnabled(self.choice.count() > 0)
        self.fill_button.clicked.connect(self.fill_in)
        line.addWidget(self.choice, 1)
        line.addWidget(self.fill_button)
        layout.addLayout(line)

        self.model = AssessmentsModel(self)
        self.table = RowTable(self, "assessmentsTable", self.model, wide=(1, 3), rows=(1, 4),
                              row_height=ROW_HEIGHT)
        self.table.setToolTip(translate("CaseAssessments", "回车打印所选的一份"))
        self.table.row_entered.connect(self.open_current)
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        self.model.set_items(cases.assessments(self.case_id))

    def fill_in(self) -> None:
        """The chosen questionnaire about the case's client, as an assessment."""
        code = self.choice.currentData()
        if code is None:
            return
        try:
            dialog = QuestionnaireDialog(self.actor, str(code), phase="assessment",
                                         client_id=self.client_id, case_id=self.case_id,
                                         parent=self)
        except SwdeskError as exc:
            report(self, exc)
            return
        if dialog.exec() and dialog.saved_id is not None:
            self.reload()
            self.changed.emit()

    def open_current(self) -> None:
        item: cases.AssessmentLine | None = self.model.item_at(self.table.currentIndex().row())
        if item is not None:
            print_response(item.id, self.station, self)
