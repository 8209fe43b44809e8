"""The one form class: fields, order and labels come from the core's entity description.

Enter saves from a one-line field (Ctrl+Enter inside a multi-line one, where Enter
starts a new line), Esc cancels with an unsaved-changes guard, the core's
ValidationError messages appear under their fields (the field framed in red through
its ``fieldError`` property) and go as soon as the value is right, a save says so in
the status bar, and what is typed is kept as a draft every few seconds so a crash or
a closed window loses nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.errors import SwdeskError, ValidationError
from swdesk.model import SyncedModel, describe
from swdesk.model.base import column_attr
from swdesk.services import city_owned, crud, drafts
from swdesk.services.actor import Actor
from swdesk.services.defaults import new_row_defaults
from ui.errors import report
from ui.forms.editors import ChoicesBox, Editor
from ui.widgets.notice import announce

translate = QCoreApplication.translate
DRAFT_INTERVAL_MS = 3000
Saver = Callable[[dict[str, Any]], SyncedModel]


class EntityForm(QWidget):
    """Edit one row of ``model`` (``row`` None: a new one)."""

    saved = Signal(int)
    cancelled = Signal()
    # The restored draft was thrown away: a page with more than fields resets those too.
    draft_discarded = Signal()

    def __init__(self, model: type[SyncedModel], actor: Actor, data_dir: Path,
                 row: SyncedModel | None = None, *, hidden: Iterable[str] = (),
                 fixed: dict[str, Any] | None = None, defaults: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.entity = describe(model)
        self.actor = actor
        self.data_dir = data_dir
        self.row = row
        self.fixed = dict(fixed or {})
        self.saver: Saver | None = None  # a page may save through its own core service
        self.before_save: Callable[[dict[str, Any]], bool] | None = None
        self.setObjectName(f"form_{self.entity.name}")
        hidden_keys = set(hidden) | set(self.fixed)
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}

        outer = QVBoxLayout(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.draft_bar = QWidget(self)
        bar = QHBoxLayout(self.draft_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.draft_label = QLabel(translate("EntityForm", "已恢复上次未保存的内容。"), self)
        self.discard_button = QPushButton(translate("EntityForm", "丢弃草稿"), self)
        self.discard_button.clicked.connect(self._discard_restored)
        bar.addWidget(self.draft_label, 1)
        bar.addWidget(self.discard_button)
        self.draft_bar.setObjectName("draftBar")
        self.draft_bar.hide()
        outer.addWidget(self.banner)
        outer.addWidget(self.draft_bar)
        self.layout_ = QFormLayout()
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setVerticalSpacing(6)
        outer.addLayout(self.layout_)
        outer.addStretch(1)
        for spec in self.entity.form_fields:
            if spec.key in hidden_keys:
                continue
            editor = Editor(spec, self)
            locked = city_owned.locked_codes(model, spec.key) if spec.kind == "choices" else None
            if locked and isinstance(editor.widget, ChoicesBox):
                editor.widget.lock(locked, translate(
                    "EntityForm", "由市级平台认定，本站不能修改（随回执包更新）"))
            editor.save_requested.connect(self.save)
            editor.changed.connect(lambda key=spec.key: self._recheck(key))
            error = QLabel(self)
            error.setObjectName(f"error_{spec.key}")
            error.setProperty("role", "fieldError")
            error.setWordWrap(True)
            error.hide()
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(editor.widget)
            cell.addWidget(error)
            label = QLabel(spec.label + (" *" if spec.required else ""), self)
            label.setBuddy(editor.focus_widget())
            self.layout_.addRow(label, cell)
            self.editors[spec.key] = editor
            self.errors[spec.key] = error
        self._chain_tab_order()
        if row is not None:
            self.load(row)
        else:
            for key, value in {**new_row_defaults(model, actor), **(defaults or {})}.items():
                if key in self.editors:
                    self.editors[key].set_value(value)
        self._baseline = self.values()
        self._last_draft: dict[str, Any] | None = None
        # A page with more than fields (a record's participants) adds them to the draft.
        self.extra_draft: Callable[[], dict[str, Any]] | None = None
        self._restore_draft()
        self._timer = QTimer(self)
        self._timer.setInterval(DRAFT_INTERVAL_MS)
        self._timer.timeout.connect(self.keep_draft)
        self._timer.start()

    # --- values ------------------------------------------------------------------------

    @property
    def draft_key(self) -> str:
        return f"{self.entity.name}-{self.row.id if self.row is not None else 'new'}"

    def values(self) -> dict[str, Any]:
        return {key: editor.value() for key, editor in self.editors.items()}

    def load(self, row: SyncedModel) -> None:
        for key, editor in self.editors.items():
            editor.set_value(getattr(row, column_attr(type(row), key)))

    def show_saved(self, row: SyncedModel) -> None:
        """Show ``row`` as stored now (changed by an action beside the form): nothing
        unsaved afterwards."""
        self.row = row
        self.load(row)
        self._baseline = self.values()

    def is_dirty(self) -> bool:
        return self.values() != self._baseline

    def mark_dirty(self) -> None:
        """Something outside the fields changed (a record's participants): ask before leaving."""
        self._baseline = {}

    def first_field(self) -> QWidget | None:
        for editor in self.editors.values():
            return editor.focus_widget()
        return None

    def _chain_tab_order(self) -> None:
        # Tab follows the description's order, which follows the paper form.
        chain = [w for e in self.editors.values() for w in e.tab_widgets()]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _recheck(self, key: str) -> None:
        """A field in error changed: take the error away once the core accepts the value.

        (Dirtiness is computed on demand and drafts are written by the timer.)
        """
        label = self.errors[key]
        if label.isHidden():
            return
        message = crud.field_error(self.model, key, {**self.values(), **self.fixed}, self.row)
        if message is None:
            self._set_error(key, None)
        else:
            label.setText(message)

    # --- drafts ------------------------------------------------------------------------

    def keep_draft(self) -> None:
        """Write the draft if something changed since the last one."""
        if not self.is_dirty():
            return
        current = self.values()
        if self.extra_draft is not None:  # what the page keeps beside the fields
            current.update(self.extra_draft())
        if current == self._last_draft:
            return
        if drafts.save_draft(self.data_dir, self.draft_key, current):
            self._last_draft = current  # (else tried again at the next tick)

    def _restore_draft(self) -> None:
        draft = drafts.load_draft(self.data_dir, self.draft_key)
        if not draft:
            return
        for key, value in draft.items():
            if key in self.editors:
                self.editors[key].set_value(value)
        self._last_draft = self.values()
        self.draft_bar.show()

    def _discard_restored(self) -> None:
        drafts.discard_draft(self.data_dir, self.draft_key)
        self._last_draft = None
        if self.row is not None:
            self.load(self.row)
        else:
            for editor in self.editors.values():
                editor.set_value(None)
        self.draft_discarded.emit()
        self._baseline = self.values()
        self.draft_bar.hide()

    # --- saving and cancelling ------------------------------------------------------------

    def _set_error(self, key: str, message: str | None) -> None:
        label = self.errors[key]
        label.setText(message or "")
        label.setVisible(message is not None)
        widget = self.editors[key].widget
        widget.setProperty("fieldError", message is not None)  # the style sheet's red frame
        for styled in (widget, *widget.findChildren(QWidget)):
            styled.style().unpolish(styled)
            styled.style().polish(styled)

    def clear_errors(self) -> None:
        for key, label in self.errors.items():
            if not label.isHidden():
                self._set_error(key, None)
        self.banner.hide()

    def show_errors(self, exc: ValidationError) -> None:
        self.clear_errors()
        general: list[str] = []
        first: QWidget | None = None
        for key, message in exc.errors.items():
            label = self.errors.get(key)
            if label is None:
                general.append(message)
                continue
            self._set_error(key, message)
            if first is None:
                first = self.editors[key].focus_widget()
        if general:
            self.banner.setText("\n".join(general))
            self.banner.setProperty("kind", "error")
            self.banner.show()
        if first is not None:
            first.setFocus()

    def save(self) -> SyncedModel | None:
        """Validate and save through the core; on failure show why and keep the form."""
        values = {**self.values(), **self.fixed}
        if self.before_save is not None and not self.before_save(values):
            return None
        try:
            if self.saver is not None:
                row = self.saver(values)
            elif self.row is None:
                row = crud.create(self.model, values, self.actor)
            else:
                row = crud.update(self.model, self.row.id, values, self.actor,
                                  base_version=self.row.version)
        except ValidationError as exc:
            self.show_errors(exc)
            return None
        except SwdeskError as exc:
            report(self, exc)
            return None
        drafts.discard_draft(self.data_dir, self.draft_key)
        self.row = row
        self._baseline = self.values()
        self._last_draft = None
        self.clear_errors()
        self.draft_bar.hide()
        announce(self, translate("EntityForm", "已保存"))
        self.saved.emit(int(row.id))
        return row

    def confirm_leave(self) -> bool:
        """The unsaved-changes guard: True if it is fine to leave the form."""
        if not self.is_dirty():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, translate("EntityForm", "尚未保存"),
                          translate("EntityForm", "刚才填写的内容还没有保存。要保存吗？"),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("unsavedBox")
        save = box.addButton(translate("EntityForm", "保存"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(translate("EntityForm", "不保存"),
                                QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(translate("EntityForm", "继续填写"),
                             QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return self.save() is not None
        if clicked is discard:
            drafts.discard_draft(self.data_dir, self.draft_key)
            self._baseline = self.values()
            return True
        return False

    def cancel(self) -> None:
        if self.confirm_leave():
            self._timer.stop()
            self.cancelled.emit()

    def stop_drafts(self) -> None:
        self._timer.stop()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Only from a one-line field: a multi-line one that let Enter through (read-only,
            # say) is no place to save from; Ctrl+Enter there is its own signal.
            if not isinstance(QApplication.focusWidget(), QPlainTextEdit | QTextEdit):
                self.save()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)
