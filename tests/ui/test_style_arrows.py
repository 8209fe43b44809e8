"""Combo and spin box arrows under swdesk's style sheet: drawn, arrow-shaped, visible.

A sheet that styles a box's frame but not its buttons leaves Windows' styles a dark bevel
stub or no arrow at all (issue 19); here the arrows are measured in the rendering, with a
light and a dark system palette, at 100 % and (in a fresh process) at 150 % scaling.
Offscreen Qt has the Fusion style only: windows11 and windowsvista cannot be checked here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from swdesk.reports import kinds
from tests.ui.arrows import Ink, arrow_faults, arrow_regions, sample_form
from tests.ui.contrast import ratio
from ui.reports.report_params import ReportParams

ROOT = Path(__file__).resolve().parents[2]


def _shown(qtbot: QtBot) -> QWidget:
    form = sample_form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_arrows_show_under_the_style_sheet(qtbot: QtBot, qapp: QApplication) -> None:
    form = _shown(qtbot)
    assert arrow_faults(form) == []


def test_arrows_show_when_the_system_is_dark(qtbot: QtBot, dark_system: None) -> None:
    form = _shown(qtbot)
    assert arrow_faults(form) == []


def test_a_disabled_box_shows_a_fainter_arrow(qtbot: QtBot, qapp: QApplication) -> None:
    form = _shown(qtbot)
    combo = form.findChild(QComboBox, "combo")
    assert combo is not None
    combo.setEnabled(False)
    (_, rect), = arrow_regions(combo)
    shot = combo.grab(rect).toImage()
    # Drawn (not a blank button), but fainter than an arrow one can use, as disabled text is.
    assert Ink.of(shot, 1.5).faults("down", shot.devicePixelRatio()) == []
    assert Ink.of(shot).points == []


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_arrows_show_at_150_percent(palette: str) -> None:
    """QT_SCALE_FACTOR is read when the application is made: a fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "tests.ui.arrows", palette], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


def _text_starts_at(box: QWidget) -> float:
    """Logical pixels from the box's left edge to its first text pixel (the frame, 1 px,
    and anything fainter than 3:1 against the white field are not text)."""
    shot = box.grab().toImage()
    scale = shot.devicePixelRatio()
    field = shot.pixel(shot.width() // 2, 2 * round(scale)) & 0xFFFFFF
    middle = range(shot.height() // 4, shot.height() * 3 // 4)
    for x in range(round(2 * scale), shot.width()):
        if any(ratio(field, shot.pixel(x, y) & 0xFFFFFF) >= 3.0 for y in middle):
            return x / scale
    return float(shot.width())


def test_spin_box_text_keeps_off_its_frame(qtbot: QtBot, qapp: QApplication) -> None:
    params = ReportParams(list(kinds.all_kinds()))
    qtbot.addWidget(params)
    params.resize(300, 400)
    params.show()
    boxes = params.findChildren(QAbstractSpinBox)  # the month's and the years' editors
    assert boxes
    for box in boxes:
        page = box
        while page.parentWidget() is not params:
            page = page.parentWidget()
        params.setCurrentWidget(page)
        qtbot.waitUntil(box.isVisible)
        assert _text_starts_at(box) >= 5, box.objectName()
