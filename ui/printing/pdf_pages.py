"""PDF pages as QImages, rendered with PDFium (pypdfium2) one page at a time.

QtPdf is not an option (its only wheel needs PySide6 6.12, which crashes on
Python 3.11), so the window renders the core's PDFs itself. Pages are rendered
on demand: a 1,000-page batch of case files opens at once and costs memory only
for the pages actually looked at or printed. PDFium is not thread-safe; use a
:class:`PdfPages` from the GUI thread only.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtGui import QImage

from swdesk.errors import SwdeskError
from swdesk.pdf_lock import PDFIUM
from ui.printing.pdf_vector import PageShapes, page_shapes

translate = QCoreApplication.translate
POINTS_PER_INCH = 72.0
# BGRx bytes are QImage.Format_RGB32 on a little-endian machine (every PC swdesk runs on).
_LITTLE_ENDIAN = sys.byteorder == "little"


class PdfPages:
    """One open PDF: its page count, page sizes in points, and pages rendered at a DPI.

    The file is read into memory, so it is not held open (Windows could not replace
    or delete a file that is) and may be overwritten while it is shown.
    """

    def __init__(self, pdf_path: Path) -> None:
        self.path = Path(pdf_path)
        try:
            data = self.path.read_bytes()
            with PDFIUM:
                self._doc: pdfium.PdfDocument | None = pdfium.PdfDocument(data)
        except (OSError, pdfium.PdfiumError) as exc:
            raise SwdeskError(translate("Printing", "无法打开文件 {}：{}").format(
                self.path, exc)) from exc
        self._sizes: list[QSizeF] = []
        with PDFIUM:
            for index in range(len(self._doc)):
                page = self._doc[index]
                width, height = page.get_size()
                if page.get_rotation() in (90, 270):
                    width, height = height, width
                self._sizes.append(QSizeF(width, height))
                page.close()

    def page_count(self) -> int:
        return len(self._sizes)

    def page_size(self, index: int) -> QSizeF:
        """The page's size in points (1/72 inch), as it appears (rotation applied)."""
        return QSizeF(self._sizes[index])

    def page_pixels(self, index: int, dpi: float) -> tuple[int, int]:
        """The width and height in pixels that :meth:`page` gives at ``dpi``."""
        size = self._sizes[index]
        scale = dpi / POINTS_PER_INCH
        # PDFium rounds a part pixel up (A4 at 150 dpi: 1240.2 → 1241).
        return math.ceil(size.width() * scale - 1e-6), math.ceil(size.height() * scale - 1e-6)

    def page(self, index: int, dpi: float) -> QImage:
        """Page ``index`` (from 0) rendered at ``dpi``, white background, owning its pixels."""
        with PDFIUM:
            page = self._page(index)
            try:
                # 4 bytes a pixel, in Qt's own RGB32 layout where the byte order allows:
                # printing it skips a conversion.
                bitmap = page.render(scale=dpi / POINTS_PER_INCH, prefer_bgrx=True,
                                     rev_byteorder=not _LITTLE_ENDIAN)
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                               QImage.Format.Format_RGB32 if _LITTLE_ENDIAN
                               else QImage.Format.Format_RGBX8888)
                # The QImage above only borrows PDFium's buffer: copy before it goes away.
                owned = image.copy()
                bitmap.close()
            finally:
                page.close()
        dots_per_metre = round(dpi / 0.0254)
        owned.setDotsPerMeterX(dots_per_metre)
        owned.setDotsPerMeterY(dots_per_metre)
        return owned

    def shapes(self, index: int) -> PageShapes | None:
        """Page ``index`` as vector shapes for a printer, or None if it must be printed as
        a picture (see :mod:`ui.printing.pdf_vector`)."""
        with PDFIUM:
            page = self._page(index)
            try:
                return page_shapes(page)
            finally:
                page.close()

    def _page(self, index: int) -> pdfium.PdfPage:
        if self._doc is None:
            raise SwdeskError(translate("Printing", "文件已关闭：{}").format(self.path))
        if not 0 <= index < len(self._sizes):
            raise SwdeskError(translate("Printing", "没有第 {} 页").format(index + 1))
        return self._doc[index]

    def close(self) -> None:
        if self._doc is not None:
            with PDFIUM:
                self._doc.close()
            self._doc = None

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def page_count(pdf_path: Path) -> int:
    with PdfPages(pdf_path) as pages:
        return pages.page_count()


def render_pages(pdf_path: Path, dpi: float) -> list[QImage]:
    """Every page of ``pdf_path`` at ``dpi`` (for small documents; see :class:`PdfPages`)."""
    with PdfPages(pdf_path) as pages:
        return [pages.page(i, dpi) for i in range(pages.page_count())]
