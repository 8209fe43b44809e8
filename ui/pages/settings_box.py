"""What the boxes of the 设置 page share: a muted hint, a read-only table of rows, and
buttons that look unavailable when they are."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class SettingsBox(QGroupBox):
    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        # The shared style sheet gives every button one text colour; show which are unavailable.
        self.setStyleSheet("QPushButton:disabled { color: #a3adb8; border-color: #dfe4ea; }")
        self.box_layout = QVBoxLayout(self)

    def add_hint(self, text: str) -> QLabel:
        hint = QLabel(text, self)
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        self.box_layout.addWidget(hint)
        return hint

    def add_table(self, model: QAbstractItemModel, name: str, widths: Sequence[int],
                  min_height: int) -> QTableView:
        """One row selected at a time, nothing edited in place; the column after the
        given widths takes the rest of the width."""
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setMinimumHeight(min_height)
        for column, width in enumerate(widths):
            table.setColumnWidth(column, width)
        table.horizontalHeader().setSectionResizeMode(len(widths),
                                                      QHeaderView.ResizeMode.Stretch)
        self.box_layout.addWidget(table)
        return table
