"""What printing a page sends: vector shapes against the 300/600 dpi picture it replaced.

    QT_QPA_PLATFORM=offscreen python bench/bench_print.py [--clients N --records N]

Makes the monthly report and a case file on a demo station, prints each through
``ui.printing.print_to`` to a PDF file at 300 and 600 dpi (the stand-in for a spooler:
no printer here) and prints a Markdown table of bytes and seconds per page. For the
picture path it draws each page as the image the window used to send, and also states
the raw size of that image, which is what a Windows EMF spool file holds for it
(GDI keeps a DIB uncompressed). For the shapes it estimates the EMF from the path
elements, about 16 bytes each (Qt's Windows engine makes a GDI call per move or line and
one per three Bézier points; an EMF record is 16 bytes for a point, 52 for three).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from swdesk import demo, reports
from swdesk.db import open_station
from swdesk.model import Case
from swdesk.reports import ReportRequest
from swdesk.services import station
from swdesk.services.actor import SYSTEM
from ui.printing import PdfPages, print_to
from ui.printing.pdf_pages import POINTS_PER_INCH
from ui.printing.printer import new_printer

MB = 1024 * 1024


def _printer(out: Path, dpi: int) -> QPrinter:
    printer = new_printer()
    printer.setResolution(dpi)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def _as_pictures(printer: QPrinter, pdf: Path) -> int:
    """The old path: each page an image at the printer's resolution. Returns the image
    bytes (4 a pixel) of the pages sent."""
    raw = 0
    with PdfPages(pdf) as pages:
        painter = QPainter(printer)
        area = QRectF(painter.viewport())
        for index in range(pages.page_count()):
            if index:
                printer.newPage()
            size = pages.page_size(index)
            scale = min(area.width() / size.width(), area.height() / size.height())
            image = pages.page(index, scale * POINTS_PER_INCH)
            raw += image.sizeInBytes()
            painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
        painter.end()
    return raw


def _points(pdf: Path) -> int:
    with PdfPages(pdf) as pages:
        total = 0
        for index in range(pages.page_count()):
            shapes = pages.shapes(index)
            assert shapes is not None, f"page {index + 1} of {pdf.name} is not vector"
            total += sum(shape.path.elementCount() for shape in shapes.shapes)
        return total


def _row(name: str, count: int, dpi: int, way: str, out: Path, spool: str,
         took: float) -> str:
    size = out.stat().st_size / count / 1024
    return f"| {name} | {count} | {dpi} | {way} | {size:,.0f} kB | {spool} | {took / count:.2f} s |"


def measure(pdf: Path, work: Path, name: str) -> list[str]:
    with PdfPages(pdf) as pages:
        count = pages.page_count()
    rows = []
    points = _points(pdf)
    for dpi in (300, 600):
        out = work / f"{name}-{dpi}-shapes.pdf"
        start = time.perf_counter()
        print_to(_printer(out, dpi), pdf)
        took = time.perf_counter() - start
        spool = f"~{points * 16 / count / 1024:,.0f} kB ({points // count:,} elements)"
        rows.append(_row(name, count, dpi, "shapes", out, spool, took))
        out = work / f"{name}-{dpi}-picture.pdf"
        start = time.perf_counter()
        raw = _as_pictures(_printer(out, dpi), pdf)
        took = time.perf_counter() - start
        rows.append(_row(name, count, dpi, "picture", out, f"{raw / count / MB:,.1f} MB", took))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert app is not None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with open_station(work / "data", create=True):
            station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
            demo.generate(args.clients, args.records, seed=1)
            month = demo_month()
            reports.run(ReportRequest.of("monthly", month=month), SYSTEM, work / "monthly.pdf")
            case_id = Case.select(Case.id).order_by(Case.id).first().id
            reports.run(ReportRequest.of("case", case=str(case_id)), SYSTEM, work / "case.pdf")
        print("| document | pages | dpi | sent as | PDF file a page | GDI spool a page "
              "| time a page |")
        print("|---|---|---|---|---|---|---|")
        for name in ("monthly", "case"):
            for row in measure(work / f"{name}.pdf", work, name):
                print(row)
    return 0


def demo_month() -> str:
    """Last month, which the demo fills."""
    import datetime as dt

    first = dt.date.today().replace(day=1) - dt.timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


if __name__ == "__main__":
    sys.exit(main())
