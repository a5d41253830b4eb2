"""Export a map as a vector PDF: the whole map on one page, or a tiled poster for a wall.

The map is drawn from the same layout and shapes as the canvas (`app.layout`), with the
bundled DejaVu Sans embedded as a subset and a fallback font for CJK (`pdf_fonts`). Pages:
optional cover, assembly guide (tiled posters), the map pages, optional appendix. The PDF
carries title/author/subject/creator, an outline with one entry per stage, and page numbers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import cached_property
from itertools import repeat
from pathlib import Path

from app.io.errors import JourneyFileError
from app.io.pdf.furniture import (
    FURNITURE_TEXT,
    Edges,
    margin_labels,
    marks,
    spread_label,
    spread_warnings,
    title_fits,
    title_line,
)
from app.io.pdf.lane_groups import add_page_group_cuts, page_group_shapes, splits_groups
from app.io.pdf.pages import (
    LEGEND_LINE,
    MapPlan,
    PdfOptionError,
    PdfOptions,
    Sheet,
    pdf_options,
    plan_map,
)
from app.layout import theme
from app.layout.shapes import Shape, TextShape
from app.model.journey import JourneyContent, JourneyMap

Progress = Callable[[int, int], None]
CREATOR = "Journey Canvas"
EXTRA_PAGES = {"notes": ("Notes", "notes"), "channels": ("Channel matrix", "channel matrix"),
               "appendix": ("Appendix", "appendix"),
               "changes": ("What changed", "what changed")}
"""Pages after the map: kind -> (outline entry, footer label)."""
PHOTO_PIXELS = 512
"""The cover photo is printed about 4 cm wide: 512 pixels is over 300 dpi there."""


def write_pdf(journey: JourneyMap, path: Path, page_size: str | None = None, orientation: str | None = None,
              fit: str | None = None, scale: float | None = None, margin: float | None = None,
              cover: bool | None = None, appendix: bool | None = None, channels: bool | None = None,
              progress: Progress | None = None) -> list[str]:
    """Write `journey` to `path` as PDF; returns warnings (e.g. characters no font could draw).

    `margin` is in millimetres, `scale` in percent (tile mode). Bad options raise a
    JourneyFileError with one line naming the choices.
    """
    try:
        options = pdf_options(page_size, orientation, fit, scale, margin, cover, appendix, channels)
    except PdfOptionError as exc:
        raise JourneyFileError(None, str(exc)) from exc
    return PdfDocument(journey, options).write(Path(path), progress)


def content_view(journey: JourneyContent) -> JourneyContent:
    """What a map shows, for drawing: a JourneyMap's fields without its snapshots, shared rather than copied.
    The export only reads them; `JourneyMap.content()` dumps and validates the whole map again (6-13 ms for a
    1,200-card map). The editor hands an export thread a deep copy of its map, so nothing changes them meanwhile."""
    if not isinstance(journey, JourneyMap):
        return journey
    return JourneyContent.model_construct(**{name: getattr(journey, name) for name in JourneyContent.model_fields})


class PdfDocument:
    """One export: plans the pages, then draws them in order."""

    def __init__(self, journey: JourneyMap, options: PdfOptions) -> None:
        from app.layout import compute_layout

        self.journey = journey
        self.options = options
        self.content = content_view(journey)
        self.title = self.content.metadata.title or "Untitled journey"
        self.layout = compute_layout(self.content, theme.PRINT_CARD_MAX_LINES)
        self.plan: MapPlan = plan_map(options, self.layout.width, self.layout.height, self.layout.header_height,
                                      self.layout.lane_header_width, [column.x for column in self.layout.columns],
                                      [row.y for row in self.layout.rows],
                                      [(b.rect.y, b.rect.y + b.rect.height) for b in self.layout.cards.values()])
        self._add_notes()
        self.picture = self._make_picture()
        self._row_tops = [row.y for row in self.layout.rows]
        self._column_lefts = [column.x for column in self.layout.columns]
        self._stage_top = min((h.rect.y for h in self.layout.stage_headers), default=0.0)  # phases above it
        self._edges = (Edges.of(self.layout.columns, "x", "width"), Edges.of(self.layout.rows, "y", "height"))

    def _make_picture(self):  # -> MapPicture; the comparison export adds its marks here
        from app.layout.painting import map_picture

        return map_picture(self.layout, self.title)

    def _add_notes(self) -> None:
        """Find every text the printed map shortens; plan the notes pages and point the map at them."""
        from app.check import cut_texts, title_cut

        self.cuts = cut_texts(self.content, self.layout)
        if not self.plan.tiled and not title_fits(self.title, self.options.page[0] - 2 * self.options.margin_pt):
            self.cuts.insert(0, title_cut(self.title))
        self.notes: list[list[Shape]] = []
        self.note_pages: list[int] = []
        first_map = 1 + (1 if self.options.cover else 0) + (1 if self.plan.tiled and len(self.plan.sheets) > 1 else 0)
        self._split_groups = splits_groups(self.plan, self.layout)
        if self._split_groups:
            self.cuts = add_page_group_cuts(self.cuts, self.plan, self.layout, self.content, first_map)
        if not self.cuts:
            return
        from app.io.pdf.notes import mark_layout, notes_pages  # with the page flow of app.io.pdf.extras: only now

        first_note = first_map + len(self.plan.sheets)
        self.notes, starts = notes_pages(self.cuts, self.options, first_map if len(self.plan.sheets) == 1 else 0)
        self.note_pages = [first_note + start for start in starts]
        self.layout = mark_layout(self.layout, self.cuts, self.note_pages)

    def _extra_pages(self) -> list[tuple[str, list[Shape]]]:
        """The pages after the map sheets, as (kind, shapes); kinds are keys of EXTRA_PAGES."""
        pages: list[tuple[str, list[Shape]]] = []
        if self.options.channels:
            from app.io.pdf.channels import channel_pages

            pages += [("channels", shapes) for shapes in channel_pages(self.content, self.options, len(self.cuts) + 1)]
        if self.options.appendix:
            from app.io.pdf.extras import appendix_pages

            pages += [("appendix", shapes) for shapes in appendix_pages(self.content, self.options)]
        return pages

    def page_count(self) -> int:
        return len(self._pages())

    def _pages(self) -> list[tuple[str, object]]:
        if not hasattr(self, "_page_list"):
            pages: list[tuple[str, object]] = []
            if self.options.cover:
                pages.append(("cover", None))
            if self.plan.tiled and len(self.plan.sheets) > 1:
                pages.append(("guide", None))
            pages += [("sheet", sheet) for sheet in self.plan.sheets]
            pages += [("notes", shapes) for shapes in self.notes]  # right after the map: their numbers are planned
            pages += self._extra_pages()
            self._page_list = pages
        return self._page_list

    # --- writing --------------------------------------------------------------------------

    def write(self, path: Path, progress: Progress | None = None) -> list[str]:
        from reportlab import rl_config
        from reportlab.pdfgen.canvas import Canvas

        from app.painters.pdf_fonts import register_fonts

        register_fonts()
        use_a85 = rl_config.useA85
        rl_config.useA85 = 0  # binary streams: smaller files, and ASCII85 in pure Python is slow
        try:
            return self._write(Canvas, path, progress)
        finally:
            rl_config.useA85 = use_a85

    def _write(self, Canvas, path: Path, progress: Progress | None) -> list[str]:  # noqa: N803
        from app.painters.pdf_fonts import REGULAR
        from app.painters.pdf_painter import PdfPainter

        page_width, page_height = self.options.page
        canvas = Canvas(str(path), pagesize=(page_width, page_height), initialFontName=REGULAR, pageCompression=1)
        self._set_metadata(canvas)
        painter = PdfPainter(canvas)
        self.canvas, self.painter = canvas, painter
        self.warnings: list[str] = []
        self.warnings += spread_warnings(self.plan, self.layout)
        pages = self._pages()
        started: set[str] = set()
        stages_marked = 0
        for number, (kind, payload) in enumerate(pages, start=1):
            painter.reset_state()
            if kind == "cover":
                from app.io.pdf.extras import cover_shapes

                canvas.bookmarkPage("cover", fit="Fit")
                canvas.addOutlineEntry("Cover", "cover", 0)
                shapes, images = cover_shapes(self.content, self.options)
                self._paint_page(shapes)
                self._draw_images(images)
                self._paint_page(self._footer(number, len(pages), ""))
            elif kind == "guide":
                canvas.bookmarkPage("guide", fit="Fit")
                canvas.addOutlineEntry("Assembly guide", "guide", 0)
                self._paint_page(self._guide_shapes())
                self._paint_page(self._footer(number, len(pages), "assembly guide"))
            elif kind == "sheet":
                sheet = payload
                assert isinstance(sheet, Sheet)
                if sheet.row == 0 and sheet.column == 0:
                    canvas.bookmarkPage("map", fit="Fit")
                    canvas.addOutlineEntry("Map" if len(self.plan.sheets) == 1 else "Map sheets", "map", 0)
                stages_marked = self._mark_stages(sheet, stages_marked)
                if self.content.stages and self.content.lanes:
                    self._draw_sheet(sheet)
                else:  # nothing to draw as a grid: say so, with the persona when there is one
                    from app.io.pdf.extras import empty_map_shapes

                    shapes, images = empty_map_shapes(self.content, self.options)
                    self._paint_page(shapes + self._sheet_furniture(sheet, sheet.window))
                    self._draw_images(images)
                label = sheet.label if self.plan.tiled else spread_label(sheet, self.plan, *self._edges)
                self._paint_page(self._footer(number, len(pages), label, legend=True))
            else:
                outline, footer = EXTRA_PAGES[kind]
                if kind not in started:
                    canvas.bookmarkPage(kind, fit="Fit")
                    canvas.addOutlineEntry(outline, kind, 0)
                    started.add(kind)
                self._paint_page(payload)  # type: ignore[arg-type]
                self._paint_page(self._footer(number, len(pages), footer))
            canvas.showPage()
            if progress is not None:
                progress(number, len(pages))
        canvas.showOutline()
        canvas.save()
        cuts = [f"{cut.finding.message}; given in full in note {number} on page {page}"
                for number, (cut, page) in enumerate(zip(self.cuts, self.note_pages, strict=True), start=1)]
        return self.warnings + cuts + painter.splitter.warnings(self.content)

    def _set_metadata(self, canvas) -> None:
        meta = self.content.metadata
        canvas.setTitle(self.title)
        canvas.setAuthor(meta.author or "")
        names = [persona.name for persona in self.content.personas if persona.name]
        subject = "Customer journey map"
        if names:
            subject += " of " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
        if meta.description:
            subject += f": {meta.description}"
        canvas.setSubject(subject)
        canvas.setCreator(CREATOR)
        canvas.setKeywords(["customer journey map", *[stage.name for stage in self.content.stages[:20]]])

    def _paint_page(self, shapes: list[Shape]) -> None:
        """Shapes in page coordinates (points, y down from the top-left corner)."""
        canvas = self.canvas
        canvas.saveState()
        canvas.translate(0, self.options.page[1])
        self.painter.paint(shapes)
        canvas.restoreState()
        self.painter.reset_state()

    # --- map pages ----------------------------------------------------------------------

    def _draw_sheet(self, sheet: Sheet) -> None:
        s = self.plan.scale
        picture = self.picture
        x0, y0, x1, y1 = sheet.window
        ox, oy = sheet.origin
        window = (ox, oy, ox + (x1 - x0) * s, oy + (y1 - y0) * s)
        header_height, lane_width = self.layout.header_height * s, self.layout.lane_header_width * s
        body_t = (ox - x0 * s, oy - y0 * s)
        stage_t = (body_t[0], self.plan.content[1] if sheet.pin_stages else body_t[1])
        lane_t = (self.plan.content[0] if sheet.pin_lanes else body_t[0], body_t[1])
        show_stages = sheet.row == 0 or sheet.pin_stages
        show_lanes = sheet.column == 0 or sheet.pin_lanes
        Layer = tuple[str, list[Shape], tuple[float, float], tuple[float, float, float, float]]
        layers: list[Layer] = [("body", picture.body, body_t, window)]
        if show_stages:
            layers.append(("stages", picture.stage_headers, stage_t,
                           (window[0], stage_t[1], window[2], min(stage_t[1] + header_height, window[3]))))
        if show_lanes:
            clip = (lane_t[0], window[1], min(lane_t[0] + lane_width, window[2]), window[3])
            if self._split_groups:  # each page draws the part of a group's band it shows, the name whole in it
                layers.append(("lanes-no-groups", self._lanes_without_groups, lane_t, clip))
                layers.append(("groups", page_group_shapes(self.plan, self.layout, sheet, self._group_names,
                                                           self._group_notes), lane_t, clip))
            else:
                layers.append(("lanes", picture.lane_headers, lane_t, clip))
        if show_stages and show_lanes:
            corner_t = (lane_t[0], stage_t[1])
            layers.append(("corner", picture.corner, corner_t,
                           (corner_t[0], corner_t[1], corner_t[0] + lane_width, corner_t[1] + header_height)))
        if not self.plan.clipped:
            # One page, nothing overlaps: all graphics first, then the text in reading order.
            for _, shapes, (tx, ty), _ in layers:
                self._with_transform(tx, ty, s, None, [shape for shape in shapes if not isinstance(shape, TextShape)])
            texts = {name: [shape for shape in shapes if isinstance(shape, TextShape)] for name, shapes, _, _ in layers}
            ordered = (texts.get("corner", []) + self._reading_order(texts.get("stages", []), "stages")
                       + self._reading_order(texts.get("lanes", []) + texts["body"], "body"))
            self._with_transform(body_t[0], body_t[1], s, None, ordered)
        elif self.plan.spreads:
            self._draw_spread(layers, sheet, s)
        else:
            for name, shapes, (tx, ty), clip in layers:
                box = ((clip[0] - tx) / s, (clip[1] - ty) / s, (clip[2] - tx) / s, (clip[3] - ty) / s)
                shown = shapes if name == "groups" else self._index(name, shapes).visible(box)
                graphics = [shape for shape in shown if not isinstance(shape, TextShape)]
                texts = [shape for shape in shown if isinstance(shape, TextShape)]
                # Later layers cover earlier ones, so each layer's text comes right after its graphics.
                self._with_transform(tx, ty, s, clip, graphics + self._reading_order(texts, name))
        self._paint_page(self._sheet_furniture(sheet, window))

    def _draw_spread(self, layers, sheet: Sheet, s: float) -> None:
        """A page of a spread: headers and body side by side (nothing overlaps), so all graphics go first,
        then the text in reading order: stage headers, then lane by lane, each lane's name before its cards."""
        texts: dict[str, list[TextShape]] = {}
        for name, shapes, (tx, ty), clip in layers:
            box = ((clip[0] - tx) / s, (clip[1] - ty) / s, (clip[2] - tx) / s, (clip[3] - ty) / s)
            shown = shapes if name == "groups" else self._index(name, shapes).visible(box)  # groups: this page's
            self._with_transform(tx, ty, s, clip, [shape for shape in shown if not isinstance(shape, TextShape)])
            found = [shape for shape in shown if isinstance(shape, TextShape)]
            if name == "body":  # whole stages: a text belongs to the page its anchor is on
                x0, y0, x1, y1 = sheet.window
                found = [t for t in found if x0 <= t.x < x1 and y0 <= t.y < y1 + t.size]
            texts[name] = found
        for name, _, (tx, ty), clip in layers:
            if name in ("corner", "stages"):
                self._with_transform(tx, ty, s, clip, self._reading_order(texts.get(name, []), name))
        body = next(layer for layer in layers if layer[0] == "body")
        merged = list(texts["body"])
        for name, _, (tx, _), _ in layers:  # lane names moved into the body's coordinates, to sort them with cards
            if name in ("lanes", "lanes-no-groups", "groups"):
                dx = (tx - body[2][0]) / s
                merged += [t._replace(x=t.x + dx) for t in texts.get(name, [])]
        self._with_transform(body[2][0], body[2][1], s, None, self._reading_order(merged, "body"))

    @cached_property
    def _lanes_without_groups(self) -> list[Shape]:
        """The lane headers without the groups' bands (each page draws its own part of a band); once per export."""
        groups = {id(shape) for shape in self.picture.lane_groups}
        return [shape for shape in self.picture.lane_headers if id(shape) not in groups]

    @cached_property
    def _group_names(self) -> dict[str, str]:
        return {group.id: group.name for group in self.content.lane_groups}

    @cached_property
    def _group_notes(self) -> dict[str, int]:
        """Lane group id -> the number of the note that gives its name in full."""
        return {cut.target[1]: number for number, cut in enumerate(self.cuts, start=1) if cut.target[0] == "group"}

    def _index(self, layer: str, shapes: list[Shape]):
        from app.painters.shape_index import ShapeIndex

        indexes = self.__dict__.setdefault("_indexes", {})
        if layer not in indexes:
            indexes[layer] = ShapeIndex(shapes)
        return indexes[layer]

    def _with_transform(self, tx: float, ty: float, s: float, clip, shapes: list[Shape]) -> None:
        if not shapes:
            return
        canvas, page_height = self.canvas, self.options.page[1]
        canvas.saveState()
        if clip is not None:
            path = canvas.beginPath()
            path.rect(clip[0], page_height - clip[3], clip[2] - clip[0], clip[3] - clip[1])
            canvas.clipPath(path, stroke=0, fill=0)
        canvas.translate(tx, page_height - ty)
        canvas.scale(s, s)
        self.painter.paint(shapes)
        canvas.restoreState()
        self.painter.reset_state()

    def _reading_order(self, texts: list[TextShape], layer: str) -> list[TextShape]:
        """Text sorted the way a person reads the map: header bands left to right, lanes top to bottom."""
        if layer == "stages":  # phases above stage names
            stage_top = self._stage_top
            return sorted(texts, key=lambda t: (t.y >= stage_top, self._column_of(t.x)))
        if layer in ("body", "lanes"):  # the keys made by C-level maps: a spread sorts every card line of the map
            keys = list(zip(map(bisect_right, repeat(self._row_tops), [t.y for t in texts]),
                            map(bisect_right, repeat(self._column_lefts), [t.x for t in texts]), strict=True))
            return [texts[i] for i in sorted(range(len(texts)), key=keys.__getitem__)]
        return texts

    def _column_of(self, x: float) -> int:
        return bisect_right(self._column_lefts, x)  # 0 = the lane header column

    def _mark_stages(self, sheet: Sheet, marked: int) -> int:
        """Outline entries for the stages whose header starts on this sheet."""
        if sheet.row != 0:
            return marked
        s, page_height = self.plan.scale, self.options.page[1]
        columns = self.layout.columns
        while marked < len(columns):
            column = columns[marked]
            if not sheet.window[0] <= column.x + 1 < sheet.window[2]:
                break
            left = sheet.origin[0] + (column.x - sheet.window[0]) * s
            key = f"stage-{marked}"
            self.canvas.bookmarkPage(key, fit="XYZ", left=max(0.0, left - 10), top=page_height - sheet.origin[1] + 10)
            name = self.content.stages[marked].name or f"Stage {marked + 1}"
            self.canvas.addOutlineEntry(f"{marked + 1}. {name}", key, 1)
            marked += 1
        return marked

    # --- page furniture ---------------------------------------------------------------

    def _footer(self, number: int, total: int, label: str, legend: bool = False) -> list[Shape]:
        """Title (and sheet label) at the left, page number at the right; on map pages, the legend
        of the markers the map uses just left of the page number."""
        from app.layout.fonts import elide, text_width
        from app.layout.legend import legend_items, legend_shapes

        page_width, page_height = self.options.page
        m = self.options.margin_pt
        y = page_height - m - 4
        left = self.title if not label else f"{self.title} \u2014 {label}"
        size = 8.0
        right = f"page {number} of {total}"
        shapes: list[Shape] = []
        room = page_width - 2 * m - 90
        if legend and not hasattr(self, "_legend"):
            self._legend = legend_items(self.content)  # the same on every map page: look once, not per page
        evidence, kpis = self._legend if legend else (False, False)
        key = min(size, max(5.0, self.plan.scale * theme.CARD_FONT_SIZE))  # the legend is never larger than the cards
        if evidence or kpis:
            _, width = legend_shapes(0, y, key, evidence=evidence, kpis=kpis)
            x = page_width - m - text_width(right, size) - 24 - width
            if x > m + min(room, 160):  # keep room for the title
                shapes, _ = legend_shapes(x, y, key, evidence=evidence, kpis=kpis, color=FURNITURE_TEXT)
                room = x - m - 24
            else:  # a narrow (portrait) page: the legend on its own line above, in the room the plan kept
                shapes, _ = legend_shapes(page_width - m - width, y - LEGEND_LINE, key, evidence=evidence,
                                          kpis=kpis, color=FURNITURE_TEXT)
        return [TextShape(m, y, elide(left, room, size), size, False, FURNITURE_TEXT), *shapes,
                TextShape(page_width - m, y, right, size, False, FURNITURE_TEXT, "right")]

    def _sheet_furniture(self, sheet: Sheet, window: tuple[float, float, float, float]) -> list[Shape]:
        shapes: list[Shape] = []
        m = self.options.margin_pt
        if not self.plan.tiled:
            tag = next((f"[{number}]" for number, cut in enumerate(self.cuts, start=1) if cut.target == ("title",)),
                       "")
            return title_line(self.title, self.options.page[0] - 2 * m, m, m, theme.LANE_HEADER_TEXT, tag)
        return shapes + marks(sheet, window, self.options, self.plan.overlap) + margin_labels(
            sheet, self.plan, self.layout, self.content)

    def _guide_shapes(self) -> list[Shape]:
        from app.io.pdf.extras import guide_shapes

        first = 1 + (1 if self.options.cover else 0) + 1
        return guide_shapes(self.plan, self.layout, self.title, first)

    def _draw_images(self, images) -> None:
        import io

        from reportlab.lib.utils import ImageReader

        from app.io.image.photo import PhotoError, photo_thumbnail, whose

        page_height = self.options.page[1]
        for image in images:
            try:  # at most about 300 dpi at the size it is printed
                reader = ImageReader(io.BytesIO(photo_thumbnail(image.data, PHOTO_PIXELS)))
                width, height = reader.getSize()
            except PhotoError as exc:
                self.warnings.append(whose(f"{exc} (cover page)" if exc.too_large else
                                           "the persona photo could not be read and was left out of the cover",
                                           image.owner))
                continue
            except Exception:  # noqa: BLE001 - any undecodable photo: say so, keep the cover
                self.warnings.append(whose("the persona photo could not be read and was left out of the cover",
                                           image.owner))
                continue
            k = min(image.width / width, image.height / height)
            w, h = width * k, height * k
            self.canvas.drawImage(reader, image.x + (image.width - w) / 2, page_height - image.y - h, w, h,
                                  mask="auto")
