"""An emotions lane's layout: the plot, each persona's curve and faces, their labels stacked clear of the faces,
the personas' legend above the plot, the scale's grid lines."""

from __future__ import annotations

from app.layout import theme
from app.layout.fonts import elide, line_height, text_width
from app.layout.geometry import Rect
from app.layout.model import Column, EmotionLaneBox, EmotionPointBox, GridLine, LegendEntry, PersonaCurveBox, TextLines
from app.model.journey import JourneyContent, Lane
from app.model.personas import persona_colors, persona_label


def label_line() -> float:
    """The room one line of emotion labels takes under a face."""
    return line_height(theme.EMOTION_LABEL_FONT_SIZE) + 4


def emotion_rooms(content: JourneyContent) -> tuple[float, float]:
    """(legend, labels): the room an emotions lane keeps above its plot for the personas' legend (so a face at the
    scale's top never covers a name), and below it for the faces' labels: a line per curve, since the labels of
    one stage's points stack under the faces (a face at the scale's bottom with a label per persona stays in the
    lane). A function of the personas only: it changes when they do, which lays the map out again."""
    legend = line_height(theme.EMOTION_LABEL_FONT_SIZE) + 2 if shows_legend(content) else 0.0
    curves = max(1, len(content.personas))
    return legend, label_line() + (curves - 1) * line_height(theme.EMOTION_LABEL_FONT_SIZE)


def emotion_lane_layout(content: JourneyContent, lane: Lane, columns: list[Column], row: Rect,
                        plot_height: float, main: str | None = None) -> EmotionLaneBox:
    """The lane's curves: `main`'s (by default the first persona's) is the main (editable) one, the others are
    drawn behind it in their colours; with several personas (or a filtered map) a legend names them."""
    scale = content.emotion_scale
    legend_room, label_room = emotion_rooms(content)
    plot = Rect(row.x, row.y + theme.EMOTION_PLOT_PADDING + legend_room, row.width,
                plot_height - 2 * theme.EMOTION_PLOT_PADDING - legend_room - label_room)
    stage_x = {column.stage_id: column.x + column.width / 2 for column in columns}
    stage_order = {stage.id: i for i, stage in enumerate(content.stages)}
    box = EmotionLaneBox(lane.id, row, plot, scale.min, scale.max, (), (), ())
    if main is None or not any(p.id == main for p in content.personas):
        main = content.curve_owner(None)
    by_owner: dict[str | None, list] = {}
    for point in content.emotions:
        if point.lane_id == lane.id and point.stage_id in stage_x:
            by_owner.setdefault(content.curve_owner(point.persona_id), []).append(point)
    colors = persona_colors(content)
    owners = [main] + [persona.id for persona in content.personas if persona.id != main]
    faces: dict[str, list[tuple[float, float]]] = {}  # per stage, the vertical spans faces take
    for owner in owners:
        radius = theme.FACE_RADIUS if owner == main else theme.FACE_RADIUS * OTHER_FACE_SCALE
        for point in by_owner.get(owner, []):
            y = box.y_for(point.value)
            faces.setdefault(point.stage_id, []).append((y - radius - 3, y + radius + 3))

    def boxes(owner: str | None, ring: str | None) -> list[EmotionPointBox]:
        found = []
        for point in sorted(by_owner.get(owner, []), key=lambda p: stage_order[p.stage_id]):
            x, y = stage_x[point.stage_id], box.y_for(point.value)
            radius = theme.FACE_RADIUS if ring is None else theme.FACE_RADIUS * OTHER_FACE_SCALE
            label = None
            if point.label:
                top = _free_label_top(faces.setdefault(point.stage_id, []), y + radius + 3)
                left = max(x - theme.STAGE_WIDTH / 2, row.x + SCALE_VALUE_ROOM)  # clear of the scale's values
                width = x + theme.STAGE_WIDTH / 2 - left
                text = elide(point.label, width - 8, theme.EMOTION_LABEL_FONT_SIZE)
                label = TextLines((text,), left, top, theme.EMOTION_LABEL_FONT_SIZE, False,
                                  ring or theme.EMOTION_LABEL_TEXT, "center", width)
            found.append(EmotionPointBox(point.stage_id, lane.id, point.value, scale.normalized(point.value), x, y,
                                         label, owner, ring))
        return found

    points = boxes(main, None)
    others = tuple(
        PersonaCurveBox(persona.id, colors[persona.id], tuple(other), smooth_curve([(p.x, p.y) for p in other]))
        for persona in content.personas if persona.id != main and (other := boxes(persona.id, colors[persona.id]))
    )
    grid = tuple(GridLine(value, box.y_for(value), value == 0) for value in grid_values(scale.min, scale.max))
    return EmotionLaneBox(lane.id, row, plot, scale.min, scale.max, tuple(points),
                          smooth_curve([(p.x, p.y) for p in points]), grid,
                          colors.get(main, theme.EMOTION_CURVE) if main else theme.EMOTION_CURVE, others,
                          _legend(content, row, colors))


OTHER_FACE_SCALE = 0.75
"""Faces on the other personas' curves are smaller, ringed in the persona's colour."""
SCALE_VALUE_ROOM = 20.0
"""The room the scale's values ("-2") take at the left of an emotions lane: the first stage's labels start after it."""


def _free_label_top(taken: list[tuple[float, float]], wanted: float) -> float:
    """The first top at or below `wanted` where a label line overlaps no face or label already in the stage
    (the spans in `taken`); the label's own span is added to them."""
    height = line_height(theme.EMOTION_LABEL_FONT_SIZE)
    top = wanted
    moved = True
    while moved:
        moved = False
        for start, end in taken:
            if top < end and top + height > start:
                top, moved = end, True
    taken.append((top, top + height))
    return top


def shows_legend(content: JourneyContent) -> bool:
    """A legend when there are several personas, or one picked out by the filter (its points name it)."""
    return len(content.personas) > 1 or (
        len(content.personas) == 1 and any(p.persona_id is not None for p in content.emotions))


def _legend(content: JourneyContent, row: Rect, colors: dict[str, str]) -> tuple[LegendEntry, ...]:
    """The personas' names with their colours, in a line at the top of the lane, after the scale's values."""
    if not shows_legend(content):
        return ()
    entries = []
    x = row.x + LEGEND_INDENT
    size = theme.EMOTION_LABEL_FONT_SIZE
    top = row.y + (theme.EMOTION_PLOT_PADDING - line_height(size)) / 2
    for index, persona in enumerate(content.personas):
        name = persona_label(persona, index)
        entries.append(LegendEntry(persona.id, colors[persona.id], x, top + line_height(size) / 2,
                                   TextLines((name,), x + LEGEND_STROKE + 4, top, size, True, colors[persona.id])))
        x += LEGEND_STROKE + 4 + text_width(name, size, True) + 14
    return tuple(entries)


LEGEND_INDENT = 28.0  # past the scale's values at the lane's left edge
LEGEND_STROKE = 16.0


def grid_values(low: float, high: float) -> list[float]:
    """Whole steps for small scales (-2..2, 1..5, 0..10); five even steps otherwise."""
    span = high - low
    if span <= 10 and float(low).is_integer() and float(high).is_integer():
        return [float(v) for v in range(int(low), int(high) + 1)]
    return [low + span * i / 4 for i in range(5)]


def smooth_curve(points: list[tuple[float, float]]) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Cubic Bezier segments (p0, c1, c2, p1) through the points (Catmull-Rom, tension 1/6).

    Control points are clamped to the segment's vertical range so the curve never
    overshoots a face above the scale's top or below its bottom.
    """
    segments = []
    for i in range(len(points) - 1):
        p0 = points[i - 1] if i > 0 else points[i]
        p1, p2 = points[i], points[i + 1]
        p3 = points[i + 2] if i + 2 < len(points) else p2
        low, high = min(p1[1], p2[1]), max(p1[1], p2[1])
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, min(high, max(low, p1[1] + (p2[1] - p0[1]) / 6)))
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, min(high, max(low, p2[1] - (p3[1] - p1[1]) / 6)))
        segments.append((p1, c1, c2, p2))
    return tuple(segments)
