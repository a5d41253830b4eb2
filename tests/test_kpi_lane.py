"""A KPI lane: each stage's KPIs as bars against their targets, on the canvas, in images and in the PDF."""

from __future__ import annotations

import pytest

from app.layout import compute_layout, theme
from app.layout.kpis import kpi_block_height, kpi_label, kpi_row_height, kpi_scale, kpi_status
from app.layout.painting import kpi_bar_shapes, map_picture
from app.layout.shapes import LineShape, RectShape, TextShape
from app.model import Card, JourneyMap, Kpi, Lane, LaneKind, Stage


def _map(*kpis: Kpi, cards: int = 0) -> JourneyMap:
    stages = [Stage(id="s1", name="Decide", kpis=list(kpis)), Stage(id="s2", name="Use")]
    lanes = [Lane(id="act", name="Actions", kind=LaneKind.ACTIONS), Lane(id="kpi", name="KPIs", kind=LaneKind.KPIS)]
    return JourneyMap(stages=stages, lanes=lanes,
                      cards=[Card(stage_id="s1", lane_id="kpi", text=f"Note {i}") for i in range(cards)])


@pytest.mark.parametrize(("value", "target", "higher", "status"), [
    (70, 70, True, "met"), (75, 70, True, "met"), (63, 70, True, "near"), (62.9, 70, True, "missed"),
    (4, 5, False, "met"), (5.5, 5, False, "near"), (7, 5, False, "missed"), (None, 5, True, "unknown"),
    (3, None, False, "unknown"), (-5, 0, True, "missed"), (0, 0, False, "met"),
])
def test_status_follows_the_kpis_direction(value, target, higher, status):
    assert kpi_status(Kpi(name="k", value=value, target=target, higher_is_better=higher)) == status


def test_colours_by_direction():
    churn = dict(name="90-day churn", value=7.0, target=5.0, unit="%")
    layout = compute_layout(_map(Kpi(**churn, higher_is_better=False)))
    (bar,) = layout.kpi_lanes["kpi"]
    assert bar.status == "missed" and bar.color == theme.KPI_STATUS_COLOR["missed"]
    (bar,) = compute_layout(_map(Kpi(**churn))).kpi_lanes["kpi"]  # 7 against 5 is good when higher is better
    assert bar.status == "met" and bar.color == theme.KPI_STATUS_COLOR["met"]


def test_bar_geometry_is_proportional_to_value_and_target():
    layout = compute_layout(_map(Kpi(name="Checkout conversion", value=61, target=70, unit="%")))
    (bar,) = layout.kpi_lanes["kpi"]
    cell = layout.cells[("s1", "kpi")].rect
    assert bar.track.x == cell.x + theme.CELL_PADDING and bar.track.width == theme.CARD_WIDTH
    assert kpi_scale(Kpi(name="k", value=61, target=70, unit="%")) == (0.0, 100.0)
    assert bar.value == pytest.approx(0.61) and bar.target == pytest.approx(0.70)
    shapes = kpi_bar_shapes(bar)
    track, fill = [s for s in shapes if isinstance(s, RectShape)]
    assert (track.width, fill.width) == (pytest.approx(bar.track.width), pytest.approx(0.61 * bar.track.width))
    assert fill.fill == theme.KPI_STATUS_COLOR["missed"]  # 61 is more than 10 % short of 70
    tick = [s for s in shapes if isinstance(s, LineShape)][-1]
    assert tick.x1 == pytest.approx(bar.track.x + 0.7 * bar.track.width)
    assert tick.y1 < bar.track.y and tick.y2 > bar.track.bottom
    texts = [s.text for s in shapes if isinstance(s, TextShape)]
    assert texts == ["Checkout conversion", "61 % / 70 %"]
    # Not a percentage: the larger of value and target sits at 1/1.15 of the bar.
    (bar,) = compute_layout(_map(Kpi(name="Wait", value=12, target=8, unit="min", higher_is_better=False))
                            ).kpi_lanes["kpi"]
    assert bar.value == pytest.approx(1 / 1.15) and bar.target == pytest.approx(8 / 12 / 1.15)
    assert bar.label.lines == ("12 min / \u2264 8 min",)


def test_labels_without_value_or_target():
    assert kpi_label(Kpi(name="k", value=None, target=70, unit="%")) == "\u2013 / 70 %"
    assert kpi_label(Kpi(name="k", value=31, target=None)) == "31"
    (bar,) = compute_layout(_map(Kpi(name="k", value=None, target=40))).kpi_lanes["kpi"]
    assert bar.value is None and bar.status == "unknown"
    assert len([s for s in kpi_bar_shapes(bar) if isinstance(s, RectShape)]) == 1  # the track only


def test_row_height_fits_the_bars_and_the_cards():
    three = [Kpi(name=f"KPI {i}", value=i, target=3) for i in range(3)]
    layout = compute_layout(_map(*three))
    row = next(r for r in layout.rows if r.lane_id == "kpi")
    bars = layout.kpi_lanes["kpi"]
    assert row.height >= kpi_block_height(3) + theme.CELL_PADDING
    assert max(b.track.bottom + theme.KPI_TICK_REACH for b in bars) <= row.y + row.height
    assert bars[1].name.y - bars[0].name.y == pytest.approx(kpi_row_height() + theme.KPI_GAP)
    with_cards = compute_layout(_map(*three, cards=2))
    row2 = next(r for r in with_cards.rows if r.lane_id == "kpi")
    card_ids = with_cards.cell_cards[("s1", "kpi")]
    assert with_cards.cards[card_ids[0]].rect.y == pytest.approx(row2.y + kpi_block_height(3) + theme.CELL_PADDING)
    assert with_cards.cards[card_ids[-1]].rect.bottom + theme.CELL_PADDING == pytest.approx(row2.y + row2.height)
    # A stage without KPIs keeps the same room, so cards line up across the lane.
    assert not [b for b in bars if b.stage_id == "s2"]


def test_a_kpi_lane_takes_the_kpis_out_of_the_stage_headers():
    kpi = Kpi(name="Checkout conversion", value=61, target=70, unit="%")
    journey = _map(kpi)
    header = compute_layout(journey).stage_headers[0]
    assert header.details is None
    journey.lanes = [lane for lane in journey.lanes if lane.kind != LaneKind.KPIS]
    header = compute_layout(journey).stage_headers[0]
    assert header.details is not None and "Checkout conversion" in header.details.lines[0]


def test_the_example_map_draws_its_kpis(example_map):
    layout = compute_layout(example_map)
    texts = [s.text for s in map_picture(layout).body if isinstance(s, TextShape)]
    assert "52 % / 50 %" in texts and "7 % / \u2264 5 %" in texts and "37 / 40" in texts
    statuses = {bar.kpi_id: bar.status for bar in next(iter(layout.kpi_lanes.values()))}
    assert statuses == {"kpi-reach": "met", "kpi-visit": "missed", "kpi-conv": "missed", "kpi-churn": "missed",
                        "kpi-nps": "near"}


def test_pdf_text_contains_the_kpi_labels(example_map, tmp_path):
    from pypdf import PdfReader

    from app.io.pdf.export import write_pdf

    path = tmp_path / "map.pdf"
    write_pdf(example_map, path, page_size="A3")  # one page (A4 splits the example in two spreads)
    text = PdfReader(str(path)).pages[0].extract_text()
    for label in ("Ad reach", "52 % / 50 %", "90-day churn", "7 % / \u2264 5 %", "Checkout conversion",
                  "61 % / 70 %", "NPS", "37 / 40"):
        assert label in text


def test_canvas_paints_the_kpi_bars(qtbot, example_map):
    from PySide6.QtCore import QPointF

    from app.document import JourneyDocument
    from app.widgets.canvas import MapView

    view = MapView(JourneyDocument(example_map))
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    qtbot.waitExposed(view)
    layout = view.map_scene.layout
    bar = next(iter(layout.kpi_lanes.values()))[0]  # Ad reach: met, green
    view.centerOn(QPointF(bar.track.center_x, bar.track.center_y))
    image = view.grab().toImage()
    point = view.mapFromScene(QPointF(bar.track.x + bar.track.width * bar.value / 2, bar.track.center_y))
    color = image.pixelColor(point)
    assert (color.red(), color.green(), color.blue()) == pytest.approx((0, 158, 115), abs=12)


def test_excel_kpi_lane_row_shows_each_stages_kpis_and_reimports_without_them_as_cards(example_map, tmp_path):
    import openpyxl

    from app.io.formats import read_map, write_map

    path = tmp_path / "map.xlsx"
    write_map(example_map, path)
    book = openpyxl.load_workbook(path)
    sheet = book[book.sheetnames[0]]
    label = next(c for row in sheet.iter_rows() for c in row if c.value == "KPIs")
    row = [sheet.cell(row=label.row, column=label.column + 1 + i).value for i in range(len(example_map.stages))]
    assert row == ["Ad reach: 52 / 50 %", "Site visit to quote: 18 / 25 %", "Checkout conversion: 61 / 70 %",
                   "90-day churn: 7 / \u2264 5 %", "NPS: 37 / 40"]
    # Edited by hand (the hidden copy no longer matches): the grid is read, KPIs come from the stage details row.
    label.value = "KPIs"
    title = next(c for row in sheet.iter_rows() for c in row if c.value == example_map.metadata.title)
    title.value = "Switching plans (edited)"  # the title: in the corner above the lane labels
    book.save(path)
    journey = read_map(path).journey
    lane = journey.lanes[-1]
    assert lane.kind == LaneKind.KPIS and not journey.cards_in(journey.stages[2].id, lane.id)
    assert [(k.name, k.value, k.target) for k in journey.stages[2].kpis] == [("Checkout conversion", 61, 70)]
    assert len(journey.cards) == len(example_map.cards)
