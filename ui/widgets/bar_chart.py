"""A horizontal bar chart drawn with QPainter (no QtCharts: it would pull in the Addons)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ("#2f6fb0", "#3e9b6d", "#d98c2b", "#8a5cb8", "#c4524f", "#2e9aa5", "#9a7b4f",
           "#5e7a99")


class BarChart(QWidget):
    """Labels on the left, one bar per value, the figure at the bar's end."""

    BAR_HEIGHT = 18
    GAP = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, float, str]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_items(self, items: list[tuple[str, float, str]]) -> None:
        """(label, value, text shown after the bar)."""
        self.items = items
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        rows = max(len(self.items), 1)
        return QSize(360, rows * (self.BAR_HEIGHT + self.GAP) + self.GAP)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        label_w = max((metrics.horizontalAdvance(label) for label, _v, _t in self.items),
                      default=40) + 12
        value_w = max((metrics.horizontalAdvance(text) for _l, _v, text in self.items),
                      default=20) + 12
        top = float(self.GAP)
        biggest = max((v for _l, v, _t in self.items), default=0.0) or 1.0
        room = max(self.width() - label_w - value_w, 20)
        for n, (label, value, text) in enumerate(self.items):
            row = QRectF(0, top, label_w - 8, self.BAR_HEIGHT)
            painter.setPen(self.palette().text().color())
            painter.drawText(row, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             label)
            track = QRectF(label_w, top, room, self.BAR_HEIGHT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#eef1f5"))
            painter.drawRoundedRect(track, 4, 4)
            width = room * (value / biggest) if value > 0 else 0
            if width:
                painter.setBrush(QColor(PALETTE[n % len(PALETTE)]))
                painter.drawRoundedRect(QRectF(label_w, top, max(width, 6), self.BAR_HEIGHT), 4, 4)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(label_w + room + 6, top, value_w, self.BAR_HEIGHT),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
            top += self.BAR_HEIGHT + self.GAP
        painter.end()
