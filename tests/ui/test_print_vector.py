"""Printing sends each page as vector shapes, not as a 300 dpi picture (issue 19: tens of MB
a page through the Windows spooler); only a page holding something else goes as a picture."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageFilter
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from swdesk import demo, reports
from swdesk.db import StationDatabase
from swdesk.model import Case
from swdesk.reports import ReportRequest
from swdesk.services.actor import SYSTEM
from ui.printing import print_to
from ui.printing.pdf_vector import page_shapes
from ui.printing.printer import new_printer

CHECK_DPI = 100


@pytest.fixture
def printouts(sdb: StationDatabase, tmp_path: Path) -> list[Path]:
    """The monthly report (tables, a chart) and a case file, as the core makes them."""
    demo.generate(60, 600, seed=1)
    last_month = dt.date.today().replace(day=1) - dt.timedelta(days=1)
    monthly = tmp_path / "monthly.pdf"
    reports.run(ReportRequest.of("monthly", month=last_month.strftime("%Y-%m")), SYSTEM, monthly)
    case = tmp_path / "case.pdf"
    case_id = Case.select(Case.id).order_by(Case.id).first().id
    reports.run(ReportRequest.of("case", case=str(case_id)), SYSTEM, case)
    return [monthly, case]


def _print(pdf: Path, out: Path, dpi: int) -> int:
    printer = new_printer()
    printer.setResolution(dpi)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return print_to(printer, pdf)


def _pictures_per_page(pdf: Path) -> list[int]:
    counts = []
    for page in PdfReader(pdf).pages:
        objects = page["/Resources"].get("/XObject", {})
        counts.append(sum(1 for ref in objects.values()
                          if ref.get_object().get("/Subtype") == "/Image"))
    return counts


def test_printing_sends_shapes_and_a_small_spool(printouts: list[Path], tmp_path: Path) -> None:
    for pdf in printouts:
        out = tmp_path / f"printed-{pdf.name}"
        sent = _print(pdf, out, 600)
        assert _pictures_per_page(out) == [0] * sent, pdf.name
        # A PDF file stands in for the spooler: a page as a 600 dpi picture was 2 MB here
        # (and 133 MB of raw pixels for GDI); as shapes it does not depend on the dpi. The
        # Song face's glyph outlines have more points than the Hei face's: about 0.5 MB.
        assert out.stat().st_size / sent < 1024 * 1024, pdf.name


def _ink(image: Image.Image, darker_than: int = 160) -> Image.Image:
    return image.convert("L").point(lambda v: 255 if v < darker_than else 0)


def _stray(image: Image.Image, other: Image.Image) -> int:
    """Pixels of firm ink in image with not even faint ink of other within one pixel.

    The Song face's hairlines are a third of a pixel at the check's 100 dpi: PDFium snaps
    them to whole dark pixels, Qt's antialiased paths spread them over two light ones.
    Both are ink; a glyph or line missing from one image is no ink at all there.
    """
    lone = ImageChops.subtract(_ink(image), _ink(other, 224).filter(ImageFilter.MaxFilter(3)))
    return sum(1 for v in lone.get_flattened_data() if v)


def _to_pil(image: QImage) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data().data())))


def test_shapes_draw_what_pdfium_renders(printouts: list[Path]) -> None:
    """Every page of both printouts replayed as shapes matches PDFium's own rendering:
    the same ink to within a pixel, nothing missing, nothing added."""
    for pdf in printouts:
        doc = pdfium.PdfDocument(pdf)
        for index in range(len(doc)):
            page = doc[index]
            reference = page.render(scale=CHECK_DPI / 72).to_pil()
            shapes = page_shapes(page)
            assert shapes is not None, f"{pdf.name} page {index + 1}"
            drawn = QImage(reference.width, reference.height, QImage.Format.Format_RGB32)
            drawn.fill(Qt.GlobalColor.white)
            painter = QPainter(drawn)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)  # as PDFium renders
            painter.scale(CHECK_DPI / 72, CHECK_DPI / 72)
            shapes.draw(painter)
            painter.end()
            mine = _to_pil(drawn)
            ink = sum(1 for v in _ink(reference).get_flattened_data() if v)
            assert ink > 5000, "a page with print on it"
            differing = _stray(mine, reference) + _stray(reference, mine)
            assert differing < 0.01 * ink, f"{pdf.name} page {index + 1}: {differing} of {ink}"
            page.close()
        doc.close()


def test_only_a_page_holding_a_picture_goes_as_one(tmp_path: Path) -> None:
    """Shapes cannot carry a photograph: that page alone is rendered, the others not."""
    source = tmp_path / "mixed.pdf"
    canvas = Canvas(str(source), pagesize=A4)
    for n in range(3):
        canvas.drawString(72, 700, f"page {n + 1}")
        canvas.line(72, 690, 300, 690)
        if n == 1:
            photo = io.BytesIO()
            Image.new("RGB", (40, 30), "#2f6fb0").save(photo, "PNG")
            canvas.drawImage(ImageReader(io.BytesIO(photo.getvalue())), 72, 500, 120, 90)
        canvas.showPage()
    canvas.save()
    out = tmp_path / "printed.pdf"
    assert _print(source, out, 300) == 3
    assert _pictures_per_page(out) == [0, 1, 0]
