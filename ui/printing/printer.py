"""Printing and previewing the core's PDFs through Qt: one drawing path for both.

:func:`print_to` draws every page of a PDF on a :class:`QPrinter` (a real printer, a
PDF file, or the preview's recorder), as vector shapes (:mod:`ui.printing.pdf_vector`),
one page at a time. :func:`print_pdf` adds the print dialog and a
progress box; :func:`preview_pdf` opens Qt's print preview, whose pages are drawn by
the same :func:`print_to`, so what the preview shows is what the printer gets.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QProgressDialog, QWidget

from swdesk.errors import SwdeskError
from ui.errors import report
from ui.printing.pdf_pages import POINTS_PER_INCH, PdfPages
from ui.widgets.screen_fit import fit_to_screen

translate = QCoreApplication.translate
# QPrinter's HighResolution default is 1200 dpi. Pages go as shapes and do not depend on
# it; a page that must go as a picture is rendered at it, and 300 dpi is what office
# laser printers print text at.
PRINT_DPI = 300

Progress = Callable[[int, int], bool]  # (pages done, pages in all) -> go on?


def new_printer(doc_name: str = "") -> QPrinter:
    """An A4 printer at 300 dpi drawing on the whole sheet (the PDFs carry their margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_DPI)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    if doc_name:
        printer.setDocName(doc_name)
    return printer


def _wanted_pages(printer: QPrinter, count: int) -> list[int]:
    """The pages (from 0) the person asked for in the dialog; all when no range was given."""
    ranges = printer.pageRanges()
    if ranges.isEmpty():
        return list(range(count))
    return [i for i in range(count) if ranges.contains(i + 1)]


def _draw_page(painter: QPainter, pages: PdfPages, index: int, area: QRectF) -> None:
    """Page ``index`` scaled into ``area`` keeping its aspect, turned if its orientation
    differs from the sheet's (a landscape table on portrait paper). Drawn as shapes (the
    printer gets curves, not pixels); as a picture only if the page holds other things."""
    size = pages.page_size(index)
    turn = (size.width() > size.height()) != (area.width() > area.height())
    room_w, room_h = (area.height(), area.width()) if turn else (area.width(), area.height())
    scale = min(room_w / size.width(), room_h / size.height())  # device pixels per point
    w, h = size.width() * scale, size.height() * scale
    shapes = pages.shapes(index)
    painter.save()
    painter.translate(area.center())
    if turn:
        painter.rotate(90)
    if shapes is not None:
        painter.translate(-w / 2, -h / 2)
        painter.scale(scale, scale)
        shapes.draw(painter)
    else:
        # Rendered at exactly the device resolution of the target: no rescaling.
        painter.drawImage(QRectF(-w / 2, -h / 2, w, h), pages.page(index, scale * POINTS_PER_INCH))
    painter.restore()


def print_to(printer: QPrinter, pdf_path: Path, progress: Progress | None = None,
             smooth: bool = False) -> int:
    """Draw the pages of ``pdf_path`` on ``printer``; returns the number of pages sent.

    ``progress`` is called after each page; returning False stops (the job is aborted).
    ``smooth`` antialiases, for a preview on screen (a printer needs none).
    """
    with PdfPages(pdf_path) as pages:
        wanted = _wanted_pages(printer, pages.page_count())
        if not wanted:
            raise SwdeskError(translate("Printing", "所选页码范围内没有页面"))
        painter = QPainter()
        if not painter.begin(printer):
            raise SwdeskError(translate("Printing", "无法开始打印：请检查打印机是否已连接、"
                                                    "是否缺纸，或所选文件能否写入"))
        sent = 0
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
            area = QRectF(painter.viewport())
            for n, index in enumerate(wanted):
                if n and not printer.newPage():
                    raise SwdeskError(translate("Printing", "打印机未能换页，打印已中止"))
                _draw_page(painter, pages, index, area)
                sent += 1
                if progress is not None and not progress(sent, len(wanted)):
                    printer.abort()
                    break
        finally:
            painter.end()
        return sent


def print_pdf(pdf_path: Path, parent: QWidget | None, doc_name: str = "") -> bool:
    """Ask for a printer (QPrintDialog), then print; True when the pages were sent."""
    with PdfPages(pdf_path) as pages:
        count = pages.page_count()
    printer = new_printer(doc_name or Path(pdf_path).stem)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("Printing", "打印"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, count)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    return print_with_progress(printer, pdf_path, parent)


def print_with_progress(printer: QPrinter, pdf_path: Path, parent: QWidget | None) -> bool:
    """:func:`print_to` with a progress box and a cancel button; errors shown, not raised."""
    box = QProgressDialog(translate("Printing", "正在打印…"), translate("Printing", "取消"),
                          0, 0, parent)
    box.setWindowTitle(translate("Printing", "打印"))
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setMinimumDuration(600)  # a one-page sheet prints without a box flashing up

    def step(done: int, total: int) -> bool:
        box.setMaximum(total)
        box.setValue(done)  # a modal box handles its events here, so cancel is heard
        return not box.wasCanceled()

    sent, cancelled = 0, False
    try:
        sent = print_to(printer, pdf_path, step)
        cancelled = box.wasCanceled()  # read before close(): closing counts as cancelling
    except SwdeskError as exc:
        report(parent, exc)
    finally:
        box.close()
        box.deleteLater()
    return sent > 0 and not cancelled


class PdfPreviewDialog(QPrintPreviewDialog):
    """Qt's print preview of a PDF; its print button prints through the same path."""

    def __init__(self, pdf_path: Path, parent: QWidget | None = None, doc_name: str = "") -> None:
        printer = new_printer(doc_name or Path(pdf_path).stem)
        super().__init__(printer, parent)
        self.held_printer = printer  # the dialog does not own it: keep it alive with the dialog
        self.pdf_path = Path(pdf_path)
        self.failed: SwdeskError | None = None
        self.setWindowTitle(translate("Printing", "打印预览"))
        fit_to_screen(self, QSize(900, 1000))
        self.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        try:
            print_to(printer, self.pdf_path, smooth=True)
        except SwdeskError as exc:  # a slot must not raise: remember it and tell the person
            self.failed = exc
            report(self, exc)


def preview_pdf(pdf_path: Path, parent: QWidget | None, doc_name: str = "",
                on_closed: Callable[[], None] | None = None) -> PdfPreviewDialog:
    """Open the print preview of ``pdf_path`` (window-modal, does not block); printing is one
    click from there. ``on_closed`` runs when the person closes it."""
    dialog = PdfPreviewDialog(pdf_path, parent, doc_name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_closed is not None:
        dialog.finished.connect(lambda _result: on_closed())
    dialog.open()
    return dialog
