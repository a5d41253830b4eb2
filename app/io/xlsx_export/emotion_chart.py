"""The emotion curve as an Excel line chart under the map sheet's grid, drawn from the curve rows' numbers."""

from __future__ import annotations

from typing import Any

from app.io.xlsx_export.card_markers import clean_text
from app.io.xlsx_export.cells import LINE_HEIGHT
from app.io.xlsx_export.sheet_grid import SheetGrid
from app.layout import theme
from app.model.journey import JourneyMap

POINTS_PER_WIDTH_UNIT = 5.6  # a column width unit is one digit of the default font (7 px) plus padding
POINTS_PER_CM = 72 / 2.54
PRINT_WIDTH, PRINT_HEIGHT = (11.0 - 0.8) * 72, (8.5 - 0.8) * 72 - 20  # landscape Letter inside our margins


def add_emotion_chart(sheet: Any, journey: JourneyMap, grid: SheetGrid) -> None:
    """A line chart of the emotion curves under the grid (one series per curve row), kept on one printed page."""
    if not journey.emotions or not journey.stages:
        return
    from openpyxl.chart import LineChart, Reference, Series
    from openpyxl.chart.data_source import AxDataSource, StrRef

    first, last = grid.first_stage_col, grid.first_stage_col + len(journey.stages) - 1
    chart = LineChart()
    chart.title = "Emotion curve"
    chart.style = 2
    chart.y_axis.title = "Feeling"
    chart.y_axis.scaling.min = journey.emotion_scale.min
    chart.y_axis.scaling.max = journey.emotion_scale.max
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.axPos = "b"
    chart.x_axis.tickLblPos = "low"  # stage names under the plot even when values are negative
    colors = [theme.EMOTION_CURVE, *theme.LANE_KIND_ACCENT.values()]
    points_by_lane = {p.lane_id for p in journey.emotions}
    for number, (lane, row, title, own_color) in enumerate(grid.emotion_rows):
        if lane.id not in points_by_lane:
            continue
        values = Reference(sheet, min_col=first, max_col=last, min_row=row, max_row=row)
        series = Series(values, title=clean_text(title)[0][:255] or "Emotions")
        series.smooth = False
        series.marker.symbol = "circle"
        series.marker.size = 7
        color = (own_color or colors[number % len(colors)]).lstrip("#")
        series.graphicalProperties.line.solidFill = color
        series.graphicalProperties.line.width = 28575  # 2.25 pt in EMU
        series.marker.graphicalProperties.solidFill = color
        series.marker.graphicalProperties.line.solidFill = color
        chart.series.append(series)
    stage_names = Reference(sheet, min_col=first, max_col=last, min_row=grid.header_row, max_row=grid.header_row)
    for series in chart.series:  # stage names are text: a string reference, so Excel shows them as they are
        series.cat = AxDataSource(strRef=StrRef(f=str(stage_names)))
    if len(chart.series) == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"
    total_width = sum(grid.widths) + grid.labels_width
    chart.width = max(16.0, min(60.0, total_width * 0.2))  # centimetres; about 0.2 cm per width unit
    chart.height = 7.0
    sheet.add_chart(chart, sheet.cell(row=grid.last_row + 2, column=1).coordinate)
    if _would_straddle_pages(sheet, grid, chart.height * POINTS_PER_CM):
        from openpyxl.worksheet.pagebreak import Break

        sheet.row_breaks.append(Break(id=grid.last_row + 1))


def _would_straddle_pages(sheet: Any, grid: SheetGrid, chart_height: float) -> bool:
    """Whether the chart under the grid would be cut by a page break when printed fit to width.

    Estimated for landscape Letter (the smaller of Letter and A4) with our margins; the
    header rows repeat on every page after the first."""
    content_width = (sum(grid.widths) + grid.labels_width) * POINTS_PER_WIDTH_UNIT
    scale = min(1.0, PRINT_WIDTH / content_width)
    page = PRINT_HEIGHT / scale

    def height(row: int) -> float:
        return sheet.row_dimensions[row].height or LINE_HEIGHT

    titles = sum(height(r) for r in range(grid.first_title_row, grid.header_row + 1))
    top = sum(height(r) for r in range(1, grid.last_row + 2))
    page_end = page
    while page_end <= top:
        page_end += page - titles
    return top + chart_height > page_end and chart_height < page - titles
