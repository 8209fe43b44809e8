"""The user guide in the window: F1 shows the guide's page for the page the user is on.

The guide is Markdown (``docs/guide``, shipped as ``resources/guide``); a QTextBrowser
reads it natively, follows its links between pages and shows its screenshots, offline
and alike on every PC (no browser, no file association needed).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from swdesk.resources import guide_path

translate = QCoreApplication.translate

INDEX = "index.md"
# Rail page key -> the guide page about it (tests check every key of the rail is here);
# also the first-run wizard's.
GUIDE_PAGES = {
    "first_run": "first-run.md",
    "dashboard": INDEX,
    "work_list": "work-list.md",
    "client": "clients.md",
    "case": "cases.md",
    "service_record": "records.md",
    "community_activity": "activities.md",
    "work_group": "groups.md",
    "volunteer": "volunteers.md",
    "partner": "partners-projects.md",
    "need": "volunteers.md",
    "project": "partners-projects.md",
    "contract": "contract.md",
    "worker": "partners-projects.md",
    "reports": "reports.md",
    "sync": "sync.md",
    "audit": "problems.md",
    "settings": "backups.md",
}
IMAGE_MARGIN = 40  # keeps a screenshot clear of the scroll bar


def guide_file(page_key: str | None) -> Path:
    """The guide page for a rail page (the index for a page the guide does not know)."""
    return guide_path(GUIDE_PAGES.get(page_key or "", INDEX))


class GuideBrowser(QTextBrowser):
    """Shows the guide's Markdown; screenshots are scaled down to the width there is."""

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        if kind == QTextDocument.ResourceType.ImageResource.value:
            path = (url if isinstance(url, QUrl) else QUrl(url)).toLocalFile()
            image = QImage(path)
            room = max(200, self.viewport().width() - IMAGE_MARGIN)
            if not image.isNull() and image.width() > room:
                image = image.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation)
            if not image.isNull():
                return image
        return super().loadResource(kind, url)


class GuideWindow(QDialog):
    """The guide beside the main window; not modal, so the user can follow the steps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle(translate("Guide", "使用指南"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = GuideBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)
        back = QPushButton(translate("Guide", "后退"), self)
        back.setObjectName("guideBack")
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        back.setEnabled(False)
        home = QPushButton(translate("Guide", "目录"), self)
        home.setObjectName("guideHome")
        home.clicked.connect(lambda: self.show_page(guide_path(INDEX)))
        close = QPushButton(translate("Guide", "关闭（Esc）"), self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(home)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Backspace), self, self.browser.backward)
        self.resize(QSize(900, 700))

    def show_page(self, path: Path) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(path)),
                               QTextDocument.ResourceType.MarkdownResource)

    def shown_file(self) -> Path:
        return Path(self.browser.source().toLocalFile())


def show_guide(parent: QWidget, page_key: str | None) -> GuideWindow:
    """Show (or bring forward) the parent's guide window at the page for ``page_key``."""
    window = parent.findChild(GuideWindow, "guideWindow")
    if window is None:
        window = GuideWindow(parent)
    window.show_page(guide_file(page_key))
    if window.isVisible():  # open behind the main window: bring it forward
        window.raise_()
        window.activateWindow()
    window.show()
    return window
