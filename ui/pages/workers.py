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
        self._ctx = ctx
        # The 继续教育 tab's list is built when the tab is first chosen: the page shows
        # the 社工 list first, and building both held the window twice as long.
        self.sections: dict[str, EntitySection] = {}
        self._holders: dict[str, QWidget] = {}
        for entity, title in (("worker", translate("WorkersPage", "社工")),
                              ("training_record", translate("WorkersPage", "继续教育"))):
            holder = QWidget(self.tabs)
            holder.setObjectName(f"tab_{entity}")
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            self._holders[entity] = holder
            self.tabs.addTab(holder, title)
        self.section("worker")
        self.tabs.currentChanged.connect(self._tab_chosen)
        layout.addWidget(self.tabs, 1)

    def section(self, entity: str) -> EntitySection:
        """The tab's list, built on first use."""
        if entity not in self.sections:
            holder = self._holders[entity]
            section = EntitySection(entity, self._ctx, holder)
            self.sections[entity] = section
            layout = holder.layout()
            assert layout is not None
            layout.addWidget(section)
        return self.sections[entity]

    def _tab_chosen(self, index: int) -> None:
        for entity, holder in self._holders.items():
            if self.tabs.widget(index) is holder and entity not in self.sections:
                self.section(entity).page_shown()

    def open_entity(self, entity: str, row_id: int) -> None:
        if entity in self._holders:
            section = self.section(entity)
            self.tabs.setCurrentWidget(self._holders[entity])
            section.open(row_id)

    def page_shown(self) -> None:
        for section in self.sections.values():
            section.page_shown()

    def confirm_leave(self) -> bool:
        return all(s.confirm_leave() for s in self.sections.values())

    def keep_draft(self) -> None:
        for section in self.sections.values():
            section.keep_draft()
