"""The whole map as native shapes, drawn from the layout engine's boxes scaled onto the slide.

Cards are rounded rectangles holding their full, editable text (never pictures); headers, lanes,
the emotion curve (faces joined by lines) and KPI bars are shapes too. A map too wide to keep its
smallest text at `MIN_TEXT_SIZE` points is shown over several overview slides, a run of stages each.
"""

from __future__ import annotations

import math

from app.io.pptx.deck import MARGIN, Deck
from app.io.pptx.frames import WIDTH_SLACK, Frame, Para, Run, para, text_paras
from app.layout import theme
from app.layout.fonts import elide, line_height, text_width
from app.layout.geometry import Rect
from app.layout.model import MapLayout, TextLines

MIN_TEXT_SIZE = 1.0
SMALLEST_LAYOUT_SIZE = min(theme.CARD_SMALL_FONT_SIZE, theme.STAGE_DETAIL_FONT_SIZE, theme.EMOTION_LABEL_FONT_SIZE)


def overview_slides(deck: Deck, layout: MapLayout, cards_text: dict[str, str]) -> None:
    """Add the overview slide(s); `cards_text` maps card id -> its full text."""
    top = deck.body_top("Overview")
    room_w = deck.content_width
    grid_w = sum(column.width for column in layout.columns)
    min_scale = MIN_TEXT_SIZE / SMALLEST_LAYOUT_SIZE
    parts = 1
    if layout.columns:
        parts = max(1, math.ceil(grid_w / max(1.0, room_w / min_scale - layout.lane_header_width)))
    parts = min(parts, len(layout.columns) or 1)
    per_part = math.ceil(len(layout.columns) / parts) if layout.columns else 0
    for part in range(parts):
        columns = layout.columns[part * per_part:(part + 1) * per_part]
        heading = "Overview" + (f" ({part + 1} of {parts}: stages {part * per_part + 1}-"
                                f"{part * per_part + len(columns)})" if parts > 1 else "")
        painter = _OverviewPainter(None, layout, columns, cards_text, top, room_w, deck.body_bottom - top)
        subheading = "Some texts are too small to print here: every card is on its stage slide" \
            if painter.clamped else ""
        painter.slide, painter.top = deck.slide(heading, subheading)
        painter.paint()
        notes = []
        shortened = shortened_texts(layout, {column.stage_id for column in columns})
        if shortened:
            notes.append("Shortened on this overview (…), given in full on the stage and KPI slides: "
                         + "; ".join(shortened) + ".")
        if painter.left_out:
            notes.append(f"{painter.left_out} texts were too small to print on this overview (the map is too large "
                         "for one slide); every card is on its stage slide.")
        Deck.notes(painter.slide, notes)


def shortened_texts(layout: MapLayout, stage_ids: set[str]) -> list[str]:
    """What the layout cut with an ellipsis to fit the map (long stage names, descriptions, KPI names)."""
    out = []
    number = {column.stage_id: index + 1 for index, column in enumerate(layout.columns)}
    for header in layout.stage_headers:
        if header.stage_id not in stage_ids:
            continue
        if header.name.lines and header.name.lines[-1].endswith("…"):
            out.append(f"the name of stage {header.index + 1}")
        if header.details is not None and header.details.lines and header.details.lines[-1].endswith("…"):
            out.append(f"the description of stage {header.index + 1}")
    for bars in layout.kpi_lanes.values():
        out += [f"a KPI name of stage {number[bar.stage_id]}" for bar in bars
                if bar.stage_id in stage_ids and bar.name.lines and bar.name.lines[0].endswith("…")]
    return out


class _OverviewPainter:
    def __init__(self, slide, layout: MapLayout, columns, cards_text: dict[str, str], top: float,
                 room_w: float, room_h: float) -> None:
        self.slide, self.layout, self.cards_text = slide, layout, cards_text
        self.stage_ids = {column.stage_id for column in columns}
        first = columns[0].x if columns else layout.lane_header_width
        last = columns[-1].x + columns[-1].width if columns else layout.lane_header_width
        self.x0, self.x1 = first, last
        width = layout.lane_header_width + (last - first)
        self.scale = min(room_w / max(1.0, width), room_h / max(1.0, layout.height))
        self.left = MARGIN + (room_w - width * self.scale) / 2
        self.top = top
        self.clamped = self.scale * SMALLEST_LAYOUT_SIZE < MIN_TEXT_SIZE  # some text would be under 1 pt
        self.left_out = 0  # texts that did not fit their box at 1 pt (only when clamped)

    # map coordinates -> slide points: the lane header column stays, the chosen stages follow it
    def x(self, x: float) -> float:
        shifted = x if x < self.layout.lane_header_width else x - self.x0 + self.layout.lane_header_width
        return self.left + shifted * self.scale

    def y(self, y: float) -> float:
        return self.top + y * self.scale

    def rect(self, rect: Rect, frame: Frame | None = None, **kwargs) -> None:
        width, height = rect.width * self.scale, rect.height * self.scale
        along, across = (height, width) if frame is not None and frame.upright else (width, height)
        if frame is not None and self.clamped and frame.paras and frame.height(along) > across + 0.01:
            frame = None  # text at the 1-point floor would overflow its box: named in the notes instead
            self.left_out += 1
        self.slide.box(self.x(rect.x), self.y(rect.y), width, height, frame, **kwargs)

    def lines_frame(self, block: TextLines | None, rect: Rect, *extra: TextLines | None) -> Frame:
        """Text placed where the layout put it: insets from the box's corner to the first line."""
        s = self.scale
        frame = Frame(insets=(0.0, 0.0, 0.0, 0.0))
        if block is None:
            return frame
        frame.insets = (max(0.0, block.x - rect.x) * s, max(0.0, block.y - rect.y) * s, 1.0 * s, 0.0)
        for lines in (block, *extra):
            if lines is not None:
                for line in lines.lines:
                    frame.paras.append(para(line, self.size(lines.size), bold=lines.bold, color=lines.color,
                                            align=lines.align))
        return frame

    def size(self, size: float) -> float:
        return max(MIN_TEXT_SIZE, math.floor(size * self.scale * 100) / 100)

    def paint(self) -> None:
        layout = self.layout
        for phase in layout.phases:
            if self._in_chunk(phase.rect):
                rect = self._clip(phase.rect)
                self.rect(rect, self.lines_frame(phase.label, phase.rect), fill=phase.fill, name="Phase")
        for header in layout.stage_headers:
            if header.stage_id in self.stage_ids:
                self.rect(header.rect, self.lines_frame(header.name, header.rect, header.details), fill=header.fill,
                          name="Stage")
        for group in layout.lane_groups:  # the name upright in the band, as on the canvas
            size = self.size(theme.PHASE_FONT_SIZE)
            room = (group.rect.height - 2 * theme.HEADER_PADDING) * self.scale * WIDTH_SLACK
            label = elide(group.name, room, size, True)
            frame = Frame([para(label, size, bold=True, color=theme.LANE_HEADER_TEXT, align="center")],
                          insets=(0.0, 0.0, 0.0, 0.0), upright=True)
            self.rect(group.rect, frame, fill=group.fill, name=f"Lane group: {group.name}"[:200], anchor="middle")
        for index, row in enumerate(layout.rows):
            fill = theme.CELL_FILL if index % 2 == 0 else theme.CELL_ALT_FILL
            self.rect(Rect(self.x0, row.y, self.x1 - self.x0, row.height), fill=fill, line=theme.GRID_LINE,
                      name="Lane row")
        for header in layout.lane_headers:
            self.rect(header.rect, self.lines_frame(header.name, header.rect), fill=header.fill, name="Lane")
            self.rect(Rect(header.rect.x, header.rect.y, theme.CARD_ACCENT_WIDTH, header.rect.height),
                      fill=header.accent, name="Lane colour")
        for card in layout.cards.values():
            if card.stage_id in self.stage_ids:
                self._card(card)
        for lane in layout.emotion_lanes.values():
            self._emotions(lane)
        for bars in layout.kpi_lanes.values():
            for bar in bars:
                if bar.stage_id in self.stage_ids:
                    self._kpi(bar)

    def _card(self, card) -> None:
        s = self.scale
        frame = Frame(insets=((theme.CARD_ACCENT_WIDTH + theme.CARD_PADDING) * s, theme.CARD_PADDING * s, 0.0, 0.0))
        if card.channel_label is not None:
            label = card.channel_label
            frame.paras.append(Para((Run(label.lines[0], label.color, True),), self.size(label.size), True,
                                    label.color, space_after=2 * s))
        frame.paras += text_paras(self.cards_text[card.card_id], self.size(card.text.size), color=card.text.color)
        self.rect(card.rect, frame, fill=card.fill, rounded=True, name="Card")
        self.rect(Rect(card.rect.x, card.rect.y, theme.CARD_ACCENT_WIDTH, card.rect.height), fill=card.accent,
                  name="Card colour")
        r = card.rect
        for index, color in enumerate(reversed(card.personas)):  # a dot per persona the card is tied to
            x, y = r.right - 8 - index * 9, r.bottom - 7
            if self.x0 <= x < self.x1:
                self.slide.box(self.x(x - 3.5), self.y(y - 3.5), 7 * self.scale, 7 * self.scale, fill=color,
                               line="#ffffff", geometry="ellipse", line_width=max(0.25, 0.8 * self.scale),
                               name="Persona")

    def _emotions(self, lane) -> None:
        """The other personas' curves (thinner, in their colours) behind the main one, then the main curve in
        its persona's colour, the faces, and the legend naming the personas."""
        for other in lane.others:
            self._curve(other.points, other.color, 1.4, ring=other.color)
        self._curve(lane.points, lane.color, 2.0)
        for entry in lane.legend:
            if self.x0 <= entry.x < self.x1:
                y = self.y(entry.y)
                self.slide.line(self.x(entry.x), y, self.x(entry.x + 16.0), y, entry.color,
                                max(0.75, 2.0 * self.scale), name="Legend")
                self._text(entry.label, "Legend")

    def _curve(self, all_points, color: str, width: float, ring: str | None = None) -> None:
        points = [p for p in all_points if p.stage_id in self.stage_ids]
        for before, after in zip(points, points[1:], strict=False):
            self.slide.line(self.x(before.x), self.y(before.y), self.x(after.x), self.y(after.y), color,
                            max(0.5, width * self.scale), name="Emotion curve")
        radius = theme.FACE_RADIUS * self.scale * (0.75 if ring else 1.0)
        for point in points:
            self.slide.box(self.x(point.x) - radius, self.y(point.y) - radius, 2 * radius, 2 * radius,
                           fill=theme.face_color(point.normalized), line=ring or theme.FACE_STROKE, geometry="ellipse",
                           line_width=max(0.25, self.scale * (1.5 if ring else 1.0)), name="Emotion")
            if point.label is not None:
                self._text(point.label, "Emotion label")

    def _kpi(self, bar) -> None:
        self.rect(bar.track, fill=theme.KPI_TRACK, name="KPI track")
        if bar.value_x is not None and bar.value_x > bar.track.x:
            self.rect(Rect(bar.track.x, bar.track.y, bar.value_x - bar.track.x, bar.track.height), fill=bar.color,
                      name="KPI value")
        self._text(bar.name, "KPI")
        self._text(bar.label, "KPI")

    def _text(self, block: TextLines, name: str) -> None:
        """A free-standing text the layout placed (an emotion's label, a KPI's numbers) in a box of its size."""
        width = block.width or max(text_width(line, block.size, block.bold) for line in block.lines) + 2.0
        box = Rect(block.x, block.y, width, len(block.lines) * line_height(block.size) + 1.0)
        self.rect(box, self.lines_frame(block, box), name=name)

    def _in_chunk(self, rect: Rect) -> bool:
        return rect.right > self.x0 and rect.x < self.x1

    def _clip(self, rect: Rect) -> Rect:
        left, right = max(rect.x, self.x0), min(rect.right, self.x1)
        return Rect(left, rect.y, right - left, rect.height)
