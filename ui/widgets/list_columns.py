"""How a list's columns share its width: short values sized to their content, text shares
the rest, so that a list fills its width with no empty strip and no horizontal scrolling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from swdesk.model.described import FieldSpec

_SHORT_TEXT = 100  # a text column holding at most this many characters sizes to its content


class ListView(QTableView):
    """A table over a lazy list: columns sized to their content measure the rows in view.

    Qt measures every row of a hidden table (a list behind another page, whose ids
    arrive from the background), which would fetch them all; hidden, a column is as wide
    as its heading, and the header measures again when the table is shown.
    """

    def sizeHintForColumn(self, column: int) -> int:
        return super().sizeHintForColumn(column) if self.isVisible() else 0


def stretches(spec: FieldSpec) -> bool:
    """Whether a column takes a share of the room left (running text, sets of codes)."""
    if spec.kind in ("longtext", "choices"):
        return True
    return spec.kind == "text" and (spec.max_length or _SHORT_TEXT) >= _SHORT_TEXT


def fit_columns(view: ListView, columns: list[FieldSpec]) -> None:
    """Header resize modes for a table whose model shows ``columns`` (then, maybe, the
    sync state): contents for dates, codes, numbers and names; Stretch for running text;
    with no running text, the last column stretches."""
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setResizeContentsPrecision(0)  # the rows in view only
    any_stretch = False
    for n in range(view.model().columnCount()):
        spec = columns[n] if n < len(columns) else None
        stretch = spec is not None and stretches(spec)
        any_stretch |= stretch
        header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch if stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(not any_stretch)
