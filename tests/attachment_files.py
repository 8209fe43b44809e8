"""Files to attach in the tests: phone-like JPEGs with EXIF (GPS, make, model, orientation,
time taken), PNGs, PDFs, and the broken ones a person brings (text named .jpg, a JPEG cut
short)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PIL import Image

from swdesk.db.files import FileStore
from swdesk.model import Attachment, Client
from swdesk.services import crud
from swdesk.services.actor import SYSTEM

MAKE, MODEL, ORIENTATION = 0x010F, 0x0110, 0x0112
EXIF_IFD, GPS_IFD, DATETIME_ORIGINAL = 0x8769, 0x8825, 0x9003


def phone_exif(taken: dt.datetime | None = dt.datetime(2026, 11, 3, 10, 15),
               orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[MAKE] = "Apple"
    exif[MODEL] = "iPhone 15"
    exif[ORIENTATION] = orientation
    if taken is not None:
        exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = taken.strftime("%Y:%m:%d %H:%M:%S")
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (24.0, 26.0, 30.0)  # 厦门
    gps[3], gps[4] = "E", (118.0, 5.0, 20.0)
    return exif


def two_colours(size: tuple[int, int]) -> Image.Image:
    """Left half red, right half blue: which way up it is can be read back."""
    image = Image.new("RGB", size, (220, 20, 20))
    image.paste((20, 20, 220), (size[0] // 2, 0, size[0], size[1]))
    return image


def jpeg(path: Path, size: tuple[int, int] = (400, 300), *, orientation: int = 1,
         taken: dt.datetime | None = dt.datetime(2026, 11, 3, 10, 15)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    two_colours(size).save(path, "JPEG", quality=90,
                           exif=phone_exif(taken, orientation))
    return path


def png(path: Path, size: tuple[int, int] = (300, 200)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGBA", size, (0, 128, 0, 128))
    image.save(path, "PNG")
    return path


def pdf(path: Path, pages: int = 2) -> Path:
    from reportlab.pdfgen import canvas  # (only the tests that need a scan draw one)

    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path))
    for n in range(pages):
        c.drawString(100, 700, f"sign-in sheet page {n + 1}")
        c.showPage()
    c.save()
    return path


def truncated_jpeg(path: Path, size: tuple[int, int] = (800, 600)) -> Path:
    whole = jpeg(path.with_name("whole-" + path.name), size).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def text_named_jpg(path: Path) -> Path:
    path.write_text("这不是照片，是一段文字。\n", encoding="utf-8")
    return path


def stored_photos(data_dir: Path, n: int, first: int = 0) -> set[str]:
    """``n`` photos of one client (王芳, made if need be): distinct bytes put in the data
    dir's store and their attachment rows saved through crud (the store does not look
    inside a file); their hashes."""
    client = Client.get_or_none(Client.name == "王芳") or \
        crud.create(Client, {"name": "王芳"}, SYSTEM)
    made = set()
    for i in range(first, first + n):
        data = b"\xff\xd8\xff\xe0" + f"照片{i}".encode() * 300 + os.urandom(16)
        sha = FileStore.of(data_dir).put(data)
        crud.create(Attachment, {"caption": f"活动{i}", "client": client.id}, SYSTEM,
                    derived={"sha256": sha, "size": len(data), "media_type": "image/jpeg",
                             "file_name": f"活动{i}.jpg"})
        made.add(sha)
    return made
