"""Pick a linked row (a client, a worker, a project …) by typing part of its name.

Typing asks the core's list search (clients: name, pinyin initials, ID or phone
tail) and shows the hits in a popup; Enter takes the highlighted (or first) hit.
The search runs off the GUI thread (``ops.Fetch``) once typing pauses; hits for a
text since changed are dropped, and an Enter pressed before the hits arrived takes
the first of them when they do.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from swdesk.model import ENTITIES
from swdesk.services import display, lists
from ui import ops

translate = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_HITS = 20
SEARCH_DEBOUNCE_MS = 150  # a search once typing pauses, not one per key

Hits = tuple[str, list[tuple[int, str]]]  # the text searched, and (id, shown text) per hit


def find_hits(entity: str, text: str) -> Hits:
    """The first hits for ``text`` (on a pool thread) with the text a picker shows for each."""
    ids = lists.list_ids(lists.ListQuery(entity, search=text), limit=MAX_HITS)
    rows = lists.fetch_rows(entity, ids)
    hits = []
    for row_id in ids:
        row = rows.get(row_id)
        if row is not None:
            where = getattr(row, "community", None)
            title = display.row_title(row)
            hits.append((row_id, f"{title}（{where}）" if where else title))
    return text, hits


def describe_row(entity: str, row_id: int) -> str:
    """The text a picker shows for a chosen row: its title, plus where for people."""
    rows = lists.fetch_rows(entity, [row_id])
    row = rows.get(row_id)
    if row is None:
        return ""
    title = display.row_title(row)
    where = getattr(row, "community", None)
    return f"{title}（{where}）" if where else title


class LinkPicker(QLineEdit):
    """A line edit whose value is the id of a row of ``entity``."""

    picked = Signal(int)

    def __init__(self, entity: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity = entity
        self._id: int | None = None
        self._hits = QStandardItemModel(self)
        self._completer = QCompleter(self._hits, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._activated)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)
        self._fetch = ops.Fetch(self, self._found)
        self._searching = False  # hits for the text as it is now not yet shown
        self._pick_when_found = False  # Enter was pressed before they arrived
        self.textEdited.connect(self._edited)
        self.setPlaceholderText(
            translate("LinkPicker", "输入姓名、拼音首字母或号码后几位") if entity == "client"
            else translate("LinkPicker", "输入{}查找").format(
                display.name_label(ENTITIES[entity]) if entity in ENTITIES
                else translate("LinkPicker", "名称")))
        self.setClearButtonEnabled(True)

    def value(self) -> int | None:
        return self._id

    def set_value(self, row_id: int | None) -> None:
        self._id = int(row_id) if row_id is not None else None
        self.setText(describe_row(self.entity, self._id) if self._id is not None else "")

    def hit_count(self) -> int:
        return self._hits.rowCount()

    def searching(self) -> bool:
        """True while the hits for the text typed are still being looked for."""
        return self._searching

    def _edited(self, text: str) -> None:
        self._id = None
        self._pick_when_found = False
        if not text.strip():
            self._debounce.stop()
            self._searching = False
            self._hits.clear()
            return
        self._searching = True  # (the hits on show stay until the new ones arrive)
        self._debounce.start()

    def _search(self) -> None:
        self._debounce.stop()
        entity, text = self.entity, self.text()
        self._fetch.request(lambda: find_hits(entity, text))

    def _found(self, answer: Hits) -> None:
        text, hits = answer
        if text != self.text() or not self._searching:
            return  # typed on since (or picked, or emptied): its own search follows
        self._searching = False
        self._hits.clear()
        for row_id, shown in hits:
            item = QStandardItem(shown)
            item.setData(row_id, ID_ROLE)
            self._hits.appendRow(item)
        if self._pick_when_found:
            self._pick_when_found = False
            self.pick_first()
        elif self._hits.rowCount() and self.hasFocus():
            self._completer.setCompletionPrefix("")
            self._completer.complete()

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row_id = index.data(ID_ROLE)
        if row_id is None:
            return
        self._searching = self._pick_when_found = False
        self._debounce.stop()
        self._id = int(row_id)
        self.setText(str(index.data(Qt.ItemDataRole.DisplayRole)))
        self.picked.emit(self._id)

    def pick_first(self) -> bool:
        """Take the highlighted hit, or the first one; True if something was picked."""
        if not self._hits.rowCount():
            return False
        popup = self._completer.popup()
        assert popup is not None
        current = popup.currentIndex() if popup.isVisible() else QModelIndex()
        if current.isValid():
            self._activated(current)
        else:
            self._activated(self._hits.index(0, 0))
        popup.hide()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._id is None
                and self.text().strip()):
            if self._searching:  # the first hit is taken when the hits arrive
                self._pick_when_found = True
                if self._debounce.isActive():
                    self._search()  # no need to wait for the pause in typing
                return
            if self.pick_first():
                return  # Enter chooses; a second Enter then reaches the form and saves
        super().keyPressEvent(event)
