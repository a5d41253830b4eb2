"""The canvas's live layout: the same engine functions as `compute_layout`, kept per cell so an
edit re-lays out only the cells it touched.

Card boxes are kept in card-local coordinates (so a card item never changes when its row
moves) plus a position inside its row; when a row's height changes, the rows below move, which
the scene applies with one `setPos` per row, whatever the number of cards in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from app.layout import theme
from app.layout.engine import (
    CellStack,
    Frame,
    cards_by_cell,
    cell_stack,
    compute_frame,
    emotion_lane_box,
    kpi_lane_box,
    lane_header_box,
    lane_top,
    row_height,
)
from app.layout.model import CardBox, EmotionLaneBox, KpiBarBox, LaneHeaderBox
from app.model.enums import LaneKind
from app.model.journey import Card, JourneyContent
from app.model.personas import persona_colors

Cell = tuple[str, str]
CardsIn = Callable[[str, str], Sequence[Card]]


@dataclass
class LayoutDelta:
    """What an update changed, for the scene to apply."""

    cards: set[str] = field(default_factory=set)  # card ids with a new box (new cards included)
    moved: set[str] = field(default_factory=set)  # card ids with a new position in their row
    removed_cards: set[str] = field(default_factory=set)
    rows: set[str] = field(default_factory=set)  # lanes whose row moved or resized
    emotion_lanes: set[str] = field(default_factory=set)
    emotion_shifts: dict[str, float] = field(default_factory=dict)  # of those, lanes that only moved: how far
    kpi_lanes: set[str] = field(default_factory=set)  # KPI lanes whose bars moved


class EmotionLanes(Mapping[str, EmotionLaneBox]):
    """The emotions lanes' boxes by lane id. A lane that only moved (a row above it grew) keeps its
    box and how far it moved; the moved box is made when it is first read, so moving a lane costs
    the same whatever its number of stages (the canvas moves its items without reading it)."""

    def __init__(self) -> None:
        self._boxes: dict[str, EmotionLaneBox] = {}
        self._shifts: dict[str, float] = {}

    def __getitem__(self, lane_id: str) -> EmotionLaneBox:
        box = self._boxes[lane_id]
        dy = self._shifts.pop(lane_id, 0.0)
        if dy:
            box = self._boxes[lane_id] = box.moved(dy)
        return box

    def __setitem__(self, lane_id: str, box: EmotionLaneBox) -> None:
        self._boxes[lane_id] = box
        self._shifts.pop(lane_id, None)

    def __contains__(self, lane_id: object) -> bool:
        return lane_id in self._boxes

    def __iter__(self) -> Iterator[str]:
        return iter(self._boxes)

    def __len__(self) -> int:
        return len(self._boxes)

    def top(self, lane_id: str) -> float:
        return self._boxes[lane_id].lane_rect.y + self._shifts.get(lane_id, 0.0)

    def move(self, lane_id: str, dy: float) -> None:
        self._shifts[lane_id] = self._shifts.get(lane_id, 0.0) + dy


class CanvasLayout:
    def __init__(self, content: JourneyContent, build: bool = True, cards_in: CardsIn | None = None) -> None:
        """`cards_in(stage_id, lane_id)`, when given, reads one cell's cards from an index kept by
        the caller (the document), so an edit costs what its cells cost, not a scan of the map."""
        self.content = content
        self.persona_colors: dict[str, str] | None = None
        self.main_persona: str | None = None  # whose emotion curve is the main (editable) one; None: the first
        self.cards_in = cards_in
        self.reserve: dict[Cell, float] = {}  # a cell kept at least this tall (the editor typing into it)
        self.below: dict[Cell, float] = {}  # room kept under a cell's cards (compare mode's removed-card ghosts)
        if build:
            self.rebuild()

    # --- reading -------------------------------------------------------------------------

    @property
    def width(self) -> float:
        return self.frame.width

    @property
    def height(self) -> float:
        if not self.content.lanes:
            return self.frame.header_height
        last = self.content.lanes[-1].id
        return self.row_y[last] + self.row_h[last]

    def card_box(self, card_id: str) -> CardBox:
        """The card in card-local coordinates (its rect at 0, 0)."""
        return self.local[card_id]

    def card_pos(self, card_id: str) -> tuple[float, float]:
        """The card's top-left on the map."""
        x, offset = self.offsets[card_id]
        return x, self.row_y[self.card_lane[card_id]] + offset

    def card_offset(self, card_id: str) -> tuple[float, float]:
        """The card's top-left relative to its row's top-left (x from the map's left edge)."""
        return self.offsets[card_id]

    def column_x(self, stage_id: str) -> float:
        return self.frame.columns[self.stage_index[stage_id]].x

    def cell_rect(self, stage_id: str, lane_id: str) -> tuple[float, float, float, float]:
        return (self.column_x(stage_id), self.row_y[lane_id], theme.STAGE_WIDTH, self.row_h[lane_id])

    def cell_at(self, x: float, y: float) -> Cell | None:
        if x < self.frame.lane_header_width or y < self.frame.header_height:
            return None
        column = int((x - self.frame.lane_header_width) // theme.STAGE_WIDTH)
        if not 0 <= column < len(self.frame.columns):
            return None
        for lane in self.content.lanes:
            if self.row_y[lane.id] <= y < self.row_y[lane.id] + self.row_h[lane.id]:
                return (self.frame.columns[column].stage_id, lane.id)
        return None

    def insertion_index(self, cell: Cell, y: float) -> int:
        """Where a card dropped at height y lands among the cell's cards."""
        stack = self.stacks.get(cell)
        if stack is None:
            return 0
        row_top = self.row_y[cell[1]]
        for index, (offset, box) in enumerate(zip(stack.offsets, stack.boxes, strict=True)):
            if y < row_top + offset + box.rect.height / 2:
                return index
        return len(stack.card_ids)

    def insertion_y(self, cell: Cell, index: int) -> float:
        """The height of the drop indicator for inserting at `index` in a cell."""
        stack = self.stacks.get(cell)
        row_top = self.row_y[cell[1]]
        if stack is None or not stack.card_ids:
            return row_top + self.lane_tops.get(cell[1], 0.0) + theme.CELL_PADDING
        if index < len(stack.offsets):
            return row_top + stack.offsets[index] - theme.CARD_GAP / 2
        return row_top + stack.offsets[-1] + stack.boxes[-1].rect.height + theme.CARD_GAP / 2

    # --- updating --------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Everything again (structure changed)."""
        content = self.content
        self.persona_colors = persona_colors(content) if content.personas else None  # for cards' persona dots
        self.frame: Frame = compute_frame(content)
        self.stage_index = {column.stage_id: i for i, column in enumerate(self.frame.columns)}
        by_cell = cards_by_cell(content)
        self.stacks: dict[Cell, CellStack] = {}
        self.local: dict[str, CardBox] = {}
        self.offsets: dict[str, tuple[float, float]] = {}  # card id -> (x, y below its row's top)
        self.card_lane: dict[str, str] = {}
        self.row_y: dict[str, float] = {}
        self.row_h: dict[str, float] = {}
        self.lane_headers: dict[str, LaneHeaderBox] = {}
        self.emotion_lanes = EmotionLanes()
        self.kpi_lanes: dict[str, tuple[KpiBarBox, ...]] = {}
        # KPIs belong to stages, so a KPI edit is a structure change: lane tops change only here.
        self.lane_tops: dict[str, float] = {lane.id: lane_top(content, lane) for lane in content.lanes}
        for lane in content.lanes:
            top = self.lane_tops[lane.id]
            for stage in content.stages:
                cell = (stage.id, lane.id)
                self._set_stack(cell, cell_stack(by_cell.get(cell, []), lane, top, colors=self.persona_colors))
                self._position_cards(cell, self.stacks[cell], None)
        self._place_rows(0)

    def update_cells(self, cells: set[Cell]) -> LayoutDelta:
        """Re-lay out the given cells (their cards changed); rows below a resized row move."""
        delta = LayoutDelta()
        lanes = {lane.id: lane for lane in self.content.lanes}
        cells = {cell for cell in cells if cell[0] in self.stage_index and cell[1] in lanes}
        if not cells:
            return delta
        by_cell = self._cards_of(cells)
        for cell, cards in by_cell.items():
            old = self.stacks.get(cell)
            if old is not None:
                delta.removed_cards.update(old.card_ids)
            stack = cell_stack(cards, lanes[cell[1]], self.lane_tops[cell[1]], colors=self.persona_colors)
            self._set_stack(cell, stack)
            delta.cards.update(stack.card_ids)
        delta.removed_cards -= delta.cards
        for card_id in delta.removed_cards:
            self.local.pop(card_id, None)
            self.offsets.pop(card_id, None)
            self.card_lane.pop(card_id, None)
        indexes = [self.content.lane_index(lane_id) for lane_id in {lane_id for _, lane_id in cells}]
        self._place_rows(min(indexes), delta, last=max(indexes))
        for cell in cells:
            self._position_cards(cell, self.stacks[cell], delta)
        return delta

    def update_emotions(self, lane_ids: set[str]) -> None:
        for lane in self.content.lanes:
            if lane.id in lane_ids and lane.kind == LaneKind.EMOTIONS:
                self.emotion_lanes[lane.id] = emotion_lane_box(self.content, lane, self.frame, self.row_y[lane.id],
                                                               self.row_h[lane.id], self.main_persona)

    # --- internals ---------------------------------------------------------------------------

    def _cards_of(self, cells: set[Cell]) -> dict[Cell, list[Card]]:
        if self.cards_in is not None:
            return {cell: list(self.cards_in(*cell)) for cell in cells}
        by_cell: dict[Cell, list[Card]] = {cell: [] for cell in cells}
        for card in self.content.cards:
            key = (card.stage_id, card.lane_id)
            if key in by_cell:
                by_cell[key].append(card)
        return by_cell

    def _set_stack(self, cell: Cell, stack: CellStack) -> None:
        self.stacks[cell] = stack
        for box in stack.boxes:
            self.local[box.card_id] = box

    def _place_rows(self, first: int, delta: LayoutDelta | None = None, last: int | None = None) -> None:
        """Recompute row heights and tops from lane `first` on (card positions are relative to rows).

        With a delta, stop at the first row after lane `last` (the last one whose cards changed)
        that kept its place and height: every row below it keeps its place too."""
        lanes, stages = self.content.lanes, self.content.stages
        previous = lanes[first - 1].id if first > 0 else None
        y = self.frame.header_height if previous is None else self.row_y[previous] + self.row_h[previous]
        for index in range(first, len(lanes)):
            lane = lanes[index]
            only_moves = delta is not None and last is not None and index > last and lane.id in self.row_h
            if only_moves:
                height = self.row_h[lane.id]  # none of its cells changed: it only moves
            else:
                stacks = [self.stacks[(stage.id, lane.id)] for stage in stages]
                height = row_height(lane, stacks, self.lane_tops[lane.id])
                if self.reserve:
                    height = max([height] + [h for (_, lane_id), h in self.reserve.items() if lane_id == lane.id])
                if self.below:
                    top = self.lane_tops[lane.id]
                    height = max([height] + [top + self.stacks[cell].total + room for cell, room in self.below.items()
                                             if cell[1] == lane.id and cell in self.stacks])
            unchanged = (self.row_y.get(lane.id), self.row_h.get(lane.id)) == (y, height)
            if delta is not None and unchanged and last is not None and index > last:
                return
            if delta is None or not unchanged:
                self.row_y[lane.id], self.row_h[lane.id] = y, height
                self.lane_headers[lane.id] = lane_header_box(lane, index, y, height, self.frame.lane_header_width)
                if lane.kind == LaneKind.EMOTIONS:
                    if only_moves and lane.id in self.emotion_lanes:
                        dy = y - self.emotion_lanes.top(lane.id)
                        self.emotion_lanes.move(lane.id, dy)  # its curves and faces only move
                        if delta is not None:
                            delta.emotion_shifts[lane.id] = delta.emotion_shifts.get(lane.id, 0.0) + dy
                    else:
                        self.emotion_lanes[lane.id] = emotion_lane_box(self.content, lane, self.frame, y, height,
                                                                       self.main_persona)
                elif lane.kind == LaneKind.KPIS:
                    self.kpi_lanes[lane.id] = kpi_lane_box(self.content, lane, self.frame, y)
                if delta is not None:
                    delta.rows.add(lane.id)
                    if lane.kind == LaneKind.EMOTIONS:
                        delta.emotion_lanes.add(lane.id)
                    elif lane.kind == LaneKind.KPIS:
                        delta.kpi_lanes.add(lane.id)
            y += height

    def _position_cards(self, cell: Cell, stack: CellStack, delta: LayoutDelta | None) -> None:
        x = self.frame.columns[self.stage_index[cell[0]]].x + theme.CELL_PADDING
        for card_id, offset in zip(stack.card_ids, stack.offsets, strict=True):
            self.offsets[card_id] = (x, offset)
            self.card_lane[card_id] = cell[1]
            if delta is not None:
                delta.moved.add(card_id)


def live_lane_groups(layout: CanvasLayout):
    """The lane group bands for the live layout."""
    from app.layout.engine import lane_group_boxes
    from app.layout.model import Row

    content = layout.content
    if not any(lane.group_id for lane in content.lanes):
        return []
    rows = [Row(lane.id, layout.row_y[lane.id], layout.row_h[lane.id]) for lane in content.lanes]
    return lane_group_boxes(content, rows)


def live_blueprint_lines(layout: CanvasLayout):
    """The service-blueprint lines for the live layout."""
    from app.layout.engine import blueprint_lines
    from app.layout.model import Row

    content = layout.content
    if not any(lane.role for lane in content.lanes):
        return []
    rows = [Row(lane.id, layout.row_y[lane.id], layout.row_h[lane.id]) for lane in content.lanes]
    return blueprint_lines(content, rows, layout.frame.lane_header_width,
                           layout.frame.width - layout.frame.lane_header_width)
