"""The printouts' two faces and how a table's text is measured and broken into lines.

Kept apart from ``layout`` (the page, styles and tables): what a column needs is worked
out here from the text alone, with reportlab's font metrics.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from swdesk.resources import resource_path

# Body text, cells and the footer in a Song face; titles, section headings, table headings
# and the running header in a Hei face, as Chinese official forms are set. Both are
# TrueType (glyf) files reportlab embeds as subsets (see resources/fonts/README.md).
SONG = "UMingCN"
HEI = "WenQuanYiMicroHei"

CELL_SIZE = 9


def register_fonts() -> None:
    """Register the bundled Song and Hei faces once."""
    registered = pdfmetrics.getRegisteredFontNames()
    if SONG not in registered:
        pdfmetrics.registerFont(TTFont(SONG, str(resource_path("fonts", "uming-cn-gb2312.ttf"))))
    if HEI not in registered:
        path = resource_path("fonts", "wqy-microhei.ttc")
        pdfmetrics.registerFont(TTFont(HEI, str(path), subfontIndex=0))


def register_font() -> str:
    """Register both faces; returns the body face's name."""
    register_fonts()
    return SONG


@cache
def song_chars() -> frozenset[int]:
    """The characters the Song subset has (GB 2312, Latin, punctuation)."""
    register_fonts()
    font = pdfmetrics.getFont(SONG)
    return frozenset(font.face.charToGlyph)


def in_song(text: str) -> bool:
    """Does the Song face have every character of ``text``? (A rare name character may not.)"""
    chars = song_chars()
    return all(ord(ch) in chars or ch == "\n" for ch in text)


PAD = 5
# A text this short (a heading such as 服务对象, a name, a label like 助理社会工作师) is never
# broken.
SHORT = 8
# Break points: a run of Latin letters, digits and the signs inside numbers and dates stays
# whole; spaces may break; every other character (Chinese) may break before it.
_UNIT = re.compile(r"[0-9A-Za-z\u00C0-\u024F.,:%+\-–/#@&*'_~]+|[ \u3000]+|.", re.S)
# No line starts with a closing mark, and none ends with an opening one.
_CLOSING = set("，。、；：？！）》」』”’…%,.;:?!)]")
_OPENING = set("（《「『“‘([")
# A heading breaks first before a bracket or after a slash or 、 (市级要求 / （每年80学时）).
_HEAD_BREAK = re.compile(r"(?=[（(])|(?<=[/、])")
NUMBER = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?%?$")
_FUZZ = 0.01  # a width computed as text + padding - padding is not always the text's
TALL = 12  # lines: a cell taller than this may split across pages


# The Song subset's Latin letters and digits are typewriter-like: a cell without Chinese
# characters (a date, a number, an ID or phone number, English) is set in the Hei face.
_HANZI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def cell_font(text: str, head: bool) -> str:
    return HEI if head or not _HANZI.search(text) else SONG


def text_width(text: str, font: str = SONG, size: float = CELL_SIZE) -> float:
    return max((pdfmetrics.stringWidth(line, font, size) for line in text.split("\n")),
               default=0.0)


def _units(text: str) -> list[str]:
    """The pieces a line may break between, closing marks kept with what they close."""
    units: list[str] = []
    carry = ""
    for piece in _UNIT.findall(text):
        if piece in _OPENING:
            carry += piece
            continue
        piece = carry + piece
        carry = ""
        if units and piece[0] in _CLOSING:
            units[-1] += piece
        else:
            units.append(piece)
    if carry:
        units.append(carry)
    return units


def _pieces(text: str, head: bool) -> list[str]:
    """Break units of one line of text: a short text is one unit; a heading breaks at
    brackets and slashes before it breaks between characters."""
    if len(text) <= SHORT:
        return [text]
    if head:
        return [seg for seg in _HEAD_BREAK.split(text) if seg]
    return _units(text)


def wrap_text(text: str, room: float, *, font: str = SONG, size: float = CELL_SIZE,
              head: bool = False) -> list[str]:
    """The lines ``text`` prints as in ``room`` points, broken only at sensible points."""
    lines: list[str] = []
    for line in text.split("\n"):
        if pdfmetrics.stringWidth(line, font, size) <= room + _FUZZ:
            lines.append(line)
            continue
        current, used = "", 0.0  # widths add up: reportlab applies no kerning
        queue = _pieces(line, head)
        while queue:
            piece = queue.pop(0)
            width = pdfmetrics.stringWidth(piece, font, size)
            if used + width <= room + _FUZZ:
                current, used = current + piece, used + width
                continue
            if width > room + _FUZZ and len(piece) > 1:
                # Too wide alone: a heading's segment breaks into units, a unit into letters.
                finer = _units(piece)
                queue[:0] = finer if len(finer) > 1 else list(piece)
                continue
            if current.strip():
                lines.append(current.rstrip())
            current = piece.lstrip()
            used = pdfmetrics.stringWidth(current, font, size)
        lines.append(current.rstrip())
    return lines


def min_width(text: str, font: str, head: bool) -> float:
    """The narrowest the text can be set without breaking where it must not break."""
    return max((pdfmetrics.stringWidth(p.strip(), font, CELL_SIZE)
                for line in text.split("\n") for p in _pieces(line, head)), default=0.0)


def fit_widths(texts: Sequence[Sequence[tuple[str, bool] | None]], total: float,
               stretch: Sequence[int] = ()) -> list[float]:
    """Column widths from content: ``texts`` holds each cell's (text, is-heading), or None
    for a cell drawn otherwise. Every column gets at least its widest unbreakable piece;
    what is left goes to the columns whose text would otherwise wrap most, or when all
    fits on one line, to the ``stretch`` columns (else to all, by their width)."""
    columns = max((len(row) for row in texts), default=0)
    natural = [2 * PAD + 1.0] * columns
    least = [2 * PAD + 1.0] * columns
    for row in texts:
        for c, cell in enumerate(row):
            if cell is None:
                continue
            text, head = cell
            font = cell_font(text, head)
            natural[c] = max(natural[c], text_width(text, font) + 2 * PAD)
            least[c] = max(least[c], min_width(text, font, head) + 2 * PAD)
    if sum(natural) <= total:
        extra = total - sum(natural)
        share = [natural[c] if not stretch or c in stretch else 0.0 for c in range(columns)]
        whole = sum(share) or 1.0
        return [natural[c] + extra * share[c] / whole for c in range(columns)]
    if sum(least) >= total:  # cannot be helped: scale down (a heading then breaks)
        return [w * total / sum(least) for w in least]
    slack = [natural[c] - least[c] for c in range(columns)]
    room = total - sum(least)
    return [least[c] + room * slack[c] / sum(slack) for c in range(columns)]
