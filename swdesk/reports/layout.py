"""The page every printout shares: A4, the bundled CJK font, header, footer, tables.

Header: the station's name and the report's title. Footer: 第 X 页 / 共 Y 页 and the
print date. Tables take their headings from the entity descriptions
(``describe(Model)``) and their values from ``swdesk.services.display``, so a
printed value reads exactly as it does in the window's lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import Any

import peewee as pw
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
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
from swdesk.reports.text_fit import (
    CELL_SIZE,
    HEI,
    NUMBER,
    PAD,
    SONG,
    TALL,
    cell_font,
    fit_widths,
    in_song,
    min_width,
    register_fonts,
    song_chars,
    text_width,
    wrap_text,
)
from swdesk.services.display import format_value, mask

FONT = SONG  # the body face
__all__ = ["colors", "mm"]  # re-exported for report modules
MARGIN_X = 20 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
LINE = colors.black
HEAD_FILL = colors.HexColor("#E8E8E8")
CELL_LEADING = CELL_SIZE * 1.45


def _style(name: str, size: float, font: str = SONG, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.45,
                          wordWrap="CJK", **kw)


class Styles:
    """Paragraph styles, all in the bundled faces (nothing falls back to Helvetica)."""

    def __init__(self) -> None:
        register_fonts()
        self.title = _style("title", 18, HEI, alignment=TA_CENTER, spaceAfter=2 * mm)
        self.subtitle = _style("subtitle", 10.5, alignment=TA_CENTER, spaceAfter=4 * mm)
        self.h2 = _style("h2", 12, HEI, spaceBefore=4 * mm, spaceAfter=2 * mm)
        self.body = _style("body", 10)
        self.cell = _style("cell", CELL_SIZE)
        self.cell_head = _style("cell_head", CELL_SIZE, HEI, alignment=TA_CENTER)
        self.cell_label = _style("cell_label", CELL_SIZE, HEI)
        self.cell_num = _style("cell_num", CELL_SIZE, alignment=TA_RIGHT)
        self.small = _style("small", 8.5, textColor=colors.HexColor("#333333"))
        self.note = _style("note", 9, alignment=TA_LEFT, textColor=colors.HexColor("#333333"))


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        _styles = Styles()
    return _styles


def _xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br/>"))


def escape(text: object) -> str:
    """Paragraph markup for ``text``: a client's note may hold < or &; Latin letters and
    digits (typewriter-like in the Song subset) and any character the subset lacks are
    set in the Hei face, so nothing prints as an empty box."""
    plain = str(text)
    chars = song_chars()
    parts: list[str] = []
    for song, run in groupby(plain, key=lambda ch: ch == "\n" or (
            ord(ch) in chars and not " " <= ch <= "~")):
        piece = _xml("".join(run))
        parts.append(piece if song else f'<font name="{HEI}">{piece}</font>')
    return "".join(parts)


def para(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(escape(text), style or styles().cell)


def flag(value: object) -> Paragraph:
    """A cell that must catch the eye (a rule not met): dark red."""
    return Paragraph(f'<font color="#B00000">{escape(value)}</font>', styles().cell)


def num(value: object) -> Paragraph:
    return Paragraph(escape(number_text(value)), styles().cell_num)


def number_text(value: object) -> str:
    """A number as printed: thousands separators, no trailing zeros (1,234.5)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return "" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    text = f"{Decimal(str(value)):,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the document -----------------------------------------------------------------------------


@dataclass
class ReportInfo:
    """What the header and footer print on every page."""

    title: str
    station: str
    printed_on: dt.date = field(default_factory=dt.date.today)
    wide: bool = False  # landscape A4


class NumberedCanvas(rl_canvas.Canvas):
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
        self.setFont(HEI, 9)
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


def write_pdf(out: Path, info: ReportInfo, story: list[Flowable],
              canvas: type[NumberedCanvas] | None = None) -> int:
    """Lay ``story`` out on A4 pages and write ``out``; returns the page count.

    Written to a temporary file beside ``out`` and renamed at the end, so a failure
    never leaves half a PDF under the chosen name.
    """
    out = check_out_path(out, ".pdf")
    register_fonts()
    size = page_size(info.wide)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X,
                  size[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    with outfiles.writing(out) as tmp:
        doc = BaseDocTemplate(str(tmp), pagesize=size, title=info.title, author=info.station,
                              creator="swdesk", leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                              topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(_with_room_after_headings(story),
                  canvasmaker=partial(canvas or NumberedCanvas, info=info))
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


class _Heading(Paragraph):
    """A section heading: kept with the start of what follows, not with all of it."""


# A heading needs room for itself, a table's heading row and two rows under it; with
# less left on the page it starts the next one. (keepWithNext would move a whole
# half-page table to the next page and leave the rest of this one empty.)
_ROOM_AFTER_HEADING = 28 * mm


def heading(text: str) -> Paragraph:
    return _Heading(escape(text), styles().h2)


def _with_room_after_headings(story: Sequence[Flowable]) -> list[Flowable]:
    out: list[Flowable] = []
    for item in story:
        if isinstance(item, _Heading):
            out.append(CondPageBreak(_ROOM_AFTER_HEADING))
        out.append(item)
    return out


# --- tables: widths from content, breaks at sensible points -----------------------------------

def _cell_text(value: Any) -> str | None:
    """The text a cell prints, or None for a cell that draws itself."""
    if isinstance(value, Paragraph):
        return str(value.getPlainText())
    if isinstance(value, Flowable | list):
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return number_text(value)
    return "" if value is None else str(value)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | Decimal):
        return True
    return isinstance(value, str) and len(value) <= 16 and bool(NUMBER.match(value))


def grid(data: Sequence[Sequence[Any]], widths: Sequence[float] | None = None, *,
         head_rows: int = 1, head_cols: int = 0, repeat: bool = True,
         extra: Iterable[tuple[Any, ...]] = (), heights: Sequence[float | None] | None = None,
         width: float | None = None, stretch: Sequence[int] = (),
         label_cols: Sequence[int] = (), min_height: float = 0) -> Table:
    """A bordered table: headings in the Hei face, cells in the Song face.

    Without ``widths`` the columns are sized from their content (:func:`fit_widths`)
    across ``width`` (the page's). Texts are broken into lines here, at sensible points
    only, and drawn as plain strings (ten times cheaper than a Paragraph: 500 case files
    in one PDF depend on it). Numbers (ints, Decimals, numeric text) go right with
    thousands separators, other text left, headings centre. ``min_height`` makes every
    row at least that tall (forms written in by hand). ``label_cols`` are set like
    headings (a form's labels).
    """
    register_fonts()
    labels = set(range(head_cols)) | set(label_cols)
    texts = [[(t, r < head_rows or c in labels) if (t := _cell_text(v)) is not None else None
              for c, v in enumerate(row)] for r, row in enumerate(data)]
    if widths is None:
        widths = fit_widths(texts, width or content_width(), stretch)
    extra = list(extra)
    spans = {cmd[1]: sum(widths[cmd[1][0]:cmd[2][0] + 1]) for cmd in extra if cmd[0] == "SPAN"}
    aligns: list[tuple[Any, ...]] = []
    cells: list[list[Any]] = []
    row_heights: list[float | None] = []
    for r, row in enumerate(data):
        line: list[Any] = []
        lines_here = 1
        drawn = False
        for c, value in enumerate(row):
            head = r < head_rows or c in labels
            room = spans.get((c, r), widths[c]) - 2 * PAD
            cell, align, count = _cell(value, head=head, room=room, centre=r < head_rows)
            drawn = drawn or count == 0
            lines_here = max(lines_here, count)
            if align:
                aligns.append(("ALIGN", (c, r), (c, r), align))
            if count > TALL:
                aligns.append(("VALIGN", (0, r), (-1, r), "TOP"))
            if count and cell_font(_cell_text(value) or "", head) == HEI:
                aligns.append(("FONT", (c, r), (c, r), HEI, CELL_SIZE, CELL_LEADING))
            line.append(cell)
        cells.append(line)
        fixed = heights[r] if heights else None
        if fixed is None and min_height and not drawn:
            natural = lines_here * CELL_LEADING + 6
            fixed = max(natural, min_height)
        row_heights.append(fixed)
    table = Table(cells, colWidths=list(widths), repeatRows=head_rows if repeat else 0,
                  rowHeights=row_heights if any(h is not None for h in row_heights) else None,
                  splitInRow=1)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SONG, CELL_SIZE, CELL_LEADING),
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("BOX", (0, 0), (-1, -1), 1.0, LINE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        *aligns,
    ]
    if head_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_FILL))
    if head_cols:
        commands.append(("BACKGROUND", (0, 0), (head_cols - 1, -1), HEAD_FILL))
    commands.extend(extra)
    table.setStyle(TableStyle(commands))
    return table


def _cell(value: Any, *, head: bool, room: float, centre: bool) -> tuple[Any, str, int]:
    """The cell to put in a Table, its alignment ("" = left) and its line count (0 for a
    cell that draws itself)."""
    if isinstance(value, Flowable | list):
        return value, "", 0
    text = _cell_text(value) or ""
    align = "CENTER" if centre else "RIGHT" if _is_number(value) else ""
    font = cell_font(text, head)
    lines = wrap_text(text, room, font=font, head=head)
    if len(lines) <= TALL and (in_song(text) or head):
        return "\n".join(lines), align, len(lines)
    style = styles().cell_num if align == "RIGHT" else styles().cell
    markup = Paragraph("<br/>".join(escape(line) for line in lines), style)
    # A tall text goes as a paragraph in a list: the one cell content reportlab splits
    # across pages, so a long case log goes on to the next page instead of failing.
    return ([markup] if len(lines) > TALL else markup), "", len(lines)


def even(total: float, *weights: float) -> list[float]:
    whole = sum(weights)
    return [total * w / whole for w in weights]


ShowPersonal = Callable[[pw.Model], bool]

# Kinds of field printed as numbers (right-aligned, thousands separators).
NUMERIC_KINDS = ("int", "hours", "money")


def number_of(row: pw.Model, spec: FieldSpec) -> int | Decimal | None:
    """The value of a numeric field as a number to print (None for other fields)."""
    raw = getattr(row, spec.key) if spec.kind in NUMERIC_KINDS and not spec.personal else None
    if raw is None:
        return None
    return raw if isinstance(raw, int) else Decimal(str(raw))


def field_pairs(row: pw.Model, keys: Sequence[str], *, show_personal: bool) -> list[
        tuple[FieldSpec, str]]:
    """(description, printed value) of the named fields of ``row``."""
    entity = describe(type(row))
    out: list[tuple[FieldSpec, str]] = []
    for spec in (entity.field(k) for k in keys):
        number = number_of(row, spec)
        out.append((spec, number_text(number) if number is not None
                    else format_value(row, spec, show_personal=show_personal)))
    return out


def form_table(row: pw.Model, keys: Sequence[str], *, show_personal: bool,
               width: float | None = None, wide_kinds: tuple[str, ...] = ("longtext",)) -> Table:
    """A label | value | label | value form of ``row``; long texts take a whole line."""
    width = width or content_width()
    pairs = field_pairs(row, keys, show_personal=show_personal)
    return pairs_table([(spec.label, value, spec.kind in wide_kinds) for spec, value in pairs],
                       width)


Pair = tuple[str, Any, bool]


def pairs_table(items: Sequence[Pair], width: float, *, min_height: float = 0) -> Table:
    """Label/value pairs, two to a line; an item with ``True`` takes a whole line.

    Both label columns are as wide as the longest label (up to a quarter of the width,
    beyond which a label breaks at a bracket or slash), the values share the rest.
    """
    data: list[list[Any]] = []
    spans: list[tuple[Any, ...]] = []
    pending: list[tuple[str, Any]] = []

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
    labels = [label for label, _v, _w in items]
    natural = max((text_width(lb, HEI) for lb in labels), default=0.0) + 2 * PAD
    least = max((min_width(lb, HEI, True) for lb in labels), default=0.0) + 2 * PAD
    label_w = max(least, min(natural, width / 4))
    value_w = (width - 2 * label_w) / 2
    # A number in a form reads left like the text beside it.
    lefts = [("ALIGN", (1, 0), (1, -1), "LEFT"), ("ALIGN", (3, 0), (3, -1), "LEFT")]
    return grid(data, [label_w, value_w, label_w, value_w], head_rows=0, label_cols=(0, 2),
                repeat=False, extra=[*spans, *fills, *lefts], min_height=min_height)


def list_table(rows: Sequence[pw.Model], model: type[pw.Model], keys: Sequence[str],
               widths: Sequence[float] | None = None, *, show_personal: ShowPersonal,
               numbered: bool = True, empty: str = "", masked: Sequence[str] = (),
               sign: bool = False, stretch: Sequence[str] = ()) -> Flowable:
    """Rows of one entity under headings from its description, columns sized to content.

    ``masked`` fields print masked whoever prints (a sheet others sign, where the next
    person in line reads the rows above); ``sign`` adds an empty 签名 column.
    """
    entity = describe(model)
    specs = [entity.field(k) for k in keys]
    head = ([_("序号", "No.")] if numbered else []) + [s.label for s in specs]
    if sign:
        head.append(_("签名", "Signature"))
    data: list[list[Any]] = [head]
    for i, row in enumerate(rows, start=1):
        see = show_personal(row)
        values: list[Any] = []
        for spec in specs:
            number = number_of(row, spec)
            if number is not None:
                values.append(number)
            elif spec.key in masked and spec.personal:
                values.append(mask(getattr(row, spec.key), spec.personal))
            else:
                values.append(format_value(row, spec, show_personal=see))
        data.append(([i] if numbered else []) + values + ([" " * 12] if sign else []))
    if not rows:
        return para(empty or _("（无）", "(none)"), styles().note)
    offset = 1 if numbered else 0
    wide = [keys.index(k) + offset for k in stretch] + ([len(head) - 1] if sign else [])
    return grid(data, widths, stretch=wide, min_height=10 * mm if sign else 0)


def signature_block(labels: Sequence[str], width: float | None = None,
                    seal: str = "", line_height: float = 11 * mm) -> Flowable:
    """Signature lines (签名 + 日期) and, if ``seal`` is given, a place for the seal."""
    width = width or content_width()
    s = styles()
    lines = [[Paragraph(escape(label) + "：______________", s.body),
              Paragraph(escape(_("日期：______年____月____日", "Date: ____________")), s.body)]
             for label in labels]
    inner = width * 0.74 if seal else width
    body = Table(lines, colWidths=[inner * 0.56, inner * 0.44],
                 rowHeights=[line_height] * len(lines))
    body.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("FONT", (0, 0), (-1, -1), SONG, 10)]))
    if not seal:
        return KeepTogether([Spacer(1, 6 * mm), body])
    stamp = Table([[Paragraph(escape(seal), s.cell_head)]], colWidths=[width * 0.22],
                  rowHeights=[max(30 * mm, line_height * len(lines))])
    stamp.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SONG, 9),
                               ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TEXTCOLOR", (0, 0), (-1, -1), colors.grey)]))
    outer = Table([[body, stamp]], colWidths=[width * 0.76, width * 0.24])
    outer.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SONG, 9),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 6 * mm), outer])


class TickBoxes(Flowable):
    """Options to tick on paper: each a drawn square and its label, wrapped to the width.

    Drawn, not the □ character, so a box prints whatever the font holds.
    """

    BOX = 3.2 * mm
    GAP = 3 * mm  # between one label and the next box

    def __init__(self, options: Sequence[str], size: float = CELL_SIZE,
                 min_height: float = 0, ticked: Sequence[int] = ()) -> None:
        super().__init__()
        self.options = list(options)
        self.size = size
        self.min_height = min_height
        self.ticked = frozenset(ticked)  # the options ticked (a filled-in form)
        self._places: list[tuple[float, int]] = []

    def _item_width(self, label: str) -> float:
        return self.BOX + 1.2 * mm + pdfmetrics.stringWidth(label, SONG, self.size) + self.GAP

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        x, line = 0.0, 0
        self._places = []
        for label in self.options:
            w = self._item_width(label)
            if x and x + w - self.GAP > availWidth:  # the last needs no gap after it
                x, line = 0.0, line + 1
            self._places.append((x, line))
            x += w
        self.width = availWidth
        self._lines_height = (line + 1) * self.size * 1.8
        self.height = max(self._lines_height, self.min_height)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        step = self.size * 1.8
        top = self.height - (self.height - self._lines_height) / 2  # centred in its room
        canv.setLineWidth(0.6)
        for n, (label, (x, line)) in enumerate(zip(self.options, self._places, strict=True)):
            base = top - (line + 1) * step + (step - self.size) / 2 + 1
            canv.rect(x, base - 0.6, self.BOX, self.BOX, stroke=1, fill=0)
            if n in self.ticked:  # a tick drawn in the box, as a pen would
                b, y = self.BOX, base - 0.6
                canv.setLineWidth(1.1)
                canv.lines([(x + 0.18 * b, y + 0.5 * b, x + 0.42 * b, y + 0.2 * b),
                            (x + 0.42 * b, y + 0.2 * b, x + 0.85 * b, y + 0.85 * b)])
                canv.setLineWidth(0.6)
            canv.setFont(SONG, self.size)
            canv.drawString(x + self.BOX + 1.2 * mm, base, label)


def note(text: str) -> Paragraph:
    return Paragraph(escape(text), styles().note)


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)
