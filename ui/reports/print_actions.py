"""The 打印 buttons of a service record, a case, a community activity, a volunteer, a group,
a filled-in questionnaire and the volunteers' visit rota.

Each generates the paper on a worker thread into ``printouts/`` under the data dir,
then opens the print preview; the file is deleted when the preview is closed. Each
returns the running :class:`~ui.ops.Task` (tests wait on it; pages may ignore it).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from swdesk.handle import StationHandle
from swdesk.reports import ReportRequest, kinds
from ui import ops
from ui.errors import report
from ui.ops import Task
from ui.reports.generate import generate_in_background
from ui.reports.printouts import printout_path

translate = QCoreApplication.translate


def _print(request: ReportRequest, station: StationHandle, parent: QWidget | None) -> Task:
    title = kinds.get(request.kind).label()
    out = printout_path(station.data_dir, request.kind)  # (this station's printouts/)

    def done(_note: str) -> None:
        # (PDFium loads when a printout is first shown, not with every form that can print)
        from ui.printing import preview_pdf

        preview_pdf(out, parent, title, on_closed=lambda: out.unlink(missing_ok=True))

    def failed(exc: BaseException) -> None:
        out.unlink(missing_ok=True)
        report(parent, exc)

    return generate_in_background(parent, request, station.actor, out, done, failed)


def print_record(record_id: int, station: StationHandle, parent: QWidget | None) -> Task:
    """Preview and print the service record sheet (服务记录表) of ``record_id``."""
    return _print(ReportRequest.of("record", record=str(record_id)), station, parent)


def print_case(case_id: int, station: StationHandle, parent: QWidget | None,
               document: str = "file") -> Task:
    """Preview and print the whole case file (个案档案) of ``case_id``, or one of its
    documents (a key of ``swdesk.reports.case_names.DOCUMENTS``)."""
    return _print(ReportRequest.of("case", case=str(case_id), document=document), station,
                  parent)


def print_activity(activity_id: int, paper: str, station: StationHandle,
                   parent: QWidget | None) -> Task:
    """Preview and print one paper of a community activity (see the ``activity`` kind)."""
    return _print(ReportRequest.of("activity", activity=str(activity_id), paper=paper),
                  station, parent)


def print_volunteer_certificate(volunteer_id: int, year: int | None, station: StationHandle,
                                parent: QWidget | None) -> Task:
    """Issue a numbered certificate (志愿服务记录证明) for ``volunteer_id``, then preview it.

    ``year`` None counts all the volunteer's hours. Issuing registers the certificate
    number even if the preview is then closed without printing.
    """
    request = ReportRequest.of("volunteer", volunteer=str(volunteer_id),
                               year=str(year) if year else "")
    return _print(request, station, parent)


def print_group(paper: str, group_no: str, station: StationHandle,
                parent: QWidget | None) -> Task:
    """Preview and print one of a group's papers (``paper``: plan, session, summary, file)
    for the group numbered ``group_no``."""
    return _print(ReportRequest.of("group", paper=paper, group=group_no), station, parent)


def print_response(response_id: int, station: StationHandle, parent: QWidget | None) -> Task:
    """Preview and print one filled-in questionnaire with its answers, score and band."""
    return _print(ReportRequest.of("questionnaire", response=str(response_id)), station,
                  parent)


def print_rota(week: dt.date, volunteer_id: int | None, station: StationHandle,
               parent: QWidget | None) -> Task:
    """Preview and print the volunteers' visit rota (邻里守望探访排班表) of the week holding
    ``week``: one volunteer's (``volunteer_id``) or every volunteer's, a page each."""
    values = {"week": week.isoformat()}
    if volunteer_id is not None:
        values["volunteer"] = str(volunteer_id)
    return _print(ReportRequest.of("rota", **values), station, parent)


def reprint_certificate(cert_no: str, station: StationHandle, parent: QWidget | None) -> Task:
    """Preview and print a registered volunteer certificate again under its own number
    (no new number is registered; a voided one is refused with the reason)."""
    out = printout_path(station.data_dir, "certificate")

    def work(_control: ops.TaskControl) -> object:
        # (reportlab loads when a paper is first made, not when the window starts)
        from swdesk.reports import volunteer

        return volunteer.reprint_certificate(cert_no, station.actor, out)

    def done(_cert: object) -> None:
        # (PDFium loads when a printout is first shown, not with every form that can print)
        from ui.printing import preview_pdf

        preview_pdf(out, parent, translate("PrintActions", "补打志愿服务证明"),
                    on_closed=lambda: out.unlink(missing_ok=True))

    def failed(exc: BaseException) -> None:
        out.unlink(missing_ok=True)
        report(parent, exc)

    return ops.run_task(parent, translate("PrintActions", "正在生成证明，请稍候…"), work, done,
                        on_error=failed, cancellable=False)
