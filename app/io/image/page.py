"""The map framed like a page for PNG and SVG: a margin, the title above, the legend below.

Pure shapes (no Qt): the image exporters paint them with the canvas's painter.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.layout import theme
from app.layout.fonts import elide, line_height, text_width, wrap_text
from app.layout.legend import legend_items, legend_shapes
from app.layout.model import MapLayout, TextLines
from app.layout.painting import map_picture
from app.layout.shapes import Shape, TextShape
from app.model.journey import JourneyContent

MARGIN = 28.0
TITLE_SIZE = 18.0
TITLE_ROOM = 34.0  # from the title's top to the map
FOOTER_SIZE = 9.0  # the legend: never larger than the card text
FOOTER_ROOM = 26.0
MIN_WIDTH = 360.0  # an empty map still gets a readable frame


@dataclass
class FramedMap:
    """A map's shapes with the title and legend framed round them."""

    width: float
    height: float
    map_origin: tuple[float, float]
    map_shapes: list[Shape]  # in map coordinates, drawn at map_origin
    frame_shapes: list[Shape]  # title and legend, in image coordinates


def framed_map(layout: MapLayout, content: JourneyContent, title: str) -> FramedMap:
    from app.check import cut_texts, title_cut

    cuts = cut_texts(content, layout)  # names and labels the map cuts with "…": marked, and in full below
    width = max(layout.width + 2 * MARGIN, MIN_WIDTH)
    title_text = elide(title, width - 2 * MARGIN, TITLE_SIZE, True)
    if title_text != " ".join(title.split()):  # a title wider than the map: note 1 gives it in full
        from app.io.pdf.notes import tag_block

        cuts.insert(0, title_cut(title))
        title_text = tag_block(TextLines((title_text,), 0.0, 0.0, TITLE_SIZE, True, ""), "[1]",
                               width - 2 * MARGIN).lines[0]
    if cuts:
        from app.io.pdf.notes import mark_layout

        layout = mark_layout(layout, cuts, [0] * len(cuts))
    notes = _notes(cuts, width - 2 * MARGIN)
    height = MARGIN + TITLE_ROOM + layout.height + FOOTER_ROOM + MARGIN + len(notes) * line_height(FOOTER_SIZE)
    frame: list[Shape] = [TextShape(MARGIN, MARGIN + TITLE_SIZE, title_text, TITLE_SIZE, True,
                                    theme.LANE_HEADER_TEXT)]
    baseline = MARGIN + TITLE_ROOM + layout.height + FOOTER_ROOM - 8
    evidence, kpis = legend_items(content)
    if evidence or kpis:
        shapes, _ = legend_shapes(MARGIN, baseline, FOOTER_SIZE, evidence=evidence, kpis=kpis)
        frame += shapes
    if not content.stages and not content.lanes:
        note = "No stages or lanes yet."
        frame.append(TextShape(MARGIN, MARGIN + TITLE_ROOM + 14, note, 11, False, theme.CARD_MUTED_TEXT))
    for i, line in enumerate(notes, start=1):
        frame.append(TextShape(MARGIN, baseline + 6 + i * line_height(FOOTER_SIZE), line, FOOTER_SIZE, False,
                               theme.LANE_HEADER_TEXT))
    credit = "Journey Canvas"
    frame.append(TextShape(width - MARGIN - text_width(credit, FOOTER_SIZE), baseline, credit, FOOTER_SIZE, False,
                           theme.CARD_MUTED_TEXT))
    picture = map_picture(layout, title) if content.stages or content.lanes else None
    return FramedMap(width, height, (MARGIN, MARGIN + TITLE_ROOM), picture.all() if picture else [], frame)


def _notes(cuts: list, width: float) -> list[str]:
    """The lines giving each shortened text in full ("[1] Lane name (lane 2): ..."), wrapped to `width`."""
    lines: list[str] = []
    for number, cut in enumerate(cuts, start=1):
        text = " ".join(cut.text.split())
        lines += wrap_text(f"[{number}] {cut.what.capitalize()} ({cut.where}): {text}", width, FOOTER_SIZE)
    return lines
