"""Charts drawn with reportlab graphics, in the report faces (vector, prints sharp)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from swdesk.reports.text_fit import HEI, SONG, register_fonts

BAR = colors.HexColor("#4A6FA5")
BAR_2 = colors.HexColor("#C8A24A")


def bar_chart(title: str, labels: Sequence[str], series: Sequence[Sequence[float]],
              width: float, height: float = 62 * mm,
              legend: Sequence[str] = ()) -> Drawing:
    """Vertical bars, one group per label; several series side by side."""
    register_fonts()
    drawing = Drawing(width, height, initialFontName=SONG)  # no Helvetica resource
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 12 * mm
    chart.width, chart.height = width - 18 * mm, height - 24 * mm
    chart.data = [list(s) for s in series] or [[0]]
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = SONG
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = HEI  # digits: the Hei face
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max((max(s) for s in chart.data if s), default=0)
    if top <= 0:
        chart.valueAxis.valueMax = 1  # an empty month still draws its axes
    chart.barSpacing = 1
    chart.groupSpacing = 6
    for i, colour in enumerate((BAR, BAR_2)):
        if i < len(chart.data):
            chart.bars[i].fillColor = colour
            chart.bars[i].strokeColor = None
    drawing.add(chart)
    drawing.add(String(width / 2, height - 6 * mm, title, fontName=HEI, fontSize=10,
                       textAnchor="middle"))
    for i, name in enumerate(legend[:2]):
        x = width - 60 * mm + i * 30 * mm
        drawing.add(String(x + 4 * mm, height - 12 * mm, name, fontName=SONG, fontSize=7.5))
        drawing.add(Rect(x, height - 12 * mm, 3 * mm, 3 * mm, fillColor=(BAR, BAR_2)[i],
                         strokeColor=None))
    return drawing


def hbar_chart(title: str, labels: Sequence[str], values: Sequence[float], width: float,
               row_height: float = 5.2 * mm) -> Drawing:
    """Horizontal bars, one per label (long label lists such as the 12 target groups)."""
    register_fonts()
    height = row_height * max(len(labels), 1) + 20 * mm
    drawing = Drawing(width, height, initialFontName=SONG)  # no Helvetica resource
    chart = HorizontalBarChart()
    chart.x, chart.y = 30 * mm, 8 * mm
    chart.width, chart.height = width - 40 * mm, height - 20 * mm
    # Top to bottom in the given order: reportlab draws the first category at the bottom.
    chart.data = [list(reversed(values)) or [0]]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = SONG
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = HEI  # digits: the Hei face
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    if max(values, default=0) <= 0:
        chart.valueAxis.valueMax = 1
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = HEI
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    drawing.add(String(width / 2, height - 6 * mm, title, fontName=HEI, fontSize=10,
                       textAnchor="middle"))
    return drawing
