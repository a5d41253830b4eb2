"""The whole map as native shapes, drawn from the layout engine's boxes scaled onto the slide.

Cards are rounded rectangles holding their full, editable text (never pictures); headers, lanes,
the emotion curve (faces joined by lines) and KPI bars are shapes too. A map too wide to keep its
smallest text at `MIN_TEXT_SIZE` points is shown over several overview slides, a run of stages each.
"""

from __future__ import annotations

import math

from app.check import is_cut
from app.io.pptx.deck import MARGIN, Deck
from app.io.pptx.frames import Frame, Para, Run, para, text_paras
from app.io.pptx.overview_text import LEAST_SIZE, Block, OverviewTexts, one_line_width
from app.layout import theme
from app.layout.engine import has_kpi_lane, kpi_text
from app.layout.fonts import line_height, text_width
from app.layout.geometry import Rect
from app.layout.kpis import kpi_label
from app.layout.model import MapLayout, TextLines
from app.model.journey import JourneyContent

MIN_TEXT_SIZE = 1.0
SMALLEST_LAYOUT_SIZE = LEAST_SIZE  # the smallest text the overview sets (layout points)


def overview_slides(deck: Deck, content: JourneyContent, layout: MapLayout) -> None:
    """Add the overview slide(s) of `content`, drawn from its `layout`."""
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
        top = deck.body_top(heading)
        painter = _OverviewPainter(_NoSlide(), content, layout, columns, top, room_w, deck.body_bottom - top)
        painter.paint(texts_only=True)  # which texts this slide cuts, to say so under its heading
        subheading = "  ·  ".join(
            ([SMALL_TEXT] if painter.clamped else []) + ([MARKED_TEXT] if painter.texts.notes else []))
        top = deck.body_top(heading, subheading)
        painter = _OverviewPainter(None, content, layout, columns, top, room_w, deck.body_bottom - top)
        painter.slide, painter.top = deck.slide(heading, subheading)
        painter.paint()
        notes = []
        if painter.texts.notes:
            notes.append("Shortened on this overview, each marked with its number there; in full:")
            notes += painter.texts.notes
        if painter.left_out:
            notes.append(f"{painter.left_out} texts were too small to print on this overview (the map is too large "
                         "for one slide); every card is on its stage slide.")
        Deck.notes(painter.slide, notes)


SMALL_TEXT = "Some texts are too small to print here: every card is on its stage slide"
MARKED_TEXT = "A name cut short ends in its note number, as [1]: the speaker notes give it in full"


class _NoSlide:
    """Stands for the slide while the painter only finds out which texts it must cut."""

    def box(self, *args, **kwargs) -> None:
        pass

    def line(self, *args, **kwargs) -> None:
        pass


class _OverviewPainter:
    def __init__(self, slide, content: JourneyContent, layout: MapLayout, columns, top: float, room_w: float,
                 room_h: float) -> None:
        self.slide, self.content, self.layout = slide, content, layout
        self.cards_text = {card.id: card.text for card in content.cards}
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
        self.texts = OverviewTexts(self.scale, self.size)  # names set whole, or cut with "… [n]" and noted
        self.stages = {stage.id: stage for stage in content.stages}
        self.lanes = {lane.id: lane for lane in content.lanes}
        self.stage_number = {column.stage_id: index + 1 for index, column in enumerate(layout.columns)}
        self.kpis_in_lane = has_kpi_lane(content)  # then KPIs are bars in that lane, not lines in the headers

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

    def paint(self, texts_only: bool = False) -> None:
        """Draw the slide (`texts_only`: only the texts that may be cut, to learn which are)."""
        layout = self.layout
        for phase in layout.phases:
            if self._in_chunk(phase.rect):
                self._phase(phase)
        for header in layout.stage_headers:
            if header.stage_id in self.stage_ids:
                self._stage(header)
        for group in layout.lane_groups:  # the name upright in the band, as on the canvas
            self._group(group)
        for index, row in enumerate(layout.rows):
            fill = theme.CELL_FILL if index % 2 == 0 else theme.CELL_ALT_FILL
            self.rect(Rect(self.x0, row.y, self.x1 - self.x0, row.height), fill=fill, line=theme.GRID_LINE,
                      name="Lane row")
        for header in layout.lane_headers:
            self._lane(header)
            self.rect(Rect(header.rect.x, header.rect.y, theme.CARD_ACCENT_WIDTH, header.rect.height),
                      fill=header.accent, name="Lane colour")
        for card in () if texts_only else layout.cards.values():  # a card is whole at any size: never cut
            if card.stage_id in self.stage_ids:
                self._card(card)
        for lane in layout.emotion_lanes.values():
            self._emotions(lane)
        for bars in layout.kpi_lanes.values():
            for bar in bars:
                if bar.stage_id in self.stage_ids:
                    self._kpi(bar)

    def _phase(self, phase) -> None:
        """A phase's name whole in its band (or the part of it this slide shows), wrapped and set smaller."""
        rect, pad = self._clip(phase.rect), theme.HEADER_PADDING
        block = Block(self.content.phase(phase.phase_id).name, phase.label.size, True, phase.label.color, "center")
        insets = (pad, 0.0, pad, 0.0)
        frame = self.texts.whole([block], rect.width, rect.height, insets)
        if frame is None:
            stages = [i + 1 for i, column in enumerate(self.layout.columns)
                      if phase.rect.x <= column.x < phase.rect.right]
            where = f"stage {stages[0]}" if len(stages) == 1 else f"stages {stages[0]}-{stages[-1]}"
            frame = self._cut_frame(block, rect.width, rect.height, insets, f"the name of the phase over {where}")
        self.rect(rect, frame, fill=phase.fill, name="Phase", anchor="middle")

    def _stage(self, header) -> None:
        """A stage's header: as laid out, or with what the layout cut set whole or marked "… [n]"."""
        stage = self.stages[header.stage_id]
        kpis = [] if self.kpis_in_lane else stage.kpis
        details = header.details
        lines = details.lines if details is not None else ()
        described = len(lines) - len(kpis)  # the description's lines come first, then one line per KPI
        description = " ".join(stage.description.split())
        description_cut = bool(description) and is_cut(lines[:described], description)
        kpi_cut = [is_cut((line,), kpi_text(kpi)) for kpi, line in zip(kpis, lines[described:], strict=False)]
        name_cut = is_cut(header.name.lines, stage.name)
        if not (name_cut or description_cut or any(kpi_cut)):
            self.rect(header.rect, self.lines_frame(header.name, header.rect, details), fill=header.fill, name="Stage")
            return
        rect, pad, number = header.rect, theme.HEADER_PADDING, header.index + 1
        insets = (pad, pad, pad, pad)
        name = Block(stage.name, header.name.size, True, header.name.color)
        whole = [name] + [Block(text, details.size, False, details.color)
                          for text in ([description] if description else []) + [kpi_text(kpi) for kpi in kpis]]
        frame = self.texts.whole(whole, rect.width, rect.height, insets)
        if frame is None:  # the name whole (or as much as the header holds) above the details as laid out
            room = rect.height - (2 + len(lines) * line_height(details.size) if details is not None else 0.0)
            frame = self.texts.whole([name], rect.width, room, insets) or self._cut_frame(
                name, rect.width, room, insets, f"the name of stage {number}")
            if details is not None:
                width = rect.width - 2 * pad
                if description_cut:
                    details = self.texts.tagged(details, width, f"the description of stage {number}", description,
                                                described - 1)
                for index, (kpi, cut) in enumerate(zip(kpis, kpi_cut, strict=False)):
                    if cut:
                        details = self.texts.tagged(details, width, f"a KPI of stage {number}", kpi_text(kpi),
                                                    described + index)
                frame.paras += [para(line, self.size(details.size), color=details.color) for line in details.lines]
        self.rect(rect, frame, fill=header.fill, name="Stage")

    def _group(self, group) -> None:
        """A lane group's name upright in its band, whole: on more lines and smaller where it is long."""
        pad, rect = theme.HEADER_PADDING, group.rect
        block = Block(group.name, theme.PHASE_FONT_SIZE, True, theme.LANE_HEADER_TEXT, "center")
        frame = self.texts.whole([block], rect.height - 2 * pad, rect.width, (0.0, 0.0, 0.0, 0.0), upright=True)
        if frame is None:
            lanes = [h.index + 1 for h in self.layout.lane_headers if rect.y <= h.rect.y < rect.bottom]
            where = f"lane {lanes[0]}" if len(lanes) == 1 else f"lanes {lanes[0]}-{lanes[-1]}"
            frame = self._cut_frame(block, rect.height - 2 * pad, rect.width, (0.0, 0.0, 0.0, 0.0),
                                    f"the name of the lane group beside {where}")
            frame.upright = True
        self.rect(rect, frame, fill=group.fill, name=f"Lane group: {group.name}"[:200], anchor="middle")

    def _lane(self, header) -> None:
        """A lane's name: as laid out, or whole (on more lines of its header, smaller) where the layout cut it."""
        lane = self.lanes[header.lane_id]
        if not is_cut(header.name.lines, lane.name):
            self.rect(header.rect, self.lines_frame(header.name, header.rect), fill=header.fill, name="Lane")
            return
        rect, pad = header.rect, theme.HEADER_PADDING
        insets = (pad + theme.CARD_ACCENT_WIDTH, pad, pad, pad)
        block = Block(lane.name, header.name.size, True, header.name.color)
        frame = self.texts.whole([block], rect.width, rect.height, insets) or self._cut_frame(
            block, rect.width, rect.height, insets, f"the name of lane {header.index + 1}")
        self.rect(rect, frame, fill=header.fill, name="Lane")

    def _cut_frame(self, block: Block, along: float, across: float, insets: tuple[float, float, float, float],
                   what: str) -> Frame:
        """As much of `block` as the box holds, ending in "… [n]" (`along`, `across`, `insets`: as for `whole`)."""
        inner, room = along - insets[0] - insets[2], across - insets[1] - insets[3]
        return Frame(self.texts.cut(block, inner, room, what), tuple(inset * self.scale for inset in insets))

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
                label, emotion = point.label, self.content.emotion(point.lane_id, point.stage_id, point.persona_id)
                if emotion is not None and emotion.label and is_cut(label.lines, emotion.label):
                    lane = self.lanes[point.lane_id].name
                    where = f"the emotion label of stage {self.stage_number[point.stage_id]} in the lane {lane}"
                    label = self.texts.tagged(label, one_line_width(label, label.width - 8), where, emotion.label)
                self._text(label, "Emotion label")

    def _kpi(self, bar) -> None:
        self.rect(bar.track, fill=theme.KPI_TRACK, name="KPI track")
        if bar.value_x is not None and bar.value_x > bar.track.x:
            self.rect(Rect(bar.track.x, bar.track.y, bar.value_x - bar.track.x, bar.track.height), fill=bar.color,
                      name="KPI value")
        name, label = bar.name, bar.label
        kpi = next(k for k in self.stages[bar.stage_id].kpis if k.id == bar.kpi_id)
        if is_cut(name.lines, kpi.name) or is_cut(label.lines, kpi_label(kpi)):  # one line each, over the bar
            where = f"a KPI of stage {self.stage_number[bar.stage_id]}"
            if is_cut(name.lines, kpi.name):
                name = self.texts.tagged(name, one_line_width(name, 0.0), where, kpi_text(kpi))
            else:
                label = self.texts.tagged(label, one_line_width(label, 0.0), where, kpi_text(kpi))
        self._text(name, "KPI")
        self._text(label, "KPI")

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
