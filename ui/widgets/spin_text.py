"""Room between a spin box's frame and its text, which the style sheet cannot give."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit

TEXT_INDENT = 5  # logical pixels: with the frame, the 6 px the sheet gives other inputs


def indent_text(box: QAbstractSpinBox) -> None:
    """Qt places a spin box's text field from its buttons, ignoring the sheet's left
    padding, so the digits touch the frame; the room is given to the text field instead.
    (A date edit with a calendar popup is drawn as a combo box and needs none.)"""
    edit = box.findChild(QLineEdit)
    if edit is not None:
        edit.setTextMargins(TEXT_INDENT, 0, 0, 0)
