"""What the layout engine produces: boxes with ids, never copies of the map's data beyond
what drawing needs (wrapped lines, colours).

The boxes are named tuples: immutable, compared and hashed by value like the frozen dataclasses they were,
changed copies made with `box._replace(...)`. Every process that lays out a map (the editor, each export)
defines them at start, and a named tuple costs about a tenth of a frozen dataclass to define (which compiles
six generated methods apiece)."""

from dataclasses import dataclass, field
from typing import NamedTuple, Self

from app.layout.geometry import Rect
from app.model.enums import Channel, EvidenceStatus, LaneKind


class TextLines(NamedTuple):
    """Wrapped lines placed at `x`, first line's top at `y`."""

    lines: tuple[str, ...]
    x: float
    y: float
    size: float
    bold: bool
    color: str
    align: str = "left"  # left | center | right (right-to-left cards)
    width: float = 0.0  # the box width for centred and right-aligned text


class PhaseBox(NamedTuple):
    """A phase's band above its stages."""

    phase_id: str
    rect: Rect
    label: TextLines
    fill: str


class StageHeaderBox(NamedTuple):
    """A stage's header: its name and details."""

    stage_id: str
    index: int
    rect: Rect
    name: TextLines
    details: TextLines | None
    fill: str


class LaneGroupBox(NamedTuple):
    """A lane group's band beside its lanes."""

    group_id: str
    rect: Rect
    name: str
    fill: str


class LaneHeaderBox(NamedTuple):
    """A lane's header in the left column."""

    lane_id: str
    index: int
    rect: Rect
    name: TextLines
    kind: LaneKind
    accent: str
    fill: str


class CellBox(NamedTuple):
    """The cell of one stage and one lane."""

    stage_id: str
    lane_id: str
    rect: Rect
    fill: str


class CardBox(NamedTuple):
    """A card in its cell, with its wrapped text and markers."""

    card_id: str
    stage_id: str
    lane_id: str
    index: int  # position within its cell
    rect: Rect
    text: TextLines
    kind: LaneKind
    fill: str
    accent: str
    channel: Channel | None
    channel_label: TextLines | None
    has_note: bool
    evidence: EvidenceStatus | None
    votes: int
    cut: bool = False  # the text stops early (printed layouts cap a card's lines; see PRINT_CARD_MAX_LINES)
    personas: tuple[str, ...] = ()  # the colours of the personas a card is tied to (none: it is for all)


class KpiBarBox(NamedTuple):
    """One KPI of a stage, drawn in a KPI lane: its name and numbers above a bar against its target."""

    stage_id: str
    lane_id: str
    kpi_id: str
    name: TextLines
    label: TextLines  # "61 % / 70 %", right-aligned in the cell
    track: Rect  # the whole bar: the scale's low end at the left, its high end at the right
    value: float | None  # where the value ends along the track, 0.0 .. 1.0
    target: float | None  # where the target tick sits along the track, 0.0 .. 1.0
    status: str  # "met" | "near" | "missed" | "unknown" (see app.layout.kpis.kpi_status)
    color: str

    @property
    def value_x(self) -> float | None:
        return None if self.value is None else self.track.x + self.value * self.track.width

    @property
    def target_x(self) -> float | None:
        return None if self.target is None else self.track.x + self.target * self.track.width


class EmotionPointBox(NamedTuple):
    """A face on an emotions lane's curve."""

    stage_id: str
    lane_id: str
    value: float
    normalized: float  # 0.0 at the scale's minimum, 1.0 at its maximum
    x: float
    y: float
    label: TextLines | None
    persona_id: str | None = None  # whose curve (None: the map has no persona)
    ring: str | None = None  # a persona's colour round the face, on curves other than the editable one

    def moved(self, dy: float) -> Self:
        """The same face `dy` lower."""
        return _point_down(self, dy)


class PersonaCurveBox(NamedTuple):
    """Another persona's curve on an emotions lane, drawn in its colour behind the main one."""

    persona_id: str
    color: str
    points: tuple[EmotionPointBox, ...]
    curve: tuple[tuple[tuple[float, float], ...], ...]


class LegendEntry(NamedTuple):
    """One persona in an emotions lane's legend: a stroke of its colour and its name."""

    persona_id: str
    color: str
    x: float  # where the stroke starts; the name follows it
    y: float  # the stroke's height
    label: TextLines


class BlueprintLineBox(NamedTuple):
    """A service-blueprint line between two lane roles, across the grid; its name sits on it in the lane
    header column (so it stays in view with the frozen headers and repeats on every PDF tile)."""

    y: float
    x: float  # the grid's left edge (the lane headers' right edge)
    width: float  # the grid's width
    label: TextLines
    pill: Rect  # the label's background


class GridLine(NamedTuple):
    """A horizontal line of an emotions lane's scale."""

    value: float
    y: float
    is_zero: bool


class EmotionLaneBox(NamedTuple):
    """An emotions lane: its plot, curves, faces, scale lines and legend."""

    lane_id: str
    lane_rect: Rect  # the whole lane row across the grid
    plot: Rect  # where values map: bottom = scale minimum, top = maximum
    scale_min: float
    scale_max: float
    points: tuple[EmotionPointBox, ...]
    curve: tuple[tuple[tuple[float, float], ...], ...]  # runs of cubic segments: (p0, c1, c2, p1)
    grid: tuple[GridLine, ...]
    color: str = "#3b5bdb"  # the main (editable) curve's colour: its persona's
    others: tuple[PersonaCurveBox, ...] = ()  # the other personas' curves
    legend: tuple[LegendEntry, ...] = ()

    def y_for(self, value: float) -> float:
        """The height of a value: the plot's bottom is the scale minimum, its top the maximum."""
        span = self.scale_max - self.scale_min
        normalized = (max(self.scale_min, min(self.scale_max, value)) - self.scale_min) / span
        return self.plot.bottom - normalized * self.plot.height

    def value_for(self, y: float) -> float:
        """The value at a height (clamped to the scale); callers snap it as they need."""
        normalized = (self.plot.bottom - y) / self.plot.height if self.plot.height else 0.0
        normalized = max(0.0, min(1.0, normalized))
        return self.scale_min + normalized * (self.scale_max - self.scale_min)

    def moved(self, dy: float) -> Self:
        """The same lane `dy` lower: what a row above it growing or shrinking does to it (its curves and
        faces only move, so they are not computed again from the map)."""
        return self._replace(lane_rect=_down(self.lane_rect, dy), plot=_down(self.plot, dy),
                             points=tuple(_point_down(p, dy) for p in self.points), curve=_curve_down(self.curve, dy),
                             grid=tuple(g._replace(y=g.y + dy) for g in self.grid),
                             others=tuple(o._replace(points=tuple(_point_down(p, dy) for p in o.points),
                                                     curve=_curve_down(o.curve, dy)) for o in self.others),
                             legend=tuple(e._replace(y=e.y + dy, label=e.label._replace(y=e.label.y + dy))
                                          for e in self.legend))


def _down(rect: Rect, dy: float) -> Rect:
    return Rect(rect.x, rect.y + dy, rect.width, rect.height)


def _point_down(p: EmotionPointBox, dy: float) -> EmotionPointBox:
    """By its constructor: `_replace` costs more, and a lane has a face per stage."""
    t = p.label
    label = None if t is None else TextLines(t.lines, t.x, t.y + dy, t.size, t.bold, t.color, t.align, t.width)
    return EmotionPointBox(p.stage_id, p.lane_id, p.value, p.normalized, p.x, p.y + dy, label, p.persona_id, p.ring)


def _curve_down(curve: tuple[tuple[tuple[float, float], ...], ...], dy: float
                ) -> tuple[tuple[tuple[float, float], ...], ...]:
    return tuple(tuple((x, y + dy) for x, y in run) for run in curve)


class Column(NamedTuple):
    """A stage's column across the grid."""

    stage_id: str
    x: float
    width: float


class Row(NamedTuple):
    """A lane's row across the grid."""

    lane_id: str
    y: float
    height: float


@dataclass
class MapLayout:
    """Everything's place. `grid` is the area of cells, below the headers and right of the lane headers."""

    width: float
    height: float
    header_height: float
    lane_header_width: float
    columns: list[Column]
    rows: list[Row]
    phases: list[PhaseBox]
    stage_headers: list[StageHeaderBox]
    lane_groups: list[LaneGroupBox]
    lane_headers: list[LaneHeaderBox]
    cells: dict[tuple[str, str], CellBox]  # (stage_id, lane_id)
    cards: dict[str, CardBox]
    emotion_lanes: dict[str, EmotionLaneBox]
    cell_cards: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    kpi_lanes: dict[str, tuple[KpiBarBox, ...]] = field(default_factory=dict)  # lane id -> bars of every stage
    blueprint_lines: list[BlueprintLineBox] = field(default_factory=list)

    @property
    def grid(self) -> Rect:
        return Rect(self.lane_header_width, self.header_height,
                    self.width - self.lane_header_width, self.height - self.header_height)

    def cell_at(self, x: float, y: float) -> CellBox | None:
        """The cell under a point, found by bisecting columns and rows."""
        column = _find_span([(c.x, c.width) for c in self.columns], x)
        row = _find_span([(r.y, r.height) for r in self.rows], y)
        if column is None or row is None:
            return None
        return self.cells[(self.columns[column].stage_id, self.rows[row].lane_id)]

    def insertion_index(self, stage_id: str, lane_id: str, y: float) -> int:
        """Where a card dropped at height y lands among the cell's cards."""
        for index, card_id in enumerate(self.cell_cards.get((stage_id, lane_id), [])):
            if y < self.cards[card_id].rect.center_y:
                return index
        return len(self.cell_cards.get((stage_id, lane_id), []))


def _find_span(spans: list[tuple[float, float]], position: float) -> int | None:
    low, high = 0, len(spans) - 1
    while low <= high:
        middle = (low + high) // 2
        start, size = spans[middle]
        if position < start:
            high = middle - 1
        elif position >= start + size:
            low = middle + 1
        else:
            return middle
    return None
