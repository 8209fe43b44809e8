"""A small dialog around the generic form, for rows made from another page (a need, a case)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from swdesk.model import SyncedModel, describe
from ui.forms.entity_form import EntityForm
from ui.shell.context import AppContext
from ui.widgets.screen_fit import fit_to_screen

translate = QCoreApplication.translate


class FormDialog(QDialog):
    """Create one row (or edit ``row``); ``saved_id`` holds its id once accepted."""

    def __init__(self, model: type[SyncedModel], ctx: AppContext, *,
                 fixed: dict[str, Any] | None = None, defaults: dict[str, Any] | None = None,
                 hidden: Iterable[str] = (), row: SyncedModel | None = None,
                 title: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or translate("FormDialog", "新建{}").format(
            describe(model).label))
        self.setMinimumWidth(560)
        self.saved_id: int | None = None
        layout = QVBoxLayout(self)
        self.form = EntityForm(model, ctx.actor, ctx.data_dir, row, fixed=fixed,
                               defaults=defaults, hidden=hidden, parent=self)
        # A long form (a client has some twenty fields) scrolls: the dialog must fit a
        # 1280×720 laptop at 150 %.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        layout.addWidget(scroll)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(translate("FormDialog", "保存"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(translate("FormDialog", "取消"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        layout.addWidget(buttons)
        self.save_button.clicked.connect(self.form.save)
        self.cancel_button.clicked.connect(self.form.cancel)
        self.form.saved.connect(self._saved)
        self.form.cancelled.connect(self.reject)
        whole = self.form.sizeHint() + QSize(40, buttons.sizeHint().height() + 40)
        fit_to_screen(self, whole.expandedTo(self.minimumSize()))

    def _saved(self, row_id: int) -> None:
        self.saved_id = row_id
        self.form.stop_drafts()
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter and Esc belong to the form (save, and cancel with the guard).
        self.form.keyPressEvent(event)

    def reject(self) -> None:
        self.form.stop_drafts()
        super().reject()
