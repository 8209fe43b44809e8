"""What a thumbnail shows before (or instead of) the photo: painted, no image files.

A tile waiting for its thumbnail, a masked one (a lock: the person may not see it), a
PDF scan whose first page could not be made into a picture, and a file that could not
be read at all.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPainterPath, QPen, QPixmap

TILE = 96  # a thumbnail's room on the strip, in logical pixels
_PAPER = QColor("#eef1f5")
_INK = QColor("#7a8794")


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(TILE * 2, TILE * 2)  # drawn at twice the size: sharp at 150 %, 200 %
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#d5dbe2"), 1))
    painter.setBrush(_PAPER)
    painter.drawRoundedRect(QRectF(0.5, 0.5, TILE - 1, TILE - 1), 6, 6)
    return pixmap, painter


def _word(painter: QPainter, text: str, size: int) -> None:
    font = QFont(painter.font())
    font.setPixelSize(size)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(_INK)
    painter.drawText(QRectF(0, 0, TILE, TILE), Qt.AlignmentFlag.AlignCenter, text)


def waiting() -> QIcon:
    """Three dots: the thumbnail is on its way."""
    pixmap, painter = _canvas()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_INK)
    for n in (-1, 0, 1):
        painter.drawEllipse(QRectF(TILE / 2 + n * 14 - 3, TILE / 2 - 3, 6, 6))
    painter.end()
    return QIcon(pixmap)


def locked() -> QIcon:
    """A padlock: a photo this person may not see."""
    pixmap, painter = _canvas()
    painter.setPen(QPen(_INK, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QPainterPath()
    shackle.moveTo(36, 46)
    shackle.lineTo(36, 36)
    shackle.arcTo(QRectF(36, 22, 24, 28), 180, -180)
    shackle.lineTo(60, 46)
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_INK)
    painter.drawRoundedRect(QRectF(28, 44, 40, 30), 4, 4)
    painter.setBrush(_PAPER)
    painter.drawEllipse(QRectF(44, 53, 8, 8))
    painter.end()
    return QIcon(pixmap)


def pdf() -> QIcon:
    """A scan in a PDF with no picture of its first page."""
    pixmap, painter = _canvas()
    _word(painter, "PDF", 22)
    painter.end()
    return QIcon(pixmap)


def unreadable() -> QIcon:
    """A file whose thumbnail could not be made (missing, damaged)."""
    pixmap, painter = _canvas()
    _word(painter, "?", 34)
    painter.end()
    return QIcon(pixmap)


def framed(image: QImage) -> QIcon:
    """A thumbnail centred in its tile, its proportions kept."""
    pixmap, painter = _canvas()
    room = QRectF(3, 3, TILE - 6, TILE - 6)
    size = image.size().scaled(int(room.width() * 2), int(room.height() * 2),
                               Qt.AspectRatioMode.KeepAspectRatio)
    width, height = size.width() / 2, size.height() / 2
    target = QRectF(room.x() + (room.width() - width) / 2,
                    room.y() + (room.height() - height) / 2, width, height)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)
    painter.end()
    return QIcon(pixmap)
