"""The map as backend-neutral shapes, element by element.

The canvas paints each item with the function for its element (so an item holding a card id
draws exactly what the PDF draws for that card), and the exporters paint `map_picture`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.layout import theme
from app.layout.colors import accent_on, mix
from app.layout.fonts import ASCENT, DESCENT, LINE_SPACING, elide, line_height, text_width, wrap_text
from app.layout.icons import (
    channel_icon,
    evidence_marker,
    face,
    lane_kind_icon,
    note_marker,
    opportunity_marker,
    pain_marker,
)
from app.layout.model import (
    BlueprintLineBox,
    CardBox,
    CellBox,
    EmotionLaneBox,
    EmotionPointBox,
    KpiBarBox,
    LaneGroupBox,
    LaneHeaderBox,
    MapLayout,
    PhaseBox,
    StageHeaderBox,
    TextLines,
)
from app.layout.shapes import EllipseShape, LineShape, PathShape, RectShape, Shape, TextShape
from app.model.enums import LaneKind

HALF_LEADING = (LINE_SPACING - ASCENT - DESCENT) / 2


def baseline(top: float, size: float, line: int = 0) -> float:
    """The baseline of line `line` of a block whose first line's top is `top`."""
    return top + line * line_height(size) + (HALF_LEADING + ASCENT) * size


def text_shapes(block: TextLines) -> list[Shape]:
    x = block.x + block.width / 2 if block.align == "center" else block.x + block.width if block.align == "right" \
        else block.x
    return [
        TextShape(x, baseline(block.y, block.size, i), line, block.size, block.bold, block.color, block.align)
        for i, line in enumerate(block.lines)
        if line
    ]


# --- headers ----------------------------------------------------------------------------


def corner_shapes(width: float, height: float, title: str = "") -> list[Shape]:
    """The box above the lane headers and left of the stage headers."""
    shapes: list[Shape] = [RectShape(0, 0, width, height, theme.HEADER_FILL)]
    if title:
        size, lines = corner_title_lines(title, width - 2 * theme.HEADER_PADDING, height - 2 * theme.HEADER_PADDING)
        shapes += text_shapes(TextLines(lines, theme.HEADER_PADDING, theme.HEADER_PADDING, size, True,
                                        theme.HEADER_TEXT))
    return shapes


def corner_title_lines(title: str, width: float, height: float) -> tuple[float, tuple[str, ...]]:
    """The title's size and lines in the corner: the lane headers' size, smaller (down to two thirds of it) where
    that keeps every word; only a title too long even then ends in '…' (it stands whole above the map)."""
    size = theme.LANE_FONT_SIZE
    smallest = size * 2 / 3
    while True:
        lines = wrap_text(title, width, size, True, max(1, int(height // line_height(size))))
        if not lines[-1].endswith("…") or title.rstrip().endswith("…") or size <= smallest:
            return size, lines
        size = max(smallest, size - 0.5)


def phase_shapes(box: PhaseBox) -> list[Shape]:
    r = box.rect
    return [
        RectShape(r.x, r.y, r.width, r.height, box.fill),
        LineShape(r.right, r.y, r.right, r.bottom, theme.BACKGROUND, 1.0),
        *text_shapes(box.label),
    ]


def stage_header_shapes(box: StageHeaderBox) -> list[Shape]:
    r = box.rect
    shapes: list[Shape] = [
        RectShape(r.x, r.y, r.width, r.height, box.fill),
        LineShape(r.right, r.y, r.right, r.bottom, "#ffffff55", 1.0),
        *text_shapes(box.name),
    ]
    if box.details is not None:
        shapes += text_shapes(box.details)
    return shapes


def lane_group_label(box: LaneGroupBox, size: float = theme.PHASE_FONT_SIZE) -> str:
    """The group's name as its band shows it, upright: cut with "…" to the band's height."""
    return elide(box.name, box.rect.height - 2 * theme.HEADER_PADDING, size, True)


def lane_group_shapes(box: LaneGroupBox, size: float = theme.PHASE_FONT_SIZE) -> list[Shape]:
    r = box.rect
    shapes: list[Shape] = [RectShape(r.x, r.y, r.width, r.height, box.fill),
                           LineShape(r.x, r.bottom, r.right, r.bottom, theme.GRID_LINE, 1.0)]
    label = lane_group_label(box, size)
    # Rotated a quarter turn counter-clockwise, reading upwards, centred in the band.
    shapes.append(TextShape(r.center_x + (ASCENT - DESCENT) * size / 2, r.center_y, label, size, True,
                            theme.LANE_HEADER_TEXT, "center", 90.0))
    return shapes


def lane_header_shapes(box: LaneHeaderBox) -> list[Shape]:
    r = box.rect
    shapes: list[Shape] = [
        RectShape(r.x, r.y, r.width, r.height, box.fill),
        RectShape(r.x, r.y, theme.CARD_ACCENT_WIDTH, r.height, box.accent),
        LineShape(r.x, r.bottom, r.right, r.bottom, theme.GRID_LINE, 1.0),
        LineShape(r.right, r.y, r.right, r.bottom, theme.GRID_LINE, 1.0),
        *text_shapes(box.name),
    ]
    icon = 11.0
    top = box.name.y + len(box.name.lines) * line_height(box.name.size) + 3
    shapes += lane_kind_icon(box.kind, box.name.x, top, icon, box.accent)
    name = " ".join(box.name.lines).casefold()
    if box.kind.label.casefold() not in name:  # "Touchpoints" under "Touchpoints" says nothing
        shapes.append(TextShape(box.name.x + icon + 5, baseline(top - 1, theme.CARD_SMALL_FONT_SIZE), box.kind.label,
                                theme.CARD_SMALL_FONT_SIZE, False, theme.CARD_MUTED_TEXT))
    return shapes


# --- cells and cards --------------------------------------------------------------------


def cell_shapes(cell: CellBox) -> list[Shape]:
    r = cell.rect
    return [
        RectShape(r.x, r.y, r.width, r.height, cell.fill),
        LineShape(r.x, r.bottom, r.right, r.bottom, theme.GRID_LINE, theme.GRID_LINE_WIDTH),
        LineShape(r.right, r.y, r.right, r.bottom, theme.GRID_LINE, theme.GRID_LINE_WIDTH),
    ]


def _left_rounded(x: float, y: float, width: float, height: float, radius: float) -> tuple:
    """A rectangle with rounded left corners (the card's accent stripe)."""
    k = radius * 0.5523  # cubic approximation of a quarter circle
    return (("M", x + radius, y), ("L", x + width, y), ("L", x + width, y + height), ("L", x + radius, y + height),
            ("C", x + radius - k, y + height, x, y + height - radius + k, x, y + height - radius),
            ("L", x, y + radius), ("C", x, y + radius - k, x + radius - k, y, x + radius, y), ("Z",))


def card_shapes(card: CardBox, selected: bool = False) -> list[Shape]:
    r = card.rect
    radius = theme.CARD_RADIUS
    shapes: list[Shape] = [
        # A soft shadow under the bottom edge, then the border and the body as two fills (filling is
        # much cheaper to rasterise than stroking a rounded outline, and looks the same).
        RectShape(r.x + radius, r.bottom, r.width - radius, 1.3, "#1f263326"),
        RectShape(r.x, r.y, r.width, r.height, mix(card.fill, "#1f2633", 0.18), None, 0, radius),
        RectShape(r.x + 0.75, r.y + 0.75, r.width - 1.5, r.height - 1.5, card.fill, None, 0, radius - 0.5),
        PathShape(_left_rounded(r.x, r.y, theme.CARD_ACCENT_WIDTH, r.height, radius), card.accent, None),
    ]
    marker_x = r.right - theme.CARD_PADDING - theme.CARD_ICON_SIZE
    marker_y = r.y + theme.CARD_PADDING
    if card.kind in (LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES):
        # The marker keeps its kind's colour unless the card's own fill would swallow it.
        color = accent_on(card.fill, theme.LANE_KIND_ACCENT[card.kind], card.text.color)
        if card.kind == LaneKind.PAIN_POINTS:
            shapes += pain_marker(marker_x, marker_y, theme.CARD_ICON_SIZE, color, card.fill)
        else:
            shapes += opportunity_marker(marker_x, marker_y, theme.CARD_ICON_SIZE, color)
    if card.has_note:
        shapes += note_marker(r.right, r.y, 9.0, theme.NOTE_MARKER)
    if card.channel is not None and card.channel_label is not None:
        icon_y = card.channel_label.y + (line_height(card.channel_label.size) - theme.CARD_ICON_SIZE) / 2
        shapes += channel_icon(card.channel, card.channel_label.x - theme.CARD_ICON_SIZE - 4, icon_y,
                               theme.CARD_ICON_SIZE, card.channel_label.color)
        shapes += text_shapes(card.channel_label)
    shapes += text_shapes(card.text)
    shapes += _card_footer(card)
    if selected:
        shapes.append(RectShape(r.x - 2, r.y - 2, r.width + 4, r.height + 4, None, theme.SELECTION, 2.0, radius + 2))
    shapes += _persona_dots(card)
    return shapes


def _persona_dots(card: CardBox) -> list[Shape]:
    """A dot per persona, in its colour, at the card's bottom-right corner, for a card not for all of them."""
    r = card.rect
    return [EllipseShape(r.right - 8 - i * 9, r.bottom - 7, 3.5, 3.5, color, "#ffffff", 0.8)
            for i, color in enumerate(reversed(card.personas))]


def _card_footer(card: CardBox) -> list[Shape]:
    if card.evidence is None and not card.votes:
        return []
    size = theme.CARD_SMALL_FONT_SIZE
    r = card.rect
    top = r.bottom - theme.CARD_PADDING - line_height(size)
    shapes: list[Shape] = []
    if card.evidence is not None:
        color = theme.EVIDENCE_COLOR[card.evidence]
        marker = 8.0
        x = card.text.x
        shapes += evidence_marker(card.evidence, x, top + (line_height(size) - marker) / 2, marker, color)
        shapes.append(TextShape(x + marker + 4, baseline(top, size), card.evidence.label, size, False,
                                theme.CARD_MUTED_TEXT))
    if card.votes:
        label = str(card.votes)
        diameter = max(line_height(size), text_width(label, size, True) + 6)
        x = r.right - theme.CARD_PADDING - diameter
        shapes.append(RectShape(x, top, diameter, line_height(size), theme.VOTE_DOT, None, 0, line_height(size) / 2))
        shapes.append(TextShape(x + diameter / 2, baseline(top, size), label, size, True, "#ffffff", "center"))
    return shapes


# --- KPIs -------------------------------------------------------------------------------


def kpi_bar_shapes(bar: KpiBarBox) -> list[Shape]:
    """A KPI: name and "value / target" above a track, the value as a bar, the target as a tick."""
    t = bar.track
    radius = t.height / 2
    shapes: list[Shape] = [RectShape(t.x, t.y, t.width, t.height, theme.KPI_TRACK, None, 0, radius)]
    if bar.value is not None and bar.value > 0:
        shapes.append(RectShape(t.x, t.y, max(t.height, bar.value * t.width), t.height, bar.color, None, 0, radius))
    if bar.target is not None:
        x = t.x + bar.target * t.width
        x = min(max(x, t.x + 1), t.right - 1)
        shapes.append(LineShape(x, t.y - theme.KPI_TICK_REACH, x, t.bottom + theme.KPI_TICK_REACH, "#ffffff", 3.2))
        shapes.append(LineShape(x, t.y - theme.KPI_TICK_REACH, x, t.bottom + theme.KPI_TICK_REACH, theme.KPI_TARGET,
                                1.6))
    return shapes + text_shapes(bar.name) + text_shapes(bar.label)


def kpi_lane_shapes(bars: Iterable[KpiBarBox]) -> list[Shape]:
    shapes: list[Shape] = []
    for bar in bars:
        shapes += kpi_bar_shapes(bar)
    return shapes


# --- emotions ---------------------------------------------------------------------------


def emotion_grid_shapes(lane: EmotionLaneBox) -> list[Shape]:
    """The scale's gridlines with their values, and the soft area under the curve."""
    r = lane.lane_rect
    shapes: list[Shape] = []
    for line in lane.grid:
        color = theme.EMOTION_ZERO_LINE if line.is_zero else theme.EMOTION_GRID
        shapes.append(LineShape(r.x, line.y, r.right, line.y, color, 1.0 if line.is_zero else 0.8,
                                None if line.is_zero else (3.0, 3.0)))
        shapes.append(TextShape(r.x + 4, line.y - 2, f"{line.value:g}", theme.EMOTION_LABEL_FONT_SIZE - 1, False,
                                theme.EMOTION_LABEL_TEXT))  # readable: the scale's values, not a faint line
    return shapes


def emotion_curve_shapes(lane: EmotionLaneBox, color: str | None = None, width: float = 2.5,
                         dash: bool = False) -> list[Shape]:
    """The main curve (in its persona's colour unless `color` is given) and the soft area under it."""
    color = color or lane.color
    if not lane.curve:
        return []
    ops: list[tuple] = [("M", *lane.curve[0][0])]
    for _p0, c1, c2, p1 in lane.curve:
        ops.append(("C", *c1, *c2, *p1))
    area = (*ops, ("L", lane.curve[-1][3][0], lane.plot.bottom), ("L", lane.curve[0][0][0], lane.plot.bottom), ("Z",))
    shapes: list[Shape] = []
    if not dash:
        shapes.append(PathShape(area, color + "14", None))
    shapes.append(PathShape(tuple(ops), None, color, width, dash=(5.0, 4.0) if dash else None))
    return shapes


def other_curve_shapes(lane: EmotionLaneBox) -> list[Shape]:
    """The other personas' curves: a thinner line each, in the persona's colour, no area."""
    shapes: list[Shape] = []
    for other in lane.others:
        if other.curve:
            ops: list[tuple] = [("M", *other.curve[0][0])]
            ops += [("C", *c1, *c2, *p1) for _p0, c1, c2, p1 in other.curve]
            shapes.append(PathShape(tuple(ops), None, other.color, 1.8))
    return shapes


def other_point_shapes(lane: EmotionLaneBox) -> list[Shape]:
    shapes: list[Shape] = []
    for other in lane.others:
        for point in other.points:
            shapes += emotion_point_shapes(point)
    return shapes


def legend_shapes(lane: EmotionLaneBox) -> list[Shape]:
    shapes: list[Shape] = []
    for entry in lane.legend:
        shapes.append(LineShape(entry.x, entry.y, entry.x + 16, entry.y, entry.color, 2.5))
        shapes += text_shapes(entry.label)
    return shapes


def blueprint_line_shapes(line: BlueprintLineBox) -> list[Shape]:
    """A dashed line across the grid at a lane boundary."""
    return [LineShape(line.x, line.y, line.x + line.width, line.y, theme.BLUEPRINT_LINE, 2.0, (8.0, 4.0))]


def blueprint_label_shapes(line: BlueprintLineBox) -> list[Shape]:
    """The line's name on it, in the lane header column."""
    p = line.pill
    return [LineShape(0.0, line.y, line.x, line.y, theme.BLUEPRINT_LINE, 2.0, (8.0, 4.0)),
            RectShape(p.x, p.y, p.width, p.height, "#ffffff", theme.BLUEPRINT_LINE, 0.8, 3.0),
            *text_shapes(line.label)]


def emotion_point_shapes(point: EmotionPointBox, selected: bool = False) -> list[Shape]:
    shapes: list[Shape] = []
    if selected:
        shapes += face(point.x, point.y, theme.FACE_RADIUS + 3, point.normalized, theme.SELECTION + "40",
                       theme.SELECTION)[:1]
    if point.ring is not None:  # another persona's point: smaller, ringed in its colour
        radius = theme.FACE_RADIUS * 0.75
        shapes.append(EllipseShape(point.x, point.y, radius + 2.5, radius + 2.5, point.ring, None))
        shapes += face(point.x, point.y, radius, point.normalized, theme.face_color(point.normalized),
                       theme.FACE_STROKE)
    else:
        shapes += face(point.x, point.y, theme.FACE_RADIUS, point.normalized, theme.face_color(point.normalized),
                       theme.FACE_STROKE)
    if point.label is not None:
        shapes += label_halo(point.label)
        shapes += text_shapes(point.label)
    return shapes


def label_halo(block: TextLines) -> list[Shape]:
    """A soft white backing under an emotion label, so the curve passing behind never runs through the words."""
    shapes: list[Shape] = []
    for i, line in enumerate(block.lines):
        if not line:
            continue
        width = text_width(line, block.size, block.bold) + 6
        center = block.x + block.width / 2
        top = block.y + i * line_height(block.size)
        shapes.append(RectShape(center - width / 2, top, width, line_height(block.size), "#ffffffcc", None, 0, 3))
    return shapes


def emotion_lane_shapes(lane: EmotionLaneBox) -> list[Shape]:
    shapes = emotion_grid_shapes(lane) + legend_shapes(lane) + other_curve_shapes(lane) + emotion_curve_shapes(lane)
    shapes += other_point_shapes(lane)
    for point in lane.points:
        shapes += emotion_point_shapes(point)
    return shapes


# --- the whole map ----------------------------------------------------------------------


@dataclass
class MapPicture:
    """The map's shapes in layers, so a tiled PDF can repeat the headers on every sheet."""

    body: list[Shape] = field(default_factory=list)  # cells, cards, emotion curves
    stage_headers: list[Shape] = field(default_factory=list)  # phases and stage headers
    lane_headers: list[Shape] = field(default_factory=list)  # lane groups and lane headers
    lane_groups: list[Shape] = field(default_factory=list)  # the lane groups' shapes (also in lane_headers)
    corner: list[Shape] = field(default_factory=list)

    def all(self) -> list[Shape]:
        return self.body + self.stage_headers + self.lane_headers + self.corner


def map_picture(layout: MapLayout, title: str = "", underlay: Sequence[Shape] = (),
                overlay: Sequence[Shape] = ()) -> MapPicture:
    """`underlay` goes under the emotion curves and cards (e.g. an old curve to compare with),
    `overlay` over everything in the body (e.g. change marks)."""
    picture = MapPicture()
    picture.body.append(RectShape(0, 0, layout.width, layout.height, theme.BACKGROUND))
    for cell in layout.cells.values():
        picture.body += cell_shapes(cell)
    for bars in layout.kpi_lanes.values():
        picture.body += kpi_lane_shapes(bars)
    for lane in layout.emotion_lanes.values():
        picture.body += emotion_grid_shapes(lane) + legend_shapes(lane)
    picture.body += underlay
    for lane in layout.emotion_lanes.values():
        picture.body += other_curve_shapes(lane) + emotion_curve_shapes(lane)
    for card in layout.cards.values():
        picture.body += card_shapes(card)
    for lane in layout.emotion_lanes.values():
        picture.body += other_point_shapes(lane)
        for point in lane.points:
            picture.body += emotion_point_shapes(point)
    for line in layout.blueprint_lines:
        picture.body += blueprint_line_shapes(line)
    picture.body += overlay
    for phase in layout.phases:
        picture.stage_headers += phase_shapes(phase)
    for header in layout.stage_headers:
        picture.stage_headers += stage_header_shapes(header)
    for group in layout.lane_groups:
        picture.lane_groups += lane_group_shapes(group)
    picture.lane_headers += picture.lane_groups
    for header in layout.lane_headers:
        picture.lane_headers += lane_header_shapes(header)
    for line in layout.blueprint_lines:
        picture.lane_headers += blueprint_label_shapes(line)
    picture.corner = corner_shapes(layout.lane_header_width, layout.header_height, title)
    return picture
