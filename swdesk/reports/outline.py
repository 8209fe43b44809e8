"""Bookmarks (the PDF's outline) and a contents page whose page numbers are right.

A :class:`Mark` in the story notes the page it lands on; a :class:`ContentsLine` draws a
section's title and leaves its page number blank. The page canvas already holds every
page back until the last is laid out (for 第 X 页 / 共 Y 页), so when it writes the pages
out it knows every mark's page: it fills in the contents' numbers and adds the outline
entries then. Laying out twice (once to learn the pages, once to print them) gives the
same numbers at twice the cost; the contents page's length does not depend on the
numbers, so nothing moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable

from swdesk.reports import layout as lay
from swdesk.reports.text_fit import SONG, text_width


@dataclass
class Book:
    """What one build noted: each mark's page, and where the contents' numbers go."""

    marks: list[tuple[int, str, str, int]] = field(default_factory=list)  # page, key, title, level
    slots: list[tuple[int, float, float, str]] = field(default_factory=list)  # page, x, y, key
    total: int = 0  # pages in all

    def pages(self) -> dict[str, int]:
        """Each mark's key -> the page it is on (the first, if marked twice)."""
        out: dict[str, int] = {}
        for page, key, _title, _level in self.marks:
            out.setdefault(key, page)
        return out


class OutlinedCanvas(lay.NumberedCanvas):
    book: ClassVar[Book]

    def save(self) -> None:
        pages = self.book.pages()
        marks: dict[int, list[tuple[str, str, int]]] = {}
        for page, key, title, level in self.book.marks:
            marks.setdefault(page, []).append((key, title, level))
        slots: dict[int, list[tuple[float, float, str]]] = {}
        for page, x, y, key in self.book.slots:
            slots.setdefault(page, []).append((x, y, key))
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(number, total)
            self.setFont(SONG, ContentsLine.SIZE)
            for x, y, key in slots.get(number, []):
                self.drawRightString(x, y, str(pages.get(key, "")))
            for key, title, level in marks.get(number, []):
                self.bookmarkPage(key)
                self.addOutlineEntry(title, key, level)
            rl_canvas.Canvas.showPage(self)
        self.showOutline()
        rl_canvas.Canvas.save(self)


def canvas_for(book: Book) -> type[OutlinedCanvas]:
    """A page canvas class that notes into ``book`` (one per build)."""
    return type("BookCanvas", (OutlinedCanvas,), {"book": book})


class Mark(Flowable):
    """Takes no room; notes the page it lands on as an outline entry (level 0 = top)."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv: Any = self.canv
        canv.book.marks.append((canv.getPageNumber(), self.key, self.title, self.level))


class ContentsLine(Flowable):
    """One line of the contents: the title (indented by level), dots, the page number."""

    SIZE = 10.5
    NUMBER_ROOM = 12 * lay.mm

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.SIZE * 1.9

    def draw(self) -> None:
        canv: Any = self.canv
        indent = self.level * 8 * lay.mm
        room = self.width - indent - self.NUMBER_ROOM - 4 * lay.mm
        title = self.title
        while title and text_width(title, SONG, self.SIZE) > room:
            title = title[:-2] + "…"
        canv.setFont(SONG, self.SIZE)
        y = self.SIZE * 0.5
        canv.drawString(indent, y, title)
        start = indent + text_width(title, SONG, self.SIZE) + 2 * lay.mm
        end = self.width - self.NUMBER_ROOM
        if end > start:
            canv.setDash(1, 2)
            canv.setLineWidth(0.5)
            canv.line(start, y, end, y)
            canv.setDash()
        x, y_abs = canv.absolutePosition(self.width, y)
        canv.book.slots.append((canv.getPageNumber(), x, y_abs, self.key))
