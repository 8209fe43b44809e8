"""The one question a page asks before something that cannot be taken back: the safe
answer is the default and what Esc gives."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget, title: str, text: str, do: str, keep: str, *,
            name: str = "", icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> bool:
    """Whether the person chose ``do`` (a destructive button) over ``keep``."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if name:
        box.setObjectName(name)
    chosen = box.addButton(do, QMessageBox.ButtonRole.DestructiveRole)
    safe = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(safe)
    box.setEscapeButton(safe)
    box.exec()
    return box.clickedButton() is chosen
