"""The 报表 page's left side: per report kind of the registry, a small form of its parameters.

Each parameter is asked for by the editor of its kind (``swdesk.reports.kinds.ParamKind``);
:class:`ReportParams` turns what the person chose into the core's
:class:`~swdesk.reports.ReportRequest`; the core checks the values again.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from swdesk.errors import ValidationError
from swdesk.reports import ReportRequest, kinds
from swdesk.reports.kinds import Param, ReportKind
from swdesk.services import display, lists, questionnaires
from ui.widgets.link_picker import LinkPicker
from ui.widgets.spin_text import indent_text

translate = QCoreApplication.translate
ALL_YEARS = 1999  # an optional year box's "全部年份" (its minimum)


def _qdate(text: str) -> QDate:
    day = dt.date.fromisoformat(text)
    return QDate(day.year, day.month, day.day)


class _Editor(ABC):
    """Asks for one parameter; ``value()`` is its text for the request."""

    def __init__(self, param: Param, widget: QWidget) -> None:
        self.param = param
        self.widget = widget
        widget.setObjectName(f"param_{param.name}")

    @abstractmethod
    def value(self) -> str:
        """The parameter's text for the request."""

    def shown(self) -> str:
        """The value as the person sees it, for a file name they will recognise."""
        return self.value()

    def refresh(self) -> None:
        """Called when the form is shown (lists that may have grown meanwhile); most
        editors have nothing to renew."""
        return None

    def set_row(self, row_id: int) -> None:
        """Preselect a row (the record, case, volunteer or project a report is about);
        only the pickers have rows."""
        return None


class _MonthEditor(_Editor):
    def __init__(self, param: Param, parent: QWidget) -> None:
        first = _qdate(param.default(dt.date.today()) + "-01")
        self.edit = QDateEdit(first, parent)
        # A month not yet begun is refused (reports.periods.begun): not offered either.
        today = dt.date.today()
        self.edit.setMaximumDate(QDate(today.year, today.month, 1).addMonths(1).addDays(-1))
        self.edit.setDisplayFormat(translate("ReportPage", "yyyy年M月"))  # en: MMMM yyyy
        indent_text(self.edit)
        super().__init__(param, self.edit)

    def value(self) -> str:
        date = self.edit.date()
        return f"{date.year()}-{date.month():02d}"


class _YearEditor(_Editor):
    def __init__(self, param: Param, parent: QWidget) -> None:
        self.box = QSpinBox(parent)
        self.box.setRange(2000 if param.required else ALL_YEARS, 2100)
        self.box.setSuffix(translate("ReportPage", " 年"))
        if param.required:
            self.box.setValue(int(param.default(dt.date.today())))
        else:
            self.box.setSpecialValueText(translate("ReportPage", "全部年份"))
            self.box.setValue(ALL_YEARS)
        indent_text(self.box)
        super().__init__(param, self.box)

    def value(self) -> str:
        year = self.box.value()
        return "" if year == ALL_YEARS and not self.param.required else str(year)


class _DateEditor(_Editor):
    def __init__(self, param: Param, parent: QWidget) -> None:
        self.edit = QDateEdit(_qdate(param.default(dt.date.today())), parent)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        indent_text(self.edit)
        super().__init__(param, self.edit)

    def value(self) -> str:
        return str(self.edit.date().toString("yyyy-MM-dd"))

    def shown(self) -> str:
        return str(self.edit.date().toString("yyyyMMdd"))


class _SessionEditor(_Editor):
    """A group's session number; 0 shows as 全部节次 (every session)."""

    def __init__(self, param: Param, parent: QWidget) -> None:
        self.box = QSpinBox(parent)
        self.box.setRange(0, 99)
        self.box.setSpecialValueText(translate("ReportPage", "全部节次"))
        indent_text(self.box)
        super().__init__(param, self.box)

    def value(self) -> str:
        return str(self.box.value()) if self.box.value() else ""


class _PickerEditor(_Editor):
    def __init__(self, param: Param, parent: QWidget) -> None:
        self.picker = LinkPicker(kinds.PICKED_TABLE[param.kind], parent)
        if param.hint():
            self.picker.setPlaceholderText(param.hint())
        super().__init__(param, self.picker)

    def value(self) -> str:
        if not self.param.required and not self.picker.text().strip():
            return ""  # (an optional row left unchosen)
        if self.picker.value() is None and not self.picker.pick_first():
            raise ValidationError(translate(
                "ReportPage", "请先选择{}（输入文字后从列表中选取）").format(self.param.label()))
        return str(self.picker.value())

    def shown(self) -> str:
        return str(self.picker.text()).split("（")[0]

    def set_row(self, row_id: int) -> None:
        self.picker.set_value(row_id)


class _ProjectEditor(_Editor):
    """Every live project, newest first (a station has a handful, so all are listed)."""

    def __init__(self, param: Param, parent: QWidget) -> None:
        self.combo = QComboBox(parent)
        super().__init__(param, self.combo)

    def refresh(self) -> None:
        chosen = self.combo.currentData()
        self.combo.clear()
        ids = lists.list_ids(lists.ListQuery("project"))
        rows = lists.fetch_rows("project", ids)
        for row_id in ids:
            row = rows.get(row_id)
            if row is not None:
                self.combo.addItem(display.row_title(row), row_id)
        if chosen is not None:
            self.set_row(chosen)

    def set_row(self, row_id: int) -> None:
        if not self.combo.count():
            self.refresh()
        index = self.combo.findData(row_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def value(self) -> str:
        if self.combo.currentData() is None:
            raise ValidationError(
                translate("ReportPage", "还没有服务项目，请先在“服务项目”中登记"))
        return str(self.combo.currentData())

    def shown(self) -> str:
        return str(self.combo.currentText())


class _ChoiceEditor(_Editor):
    def __init__(self, param: Param, parent: QWidget) -> None:
        self.combo = QComboBox(parent)
        for choice in param.choices:
            self.combo.addItem(choice.label(), choice.value)
        super().__init__(param, self.combo)

    def value(self) -> str:
        return str(self.combo.currentData() or "")

    def shown(self) -> str:
        return str(self.combo.currentText())


class _QuestionnaireEditor(_ChoiceEditor):
    """The station's questionnaires (built in and from the city), read when shown."""

    def refresh(self) -> None:
        chosen = self.combo.currentData()
        self.combo.clear()
        for definition in questionnaires.definitions():
            self.combo.addItem(definition.label, definition.code)
        if chosen is not None and self.combo.findData(chosen) >= 0:
            self.combo.setCurrentIndex(self.combo.findData(chosen))


EDITORS: dict[str, type[_Editor]] = {
    "month": _MonthEditor, "year": _YearEditor, "date": _DateEditor,
    "record": _PickerEditor, "case": _PickerEditor, "volunteer": _PickerEditor,
    "activity": _PickerEditor,
    "project": _ProjectEditor, "choice": _ChoiceEditor, "group": _PickerEditor,
    "session": _SessionEditor, "questionnaire": _QuestionnaireEditor,
    "response": _PickerEditor,
}


class ReportParams(QStackedWidget):
    """One small form per report kind; :meth:`request` reads the current one."""

    def __init__(self, report_kinds: list[ReportKind], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportParams")
        self._forms: dict[str, QWidget] = {}
        self._editors: dict[str, list[_Editor]] = {}
        for kind in report_kinds:
            form = QWidget(self)
            layout = QFormLayout(form)
            layout.setContentsMargins(0, 0, 0, 0)
            editors = [EDITORS[param.kind](param, form) for param in kind.params]
            for editor in editors:
                layout.addRow(editor.param.label(), editor.widget)
            if kind.note():
                note = QLabel(kind.note(), form)
                note.setWordWrap(True)
                note.setProperty("role", "muted")
                layout.addRow(note)
            self._forms[kind.key] = form
            self._editors[kind.key] = editors
            self.addWidget(form)

    def editor(self, kind: str, name: str) -> QWidget:
        """The widget that asks for parameter ``name`` of report ``kind``."""
        for editor in self._editors[kind]:
            if editor.param.name == name:
                return editor.widget
        raise KeyError(name)

    def show_kind(self, kind: str) -> None:
        for editor in self._editors[kind]:
            editor.refresh()
        self.setCurrentWidget(self._forms[kind])

    def set_target(self, kind: str, row_id: int) -> None:
        """Preselect the record, case, volunteer or project a report is about."""
        for editor in self._editors[kind]:
            if editor.param.kind in kinds.PICKED_TABLE:
                editor.set_row(row_id)
                return

    def request(self, kind: str) -> ReportRequest:
        """The request for ``kind``; ValidationError when something still has to be chosen."""
        return ReportRequest(kind, {e.param.name: e.value() for e in self._editors[kind]})

    def file_label(self, kind: str) -> str:
        """The period or subject, for a file name the person will recognise."""
        return "-".join(text for text in (e.shown() for e in self._editors[kind]) if text)
