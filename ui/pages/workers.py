"""社工: the station's social workers and their continuing-education records."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

from ui.pages.section import EntitySection
from ui.shell.context import AppContext

translate = QCoreApplication.translate


class WorkersPage(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workersPage")
        self.sections = {"worker": EntitySection("worker", ctx, self),
                         "training_record": EntitySection("training_record", ctx, self)}
        self.addTab(self.sections["worker"], translate("WorkersPage", "社工"))
        self.addTab(self.sections["training_record"], translate("WorkersPage", "继续教育"))

    def open_entity(self, entity: str, row_id: int) -> None:
        section = self.sections.get(entity)
        if section is not None:
            self.setCurrentWidget(section)
            section.open(row_id)

    def page_shown(self) -> None:
        for section in self.sections.values():
            section.page_shown()

    def confirm_leave(self) -> bool:
        return all(s.confirm_leave() for s in self.sections.values())

    def keep_draft(self) -> None:
        for section in self.sections.values():
            section.keep_draft()
