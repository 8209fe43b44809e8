"""Photos and scans for the printing tests: scenes made with Pillow (a phone's EXIF time
on each), attached through the attachments service as a worker attaches them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw, ImageFont

from swdesk.handle import StationHandle
from swdesk.model import Attachment, database
from swdesk.resources import resource_path
from swdesk.services import attachments
from swdesk.services.actor import SYSTEM

# (width, height, sky, ground, words): landscape, wide, square and a portrait
SCENES = (
    (1600, 1200, (120, 180, 235), (90, 160, 70), "重阳游园 合影"),
    (2000, 1000, (250, 200, 120), (180, 120, 60), "义剪服务"),
    (1200, 1200, (200, 220, 250), (120, 120, 160), "测血压"),
    (1000, 1600, (230, 150, 170), (90, 90, 90), "志愿者引导"),
)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", "wqy-microhei.ttc")), size)


def scene(path: Path, width: int, height: int, sky: tuple[int, int, int],
          ground: tuple[int, int, int], words: str, taken: dt.datetime | None = None) -> Path:
    """A coloured scene with a sun, a horizon, people as circles and ``words`` on it."""
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.62)
    draw.rectangle((0, horizon, width, height), fill=ground)
    r = min(width, height) // 10
    draw.ellipse((width - 3 * r, r, width - r, 3 * r), fill=(255, 230, 80))
    for n in range(5):
        x = width * (n + 1) // 6
        draw.ellipse((x - r // 2, horizon - r, x + r // 2, horizon), fill=(60, 40, 40))
        draw.rectangle((x - r // 3, horizon, x + r // 3, horizon + int(r * 1.6)),
                       fill=(200, 60, 60))
    draw.text((width // 20, height // 20), words, fill=(20, 20, 20), font=_font(height // 10))
    draw.rectangle((0, 0, width - 1, height - 1), outline=(0, 0, 0), width=6)
    exif = Image.Exif()
    if taken is not None:  # DateTimeOriginal, in the photo's own IFD
        exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    image.save(path, "JPEG", quality=85, exif=exif)
    return path


def scenes(folder: Path, taken: dt.datetime | None = None) -> list[Path]:
    """The four scenes, taken a minute apart from ``taken``."""
    return [scene(folder / f"scene{n}.jpg", *spec, taken=taken + dt.timedelta(minutes=n - 1)
                  if taken else None) for n, spec in enumerate(SCENES, start=1)]


def scan(path: Path, pages: int = 2, words: str = "签到表") -> Path:
    """A scanned A4 paper as a PDF of page images (a phone scanner's)."""
    images = []
    for n in range(1, pages + 1):
        page = Image.new("RGB", (1240, 1754), (250, 250, 245))
        draw = ImageDraw.Draw(page)
        draw.text((120, 100), f"{words} 第{n}页", fill=(0, 0, 0), font=_font(60))
        for row in range(20):
            y = 260 + row * 70
            draw.line((120, y, 1120, y), fill=(0, 0, 0), width=2)
        images.append(page)
    images[0].save(path, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return path


def attach(link: str, owner_id: int, files: Sequence[Path],
           captions: Sequence[str] = ()) -> list[Attachment]:
    """Attach ``files`` to the owner as the system would, each with its caption."""
    db = database.obj
    station = StationHandle(Path(db.database).parent, db, SYSTEM)
    owner = attachments.Owner(link, owner_id)
    rows: list[Attachment] = []
    for n, path in enumerate(files):
        rows += attachments.attach(station, owner, [path],
                                   caption=captions[n] if n < len(captions) else None)
    return rows


def images_per_page(pdf: Path) -> list[int]:
    """How many image objects each page of ``pdf`` draws."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        counts = []
        for page in doc:
            counts.append(sum(1 for obj in page.get_objects(max_depth=2)
                              if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE))
        return counts
    finally:
        doc.close()


def image_sizes(pdf: Path) -> list[tuple[int, int]]:
    """The pixel size of every image object drawn, page after page."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [obj.get_px_size() for page in doc for obj in page.get_objects(max_depth=2)
                if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
    finally:
        doc.close()


def page_texts(pdf: Path) -> list[str]:
    """Each page's text without whitespace."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return ["".join(page.get_textpage().get_text_bounded().split()) for page in doc]
    finally:
        doc.close()
