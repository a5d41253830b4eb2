"""The PDF's other pages as shapes in page coordinates: cover, appendix and assembly guide.

Pure layout (no reportlab): text is wrapped with the layout's own measurement and painted by
the same PDF painter as the map, so font fallback and embedding work the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.io.pdf.pages import FOOTER_HEIGHT, OVERLAP_MM, MapPlan, PdfOptions, minimum_sheets
from app.layout import theme
from app.layout.fonts import line_height, wrap_text
from app.layout.model import MapLayout
from app.layout.painting import baseline
from app.layout.shapes import LineShape, RectShape, Shape, TextShape
from app.model.journey import JourneyContent

TEXT = theme.LANE_HEADER_TEXT
MUTED = theme.CARD_MUTED_TEXT
PHOTO_SIZE = 110.0


@dataclass
class ImageBox:
    """A raster image on a page (the persona photo), in page coordinates."""

    x: float
    y: float
    width: float
    height: float
    data: bytes
    owner: str = ""  # whose photo, for a warning


@dataclass
class Flow:
    """Paragraphs flowing down one column, onto new pages when the page is full."""

    options: PdfOptions
    x: float = 0.0
    width: float = 0.0
    pages: list[list[Shape]] = field(default_factory=lambda: [[]])

    def __post_init__(self) -> None:
        page_width, page_height = self.options.page
        m = self.options.margin_pt
        self.x = self.x or m
        self.width = self.width or page_width - 2 * m
        self.top = m
        self.bottom = page_height - m - FOOTER_HEIGHT - 4
        self.y = self.top

    def space(self, height: float) -> None:
        if self.y > self.top:
            self.y += height

    def para(self, text: str, size: float, bold: bool = False, color: str = TEXT, indent: float = 0.0,
             keep: float = 0.0) -> None:
        """A wrapped paragraph; `keep` asks for that much room below its first line (headings)."""
        lines = wrap_text(text, self.width - indent, size, bold) or ("",)
        for i, line in enumerate(lines):
            need = line_height(size) + (keep if i == 0 else 0.0)
            if self.y + need > self.bottom and self.y > self.top:
                self.pages.append([])
                self.y = self.top
            if line:
                self.pages[-1].append(TextShape(self.x + indent, baseline(self.y, size), line, size, bold, color))
            self.y += line_height(size)


def cover_shapes(content: JourneyContent, options: PdfOptions) -> tuple[list[Shape], list[ImageBox]]:
    """The cover page: title, description, date and author, persona (with photo), a summary."""
    shapes, flow, images = _cover_flow(content, options)
    # A cover is one page: anything that flowed past it is left off, and the cover says where it is in full.
    if len(flow.pages) > 1:
        where = ("it is given in full in the appendix" if options.appendix
                 else "export with the appendix to have it in full")
        note = f"Not everything fits on this cover: {where}."
        size = 9.0
        y = flow.bottom - line_height(size)
        page = [shape for shape in flow.pages[0] if not (isinstance(shape, TextShape) and shape.y > y - 2)]
        page.append(TextShape(flow.x, baseline(y, size), note, size, True, MUTED))
        # a photo below the note (or of a persona whose card went past the page) would print over the footer
        images = [image for image in images if image.y + image.height <= y - 2]
        return shapes + page, images
    return shapes + flow.pages[0], images


def cover_overflows(content: JourneyContent, options: PdfOptions) -> bool:
    """Whether the cover leaves something off (the appendix then gives it in full)."""
    return len(_cover_flow(content, options)[1].pages) > 1


def _cover_flow(content: JourneyContent, options: PdfOptions) -> tuple[list[Shape], Flow, list[ImageBox]]:
    page_width, page_height = options.page
    m = options.margin_pt
    inner = 0.06 * min(page_width, page_height)
    flow = Flow(options, x=m + inner, width=page_width - 2 * (m + inner))
    flow.top = flow.y = m + inner
    meta = content.metadata
    shapes: list[Shape] = [RectShape(0, 0, page_width, m + inner * 0.6, theme.HEADER_FILL)]
    flow.y += 10
    flow.para("Customer journey map", 11, False, MUTED)
    flow.space(6)
    flow.para(meta.title or "Untitled journey", 28, True)
    if meta.description.strip():
        flow.space(8)
        flow.para(meta.description.strip(), 13, False, MUTED)
    # date and author under the title, where a long persona cannot push them off the page
    flow.space(6)
    flow.para("  \u00b7  ".join(cover_details(content)), 10.5, False, MUTED)
    images: list[ImageBox] = []
    personas_block(flow, content, images)
    summary = map_summary(content)
    if summary:
        flow.space(16)
        flow.para("At a glance", 11, True, keep=14)
        for line in summary:
            flow.para(f"\u2022 {line}", 10.5, indent=8)
    return shapes, flow, images


def cover_details(content: JourneyContent) -> list[str]:
    """The cover's date, author and counts."""
    meta = content.metadata
    details = []
    date = meta.modified or meta.created
    if date is not None:
        details.append(f"Date: {date.strftime('%d %B %Y').lstrip('0')}")
    if meta.author:
        details.append(f"Author: {meta.author}")
    details.append(f"{len(content.stages)} stages, {len(content.lanes)} lanes, {len(content.cards)} cards")
    return details


def map_summary(content: JourneyContent) -> list[str]:
    """A few lines on the cover: the stages, the low and high points of the emotion curve, pains and ideas."""
    from app.model.enums import LaneKind

    if not content.stages:
        return []
    lines = [f"{len(content.stages)} stages: " + " \u2192 ".join(stage.name for stage in content.stages[:8])
             + (" \u2192 \u2026" if len(content.stages) > 8 else "")]
    stages = {stage.id: stage.name for stage in content.stages}
    if content.emotions:
        low = min(content.emotions, key=lambda p: p.value)
        high = max(content.emotions, key=lambda p: p.value)
        if low.value < high.value:
            lines.append(f"Lowest point: {stages[low.stage_id]}" + _point_note(content, low)
                         + f"; highest: {stages[high.stage_id]}" + _point_note(content, high))
    kinds = {lane.id: lane.kind for lane in content.lanes}
    pains = sum(kinds.get(card.lane_id) == LaneKind.PAIN_POINTS for card in content.cards)
    ideas = sum(kinds.get(card.lane_id) == LaneKind.OPPORTUNITIES for card in content.cards)
    if pains or ideas:
        lines.append(f"{pains} pain point(s), {ideas} opportunit{'y' if ideas == 1 else 'ies'}")
    return lines


def _point_note(content: JourneyContent, point) -> str:
    """" (Kai, Anxious)": whose curve (when there are several) and the point's label, or ""."""
    from app.model.personas import persona_label

    words = []
    if len(content.personas) > 1:
        owner = content.curve_owner(point.persona_id)
        words += [persona_label(p, i) for i, p in enumerate(content.personas) if p.id == owner]
    if point.label:
        words.append(point.label)
    return f" ({', '.join(words)})" if words else ""


def personas_block(flow: Flow, content: JourneyContent, images: list[ImageBox]) -> None:
    """Every persona of the map (a filtered map: those the filter shows): the full card for one persona,
    compact cards side by side for several."""
    from app.model.personas import persona_colors, persona_label

    shown = [(i, p) for i, p in enumerate(content.personas) if _has_content(p)]
    if len(shown) <= 1:
        persona_block(flow, shown[0][1] if shown else None, images)
        return
    colors = persona_colors(content)
    flow.space(24)
    flow.pages[-1].append(LineShape(flow.x, flow.y - 10, flow.x + flow.width, flow.y - 10, theme.GRID_LINE, 1))
    flow.para(f"Personas ({len(shown)})", 10, True, MUTED)
    flow.space(4)
    columns = 2 if len(shown) in (2, 4) else 3
    gap = 14.0
    card_width = (flow.width - gap * (columns - 1)) / columns
    x0, width0 = flow.x, flow.width
    for row_start in range(0, len(shown), columns):
        top, bottom = flow.y, flow.y
        for column, (index, persona) in enumerate(shown[row_start:row_start + columns]):
            flow.x, flow.width, flow.y = x0 + column * (card_width + gap), card_width, top
            start_page = len(flow.pages)
            _compact_card(flow, persona, persona_label(persona, index), colors.get(persona.id, TEXT), images)
            if len(flow.pages) != start_page:  # a card that spilled over the page ends the cover (page one only):
                flow.x, flow.width, flow.y = x0, width0, flow.bottom  # the rest, photos too, would not show
                return
            bottom = max(bottom, flow.y)
        flow.x, flow.width, flow.y = x0, width0, bottom + 10
    flow.x, flow.width = x0, width0


def _has_content(persona) -> bool:
    return bool(persona.name or persona.role or persona.quote or persona.photo)


COMPACT_PHOTO = 46.0


def _compact_card(flow: Flow, persona, label: str, color: str, images: list[ImageBox]) -> None:
    """One persona in a column: colour bar, small photo, name, role, quote, goals, frustrations, channels."""
    top = flow.y
    shapes = flow.pages[-1]
    x, width = flow.x, flow.width
    flow.x += 8
    flow.width -= 8
    photo = _photo_box(persona, flow.x, flow.y, COMPACT_PHOTO, label, images)
    if photo:
        flow.x += COMPACT_PHOTO + 8
        flow.width -= COMPACT_PHOTO + 8
    flow.para(label, 13, True)
    if persona.role:
        flow.para(persona.role, 10, False, MUTED)
    if photo:
        flow.y = max(flow.y, top + COMPACT_PHOTO)
        flow.x -= COMPACT_PHOTO + 8
        flow.width += COMPACT_PHOTO + 8
    if persona.quote:
        flow.space(3)
        flow.para(f"\u201c{persona.quote.strip()}\u201d", 9.5)
    for heading, items in (("Goals", persona.goals), ("Needs", persona.needs),
                           ("Expectations", persona.expectations), ("Frustrations", persona.frustrations)):
        if items:
            flow.space(3)
            flow.para(f"{heading}: " + "; ".join(items), 9)
    if persona.preferred_channels:
        flow.space(3)
        flow.para("Preferred channels: " + ", ".join(c.label for c in persona.preferred_channels), 9, False, MUTED)
    # the colour bar down the card; a card cut by the page's end keeps its bar down to the cover's note
    end = flow.y if flow.pages[-1] is shapes else flow.bottom - 2 * line_height(9.0)
    shapes.append(RectShape(x, top, 3.5, max(end - top, 12.0), color))
    flow.x, flow.width = x, width


def _photo_box(persona, x: float, y: float, side: float, owner: str, images: list[ImageBox]) -> bool:
    """Place the persona's photo; False when there is none or no picture can be read from it (then it takes
    no room beside the text, and a box of no size still makes the painter name it in a warning)."""
    if persona.photo is None:
        return False
    from app.io.image.photo import photo_opens

    data = persona.photo.image_bytes()
    readable = photo_opens(data)
    images.append(ImageBox(x, y, side if readable else 0.0, side if readable else 0.0, data, owner))
    return readable


def persona_block(flow: Flow, persona, images: list[ImageBox], photo: bool = True) -> None:
    """The persona card: photo at the left (unless `photo` is False), name, role, quote, goals, needs,
    frustrations, channels."""
    if persona is None or not (persona.name or persona.role or persona.quote or persona.photo):
        return
    flow.space(24)
    flow.pages[-1].append(LineShape(flow.x, flow.y - 10, flow.x + flow.width, flow.y - 10, theme.GRID_LINE, 1))
    start_y = flow.y
    photo = photo and _photo_box(persona, flow.x, flow.y, PHOTO_SIZE, persona.name, images)
    if photo:
        flow.x += PHOTO_SIZE + 16
        flow.width -= PHOTO_SIZE + 16
    flow.para("Persona", 10, True, MUTED)
    if persona.name:
        flow.para(persona.name, 18, True)
    if persona.role:
        flow.para(persona.role, 12, False, MUTED)
    if persona.quote:
        flow.space(4)
        flow.para(f"\u201c{persona.quote.strip()}\u201d", 12)
    if photo:
        flow.y = max(flow.y, start_y + PHOTO_SIZE)
        flow.x -= PHOTO_SIZE + 16
        flow.width += PHOTO_SIZE + 16
    for heading, items in (("Goals", persona.goals), ("Needs", persona.needs),
                           ("Expectations", persona.expectations), ("Frustrations", persona.frustrations)):
        if items:
            flow.space(8)
            flow.para(heading, 11, True, keep=14)
            for item in items:
                flow.para(f"\u2022 {item}", 10.5, indent=8)
    if persona.preferred_channels:
        flow.space(8)
        flow.para("Preferred channels: " + ", ".join(c.label for c in persona.preferred_channels), 10.5)


def empty_map_shapes(content: JourneyContent, options: PdfOptions) -> tuple[list[Shape], list[ImageBox]]:
    """The map page of a map with no stages or lanes: say so, and show the persona when there is one."""
    flow = Flow(options)
    flow.top = flow.y = options.margin_pt + 30
    flow.para("No stages yet", 16, True, MUTED)
    flow.para("This map has no stages or lanes to draw; add them in the editor (or import a workbook).", 10.5,
              False, MUTED)
    images: list[ImageBox] = []
    personas_block(flow, content, images)
    return flow.pages[0], images


def appendix_pages(content: JourneyContent, options: PdfOptions) -> list[list[Shape]]:
    """Stage descriptions and KPIs, then every card and emotion note by stage and lane."""
    from app.layout.engine import kpi_text

    flow = Flow(options)
    flow.para("Appendix", 20, True)
    flow.space(10)
    flow.para("Stages", 14, True, keep=30)
    if not content.stages:
        flow.para("No stages yet.", 10, color=MUTED)  # not a heading over nothing
    for index, stage in enumerate(content.stages, start=1):
        flow.space(6)
        flow.para(f"{index}. {stage.name}", 11, True, keep=14)
        if stage.description.strip():
            flow.para(stage.description.strip(), 10, indent=12)
        for kpi in stage.kpis:
            flow.para(f"KPI \u2014 {kpi_text(kpi)}", 10, indent=12, color=MUTED)
        if not stage.description.strip() and not stage.kpis:
            flow.para("No description or KPIs.", 10, indent=12, color=MUTED)
    flow.space(14)
    flow.para("Notes", 14, True, keep=30)
    any_note = False
    lanes = {lane.id: lane for lane in content.lanes}
    for stage in content.stages:
        notes: list[tuple[str, str, str]] = []  # (lane name, card text, note)
        for lane in content.lanes:
            for card in content.cards_in(stage.id, lane.id):
                if card.note.strip():
                    notes.append((lane.name, card.text.strip() or "(empty card)", card.note.strip()))
        for point in content.emotions:
            if point.stage_id == stage.id and point.note.strip():
                label = point.label or f"emotion {point.value:g}"
                notes.append((lanes[point.lane_id].name, label, point.note.strip()))
        if not notes:
            continue
        any_note = True
        flow.space(6)
        flow.para(stage.name, 11, True, keep=28)
        for lane_name, text, note in notes:
            flow.space(2)
            flow.para(f"{lane_name}: {text}", 10, True, indent=12, keep=12)
            flow.para(note, 10, indent=24)
    if not any_note:
        flow.para("No card has a note.", 10, color=MUTED)
    cut = options.cover and cover_overflows(content, options)
    if cut:  # what the cover left off, after the personas below: the description and the summary
        flow.space(14)
        flow.para("Summary", 14, True, keep=30)
        if content.metadata.description.strip():
            flow.para(content.metadata.description.strip(), 10)
        for line in map_summary(content):
            flow.para(f"\u2022 {line}", 10, indent=8)
        flow.para("  \u00b7  ".join(cover_details(content)), 10, color=MUTED)
    # several personas are compact on the cover (which may not fit them all); here in full
    if (len(content.personas) > 1 or cut) and content.personas:
        flow.space(14)
        flow.para("Personas", 14, True, keep=30)
        for persona in content.personas:
            persona_block(flow, persona, [], photo=False)
    return flow.pages


def guide_shapes(plan: MapPlan, layout: MapLayout, title: str, first_sheet_page: int) -> list[Shape]:
    """Page 1 of a tiled poster: how the sheets go together, drawn over the map's outline."""
    page_width, page_height = plan.options.page
    m = plan.options.margin_pt
    flow = Flow(plan.options)
    flow.para(f"Assembly guide \u2014 {title}", 16, True)
    flow.para(f"{len(plan.sheets)} sheets in {plan.rows} row(s) \u00d7 {plan.columns} column(s), map at "
              f"{plan.options.scale:g} % on {plan.options.page_size} {plan.options.orientation} (its area alone "
              f"needs at least {minimum_sheets(plan)}).", 10, False, MUTED)
    flow.space(4)
    for step in ("1. Print every sheet at actual size (100 %, no \u201cfit to page\u201d).",
                 "2. On each sheet with a neighbour to its left or above, cut along the crop marks on that edge "
                 "(the lane and stage names in the margin fall away).",
                 f"3. Lay it over its neighbour so they overlap by {OVERLAP_MM:g} mm, match the \u2295 marks, "
                 "and tape from behind.",
                 "Sheets are numbered left to right, then top to bottom."):
        flow.para(step, 10)
    shapes = flow.pages[0]
    top = flow.y + 12
    room_w, room_h = page_width - 2 * m, page_height - m - FOOTER_HEIGHT - 8 - top
    bands, k = _guide_bands(plan, room_w, room_h)
    height = plan.map_size[1]
    gap = 14.0
    numbers = {id(sheet): number for number, sheet in enumerate(plan.sheets, start=first_sheet_page)}
    # Labels sized to the sheets' drawn size, so they never run into each other.
    sheet_w = min(s.window[2] - s.window[0] for s in plan.sheets) * k
    sheet_h = min(s.window[3] - s.window[1] for s in plan.sheets) * k
    two_lines = sheet_h > 40
    size = min(12.0, sheet_w / 5.5, sheet_h / (3.2 if two_lines else 1.6))
    for band, (bx0, bx1, sheets) in enumerate(bands):
        band_top = top + band * (height * k + gap)
        left = m + (room_w - (bx1 - bx0) * k) / 2 - bx0 * k
        shapes += _guide_outline(layout, bx0, bx1, height, left, band_top, k)
        for sheet in sheets:
            x0, y0, x1, y1 = sheet.window
            shapes.append(RectShape(left + x0 * k, band_top + y0 * k, (x1 - x0) * k, (y1 - y0) * k, None,
                                    theme.SELECTION, 0.8))
            cx, cy = left + (x0 + x1) / 2 * k, band_top + (y0 + y1) / 2 * k
            if two_lines:
                shapes.append(TextShape(cx, cy, f"R{sheet.row + 1} C{sheet.column + 1}", size, True, theme.SELECTION,
                                        "center"))
                shapes.append(TextShape(cx, cy + size * 1.2, f"p. {numbers[id(sheet)]}", size * 0.8, False, MUTED,
                                        "center"))
            else:  # a very fine grid: the page number alone
                shapes.append(TextShape(cx, cy + size * 0.35, str(numbers[id(sheet)]), size, True, theme.SELECTION,
                                        "center"))
    return shapes


def _guide_bands(plan: MapPlan, room_w: float, room_h: float) -> tuple[list[tuple[float, float, list]], float]:
    """The poster drawn in one band, or, for a long thin map, cut into bands of sheet columns stacked down
    the page, whichever draws the sheets biggest; (x0, x1, sheets) per band and the drawing's scale."""
    width, height = plan.map_size
    best: tuple[float, int] = (0.0, 1)
    for count in range(1, max(1, plan.columns) + 1):
        per = -(-plan.columns // count)
        spans = [(c0, min(c0 + per, plan.columns)) for c0 in range(0, plan.columns, per)]
        band_w = max(_band_x(plan, a, b)[1] - _band_x(plan, a, b)[0] for a, b in spans)
        k = min(room_w / band_w, (room_h - 14.0 * (len(spans) - 1)) / (len(spans) * height))
        if k > best[0] * 1.05:
            best = (k, count)
    per = -(-plan.columns // best[1])
    bands = []
    for c0 in range(0, plan.columns, per):
        c1 = min(c0 + per, plan.columns)
        x0, x1 = _band_x(plan, c0, c1)
        bands.append((x0, x1, [s for s in plan.sheets if c0 <= s.column < c1]))
    return bands, best[0]


def _band_x(plan: MapPlan, first: int, last: int) -> tuple[float, float]:
    """The map x range covered by sheet columns first..last-1."""
    windows = [s.window for s in plan.sheets if first <= s.column < last]
    return min(w[0] for w in windows), max(w[2] for w in windows)


def _guide_outline(layout: MapLayout, x0: float, x1: float, height: float, left: float, top: float,
                   k: float) -> list[Shape]:
    """The map's outline between x0 and x1: header band, lane column, row and column lines."""
    shapes: list[Shape] = [RectShape(left + x0 * k, top, (x1 - x0) * k, height * k, theme.CELL_ALT_FILL,
                                     theme.GRID_LINE, 0.5),
                           RectShape(left + x0 * k, top, (x1 - x0) * k, layout.header_height * k,
                                     theme.HEADER_FILL + "55")]
    if x0 < layout.lane_header_width:
        shapes.append(RectShape(left + x0 * k, top, (min(x1, layout.lane_header_width) - x0) * k, height * k,
                                theme.LANE_GROUP_FILL + "88"))
    for row in layout.rows:
        y = top + row.y * k
        shapes.append(LineShape(left + x0 * k, y, left + x1 * k, y, theme.GRID_LINE, 0.4))
    for column in layout.columns:
        if x0 <= column.x <= x1:
            x = left + column.x * k
            shapes.append(LineShape(x, top, x, top + height * k, theme.GRID_LINE, 0.4))
    return shapes
