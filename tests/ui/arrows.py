"""Whether a combo box or spin box shows real arrows: measured in its grab, not assumed.

Run as a script (``python -m tests.ui.arrows [dark]``) it prints the faults found in one
fresh application, so a test can check under QT_SCALE_FACTOR, which Qt reads only when the
application is made.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QDate, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionSpinBox,
    QVBoxLayout,
    QWidget,
)

from tests.ui.contrast import ratio

MIN_GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11: graphics a person needs to see
MIN_ARROW_WIDTH = 7  # logical pixels: the arrow is a target people aim at


@dataclass
class Ink:
    """The pixels of a region that stand out from its background (by 3:1 unless told)."""

    width: int
    height: int
    points: list[tuple[int, int]]

    @classmethod
    def of(cls, image: QImage, contrast: float = MIN_GRAPHIC_CONTRAST) -> Ink:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        w, h = image.width(), image.height()
        pixels = [[image.pixel(x, y) & 0xFFFFFF for x in range(w)] for y in range(h)]
        background = Counter(p for row in pixels for p in row).most_common(1)[0][0]
        points = [(x, y) for y in range(h) for x in range(w)
                  if ratio(background, pixels[y][x]) >= contrast]
        return cls(w, h, points)

    def faults(self, pointing: str, scale: float) -> list[str]:
        """What keeps this ink from being an arrow pointing up or down, [] if nothing."""
        if len(self.points) < 6 * scale:
            return [f"no arrow ({len(self.points)} pixels at 3:1)"]
        xs = [x for x, _ in self.points]
        ys = [y for _, y in self.points]
        left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
        found = []
        if right - left + 1 < MIN_ARROW_WIDTH * scale:
            found.append(f"arrow {right - left + 1} px wide")
        if left == 0 or top == 0 or right == self.width - 1 or bottom == self.height - 1:
            found.append("ink touches the edge of its button (a bevel, not an arrow)")
        spans = {y: [x for x, yy in self.points if yy == y] for y in range(top, bottom + 1)}
        width_at = {y: max(row) - min(row) + 1 for y, row in spans.items() if row}
        base, tip = (top, bottom) if pointing == "down" else (bottom, top)
        if not width_at.get(tip, 0) < width_at.get(base, 0):
            found.append(f"not pointing {pointing}: {width_at.get(base)} px at its base, "
                         f"{width_at.get(tip)} px at its tip")
        return found


def _spin_option(box: QWidget) -> QStyleOptionSpinBox:
    option = QStyleOptionSpinBox()
    option.initFrom(box)
    option.frame = True
    option.subControls = QStyle.SubControl.SC_All
    return option


def _combo_option(box: QWidget) -> QStyleOptionComboBox:
    option = QStyleOptionComboBox()
    option.initFrom(box)
    option.frame = True
    option.editable = not isinstance(box, QComboBox) or box.isEditable()
    option.subControls = QStyle.SubControl.SC_All
    return option


def arrow_regions(box: QWidget) -> list[tuple[str, QRect]]:
    """(pointing, rectangle in box) of each arrow button the style gives ``box``."""
    style = box.style()
    if isinstance(box, QComboBox) or (isinstance(box, QDateEdit) and box.calendarPopup()):
        rect = style.subControlRect(QStyle.ComplexControl.CC_ComboBox, _combo_option(box),
                                    QStyle.SubControl.SC_ComboBoxArrow, box)
        return [("down", rect)]
    option = _spin_option(box)
    return [(pointing, style.subControlRect(QStyle.ComplexControl.CC_SpinBox, option, sc, box))
            for pointing, sc in (("up", QStyle.SubControl.SC_SpinBoxUp),
                                 ("down", QStyle.SubControl.SC_SpinBoxDown))]


def arrow_faults(top: QWidget) -> list[str]:
    """Every combo or spin box arrow under ``top`` that is missing, tiny or a bevel."""
    shot = top.grab().toImage()
    scale = shot.devicePixelRatio()
    found = []
    for box in top.findChildren(QWidget):
        if not isinstance(box, QComboBox | QSpinBox | QDoubleSpinBox | QDateEdit):
            continue
        for pointing, rect in arrow_regions(box):
            where = QRect(box.mapTo(top, rect.topLeft()), rect.size())
            crop = shot.copy(QRect(round(where.x() * scale), round(where.y() * scale),
                                   round(where.width() * scale), round(where.height() * scale)))
            found.extend(f"{box.objectName()} {pointing}: {fault}"
                         for fault in Ink.of(crop).faults(pointing, scale))
    return found


def sample_form() -> QWidget:
    """A combo, an editable combo, spin boxes and date edits, as the forms use them (the
    focus in a line edit above them: a focused box's blue frame is not its arrow)."""
    form = QWidget()
    layout = QVBoxLayout(form)
    layout.addWidget(QLineEdit(objectName="focus"))
    combo = QComboBox(objectName="combo")
    combo.addItems(["服务中", "已结案"])
    editable = QComboBox(objectName="editableCombo")
    editable.setEditable(True)
    editable.addItem("思明区")
    spin = QSpinBox(objectName="spin")
    spin.setRange(0, 100)
    spin.setValue(12)
    money = QDoubleSpinBox(objectName="doubleSpin")
    money.setValue(1.5)
    date = QDateEdit(QDate(2026, 3, 4), objectName="dateEdit")
    date.setDisplayFormat("yyyy-MM-dd")
    popup = QDateEdit(QDate(2026, 3, 4), objectName="calendarDate")
    popup.setCalendarPopup(True)
    popup.setDisplayFormat("yyyy-MM-dd")
    for widget in (combo, editable, spin, money, date, popup):
        layout.addWidget(widget)
    form.resize(260, 340)
    return form


def main(argv: list[str]) -> int:
    """Faults in one fresh application, one per line (none: it prints nothing)."""
    from ui.app import prepare

    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    if "dark" in argv:
        from tests.ui.contrast import dark_palette

        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    prepare(app)
    form = sample_form()
    form.show()
    for _ in range(5):
        app.processEvents()
    for fault in arrow_faults(form):
        print(fault)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
