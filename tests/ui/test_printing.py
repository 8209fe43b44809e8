"""PDF pages rendered with PDFium, printed through QPrinter, previewed, shown in the viewer;
the print buttons of a record, a case and a volunteer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from swdesk import demo, reports
from swdesk.db import StationDatabase
from swdesk.handle import StationHandle
from swdesk.model import AuditEntry, Case, ServiceRecord, VolunteerCertificate, VolunteerHour
from swdesk.reports import ReportRequest
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.printing import PdfPages, PdfPreviewDialog, PdfViewer, print_to, render_pages
from ui.printing.printer import new_printer
from ui.reports import print_actions


@pytest.fixture
def demo_sdb(sdb: StationDatabase) -> StationDatabase:
    demo.generate(200, 2000, seed=1)
    return sdb


@pytest.fixture
def case_pdf(demo_sdb: StationDatabase, tmp_path: Path) -> Path:
    case_id = Case.select(Case.id).order_by(Case.id).first().id
    out = tmp_path / "case.pdf"
    reports.run(ReportRequest.of("case", case=str(case_id)), SYSTEM, out)
    return out


@pytest.fixture
def parent(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    qtbot.waitUntil(lambda: ops.running() == 0)


def _close_next_box(seen: list[str]) -> None:
    """Press OK on the next message box that opens, remembering its text."""
    def close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close)
            return
        seen.append(box.text())
        box.accept()
    QTimer.singleShot(0, close)


def _previews() -> list[PdfPreviewDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, PdfPreviewDialog) and w.isVisible()]


def test_pages_render_at_the_asked_resolution(case_pdf: Path) -> None:
    count = len(PdfReader(case_pdf).pages)
    with PdfPages(case_pdf) as pages:
        assert pages.page_count() == count
        assert round(pages.page_size(0).width()) == 595  # A4 in points
        assert pages.page_pixels(0, 150) == (1241, 1754)  # 8.27 × 11.69 in, part pixels up
        image = pages.page(0, 150)
        assert (image.width(), image.height()) == (1241, 1754)
        assert round(image.dotsPerMeterX() * 0.0254) == 150
        # A real page: white paper with dark print on it.
        assert image.pixelColor(5, 5).name() == "#ffffff"
        darkest = min(image.pixelColor(x, image.height() // 4).lightness()
                      for x in range(0, image.width(), 2))
        assert darkest < 100
    images = render_pages(case_pdf, 72)
    assert len(images) == count
    assert all((img.width(), img.height()) == (596, 842) for img in images)


def test_printing_to_a_pdf_file_sends_every_page(qtbot: QtBot, case_pdf: Path,
                                                 tmp_path: Path) -> None:
    printer = new_printer("个案档案")
    assert printer.resolution() == 300
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    seen: list[tuple[int, int]] = []
    sent = print_to(printer, case_pdf, lambda done, total: seen.append((done, total)) or True)
    count = len(PdfReader(case_pdf).pages)
    assert sent == count
    assert seen[-1] == (count, count)
    printed = PdfReader(out)
    assert len(printed.pages) == count
    box = printed.pages[0].mediabox
    assert round(float(box.width)) == 595 and round(float(box.height)) == 842


def test_printing_keeps_to_the_chosen_pages(qtbot: QtBot, case_pdf: Path, tmp_path: Path) -> None:
    assert len(PdfReader(case_pdf).pages) >= 2
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "page2.pdf"
    printer.setOutputFileName(str(out))
    ranges = QPageRanges()
    ranges.addPage(2)
    printer.setPageRanges(ranges)
    assert print_to(printer, case_pdf) == 1
    assert len(PdfReader(out).pages) == 1


def test_preview_draws_every_page(qtbot: QtBot, case_pdf: Path, parent: QWidget) -> None:
    dialog = PdfPreviewDialog(case_pdf, parent, "个案档案")
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() == len(PdfReader(case_pdf).pages))
    assert dialog.failed is None
    dialog.close()


def test_viewer_zooms_and_fits_the_width(qtbot: QtBot, case_pdf: Path) -> None:
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    viewer.resize(900, 700)
    viewer.show()
    assert not viewer.zoom_in_button.isEnabled()
    assert viewer.load(case_pdf) == len(PdfReader(case_pdf).pages)
    qtbot.waitUntil(lambda: viewer.canvas.rendered >= 1)
    fitted = viewer.zoom()
    page = viewer.canvas.page_rects()[0]
    room = viewer.area.viewport().width()
    assert room - 40 <= page.width() <= room - 2 * 16  # fills the width, no sideways scroll
    assert not viewer.area.horizontalScrollBar().isVisible()
    qtbot.mouseClick(viewer.zoom_in_button, Qt.MouseButton.LeftButton)
    assert viewer.zoom() > fitted
    qtbot.mouseClick(viewer.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(viewer.zoom_out_button, Qt.MouseButton.LeftButton)
    assert viewer.zoom() < fitted
    qtbot.mouseClick(viewer.fit_button, Qt.MouseButton.LeftButton)
    assert viewer.zoom() == pytest.approx(fitted)
    assert f"共 {viewer.page_count()} 页" in viewer.page_label.text()
    # Only what is in view is rendered, not the whole document.
    qtbot.waitUntil(lambda: viewer.canvas.rendered >= 1)
    assert viewer.canvas.rendered < viewer.page_count()


def test_print_record_previews_the_sheet_and_tidies_up(qtbot: QtBot, demo_sdb: StationDatabase,
                                                       parent: QWidget) -> None:
    record = ServiceRecord.select().order_by(ServiceRecord.id).first()
    printed_before = AuditEntry.select().where(AuditEntry.action == "print").count()
    task = print_actions.print_record(record.id, StationHandle.of(demo_sdb), parent)
    qtbot.waitUntil(lambda: task.finished_ok and len(_previews()) == 1)
    dialog = _previews()[0]
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() >= 1)
    assert "服务记录表" in PdfReader(dialog.pdf_path).pages[0].extract_text()
    assert AuditEntry.select().where(AuditEntry.action == "print").count() == printed_before + 1
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.pdf_path.exists())


def test_print_case_previews_the_whole_file(qtbot: QtBot, demo_sdb: StationDatabase,
                                            parent: QWidget) -> None:
    case = Case.select().order_by(Case.id).first()
    task = print_actions.print_case(case.id, StationHandle.of(demo_sdb), parent)
    qtbot.waitUntil(lambda: task.finished_ok and len(_previews()) == 1)
    dialog = _previews()[0]
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == len(PdfReader(dialog.pdf_path).pages))
    assert str(case.case_no) in "".join(PdfReader(dialog.pdf_path).pages[0]
                                        .extract_text().split())
    dialog.reject()


def test_volunteer_certificate_is_registered_then_previewed(
        qtbot: QtBot, demo_sdb: StationDatabase, parent: QWidget) -> None:
    volunteer_id = VolunteerHour.select(VolunteerHour.volunteer).first().volunteer_id
    before = VolunteerCertificate.select().count()
    task = print_actions.print_volunteer_certificate(
        volunteer_id, None, StationHandle.of(demo_sdb), parent)
    qtbot.waitUntil(lambda: task.finished_ok and len(_previews()) == 1)
    cert = VolunteerCertificate.select().order_by(VolunteerCertificate.id.desc()).first()
    assert VolunteerCertificate.select().count() == before + 1
    assert cert.volunteer_id == volunteer_id
    dialog = _previews()[0]
    text = "".join(PdfReader(dialog.pdf_path).pages[0].extract_text().split())
    assert "志愿服务记录证明" in text and cert.cert_no in text
    dialog.reject()


def test_printing_a_missing_record_says_so(qtbot: QtBot, demo_sdb: StationDatabase,
                                           parent: QWidget) -> None:
    seen: list[str] = []
    _close_next_box(seen)
    task = print_actions.print_record(10**9, StationHandle.of(demo_sdb), parent)
    qtbot.waitUntil(lambda: bool(seen) and ops.running() == 0)
    assert not task.finished_ok
    assert seen and "Traceback" not in seen[0]
    assert not _previews()
    assert list((demo_sdb.data_dir / "printouts").iterdir()) == []
