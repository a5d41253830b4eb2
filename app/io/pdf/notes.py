"""The PDF's notes pages: the full text of everything the printed map shortens.

A card longer than `theme.PRINT_CARD_MAX_LINES` lines stops with a mark ("→ note 3, page 4"); a lane
name, stage name, phase, description, KPI or emotion label cut with an ellipsis gets the note's number
("Frustrated by th… [3]"). Each note repeats the text in full, with where it sits on the map, so no
word is lost without a trace. Pure layout: no reportlab.
"""

from __future__ import annotations

from dataclasses import replace

from app.io.pdf.extras import MUTED, Flow
from app.io.pdf.pages import PdfOptions
from app.layout import theme
from app.layout.fonts import text_width
from app.layout.model import MapLayout, TextLines
from app.layout.shapes import Shape

NOTE_SIZE = 10.0


def notes_pages(cuts: list, options: PdfOptions, map_page: int = 0) -> tuple[list[list[Shape]], list[int]]:
    """The notes pages for `cuts` (app.check.CutText) and, per note, the index of the notes page it starts on."""
    flow = Flow(options)
    flow.para("Notes: text continued from the map", 16, True)
    where = f" (page {map_page})" if map_page else ""
    flow.para(f"Text that does not fit its place on the map{where} is given here in full; the map marks it "
              "with the note's number.", 9.5, False, MUTED)
    starts: list[int] = []
    for number, cut in enumerate(cuts, start=1):
        flow.space(7)
        flow.para(f"{number}. {cut.what.capitalize()} \u2014 {cut.where}", NOTE_SIZE, True, keep=14)
        starts.append(len(flow.pages) - 1)
        for paragraph in cut.text.strip().splitlines() or [""]:
            flow.para(paragraph, NOTE_SIZE, indent=14)
    return flow.pages, starts


def mark_layout(layout: MapLayout, cuts: list, pages: list[int]) -> MapLayout:
    """The layout with every shortened text pointing at its note: `pages[i]` is note i+1's page number."""
    cards = dict(layout.cards)
    lane_headers = list(layout.lane_headers)
    stage_headers = list(layout.stage_headers)
    phases = list(layout.phases)
    emotion_lanes = dict(layout.emotion_lanes)
    lane_groups = list(layout.lane_groups)
    for number, (cut, page) in enumerate(zip(cuts, pages, strict=True), start=1):
        kind, *key = cut.target
        tag = f"[{number}]"
        if kind == "card" and key[0] in cards:
            box = cards[key[0]]
            text = box.text
            mark = f"\u2192 note {number}, page {page}"
            cards[key[0]] = box._replace(text=text._replace(lines=(*text.lines[:-1], mark)))
        elif kind == "lane":
            for i, header in enumerate(lane_headers):
                if header.lane_id == key[0]:
                    width = theme.LANE_HEADER_WIDTH - 2 * theme.HEADER_PADDING - theme.CARD_ACCENT_WIDTH
                    lane_headers[i] = header._replace(name=tag_block(header.name, tag, width))
        elif kind == "stage":
            for i, header in enumerate(stage_headers):
                if header.stage_id == key[0]:
                    stage_headers[i] = header._replace(name=tag_block(header.name, tag,
                                                                    theme.STAGE_WIDTH - 2 * theme.HEADER_PADDING))
        elif kind == "description":
            for i, header in enumerate(stage_headers):
                if header.stage_id == key[0] and header.details is not None:
                    stage_headers[i] = header._replace(details=tag_block(header.details, tag,
                                                                       theme.STAGE_WIDTH - 2 * theme.HEADER_PADDING,
                                                                       _last_description_line(header, cut)))
        elif kind == "phase":
            for i, box in enumerate(phases):
                if box.phase_id == key[0]:
                    phases[i] = box._replace(label=tag_block(box.label, tag, box.rect.width - 2 * theme.HEADER_PADDING))
        elif kind == "group":
            for i, box in enumerate(lane_groups):
                if box.group_id == key[0]:
                    label = TextLines((box.name,), 0.0, 0.0, theme.PHASE_FONT_SIZE, True, "")
                    tagged = tag_block(label, tag, box.rect.height - 2 * theme.HEADER_PADDING)
                    lane_groups[i] = box._replace(name=tagged.lines[0])
        elif kind == "emotion":
            lane_id, stage_id = key
            lane = emotion_lanes.get(lane_id)
            if lane is None:
                continue
            points = tuple(p._replace(label=tag_block(p.label, tag, theme.STAGE_WIDTH - 8))
                           if p.stage_id == stage_id and p.label is not None else p for p in lane.points)
            emotion_lanes[lane_id] = lane._replace(points=points)
    return replace(layout, cards=cards, lane_headers=lane_headers, stage_headers=stage_headers, phases=phases,
                   emotion_lanes=emotion_lanes, lane_groups=lane_groups)


def _last_description_line(header, cut) -> int:
    """The index of the description's last line among the header's detail lines (KPI lines follow it)."""
    lines = header.details.lines
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].endswith("\u2026"):
            return i
    return len(lines) - 1


def tag_block(block: TextLines, tag: str, width: float, line: int = -1) -> TextLines:
    """The block with line `line` (default: the last) ending in "… [n]" within `width`."""
    lines = list(block.lines)
    if not lines:
        return block
    index = line if line >= 0 else len(lines) - 1
    text = lines[index].rstrip()
    if text.endswith("\u2026"):
        text = text[:-1]
    suffix = f"\u2026 {tag}"
    while text and text_width(text.rstrip() + suffix, block.size, block.bold) > width:
        text = text[:-1]
    lines[index] = text.rstrip() + suffix
    return block._replace(lines=tuple(lines))
