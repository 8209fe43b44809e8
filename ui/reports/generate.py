"""Making a report for the window: the core's report functions, run on a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from swdesk import reports
from swdesk.reports import ReportRequest
from swdesk.services.actor import Actor
from ui import ops

translate = QCoreApplication.translate


def generate(request: ReportRequest, actor: Actor, out: Path) -> str:
    """Write the report to ``out`` (worker thread); returns anything worth telling."""
    return reports.make(request, actor, out).note


def generate_in_background(parent: QWidget | None, request: ReportRequest, actor: Actor,
                           out: Path, on_done: Callable[[str], None],
                           on_error: Callable[[BaseException], None] | None = None) -> ops.Task:
    """:func:`generate` off the GUI thread, with the usual wait box."""
    def work(_control: ops.TaskControl) -> Any:
        return generate(request, actor, out)

    return ops.run_task(parent, translate("ReportPage", "正在生成报表，请稍候…"), work, on_done,
                        on_error=on_error, cancellable=False)
