"""Photos and scanned papers on paper: two or four to an A4 page, each with its caption.

What evaluators leaf through as 过程佐证材料: each photo scaled into its cell keeping its
shape, its caption and the time it was taken under it. A photo the person printing may
not see prints as a framed placeholder (its caption left out too: a caption can name the
client). A PDF scan (a signed consent form, a sign-in sheet) prints each of its pages on
a page of its own, large enough to read the signatures; a quarter page would not be.

The photos come from ``services/attachments.print_photos`` (its ``PrintPhoto``: the
stored path, caption, time taken, masked). Images are drawn from the stored, print-size
file (never the original) by its path: reportlab reads a JPEG's bytes once per document
and writes them as they are, without decoding them, and a photo drawn twice is stored
once. A PDF's page is rendered when its page is drawn, at print resolution, so only one
page image is in memory at a time.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether, PageBreak

from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.model import database
from swdesk.pdf_lock import PDFIUM
from swdesk.reports import layout as lay
from swdesk.reports import print_copies
from swdesk.reports.text_fit import CELL_SIZE, cell_font, text_width, wrap_text
from swdesk.services import attachments
from swdesk.services.actor import Actor
from swdesk.services.attachments import PrintPhoto

PER_PAGE = (2, 4)  # the choices a printout offers
FILE_PER_PAGE = 4  # an activity's, group's or case's file: many photos, four a page
SHEET_PER_PAGE = 2  # a single record's sheet: few photos, larger
SCAN_DPI = 150  # a PDF scan's pages rendered at print resolution
MAX_STRETCH = 72 / 96  # points per pixel at most: a small image is not blown up past 96 dpi
GUTTER = 6 * mm
HEADING_ROOM = 16 * mm  # every page keeps room for a heading, so cells are all one size
SQUEEZE = 0.7  # a row may shrink to this share of its height to stay on the page
CAPTION_LINES = 3
LEADING = CELL_SIZE * 1.4
DATE_SIZE = 8
CAPTION_ROOM = CAPTION_LINES * LEADING + DATE_SIZE * 1.6 + 2 * mm
FRAME_LINE = colors.HexColor("#999999")
PLACEHOLDER_FILL = colors.HexColor("#F2F2F2")
PDF_MAGIC = b"%PDF"
PLACEHOLDER_SHAPE = 0.75  # a placeholder's height to its width (a 4:3 photo's)


@dataclass(frozen=True)
class _Cell:
    """What one cell draws: a photo, or one page of a scan (``page`` of ``pages``)."""

    photo: PrintPhoto
    page: int | None = None
    pages: int = 0


def is_pdf(path: Path) -> bool:
    """Whether the stored file is a PDF (stored files are named by hash, not by type)."""
    try:
        with open(path, "rb") as f:
            return f.read(4) == PDF_MAGIC
    except OSError:
        return False


def _pdf_pages(path: Path) -> int:
    # (pypdfium2 is loaded when a scan is printed, not when the program starts)
    import pypdfium2

    with PDFIUM:
        try:
            pdf = pypdfium2.PdfDocument(str(path))
        except (pypdfium2.PdfiumError, OSError):
            return 0
        try:
            return len(pdf)
        finally:
            pdf.close()  # (Windows: a file held open could not be removed or backed up)


def _frame_height() -> float:
    return lay.page_size()[1] - lay.MARGIN_TOP - lay.MARGIN_BOTTOM


def row_height(per_page: int) -> float:
    """A row of cells: two rows to a page, with room left for one heading."""
    return (_frame_height() - HEADING_ROOM - GUTTER) / 2 if per_page in PER_PAGE else (
        _frame_height() - HEADING_ROOM)


def checked_per_page(per_page: int | str) -> int:
    value = int(per_page)
    if value not in PER_PAGE:
        raise ValueError(f"photos per page must be one of {PER_PAGE}: {per_page!r}")
    return value


class PhotoRow(Flowable):
    """One row of cells: two photos side by side (four a page), one photo across the
    page (two a page), or one scan page filling the page (``per_page`` 1)."""

    def __init__(self, cells: Sequence[_Cell], per_page: int) -> None:
        super().__init__()
        self.cells = list(cells)
        self.per_page = per_page
        self.columns = 2 if per_page == 4 else 1

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # A little shorter rather than a page left half empty (under a file's title and
        # headings two rows would not quite fit); much shorter, and it starts a new page.
        full = row_height(self.per_page)
        if all(cell.photo.masked for cell in self.cells):  # placeholders need less
            full = min(full, self._cell_width(availWidth) * PLACEHOLDER_SHAPE + CAPTION_ROOM)
        self.width = availWidth
        self.height = availHeight if SQUEEZE * full <= availHeight < full else full
        return self.width, self.height

    def _cell_width(self, width: float) -> float:
        return (width - GUTTER * (self.columns - 1)) / self.columns

    def draw(self) -> None:
        cell_w = self._cell_width(self.width)
        for n, cell in enumerate(self.cells):
            x = n * (cell_w + GUTTER)
            _draw_cell(self.canv, cell, x, cell_w, self.height)


def _caption_lines(cell: _Cell, width: float) -> list[str]:
    photo = cell.photo
    if photo.masked:
        return []
    caption = photo.caption.strip()
    if cell.page is not None and cell.pages > 1:
        caption = _("{}（第 {}/{} 页）", "{} (page {} of {})").format(
            caption or _("扫描件", "Scan"), cell.page + 1, cell.pages)
    lines = wrap_text(caption, width) if caption else []
    if len(lines) > CAPTION_LINES:
        last = lines[CAPTION_LINES - 1]
        while last and text_width(last + "…") > width:
            last = last[:-1]
        lines = [*lines[:CAPTION_LINES - 1], last + "…"]
    return lines


def _taken_text(photo: PrintPhoto) -> str:
    if photo.masked or photo.taken_at is None:
        return ""
    return _("拍摄时间：{}", "Taken: {}").format(photo.taken_at.strftime("%Y-%m-%d %H:%M"))


def _draw_cell(canv: Any, cell: _Cell, x: float, width: float, height: float) -> None:
    """The photo at the top of its cell, the caption and time taken right under it."""
    box_h = height - CAPTION_ROOM
    bottom = None if cell.photo.masked else _draw_image(canv, cell, x, height, width, box_h)
    if bottom is None:  # hidden, or the file cannot be read: a framed placeholder
        bottom = height - min(box_h, width * PLACEHOLDER_SHAPE)
        _placeholder(canv, x, bottom, width, height - bottom, _(
            "照片不可见：无权查看该个案", "Photo hidden: you may not see this case")
            if cell.photo.masked else _("文件缺失或已损坏，无法打印",
                                        "The file is missing or damaged"))
    y = bottom - 1.5 * mm - CELL_SIZE
    for line in _caption_lines(cell, width):
        canv.setFont(cell_font(line, False), CELL_SIZE)
        canv.drawCentredString(x + width / 2, y, line)
        y -= LEADING
    taken = _taken_text(cell.photo)
    if taken:
        canv.setFont(cell_font(taken, False), DATE_SIZE)
        canv.setFillColor(colors.HexColor("#444444"))
        canv.drawCentredString(x + width / 2, y - 0.5 * mm, taken)
        canv.setFillColor(colors.black)


def _source(cell: _Cell) -> tuple[Path | ImageReader, int, int] | None:
    """What reportlab draws for ``cell`` and its size in pixels; None if unreadable."""
    if cell.page is not None:
        return _scan_page(cell.photo.path, cell.page)
    # (Pillow reads only the header here: the size, not the pixels)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(cell.photo.path) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError):
        return None
    return cell.photo.path, width, height


def _scan_page(path: Path, page: int) -> tuple[ImageReader, int, int] | None:
    # (pypdfium2 is loaded when a scan is printed, not when the program starts)
    import pypdfium2

    with PDFIUM:
        try:
            pdf = pypdfium2.PdfDocument(str(path))
        except (pypdfium2.PdfiumError, OSError):
            return None
        try:
            image = pdf[page].render(scale=SCAN_DPI / 72).to_pil().convert("RGB")
        finally:
            pdf.close()
    data = io.BytesIO()
    image.save(data, "JPEG", quality=85)  # a page as a JPEG: a tenth of its pixels' size
    data.seek(0)
    return ImageReader(data), image.width, image.height


def _draw_image(canv: Any, cell: _Cell, x: float, top: float, width: float,
                height: float) -> float | None:
    """Draw the cell's image into the box under ``top``, centred across; the y of its
    foot, or None if the file cannot be read."""
    source = _source(cell)
    if source is None:
        return None
    image, px_w, px_h = source
    scale = min(width / px_w, height / px_h)
    if cell.page is None:
        scale = min(scale, MAX_STRETCH)
    w, h = px_w * scale, px_h * scale
    left, bottom = x + (width - w) / 2, top - h
    if isinstance(image, Path):  # a stored photo: drawn at the size the paper needs
        image = str(print_copies.print_copy(image, px_w, px_h, w, h))
    _draw_binary(canv, image, left, bottom, w, h)
    canv.setStrokeColor(FRAME_LINE)
    canv.setLineWidth(0.4)
    canv.rect(left, bottom, w, h, stroke=1, fill=0)
    canv.setStrokeColor(colors.black)
    return bottom


def _draw_binary(canv: Any, image: str | ImageReader, x: float, y: float, w: float,
                 h: float) -> None:
    """drawImage, the image's bytes written as they are: reportlab would write them as
    ASCII85 text by default, a quarter larger in memory and in the file."""
    before = rl_config.useA85
    rl_config.useA85 = 0  # (read once, when the image is first drawn in the document)
    try:
        canv.drawImage(image, x, y, w, h, mask="auto")
    finally:
        rl_config.useA85 = before


def _placeholder(canv: Any, x: float, y: float, width: float, height: float,
                 text: str) -> None:
    canv.saveState()
    canv.setFillColor(PLACEHOLDER_FILL)
    canv.setStrokeColor(FRAME_LINE)
    canv.setLineWidth(0.8)
    canv.setDash(3, 2)
    canv.rect(x, y, width, height, stroke=1, fill=1)
    canv.setFillColor(colors.HexColor("#555555"))
    lines = wrap_text(text, width - 8 * mm, size=11)
    top = y + height / 2 + (len(lines) - 1) * 8
    for n, line in enumerate(lines):
        canv.setFont(cell_font(line, True), 11)
        canv.drawCentredString(x + width / 2, top - n * 16, line)
    canv.restoreState()


def photo_rows(photos: Sequence[PrintPhoto], per_page: int = FILE_PER_PAGE) -> list[Flowable]:
    """The rows that print ``photos``: the photos in a grid, then each scan's pages one to
    a page."""
    per_page = checked_per_page(per_page)
    columns = 2 if per_page == 4 else 1
    images: list[_Cell] = []
    scans: list[_Cell] = []
    for photo in photos:
        if not photo.masked and is_pdf(photo.path):
            pages = _pdf_pages(photo.path)
            if pages:
                scans += [_Cell(photo, page, pages) for page in range(pages)]
                continue
        images.append(_Cell(photo))
    rows: list[Flowable] = [PhotoRow(images[i:i + columns], per_page)
                            for i in range(0, len(images), columns)]
    rows += [PhotoRow([cell], 1) for cell in scans]
    return rows


def photo_section(title: str, photos: Sequence[PrintPhoto], per_page: int = FILE_PER_PAGE,
                  *, new_page: bool = True) -> list[Flowable]:
    """A heading and the photos under it (from a new page), the heading kept with the
    first row; nothing when there are no photos."""
    rows = photo_rows(photos, per_page)
    if not rows:
        return []
    head: list[Flowable] = [PageBreak()] if new_page else []
    return [*head, KeepTogether([lay.heading(title), rows[0]]), *rows[1:]]


# --- whose photos ------------------------------------------------------------------------------

def station_of(actor: Actor) -> StationHandle:
    """The station the models are bound to, ``actor`` acting (a printout is given the
    actor; the attachments service asks for the station)."""
    db = database.obj
    return StationHandle(Path(db.database).parent, db, actor)


def photos_of(actor: Actor, link: str, owner_id: int, *,
              hide: bool = False) -> list[PrintPhoto]:
    """One owner's photos and scans as they print, in the order they were taken (or
    attached): masked where the attachments' rule hides them from ``actor``, and all of
    them when ``hide`` (a paper that masks its client's personal data)."""
    photos = attachments.print_photos(station_of(actor), attachments.Owner(link, owner_id))
    return [replace(p, masked=True) for p in photos] if hide else photos
