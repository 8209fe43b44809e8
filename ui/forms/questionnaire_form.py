"""Any questionnaire filled in from the keyboard: one row per item, the score shown live.

``QuestionnaireForm(definition)`` knows nothing of any one questionnaire: it lays out the
definition's parts and items (``swdesk.questionnaire_defs``). In a row the number keys
choose an answer (1 the first … 9, 0 the tenth) and go on to the next row; ← and → move
the choice; ↑ and ↓ (or Tab) go from row to row. Each part's subtotal, the total and the
band are worked out by the core's ``questionnaires.tally`` as answers change.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.questionnaire_defs import Definition, Item
from swdesk.services.questionnaires import Scored, tally

translate = QCoreApplication.translate

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): (n - 1) % 10 for n in range(10)}  # 1…9 then 0


def _repolish(widget: QWidget) -> None:
    for styled in (widget, *widget.findChildren(QWidget)):
        styled.style().unpolish(styled)
        styled.style().polish(styled)


class ItemRow(QFrame):
    """One item: its number and wording, then its answers (or a line of text)."""

    changed = Signal()
    answered = Signal()  # chosen by a number key: the form goes on to the next row

    def __init__(self, number: int, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("questionItem")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        title = QLabel(f"{number}. {item.label}", self)
        title.setWordWrap(True)
        layout.addWidget(title)
        if item.note:
            note = QLabel(item.note, self)
            note.setWordWrap(True)
            note.setProperty("role", "muted")
            layout.addWidget(note)
        self.error = QLabel(self)
        self.error.setProperty("role", "fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.text: QLineEdit | None = None
        self.buttons: list[QRadioButton] = []
        self.group = QButtonGroup(self)
        if item.kind == "text":
            self.text = QLineEdit(self)
            self.text.setObjectName(f"answer_{item.code}")
            self.text.textChanged.connect(self.changed)
            layout.addWidget(self.text)
            self.setFocusProxy(self.text)
        else:
            grid = QGridLayout()
            grid.setHorizontalSpacing(12)
            longest = max(len(o.label) for o in item.options)
            columns = 1 if longest > 12 else 2 if longest > 6 else len(item.options)
            for n, option in enumerate(item.options):
                # The key's digit on the button; the words beside it wrap (a button's
                # text cannot), so a long answer never widens the form past its window.
                button = QRadioButton(str((n + 1) % 10), self)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row takes the keys
                words = QLabel(translate("QuestionnaireForm", "{}（{}分）").format(
                    option.label, option.score) if item.scored else option.label, self)
                words.setWordWrap(columns < 3)  # (short answers in one line stay whole)
                words.setBuddy(button)
                self.group.addButton(button, n)
                self.buttons.append(button)
                grid.addWidget(button, n // columns, 2 * (n % columns))
                grid.addWidget(words, n // columns, 2 * (n % columns) + 1)
            for column in range(columns if columns < 3 else 0):
                grid.setColumnStretch(2 * column + 1, 1)
            grid.setColumnStretch(2 * columns, 1 if columns >= 3 else 0)
            self.group.idToggled.connect(self._toggled)
            layout.addLayout(grid)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.error)

    def _toggled(self, _id: int, on: bool) -> None:
        if on:  # (the answer given up toggles off too: one signal per change)
            self.changed.emit()

    def value(self) -> str:
        if self.text is not None:
            return self.text.text().strip()
        chosen = self.group.checkedId()
        return self.item.options[chosen].code if chosen >= 0 else ""

    def set_value(self, code: str) -> None:
        if self.text is not None:
            self.text.setText(code)
            return
        for n, option in enumerate(self.item.options):
            if option.code == code:
                self.buttons[n].setChecked(True)
                return
        self.group.setExclusive(False)  # (an exclusive group cannot be emptied)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(True)
        self.changed.emit()

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.buttons):
            self.buttons[index].setChecked(True)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(message is not None)
        self.setProperty("fieldError", message is not None)  # the style sheet's red frame
        _repolish(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.text is None and key in _DIGITS and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            if _DIGITS[key] < len(self.buttons):
                self.choose(_DIGITS[key])
                self.answered.emit()
            return
        if self.text is None and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            current = self.group.checkedId()
            start = (0 if step > 0 else len(self.buttons) - 1) if current < 0 else current + step
            self.choose(max(0, min(start, len(self.buttons) - 1)))
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.focusNextPrevChild(key == Qt.Key.Key_Down)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.setProperty("current", True)  # the style sheet marks the row being answered
        _repolish(self)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.setProperty("current", False)
        _repolish(self)


class QuestionnaireForm(QWidget):
    """The definition's items to fill in; ``answers()``, ``set_answers()``, ``scored()``."""

    changed = Signal()

    def __init__(self, definition: Definition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        self.rows: dict[str, ItemRow] = {}
        self.part_totals: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        number = 0
        for part in definition.parts:
            header = QHBoxLayout()
            title = QLabel(part.label, self)
            title.setProperty("role", "sectionTitle")
            header.addWidget(title)
            header.addStretch(1)
            if part.scored:
                subtotal = QLabel(self)
                subtotal.setObjectName(f"subtotal_{part.code}")
                header.addWidget(subtotal)
                self.part_totals[part.code] = subtotal
            layout.addLayout(header)
            for item in part.items:
                number += 1
                row = ItemRow(number, item, self)
                row.changed.connect(self._changed)
                row.answered.connect(lambda r=row: self._next_after(r))
                self.rows[item.code] = row
                layout.addWidget(row)
        self.summary = QLabel(self)
        self.summary.setObjectName("questionnaireSummary")
        self.summary.setProperty("role", "sectionTitle")
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self._changed()

    def answers(self) -> dict[str, str]:
        """Item code -> answer code (or text) of every item answered."""
        return {code: value for code, row in self.rows.items() if (value := row.value())}

    def set_answers(self, answers: Mapping[str, str]) -> None:
        for code, row in self.rows.items():
            row.set_value(str(answers.get(code) or ""))
        self._changed()

    def scored(self) -> Scored:
        return tally(self.definition, self.answers())

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Frame the rows the core refused, each with its message; the first gets focus."""
        first: ItemRow | None = None
        for code, row in self.rows.items():
            row.set_error(errors.get(code))
            if code in errors and first is None:
                first = row
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def first_row(self) -> ItemRow:
        return next(iter(self.rows.values()))

    def _next_after(self, row: ItemRow) -> None:
        rows = list(self.rows.values())
        index = rows.index(row)
        if index + 1 < len(rows):
            rows[index + 1].setFocus(Qt.FocusReason.TabFocusReason)

    def _changed(self) -> None:
        scored = self.scored()
        for part in scored.parts:
            label = self.part_totals.get(part.code)
            if label is not None:
                label.setText(translate("QuestionnaireForm", "小计 {} / {}").format(
                    part.score, part.max_score))
        for row in self.rows.values():
            if row.property("fieldError") and row.value():
                row.set_error(None)  # answered: the complaint goes
        self.summary.setText(self._summary(scored))
        self.changed.emit()

    def _summary(self, scored: Scored) -> str:
        defn = self.definition
        missing = sum(1 for i in defn.items if i.required and not self.rows[i.code].value())
        parts = []
        if defn.max_total:
            parts.append(translate("QuestionnaireForm", "总分 {} / {}").format(
                scored.score, defn.max_total))
        if defn.basis == "mean" and scored.mean is not None:
            parts.append(translate("QuestionnaireForm", "平均分 {}").format(f"{scored.mean:.2f}"))
        if scored.band is not None:
            parts.append(translate("QuestionnaireForm", "结果：{}").format(scored.band.label))
            if scored.applied:
                parts.append(translate("QuestionnaireForm", "（按分数为{}，{}）").format(
                    scored.initial_band.label if scored.initial_band else "",
                    "；".join(a.label for a in scored.applied)))
        if missing:
            parts.append(translate("QuestionnaireForm", "还有 {} 题未答").format(missing))
        return "    ".join(parts)
