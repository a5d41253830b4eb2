"""Page setup and the placement of the map on PDF pages (pure Python: no reportlab, no Qt).

The exporter and the export dialog's preview share this, so the preview shows exactly the
sheets the PDF will have. Page coordinates are points with y growing downwards from the page's
top-left corner; map coordinates are layout points.

Tiling: a poster at `scale` percent is cut into as few windows of the map as the sheet allows, all
the same size (no sliver sheets), one per sheet, overlapping by `OVERLAP_MM`. Sheets waste no room on
repeated header bands: the exporter names the lanes (stages) a sheet shows in its left (top) margin,
so every sheet reads on its own; to assemble the wall, trim along the crop marks and overlap the
sheets, matching the registration marks.

Spreads: page mode, when one page would set card text below MIN_CARD_TEXT_PT, puts groups of whole
stages (and lanes) on consecutive pages, each with the header bands repeated.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

MM = 72.0 / 25.4

PAGE_SIZES: dict[str, tuple[float, float]] = {  # portrait width x height, points
    "A4": (210 * MM, 297 * MM),
    "A3": (297 * MM, 420 * MM),
    "A2": (420 * MM, 594 * MM),
    "A1": (594 * MM, 841 * MM),
    "A0": (841 * MM, 1189 * MM),
    "Letter": (612.0, 792.0),
    "Legal": (612.0, 1008.0),
    "Tabloid": (792.0, 1224.0),
}
ORIENTATIONS = ("landscape", "portrait")
FITS = ("page", "tile", "poster")
"""page: the map on one page (spreads when too small to read); tile: a poster over many sheets at --scale;
poster: the whole map on one big sheet (A1 unless --page-size says otherwise), never split."""

DEFAULT_MARGIN_MM = 10.0
OVERLAP_MM = 10.0
MIN_SCALE, MAX_SCALE = 5.0, 1000.0
MAX_SHEETS = 2000
MIN_CARD_TEXT_PT = 6.0
"""Fitting the map on one page never sets card text below this: the map goes on consecutive page
spreads (groups of stages, lane headers repeated) instead."""
CARD_TEXT_PT = 11.0  # the layout's card font size (theme.CARD_FONT_SIZE)
TITLE_HEIGHT = 24.0  # page mode: the title line above the map
FOOTER_HEIGHT = 16.0  # every map page: sheet label and page number below the map
LEGEND_LINE = 12.0  # portrait pages: the legend gets its own line above the footer


class PdfOptionError(ValueError):
    """An option value the exporter cannot use; the message is one line."""


class PdfOptions(NamedTuple):
    """How a map is laid out on PDF pages."""

    page_size: str = "A4"
    orientation: str = "landscape"
    fit: str = "page"
    scale: float = 100.0  # percent, tile mode
    margin: float = DEFAULT_MARGIN_MM  # millimetres
    cover: bool = False
    appendix: bool = False
    channels: bool = False  # a channel matrix page after the map

    @property
    def page(self) -> tuple[float, float]:
        width, height = PAGE_SIZES[self.page_size]
        return (max(width, height), min(width, height)) if self.orientation == "landscape" else (width, height)

    @property
    def margin_pt(self) -> float:
        return self.margin * MM


def pdf_options(page_size: str | None = None, orientation: str | None = None, fit: str | None = None,
                scale: float | None = None, margin: float | None = None, cover: bool | None = None,
                appendix: bool | None = None, channels: bool | None = None) -> PdfOptions:
    """Checked options (None means the default); raises PdfOptionError with a one-line message."""
    fit = (fit or "page").strip().lower()
    size = ("A1" if fit == "poster" else "A4") if page_size is None else str(page_size).strip()
    names = {name.casefold(): name for name in PAGE_SIZES}
    if size.casefold() not in names:
        raise PdfOptionError(f"unknown page size {size!r}; choose one of: {', '.join(PAGE_SIZES)}")
    orientation = (orientation or "landscape").strip().lower()
    if orientation not in ORIENTATIONS:
        raise PdfOptionError(f"unknown orientation {orientation!r}; choose landscape or portrait")
    if fit not in FITS:
        raise PdfOptionError(f"unknown fit {fit!r}; choose page (one page), tile (a poster on several sheets) "
                             "or poster (one big sheet)")
    scale = 100.0 if scale is None else float(scale)
    if not MIN_SCALE <= scale <= MAX_SCALE:  # also refuses NaN
        raise PdfOptionError(f"scale {scale:g} % is out of range; choose {MIN_SCALE:g} to {MAX_SCALE:g} percent")
    margin = DEFAULT_MARGIN_MM if margin is None else float(margin)
    options = PdfOptions(names[size.casefold()], orientation, fit, scale, margin, bool(cover), bool(appendix),
                         bool(channels))
    width, height = options.page
    if not margin >= 0:
        raise PdfOptionError(f"margin {margin:g} mm is negative; choose 0 mm or more")
    if 2 * options.margin_pt + TITLE_HEIGHT + FOOTER_HEIGHT + 72 > min(width, height):
        article = "an" if options.page_size.startswith("A") else "a"  # an A4, a Letter
        raise PdfOptionError(f"margin {margin:g} mm does not leave room on {article} {options.page_size} page")
    return options


class Sheet(NamedTuple):
    """One map page: which part of the map it shows, where, and which headers it repeats."""

    row: int
    column: int
    window: tuple[float, float, float, float]  # map x0, y0, x1, y1 shown as the body
    origin: tuple[float, float]  # page position of the window's top-left corner
    pin_lanes: bool  # repeat the lane header column at the left
    pin_stages: bool  # repeat the stage header row at the top
    has_left: bool = False
    has_right: bool = False
    has_above: bool = False
    has_below: bool = False

    def to_page(self, x: float, y: float, scale: float) -> tuple[float, float]:
        """A body point of the map (inside the window) on the page."""
        return self.origin[0] + (x - self.window[0]) * scale, self.origin[1] + (y - self.window[1]) * scale

    @property
    def label(self) -> str:
        return f"row {self.row + 1} / column {self.column + 1}"


class MapPlan(NamedTuple):
    """Where the map goes on each map page, in order (left to right, then top to bottom)."""

    options: PdfOptions
    scale: float  # paper points per map point
    sheets: tuple[Sheet, ...]
    rows: int
    columns: int
    content: tuple[float, float, float, float]  # page x, y, width, height available for the map
    map_size: tuple[float, float]
    header_height: float
    lane_header_width: float

    @property
    def tiled(self) -> bool:
        return self.options.fit == "tile"

    @property
    def spreads(self) -> bool:
        """Page mode split over several pages because one page would set card text too small."""
        return self.options.fit == "page" and len(self.sheets) > 1

    @property
    def clipped(self) -> bool:
        """Whether each map page shows a window of the map (posters and spreads)."""
        return self.tiled or self.spreads

    @property
    def overlap(self) -> float:
        """The overlap between neighbouring sheets, in paper points."""
        return OVERLAP_MM * MM if self.tiled else 0.0


def plan_map(options: PdfOptions, map_width: float, map_height: float, header_height: float,
             lane_header_width: float, column_lefts: Sequence[float] = (), row_tops: Sequence[float] = (),
             card_spans: Sequence[tuple[float, float]] = ()) -> MapPlan:
    """Where the map goes. With the columns' left edges and the rows' tops, a page-mode map whose card
    text would print below MIN_CARD_TEXT_PT is split into spreads at stage and lane boundaries (a lane
    taller than a page between cards, given their (top, bottom) spans)."""
    page_width, page_height = options.page
    m = options.margin_pt
    top = m + (TITLE_HEIGHT if options.fit != "tile" else 0.0)
    footer = FOOTER_HEIGHT + (LEGEND_LINE if options.orientation == "portrait" else 0.0)
    content = (m, top, page_width - 2 * m, page_height - top - m - footer)
    map_width, map_height = max(map_width, 1.0), max(map_height, 1.0)
    if options.fit != "tile":
        scale = min(content[2] / map_width, content[3] / map_height)
        if options.fit == "page" and scale * CARD_TEXT_PT < MIN_CARD_TEXT_PT and column_lefts:
            return _spreads(options, content, (map_width, map_height), header_height, lane_header_width,
                            list(column_lefts), list(row_tops), card_spans)
        x = m + (content[2] - map_width * scale) / 2
        sheet = Sheet(0, 0, (0.0, 0.0, map_width, map_height), (x, top), False, False)
        return MapPlan(options, scale, (sheet,), 1, 1, content, (map_width, map_height), header_height,
                       lane_header_width)
    scale = options.scale / 100.0
    overlap = OVERLAP_MM * MM / scale
    columns = _spans(map_width, content[2] / scale, lane_header_width, overlap)
    rows = _spans(map_height, content[3] / scale, header_height, overlap)
    if len(columns) * len(rows) > MAX_SHEETS:
        raise PdfOptionError(f"the map would need {len(columns) * len(rows)} sheets at {options.scale:g} %; "
                             "choose a smaller scale or a bigger page")
    sheets = []
    for r, (y0, y1, pin_stages) in enumerate(rows):
        for c, (x0, x1, pin_lanes) in enumerate(columns):
            origin = (m + (lane_header_width * scale if pin_lanes else 0.0),
                      top + (header_height * scale if pin_stages else 0.0))
            sheets.append(Sheet(r, c, (x0, y0, x1, y1), origin, pin_lanes, pin_stages,
                                has_left=c > 0, has_right=c < len(columns) - 1,
                                has_above=r > 0, has_below=r < len(rows) - 1))
    return MapPlan(options, scale, tuple(sheets), len(rows), len(columns), content, (map_width, map_height),
                   header_height, lane_header_width)


def page_for_one_sheet(options: PdfOptions, map_width: float, map_height: float) -> str | None:
    """The smallest paper (same orientation and margin) that holds the whole map on one page with card
    text of at least MIN_CARD_TEXT_PT, or None when not even A0 does."""
    for name in ("A4", "A3", "A2", "A1", "A0"):
        page_width, page_height = options._replace(page_size=name).page
        m = options.margin_pt
        width, height = page_width - 2 * m, page_height - 2 * m - TITLE_HEIGHT - FOOTER_HEIGHT
        if min(width / max(map_width, 1.0), height / max(map_height, 1.0)) * CARD_TEXT_PT >= MIN_CARD_TEXT_PT:
            return name
    return None


def _greedy(bounds: list[float], room: float) -> list[tuple[float, float]]:
    """Consecutive spans between `bounds` packed into groups no longer than `room` (a longer span alone)."""
    groups: list[tuple[float, float]] = []
    first = bounds[0]
    for previous, edge in zip(bounds, bounds[1:], strict=False):
        if edge - first > room + 0.01 and previous > first:
            groups.append((first, previous))
            first = previous
    groups.append((first, bounds[-1]))
    return groups


def _groups(edges: list[float], end: float, start: float, room: float,
            card_spans: Sequence[tuple[float, float]] = ()) -> list[tuple[float, float]]:
    """The spans between `edges` (from `start` to `end`) in as few groups of at most `room` as possible,
    balanced so the longest group is as short as it can be. When a single span is longer than `room` (a very
    tall lane), the axis is cut into windows instead (see _windows)."""
    bounds = [e for e in edges if start <= e < end] or [start]
    bounds = (bounds if bounds[0] <= start + 0.01 else [start, *bounds]) + [end]
    count = len(_greedy(bounds, room))
    low = max(b - a for a, b in zip(bounds, bounds[1:], strict=False))
    high = room
    if low <= room:
        for _ in range(30):  # the shortest room that still needs no more groups
            middle = (low + high) / 2
            if len(_greedy(bounds, middle)) <= count:
                high = middle
            else:
                low = middle
    groups = _greedy(bounds, high)
    if any(b - a > room * 1.0001 for a, b in groups):
        return _windows(bounds, room, card_spans)
    return groups


def _windows(bounds: list[float], room: float, card_spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Windows of at most `room` down the axis, each ending at the last boundary that fits, else (inside a
    span longer than `room`) at the last gap between cards in its lower half, else at `room`: what is left of
    a tall lane shares its page with the lanes after it, and cards are not cut across pages when a gap allows."""
    clear = _clear_gaps(card_spans)
    windows: list[tuple[float, float]] = []
    a, end = bounds[0], bounds[-1]
    while end - a > room * 1.0001:
        # the last boundary that fits, else the last clear gap in the window's lower half (both lists ascend)
        last_bound = bisect_right(bounds, a + room + 0.01) - 1
        last_gap = bisect_right(clear, a + room) - 1
        if last_bound >= 0 and bounds[last_bound] > a:
            b = bounds[last_bound]
        elif last_gap >= 0 and clear[last_gap] > a + room / 2:
            b = clear[last_gap]
        else:
            b = a + room
        windows.append((a, b))
        a = b
    windows.append((a, end))
    return windows


def _clear_gaps(card_spans: Sequence[tuple[float, float]]) -> list[float]:
    """The places just above each card (its top - 1) that no card spans (top < gap < bottom), ascending: where a
    tall lane can be cut between pages. The cards' spans are merged first, so a map of 90,000 cards takes a sort,
    not a comparison of every gap with every card."""
    merged: list[list[float]] = []  # open intervals: a gap exactly at a card's bottom is clear
    for top, bottom in sorted(card_spans):
        if merged and top < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    starts = [start for start, _ in merged]
    clear = []
    for gap in sorted({top - 1.0 for top, _ in card_spans}):
        inside = bisect_left(starts, gap) - 1  # the last merged span starting above the gap
        if inside < 0 or not gap < merged[inside][1]:
            clear.append(gap)
    return clear


def _spreads(options: PdfOptions, content: tuple[float, float, float, float], size: tuple[float, float],
             header_height: float, lane_header_width: float, column_lefts: list[float],
             row_tops: list[float], card_spans: Sequence[tuple[float, float]] = ()) -> MapPlan:
    """Page spreads: groups of stages side by side (lane headers repeated), and groups of lanes when the
    map is too tall too (stage headers repeated): as few pages as card text of MIN_CARD_TEXT_PT allows,
    balanced, each at the largest scale all of them can share."""
    m, top, width, height = content
    map_width, map_height = size
    least = MIN_CARD_TEXT_PT / CARD_TEXT_PT
    columns = _groups(column_lefts, map_width, lane_header_width, width / least - lane_header_width)
    rows = _groups(row_tops, map_height, header_height, height / least - header_height, card_spans)
    widest = max(b - a for a, b in columns)
    tallest = max(b - a for a, b in rows)
    scale = max(least, min(width / (lane_header_width + widest), height / (header_height + tallest), 1.0))
    sheets = []
    for r, (y0, y1) in enumerate(rows):
        for c, (x0, x1) in enumerate(columns):
            origin = (m + lane_header_width * scale, top + header_height * scale)
            sheets.append(Sheet(r, c, (x0, y0, x1, y1), origin, True, True, has_left=c > 0,
                                has_right=c < len(columns) - 1, has_above=r > 0, has_below=r < len(rows) - 1))
    return MapPlan(options, scale, tuple(sheets), len(rows), len(columns), content, size, header_height,
                   lane_header_width)


def _spans(total: float, room: float, header: float, overlap: float) -> list[tuple[float, float, bool]]:
    """(start, end, repeats header) of each window along one axis, in map points.

    As few windows as the sheet allows, all the same size (no sliver sheet at the end), overlapping by
    `overlap`. Header bands are not repeated on the sheets (they would be cut away when assembling the
    wall); the exporter names the lanes and stages in the margins instead."""
    if total <= room + 0.01:
        return [(0.0, total, False)]
    count = math.ceil((total - overlap) / (room - overlap) - 1e-9)
    width = (total + (count - 1) * overlap) / count
    return [(i * (width - overlap), min(total, i * (width - overlap) + width), False) for i in range(count)]


def minimum_sheets(plan: MapPlan) -> int:
    """The fewest sheets that could hold the poster's area at its scale (no overlap, no waste)."""
    width, height = plan.map_size
    area = width * height * plan.scale ** 2
    return max(1, math.ceil(area / (plan.content[2] * plan.content[3]) - 1e-9))
