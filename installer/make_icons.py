"""Render resources/icons/swdesk.svg to the PNG (Linux) and ICO (Windows) icons.

Run once after editing the SVG: ``python installer/make_icons.py``. Uses Qt's SVG
renderer (in PySide6-Essentials) and Pillow (installed with reportlab) for the ICO.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def render(svg: Path, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv)
    svg = ICONS / "swdesk.svg"
    png = ICONS / "swdesk.png"
    if not render(svg, 256).save(str(png)):
        print(f"cannot write {png}", file=sys.stderr)
        return 1
    Image.open(png).save(ICONS / "swdesk.ico", sizes=ICO_SIZES)
    print(f"wrote {png} and {ICONS / 'swdesk.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
