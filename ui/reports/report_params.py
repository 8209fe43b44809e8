"""The 报表 page's left side: the report kinds and, per kind, what to ask for.

:class:`ReportParams` turns what the person chose into the core's
:class:`~swdesk.reports.ReportRequest`; the core checks the values again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
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
from swdesk.reports import ReportRequest
from swdesk.services import display, lists
from ui.widgets.link_picker import LinkPicker
from ui.widgets.spin_text import indent_text

translate = QCoreApplication.translate
ALL_YEARS = 1999  # the volunteer year box's "全部年份" (its minimum)


@dataclass(frozen=True)
class KindSpec:
    kind: str  # a key of swdesk.reports.KINDS
    name: str  # Chinese source text, "ReportPage" context
    about: str  # one sentence on what the paper is for


def _spec(kind: str, name: object, about: object) -> KindSpec:
    # QT_TRANSLATE_NOOP only marks the text for lupdate; it returns it unchanged.
    return KindSpec(kind, str(name), str(about))


KIND_SPECS = (
    _spec("monthly", QT_TRANSLATE_NOOP("ReportPage", "月度工作报表"),
             QT_TRANSLATE_NOOP("ReportPage", "本站一个月的服务、个案、志愿服务、五社联动和项目指标"
                                             "汇总，报送街道；也可导出 Excel。")),
    _spec("record", QT_TRANSLATE_NOOP("ReportPage", "服务记录表"),
             QT_TRANSLATE_NOOP("ReportPage", "一次服务的记录表，含参与的服务对象、志愿者、联动资源"
                                             "和签名栏。")),
    _spec("case", QT_TRANSLATE_NOOP("ReportPage", "个案档案"),
             QT_TRANSLATE_NOOP("ReportPage", "一个个案的完整档案：服务对象情况、预估、服务计划、"
                                             "每次服务记录、转介和结案。")),
    _spec("volunteer", QT_TRANSLATE_NOOP("ReportPage", "志愿服务记录证明"),
             QT_TRANSLATE_NOOP("ReportPage", "为志愿者开具服务记录证明。每生成一次即登记一个新的"
                                             "证明编号，请确认后再生成。")),
    _spec("volunteer-hours", QT_TRANSLATE_NOOP("ReportPage", "志愿服务时长统计"),
             QT_TRANSLATE_NOOP("ReportPage", "一段时间内的志愿服务时长，按志愿者、团队和项目"
                                             "合计。")),
    _spec("project", QT_TRANSLATE_NOOP("ReportPage", "项目指标进度与评估表"),
             QT_TRANSLATE_NOOP("ReportPage", "项目各项指标的完成进度、人力成本占比和评估结果。")),
    _spec("training", QT_TRANSLATE_NOOP("ReportPage", "继续教育学时统计"),
             QT_TRANSLATE_NOOP("ReportPage", "社工一年的继续教育学时，不足 80 学时的会标出。")),
    _spec("blank", QT_TRANSLATE_NOOP("ReportPage", "空白表格"),
             QT_TRANSLATE_NOOP("ReportPage", "外出走访时手写用的空白服务对象登记表或服务记录表。")),
)


def kind_spec(kind: str) -> KindSpec:
    for spec in KIND_SPECS:
        if spec.kind == kind:
            return spec
    raise KeyError(kind)


def _date_edit(parent: QWidget, name: str, value: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _year_box(parent: QWidget, name: str, minimum: int = 2000) -> QSpinBox:
    box = QSpinBox(parent)
    box.setObjectName(name)
    box.setRange(minimum, 2100)
    box.setValue(dt.date.today().year)
    box.setSuffix(translate("ReportPage", " 年"))
    indent_text(box)
    return box


class ReportParams(QStackedWidget):
    """One small form per report kind; :meth:`request` reads the current one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportParams")
        today = dt.date.today()
        self._forms: dict[str, QWidget] = {}

        form = self._form("monthly")
        self.month_edit = QDateEdit(QDate(today.year, today.month, 1), form)
        self.month_edit.setObjectName("monthEdit")
        self.month_edit.setDisplayFormat(translate("ReportPage", "yyyy年M月"))  # en: MMMM yyyy
        indent_text(self.month_edit)
        self._layout(form).addRow(translate("ReportPage", "月份"), self.month_edit)

        form = self._form("record")
        self.record_picker = LinkPicker("service_record", form)
        self.record_picker.setObjectName("recordPicker")
        self.record_picker.setPlaceholderText(translate("ReportPage", "输入服务主题或内容查找"))
        self._layout(form).addRow(translate("ReportPage", "服务记录"), self.record_picker)

        form = self._form("case")
        self.case_picker = LinkPicker("case", form)
        self.case_picker.setObjectName("casePicker")
        self.case_picker.setPlaceholderText(translate("ReportPage", "输入个案编号或服务对象姓名"))
        self._layout(form).addRow(translate("ReportPage", "个案"), self.case_picker)

        form = self._form("volunteer")
        self.volunteer_picker = LinkPicker("volunteer", form)
        self.volunteer_picker.setObjectName("volunteerPicker")
        self.volunteer_picker.setPlaceholderText(translate("ReportPage", "输入志愿者姓名"))
        self.volunteer_year = _year_box(form, "volunteerYear", ALL_YEARS)
        self.volunteer_year.setSpecialValueText(translate("ReportPage", "全部年份"))
        self.volunteer_year.setValue(ALL_YEARS)
        layout = self._layout(form)
        layout.addRow(translate("ReportPage", "志愿者"), self.volunteer_picker)
        layout.addRow(translate("ReportPage", "统计年度"), self.volunteer_year)

        form = self._form("volunteer-hours")
        self.hours_from = _date_edit(form, "hoursFrom", dt.date(today.year, 1, 1))
        self.hours_to = _date_edit(form, "hoursTo", today)
        layout = self._layout(form)
        layout.addRow(translate("ReportPage", "开始日期"), self.hours_from)
        layout.addRow(translate("ReportPage", "结束日期"), self.hours_to)

        form = self._form("project")
        self.project_combo = QComboBox(form)
        self.project_combo.setObjectName("projectCombo")
        self._layout(form).addRow(translate("ReportPage", "服务项目"), self.project_combo)

        form = self._form("training")
        self.training_year = _year_box(form, "trainingYear")
        self._layout(form).addRow(translate("ReportPage", "年度"), self.training_year)

        form = self._form("blank")
        self.blank_combo = QComboBox(form)
        self.blank_combo.setObjectName("blankCombo")
        self.blank_combo.addItem(translate("ReportPage", "服务记录表"), "service")
        self.blank_combo.addItem(translate("ReportPage", "服务对象登记表"), "intake")
        self._layout(form).addRow(translate("ReportPage", "表格"), self.blank_combo)

    def _form(self, kind: str) -> QWidget:
        form = QWidget(self)
        QFormLayout(form).setContentsMargins(0, 0, 0, 0)
        self._forms[kind] = form
        self.addWidget(form)
        return form

    @staticmethod
    def _layout(form: QWidget) -> QFormLayout:
        layout = form.layout()
        assert isinstance(layout, QFormLayout)
        return layout

    def show_kind(self, kind: str) -> None:
        if kind == "project":
            self.reload_projects()
        self.setCurrentWidget(self._forms[kind])

    def add_note(self, kind: str, text: str) -> QLabel:
        note = QLabel(text, self._forms[kind])
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        self._layout(self._forms[kind]).addRow(note)
        return note

    def reload_projects(self) -> None:
        """Every live project, newest first (a station has a handful, so all are listed)."""
        chosen = self.project_combo.currentData()
        self.project_combo.clear()
        ids = lists.list_ids(lists.ListQuery("project"))
        rows = lists.fetch_rows("project", ids)
        for row_id in ids:
            row = rows.get(row_id)
            if row is not None:
                self.project_combo.addItem(display.row_title(row), row_id)
        if chosen is not None:
            index = self.project_combo.findData(chosen)
            if index >= 0:
                self.project_combo.setCurrentIndex(index)

    def set_target(self, kind: str, row_id: int) -> None:
        """Preselect the record, case, volunteer or project a report is about."""
        if kind == "record":
            self.record_picker.set_value(row_id)
        elif kind == "case":
            self.case_picker.set_value(row_id)
        elif kind == "volunteer":
            self.volunteer_picker.set_value(row_id)
        elif kind == "project":
            self.reload_projects()
            index = self.project_combo.findData(row_id)
            if index >= 0:
                self.project_combo.setCurrentIndex(index)

    def month(self) -> str:
        date = self.month_edit.date()
        return f"{date.year()}-{date.month():02d}"

    def request(self, kind: str) -> ReportRequest:
        """The request for ``kind``; ValidationError when something still has to be chosen."""
        if kind == "monthly":
            return ReportRequest(kind, month=self.month())
        if kind in ("record", "case", "volunteer"):
            picker = {"record": self.record_picker, "case": self.case_picker,
                      "volunteer": self.volunteer_picker}[kind]
            if picker.value() is None and not picker.pick_first():
                what = {"record": translate("ReportPage", "服务记录"),
                        "case": translate("ReportPage", "个案"),
                        "volunteer": translate("ReportPage", "志愿者")}[kind]
                raise ValidationError(
                    translate("ReportPage", "请先选择{}（输入文字后从列表中选取）").format(what))
            target = str(picker.value())
            if kind == "volunteer":
                year = self.volunteer_year.value()
                return ReportRequest(kind, target=target,
                                     year="" if year == ALL_YEARS else str(year))
            return ReportRequest(kind, target=target)
        if kind == "volunteer-hours":
            return ReportRequest(kind, date_from=self.hours_from.date().toString("yyyy-MM-dd"),
                                 date_to=self.hours_to.date().toString("yyyy-MM-dd"))
        if kind == "project":
            if self.project_combo.currentData() is None:
                raise ValidationError(
                    translate("ReportPage", "还没有服务项目，请先在“服务项目”中登记"))
            return ReportRequest(kind, target=str(self.project_combo.currentData()))
        if kind == "training":
            return ReportRequest(kind, year=str(self.training_year.value()))
        return ReportRequest(kind, target=str(self.blank_combo.currentData()))

    def file_label(self, kind: str) -> str:
        """The period or subject, for a file name the person will recognise."""
        if kind == "monthly":
            return self.month()
        if kind == "training":
            return str(self.training_year.value())
        if kind == "volunteer-hours":
            return (f"{self.hours_from.date().toString('yyyyMMdd')}-"
                    f"{self.hours_to.date().toString('yyyyMMdd')}")
        if kind == "blank":
            return self.blank_combo.currentText()
        if kind == "project":
            return self.project_combo.currentText()
        picker = {"record": self.record_picker, "case": self.case_picker,
                  "volunteer": self.volunteer_picker}[kind]
        return picker.text().split("（")[0]
