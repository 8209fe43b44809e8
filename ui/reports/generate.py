"""Making a report for the window: the core's report functions, run on a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from swdesk import reports
from swdesk.model import VolunteerCertificate, describe
from swdesk.reports import ReportRequest
from swdesk.services import display
from swdesk.services.actor import Actor
from ui import ops

translate = QCoreApplication.translate


def generate(request: ReportRequest, actor: Actor, out: Path) -> str:
    """Write the report to ``out`` (worker thread); returns anything worth telling."""
    if request.kind == "volunteer":
        # Called directly rather than through reports.run: the window names the new
        # certificate number, which run() only puts inside its one-line summary.
        from swdesk.reports import volunteer

        cert = volunteer.issue_certificate(request.target, actor, out,
                                           year=request.year or None)
        hours = display.format_plain(cert.hours, describe(VolunteerCertificate).field("hours"))
        return translate("ReportPage", "已登记证明编号 {}，累计服务 {} 小时").format(
            cert.cert_no, hours)
    reports.run(request, actor, out)
    return ""


def generate_in_background(parent: QWidget | None, request: ReportRequest, actor: Actor,
                           out: Path, on_done: Callable[[str], None],
                           on_error: Callable[[BaseException], None] | None = None) -> ops.Task:
    """:func:`generate` off the GUI thread, with the usual wait box."""
    def work(_control: ops.TaskControl) -> Any:
        return generate(request, actor, out)

    return ops.run_task(parent, translate("ReportPage", "正在生成报表，请稍候…"), work, on_done,
                        on_error=on_error, cancellable=False)
