"""社工: the station's social workers and their continuing-education records."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.pages.form_page import page_header
from ui.pages.section import EntitySection
from ui.shell.context import AppContext

translate = QCoreApplication.translate

# Inside a tab, a list's or a row's title is a section's, under the page's own title.
_INNER_TITLES = ('QLabel[role="pageTitle"] { font-size: 12pt; font-weight: bold;'
                 ' padding: 0 0 2px 0; }')


class WorkersPage(QWidget):
    """The page's title first, then its two tabs (the tabs used to sit above the title)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workersPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(4)
        header, self.title_label = page_header(self, translate("WorkersPage", "社工"))
        layout.addLayout(header)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workersTabs")
        self.tabs.setStyleSheet(_INNER_TITLES)
        self.sections = {"worker": EntitySection("worker", ctx, self.tabs),
                         "training_record": EntitySection("training_record", ctx, self.tabs)}
        self.tabs.addTab(self.sections["worker"], translate("WorkersPage", "社工"))
        self.tabs.addTab(self.sections["training_record"], translate("WorkersPage", "继续教育"))
        layout.addWidget(self.tabs, 1)

    def open_entity(self, entity: str, row_id: int) -> None:
        section = self.sections.get(entity)
        if section is not None:
            self.tabs.setCurrentWidget(section)
            section.open(row_id)

    def page_shown(self) -> None:
        for section in self.sections.values():
            section.page_shown()

    def confirm_leave(self) -> bool:
        return all(s.confirm_leave() for s in self.sections.values())

    def keep_draft(self) -> None:
        for section in self.sections.values():
            section.keep_draft()
