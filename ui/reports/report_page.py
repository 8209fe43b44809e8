"""报表: choose a report and its period or subject, generate it, look at it, print or save it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk import outfiles, paths
from swdesk.errors import SwdeskError
from swdesk.numbers import grouped
from swdesk.os_words import reason
from swdesk.reports import ReportRequest, kinds
from swdesk.services.actor import Actor
from ui.errors import report, show_error
from ui.ops import Task
from ui.pages.form_page import page_header
from ui.printing import PdfViewer, print_pdf
from ui.reports.generate import generate_in_background
from ui.reports.printouts import clean_printouts, printout_path
from ui.reports.report_params import ReportParams
from ui.widgets.elided_label import ElidedLabel

translate = QCoreApplication.translate
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class ReportPage(QWidget):
    """The 报表 page. ``choose(kind, row_id)`` opens it on a report (other pages may call it)."""

    def __init__(self, actor: Actor, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPage")
        self.actor = actor
        self.data_dir = Path(data_dir)
        self.pdf: Path | None = None  # the PDF on show (a printout under the data dir)
        self.shown_kind = ""
        self.shown_label = ""
        self.task: Task | None = None
        self.report_kinds = list(kinds.all_kinds())  # as registered when the page is made
        clean_printouts(self.data_dir)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        header, _title = page_header(self, translate("ReportPage", "报表"))
        outer.addLayout(header)
        body = QHBoxLayout()
        body.setSpacing(12)
        outer.addLayout(body, 1)

        side = QFrame(self)
        side.setFixedWidth(340)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        kinds_box = QGroupBox(translate("ReportPage", "报表类型"), side)
        kinds_layout = QVBoxLayout(kinds_box)
        self.kind_list = QListWidget(kinds_box)
        self.kind_list.setObjectName("kindList")
        for kind in self.report_kinds:
            item = QListWidgetItem(kind.label())
            item.setData(KIND_ROLE, kind.key)
            self.kind_list.addItem(item)
        self.kind_list.setStyleSheet("QListWidget { border: none; font-size: 11pt; }"
                                     "QListWidget::item { padding: 5px 6px; }")
        # Every kind in sight, no scroll bar: rows measured once the style sheet's font and
        # padding apply (before polishing they measure short), plus the frame.
        self.kind_list.ensurePolished()
        self.kind_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.kind_list.setFixedHeight(self.kind_list.sizeHintForRow(0) * len(self.report_kinds)
                                      + 2 * self.kind_list.frameWidth() + 6)
        kinds_layout.addWidget(self.kind_list)
        side_layout.addWidget(kinds_box)

        params_box = QGroupBox(translate("ReportPage", "报表参数"), side)
        params_layout = QVBoxLayout(params_box)
        self.about_label = QLabel("", params_box)
        self.about_label.setObjectName("aboutLabel")
        self.about_label.setWordWrap(True)
        self.about_label.setProperty("role", "muted")
        params_layout.addWidget(self.about_label)
        self.params = ReportParams(self.report_kinds, params_box)
        params_layout.addWidget(self.params)
        self.generate_button = QPushButton(translate("ReportPage", "生成"), params_box)
        self.generate_button.setObjectName("generateButton")
        self.generate_button.setProperty("role", "primary")
        self.generate_button.setDefault(True)
        params_layout.addWidget(self.generate_button)
        side_layout.addWidget(params_box)
        self.status_label = QLabel("", side)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setContentsMargins(4, 4, 4, 0)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side_layout.addWidget(self.status_label)
        side_layout.addStretch(1)
        body.addWidget(side)

        right = QVBoxLayout()
        actions = QHBoxLayout()
        self.shown_title = ElidedLabel(translate("ReportPage", "预览"), self)
        self.shown_title.setProperty("role", "sectionTitle")
        self.shown_title.setObjectName("shownTitle")
        actions.addWidget(self.shown_title, 1)  # all the room the buttons leave; "…" past it
        self.excel_button = QPushButton(translate("ReportPage", "导出 Excel…"), self)
        self.excel_button.setObjectName("exportExcelButton")
        self.save_button = QPushButton(translate("ReportPage", "另存为 PDF…"), self)
        self.save_button.setObjectName("savePdfButton")
        self.print_button = QPushButton(translate("ReportPage", "打印…"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.setProperty("role", "primary")
        for button in (self.excel_button, self.save_button, self.print_button):
            actions.addWidget(button)
        right.addLayout(actions)
        self.viewer = PdfViewer(self, translate(
            "ReportPage", "尚未生成报表。\n请在左侧选择报表类型和参数，然后点击“生成”。"))
        right.addWidget(self.viewer, 1)
        body.addLayout(right, 1)

        self.kind_list.currentItemChanged.connect(self._kind_changed)
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_shown)
        self.save_button.clicked.connect(self.ask_save_pdf)
        self.excel_button.clicked.connect(self.ask_export_excel)
        self.kind_list.setCurrentRow(0)
        self._update_buttons()

    # --- choosing ----------------------------------------------------------------------------

    def kind(self) -> str:
        item = self.kind_list.currentItem()
        return str(item.data(KIND_ROLE)) if item is not None else self.report_kinds[0].key

    def _report_kind(self, key: str) -> kinds.ReportKind:
        # The kinds as the page was made with them (the registry may change later).
        return next(kind for kind in self.report_kinds if kind.key == key)

    def choose(self, kind: str, row_id: int | None = None) -> None:
        """Select report ``kind`` (and its record, case, volunteer or project)."""
        for n in range(self.kind_list.count()):
            if self.kind_list.item(n).data(KIND_ROLE) == kind:
                self.kind_list.setCurrentRow(n)
                break
        if row_id is not None:
            self.params.set_target(kind, row_id)

    def _kind_changed(self) -> None:
        kind = self.kind()
        self.params.show_kind(kind)
        self.about_label.setText(self._report_kind(kind).about())
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.task is not None
        self.generate_button.setEnabled(not busy)
        self.print_button.setEnabled(self.pdf is not None and not busy)
        self.save_button.setEnabled(self.pdf is not None and not busy)
        self.excel_button.setVisible(self._report_kind(self.kind()).excel)
        self.excel_button.setEnabled(not busy)

    # --- generating --------------------------------------------------------------------------

    def _chosen_request(self, kind: str) -> ReportRequest | None:
        """The request the form describes, or None after telling what is missing."""
        try:
            return self.params.request(kind)
        except SwdeskError as exc:
            show_error(self, str(exc))
            return None

    def generate(self) -> None:
        """Make the chosen report off the GUI thread; the viewer shows it when it is done."""
        if self.task is not None:
            return
        kind = self.kind()
        request = self._chosen_request(kind)
        if request is None:
            return
        label = self._report_kind(kind).label()
        subject = self.params.file_label(kind)
        out = printout_path(self.data_dir, kind)
        self.status_label.setText(translate("ReportPage", "正在生成{}…").format(label))

        def done(note: str) -> None:
            self.task = None
            self._show(out, kind, label, subject, note)

        def failed(exc: BaseException) -> None:
            self.task = None
            out.unlink(missing_ok=True)
            self.status_label.setText("")
            self._update_buttons()
            report(self, exc)

        self.task = generate_in_background(self, request, self.actor, out, done, failed)
        self._update_buttons()

    def _show(self, out: Path, kind: str, label: str, subject: str, note: str) -> None:
        try:
            pages = self.viewer.load(out)
        except SwdeskError as exc:
            out.unlink(missing_ok=True)
            self.status_label.setText("")
            self._update_buttons()
            report(self, exc)
            return
        previous, self.pdf = self.pdf, out
        if previous is not None and previous != out:
            previous.unlink(missing_ok=True)
        self.shown_kind = kind
        self.shown_label = f"{label}-{subject}" if subject else label  # the file name offered
        self.shown_title.setText(f"{label} · {subject}" if subject else label)
        text = translate("ReportPage", "已生成，共 {} 页。").format(grouped(pages))
        self.status_label.setText(f"{text}{note}" if note else text)
        self._update_buttons()

    # --- printing and saving -----------------------------------------------------------------

    def print_shown(self) -> None:
        if self.pdf is not None:
            print_pdf(self.pdf, self, self.shown_label)

    def _documents(self, name: str) -> str:
        return str(paths.save_suggestion(name))

    def ask_save_pdf(self) -> None:
        if self.pdf is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, translate("ReportPage", "另存为 PDF"), self._documents(f"{self.shown_label}.pdf"),
            translate("ReportPage", "PDF 文件 (*.pdf)"))
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, target: Path) -> bool:
        """Copy the PDF on show to ``target`` (``.pdf`` added if missing)."""
        if self.pdf is None:
            return False
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            outfiles.copy(self.pdf, target)  # the last copy may be open in a PDF reader
        except SwdeskError as exc:
            show_error(self, str(exc))
            return False
        except OSError as exc:
            show_error(self, translate("ReportPage", "无法保存到 {}：{}").format(
                target, reason(exc)))
            return False
        self.status_label.setText(translate("ReportPage", "已保存：{}").format(target))
        return True

    def ask_export_excel(self) -> None:
        if self.task is not None:
            return
        kind = self.kind()
        request = self._chosen_request(kind)
        if request is None:
            return
        name = f"{self._report_kind(kind).label()}-{self.params.file_label(kind)}.xlsx"
        target, _filter = QFileDialog.getSaveFileName(
            self, translate("ReportPage", "导出 Excel"), self._documents(name),
            translate("ReportPage", "Excel 工作簿 (*.xlsx)"))
        if target:
            self.export_excel(Path(target), request)

    def export_excel(self, target: Path, request: ReportRequest | None = None) -> None:
        """Write the chosen report (one the registry marks ``excel``) to ``target``."""
        if request is None:
            request = self.params.request(self.kind())
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")

        def done(_note: str) -> None:
            self.task = None
            self.status_label.setText(translate("ReportPage", "已导出 Excel：{}").format(target))
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            self.task = None
            self._update_buttons()
            report(self, exc)

        self.task = generate_in_background(self, request, self.actor, target, done, failed)
        self._update_buttons()

    # --- leaving -----------------------------------------------------------------------------

    def discard_printout(self) -> None:
        """Forget the PDF on show and delete its file (it holds personal data)."""
        self.viewer.clear()
        if self.pdf is not None:
            self.pdf.unlink(missing_ok=True)
            self.pdf = None
        self._update_buttons()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.discard_printout()
        super().closeEvent(event)
