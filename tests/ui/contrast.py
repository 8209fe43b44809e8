"""Measured contrast of what a widget really shows: its grab, background against text."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

MIN_TEXT_CONTRAST = 4.5  # WCAG AA for body text


def dark_palette() -> QPalette:
    """What Qt gives an application when Windows is in dark mode (white text, dark bases)."""
    palette = QPalette()
    for role, colour in {
        QPalette.ColorRole.Window: "#202020", QPalette.ColorRole.WindowText: "#ffffff",
        QPalette.ColorRole.Base: "#1c1c1c", QPalette.ColorRole.AlternateBase: "#2b2b2b",
        QPalette.ColorRole.Text: "#ffffff", QPalette.ColorRole.Button: "#2d2d2d",
        QPalette.ColorRole.ButtonText: "#ffffff", QPalette.ColorRole.Highlight: "#0078d4",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2b2b2b",
        QPalette.ColorRole.ToolTipText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#9d9d9d",
    }.items():
        palette.setColor(role, QColor(colour))
    return palette


def luminance(rgb: int) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: int, b: int) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def measured_contrast(image: QImage) -> float:
    """The most common colour is the background; the text is the colour farthest from it
    that covers at least a few pixels (a stray anti-aliasing pixel is not text)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    data = memoryview(bytes(image.constBits())).cast("I")  # type: ignore[arg-type]
    stride = image.bytesPerLine() // 4
    counts: Counter[int] = Counter()
    for y in range(height):
        counts.update(data[y * stride:y * stride + width])
    background = counts.most_common(1)[0][0] & 0xFFFFFF
    return max((ratio(background, rgb & 0xFFFFFF) for rgb, n in counts.items() if n >= 3),
               default=1.0)


def shows_text(widget: QWidget) -> bool:
    """Whether widget shows text worth measuring: a single thin glyph ("1", "›") never
    reaches its colour once anti-aliased, so one character is not measured."""
    if isinstance(widget, QAbstractItemView):
        model = widget.model()
        return model is not None and model.rowCount() > 0
    return len(shown_text(widget).strip()) >= 2 and not (
        isinstance(widget, QLabel) and not widget.pixmap().isNull())


def shown_text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QLineEdit | QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def text_area(widget: QWidget) -> QWidget:
    return widget.viewport() if isinstance(widget, QAbstractItemView | QPlainTextEdit) else widget


def low_contrast(top: QWidget) -> list[str]:
    """Every visible text-showing widget under top whose rendering reads below 4.5:1."""
    shot = top.grab().toImage()
    scale = shot.devicePixelRatio()
    found = []
    for widget in top.findChildren(QWidget):
        # Disabled text may be faint (WCAG exempts it); what a scroll area hides is not shown.
        if not widget.isVisible() or not widget.isEnabled() or not shows_text(widget):
            continue
        area = text_area(widget)
        shown = area.visibleRegion().boundingRect()
        if shown.height() < min(area.height(), 24):  # a sliver of text at a scroll edge
            continue
        rect = QRect(area.mapTo(top, shown.topLeft()), shown.size()).intersected(top.rect())
        if rect.width() < 4 or rect.height() < 4:
            continue
        crop = shot.copy(QRect(int(rect.x() * scale), int(rect.y() * scale),
                               int(rect.width() * scale), int(rect.height() * scale)))
        contrast = measured_contrast(crop)
        if contrast < MIN_TEXT_CONTRAST:
            label = widget.objectName() or type(widget).__name__
            found.append(f"{label} {shown_text(widget)[:20]!r}: {contrast:.2f}")
    return found
