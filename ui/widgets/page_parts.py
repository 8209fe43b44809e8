"""Pieces every page is made of: its title row and a scroll area around its body.

Apart from the form pages so that a page without a form (the 工作台, the first one
shown) does not import the forms at the window's start.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QWidget

_NO_LIMIT = (1 << 24) - 1  # QWIDGETSIZE_MAX, which PySide6 does not export


def page_header(parent: QWidget, title: str) -> tuple[QHBoxLayout, QLabel]:
    row = QHBoxLayout()
    label = QLabel(title, parent)
    label.setProperty("role", "pageTitle")
    row.addWidget(label)
    row.addStretch(1)
    return row, label


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area. A widget kept narrower than the page (a form
    at most 980 pixels wide) paints no background of its own, so that the room to its
    right has the same colour as the room it takes: the client form had a white strip
    down its right side, beside its grey."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    if widget.maximumWidth() < _NO_LIMIT:
        widget.setAutoFillBackground(False)  # (setWidget turned it on)
    return area
