"""An embedded PDF viewer: pages one under another, zoom in and out, fit to width.

Only the pages in view are rendered, and only a few are kept, so a 1,000-page
batch scrolls as smoothly as a one-page sheet.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.printing.pdf_pages import POINTS_PER_INCH, PdfPages

translate = QCoreApplication.translate
SCREEN_DPI = 96.0  # 100 % shows a page at its paper size on a standard screen
GAP = 16  # pixels around and between pages
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
CACHE_PAGES = 12


class PageCanvas(QWidget):
    """Paints the pages of a :class:`PdfPages` at a zoom; renders the visible ones on demand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: PdfPages | None = None
        self.zoom = 1.0
        self._rects: list[QRect] = []
        self._content = QSize(0, 0)
        self._cache: OrderedDict[int, QImage] = OrderedDict()
        self.rendered = 0  # pages rendered at the current zoom (tests and diagnostics)
        self.hint = ""  # said in the middle while there is nothing to show

    def set_pages(self, pages: PdfPages | None) -> None:
        self.pages = pages
        self._cache.clear()
        self.rendered = 0
        self.relayout()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self._cache.clear()
        self.rendered = 0
        self.relayout()

    def page_rects(self) -> list[QRect]:
        return list(self._rects)

    def relayout(self) -> None:
        self._rects = []
        width, y = 0, GAP
        if self.pages is not None:
            dpi = SCREEN_DPI * self.zoom
            for index in range(self.pages.page_count()):
                w, h = self.pages.page_pixels(index, dpi)
                self._rects.append(QRect(0, y, w, h))
                width = max(width, w)
                y += h + GAP
        self._content = QSize(width + 2 * GAP, y)
        self.setMinimumSize(self._content)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return self._content

    def _placed(self, rect: QRect) -> QRect:
        # Centred in whatever width the scroll area gives the canvas.
        return rect.translated(max(GAP, (self.width() - rect.width()) // 2), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#8a949e"))
        if self.pages is None:
            if self.hint:
                painter.setPen(QColor("#ffffff"))
                painter.drawText(self.rect().adjusted(40, 0, -40, 0),
                                 Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                                 self.hint)
            painter.end()
            return
        ratio = self.devicePixelRatioF()
        for index, base in enumerate(self._rects):
            rect = self._placed(base)
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect.translated(3, 3), QColor(0, 0, 0, 60))  # a soft shadow
            painter.drawImage(rect, self._image(index, ratio))
        painter.end()

    def _image(self, index: int, ratio: float) -> QImage:
        image = self._cache.get(index)
        if image is None:
            assert self.pages is not None
            image = self.pages.page(index, SCREEN_DPI * self.zoom * ratio)
            image.setDevicePixelRatio(ratio)
            self.rendered += 1
            self._cache[index] = image
            while len(self._cache) > CACHE_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(index)
        return image

    def page_at(self, y: int) -> int:
        """The page (from 0) at height ``y`` of the canvas."""
        for index, rect in enumerate(self._rects):
            if y < rect.bottom() + GAP:
                return index
        return max(0, len(self._rects) - 1)


class PdfViewer(QWidget):
    """The canvas in a scroll area, under a small tool bar: 缩小, 放大, 适合宽度, page n / N."""

    def __init__(self, parent: QWidget | None = None, hint: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("pdfViewer")
        self._fit = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        self.zoom_out_button = QPushButton(translate("PdfViewer", "缩小"), self)
        self.zoom_out_button.setObjectName("zoomOut")
        self.zoom_out_button.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_in_button = QPushButton(translate("PdfViewer", "放大"), self)
        self.zoom_in_button.setObjectName("zoomIn")
        self.zoom_in_button.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.fit_button = QPushButton(translate("PdfViewer", "适合宽度"), self)
        self.fit_button.setObjectName("fitWidth")
        self.zoom_label = QLabel("", self)
        self.zoom_label.setProperty("role", "muted")
        self.page_label = QLabel("", self)
        self.page_label.setProperty("role", "muted")
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(widget)
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        layout.addLayout(bar)
        self.canvas = PageCanvas()
        self.canvas.hint = hint
        self.area = QScrollArea(self)
        self.area.setObjectName("pdfArea")
        self.area.setFrameShape(QFrame.Shape.StyledPanel)
        self.area.setWidgetResizable(True)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.area.setWidget(self.canvas)
        layout.addWidget(self.area, 1)
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(1))
        self.fit_button.clicked.connect(self.fit_width)
        self.area.verticalScrollBar().valueChanged.connect(self._update_page_label)
        self._update_controls()

    # --- what is shown ---------------------------------------------------------------------

    def load(self, pdf_path: Path) -> int:
        """Show ``pdf_path``; returns its page count. Raises SwdeskError if it cannot be read."""
        pages = PdfPages(pdf_path)
        self.clear()
        self.canvas.set_pages(pages)
        self.area.verticalScrollBar().setValue(0)
        if self._fit:
            self.fit_width()
        self._update_controls()
        return pages.page_count()

    def clear(self) -> None:
        if self.canvas.pages is not None:
            self.canvas.pages.close()
        self.canvas.set_pages(None)
        self._update_controls()

    def page_count(self) -> int:
        return self.canvas.pages.page_count() if self.canvas.pages is not None else 0

    def path(self) -> Path | None:
        return self.canvas.pages.path if self.canvas.pages is not None else None

    # --- zoom ------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.canvas.zoom

    def set_zoom(self, zoom: float, *, fit: bool = False) -> None:
        self._fit = fit
        self.canvas.set_zoom(max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], zoom)))
        self._update_controls()

    def step_zoom(self, direction: int) -> None:
        current = self.canvas.zoom
        if direction > 0:
            bigger = [z for z in ZOOM_STEPS if z > current + 1e-6]
            self.set_zoom(bigger[0] if bigger else ZOOM_STEPS[-1])
        else:
            smaller = [z for z in ZOOM_STEPS if z < current - 1e-6]
            self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def fit_width(self) -> None:
        """Zoom so the widest page fills the visible width (kept on resize until zoomed)."""
        pages = self.canvas.pages
        if pages is None or not pages.page_count():
            self._fit = True
            return
        widest = max(pages.page_size(i).width() for i in range(pages.page_count()))
        # Leave room for the vertical scroll bar even before it shows: the fitted pages
        # make the content taller, and the bar appearing must not make them too wide.
        bar = self.area.verticalScrollBar().sizeHint().width()
        room = self.area.width() - 2 * self.area.frameWidth() - bar - 2 * GAP - 2
        self.set_zoom(room / (widest / POINTS_PER_INCH * SCREEN_DPI), fit=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit and self.canvas.pages is not None:
            self.fit_width()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.step_zoom(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # --- labels ----------------------------------------------------------------------------

    def _update_controls(self) -> None:
        has = self.canvas.pages is not None
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            button.setEnabled(has)
        self.zoom_label.setText(f"{round(self.canvas.zoom * 100)}%" if has else "")
        self._update_page_label()

    def _update_page_label(self) -> None:
        count = self.page_count()
        if not count:
            self.page_label.setText("")
            return
        middle = self.area.verticalScrollBar().value() + self.area.viewport().height() // 2
        self.page_label.setText(translate("PdfViewer", "第 {} 页 / 共 {} 页").format(
            self.canvas.page_at(middle) + 1, count))
