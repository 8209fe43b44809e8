"""A table model over any entity list that holds ids only and fetches rows as they show.

The core gives the ordered ids of every matching row (``lists.list_ids``); the
model asks for the rows of a block when the view first paints one of them and
keeps a bounded number of blocks. The rows are read off the GUI thread
(``ops.Fetch``): a block's cells show "…" until it arrives. Sorting and
filtering go back to SQL through a new :class:`ListQuery`; nothing is sorted
in Python.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from swdesk import privacy
from swdesk.model.described import FieldSpec
from swdesk.services import lists
from swdesk.services.actor import Actor
from ui import ops

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

BLOCK = 100  # rows fetched together: a screenful or two
FIRST_SCREEN = 500  # ids read at once; a longer list's remaining ids load in the background
MAX_BLOCKS = 40  # at most 4,000 rows cached, whatever the list's length
MAX_WANTED = 4  # blocks asked for at once: the newest painted, a screenful or two
# A reload slower than this says 正在计数… instead of the last count (a quick one, the
# usual, changes the count once, without flashing that word).
COUNTING_DELAY_MS = 200
PENDING = "…"  # what a cell shows until its block arrives
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ID = int(Qt.ItemDataRole.UserRole) + 1  # the row's id: LazyTableModel.ID_ROLE
_ROLES = frozenset({_DISPLAY, int(Qt.ItemDataRole.ToolTipRole), _FOREGROUND, _ID})
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_STATE_COLOURS = {"pending": "#b26a00", "sent": "#1565c0", "acked": "#2e7d32",
                  "conflict": "#c62828"}


class LazyTableModel(QAbstractTableModel):
    """Rows of ``query.entity``; the last column is the row's sync state."""

    ID_ROLE = _ID
    # The number of matching rows, once known: when the first screenful of ids arrives
    # for a short list, when all of them have for a long one (the first screenful is no
    # count); and when a new query's ids take longer than COUNTING_DELAY_MS.
    total_changed = Signal()

    def __init__(self, query: lists.ListQuery, actor: Actor, parent: Any = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._query = query
        self._columns: list[FieldSpec] = lists.list_columns(query.entity)
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, list[lists.ListRow | None]] = OrderedDict()
        self._wanted: OrderedDict[int, None] = OrderedDict()  # painted, not yet read
        # Rows of the same ids read before a reload: shown until their block is read anew.
        self._stale: dict[int, list[lists.ListRow | None]] = {}
        self._rows_fetch = ops.Fetch(self, self._arrived)
        self._first_fetch = ops.Fetch(self, self._first_arrived)
        # Its own fetch: a new search never waits behind a million ids being read.
        self._all_fetch = ops.Fetch(self, self._complete)
        self._counting = QTimer(self)
        self._counting.setSingleShot(True)
        self._counting.setInterval(COUNTING_DELAY_MS)
        self._counting.timeout.connect(self._counting_too_long)
        self._visible: set[int] | None = None
        self._generation = 0  # which reload a background result belongs to
        self._total: int | None = None  # None: not known yet (the header says 正在计数…)
        self.reload()

    # --- what the view asks -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns) + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section < len(self._columns):
            return self._columns[section].label
        if section == len(self._columns):
            return translate("ListModel", "同步")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # (called a dozen times per cell painted: roles compared as plain ints, since
        # each comparison with an enum member costs a call into Python's enum code)
        role = int(role)
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        if row >= len(self._ids):
            return None
        if role == _ID:
            return self._ids[row]
        block = self._block(row // BLOCK)
        if block is None:  # still being read
            return PENDING if role == _DISPLAY else None
        shown = block[row % BLOCK]
        if shown is None:  # deleted since the ids were read
            return None if role == _FOREGROUND else ""
        col = index.column()
        if col == len(self._columns):
            if role == _FOREGROUND:
                return QBrush(QColor(_STATE_COLOURS.get(shown.state, "#555555")))
            return lists.sync_state_label(shown.state)
        if role == _FOREGROUND or col >= len(shown.cells):
            return None
        return shown.cells[col]

    def multiData(self, index: Index, span: QModelRoleDataSpan | QModelRoleData, /) -> None:
        """Every role a cell is painted with, in one call from Qt: Qt's own answer called
        ``data`` once per role (seven a cell), each a call into Python that waits for the
        GIL while a pool thread reads rows."""
        # (a span iterates over its roles, though its stub does not say so)
        roles = [span] if isinstance(span, QModelRoleData) else cast(
            "Iterable[QModelRoleData]", span)
        for role_data in roles:
            role_data.setData(self.data(index, role_data.role()))

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: order in SQL by that field (the sync column keeps the default)."""
        key = self._columns[column].key if 0 <= column < len(self._columns) else None
        if key is not None and not lists.sortable(self._query.entity, key):
            key = None  # a set of codes, or who took part, has no useful order
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and descending == self._query.descending:
            return
        self.set_query(replace(self._query, sort=key, descending=descending))

    # --- what the page asks -------------------------------------------------------------

    @property
    def query(self) -> lists.ListQuery:
        return self._query

    @property
    def columns(self) -> list[FieldSpec]:
        return list(self._columns)

    def set_query(self, query: lists.ListQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Ask the core again (after a save, a new filter, a new search text).

        The first screenful of ids is read off the GUI thread; until it arrives the
        rows on show stay (no empty flash), and a reload that takes longer than
        ``COUNTING_DELAY_MS`` says so in the count. A long list's remaining ids then
        arrive from the background and are appended. A newer reload drops the
        answers of an older one.
        """
        self._generation += 1
        generation, query, actor = self._generation, self._query, self._actor

        def first() -> tuple[int, list[int], set[int] | None]:
            return (generation, lists.list_ids(query, limit=FIRST_SCREEN),
                    privacy.visible_clients(actor))

        self._first_fetch.request(first)
        self._total = None  # (the header keeps the last count unless this takes long)
        self._counting.start()

    def _counting_too_long(self) -> None:
        self.total_changed.emit()

    def _first_arrived(self, answer: tuple[int, list[int], set[int] | None]) -> None:
        generation, ids, visible = answer
        if generation != self._generation:
            return  # a newer search or filter has replaced this list
        self._counting.stop()
        shown = self._ids if len(ids) < FIRST_SCREEN else self._ids[:FIRST_SCREEN]
        if ids == shown and visible == self._visible:
            # The same rows (a long list's rest is compared when it arrives): shown as they
            # were, where they were, until their blocks are read again.
            self._stale.update(self._blocks)
            self._blocks.clear()
            self._wanted.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(
                    len(self._ids) - 1, self.columnCount() - 1))
        else:
            self.beginResetModel()
            self._ids = ids
            self._visible = visible
            self._blocks.clear()
            self._stale.clear()
            self._wanted.clear()
            self.endResetModel()
        self._total = len(ids) if len(ids) < FIRST_SCREEN else None
        self.total_changed.emit()
        if self._total is None:
            query = self._query
            self._all_fetch.request(lambda: (generation, lists.list_ids(query)))

    def _complete(self, answer: tuple[int, list[int]]) -> None:
        generation, ids = answer
        if generation != self._generation:
            return  # a newer search or filter has replaced this list
        if ids[:len(self._ids)] != self._ids:  # the data changed meanwhile: start over
            self.beginResetModel()
            self._ids = ids
            self._blocks.clear()
            self._stale.clear()
            self._wanted.clear()
            self.endResetModel()
        elif len(ids) > len(self._ids):
            self.beginInsertRows(QModelIndex(), len(self._ids), len(ids) - 1)
            self._ids = ids
            self.endInsertRows()
        self._total = len(ids)
        self.total_changed.emit()

    def total(self) -> int | None:
        """How many rows match the query; None while its ids are still being read."""
        return self._total

    def loading(self) -> bool:
        """True while the rest of a long list is still loading."""
        return ops.running() > 0

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, row_id: int) -> int:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def cached_blocks(self) -> int:
        return len(self._blocks)

    # --- fetching -----------------------------------------------------------------------

    def _block(self, block_no: int) -> list[lists.ListRow | None] | None:
        """A block's rows if read; else None, and the block is asked for."""
        block = self._blocks.get(block_no)
        if block is not None:
            self._blocks.move_to_end(block_no)
            return block
        if block_no in self._wanted:
            self._wanted.move_to_end(block_no)
            return self._stale.get(block_no)
        self._wanted[block_no] = None
        while len(self._wanted) > MAX_WANTED:  # scrolled past: asked again if painted again
            self._wanted.popitem(last=False)
        # One call reads every block still wanted: a newer request drops the running
        # one's answer (ops.Fetch), so it must cover what that one was reading.
        wanted = {b: self._ids[b * BLOCK:(b + 1) * BLOCK] for b in self._wanted}
        generation, entity, actor, visible = (self._generation, self._query.entity,
                                              self._actor, self._visible)

        def read() -> tuple[int, dict[int, list[int]], dict[int, lists.ListRow]]:
            ids = [row_id for block_ids in wanted.values() for row_id in block_ids]
            return generation, wanted, lists.list_rows(entity, ids, actor, visible)

        self._rows_fetch.request(read)
        return self._stale.get(block_no)

    def _arrived(self, answer: tuple[int, dict[int, list[int]], dict[int, lists.ListRow]]
                 ) -> None:
        generation, wanted, rows = answer
        if generation != self._generation:
            return  # a newer search or filter has replaced this list
        last_column = self.columnCount() - 1
        for block_no, ids in wanted.items():
            first = block_no * BLOCK
            self._wanted.pop(block_no, None)
            now = self._ids[first:first + BLOCK]
            if not now:
                continue
            self._stale.pop(block_no, None)
            if now == ids:
                self._blocks[block_no] = [rows.get(row_id) for row_id in ids]
                while len(self._blocks) > MAX_BLOCKS:
                    self._blocks.popitem(last=False)
            # (if the ids changed meanwhile, repainting asks for the block anew)
            self.dataChanged.emit(self.index(first, 0),
                                  self.index(first + len(now) - 1, last_column))
