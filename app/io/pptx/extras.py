"""The slides around the map: title, one per persona, the emotion curve as a native chart, KPIs."""

from __future__ import annotations

from app.io.pptx.deck import MARGIN, Deck
from app.io.pptx.frames import INSET, Frame, Para, Run, emu, para, rgb, text_paras
from app.layout import theme
from app.layout.fonts import LINE_SPACING
from app.layout.kpis import kpi_label, kpi_scale, kpi_status
from app.model.enums import LaneKind
from app.model.journey import JourneyContent, Persona

TEXT_SIZE = 14.0
HEADING_SIZE = 16.0
GAP = 12.0


def title_slide(deck: Deck, content: JourneyContent, personas: list[Persona]) -> None:
    slide = deck.blank()
    slide.box(0, 0, deck.width, deck.height, fill=theme.HEADER_FILL, name="Background")
    meta = content.metadata
    size = 40.0  # a title of hundreds of characters is set smaller (at 18 points 500 of them fit), never cut
    while size > 18 and Frame([para(meta.title, size, bold=True)]).height(deck.content_width) > deck.height / 2:
        size -= 2.0
    frame = Frame([para(meta.title or "Untitled journey", size, bold=True, color=theme.HEADER_TEXT, space_after=12)])
    names = ", ".join(p.name for p in personas if p.name)
    lines = [f"Customer journey of {names}" if names else "Customer journey map",
             f"{len(content.stages)} stages: " + " → ".join(stage.name for stage in content.stages[:8])
             + (f" and {len(content.stages) - 8} more, one slide each" if len(content.stages) > 8 else "")]
    if meta.author:
        lines.append(f"By {meta.author}" + (f", {meta.modified:%d %B %Y}" if meta.modified else ""))
    for line in lines:
        frame.paras.append(para(line, 18, color=theme.HEADER_DETAIL_TEXT, space_after=4))
    if meta.description.strip():
        frame.paras += text_paras(meta.description, TEXT_SIZE, color=theme.HEADER_TEXT)
    width = deck.content_width
    height = min(frame.height(width), deck.height - 2 * MARGIN)
    if frame.height(width) > height:  # a very long description: keep it whole in the notes
        frame.paras = [p for p in frame.paras if p.size != TEXT_SIZE]
        frame.paras.append(para("Description in the speaker notes.", TEXT_SIZE, color=theme.HEADER_TEXT))
        height = frame.height(width)
    slide.box(MARGIN, max(MARGIN, (deck.height - height) / 2), width, height, frame, name="Title")
    Deck.notes(slide, [meta.description])


def persona_slides(deck: Deck, personas: list[Persona], colors: dict[str, str] | None = None) -> None:
    """One slide per persona (more when its lists are long): name, role, quote, goals, needs, ...; on a map
    with several, a stripe in the persona's colour under the title (the colour of its curve and card tags)."""
    from app.model.personas import persona_label

    colors = colors or {}
    for index, persona in enumerate(personas):
        name = persona_label(persona, index)
        blocks: list[Frame] = []
        if persona.role or persona.quote:
            frame = Frame()
            if persona.role:
                frame.paras += text_paras(persona.role, TEXT_SIZE, color=theme.CARD_TEXT)
            if persona.quote:
                frame.paras += text_paras(f"“{persona.quote}”", TEXT_SIZE + 2, color=theme.CARD_MUTED_TEXT)
            blocks.append(frame)
        for heading, items in (("Goals", persona.goals), ("Needs", persona.needs),
                               ("Expectations", persona.expectations), ("Frustrations", persona.frustrations),
                               ("Preferred channels", [c.label for c in persona.preferred_channels])):
            if items:
                frame = Frame([para(heading, HEADING_SIZE, bold=True, color=theme.LANE_HEADER_TEXT)])
                for item in items:
                    frame.paras += text_paras(f"• {item}", TEXT_SIZE, color=theme.CARD_TEXT)
                blocks.append(frame)
        if not blocks:  # say so rather than show an empty slide
            blocks.append(Frame(text_paras(f"Nothing is written about {name} yet: role, quote, goals, needs, "
                                           f"expectations, frustrations and channels go in the Persona panel.",
                                           TEXT_SIZE, color=theme.CARD_MUTED_TEXT)))
        flow_slides(deck, f"Persona: {name}", blocks, photo=_photo(deck, persona),
                    stripe=colors.get(persona.id) if len(colors) > 1 else None)


def _photo(deck: Deck, persona: Persona) -> bytes | None:
    """The photo as a PNG at most 600 pixels wide (4x its size on the slide), decoded under the pixel limit;
    a photo that cannot be used is left out with a warning."""
    if persona.photo is None:
        return None
    from app.io.image.photo import PhotoError, photo_thumbnail, whose

    try:
        return photo_thumbnail(persona.photo.image_bytes(), 600)
    except PhotoError as exc:
        deck.warnings.append(whose(str(exc), persona.name))
        return None


def flow_slides(deck: Deck, heading: str, blocks: list[Frame], columns: int = 2, photo: bytes | None = None,
                fill: str = theme.LANE_HEADER_FILL, stripe: str | None = None) -> None:
    """Blocks of text in columns, top to bottom then left to right, on as many slides as they need;
    a block taller than a column is cut between paragraphs."""
    import io

    part, slide, column, y, top = 0, None, columns, 0.0, 0.0
    left = MARGIN + (150.0 + GAP if photo else 0.0)
    width = (deck.width - MARGIN - left - GAP * (columns - 1)) / columns

    def new_slide():
        nonlocal part, slide, column, y, top
        part += 1
        slide, top = deck.slide(heading + (f" (continued, part {part})" if part > 1 else ""))
        if stripe:
            slide.box(0, top - GAP - 6.0, deck.width, 6.0, fill=stripe, name="Persona colour")
        column, y = 0, top
        if photo and part == 1:
            slide.shapes.add_picture(io.BytesIO(photo), emu(MARGIN), emu(top), width=emu(150.0))

    new_slide()
    queue = [piece for block in blocks for piece in _cut(block, width, deck.body_bottom - top)]
    for block in queue:
        height = block.height(width)
        if y + height > deck.body_bottom and y > top:
            column += 1
            y = top
            if column >= columns:
                new_slide()
        x = left + column * (width + GAP)
        slide.box(x, y, width, height, block, fill=fill, rounded=True, name="Text")
        y += height + GAP


def _cut(block: Frame, width: float, room: float) -> list[Frame]:
    if block.height(width) <= room:
        return [block]
    out, current = [], Frame(insets=block.insets)
    for whole in block.paras:
        for p in _lines_if_too_tall(whole, block.insets, width, room):
            if current.paras and Frame([*current.paras, p], block.insets).height(width) > room:
                out.append(current)
                current = Frame(insets=block.insets)
            current.paras.append(p)
    out.append(current)
    return out


def _lines_if_too_tall(p: Para, insets, width: float, room: float) -> list[Para]:
    """A paragraph taller than a whole column, as one paragraph per wrapped line (so it can be cut)."""
    single = Frame([p], insets)
    if single.height(width) <= room:
        return [p]
    bold = p.bold or any(run.bold for run in p.runs)
    color = p.runs[0].color if p.runs else None
    return [Para((Run(line, color, bold),), p.size, bold, p.color) for line in single.lines(width)[0][1]]


MAX_CHART_SERIES = 48
"""Curves the emotion chart draws at most (python-pptx orders a chart's series in n² steps: 1,000 personas' curves
took 8 s, and no one reads 1,000 lines); the slide says how many it shows, and its notes give every value."""


def chart_series(content: JourneyContent) -> list[tuple[str, str, list[float | None], int]]:
    """The emotion chart's series as (name, colour, one value or None per stage, lane index): one per emotions lane and
    persona (in the persona's colour, as on the canvas); one per lane for a map without personas."""
    from app.model.personas import persona_colors, persona_label

    lanes = [lane for lane in content.lanes if lane.kind == LaneKind.EMOTIONS]
    colors = persona_colors(content)
    owners = [(p.id, persona_label(p, i), colors[p.id]) for i, p in enumerate(content.personas)]
    point_at = content.emotion_lookup()  # 12,000 scans of 6,000 points took 6 s
    series = []
    for index, lane in enumerate(lanes):
        spare = ([theme.EMOTION_CURVE, *theme.CHANNEL_COLOR.values()])[index % (1 + len(theme.CHANNEL_COLOR))]
        for persona_id, name, color in owners or [(None, "", spare)]:
            values = [p.value if (p := point_at(lane.id, stage.id, persona_id)) is not None else None
                      for stage in content.stages]
            if persona_id is not None and all(v is None for v in values):
                continue  # a persona without points on this lane: no empty legend entry
            label = " – ".join(part for part in ((lane.name or "Emotions") if len(lanes) > 1 or not name else "",
                                                 name) if part)
            series.append((label, color, values, index))
    return series


def emotion_slide(deck: Deck, content: JourneyContent) -> None:
    """The emotion curves as a native line chart: categories are the stages, one series per emotions lane and
    persona, coloured as on the canvas (a second emotions lane's lines are dashed)."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
    from pptx.enum.dml import MSO_LINE_DASH_STYLE

    from app.model.personas import persona_label

    lanes = [lane for lane in content.lanes if lane.kind == LaneKind.EMOTIONS]
    series_list = chart_series(content)
    if not lanes or not content.emotions or not series_list:
        return
    shown = "" if len(series_list) <= MAX_CHART_SERIES else \
        f"; the first {MAX_CHART_SERIES} of {len(series_list):,} curves, every value in the notes"
    series_list = series_list[:MAX_CHART_SERIES]
    slide, top = deck.slide("Emotion curve" if len(series_list) == 1 else "Emotion curves",
                            f"{content.emotion_scale.min:g} (worst) to {content.emotion_scale.max:g} (best), "
                            f"stage by stage{shown}")
    data = CategoryChartData()
    data.categories = [stage.name for stage in content.stages]
    for name, _, values, _ in series_list:
        data.add_series(name or "Emotions", values)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, emu(MARGIN), emu(top), emu(deck.content_width),
                                   emu(deck.body_bottom - top), data)
    chart = frame.chart
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale = content.emotion_scale.min, content.emotion_scale.max
    axis.has_major_gridlines = True
    for font in (axis.tick_labels.font, chart.category_axis.tick_labels.font):
        font.size = emu(12)
        font.name = "DejaVu Sans"
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    chart.has_title = False
    chart.has_legend = len(series_list) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = emu(12)
        chart.legend.font.name = "DejaVu Sans"
    for series, (_, color, _, lane_index) in zip(chart.plots[0].series, series_list, strict=True):
        series.smooth = False  # a smoothed line overshoots the scale between stages
        series.format.line.color.rgb = rgb(color)
        series.format.line.width = emu(3)
        if lane_index % 2:
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 10
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = rgb(color)
        series.marker.format.line.color.rgb = rgb(color)
    owners = [(p.id, persona_label(p, i)) for i, p in enumerate(content.personas)] or [(None, "")]
    point_at = content.emotion_lookup()  # 12,000 scans of 6,000 points took 6 s
    labels = [(f"{who}, " if who else "") + f"{stage.name}: {p.value:g}" + (f" ({p.label})" if p.label else "")
              + (f" — {p.note}" if p.note else "")
              for lane in lanes for persona_id, who in owners for stage in content.stages
              if (p := point_at(lane.id, stage.id, persona_id))]
    Deck.notes(slide, labels)


STATUS_WORDS = {"met": "target met", "near": "within 10 % of target", "missed": "target missed",
                "unknown": "no value or target"}


def kpi_slides(deck: Deck, content: JourneyContent) -> None:
    """Every stage's KPIs as a table: stage, KPI, "value / target" and a bar against the target (value
    filled, target ticked), coloured met / near / missed as on the canvas; continued on more slides.

    Every row names its stage (the stage's first row in bold, its others muted; the rows of one stage share a
    fill). A row taller than a slide (a long KPI name) is cut at line ends and continues on the next slide,
    its stage named again, so no word is lost and no text leaves its box."""
    rows = [(number, stage, kpi) for number, stage in enumerate(content.stages) for kpi in stage.kpis]
    if not rows:
        return
    width = deck.content_width
    columns = [0.2 * width, 0.3 * width, 0.2 * width]
    bar_x = MARGIN + sum(columns) + 3 * 8.0
    bar_width = MARGIN + width - bar_x
    heading = "KPIs against their targets"
    room = deck.body_bottom - deck.body_top(heading + " (continued, part 2)") - _kpi_header_height(columns,
                                                                                                    bar_width)
    batch, y = None, deck.body_bottom
    part, previous_stage = 0, None
    for number, stage, kpi in rows:
        status = kpi_status(kpi)
        color = theme.KPI_STATUS_COLOR[status]
        first = stage is not previous_stage
        cells = [[para(stage.name, TEXT_SIZE, bold=first, color=theme.CARD_TEXT if first else theme.CARD_MUTED_TEXT)],
                 [para(kpi.name, TEXT_SIZE, color=theme.CARD_TEXT)],
                 [para(kpi_label(kpi), TEXT_SIZE, bold=True, color=color),
                  para(STATUS_WORDS[status], 12.0, color=theme.CARD_MUTED_TEXT)]]
        for index, frames in enumerate(_row_parts(cells, columns, room)):
            height = max(frame.height(w) for frame, w in zip(frames, columns, strict=True))
            new_slide = y + height > deck.body_bottom
            if new_slide:
                part += 1
                batch, y = deck.slide(heading + (f" (continued, part {part})" if part > 1 else ""))
                y = _kpi_header(batch, y, columns, bar_x, bar_width)
            if (index > 0 or (new_slide and not first)) and not frames[0].paras:  # name the stage again
                again = Frame([para(f"{stage.name} (continued)", TEXT_SIZE, bold=True)])
                frames[0] = again if again.height(columns[0]) <= room else Frame([para("(continued)", TEXT_SIZE)])
                height = max(frame.height(w) for frame, w in zip(frames, columns, strict=True))
            elif new_slide and not first and index == 0:
                frames[0] = Frame([para(f"{stage.name} (continued)", TEXT_SIZE, bold=True)])
                height = max(frame.height(w) for frame, w in zip(frames, columns, strict=True))
            batch.box(MARGIN, y, width, height, fill=theme.LANE_HEADER_FILL if number % 2 else theme.CELL_ALT_FILL,
                      name="KPI row")
            x = MARGIN
            for frame, w in zip(frames, columns, strict=True):
                batch.box(x, y, w, height, frame, name="KPI")
                x += w + 8.0
            if index == 0:
                _kpi_bar(batch, kpi, color, bar_x, y + min(height / 2, 30.0) - 7.0, bar_width - 8.0)
            y += height
        previous_stage = stage


def _row_parts(cells: list[list[Para]], widths: list[float], room: float) -> list[list[Frame]]:
    """A table row's cells as frames; a row taller than `room` is cut at line ends into parts that fit."""
    frames = [Frame(paras) for paras in cells]
    if max(frame.height(w) for frame, w in zip(frames, widths, strict=True)) <= room:
        return [frames]
    queues = [[(p, line) for p, wrapped in frame.lines(w) for line in wrapped]
              for frame, w in zip(frames, widths, strict=True)]
    parts: list[list[Frame]] = []
    while any(queues):
        part = []
        for queue in queues:
            taken: list[Para] = []
            used = 2 * INSET
            while queue and (not taken or used + queue[0][0].size * LINE_SPACING <= room):
                p, line = queue.pop(0)
                taken.append(Para((Run(line, p.color, p.bold),), p.size, p.bold, p.color))
                used += p.size * LINE_SPACING
            part.append(Frame(taken))
        parts.append(part)
    return parts


def _kpi_header_height(columns: list[float], bar_width: float) -> float:
    names = ("Stage", "KPI", "Value / target", "Value (bar) and target (tick)")
    return max(Frame([para(name, 12.0, bold=True)]).height(w) for name, w in zip(names, [*columns, bar_width],
                                                                                   strict=True))


def _kpi_header(batch, y: float, columns: list[float], bar_x: float, bar_width: float) -> float:
    """The column names over the KPI table; returns where the rows start."""
    names = ("Stage", "KPI", "Value / target", "Value (bar) and target (tick)")
    x = MARGIN
    height = 0.0
    for name, w in zip(names, [*columns, bar_width], strict=True):
        frame = Frame([para(name, 12.0, bold=True, color=theme.CARD_MUTED_TEXT)])
        height = max(height, frame.height(w))
        batch.box(x if name != names[-1] else bar_x, y, w, frame.height(w), frame, name="KPI column")
        x += w + 8.0
    return y + height


def _kpi_bar(batch, kpi, color: str, x: float, y: float, width: float) -> None:
    low, high = kpi_scale(kpi)

    def at(value: float) -> float:
        return x + max(0.0, min(1.0, (value - low) / (high - low))) * width

    batch.box(x, y, width, 14.0, fill=theme.KPI_TRACK, name="KPI track")
    if kpi.value is not None and at(kpi.value) > x:
        batch.box(x, y, at(kpi.value) - x, 14.0, fill=color, name="KPI value")
    if kpi.target is not None:
        batch.box(at(kpi.target) - 1.5, y - 4.0, 3.0, 22.0, fill=theme.KPI_TARGET, name="KPI target")
