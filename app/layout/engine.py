"""compute_layout: the map's geometry from its content, in one pass over stages, lanes and cards (an emotions
lane's curves and faces: `emotion_lane.py`).

Text wrapping is cached by (text, width, size), so laying out a 2,400-card map again after
one edit costs little more than walking the lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.layout import theme
from app.layout.colors import accent_on, mix, readable_text_color
from app.layout.emotion_lane import emotion_lane_layout, emotion_rooms, label_line
from app.layout.fonts import elide, is_rtl, line_height, text_width, wrap_text
from app.layout.geometry import Rect
from app.layout.kpis import kpi_block_height, kpi_lane_bars
from app.layout.model import (
    BlueprintLineBox,
    CardBox,
    CellBox,
    Column,
    EmotionLaneBox,
    KpiBarBox,
    LaneGroupBox,
    LaneHeaderBox,
    MapLayout,
    PhaseBox,
    Row,
    StageHeaderBox,
    TextLines,
)
from app.model.blueprint import blueprint_lines as model_blueprint_lines
from app.model.enums import LaneKind
from app.model.journey import Card, JourneyContent, Lane, Stage
from app.model.personas import persona_colors

CARD_TEXT_WIDTH = theme.CARD_WIDTH - 2 * theme.CARD_PADDING - theme.CARD_ACCENT_WIDTH
MARKED_KINDS = (LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES)


@dataclass
class Frame:
    """The parts of the layout that do not depend on cards: columns and headers."""

    width: float
    header_height: float
    lane_header_width: float
    columns: list[Column]
    phases: list[PhaseBox]
    stage_headers: list[StageHeaderBox]


@dataclass
class CellStack:
    """One cell's cards, laid out in card-local coordinates (each rect at 0, 0)."""

    card_ids: list[str]
    boxes: list[CardBox]
    offsets: list[float]  # each card's top, from the top of the row
    total: float  # the height the stack needs, padding included (0 when empty)


def compute_frame(content: JourneyContent) -> Frame:
    has_phases = any(stage.phase_id for stage in content.stages)
    has_groups = any(lane.group_id for lane in content.lanes)
    lane_header_width = theme.LANE_HEADER_WIDTH + (theme.LANE_GROUP_BAND_WIDTH if has_groups else 0.0)
    phase_height = theme.PHASE_BAND_HEIGHT if has_phases else 0.0

    width = lane_header_width + len(content.stages) * theme.STAGE_WIDTH
    columns = [
        Column(stage.id, lane_header_width + i * theme.STAGE_WIDTH, theme.STAGE_WIDTH)
        for i, stage in enumerate(content.stages)
    ]
    kpis_in_lane = has_kpi_lane(content)
    stage_texts = [_stage_texts(stage, not kpis_in_lane) for stage in content.stages]
    stage_header_height = max(
        [theme.STAGE_HEADER_MIN_HEIGHT] + [_stack_height(name, details) for name, details in stage_texts]
    )
    header_height = phase_height + stage_header_height

    stage_headers = []
    for i, (stage, column, (name, details)) in enumerate(zip(content.stages, columns, stage_texts, strict=True)):
        rect = Rect(column.x, phase_height, column.width, stage_header_height)
        fill = stage.color or theme.HEADER_FILL
        text_color = readable_text_color(fill, theme.HEADER_TEXT, theme.LANE_HEADER_TEXT)
        detail_color = theme.HEADER_DETAIL_TEXT if text_color == theme.HEADER_TEXT else theme.CARD_MUTED_TEXT
        top = rect.y + theme.HEADER_PADDING
        name_block = TextLines(name, rect.x + theme.HEADER_PADDING, top, theme.STAGE_FONT_SIZE, True, text_color)
        detail_block = None
        if details:
            detail_top = top + len(name) * line_height(theme.STAGE_FONT_SIZE) + 2
            detail_block = TextLines(details, rect.x + theme.HEADER_PADDING, detail_top,
                                     theme.STAGE_DETAIL_FONT_SIZE, False, detail_color)
        stage_headers.append(StageHeaderBox(stage.id, i, rect, name_block, detail_block, fill))

    phases = _phase_boxes(content, columns, phase_height) if has_phases else []
    return Frame(width, header_height, lane_header_width, columns, phases, stage_headers)


def plot_height(lane: Lane) -> float:
    """The room an emotions lane keeps above its cards for the curve."""
    return theme.EMOTION_PLOT_HEIGHT if lane.kind == LaneKind.EMOTIONS else 0.0


def has_kpi_lane(content: JourneyContent) -> bool:
    """With a KPI lane, KPIs are drawn there as bars instead of as lines in the stage headers."""
    return any(lane.kind == LaneKind.KPIS for lane in content.lanes)


def lane_top(content: JourneyContent, lane: Lane) -> float:
    """The room a lane keeps above its cards: the emotion curve's plot, or a KPI lane's bars
    (as many rows as the stage with the most KPIs has, so cards line up across the lane)."""
    if lane.kind == LaneKind.KPIS:
        return kpi_block_height(max((len(stage.kpis) for stage in content.stages), default=0))
    if lane.kind == LaneKind.EMOTIONS:
        legend, labels = emotion_rooms(content)
        return theme.EMOTION_PLOT_HEIGHT + legend + labels - label_line()
    return plot_height(lane)


def cell_stack(cards: list[Card], lane: Lane, top: float | None = None, max_lines: int = 0,
               colors: dict[str, str] | None = None, at: tuple[float, float] | None = None) -> CellStack:
    """`top`: the room above the cards (default `plot_height(lane)`; see `lane_top`); `max_lines`: cap each
    card's text at that many lines (0: no cap); `colors`: persona id -> colour, for the dots of cards tied to
    some personas; `at`: the (x, y) where the cell's first card column and the row's top are on the map, to get
    the boxes there (what `translate_card` of each card-local box gives) instead of in card-local coordinates."""
    heights = [_card_height(card, lane, max_lines) for card in cards]
    offsets, boxes = [], []
    y = (plot_height(lane) if top is None else top) + theme.CELL_PADDING
    for index, (card, height) in enumerate(zip(cards, heights, strict=True)):
        offsets.append(y)
        rect = Rect(0.0, 0.0, theme.CARD_WIDTH, height)
        boxes.append(_card_box(card, lane, index, rect, max_lines, colors) if at is None else
                     _card_box(card, lane, index, rect, max_lines, colors, at[0], at[1] + y))
        y += height + theme.CARD_GAP
    return CellStack([c.id for c in cards], boxes, offsets, _stack_total(heights))


def lane_name_lines(lane: Lane) -> tuple[str, ...]:
    return wrap_text(lane.name, theme.LANE_HEADER_WIDTH - 2 * theme.HEADER_PADDING - theme.CARD_ACCENT_WIDTH,
                     theme.LANE_FONT_SIZE, True, 4)


def row_height(lane: Lane, stacks: list[CellStack], top: float | None = None) -> float:
    header_need = 2 * theme.HEADER_PADDING + (len(lane_name_lines(lane)) + 1) * line_height(theme.LANE_FONT_SIZE)
    stack = max([0.0] + [s.total for s in stacks])
    top = plot_height(lane) if top is None else top
    bars_need = top + theme.CELL_PADDING if lane.kind == LaneKind.KPIS and top else 0.0
    return max(theme.EMPTY_LANE_HEIGHT, header_need, top + stack, bars_need)


def lane_header_box(lane: Lane, index: int, y: float, height: float, lane_header_width: float) -> LaneHeaderBox:
    header_x = lane_header_width - theme.LANE_HEADER_WIDTH
    rect = Rect(header_x, y, theme.LANE_HEADER_WIDTH, height)
    accent = lane_accent(lane)
    name_block = TextLines(lane_name_lines(lane), header_x + theme.HEADER_PADDING + theme.CARD_ACCENT_WIDTH,
                           y + theme.HEADER_PADDING, theme.LANE_FONT_SIZE, True, theme.LANE_HEADER_TEXT)
    return LaneHeaderBox(lane.id, index, rect, name_block, lane.kind, accent, theme.LANE_HEADER_FILL)


def lane_accent(lane: Lane) -> str:
    """A lane's own colour is a light card fill; its accent is that colour darkened."""
    return mix(lane.color, "#000000", 0.45) if lane.color else theme.LANE_KIND_ACCENT[lane.kind]


def cell_fill(stage_index: int, lane_index: int) -> str:
    return theme.CELL_ALT_FILL if (stage_index + lane_index) % 2 else theme.CELL_FILL


def cards_by_cell(content: JourneyContent) -> dict[tuple[str, str], list[Card]]:
    cells: dict[tuple[str, str], list[Card]] = {}
    for card in content.cards:
        cells.setdefault((card.stage_id, card.lane_id), []).append(card)
    return cells


def compute_layout(content: JourneyContent, max_card_lines: int = 0) -> MapLayout:
    """Place every element of the map, in absolute coordinates. Pure function of the content.

    `max_card_lines` caps each card's text (printed layouts: `theme.PRINT_CARD_MAX_LINES`); a capped
    card ends with an empty line kept for the mark that says where the rest went."""
    frame = compute_frame(content)
    by_cell = cards_by_cell(content)
    colors = persona_colors(content) if content.personas else None
    rows: list[Row] = []
    lane_headers: list[LaneHeaderBox] = []
    cells: dict[tuple[str, str], CellBox] = {}
    card_boxes: dict[str, CardBox] = {}
    cell_cards: dict[tuple[str, str], list[str]] = {}
    emotion_lanes: dict[str, EmotionLaneBox] = {}
    kpi_lanes: dict[str, tuple[KpiBarBox, ...]] = {}
    y = frame.header_height
    for lane_index, lane in enumerate(content.lanes):
        top = lane_top(content, lane)
        # Each stack's boxes are made where they go on the map (no card-local copy moved into place).
        stacks = [cell_stack(by_cell.get((stage.id, lane.id), []), lane, top, max_card_lines, colors,
                             (column.x + theme.CELL_PADDING, y))
                  for stage, column in zip(content.stages, frame.columns, strict=True)]
        height = row_height(lane, stacks, top)
        rows.append(Row(lane.id, y, height))
        lane_headers.append(lane_header_box(lane, lane_index, y, height, frame.lane_header_width))
        for stage_index, (stage, column, stack) in enumerate(zip(content.stages, frame.columns, stacks, strict=True)):
            cells[(stage.id, lane.id)] = CellBox(stage.id, lane.id, Rect(column.x, y, column.width, height),
                                                 cell_fill(stage_index, lane_index))
            for box in stack.boxes:
                card_boxes[box.card_id] = box
            cell_cards[(stage.id, lane.id)] = stack.card_ids
        if lane.kind == LaneKind.EMOTIONS:
            emotion_lanes[lane.id] = emotion_lane_box(content, lane, frame, y, height)
        elif lane.kind == LaneKind.KPIS:
            kpi_lanes[lane.id] = kpi_lane_box(content, lane, frame, y)
        y += height

    lane_groups = lane_group_boxes(content, rows) if any(lane.group_id for lane in content.lanes) else []
    return MapLayout(
        width=frame.width,
        height=y,
        header_height=frame.header_height,
        lane_header_width=frame.lane_header_width,
        columns=frame.columns,
        rows=rows,
        phases=frame.phases,
        stage_headers=frame.stage_headers,
        lane_groups=lane_groups,
        lane_headers=lane_headers,
        cells=cells,
        cards=card_boxes,
        emotion_lanes=emotion_lanes,
        cell_cards=cell_cards,
        kpi_lanes=kpi_lanes,
        blueprint_lines=blueprint_lines(content, rows, frame.lane_header_width, frame.width - frame.lane_header_width),
    )


def _moved(block: TextLines | None, dx: float, dy: float) -> TextLines | None:
    if block is None:
        return None
    return block._replace(x=block.x + dx, y=block.y + dy)


def translate_card(box: CardBox, dx: float, dy: float) -> CardBox:
    """A card box moved from card-local coordinates to its place on the map."""
    return box._replace(rect=box.rect.translated(dx, dy), text=_moved(box.text, dx, dy),
                        channel_label=_moved(box.channel_label, dx, dy))


def kpi_lane_box(content: JourneyContent, lane: Lane, frame: Frame, y: float) -> tuple[KpiBarBox, ...]:
    return kpi_lane_bars(content.stages, [column.x for column in frame.columns], lane.id, y)


def emotion_lane_box(content: JourneyContent, lane: Lane, frame: Frame, y: float, height: float,
                     main: str | None = None) -> EmotionLaneBox:
    """`main`: whose curve is the main (editable) one; the first persona's when None or not on the map."""
    row = Rect(frame.lane_header_width, y, frame.width - frame.lane_header_width, height)
    return emotion_lane_layout(content, lane, frame.columns, row, lane_top(content, lane), main)


# --- headers ----------------------------------------------------------------------------


def _stage_texts(stage: Stage, with_kpis: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
    width = theme.STAGE_WIDTH - 2 * theme.HEADER_PADDING
    name = wrap_text(stage.name, width, theme.STAGE_FONT_SIZE, True, 3)
    details: list[str] = []
    if stage.description.strip():
        details.extend(wrap_text(" ".join(stage.description.split()), width, theme.STAGE_DETAIL_FONT_SIZE, False,
                                 theme.STAGE_DESCRIPTION_MAX_LINES))
    for kpi in stage.kpis if with_kpis else ():
        details.append(elide(kpi_text(kpi), width, theme.STAGE_DETAIL_FONT_SIZE))
    return name, tuple(details)


def kpi_text(kpi) -> str:
    """"Checkout conversion: 61 % / 70 %" ("90-day churn: 7 % / ≤ 5 %" when lower is better): the same
    wording as the KPI lane's bars, for headers, the appendix and the Excel export."""
    from app.layout.kpis import kpi_label

    return f"{kpi.name}: {kpi_label(kpi)}"


def _stack_height(name: tuple[str, ...], details: tuple[str, ...]) -> float:
    height = 2 * theme.HEADER_PADDING + len(name) * line_height(theme.STAGE_FONT_SIZE)
    if details:
        height += 2 + len(details) * line_height(theme.STAGE_DETAIL_FONT_SIZE)
    return height


def runs(keys: list[str | None]) -> list[tuple[str, int, int]]:
    """(key, first, last) for each run of equal, non-empty adjacent keys: the stages of one phase
    band, the lanes of one lane group."""
    found: list[tuple[str, int, int]] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i < len(keys) and keys[i] == keys[start]:
            continue
        if keys[start] is not None:
            found.append((keys[start], start, i - 1))
        start = i
    return found


def _phase_boxes(content: JourneyContent, columns: list[Column], height: float) -> list[PhaseBox]:
    """One band per run of adjacent stages in the same phase."""
    boxes: list[PhaseBox] = []
    for phase_id, first, last in runs([stage.phase_id for stage in content.stages]):
        phase = content.phase(phase_id)
        x = columns[first].x
        rect = Rect(x, 0.0, columns[last].x + columns[last].width - x, height)
        fill = phase.color or theme.PHASE_FILL
        color = readable_text_color(fill, theme.PHASE_TEXT, theme.LANE_HEADER_TEXT)
        label = elide(phase.name, rect.width - 2 * theme.HEADER_PADDING, theme.PHASE_FONT_SIZE, True)
        top = rect.y + (height - line_height(theme.PHASE_FONT_SIZE)) / 2
        boxes.append(PhaseBox(phase.id, rect, TextLines((label,), rect.x, top, theme.PHASE_FONT_SIZE, True, color,
                                                         "center", rect.width), fill))
    return boxes


def lane_group_boxes(content: JourneyContent, rows: list[Row]) -> list[LaneGroupBox]:
    """One band per run of adjacent lanes in the same group."""
    groups = {group.id: group for group in content.lane_groups}
    boxes: list[LaneGroupBox] = []
    for group_id, first, last in runs([lane.group_id for lane in content.lanes]):
        group = groups[group_id]
        top, bottom = rows[first].y, rows[last].y + rows[last].height
        boxes.append(LaneGroupBox(group.id, Rect(0.0, top, theme.LANE_GROUP_BAND_WIDTH, bottom - top), group.name,
                                  group.color or theme.LANE_GROUP_FILL))
    return boxes


# --- cards ------------------------------------------------------------------------------


def _card_align(card: Card, lane: Lane) -> tuple[str, float]:
    """(align, width): a card that reads right to left is set flush right."""
    return ("right", _card_text_width(lane)) if is_rtl(card.text) else ("left", 0.0)


def _card_text_width(lane: Lane) -> float:
    return CARD_TEXT_WIDTH - (theme.CARD_ICON_SIZE + 2 if lane.kind in MARKED_KINDS else 0.0)


def card_lines(card: Card, lane: Lane, max_lines: int = 0) -> tuple[tuple[str, ...], bool]:
    """A card's wrapped lines and whether they were capped: a capped card keeps `max_lines - 1` lines
    (the last ending in an ellipsis) and an empty last line for the continuation mark."""
    width = _card_text_width(lane)
    lines = wrap_text(card.text, width, theme.CARD_FONT_SIZE)
    if not max_lines or len(lines) <= max_lines:
        return lines, False
    kept = wrap_text(card.text, width, theme.CARD_FONT_SIZE, False, max_lines - 1)
    return (*kept, ""), True


def _card_height(card: Card, lane: Lane, max_lines: int = 0) -> float:
    lines, _ = card_lines(card, lane, max_lines)
    height = 2 * theme.CARD_PADDING + len(lines) * line_height(theme.CARD_FONT_SIZE)
    if card.channel is not None:
        height += line_height(theme.CARD_SMALL_FONT_SIZE) + 2
    if card.evidence is not None or card.votes:
        height += line_height(theme.CARD_SMALL_FONT_SIZE) + 2
    return max(theme.CARD_MIN_HEIGHT, height)


def _stack_total(heights: list[float]) -> float:
    if not heights:
        return 0.0
    return 2 * theme.CELL_PADDING + sum(heights) + theme.CARD_GAP * (len(heights) - 1)


def _card_box(card: Card, lane: Lane, index: int, rect: Rect, max_lines: int = 0,
              colors: dict[str, str] | None = None, dx: float = 0.0, dy: float = 0.0) -> CardBox:
    """The card's box at `rect`, moved by (dx, dy): each coordinate is the card-local one plus the move, the same
    numbers `translate_card` gives."""
    fill = card.color or theme.lane_fill(lane.kind, lane.color)
    accent = theme.CHANNEL_COLOR[card.channel] if card.channel else lane_accent(lane)
    text_x = rect.x + theme.CARD_ACCENT_WIDTH + theme.CARD_PADDING
    top = rect.y + theme.CARD_PADDING
    channel_label = None
    if card.channel is not None:
        label_x = text_x + theme.CARD_ICON_SIZE + 4
        label_color = accent_on(fill, accent, readable_text_color(fill, theme.CARD_TEXT, "#ffffff"))
        channel_label = TextLines((elide(card.channel.label, CARD_TEXT_WIDTH - theme.CARD_ICON_SIZE - 4,
                                         theme.CARD_SMALL_FONT_SIZE, True),),
                                  label_x + dx, top + dy, theme.CARD_SMALL_FONT_SIZE, True, label_color)
        top += line_height(theme.CARD_SMALL_FONT_SIZE) + 2
    lines, cut = card_lines(card, lane, max_lines)
    text = TextLines(lines, text_x + dx, top + dy, theme.CARD_FONT_SIZE, False,
                     readable_text_color(fill, theme.CARD_TEXT, "#ffffff"), *_card_align(card, lane))
    return CardBox(
        card_id=card.id,
        stage_id=card.stage_id,
        lane_id=card.lane_id,
        index=index,
        rect=Rect(rect.x + dx, rect.y + dy, rect.width, rect.height) if dx or dy else rect,
        text=text,
        kind=lane.kind,
        fill=fill,
        accent=accent,
        channel=card.channel,
        channel_label=channel_label,
        has_note=bool(card.note.strip()),
        evidence=card.evidence.status if card.evidence else None,
        votes=card.votes,
        cut=cut,
        personas=tuple(colors[p] for p in card.personas if p in colors) if colors and card.personas else (),
    )


def blueprint_lines(content: JourneyContent, rows: list[Row], x: float, width: float) -> list[BlueprintLineBox]:
    """The lines of interaction, visibility and internal interaction: one at the top of each lane whose role
    follows (among the lanes with a role) the role it is separated from; lanes without a role are skipped."""
    lines: list[BlueprintLineBox] = []
    size = BLUEPRINT_LABEL_SIZE
    for index, name in model_blueprint_lines(content.lanes).items():
        row = rows[index]
        text_w = text_width(name, size, True)
        height = line_height(size)
        left = max(0.0, x - 4 - text_w - 8)
        pill = Rect(left, row.y - height / 2 - 1, text_w + 8, height + 2)
        label = TextLines((name,), left, pill.y + 1, size, True, theme.BLUEPRINT_LINE, "center", pill.width)
        lines.append(BlueprintLineBox(row.y, x, width, label, pill))
    return lines


BLUEPRINT_LABEL_SIZE = 8
