"""What a printed PDF shows, read back with PDFium: characters with their boxes and fonts,
lines of text, horizontal rules and small squares (tick boxes)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

MM = 72 / 25.4


@dataclass(frozen=True)
class Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    font: str  # the base font name without the subset tag (UMingCN, WenQuanYiMicroHei-0)


@dataclass(frozen=True)
class Line:
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def baseline(self) -> float:
        return min(c.bottom for c in self.chars)


def chars(pdf: Path) -> list[list[Char]]:
    """Every printed character of every page (no spaces), in PDFium's reading order."""
    pages: list[list[Char]] = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for page in doc:
            text = page.get_textpage()
            found: list[Char] = []
            buffer = ctypes.create_string_buffer(256)
            flags = ctypes.c_int()
            for i in range(text.count_chars()):
                ch = text.get_text_range(i, 1)
                if not ch.strip():
                    continue
                left, bottom, right, top = text.get_charbox(i, loose=True)
                pdfium_c.FPDFText_GetFontInfo(text.raw, i, buffer, 256, flags)
                name = buffer.value.decode("latin-1").split("+", 1)[-1]
                found.append(Char(ch, left, bottom, right, top, name))
            pages.append(found)
            text.close()
            page.close()
    finally:
        doc.close()
    return pages


def lines(page: list[Char]) -> list[Line]:
    """Characters grouped into lines: runs at the same height, left to right.

    Two cells side by side are one line here; a text broken over two lines is two.
    """
    rows: dict[int, list[Char]] = {}
    for c in page:
        rows.setdefault(round((c.bottom + c.top) / 2), []).append(c)
    merged: list[list[Char]] = []
    for key in sorted(rows, reverse=True):
        if merged and abs(round((merged[-1][0].bottom + merged[-1][0].top) / 2) - key) <= 1:
            merged[-1].extend(rows[key])
        else:
            merged.append(list(rows[key]))
    return [Line(sorted(row, key=lambda c: c.left)) for row in merged]


def words(line: Line, gap: float = 3.0) -> list[Line]:
    """A line split where characters are more than ``gap`` points apart (cell by cell)."""
    out: list[list[Char]] = []
    for c in line.chars:
        if out and c.left - out[-1][-1].right <= gap:
            out[-1].append(c)
        else:
            out.append([c])
    return [Line(w) for w in out]


def rules(pdf: Path, page_index: int = 0) -> list[tuple[float, float, float]]:
    """Horizontal lines longer than 20 mm on a page: (y, x from, x to)."""
    return [(b + (t - b) / 2, left, right) for left, b, right, t in _path_bounds(pdf, page_index)
            if t - b < 2 and right - left > 20 * MM]


def squares(pdf: Path, page_index: int = 0, side_mm: float = 3.2) -> int:
    """How many drawn squares of about ``side_mm`` a page holds."""
    side = side_mm * MM
    return sum(1 for left, b, right, t in _path_bounds(pdf, page_index)
               if abs(right - left - side) < 1.5 and abs(t - b - side) < 1.5)


def _path_bounds(pdf: Path, page_index: int) -> list[tuple[float, float, float, float]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[page_index]
        bounds = [tuple(obj.get_bounds()) for obj in
                  page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])]
        page.close()
    finally:
        doc.close()
    return [(float(a), float(b), float(c), float(d)) for a, b, c, d in bounds]
