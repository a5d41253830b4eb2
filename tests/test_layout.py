"""The layout engine: everything placed inside its cell, nothing overlapping, text within its box."""

from __future__ import annotations

from hypothesis import given, settings

from app.layout import compute_layout, theme
from app.layout.fonts import text_width, wrap_text
from app.layout.painting import map_picture
from app.layout.shapes import TextShape
from app.model.enums import LaneKind
from tests.strategies import journey_maps


def _check_layout(content) -> None:
    layout = compute_layout(content)
    assert len(layout.columns) == len(content.stages)
    assert len(layout.rows) == len(content.lanes)
    # Rows and columns tile the grid without gaps.
    for a, b in zip(layout.rows, layout.rows[1:], strict=False):
        assert abs(a.y + a.height - b.y) < 1e-6
    assert abs(layout.rows[-1].y + layout.rows[-1].height - layout.height) < 1e-6
    for card in content.cards:
        box = layout.cards[card.id]
        cell = layout.cells[(card.stage_id, card.lane_id)]
        assert cell.rect.contains(box.rect.x, box.rect.y)
        assert cell.rect.contains(box.rect.right, box.rect.bottom), "a card sticks out of its cell"
        for line in box.text.lines:
            assert text_width(line, box.text.size) <= theme.CARD_WIDTH, line
    for ids in layout.cell_cards.values():
        boxes = [layout.cards[i].rect for i in ids]
        for a, b in zip(boxes, boxes[1:], strict=False):
            assert a.bottom <= b.y, "cards in a cell overlap"
    for lane_id, bars in layout.kpi_lanes.items():
        assert len(bars) == sum(len(stage.kpis) for stage in content.stages)
        for bar in bars:
            cell = layout.cells[(bar.stage_id, lane_id)].rect
            assert cell.contains(bar.track.x, bar.name.y) and cell.contains(bar.track.right, bar.track.bottom)
            name_width = text_width(bar.name.lines[0], bar.name.size)
            assert bar.name.x + name_width <= bar.label.x, "a KPI's name runs into its numbers"
            assert bar.label.x + text_width(bar.label.lines[0], bar.label.size, True) <= cell.right - 9.9
            for card_id in layout.cell_cards[(bar.stage_id, lane_id)]:
                assert layout.cards[card_id].rect.y > bar.track.bottom, "a card covers a KPI bar"
    for lane_id, lane in layout.emotion_lanes.items():
        for point in lane.points:
            assert lane.plot.y - 1e-6 <= point.y <= lane.plot.bottom + 1e-6
            assert content.emotion(lane_id, point.stage_id).value == point.value


def test_example_map_layout(example_map):
    content = example_map.content()
    _check_layout(content)
    layout = compute_layout(content)
    # Every card's words are drawn, in order, somewhere in the picture.
    drawn = " ".join(s.text for s in map_picture(layout, "t").all() if isinstance(s, TextShape))
    for card in content.cards:
        for word in card.text.split():
            assert word in drawn


@settings(max_examples=60, deadline=None)
@given(journey_maps())
def test_any_map_lays_out_cleanly(journey):
    _check_layout(journey.content())


def test_cell_lookup_and_insertion_index(example_map):
    content = example_map.content()
    layout = compute_layout(content)
    stage, lane = content.stages[1], content.lanes[0]
    cell = layout.cells[(stage.id, lane.id)]
    assert layout.cell_at(cell.rect.center_x, cell.rect.center_y) is cell
    assert layout.cell_at(-5, cell.rect.center_y) is None
    ids = layout.cell_cards[(stage.id, lane.id)]
    first = layout.cards[ids[0]].rect
    assert layout.insertion_index(stage.id, lane.id, first.y) == 0
    assert layout.insertion_index(stage.id, lane.id, cell.rect.bottom) == len(ids)


def test_wrapping_keeps_words_and_splits_long_ones():
    lines = wrap_text("a " * 40 + "https://example.com/" + "x" * 80, 100, 11)
    assert all(text_width(line, 11) <= 100 for line in lines)
    assert "".join(lines).replace(" ", "") == ("a" * 40 + "https://example.com/" + "x" * 80)
    assert wrap_text("one\ntwo", 500, 11) == ("one", "two")
    cut = wrap_text("word " * 50, 60, 11, max_lines=2)
    assert len(cut) == 2 and cut[-1].endswith("…")


def test_incremental_layout_matches_a_full_layout_after_edits(example_map):
    """The canvas's per-cell updates give exactly the boxes and positions of a fresh layout."""
    from app.layout.engine import translate_card
    from app.layout.incremental import CanvasLayout
    from app.model import Card

    journey = example_map
    live = CanvasLayout(journey)
    stage, lane = journey.stages[1], journey.lanes[0]
    journey.cards.append(Card(stage_id=stage.id, lane_id=lane.id, text="A long new card " * 6))
    first = journey.cards[0]
    old_cell = (first.stage_id, first.lane_id)
    first.lane_id = journey.lanes[4].id
    delta = live.update_cells({(stage.id, lane.id), old_cell, (first.stage_id, first.lane_id)})
    assert journey.cards[-1].id in delta.cards
    assert delta.rows  # the first row grew, so every row below moved
    full = compute_layout(journey)
    for card in journey.cards:
        x, y = live.card_pos(card.id)
        assert translate_card(live.card_box(card.id), x, y) == full.cards[card.id]
    for row in full.rows:
        assert (live.row_y[row.lane_id], live.row_h[row.lane_id]) == (row.y, row.height)
    assert live.height == full.height
    assert live.kpi_lanes == full.kpi_lanes


def test_an_edit_that_keeps_its_row_height_moves_no_other_row(example_map):
    """Re-layout stops below the edited row when that row kept its height: rows below are not touched,
    and the result is still exactly a fresh layout. The cells' cards come from the caller's index."""
    from app.layout.engine import translate_card
    from app.layout.incremental import CanvasLayout

    journey = example_map
    calls = []

    def cards_in(stage_id, lane_id):
        calls.append((stage_id, lane_id))
        return journey.cards_in(stage_id, lane_id)

    live = CanvasLayout(journey, cards_in=cards_in)
    card = journey.cards[0]
    card.text = card.text + "!"
    delta = live.update_cells({(card.stage_id, card.lane_id)})
    assert calls == [(card.stage_id, card.lane_id)]
    assert card.id in delta.cards and not delta.rows
    assert delta.moved <= {c.id for c in journey.cards_in(card.stage_id, card.lane_id)}
    card.text = "Now a card long enough to wrap over many more lines than any other card in its row " * 3
    delta = live.update_cells({(card.stage_id, card.lane_id)})
    assert delta.rows == {lane.id for lane in journey.lanes[journey.lane_index(card.lane_id):]}
    full = compute_layout(journey)
    for other in journey.cards:
        x, y = live.card_pos(other.id)
        assert translate_card(live.card_box(other.id), x, y) == full.cards[other.id]
    assert live.height == full.height


def test_incremental_layout_matches_a_full_layout_with_a_kpi_lane(example_map):
    """Cards in a KPI lane sit below the bars; edits above it move its bars like a fresh layout would."""
    from app.layout.engine import translate_card
    from app.layout.incremental import CanvasLayout
    from app.model import Card, Kpi

    journey = example_map
    kpi_lane = next(lane for lane in journey.lanes if lane.kind == LaneKind.KPIS)
    journey.stages[2].kpis.append(Kpi(name="Orders", value=120, target=100, unit="per day"))
    live = CanvasLayout(journey)
    journey.cards.append(Card(stage_id=journey.stages[0].id, lane_id=kpi_lane.id, text="Measured weekly " * 4))
    journey.cards.append(Card(stage_id=journey.stages[0].id, lane_id=journey.lanes[0].id, text="More " * 30))
    delta = live.update_cells({(journey.stages[0].id, kpi_lane.id), (journey.stages[0].id, journey.lanes[0].id)})
    assert kpi_lane.id in delta.kpi_lanes
    full = compute_layout(journey)
    assert live.kpi_lanes == full.kpi_lanes and live.height == full.height
    for card in journey.cards:
        x, y = live.card_pos(card.id)
        assert translate_card(live.card_box(card.id), x, y) == full.cards[card.id]
    bars = full.kpi_lanes[kpi_lane.id]
    assert len([b for b in bars if b.stage_id == journey.stages[2].id]) == 2
    lowest = max(b.track.bottom for b in bars)
    assert full.cards[journey.cards[-2].id].rect.y > lowest
    _check_layout(journey)


def test_font_metrics_cache_matches_the_bundled_fonts():
    """resources/fonts/metrics.json must be regenerated (python -m app.painters.font_metrics) when a font changes."""
    from app.layout import fonts
    from app.painters.font_metrics import parse_metrics

    for bold in (False, True):
        fonts._metrics.cache_clear()
        assert fonts._metrics(bold) == parse_metrics(bold)


def test_channel_labels_stay_legible_on_a_card_of_the_same_colour():
    from app.layout.colors import contrast_ratio
    from app.model import Card, Channel, JourneyMap, Lane, LaneKind, Stage

    stage, lane = Stage(name="S"), Lane(name="Touchpoints", kind=LaneKind.TOUCHPOINTS)
    blue = Card(stage_id=stage.id, lane_id=lane.id, text="Site", channel=Channel.WEBSITE, color="#2a8fd6")
    pale = Card(stage_id=stage.id, lane_id=lane.id, text="Site", channel=Channel.WEBSITE)
    layout = compute_layout(JourneyMap(stages=[stage], lanes=[lane], cards=[blue, pale]))
    for card in (blue, pale):
        box = layout.cards[card.id]
        assert contrast_ratio(box.channel_label.color, box.fill) >= 3.0
    assert layout.cards[pale.id].channel_label.color == theme.CHANNEL_COLOR[Channel.WEBSITE]  # the usual accent


def test_a_long_emotion_label_in_the_first_stage_clears_the_scale_values():
    """The scale's values ("-2") sit at the left of the first stage: a wide label there starts after them."""
    from tests import stress_maps

    journey = stress_maps.long_texts()
    layout = compute_layout(journey)
    lane = next(iter(layout.emotion_lanes.values()))
    first = min(lane.points, key=lambda p: p.x)
    values_right = lane.lane_rect.x + 4 + max(
        text_width(f"{line.value:g}", theme.EMOTION_LABEL_FONT_SIZE - 1, False) for line in lane.grid)
    assert first.label is not None and first.label.x >= values_right
    drawn = text_width(first.label.lines[0], first.label.size, False)
    assert first.label.x + (first.label.width - drawn) / 2 >= values_right  # centred text too


def _floats(value) -> list:
    """Every field of a layout box, flattened, for comparing with a tolerance."""
    from dataclasses import fields, is_dataclass

    if is_dataclass(value):
        return [x for f in fields(value) for x in _floats(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [x for item in value for x in _floats(item)]
    return [value]


def test_an_emotions_lane_below_a_growing_row_moves_like_a_fresh_layout(example_map):
    """A row growing above an emotions lane moves the lane's box (curves, faces, labels, grid, legend)
    instead of computing it again; the result is a fresh layout's, to rounding."""
    from app.layout.incremental import CanvasLayout
    from app.model import Card, Persona

    journey = example_map
    journey.personas.append(Persona(name="Second"))  # another curve and a legend
    emotions = next(lane for lane in journey.lanes if lane.kind == LaneKind.EMOTIONS)
    first = journey.lanes[0]
    assert journey.lane_index(emotions.id) > 0
    live = CanvasLayout(journey)
    before = live.emotion_lanes[emotions.id]
    journey.cards.append(Card(stage_id=journey.stages[0].id, lane_id=first.id, text="Grow " * 80))
    delta = live.update_cells({(journey.stages[0].id, first.id)})
    assert emotions.id in delta.emotion_lanes
    moved = live.emotion_lanes[emotions.id]
    assert moved.lane_rect.y > before.lane_rect.y
    fresh = compute_layout(journey).emotion_lanes[emotions.id]
    ours, theirs = _floats(moved), _floats(fresh)
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        assert a == b if not isinstance(a, float) else abs(a - b) < 1e-6


def test_the_corner_keeps_a_two_line_title_whole_by_setting_it_smaller():
    from app.layout import fonts
    from app.layout.painting import corner_title_lines

    title = "Customer Journey Map — Home insurance"
    width, height = 140.0, 2 * fonts.line_height(theme.LANE_FONT_SIZE)
    size, lines = corner_title_lines(title, width, height)
    assert " ".join(lines).split() == title.split() and size < theme.LANE_FONT_SIZE
    assert all(fonts.text_width(line, size, True) <= width for line in lines)
    assert len(lines) * fonts.line_height(size) <= height
    size, lines = corner_title_lines("Short", width, height)
    assert size == theme.LANE_FONT_SIZE and lines == ("Short",)
    size, lines = corner_title_lines("word " * 60, width, height)  # too long even small: cut, whole above the map
    assert lines[-1].endswith("…")
