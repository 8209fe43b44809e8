"""The goals of a case's service plan on the case page: a small table and one line to add
or edit a goal, all from the keyboard.

Type the goal, Tab to its measures and target date, Enter adds it. In the table, Enter
(or a double click) brings the chosen goal into the line to edit, Esc leaves it
unchanged; Delete deletes it; Ctrl+↑ and Ctrl+↓ move it up and down.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.errors import SwdeskError, ValidationError
from swdesk.model import CaseGoal, describe
from swdesk.services import case_goals
from swdesk.services.actor import Actor
from ui.errors import report
from ui.forms.editors import Editor, error_label
from ui.models.item_table import ItemTableModel
from ui.pages.client_page import ROW_HEIGHT
from ui.widgets import ask
from ui.widgets.row_table import RowTable

translate = QCoreApplication.translate


_KEYS = ("seq", "goal", "measures", "target_on", "attainment")


class GoalsModel(ItemTableModel):
    headings = _KEYS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The headings are the entity description's labels (already in the language).
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headings)):
            return describe(CaseGoal).field(_KEYS[section]).label
        return None

    def cell(self, item: case_goals.GoalLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 2):
            return item.goal if column == 1 else item.measures
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        first_line = item.measures.splitlines()[0] if item.measures else ""
        return (str(item.seq), item.goal, first_line,
                item.target_on.isoformat() if item.target_on else "",
                item.attainment_label)[column]


class GoalTable(RowTable):
    """The goals; Enter edits the current one, Delete deletes it, Ctrl+↑/↓ move it."""

    delete_requested = Signal()
    move_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, ctrl = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_Delete:
            self.delete_requested.emit()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        else:
            super().keyPressEvent(event)


class GoalsPanel(QWidget):
    """A case's goals: shown, added, edited, deleted, reordered through the core."""

    changed = Signal()

    def __init__(self, case_id: int, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.actor = actor
        self.editing: int | None = None  # the id of the goal in the line, None for a new one
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(translate("CaseGoals", "服务目标"), self)
        title.setProperty("role", "sectionTitle")
        layout.addWidget(title)

        self.model = GoalsModel(self)
        # Room for three goals, six at most: the case's fields scroll above.
        self.table = GoalTable(self, "goalsTable", self.model, wide=(1, 2), rows=(3, 6),
                               row_height=ROW_HEIGHT)
        self.table.row_entered.connect(self.start_edit)
        self.table.delete_requested.connect(self.delete_current)
        self.table.move_requested.connect(self.move_current)
        layout.addWidget(self.table)

        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        spec = describe(CaseGoal)
        self.goal = QLineEdit(self)
        self.goal.setObjectName("goalText")
        self.goal.setMaxLength(spec.field("goal").max_length or 200)
        self.goal.setPlaceholderText(translate("CaseGoals", "目标，回车添加"))
        self.measures = QLineEdit(self)
        self.measures.setObjectName("goalMeasures")
        self.measures.setPlaceholderText(translate("CaseGoals", "服务措施"))
        self.target = Editor(spec.field("target_on"), self)
        self.target.widget.setObjectName("goalTarget")
        self.target.widget.setToolTip(spec.field("target_on").label)
        self.add_button = QPushButton(translate("CaseGoals", "添加目标"), self)
        self.add_button.setObjectName("addGoal")
        self.add_button.clicked.connect(self.submit)
        for widget in (self.goal, self.measures):
            widget.returnPressed.connect(self.submit)
        line.addWidget(self.goal, 3)
        line.addWidget(self.measures, 3)
        line.addWidget(self.target.widget)
        line.addWidget(self.add_button)
        layout.addLayout(line)

        buttons = QHBoxLayout()
        self.up_button = QPushButton(translate("CaseGoals", "上移（Ctrl+↑）"), self)
        self.down_button = QPushButton(translate("CaseGoals", "下移（Ctrl+↓）"), self)
        self.delete_button = QPushButton(translate("CaseGoals", "删除目标"), self)
        self.delete_button.setObjectName("deleteGoal")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.delete_button.clicked.connect(self.delete_current)
        for button in (self.up_button, self.down_button, self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.error = error_label(self, "goalError")
        layout.addWidget(self.error)
        self.setTabOrder(self.goal, self.measures)
        self.setTabOrder(self.measures, self.target.widget)
        self.setTabOrder(self.target.widget, self.add_button)
        self.reload()

    # --- showing -----------------------------------------------------------------------

    def reload(self) -> None:
        self.model.set_items(case_goals.goal_lines(self.case_id))

    def lines(self) -> list[case_goals.GoalLine]:
        return list(self.model.items)

    def set_editable(self, editable: bool) -> None:
        """A closed case keeps its goals as they were closed."""
        for widget in (self.goal, self.measures, self.target.widget, self.add_button,
                       self.up_button, self.down_button, self.delete_button):
            widget.setVisible(editable)
        self._editable = editable

    def current(self) -> case_goals.GoalLine | None:
        item: case_goals.GoalLine | None = self.model.item_at(self.table.currentIndex().row())
        return item

    def _select(self, goal_id: int) -> None:
        for row, item in enumerate(self.model.items):
            if item.id == goal_id:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, 1))

    # --- actions -----------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {"goal": self.goal.text(), "measures": self.measures.text(),
                "target_on": self.target.value()}

    def submit(self) -> None:
        """Add the goal in the line, or save the one being edited."""
        try:
            if self.editing is None:
                case_goals.add_goal(self.case_id, self.values(), self.actor)
            else:
                case_goals.edit_goal(self.editing, self.values(), self.actor)
        except ValidationError as exc:
            self._show_error(exc)
            return
        except SwdeskError as exc:
            report(self, exc)
            return
        self._clear_line()
        self.reload()
        self.changed.emit()

    def start_edit(self) -> None:
        item = self.current()
        if item is None or not getattr(self, "_editable", True):
            return
        self.editing = item.id
        self.goal.setText(item.goal)
        self.measures.setText(item.measures)
        self.target.set_value(item.target_on)
        self.add_button.setText(translate("CaseGoals", "保存目标"))
        self.goal.setFocus()
        self.goal.selectAll()

    def delete_current(self) -> None:
        item = self.current()
        if item is None or not getattr(self, "_editable", True):
            return
        if not ask.confirm(self, translate("CaseGoals", "删除目标"),
                           translate("CaseGoals", "删除目标{}“{}”？").format(item.seq, item.goal),
                           translate("CaseGoals", "删除"), translate("CaseGoals", "不删除")):
            return
        self._run(lambda: case_goals.delete_goal(item.id, self.actor))

    def move_current(self, step: int) -> None:
        item = self.current()
        if item is None or not getattr(self, "_editable", True):
            return
        if self._run(lambda: case_goals.move_goal(item.id, step, self.actor)):
            self._select(item.id)

    def _run(self, action: Any) -> bool:
        try:
            action()
        except SwdeskError as exc:
            report(self, exc)
            return False
        self.reload()
        self.changed.emit()
        return True

    def _show_error(self, exc: ValidationError) -> None:
        self.error.setText(str(exc))
        self.error.show()
        self.goal.setFocus()

    def _clear_line(self) -> None:
        self.editing = None
        self.goal.clear()
        self.measures.clear()
        self.target.set_value(None)
        self.add_button.setText(translate("CaseGoals", "添加目标"))
        self.error.hide()
        self.goal.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.editing is not None:
            self._clear_line()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # the line's Enter adds a goal; it must not save the case form
        super().keyPressEvent(event)
