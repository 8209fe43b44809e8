"""The 打印 buttons of a service record, a case and a volunteer.

Each generates the paper on a worker thread into ``printouts/`` under the data dir,
then opens the print preview; the file is deleted when the preview is closed. Each
returns the running :class:`~ui.ops.Task` (tests wait on it; pages may ignore it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from swdesk.reports import ReportRequest, kinds
from swdesk.services.actor import Actor
from ui.errors import report
from ui.ops import Task
from ui.printing import preview_pdf
from ui.reports.generate import generate_in_background
from ui.reports.printouts import current_data_dir, printout_path


def _print(request: ReportRequest, actor: Actor, parent: QWidget | None,
           data_dir: Path | None) -> Task:
    title = kinds.get(request.kind).label()
    out = printout_path(data_dir if data_dir is not None else current_data_dir(), request.kind)

    def done(_note: str) -> None:
        preview_pdf(out, parent, title, on_closed=lambda: out.unlink(missing_ok=True))

    def failed(exc: BaseException) -> None:
        out.unlink(missing_ok=True)
        report(parent, exc)

    return generate_in_background(parent, request, actor, out, done, failed)


def print_record(record_id: int, actor: Actor, parent: QWidget | None, *,
                 data_dir: Path | None = None) -> Task:
    """Preview and print the service record sheet (服务记录表) of ``record_id``."""
    return _print(ReportRequest.of("record", record=str(record_id)), actor, parent, data_dir)


def print_case(case_id: int, actor: Actor, parent: QWidget | None, *,
               data_dir: Path | None = None) -> Task:
    """Preview and print the whole case file (个案档案) of ``case_id``."""
    return _print(ReportRequest.of("case", case=str(case_id)), actor, parent, data_dir)


def print_volunteer_certificate(volunteer_id: int, year: int | None, actor: Actor,
                                parent: QWidget | None, *, data_dir: Path | None = None) -> Task:
    """Issue a numbered certificate (志愿服务记录证明) for ``volunteer_id``, then preview it.

    ``year`` None counts all the volunteer's hours. Issuing registers the certificate
    number even if the preview is then closed without printing.
    """
    request = ReportRequest.of("volunteer", volunteer=str(volunteer_id),
                               year=str(year) if year else "")
    return _print(request, actor, parent, data_dir)
