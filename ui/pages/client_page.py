"""A client: profile, needs, cases and the timeline of every service received."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk import validation
from swdesk.errors import ValidationError
from swdesk.model import Case, CaseLog, Client, Need
from swdesk.numbers import grouped
from swdesk.services import cases, crud, lists
from ui.forms.entity_form import EntityForm
from ui.forms.form_dialog import FormDialog
from ui.models.lazy_table import LazyTableModel
from ui.pages.form_page import back_button, page_header, scrolled
from ui.shell.context import AppContext
from ui.widgets.list_columns import ListView, fit_columns

translate = QCoreApplication.translate
ROW_HEIGHT = 28  # the related tables' and the timeline's rows


def related_table(parent: QWidget, model: LazyTableModel) -> ListView:
    """A compact read-only table of rows that belong to the page's row."""
    view = ListView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    fit_columns(view, model.columns)
    return view


def timeline_kind_label(kind: str) -> str:
    return {
        "service_record": translate("ClientPage", "服务"),
        "case_log": translate("ClientPage", "个案记录"),
        "case_opened": translate("ClientPage", "开案"),
        "case_closed": translate("ClientPage", "结案"),
        "need": translate("ClientPage", "需求"),
    }.get(kind, kind)


class ClientPage(QWidget):
    closed = Signal()

    def __init__(self, ctx: AppContext, client_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("clientPage")
        self.client: Client | None = crud.get(Client, client_id) if client_id else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = (translate("ClientPage", "新建服务对象") if self.client is None
                 else translate("ClientPage", "服务对象 · {}").format(self.client.name))
        header, self.title_label = page_header(self, title)
        self.cancel_button = back_button(self, lambda: self.form.cancel())
        self.save_button = QPushButton(translate("ClientPage", "保存（Enter）"), self)
        self.save_button.setProperty("role", "primary")
        header.addWidget(self.cancel_button)
        header.addWidget(self.save_button)
        layout.addLayout(header)

        self.tabs = QTabWidget(self)
        self.form = EntityForm(Client, ctx.actor, ctx.data_dir, self.client, parent=self)
        self.form.before_save = self._check_duplicates
        profile = QWidget()
        profile_layout = QVBoxLayout(profile)
        profile_layout.addWidget(self.form)
        profile_layout.addStretch(1)
        profile.setMaximumWidth(980)
        self.tabs.addTab(scrolled(profile), translate("ClientPage", "基本信息"))
        if self.client is not None:
            self._add_related_tabs(self.client.id)
        layout.addWidget(self.tabs, 1)

        self.save_button.clicked.connect(self.form.save)
        self.form.saved.connect(self._saved)
        self.form.cancelled.connect(self.closed)

    # --- related rows -------------------------------------------------------------------

    def _add_related_tabs(self, client_id: int) -> None:
        self.needs = LazyTableModel(lists.ListQuery("need", filters={"client": client_id}),
                                    self.ctx.actor, self)
        self.cases = LazyTableModel(lists.ListQuery("case", filters={"client": client_id}),
                                    self.ctx.actor, self)
        self.tabs.addTab(self._related(self.needs, translate("ClientPage", "登记需求"),
                                       self._add_need, "need"),
                         translate("ClientPage", "服务需求（{}）").format(
                             grouped(self.needs.rowCount())))
        self.tabs.addTab(self._related(self.cases, translate("ClientPage", "开案"),
                                       self._open_case, "case"),
                         translate("ClientPage", "个案（{}）").format(
                             grouped(self.cases.rowCount())))
        self.timeline = QTreeWidget(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setHeaderLabels([translate("ClientPage", "日期"),
                                       translate("ClientPage", "类型"),
                                       translate("ClientPage", "内容")])
        self.timeline.setColumnWidth(0, 110)
        self.timeline.setColumnWidth(1, 100)
        self.timeline.itemActivated.connect(self._timeline_open)
        self._fill_timeline(client_id)
        self.tabs.addTab(self.timeline, translate("ClientPage", "服务时间线（{}）").format(
            grouped(self.timeline.topLevelItemCount())))

    def _related(self, model: LazyTableModel, button_text: str, on_add: Any,
                 entity: str | None) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addStretch(1)
        add = QPushButton(button_text, box)
        add.clicked.connect(on_add)
        row.addWidget(add)
        layout.addLayout(row)
        view = related_table(box, model)
        if entity is not None:
            view.activated.connect(
                lambda index: self.ctx.open_row(entity, int(model.id_at(index.row()) or 0)))
        layout.addWidget(view, 1)
        return box

    def _fill_timeline(self, client_id: int) -> None:
        self.timeline.clear()
        for item in cases.client_timeline(client_id, self.ctx.actor):
            node = QTreeWidgetItem([item.date.isoformat(), timeline_kind_label(item.kind),
                                    item.title])
            node.setData(0, Qt.ItemDataRole.UserRole, (item.ref_entity, item.ref_id))
            node.setSizeHint(0, QSize(0, ROW_HEIGHT))  # the font's height alone is cramped
            self.timeline.addTopLevelItem(node)

    def _timeline_open(self, node: QTreeWidgetItem, _column: int) -> None:
        entity, row_id = node.data(0, Qt.ItemDataRole.UserRole)
        if entity == "case_log":
            log_row = crud.get(CaseLog, row_id)
            entity, row_id = "case", log_row.case_id
        if entity in ("case", "service_record", "need"):
            self.ctx.open_row(entity, row_id)

    def _add_need(self) -> None:
        assert self.client is not None
        dialog = FormDialog(Need, self.ctx, fixed={"client": self.client.id}, parent=self)
        if dialog.exec() and dialog.saved_id is not None:
            self.needs.reload()
            self.ctx.data_changed()

    def _open_case(self) -> None:
        assert self.client is not None
        # A new case starts at 接案: its stage and closure are the case page's to set.
        dialog = FormDialog(Case, self.ctx, fixed={"client": self.client.id, "stage": "intake"},
                            hidden=cases.STAGE_FIELDS, parent=self)
        if dialog.exec() and dialog.saved_id is not None:
            self.cases.reload()
            self.ctx.data_changed()
            self.ctx.open_row("case", dialog.saved_id)

    # --- saving -------------------------------------------------------------------------

    def _check_duplicates(self, values: dict[str, Any]) -> bool:
        """Before a new client is saved: same resident ID, or same name and birth date?"""
        if self.client is not None:
            return True
        id_number = str(values.get("id_number") or "").strip()
        birth: dt.date | None = None
        if id_number:
            try:
                parsed = validation.parse_resident_id(id_number)
            except ValidationError:
                return True  # the save itself will say what is wrong with the number
            id_number, birth = parsed.number, parsed.birth_date
        found = cases.possible_duplicates(str(values.get("name") or ""), id_number or None,
                                          birth)
        if not found:
            return True
        names = "、".join(f"{c.name}（{c.community or ''} {c.registered_on or ''}）"
                         for c in found[:5])
        box = QMessageBox(QMessageBox.Icon.Warning, translate("ClientPage", "可能重复登记"),
                          translate("ClientPage", "已有相同身份证号、或同名同出生日期的服务对象：\n"
                                                  "{}\n\n仍要保存这位新的服务对象吗？").format(names),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("duplicateBox")
        go_on = box.addButton(translate("ClientPage", "仍然保存"),
                              QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(translate("ClientPage", "返回修改"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is go_on

    def _saved(self, client_id: int) -> None:
        self.ctx.data_changed()
        if self.client is None:
            self.form.stop_drafts()
            self.closed.emit()
            return
        self.client = crud.get(Client, client_id)
        self.title_label.setText(translate("ClientPage", "服务对象 · {}").format(self.client.name))

    def confirm_leave(self) -> bool:
        return self.form.confirm_leave()

    def keep_draft(self) -> None:
        self.form.keep_draft()

    def focus_first(self) -> None:
        first = self.form.first_field()
        if first is not None:
            first.setFocus()
