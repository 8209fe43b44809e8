"""A PDF page as vector shapes for QPainter: paths and glyph outlines read with PDFium.

Printing a page as a picture sends tens of MB a page through the Windows spooler (a
300 dpi A4 page is 2480×3508 pixels, four bytes each). The core's PDFs (reportlab) hold
only text and line art, so a page is replayed as shapes instead: each path object with
its own pen and fill, each character as the outline of its glyph in the embedded font.
The printer gets a few hundred kB of curves, drawn at its own resolution.

A page holding anything else (an image, a shading, a form object, a clip, a /Rotate, a
glyph PDFium cannot outline) gives None: the caller prints that page as a picture.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QTransform

_CAPS = {0: Qt.PenCapStyle.FlatCap, 1: Qt.PenCapStyle.RoundCap, 2: Qt.PenCapStyle.SquareCap}
_JOINS = {0: Qt.PenJoinStyle.MiterJoin, 1: Qt.PenJoinStyle.RoundJoin,
          2: Qt.PenJoinStyle.BevelJoin}
# Characters with no ink: no outline to draw, and PDFium may have no glyph for them.
_BLANK = {0x20, 0xA0, 0x3000, 0x09, 0x0A, 0x0D, 0xFFFE, 0xFFFF}


@dataclass
class Shape:
    """One thing to draw, in its own coordinates mapped to the page's by ``transform``."""

    path: QPainterPath
    transform: QTransform
    pen: QPen | None
    brush: QBrush | None


@dataclass
class PageShapes:
    """Everything on one page, in PDF points with y up (origin at the page's lower left)."""

    width: float
    height: float
    shapes: list[Shape]

    def draw(self, painter: QPainter) -> None:
        """Draw in painter's current coordinates, taken as the page in points, y down."""
        painter.save()
        page = QTransform(1, 0, 0, -1, 0, self.height) * painter.transform()
        for shape in self.shapes:
            painter.setTransform(shape.transform * page)
            painter.setPen(shape.pen if shape.pen is not None else Qt.PenStyle.NoPen)
            painter.setBrush(shape.brush if shape.brush is not None else Qt.BrushStyle.NoBrush)
            painter.drawPath(shape.path)
        painter.restore()


def _colour(getter: Callable[..., int], *handles: object) -> QColor:
    """A colour from one of PDFium's getters, called with ``handles`` then r, g, b, a."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(*handles, r, g, b, a):
        raise _CannotReplay("no colour")
    return QColor(r.value, g.value, b.value, a.value)


def _matrix(obj: object) -> QTransform:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        raise _CannotReplay("no matrix")
    return QTransform(m.a, m.b, m.c, m.d, m.e, m.f)


class _CannotReplay(Exception):
    """The page holds something this module does not draw as shapes."""


def _segments(count: int, segment_at: object) -> QPainterPath:
    """A path from PDFium's segments (move, line, or one of three Bézier points)."""
    path = QPainterPath()
    bezier: list[QPointF] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(count):
        segment = segment_at(i)  # type: ignore[operator]
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            raise _CannotReplay("unreadable path segment")
        point = QPointF(x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            path.moveTo(point)
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            path.lineTo(point)
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier.append(point)
            if len(bezier) == 3:
                path.cubicTo(*bezier)
                bezier = []
        else:
            raise _CannotReplay("unknown path segment")
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            path.closeSubpath()
    return path


def _pen(obj: object) -> QPen:
    width = ctypes.c_float()
    pdfium_c.FPDFPageObj_GetStrokeWidth(obj, width)
    pen = QPen(_colour(pdfium_c.FPDFPageObj_GetStrokeColor, obj), width.value)
    pen.setCapStyle(_CAPS.get(pdfium_c.FPDFPageObj_GetLineCap(obj), Qt.PenCapStyle.FlatCap))
    pen.setJoinStyle(_JOINS.get(pdfium_c.FPDFPageObj_GetLineJoin(obj),
                                Qt.PenJoinStyle.MiterJoin))
    dashes = pdfium_c.FPDFPageObj_GetDashCount(obj)
    if dashes > 0 and width.value > 0:
        array = (ctypes.c_float * dashes)()
        pdfium_c.FPDFPageObj_GetDashArray(obj, array, dashes)
        pattern = [max(v / width.value, 0.01) for v in array]
        if len(pattern) % 2:
            pattern *= 2
        pen.setDashPattern(pattern)
        pen.setDashOffset(pdfium_c.FPDFPageObj_GetDashPhase(obj) / width.value)
    return pen


def _path_shape(obj: object) -> Shape | None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
        raise _CannotReplay("no draw mode")
    if fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE and not stroke.value:
        return None  # a path that only clips or ends a clip: nothing drawn
    path = _segments(pdfium_c.FPDFPath_CountSegments(obj),
                     lambda i: pdfium_c.FPDFPath_GetPathSegment(obj, i))
    path.setFillRule(Qt.FillRule.WindingFill if fill_mode.value == pdfium_c.FPDF_FILLMODE_WINDING
                     else Qt.FillRule.OddEvenFill)
    brush = (None if fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE
             else QBrush(_colour(pdfium_c.FPDFPageObj_GetFillColor, obj)))
    return Shape(path, _matrix(obj), _pen(obj) if stroke.value else None, brush)


class _Glyphs:
    """Glyph outlines in ems, by font and character (PDFium maps the character back to
    the font's own code through the font's ToUnicode table)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, int], QPainterPath] = {}

    def outline(self, font: object, size: float, char: int) -> QPainterPath:
        key = (_address(font), char)
        if key not in self._cache:
            glyph = pdfium_c.FPDFFont_GetGlyphPath(font, char, size)
            if not glyph:
                raise _CannotReplay(f"no outline for U+{char:04X}")
            path = _segments(pdfium_c.FPDFGlyphPath_CountGlyphSegments(glyph),
                             lambda i: pdfium_c.FPDFGlyphPath_GetGlyphPathSegment(glyph, i))
            path.setFillRule(Qt.FillRule.WindingFill)
            self._cache[key] = path
        return self._cache[key]


def _address(handle: Any) -> int:  # a PDFium handle: a ctypes pointer
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _text_shapes(page: pdfium.PdfPage) -> dict[int, list[Shape]]:
    """Every visible character as its glyph outline: by text object, one filled path per
    colour."""
    text_page = pdfium_c.FPDFText_LoadPage(page.raw)
    if not text_page:
        raise _CannotReplay("no text page")
    glyphs = _Glyphs()
    paths: dict[int, dict[int, tuple[QColor, QPainterPath]]] = {}
    x, y, size = ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
    m = pdfium_c.FS_MATRIX()
    try:
        for i in range(pdfium_c.FPDFText_CountChars(text_page)):
            char = pdfium_c.FPDFText_GetUnicode(text_page, i)
            if char in _BLANK or pdfium_c.FPDFText_IsGenerated(text_page, i) == 1:
                continue
            obj = pdfium_c.FPDFText_GetTextObject(text_page, i)
            if not obj:
                raise _CannotReplay("a character without its text object")
            mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
            if mode == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
                continue
            if mode != pdfium_c.FPDF_TEXTRENDERMODE_FILL:  # outlined or clipping text
                raise _CannotReplay(f"text drawn in mode {mode}")
            if pdfium_c.FPDFText_HasUnicodeMapError(text_page, i) == 1:
                raise _CannotReplay("a character whose font does not say what it is")
            if not pdfium_c.FPDFTextObj_GetFontSize(obj, size):
                raise _CannotReplay("no font size")
            outline = glyphs.outline(pdfium_c.FPDFTextObj_GetFont(obj), size.value, char)
            if (not pdfium_c.FPDFText_GetCharOrigin(text_page, i, x, y)
                    or not pdfium_c.FPDFText_GetMatrix(text_page, i, m)):
                raise _CannotReplay("no position for a character")
            # The outline is in ems; the character's matrix (text and page matrices) turns
            # it, the font size scales it, its origin places it.
            em = size.value
            place = QTransform(m.a * em, m.b * em, m.c * em, m.d * em, x.value, y.value)
            colour = _colour(pdfium_c.FPDFText_GetFillColor, text_page, i)
            by_colour = paths.setdefault(_address(obj), {})
            if colour.rgba() not in by_colour:
                by_colour[colour.rgba()] = (colour, QPainterPath())
            by_colour[colour.rgba()][1].addPath(place.map(outline))
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)
    shapes: dict[int, list[Shape]] = {}
    for obj_address, by_colour in paths.items():
        for colour, path in by_colour.values():
            path.setFillRule(Qt.FillRule.WindingFill)
            shapes.setdefault(obj_address, []).append(
                Shape(path, QTransform(), None, QBrush(colour)))
    return shapes


def page_shapes(page: pdfium.PdfPage) -> PageShapes | None:
    """The page as shapes, or None when it holds something that must be printed as a
    picture (see the module's docstring)."""
    try:
        if page.get_rotation():
            raise _CannotReplay("rotated page")
        left, bottom, _right, _top = page.get_mediabox()
        if left or bottom:
            raise _CannotReplay("media box not at the origin")
        width, height = page.get_size()
        text = _text_shapes(page)
        shapes: list[Shape] = []
        for obj in page.get_objects(max_depth=0):  # in the page's order: what covers what
            clip = pdfium_c.FPDFPageObj_GetClipPath(obj.raw)
            if clip and pdfium_c.FPDFClipPath_CountPaths(clip) > 0:
                raise _CannotReplay("clipped object")
            if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                shape = _path_shape(obj.raw)
                if shape is not None:
                    shapes.append(shape)
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                shapes.extend(text.get(_address(obj.raw), []))
            else:
                raise _CannotReplay(f"page object of type {obj.type}")
        return PageShapes(width, height, shapes)
    except _CannotReplay:
        return None
