"""Page furniture around the map: crop and registration marks, names in a poster sheet's margins, the
label and warning of page spreads. Pure shapes (no reportlab)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from app.io.pdf.pages import MIN_CARD_TEXT_PT, MapPlan, PdfOptions, Sheet
from app.layout import theme
from app.layout.fonts import line_height
from app.layout.shapes import EllipseShape, LineShape, Shape, TextShape

MARK_COLOR = "#000000"
FURNITURE_TEXT = "#4a5568"
MIN_MARGIN_TEXT_PT = 4.0  # the smallest names in a poster sheet's margins


def margin_labels(sheet: Sheet, plan: MapPlan, layout, content) -> list[Shape]:
    """On poster sheets without the header bands: the lanes' names up the left margin beside their rows,
    and the stages' names in the top margin over their columns, so each sheet reads on its own. A name is
    set smaller or over more lines rather than cut; a part too small for it whole is named on its neighbour."""
    m, s = plan.options.margin_pt, plan.scale
    size = min(7.0, m * 0.45)
    if size < 4:
        return []
    # the overlaps with the neighbouring sheets hold the registration targets, and the neighbour names what
    # lies there: the names keep to the rest of the sheet
    overlap = plan.overlap / s
    x0, y0, x1, y1 = sheet.window
    x0, x1 = x0 + overlap * sheet.has_left, x1 - overlap * sheet.has_right
    y0, y1 = y0 + overlap * sheet.has_above, y1 - overlap * sheet.has_below
    shapes: list[Shape] = []
    groups = {group.id: group.name for group in content.lane_groups}
    if sheet.column > 0:
        for row, lane in zip(layout.rows, content.lanes, strict=False):
            top, bottom = max(row.y, y0), min(row.y + row.height, y1)
            if bottom - top < 4:
                continue
            _, y_top = sheet.to_page(x0, top, s)
            _, y_bottom = sheet.to_page(x0, bottom, s)
            room = y_bottom - y_top - 4
            # a lane in a group says which ("Backstage \u203a Invoicing"), as the band beside the lanes does
            grouped = f"{groups[lane.group_id]} \u203a {lane.name}" if lane.group_id in groups else lane.name
            fitted = _fit_label((grouped, lane.name), room, m * 0.6, size)
            if fitted is None:  # a sliver of the lane: the sheet beside or above names it whole
                continue
            lines, fitted_size = fitted
            for index, line in enumerate(lines):
                shapes.append(TextShape(m * 0.3 + size * 0.8 + index * line_height(fitted_size),
                                        (y_top + y_bottom) / 2, line, fitted_size, True, FURNITURE_TEXT, "center",
                                        90.0))
    if sheet.row > 0:
        for column, stage in zip(layout.columns, content.stages, strict=False):
            left, right = max(column.x, x0), min(column.x + column.width, x1)
            if right - left < 4:
                continue
            x_left, _ = sheet.to_page(left, y0, s)
            x_right, _ = sheet.to_page(right, y0, s)
            fitted = _fit_label((stage.name,), x_right - x_left - 4, m * 0.8, size)
            if fitted is None:  # a sliver of the column: the sheet beside or above names it whole
                continue
            lines, fitted_size = fitted
            first = m * 0.55 - (len(lines) - 1) * line_height(fitted_size) / 2
            for index, line in enumerate(lines):
                shapes.append(TextShape((x_left + x_right) / 2, first + index * line_height(fitted_size), line,
                                        fitted_size, True, FURNITURE_TEXT, "center"))
    return shapes


def _fit_label(texts: tuple[str, ...], length: float, depth: float, size: float
               ) -> tuple[tuple[str, ...], float] | None:
    """The first of `texts` that fits whole in a margin strip `length` long and `depth` deep, as its lines and
    size: on one line, set smaller rather than cut (not below 4 pt), else over as many 4 pt lines as the depth
    holds. None when none fits whole (a label there would be cut: the sheet next to it names the row or column
    whole, in its headers or its own margin)."""
    from app.layout.fonts import line_height, text_width, wrap_text

    candidates = [" ".join(text.split()) for text in dict.fromkeys(texts)]
    for text in candidates:
        width = text_width(text, size, True)
        if width <= length:
            return (text,), size
        if size * length / width >= MIN_MARGIN_TEXT_PT:
            return (text,), size * length / width * 0.999
    lines_held = int(depth // line_height(MIN_MARGIN_TEXT_PT))
    for text in candidates:
        lines = wrap_text(text, length, MIN_MARGIN_TEXT_PT, True)
        if 1 < len(lines) <= lines_held and max(text_width(line, MIN_MARGIN_TEXT_PT, True) for line in lines) <= length:
            return lines, MIN_MARGIN_TEXT_PT
    return None


TITLE_SIZE, TITLE_MIN_SIZE = 13.0, 9.0


def title_fits(title: str, room: float) -> bool:
    """Whether the map's title fits whole in the title line above a page's map (see `title_line`)."""
    from app.layout.fonts import text_width, wrap_text

    title = " ".join(title.split())
    if text_width(title, TITLE_MIN_SIZE, True) <= room:
        return True
    return len(wrap_text(title, room, TITLE_MIN_SIZE, True)) <= 2


def title_line(title: str, room: float, x: float, top: float, color: str, tag: str = "") -> list[Shape]:
    """The map's title above the map, in the title line's 24 points: at 13 pt, smaller down to 9 pt, then on
    two lines of 9 pt; a title longer still ends in "… [n]" (`tag`), its note giving it in full."""
    from app.io.pdf.notes import tag_block
    from app.layout.fonts import text_width, wrap_text
    from app.layout.model import TextLines

    title = " ".join(title.split())
    width = text_width(title, TITLE_SIZE, True)
    if width <= room or TITLE_SIZE * room / width >= TITLE_MIN_SIZE:
        size = TITLE_SIZE if width <= room else TITLE_SIZE * room / width * 0.999
        return [TextShape(x, top + 14, title, size, True, color)]
    lines = wrap_text(title, room, TITLE_MIN_SIZE, True)
    if len(lines) > 2:
        lines = tag_block(TextLines(lines[:2], 0.0, 0.0, TITLE_MIN_SIZE, True, color), tag or "", room).lines
    return [TextShape(x, top + 9 + index * 11, line, TITLE_MIN_SIZE, True, color) for index, line in enumerate(lines)]


class Edges(NamedTuple):
    """Where each stage (or lane) starts and ends along its axis, in layout order (both ascend)."""

    starts: list[float]
    ends: list[float]

    @classmethod
    def of(cls, boxes: list, start: str, size: str) -> Edges:
        starts = [getattr(box, start) for box in boxes]
        return cls(starts, [low + getattr(box, size) for low, box in zip(starts, boxes, strict=True)])

    def shown(self, low: float, high: float) -> tuple[int, int]:
        """The first and last reaching more than a point into low..high (first > last: none), by bisection: each
        page of a spread of thousands of stages names its own without looking at all of them."""
        return bisect_right(self.ends, low + 1), bisect_left(self.starts, high - 1) - 1


def spread_label(sheet: Sheet, plan: MapPlan, columns: Edges, rows: Edges) -> str:
    """"stages 9-16 of 30" (and "lanes 1-8 of 15") for a page of a spread; empty for a single page."""
    if not plan.spreads:
        return ""
    x0, y0, x1, y1 = sheet.window
    parts = []
    if plan.columns > 1:
        first, last = columns.shown(x0, x1)
        parts.append(f"stages {first + 1}\u2013{last + 1} of {len(columns.starts)}" if first <= last else "")
    if plan.rows > 1:
        first, last = rows.shown(y0, y1)
        parts.append(f"lanes {first + 1}\u2013{last + 1} of {len(rows.starts)}" if first <= last else "")
    return ", ".join(part for part in parts if part)


def spread_warnings(plan: MapPlan, layout) -> list[str]:
    """Say when the map does not go on one page as asked, or prints small."""
    options = plan.options
    text_size = plan.scale * theme.CARD_FONT_SIZE
    if plan.spreads:
        from app.io.pdf.pages import page_for_one_sheet
        from app.io.pdf.pages import plan_map as plan_one

        one = plan_one(options, layout.width, layout.height, layout.header_height, layout.lane_header_width)
        # in words for the command line and the editor's dialog alike (--page-size, --fit tile there)
        paper = page_for_one_sheet(options, *plan.map_size)
        return [f"the whole map on one {options.page_size} page would set card text at "
                f"{one.scale * theme.CARD_FONT_SIZE:.1f} pt; it is printed on {len(plan.sheets)} pages of "
                f"{'stages' if plan.columns > 1 else 'lanes'} instead ({plan.scale * 100:.0f} %, card text "
                f"{text_size:.1f} pt) with the headers repeated; "
                + (f"for one page choose page size {paper} or larger, or a tiled poster" if paper
                   else "for a wall chart choose a tiled poster")]
    if not plan.tiled and text_size < MIN_CARD_TEXT_PT:
        return [f"the whole map on one {options.page_size} sheet is scaled to {plan.scale * 100:.0f} % (card text "
                f"{text_size:.1f} pt); for print, choose a tiled poster or a larger page size"]
    return []


def marks(sheet: Sheet, window: tuple[float, float, float, float], options: PdfOptions,
           overlap: float) -> list[Shape]:
    """Crop marks at the window's corners, glue lines and registration targets in the margins."""
    m = options.margin_pt
    if m < 4:
        return []
    page_width, page_height = options.page
    left, top, right, bottom = window
    gap, width = 2.0, 0.4
    length = m - gap - 1
    shapes: list[Shape] = []
    for x in (left, right):  # vertical cut lines, ticks in the top and bottom margins
        shapes.append(LineShape(x, m - gap - length, x, m - gap, MARK_COLOR, width))
        shapes.append(LineShape(x, page_height - m + gap, x, page_height - m + gap + length, MARK_COLOR, width))
    for y in (top, bottom):  # horizontal cut lines, ticks in the left and right margins
        shapes.append(LineShape(m - gap - length, y, m - gap, y, MARK_COLOR, width))
        shapes.append(LineShape(page_width - m + gap, y, page_width - m + gap + length, y, MARK_COLOR, width))
    radius = min(3.5, length / 2 - 0.5)
    mid_top, mid_bottom = m / 2, page_height - m / 2
    mid_left, mid_right = m / 2, page_width - m / 2
    targets: list[tuple[float, float]] = []
    if sheet.has_right:
        x = right - overlap / 2
        targets += [(x, mid_top), (x, mid_bottom)]
        shapes += [LineShape(right - overlap, m - gap - length, right - overlap, m - gap, MARK_COLOR, width,
                             (1.5, 1.5))]
    if sheet.has_left:
        x = left + overlap / 2
        targets += [(x, mid_top), (x, mid_bottom)]
    if sheet.has_below:
        y = bottom - overlap / 2
        targets += [(mid_left, y), (mid_right, y)]
        shapes += [LineShape(m - gap - length, bottom - overlap, m - gap, bottom - overlap, MARK_COLOR, width,
                             (1.5, 1.5))]
    if sheet.has_above:
        y = top + overlap / 2
        targets += [(mid_left, y), (mid_right, y)]
    for x, y in targets:
        shapes += _target(x, y, radius)
    return shapes


def _target(x: float, y: float, radius: float) -> list[Shape]:
    """A registration mark: a circle with a cross through it."""
    reach = radius * 1.6
    return [EllipseShape(x, y, radius, radius, None, MARK_COLOR, 0.4),
            LineShape(x - reach, y, x + reach, y, MARK_COLOR, 0.4),
            LineShape(x, y - reach, x, y + reach, MARK_COLOR, 0.4)]

