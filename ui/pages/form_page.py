"""A form on a page of its own: a title, the generic form, Save and Cancel."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.model import SyncedModel, Volunteer, describe
from swdesk.services.display import row_title
from ui.forms.entity_form import EntityForm
from ui.reports.print_actions import print_volunteer_certificate
from ui.shell.context import AppContext
from ui.widgets.page_parts import page_header, scrolled

translate = QCoreApplication.translate
__all__ = ["FormPage", "back_button", "page_header", "scrolled"]  # (the pages import them here)


class _EscapeLeaves(QObject):
    """Esc that nothing on the page took (a people table, a related list) leaves it too."""

    def __init__(self, page: QWidget, leave: Callable[[], None]) -> None:
        super().__init__(page)
        self.leave = leave

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape):
            self.leave()
            return True
        return False


def back_button(page: QWidget, leave: Callable[[], None]) -> QPushButton:
    """The one way back from a row's page to its list, the same word on every page:
    "返回（Esc）", and Esc anywhere on the page (``leave`` asks first if unsaved)."""
    button = QPushButton(translate("FormPage", "返回（Esc）"), page)
    button.setObjectName("backButton")
    button.clicked.connect(leave)
    page.installEventFilter(_EscapeLeaves(page, leave))
    return button


class FormPage(QWidget):
    """Edit or create one row of any entity; ``closed`` when saved or cancelled."""

    closed = Signal()
    saved = Signal(int)

    def __init__(self, model: type[SyncedModel], ctx: AppContext,
                 row: SyncedModel | None = None, *, defaults: dict[str, Any] | None = None,
                 hidden: Iterable[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        entity = describe(model)
        title = (translate("FormPage", "新建{}").format(entity.label) if row is None
                 else f"{entity.label} · {row_title(row)}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header, _label = page_header(self, title)
        self.form = EntityForm(model, ctx.actor, ctx.data_dir, row, defaults=defaults,
                               hidden=hidden, parent=self)
        self.save_button = QPushButton(translate("FormPage", "保存（Enter）"), self)
        self.save_button.setProperty("role", "primary")
        self.cancel_button = back_button(self, self.form.cancel)
        if row is not None and model is Volunteer:
            self.print_button = QPushButton(translate("FormPage", "打印志愿服务记录证明"), self)
            self.print_button.setObjectName("printButton")
            volunteer_id = int(row.id)
            self.print_button.clicked.connect(lambda: print_volunteer_certificate(
                volunteer_id, None, ctx.handle(), self))
            header.addWidget(self.print_button)
        header.addWidget(self.cancel_button)
        header.addWidget(self.save_button)
        layout.addLayout(header)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.form)
        body_layout.addStretch(1)
        self.body_layout = body_layout  # (what a page adds under its form goes before the stretch)
        body.setMaximumWidth(900)
        # The form, and beside it what a page of one entity adds (a volunteer's hours).
        self.body_row = QHBoxLayout()
        self.body_row.addWidget(scrolled(body), 1)
        layout.addLayout(self.body_row, 1)
        self.save_button.clicked.connect(self.form.save)
        self.form.saved.connect(self._saved)
        self.form.cancelled.connect(self.closed)

    def add_below_form(self, widget: QWidget) -> None:
        """``widget`` under the form, scrolling with it (an evaluation's attachments)."""
        self.body_layout.insertWidget(self.body_layout.count() - 1, widget)

    def _saved(self, row_id: int) -> None:
        self.form.stop_drafts()
        self.ctx.data_changed()
        self.closed.emit()  # first: a handler of saved may open another page in its place
        self.saved.emit(row_id)

    def confirm_leave(self) -> bool:
        return self.form.confirm_leave()

    def keep_draft(self) -> None:
        self.form.keep_draft()

    def focus_first(self) -> None:
        first = self.form.first_field()
        if first is not None:
            first.setFocus()
