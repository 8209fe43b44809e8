"""The Excel import wizard: file and sheet, column mapping, the report, import or cancel.

All the work is the core's (``swdesk.excel``); the wizard only collects the
choices and shows the result. Checking and writing run off the GUI thread
through ``ui.ops.run_task`` with a progress dialog and a cancel button; nothing
is written until the worker presses 导入 on the report page.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, TypeVar, cast

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from swdesk import excel, paths
from swdesk.errors import SwdeskError
from swdesk.excel.columns import model_of
from swdesk.model import describe
from swdesk.services.actor import Actor
from ui import ops
from ui.errors import show_error
from ui.excel.report_model import ReportModel
from ui.widgets.screen_fit import fit_to_screen

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def _owner(page: QWizardPage) -> ImportWizard:
    return cast("ImportWizard", page.wizard())


class FilePage(QWizardPage):
    def __init__(self, kind: str | None) -> None:
        super().__init__()
        self.setTitle(translate("ImportWizard", "选择要导入的 Excel 台账"))
        self.setSubTitle(translate("ImportWizard", "支持 .xlsx 文件；表头可以不在第一行。"))
        self.kind = _named(QComboBox(), "kindCombo")
        for key in excel.IMPORT_KINDS:
            self.kind.addItem(describe(model_of(key)).label, key)
        if kind is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.path = _named(QLineEdit(), "pathEdit")
        self.path.setPlaceholderText(translate("ImportWizard", "Excel 文件路径"))
        browse = _named(QPushButton(translate("ImportWizard", "选择…")), "browseButton")
        browse.clicked.connect(self._browse)
        self.sheet = _named(QComboBox(), "sheetCombo")
        self.hint = _named(QLabel(), "fileHint")
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(translate("ImportWizard", "导入为"), self.kind)
        form.addRow(translate("ImportWizard", "文件"), row)
        form.addRow(translate("ImportWizard", "工作表"), self.sheet)
        form.addRow(self.hint)
        self.path.textChanged.connect(self._load_sheets)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            translate("ImportWizard", "选择 Excel 文件"),
            "",
            translate("ImportWizard", "Excel 工作簿 (*.xlsx)"),
        )
        if name:
            self.path.setText(name)

    def _load_sheets(self) -> None:
        self.sheet.clear()
        self.hint.clear()
        path = Path(self.path.text().strip())
        if path.is_file():
            try:
                self.sheet.addItems(excel.sheet_names(path))
            except SwdeskError as exc:
                self.hint.setText(str(exc))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.sheet.count() > 0

    def chosen(self) -> tuple[str, Path, str]:
        return (
            str(self.kind.currentData()),
            Path(self.path.text().strip()),
            self.sheet.currentText(),
        )


class MappingPage(QWizardPage):
    """One combo per column of the sheet: which field it fills, or not imported."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("ImportWizard", "核对列的对应关系"))
        self.setSubTitle(
            translate(
                "ImportWizard", "左边是表格中的列名，右边是导入到的项目；不需要的列选“不导入”。"
            )
        )
        self.headings: list[str] = []
        self.combos: list[QComboBox] = []
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.update_existing = _named(
            QCheckBox(translate("ImportWizard", "已登记的人用表格中的内容更新（默认跳过）")),
            "updateExisting",
        )
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.update_existing)

    def initializePage(self) -> None:
        kind, path, sheet = _owner(self).file_page.chosen()
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos = []
        self.headings = []
        try:
            headings, mapping, columns = excel.propose_mapping(kind, path, sheet)
        except SwdeskError as exc:
            self.form.addRow(QLabel(str(exc)))
            return
        for position, heading in enumerate(headings):
            if not heading:
                continue
            combo = _named(QComboBox(), f"map_{position}")
            combo.addItem(translate("ImportWizard", "（不导入）"), "")
            for column in columns:
                combo.addItem(column.label, column.key)
            combo.setCurrentIndex(max(combo.findData(mapping.get(position, "")), 0))
            self.form.addRow(QLabel(heading), combo)
            self.headings.append(heading)
            self.combos.append(combo)

    def isComplete(self) -> bool:
        return bool(self.combos)

    def mapping(self) -> dict[str, str]:
        return {h: str(c.currentData()) for h, c in zip(self.headings, self.combos, strict=True)}


class ReportPage(QWizardPage):
    """Checks the sheet (off the GUI thread) and shows what an import would do."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("ImportWizard", "检查结果"))
        self.setSubTitle(
            translate(
                "ImportWizard",
                "按“导入”写入可导入的行；有错误的行不会导入，可保存结果表格改正后再导入。",
            )
        )
        self.report: excel.ImportReport | None = None
        self.imported = False
        self.summary = _named(QLabel(), "summaryLabel")
        self.summary.setWordWrap(True)
        self.model = ReportModel(self)
        self.table = _named(QTableView(), "reportTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.save = _named(QPushButton(translate("ImportWizard", "保存结果表格…")), "saveReport")
        self.save.clicked.connect(self._save_report)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.save, alignment=Qt.AlignmentFlag.AlignRight)
        self.setButtonText(QWizard.WizardButton.FinishButton, translate("ImportWizard", "导入"))

    def initializePage(self) -> None:
        wizard = _owner(self)
        kind, path, sheet = wizard.file_page.chosen()
        mapping = wizard.mapping_page.mapping()
        on_existing: excel.OnExisting = (
            "update" if wizard.mapping_page.update_existing.isChecked() else "skip"
        )
        self.report = None
        self.imported = False
        self.model.set_report(None)
        self.summary.setText(translate("ImportWizard", "正在检查…"))
        self.completeChanged.emit()

        def check(control: ops.TaskControl) -> excel.ImportReport:
            return excel.plan(
                kind,
                path,
                sheet=sheet,
                mapping=mapping,
                on_existing=on_existing,
                progress=lambda _stage, done, total: control.progress(done, total),
                cancel=control.cancelled,
                processes=True,  # the window's program: a big sheet read by a second process
            )

        ops.run_task(
            self,
            translate("ImportWizard", "正在检查表格…"),
            check,
            self._checked,
            on_error=self._failed,
        )

    def _checked(self, report: excel.ImportReport) -> None:
        self.report = report
        self.model.set_report(report)
        self.summary.setText(report.summary())
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(
            str(exc)
            if isinstance(exc, SwdeskError)
            else translate("ImportWizard", "检查时出错，详情见日志")
        )
        if not isinstance(exc, SwdeskError):
            log.error("import check failed", exc_info=(type(exc), exc, exc.__traceback__))

    def isComplete(self) -> bool:
        return self.report is not None and (
            self.report.count("add") > 0 or self.report.count("update") > 0
        )

    def validatePage(self) -> bool:
        """The first press of 导入 starts the write; the wizard closes when it is done."""
        if self.imported:
            return True
        report = self.report
        if report is None:
            return False
        actor: Actor = _owner(self).actor

        def write(control: ops.TaskControl) -> excel.ImportReport:
            return excel.apply(
                report,
                actor,
                progress=lambda _stage, done, total: control.progress(done, total),
                cancel=control.cancelled,
            )

        ops.run_task(self, translate("ImportWizard", "正在导入…"), write, self._written)
        return False

    def _written(self, report: excel.ImportReport) -> None:
        self.imported = True
        self.summary.setText(report.summary())
        _owner(self).accept()

    def _save_report(self) -> None:
        if self.report is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self,
            translate("ImportWizard", "保存结果表格"),
            str(paths.documents_dir()),
            translate("ImportWizard", "Excel 工作簿 (*.xlsx)"),
        )
        if name:
            self.save_report_to(Path(name))

    def save_report_to(self, path: Path) -> None:
        assert self.report is not None
        try:
            excel.write_report(self.report, path)
        except SwdeskError as exc:
            show_error(self, str(exc))


class ImportWizard(QWizard):
    """``ImportWizard(actor, kind).exec()``; ``result_report`` holds what was written."""

    def __init__(
        self, actor: Actor, kind: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("importWizard")
        self.setWindowTitle(translate("ImportWizard", "导入 Excel 台账"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        # The same words as the first-run wizard, not Qt's "< 上一步(B)" / "下一步(N) >".
        self.setButtonText(QWizard.WizardButton.BackButton, translate("ImportWizard", "上一步"))
        self.setButtonText(QWizard.WizardButton.NextButton, translate("ImportWizard", "下一步"))
        self.setButtonText(QWizard.WizardButton.CancelButton, translate("ImportWizard", "取消"))
        fit_to_screen(self, QSize(760, 560))
        self.file_page = FilePage(kind)
        self.mapping_page = MappingPage()
        self.report_page = ReportPage()
        for page in (self.file_page, self.mapping_page, self.report_page):
            self.addPage(page)

    @property
    def result_report(self) -> Any:
        page = self.report_page
        return page.report if page.imported else None
