"""A need (服务需求): the form, and beside it the volunteers and partners suggested for it,
best first, each with its reasons; Enter on one matches the need to it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk.errors import SwdeskError
from swdesk.model import Need
from swdesk.services import crud, matching
from ui import ops
from ui.errors import report
from ui.pages.form_page import FormPage
from ui.shell.context import AppContext

translate = QCoreApplication.translate
ROW_ROLE = Qt.ItemDataRole.UserRole


def kind_label(kind: str) -> str:
    return (translate("NeedPage", "志愿者") if kind == "volunteer"
            else translate("NeedPage", "联动资源"))


class NeedPage(FormPage):
    """The need's form with its suggestions: ↑ ↓ choose, Enter matches."""

    def __init__(self, ctx: AppContext, need_id: int, parent: QWidget | None = None) -> None:
        super().__init__(Need, ctx, crud.get(Need, need_id), parent=parent)
        self.need_id = need_id
        self.found: list[matching.Suggestion] = []
        side = QWidget(self)
        side.setObjectName("needSuggestions")
        column = QVBoxLayout(side)
        column.setContentsMargins(12, 0, 0, 0)
        title = QLabel(translate("NeedPage", "推荐对接"), side)
        title.setProperty("role", "sectionTitle")
        column.addWidget(title)
        hint = QLabel(translate("NeedPage", "按技能、社区、语言、时段排序，已有对接多的靠后。"
                                            "选中一行按 Enter 对接。"), side)
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        column.addWidget(hint)
        self.table = QTableWidget(0, 4, side)
        self.table.setObjectName("suggestions")
        self.table.setHorizontalHeaderLabels([
            translate("NeedPage", "排序"), translate("NeedPage", "类型"),
            translate("NeedPage", "名称"), translate("NeedPage", "推荐理由")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self.match_row(index.row()))
        column.addWidget(self.table, 1)
        self.empty_label = QLabel(translate(
            "NeedPage", "没有合适的志愿者或联动资源：请在他们的资料里填写技能、服务社区、"
                        "语言和可服务时段。"), side)
        self.empty_label.setObjectName("noSuggestions")
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "muted")
        self.empty_label.hide()
        column.addWidget(self.empty_label)
        self.match_button = QPushButton(translate("NeedPage", "对接选中的（Enter）"), side)
        self.match_button.setObjectName("matchButton")
        self.match_button.clicked.connect(lambda: self.match_row(self.table.currentRow()))
        column.addWidget(self.match_button)
        self.body_row.addWidget(side, 1)
        self.fetch = ops.Fetch(self, self.show_suggestions, lambda exc: report(self, exc))
        self.reload()

    def reload(self) -> None:
        need_id = self.need_id
        self.fetch.request(lambda: matching.suggestions(need_id))

    def show_suggestions(self, found: list[matching.Suggestion]) -> None:
        self.found = found
        self.table.setRowCount(len(found))
        for n, s in enumerate(found):
            cells = [str(n + 1), kind_label(s.kind), s.name, "；".join(s.reasons)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ROW_ROLE, n)
                self.table.setItem(n, c, item)
        self.table.resizeRowsToContents()
        self.empty_label.setVisible(not found)
        self.match_button.setEnabled(bool(found))
        if found:
            self.table.setCurrentCell(0, 0)

    def match_row(self, row: int) -> None:
        """Match the need to the suggestion on ``row``; the form then shows it matched."""
        if not 0 <= row < len(self.found):
            return
        if self.form.is_dirty():
            QMessageBox.information(self, translate("NeedPage", "推荐对接"), translate(
                "NeedPage", "需求有未保存的修改，请先保存再对接。"))
            return
        chosen = self.found[row]
        try:
            need = matching.match(
                self.ctx.handle(), self.need_id,
                volunteer_id=chosen.id if chosen.kind == "volunteer" else None,
                partner_id=chosen.id if chosen.kind == "partner" else None)
        except SwdeskError as exc:
            report(self, exc)
            return
        self.form.show_saved(need)
        self.ctx.data_changed()
        self.reload()
