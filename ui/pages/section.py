"""One rail entry of an entity: its list, and the page of the row being opened or created."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QWidget

from swdesk.model import ENTITIES
from swdesk.services import crud
from ui.pages.form_page import FormPage
from ui.pages.list_page import ListPage
from ui.shell import registry
from ui.shell.context import AppContext
from ui.shell.registry import DetailFactory, register_detail


class DetailPage(Protocol):
    closed: Signal

    def confirm_leave(self) -> bool: ...

    def keep_draft(self) -> None: ...


# (register_detail lives in the registry, light enough for the plugins to import at
# start; it is named here too, where pages have always found it.)
__all__ = ["DetailFactory", "DetailPage", "EntitySection", "register_detail"]


class EntitySection(QStackedWidget):
    """The list of ``entity`` with the opened row's page stacked on top of it."""

    def __init__(self, entity: str, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity = entity
        self.ctx = ctx
        self.setObjectName(f"section_{entity}")
        self.list_page = ListPage(entity, ctx, self)
        self.list_page.open_requested.connect(self.open)
        self.list_page.new_requested.connect(self.new)
        self.addWidget(self.list_page)
        self.detail: QWidget | None = None
        self._shown = False
        # Here rather than on the list: Ctrl+N also works with a row's page open (leaving
        # it asks first if something is unsaved, as the list's button does).
        QShortcut(QKeySequence.StandardKey.New, self, self.new)

    def _show_detail(self, page: QWidget) -> None:
        if self.detail is not None and not self.close_detail():
            page.deleteLater()
            return
        self.detail = page
        page.closed.connect(self.close_detail_quietly)  # type: ignore[attr-defined]
        self.addWidget(page)
        self.setCurrentWidget(page)
        focus = getattr(page, "focus_first", None)
        if callable(focus):
            focus()

    def _make(self, row_id: int | None) -> QWidget:
        factory = registry.detail(self.entity)
        if factory is not None:
            return factory(self.ctx, row_id)
        model = ENTITIES[self.entity]
        row = crud.get(model, row_id) if row_id is not None else None
        return FormPage(model, self.ctx, row)

    def open(self, row_id: int) -> None:
        self._show_detail(self._make(row_id))

    def new(self) -> None:
        self._show_detail(self._make(None))

    def open_entity(self, entity: str, row_id: int) -> None:
        if entity == self.entity:
            self.open(row_id)

    def page_shown(self) -> None:
        # Coming back to the list: rows may have changed elsewhere. The first showing
        # has just read them, and a second read of a million ids is not free.
        if self._shown and self.detail is None:
            self.list_page.refresh()
        self._shown = True

    def confirm_leave(self) -> bool:
        if self.detail is None:
            return True
        ask = getattr(self.detail, "confirm_leave", None)
        return bool(ask()) if callable(ask) else True

    def keep_draft(self) -> None:
        keep = getattr(self.detail, "keep_draft", None)
        if callable(keep):
            keep()

    def close_detail(self) -> bool:
        """Back to the list, asking first if something is unsaved."""
        if not self.confirm_leave():
            return False
        self.close_detail_quietly()
        return True

    def close_detail_quietly(self) -> None:
        if self.detail is None:
            return
        page, self.detail = self.detail, None
        self.removeWidget(page)
        page.deleteLater()
        self.setCurrentWidget(self.list_page)
        self.list_page.refresh()
        self.list_page.view.setFocus()
