"""One entry of the volunteer certificate register: what was certified, reprint, void.

A certificate's values were worked out when it was issued, so the page shows them and
offers no form: a wrong one is voided with its reason (its number stays taken) and a new
one issued from the volunteer's page.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from swdesk.errors import SwdeskError
from swdesk.model import VolunteerCertificate, describe
from swdesk.services import contract_year, crud, display
from ui.errors import report
from ui.pages.form_page import back_button, page_header
from ui.reports.print_actions import reprint_certificate
from ui.shell.context import AppContext

translate = QCoreApplication.translate


class CertificatePage(QWidget):
    closed = Signal()

    def __init__(self, ctx: AppContext, row_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("certificatePage")
        self.cert = crud.get(VolunteerCertificate, row_id) if row_id is not None else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header, self.title = page_header(self, "")
        self.reprint_button = QPushButton(translate("CertificatePage", "补打"), self)
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(self.reprint)
        self.void_button = QPushButton(translate("CertificatePage", "作废…"), self)
        self.void_button.setObjectName("voidButton")
        self.void_button.clicked.connect(self.ask_void)
        header.addWidget(self.reprint_button)
        header.addWidget(self.void_button)
        header.addWidget(back_button(self, self.closed.emit))
        layout.addLayout(header)
        self.status = QLabel(self)
        self.status.setObjectName("certificateStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.fields = QFormLayout()
        layout.addLayout(self.fields)
        layout.addStretch(1)
        self.show_cert()

    def show_cert(self) -> None:
        cert = self.cert
        if cert is None:  # 新建: a certificate is issued from its volunteer's page
            self.title.setText(translate("CertificatePage", "开具志愿服务证明"))
            self.status.setText(translate(
                "CertificatePage", "证明按志愿者的服务时长开具并自动编号：请在“志愿者”页打开"
                "该志愿者，点“打印志愿服务记录证明”。"))
            self.reprint_button.hide()
            self.void_button.hide()
            return
        self.title.setText(translate("CertificatePage", "志愿服务证明 · {}").format(cert.cert_no))
        while self.fields.rowCount():
            self.fields.removeRow(0)
        for spec in describe(VolunteerCertificate).fields:
            value = display.format_value(cert, spec, show_personal=True)
            if value:
                self.fields.addRow(spec.label, QLabel(value, self))
        voided = cert.voided_on is not None
        self.status.setProperty("role", "warning" if voided else "muted")
        self.status.setText(
            translate("CertificatePage", "已作废：{}（{}）。编号不再使用；如需证明请重新开具。")
            .format(cert.void_reason or "", cert.voided_on) if voided else
            translate("CertificatePage", "有效。补打沿用原编号，不登记新编号。"))
        self.status.style().polish(self.status)
        self.reprint_button.setEnabled(not voided)
        self.void_button.setEnabled(not voided)

    def reprint(self) -> None:
        if self.cert is not None:
            reprint_certificate(self.cert.cert_no, self.ctx.handle(), self)

    def ask_void(self) -> None:
        if self.cert is None:
            return
        reason, ok = QInputDialog.getText(
            self, translate("CertificatePage", "作废证明"),
            translate("CertificatePage", "作废 {} 的原因：").format(self.cert.cert_no))
        if ok:
            self.void(reason)

    def void(self, reason: str) -> None:
        """Void with ``reason``; a refusal (no reason) is said, nothing written."""
        if self.cert is None:
            return
        try:
            self.cert = contract_year.void_certificate(self.cert, reason, self.ctx.actor)
        except SwdeskError as exc:
            report(self, exc)
            return
        self.ctx.data_changed()
        self.show_cert()

    def confirm_leave(self) -> bool:
        return True

    def keep_draft(self) -> None:
        pass
