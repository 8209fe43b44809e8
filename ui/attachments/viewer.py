"""The attachment viewer: one photo fitted to the window (a PDF scan in the project's PDF
viewer), its caption and date, next/previous through the row's others (← →, PgUp/PgDn)
and 另存为… (an export of the stored file, audited by the core).

The stored file is read off the GUI thread (``ops.Fetch``): a 2,000-pixel JPEG takes a
moment to decode, and stepping through a dozen photos must not freeze the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.errors import SwdeskError
from swdesk.handle import StationHandle
from swdesk.services import attachments
from swdesk.services.attachments import AttachmentView
from ui import ops
from ui.errors import report
from ui.printing.viewer import PdfViewer
from ui.widgets.notice import announce
from ui.widgets.screen_fit import fit_to_screen

translate = QCoreApplication.translate
PDF = "application/pdf"


class PhotoCanvas(QWidget):
    """A picture scaled to fit, its proportions kept, never enlarged past its own size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoCanvas")
        self.image = QImage()
        self.hint = ""

    def show_image(self, image: QImage) -> None:
        self.image, self.hint = image, ""
        self.update()

    def show_hint(self, text: str) -> None:
        self.image, self.hint = QImage(), text
        self.update()

    def shown_rect(self) -> QRectF:
        """Where the picture is drawn (empty without one)."""
        if self.image.isNull():
            return QRectF()
        size = self.image.size()
        if size.width() > self.width() or size.height() > self.height():
            size = size.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2,
                      size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#2b2f33"))
        if self.image.isNull():
            painter.setPen(QColor("#d5dbe2"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.hint)
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.shown_rect(), self.image)


def _load(station: StationHandle, view: AttachmentView) -> tuple[int, Path, QImage | None]:
    """The stored file of ``view`` (its reading audited by the core when sensitive) and,
    for a photo, the decoded picture. Runs off the GUI thread."""
    path = attachments.stored_path(station, view)
    if view.media_type == PDF:
        return view.id, path, None  # (PDFium is used from the GUI thread only)
    return view.id, path, QImage(str(path))


class AttachmentViewer(QDialog):
    """``views`` one at a time, starting at ``index``."""

    def __init__(self, station: StationHandle, views: Sequence[AttachmentView], index: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.station = station
        self.views = list(views)
        self.index = max(0, min(index, len(self.views) - 1))
        self.path: Path | None = None  # the stored file on show
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        info = QHBoxLayout()
        self.caption = QLabel(self)
        self.caption.setObjectName("viewerCaption")
        self.caption.setProperty("role", "sectionTitle")
        self.when = QLabel(self)
        self.when.setObjectName("viewerDate")
        self.when.setProperty("role", "muted")
        self.position = QLabel(self)
        self.position.setObjectName("viewerPosition")
        self.position.setProperty("role", "muted")
        info.addWidget(self.caption, 1)
        info.addWidget(self.when)
        info.addWidget(self.position)
        layout.addLayout(info)
        self.stack = QStackedWidget(self)
        self.canvas = PhotoCanvas(self.stack)
        self.stack.addWidget(self.canvas)
        self.pdf: PdfViewer | None = None  # made for the first PDF shown
        layout.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        self.previous_button = QPushButton(translate("AttachmentViewer", "上一个（←）"), self)
        self.previous_button.setObjectName("previousAttachment")
        self.next_button = QPushButton(translate("AttachmentViewer", "下一个（→）"), self)
        self.next_button.setObjectName("nextAttachment")
        self.save_button = QPushButton(translate("AttachmentViewer", "另存为…"), self)
        self.save_button.setObjectName("saveAttachmentAs")
        close = QPushButton(translate("AttachmentViewer", "关闭"), self)
        for button in (self.previous_button, self.next_button, self.save_button, close):
            button.setAutoDefault(False)
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.save_button.clicked.connect(self.save_as)
        close.clicked.connect(self.reject)
        # (window-wide: the PDF viewer's scroll area, when it has the focus, keeps them too)
        for keys, direction in ((QKeySequence(Qt.Key.Key_Left), -1),
                                (QKeySequence(Qt.Key.Key_PageUp), -1),
                                (QKeySequence(Qt.Key.Key_Right), 1),
                                (QKeySequence(Qt.Key.Key_PageDown), 1)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda d=direction: self.step(d))
        self._fetch = ops.Fetch(self, self._show_file, on_error=self._failed)
        fit_to_screen(self, QSize(1000, 720))
        self.show_current()

    # --- what is shown ---------------------------------------------------------------------

    def current(self) -> AttachmentView:
        return self.views[self.index]

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) one; at either end it stays."""
        target = self.index + direction
        if 0 <= target < len(self.views) and target != self.index:
            self.index = target
            self.show_current()

    def show_current(self) -> None:
        view = self.current()
        self.setWindowTitle(translate("AttachmentViewer", "附件 · {}").format(
            view.caption or view.file_name or ""))
        self.caption.setText(view.caption or view.file_name or "")
        taken = (translate("AttachmentViewer", "拍摄于 {}").format(
            view.taken_at.strftime("%Y-%m-%d %H:%M")) if view.taken_at is not None else "")
        self.when.setText(" · ".join(t for t in (view.file_name or "", taken) if t))
        self.position.setText(translate("AttachmentViewer", "第 {} / {} 个").format(
            self.index + 1, len(self.views)))
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.views) - 1)
        self.save_button.setEnabled(False)  # until the file has been read
        self.path = None
        self.stack.setCurrentWidget(self.canvas)
        self.canvas.show_hint(translate("AttachmentViewer", "正在打开…"))
        station = self.station
        self._fetch.request(lambda: _load(station, view))

    def _show_file(self, loaded: tuple[int, Path, QImage | None]) -> None:
        view_id, path, image = loaded
        if view_id != self.current().id:
            return
        self.path = path
        self.save_button.setEnabled(True)
        if image is None:
            if self.pdf is None:
                self.pdf = PdfViewer(self.stack)
                self.stack.addWidget(self.pdf)
            try:
                self.pdf.load(path)
            except SwdeskError as exc:
                self.canvas.show_hint(str(exc))
                return
            self.stack.setCurrentWidget(self.pdf)
        elif image.isNull():
            self.canvas.show_hint(translate("AttachmentViewer", "无法显示这个文件。"))
        else:
            self.canvas.show_image(image)

    def done(self, result: int) -> None:
        if self.pdf is not None:
            self.pdf.clear()  # (the PDF document closed with the viewer, not left to the GC)
        super().done(result)

    def _failed(self, exc: BaseException) -> None:
        self.canvas.show_hint(str(exc) if isinstance(exc, SwdeskError)
                              else translate("AttachmentViewer", "无法打开这个附件。"))

    # --- saving a copy --------------------------------------------------------------------------

    def save_as(self) -> None:
        """另存为…: the stored (cleaned) file copied where the person says; the core writes
        it and audits the export."""
        view = self.current()
        suggested = view.file_name or f"{view.sha256[:12]}"
        target, _chosen = QFileDialog.getSaveFileName(
            self, translate("AttachmentViewer", "附件另存为"), suggested)
        if not target:
            return
        try:
            attachments.export_file(self.station, view.sha256, Path(target))
        except SwdeskError as exc:
            report(self, exc)
            return
        announce(self, translate("AttachmentViewer", "已另存为 {}").format(target))
