"""What an attached file really is, and the cleaned file the station stores (issue 24).

A file is known by its bytes, never by its name: a ``.jpg`` that holds text, a JPEG cut
short by a full card, a video renamed ``.png`` are refused, naming the file. A photo is
cleaned before it is stored: EXIF orientation applied, every EXIF tag dropped (location,
camera make and model, serial numbers; the time it was taken is kept as a column), scaled
to print size (longest side 2,000 px; a smaller photo keeps its size) and re-encoded (JPEG
quality 85, a PNG stays a PNG, a HEIC photo becomes a JPEG). A PDF scan is stored as it
is, once PDFium has opened it.

Pillow, pillow-heif and pypdfium2 are imported inside the functions that use them: the
window imports the attachments service at start, and decoding only happens on import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.pdf_lock import PDFIUM

if TYPE_CHECKING:
    from PIL import Image as PILImage

PRINT_SIDE = 2000  # px, the longest side of the stored photo: A4 at about 240 dpi
THUMB_SIDE = 256  # px, the longest side of a thumbnail
JPEG_QUALITY = 85
ORIGINAL_QUALITY = 95  # the kept original: full size, re-encoded without its EXIF
THUMB_QUALITY = 80

JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
HEIF = "image/heif"  # read, never stored: a HEIC photo is stored as a JPEG

# What each name ending says the file is.
SUFFIXES: dict[str, str] = {
    ".jpg": JPEG, ".jpeg": JPEG, ".jpe": JPEG, ".png": PNG, ".heic": HEIF, ".heif": HEIF,
    ".hif": HEIF, ".pdf": PDF,
}
_KIND_WORDS: dict[str, tuple[str, str]] = {
    JPEG: ("JPEG 图片", "a JPEG image"), PNG: ("PNG 图片", "a PNG image"),
    HEIF: ("HEIC 照片", "a HEIC photo"), PDF: ("PDF 文件", "a PDF file"),
}
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")

# EXIF tags: the IFD of the photo's own details, DateTimeOriginal there, DateTime in IFD0.
_EXIF_IFD, _DATETIME_ORIGINAL, _DATETIME = 0x8769, 0x9003, 0x0132


@dataclass(frozen=True)
class Prepared:
    """A file checked and cleaned, waiting in the store's ``tmp/`` to be placed."""

    source: Path
    file_name: str
    media_type: str
    sha256: str
    size: int
    tmp: Path  # the cleaned file, fsynced, to be moved under its hash
    width: int | None
    height: int | None
    pages: int | None
    taken_at: dt.datetime | None
    original_sha256: str | None = None
    original_tmp: Path | None = None  # the cleaned full-size original, when kept
    thumb: bytes | None = None  # a photo's thumbnail, made while it was decoded anyway

    def temporaries(self) -> list[Path]:
        return [p for p in (self.tmp, self.original_tmp) if p is not None]


def kind_words(media_type: str) -> str:
    zh, en = _KIND_WORDS.get(media_type, ("该类型", "this type"))
    return _(zh, en)


def sniff(head: bytes) -> str | None:
    """The media type the first bytes of a file say, or None if we do not take it."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"%PDF-"):
        return PDF
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIF
    return None


def _refuse(path: Path, zh: str, en: str) -> ValidationError:
    return ValidationError(_("{}：" + zh, "{}: " + en).format(path.name))


def check_kind(path: Path, max_bytes: int) -> str:
    """The media type of the file at ``path`` by its bytes; ValidationError naming the file
    when its name says another kind, it is of a kind we do not take, or is too large."""
    expected = SUFFIXES.get(path.suffix.lower())
    if expected is None:
        raise _refuse(path, "不支持这种文件，只能添加照片（JPEG、PNG、HEIC）和 PDF",
                      "this kind of file is not taken; attach photos (JPEG, PNG, HEIC) or PDF")
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(32)
    except FileNotFoundError:
        raise _refuse(path, "找不到这个文件", "the file is not there") from None
    except OSError:
        raise _refuse(path, "无法读取这个文件（可能正被其他程序占用）",
                      "the file cannot be read (another program may hold it)") from None
    if size > max_bytes:
        raise ValidationError(_("{}：文件太大（{:.1f} MB，最大 {} MB）",
                                "{}: the file is too large ({:.1f} MB; at most {} MB)").format(
            path.name, size / 1e6, max_bytes // 1_000_000))
    actual = sniff(head)
    if actual is None and size == 0:
        raise _refuse(path, "文件是空的", "the file is empty")
    if actual != expected:
        if actual is None:
            raise ValidationError(_("{}：文件名说是{}，内容却不是（可能是改了扩展名的其他文件）",
                                    "{}: its name says {} but it is not one (another kind of "
                                    "file renamed?)").format(path.name, kind_words(expected)))
        raise ValidationError(_("{}：文件名说是{}，内容却是{}，请改正扩展名后再添加",
                                "{}: its name says {} but it is {}; correct the name and "
                                "attach it again").format(
            path.name, kind_words(expected), kind_words(actual)))
    return actual


def damaged(path: Path) -> ValidationError:
    return _refuse(path, "文件已损坏或不完整，无法打开（请从原处重新拷贝）",
                   "the file is damaged or incomplete (copy it again from where it came from)")


def too_many_pixels(path: Path) -> ValidationError:
    # (Pillow's guard against a small file that decodes into gigabytes: 179 million pixels)
    return _refuse(path, "图片像素太多，无法作为照片添加（请先缩小）",
                   "the picture has too many pixels to be attached (make it smaller first)")


def prepare(path: Path, tmp_dir: Path, *, max_bytes: int, keep_original: bool) -> Prepared:
    """Check the file at ``path`` and write its cleaned form into ``tmp_dir``.

    Raises ValidationError naming the file; then nothing of it is left in ``tmp_dir``.
    """
    media_type = check_kind(path, max_bytes)
    written: list[Path] = []
    try:
        if media_type == PDF:
            return _prepare_pdf(path, tmp_dir, written)
        return _prepare_image(path, media_type, tmp_dir, written, keep_original)
    except BaseException:
        for p in written:
            p.unlink(missing_ok=True)
        raise


def _write_tmp(tmp_dir: Path, data: bytes, written: list[Path]) -> tuple[Path, str]:
    tmp_dir.mkdir(parents=True, exist_ok=True)
    tmp = tmp_dir / f"{uuid.uuid4().hex}.part"  # (the store's clear_tmp takes leftovers)
    written.append(tmp)
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return tmp, hashlib.sha256(data).hexdigest()


def _prepare_pdf(path: Path, tmp_dir: Path, written: list[Path]) -> Prepared:
    import pypdfium2 as pdfium  # (heavy, and only on import: kept off the window's start)

    data = path.read_bytes()
    with PDFIUM:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
                # (a locked PDF could not be printed, checked nor read at the city)
                raise _refuse(path, "PDF 有密码保护，请先去掉密码再添加",
                              "the PDF is protected by a password; remove it first") from None
            raise damaged(path) from None
        try:
            pages = len(doc)
            if pages == 0:
                raise damaged(path)
            page = doc[0]
            width, height = (round(v) for v in page.get_size())
            page.close()
        finally:
            doc.close()
    tmp, sha = _write_tmp(tmp_dir, data, written)
    return Prepared(path, path.name, PDF, sha, len(data), tmp, width, height, pages, None)


def _open_image(path: Path, media_type: str) -> PILImage.Image:
    from PIL import Image  # (heavy: only when a photo is imported)

    if media_type == HEIF:
        import pillow_heif  # (heavy, and only for HEIC photos)

        pillow_heif.register_heif_opener()
    try:
        return Image.open(path)
    except Image.DecompressionBombError:
        raise too_many_pixels(path) from None
    except (OSError, ValueError, SyntaxError):
        raise damaged(path) from None


def taken_at(image: PILImage.Image) -> dt.datetime | None:
    """When the photo was taken, by its EXIF (DateTimeOriginal, else DateTime)."""
    try:
        exif = image.getexif()
        raw = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    except Exception:  # (a broken EXIF block is no reason to refuse the photo)
        return None
    if not isinstance(raw, str):
        return None
    try:
        return dt.datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _print_size(width: int, height: int, side: int = PRINT_SIDE) -> tuple[int, int]:
    scale = min(1.0, side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _prepare_image(path: Path, media_type: str, tmp_dir: Path, written: list[Path],
                   keep_original: bool) -> Prepared:
    from PIL import Image, ImageOps  # (heavy: only when a photo is imported)

    image = _open_image(path, media_type)
    with image:
        when = taken_at(image)
        if media_type == JPEG and not keep_original:
            # decode at 1/2, 1/4 … straight from the DCT when that is still print size:
            # a 4000x3000 phone photo decodes four times faster
            image.draft("RGB", _print_size(*image.size))
        try:
            image.load()  # every byte decoded: a truncated file fails here
        except Image.DecompressionBombError:
            raise too_many_pixels(path) from None
        except (OSError, ValueError, SyntaxError):
            raise damaged(path) from None
        upright = ImageOps.exif_transpose(image)
    icc = upright.info.get("icc_profile")
    out_png = media_type == PNG
    if not out_png and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    original: tuple[Path, str] | None = None
    if keep_original:
        original = _write_tmp(tmp_dir, _encode(upright, out_png, ORIGINAL_QUALITY, icc), written)
    size = _print_size(*upright.size)
    if size != upright.size:
        upright = upright.resize(size, Image.Resampling.LANCZOS,
                                 reducing_gap=3.0)  # (reduce first: much faster, as good)
    data = _encode(upright, out_png, JPEG_QUALITY, icc)
    tmp, sha = _write_tmp(tmp_dir, data, written)
    return Prepared(path, path.name, PNG if out_png else JPEG, sha, len(data), tmp,
                    upright.width, upright.height, None, when,
                    original[1] if original else None, original[0] if original else None,
                    _thumb_bytes(upright))


def _thumb_bytes(image: PILImage.Image) -> bytes:
    from PIL import Image  # (heavy: only when a photo is imported)

    small = image.copy()
    small.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    if small.mode not in ("RGB", "L"):
        small = _flatten(small)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=THUMB_QUALITY)
    return buffer.getvalue()


def _encode(image: PILImage.Image, png: bool, quality: int, icc: Any) -> bytes:
    """The image without any metadata but its colour profile."""
    buffer = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if png:
        image.save(buffer, "PNG", **extra)
    else:
        image.save(buffer, "JPEG", quality=quality, **extra)
    return buffer.getvalue()


def make_thumbnail(stored: Path, media_type: str, target: Path) -> None:
    """A JPEG of the stored file, longest side 256 px, written to ``target`` (a PDF's from
    its first page). Written to a temporary name first: a half thumbnail is never read."""
    from PIL import Image  # (heavy: only when a thumbnail is first asked for)

    if media_type == PDF:
        import pypdfium2 as pdfium  # (heavy: only for a PDF's first thumbnail)

        with PDFIUM:
            doc = pdfium.PdfDocument(stored)
            try:
                page = doc[0]
                scale = THUMB_SIDE / max(page.get_size())
                image = page.render(scale=scale).to_pil()
                page.close()
            finally:
                doc.close()
    else:
        image = Image.open(stored)
        image.draft("RGB", (THUMB_SIDE, THUMB_SIDE))
        image.load()
    image.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "L"):
        image = _flatten(image)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=THUMB_QUALITY)
    write_derived(target, buffer.getvalue())


def write_derived(target: Path, data: bytes) -> None:
    """Write a derived file under a temporary name first: a half thumbnail is never read."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f"{target.name}.{uuid.uuid4().hex}.part")
    try:
        part.write_bytes(data)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def _flatten(image: PILImage.Image) -> PILImage.Image:
    """On white: a PNG's transparent parts would otherwise come out black in a JPEG."""
    from PIL import Image  # (heavy: only when a thumbnail is made)

    rgba = image.convert("RGBA")
    back = Image.new("RGB", rgba.size, "white")
    back.paste(rgba, mask=rgba.getchannel("A"))
    return back


def exif_day(path: Path) -> dt.date | None:
    """The day a photo was taken by its EXIF, reading only its header; None if it has none
    or is no photo we read."""
    try:
        with open(path, "rb") as f:
            kind = sniff(f.read(32))
    except OSError:
        return None
    if kind not in (JPEG, PNG, HEIF):
        return None
    try:
        image = _open_image(path, kind)
    except ValidationError:
        return None
    with image:
        when = taken_at(image)
    return when.date() if when else None
