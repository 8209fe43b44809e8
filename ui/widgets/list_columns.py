"""How a list's columns share its width: short values sized to their content, text shares
the rest, so that a list fills its width with no empty strip and no horizontal scrolling;
only a window too narrow to give running text a readable width scrolls sideways."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHeaderView, QStyleOptionViewItem, QTableView, QWidget

from swdesk.model.described import FieldSpec

_SHORT_TEXT = 100  # a text column holding at most this many characters sizes to its content
TEXT_MIN_CHARS = 10  # running text narrower than this many characters reads as nothing
_CELL_PADDING = 16
_ROUNDING = 3  # pixels: whole-pixel font widths against the delegate's fractional layout


class ListView(QTableView):
    """A table over a lazy list: columns sized to their content measure the rows in view.

    Qt measures every row of a hidden table (a list behind another page, whose ids
    arrive from the background), which would fetch them all; hidden, a column is as wide
    as its heading, and the header measures again when the table is shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_columns: list[int] = []
        self.squeezed = False  # text columns at their least width, the table scrolling
        # Refit once the header has laid its sections out, never inside its own resizing.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_text_columns)
        self.horizontalHeader().sectionResized.connect(self._section_resized)

    def sizeHintForColumn(self, column: int) -> int:
        """What Qt's own measure gives (the widest cell in view, as the delegate sizes it),
        asking the delegate only for the cells whose text is widest in the font.

        The header asks again each time a block of rows arrives; through the delegate each
        cell costs a dozen calls into the model (one per role), which held the GUI thread
        40 ms and more while a long list was scrolled."""
        model = self.model()
        if not self.isVisible() or model is None:
            return 0
        top = max(0, self.rowAt(0))
        bottom = self.rowAt(self.viewport().height() - 1)
        if bottom < 0:
            bottom = model.rowCount() - 1
        metrics = self.fontMetrics()
        widths: dict[str, tuple[int, QModelIndex]] = {}  # one cell of each text
        for row in range(top, bottom + 1):
            if self.isRowHidden(row):
                continue
            index = model.index(row, column)
            text = model.data(index)
            text = "" if text is None else str(text)
            if text not in widths:
                widths[text] = (metrics.horizontalAdvance(text), index)
        if not widths:
            return super().sizeHintForColumn(column)
        widest = max(width for width, _index in widths.values())
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        # (the delegate lays text out in fractions of a pixel: a text a pixel or two
        # narrower in whole pixels may come out as wide)
        hint = max(self.itemDelegateForIndex(index).sizeHint(option, index).width()
                   for width, index in widths.values() if width >= widest - _ROUNDING)
        return hint + 1 if self.showGrid() else hint

    def text_min_width(self) -> int:
        """The least width of a running-text column: :data:`TEXT_MIN_CHARS` characters."""
        return self.fontMetrics().horizontalAdvance("中" * TEXT_MIN_CHARS) + _CELL_PADDING

    def refit_later(self) -> None:
        """Fit the text columns once the events now queued have run."""
        self._refit.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refit.start()

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        if index not in self.text_columns:
            self._refit.start()

    def _fit_text_columns(self) -> None:
        """Text columns stretch while the room left gives each its least width; below
        that they keep the least width and the table scrolls sideways."""
        if not self.text_columns or not self.isVisible():
            return
        header = self.horizontalHeader()
        others = sum(header.sectionSize(n) for n in range(header.count())
                     if n not in self.text_columns and not header.isSectionHidden(n))
        least = self.text_min_width()
        squeeze = self.viewport().width() - others < least * len(self.text_columns)
        if squeeze == self.squeezed:
            return
        self.squeezed = squeeze
        for n in self.text_columns:
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.Interactive if squeeze
                                        else QHeaderView.ResizeMode.Stretch)
            if squeeze:
                header.resizeSection(n, least)


def stretches(spec: FieldSpec) -> bool:
    """Whether a column takes a share of the room left (running text, sets of codes)."""
    if spec.kind in ("longtext", "choices"):
        return True
    return spec.kind == "text" and (spec.max_length or _SHORT_TEXT) >= _SHORT_TEXT


def fit_columns(view: ListView, columns: list[FieldSpec]) -> None:
    """Header resize modes for a table whose model shows ``columns`` (then, maybe, the
    sync state): contents for dates, codes, numbers and names; Stretch for running text
    (no narrower than :meth:`ListView.text_min_width`); with no running text, the last
    column stretches."""
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setResizeContentsPrecision(0)  # the rows in view only
    view.text_columns = []
    view.squeezed = False
    for n in range(view.model().columnCount()):
        spec = columns[n] if n < len(columns) else None
        stretch = spec is not None and stretches(spec)
        if stretch:
            view.text_columns.append(n)
        header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch if stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(not view.text_columns)
    view.refit_later()
