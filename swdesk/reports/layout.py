"""The page every printout shares: A4, the bundled CJK font, header, footer, tables.

Header: the station's name and the report's title. Footer: 第 X 页 / 共 Y 页 and the
print date. Tables take their headings from the entity descriptions
(``describe(Model)``) and their values from ``swdesk.services.display``, so a
printed value reads exactly as it does in the window's lists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import peewee as pw
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import KeepTogether

from swdesk import outfiles
from swdesk.errors import SwdeskError
from swdesk.i18n import _, language
from swdesk.model import describe
from swdesk.model.described import FieldSpec
from swdesk.resources import resource_path
from swdesk.services.display import format_value

FONT = "WenQuanYiMicroHei"
__all__ = ["colors", "mm"]  # re-exported for report modules

MARGIN_X = 20 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
LINE = colors.black
HEAD_FILL = colors.HexColor("#E8E8E8")


def register_font() -> str:
    """Register the bundled WenQuanYi Micro Hei (TTC subfont 0) once; returns its name.

    reportlab embeds a TrueType font as subsets of the glyphs a document uses, so
    the PDF prints the same on a PC without the font.
    """
    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = resource_path("fonts", "wqy-microhei.ttc")
        pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    return FONT


def _style(name: str, size: float, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=size * 1.45,
                          wordWrap="CJK", **kw)


class Styles:
    """Paragraph styles, all in the bundled font (nothing falls back to Helvetica)."""

    def __init__(self) -> None:
        register_font()
        self.title = _style("title", 18, alignment=TA_CENTER, spaceAfter=2 * mm)
        self.subtitle = _style("subtitle", 10.5, alignment=TA_CENTER, spaceAfter=4 * mm)
        self.h2 = _style("h2", 12, spaceBefore=4 * mm, spaceAfter=2 * mm, keepWithNext=1)
        self.body = _style("body", 10)
        self.cell = _style("cell", 9)
        self.cell_head = _style("cell_head", 9, alignment=TA_CENTER)
        self.cell_num = _style("cell_num", 9, alignment=TA_RIGHT)
        self.small = _style("small", 8.5, textColor=colors.HexColor("#333333"))
        self.note = _style("note", 9, alignment=TA_LEFT, textColor=colors.HexColor("#333333"))


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        _styles = Styles()
    return _styles


def escape(text: object) -> str:
    """Paragraph markup is XML-like: a client's note may hold < or &."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br/>"))


def para(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(escape(text), style or styles().cell)


def flag(value: object) -> Paragraph:
    """A cell that must catch the eye (a rule not met): dark red."""
    return Paragraph(f'<font color="#B00000">{escape(value)}</font>', styles().cell)


def num(value: object) -> Paragraph:
    return Paragraph(escape(value), styles().cell_num)


# --- the document -----------------------------------------------------------------------------


@dataclass
class ReportInfo:
    """What the header and footer print on every page."""

    title: str
    station: str
    printed_on: dt.date = field(default_factory=dt.date.today)
    wide: bool = False  # landscape A4


class _NumberedCanvas(rl_canvas.Canvas):
    """Defers the footer until the total page count is known (第 X 页 / 共 Y 页)."""

    def __init__(self, *args: Any, info: ReportInfo, **kw: Any) -> None:
        kw["initialFontName"] = FONT  # no Helvetica resource in the PDF
        super().__init__(*args, **kw)
        self._info = info
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(number, total)
            super().showPage()
        super().save()

    def _decorate(self, number: int, total: int) -> None:
        width, height = self._pagesize
        info = self._info
        self.saveState()
        self.setFont(FONT, 9)
        self.setStrokeColor(LINE)
        self.setLineWidth(0.6)
        top = height - MARGIN_TOP + 5 * mm
        self.drawString(MARGIN_X, top + 1.5 * mm, info.station)
        self.drawRightString(width - MARGIN_X, top + 1.5 * mm, info.title)
        self.line(MARGIN_X, top, width - MARGIN_X, top)
        bottom = MARGIN_BOTTOM - 8 * mm
        self.line(MARGIN_X, bottom + 4 * mm, width - MARGIN_X, bottom + 4 * mm)
        self.drawCentredString(width / 2, bottom,
                               _("第 {} 页 / 共 {} 页", "Page {} of {}").format(number, total))
        self.drawRightString(width - MARGIN_X, bottom, _("打印日期：{}", "Printed: {}").format(
            info.printed_on.isoformat()))
        self.restoreState()


def page_size(wide: bool = False) -> tuple[float, float]:
    return landscape(A4) if wide else A4


def content_width(wide: bool = False) -> float:
    return page_size(wide)[0] - 2 * MARGIN_X


def write_pdf(out: Path, info: ReportInfo, story: list[Flowable]) -> int:
    """Lay ``story`` out on A4 pages and write ``out``; returns the page count.

    Written to a temporary file beside ``out`` and renamed at the end, so a failure
    never leaves half a PDF under the chosen name.
    """
    out = check_out_path(out, ".pdf")
    register_font()
    size = page_size(info.wide)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X,
                  size[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    with outfiles.writing(out) as tmp:
        doc = BaseDocTemplate(str(tmp), pagesize=size, title=info.title, author=info.station,
                              creator="swdesk", leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                              topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(story, canvasmaker=partial(_NumberedCanvas, info=info))
    return int(doc.page)


def check_out_path(out: Path, suffix: str) -> Path:
    out = Path(out).expanduser()
    if out.suffix.lower() != suffix:
        raise SwdeskError(_("输出文件应以 {} 结尾：{}", "The output file must end in {}: {}")
                          .format(suffix, out))
    if not out.parent.is_dir():
        raise SwdeskError(_("文件夹 {} 不存在", "The folder {} does not exist").format(out.parent))
    if out.is_dir():
        raise SwdeskError(_("{} 是文件夹", "{} is a folder").format(out))
    return out


# --- building blocks ----------------------------------------------------------------------------


def title_block(title: str, subtitle: str = "") -> list[Flowable]:
    s = styles()
    parts: list[Flowable] = [Paragraph(escape(title), s.title)]
    if subtitle:
        parts.append(Paragraph(escape(subtitle), s.subtitle))
    return parts


def section(number: int, title: str) -> str:
    """一、二、三 … in Chinese, 1. 2. 3. in English."""
    if language() == "en":
        return f"{number}. {title}"
    return f"{'一二三四五六七八九十'[number - 1]}、{title}"


def heading(text: str) -> Paragraph:
    return Paragraph(escape(text), styles().h2)


def grid(data: Sequence[Sequence[Any]], widths: Sequence[float], *, head_rows: int = 1,
         head_cols: int = 0, repeat: bool = True, extra: Iterable[tuple[Any, ...]] = (),
         heights: Sequence[float | None] | None = None) -> Table:
    """A bordered table in the report font.

    A text that fits its column stays a plain string (drawn directly, ten times
    cheaper than a Paragraph: 500 case files in one PDF depend on it); a longer one
    becomes a paragraph that wraps. Numbers go right, headings centre.
    """
    aligns: list[tuple[Any, ...]] = []
    cells: list[list[Any]] = []
    for r, row in enumerate(data):
        line: list[Any] = []
        for c, value in enumerate(row):
            head = r < head_rows or c < head_cols
            cell, align = _cell(value, head=head, room=widths[c] - 2 * _PAD)
            if align:
                aligns.append(("ALIGN", (c, r), (c, r), align))
            line.append(cell)
        cells.append(line)
    table = Table(cells, colWidths=list(widths), repeatRows=head_rows if repeat else 0,
                  rowHeights=list(heights) if heights else None)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 9, 9 * 1.45),
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("BOX", (0, 0), (-1, -1), 1.0, LINE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        *aligns,
    ]
    if head_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_FILL))
    if head_cols:
        commands.append(("BACKGROUND", (0, 0), (head_cols - 1, -1), HEAD_FILL))
    commands.extend(extra)
    table.setStyle(TableStyle(commands))
    return table


_PAD = 5


def _cell(value: Any, *, head: bool, room: float) -> tuple[Any, str]:
    """The cell to put in a Table and its alignment ("" = the table's default)."""
    if isinstance(value, Flowable | list):
        return value, ""
    if (isinstance(value, int | float | Decimal) and not isinstance(value, bool)) or (
            isinstance(value, str) and len(value) <= 10 and _NUMBER.match(value)):
        text, align = str(value), "RIGHT" if not head else "CENTER"
    else:
        text, align = "" if value is None else str(value), "CENTER" if head else ""
    if "\n" not in text and pdfmetrics.stringWidth(text, FONT, 9) <= room:
        return text, align
    style = styles().cell_head if head else styles().cell_num if align == "RIGHT" else \
        styles().cell
    return Paragraph(escape(text), style), ""


_NUMBER = re.compile(r"^-?\d[\d,]*(\.\d+)?%?$")


def even(total: float, *weights: float) -> list[float]:
    whole = sum(weights)
    return [total * w / whole for w in weights]


ShowPersonal = Callable[[pw.Model], bool]


def field_pairs(row: pw.Model, keys: Sequence[str], *, show_personal: bool) -> list[
        tuple[FieldSpec, str]]:
    """(description, printed value) of the named fields of ``row``."""
    entity = describe(type(row))
    return [(spec, format_value(row, spec, show_personal=show_personal))
            for spec in (entity.field(k) for k in keys)]


def form_table(row: pw.Model, keys: Sequence[str], *, show_personal: bool,
               width: float | None = None, wide_kinds: tuple[str, ...] = ("longtext",)) -> Table:
    """A label | value | label | value form of ``row``; long texts take a whole line."""
    width = width or content_width()
    pairs = field_pairs(row, keys, show_personal=show_personal)
    return pairs_table([(spec.label, value, spec.kind in wide_kinds) for spec, value in pairs],
                       width)


def pairs_table(items: Sequence[tuple[str, str, bool]], width: float) -> Table:
    """Label/value pairs, two to a line; an item with ``True`` takes a whole line."""
    data: list[list[Any]] = []
    spans: list[tuple[Any, ...]] = []
    pending: list[tuple[str, str]] = []

    def flush() -> None:
        if pending:
            row: list[Any] = []
            for label, value in pending:
                row += [label, value]
            if len(pending) == 1:
                row += ["", ""]
                spans.append(("SPAN", (1, len(data)), (3, len(data))))
            data.append(row)
            pending.clear()

    for label, value, whole in items:
        if whole:
            flush()
            spans.append(("SPAN", (1, len(data)), (3, len(data))))
            data.append([label, value, "", ""])
        else:
            pending.append((label, value))
            if len(pending) == 2:
                flush()
    flush()
    spanned = {cmd[1][1] for cmd in spans}
    fills = [("BACKGROUND", (0, 0), (0, -1), HEAD_FILL)] + [
        ("BACKGROUND", (2, r), (2, r), HEAD_FILL) for r in range(len(data)) if r not in spanned]
    return grid(data, even(width, 17, 33, 17, 33), head_rows=0, repeat=False,
                extra=[*spans, *fills])


def list_table(rows: Sequence[pw.Model], model: type[pw.Model], keys: Sequence[str],
               widths: Sequence[float], *, show_personal: ShowPersonal,
               numbered: bool = True, empty: str = "") -> Flowable:
    """Rows of one entity under headings from its description."""
    entity = describe(model)
    specs = [entity.field(k) for k in keys]
    head = ([_("序号", "No.")] if numbered else []) + [s.label for s in specs]
    data: list[list[Any]] = [head]
    for i, row in enumerate(rows, start=1):
        see = show_personal(row)
        values = [format_value(row, s, show_personal=see) for s in specs]
        data.append(([str(i)] if numbered else []) + values)
    if not rows:
        return para(empty or _("（无）", "(none)"), styles().note)
    return grid(data, widths)


def signature_block(labels: Sequence[str], width: float | None = None,
                    seal: str = "") -> Flowable:
    """Signature lines (签名 + 日期) and, if ``seal`` is given, a place for the seal."""
    width = width or content_width()
    s = styles()
    lines = [[Paragraph(escape(label) + "：______________", s.body),
              Paragraph(_("日期：______年____月____日", "Date: ____________"), s.body)]
             for label in labels]
    inner = width * 0.74 if seal else width
    body = Table(lines, colWidths=[inner * 0.56, inner * 0.44], rowHeights=[11 * mm] * len(lines))
    body.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("FONT", (0, 0), (-1, -1), FONT, 10)]))
    if not seal:
        return KeepTogether([Spacer(1, 6 * mm), body])
    stamp = Table([[Paragraph(escape(seal), s.cell_head)]], colWidths=[width * 0.22],
                  rowHeights=[max(30 * mm, 11 * mm * len(lines))])
    stamp.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9),
                               ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TEXTCOLOR", (0, 0), (-1, -1), colors.grey)]))
    outer = Table([[body, stamp]], colWidths=[width * 0.76, width * 0.24])
    outer.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 6 * mm), outer])


def note(text: str) -> Paragraph:
    return Paragraph(escape(text), styles().note)


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)
