"""One editor widget per field kind of the entity description.

Each editor gives the raw value the core's ``crud.clean`` expects (text, ISO
date, code, list of codes, id, bool), takes back a stored value, and says when
the person changed something.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from swdesk import reference
from swdesk.model.described import FieldSpec, text_to_codes
from swdesk.services.display import format_plain
from ui.widgets.link_picker import LinkPicker

translate = QCoreApplication.translate
NUMBER_WIDTH = 260  # room for a number and the hint of what an empty box means
BLANK_DATE = QDate(1900, 1, 1)  # shown as an empty box: QDateEdit has no "no date"


def error_label(parent: QWidget, name: str) -> QLabel:
    """A hidden label for a field's or a line's error message (red, wrapped)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setProperty("role", "fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


class SaveablePlainText(QPlainTextEdit):
    """Multi-line text: Tab moves on, Ctrl+Enter saves the form (Enter starts a new line)."""

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(64)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.save_requested.emit()
            return
        super().keyPressEvent(event)


class FieldDateEdit(QDateEdit):
    """A date field: Tab goes on to the next field, as from every other field.

    (QDateEdit's own Tab steps through year, month and day first: three keys to leave
    a date. Typed digits move on by themselves; ← and → still step the sections.)
    """

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class ChoicesBox(QWidget):
    """Several codes of a reference list as a grid of check boxes."""

    changed = Signal()

    def __init__(self, ref_list: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref_list = ref_list
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.boxes: dict[str, QCheckBox] = {}
        for item in reference.items(ref_list):
            self._add_box(str(item.code), reference.text_of(item))

    def _add_box(self, code: str, text: str) -> QCheckBox:
        n = len(self.boxes)
        box = QCheckBox(text, self)
        box.toggled.connect(self.changed)
        self.boxes[code] = box
        self.grid.addWidget(box, n // 4, n % 4)
        return box

    def lock(self, codes: frozenset[str], why: str) -> None:
        """Show ``codes`` as they are stored but let nobody tick or untick them."""
        for code in codes:
            box = self.boxes.get(code)
            if box is not None:
                box.setEnabled(False)
                box.setToolTip(why)

    def codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_codes(self, codes: list[str]) -> None:
        for code in codes:
            if code not in self.boxes:  # no longer offered (a community hidden): kept as is
                self._add_box(code, reference.label(self.ref_list, code))
        for code, box in self.boxes.items():
            box.setChecked(code in codes)


class Editor(QObject):
    """The editor of one field: its widget, its value, its change signal."""

    changed = Signal()
    save_requested = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.widget: QWidget = self._make(parent)
        self.widget.setObjectName(f"field_{spec.key}")
        self.widget.setAccessibleName(spec.label)
        if spec.hint and isinstance(self.widget, QLineEdit):
            self.widget.setPlaceholderText(spec.hint)

    def _make(self, parent: QWidget) -> QWidget:
        spec = self.spec
        match spec.kind:
            case "longtext":
                text = SaveablePlainText(parent)
                text.textChanged.connect(self.changed)
                text.save_requested.connect(self.save_requested)
                return text
            case "date":
                date = FieldDateEdit(parent)
                date.setCalendarPopup(True)
                date.setDisplayFormat("yyyy-MM-dd")
                date.setMinimumDate(BLANK_DATE)
                date.setSpecialValueText(" ")
                latest = spec.latest_date()
                if latest is not None:  # the core refuses later dates: do not offer them
                    date.setMaximumDate(_qdate(latest))
                date.setDate(QDate.currentDate() if spec.required else BLANK_DATE)
                date.dateChanged.connect(self.changed)
                return date
            case "bool":
                box = QCheckBox(parent)
                box.toggled.connect(self.changed)
                return box
            case "choice":
                combo = QComboBox(parent)
                combo.addItem("", None)
                for item in reference.items(spec.ref_list or ""):
                    combo.addItem(reference.text_of(item), item.code)
                combo.currentIndexChanged.connect(self.changed)
                return combo
            case "choices":
                choices = ChoicesBox(spec.ref_list or "", parent)
                choices.changed.connect(self.changed)
                return choices
            case "link":
                picker = LinkPicker(spec.target, parent)
                picker.textChanged.connect(self.changed)
                return picker
        line = QLineEdit(parent)
        if spec.max_length:
            line.setMaxLength(spec.max_length)
        if spec.kind == "int":  # a count of days or people: a short box, not a whole line
            line.setMaximumWidth(NUMBER_WIDTH)
        line.textChanged.connect(self.changed)
        return line

    def focus_widget(self) -> QWidget:
        if isinstance(self.widget, ChoicesBox) and self.widget.boxes:
            boxes = list(self.widget.boxes.values())
            return next((b for b in boxes if b.isEnabled()), boxes[0])
        return self.widget

    def tab_widgets(self) -> list[QWidget]:
        if isinstance(self.widget, ChoicesBox):
            return list(self.widget.boxes.values())
        return [self.widget]

    def value(self) -> Any:
        """What the person entered, in the form ``crud.clean`` parses."""
        w = self.widget
        if isinstance(w, SaveablePlainText):
            return w.toPlainText()
        if isinstance(w, QDateEdit):
            d = w.date()
            return None if d == BLANK_DATE else d.toString("yyyy-MM-dd")
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, ChoicesBox):
            return w.codes()
        if isinstance(w, LinkPicker):
            return w.value() if w.value() is not None else (w.text().strip() or None)
        assert isinstance(w, QLineEdit)
        return w.text()

    def set_value(self, value: Any) -> None:
        """Show a stored value (or one from a draft)."""
        w = self.widget
        if isinstance(w, SaveablePlainText):
            w.setPlainText("" if value is None else str(value))
        elif isinstance(w, QDateEdit):
            w.setDate(_qdate(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            found = w.findData(value) if value else 0
            w.setCurrentIndex(max(found, 0))
        elif isinstance(w, ChoicesBox):
            w.set_codes(value if isinstance(value, list) else text_to_codes(value))
        elif isinstance(w, LinkPicker):
            w.set_value(int(value) if isinstance(value, int | str) and str(value).isdigit()
                        else None)
        elif isinstance(w, QLineEdit):
            w.setText("" if value is None else format_plain(value, self.spec)
                      if self.spec.kind in ("hours", "money") else str(value))


def _qdate(value: Any) -> QDate:
    if value is None or value == "":
        return BLANK_DATE
    if isinstance(value, dt.date):
        return QDate(value.year, value.month, value.day)
    parsed = QDate.fromString(str(value), "yyyy-MM-dd")
    return parsed if parsed.isValid() else BLANK_DATE
