"""Lane-group bands on pages whose lanes continue on another page: spreads, poster sheets (pure layout).

A group's band on the whole map is as tall as its lanes, with its name upright in the middle. Where a page
break falls inside a group, each page draws the part of the band it shows, with the group's whole name
centred in that part, so every page says which group each of its lanes belongs to; a short part sets it
smaller, down to the printed size of the smallest card text (MIN_CARD_TEXT_PT). A part too short for the name
even so (a group's last lane alone on a page) shows it cut with the number of the note that gives it in full.
"""

from __future__ import annotations

from bisect import bisect_right

from app.io.pdf.pages import MIN_CARD_TEXT_PT, MapPlan, Sheet
from app.layout import theme
from app.layout.fonts import elide, text_width
from app.layout.model import LaneGroupBox, MapLayout, Rect
from app.layout.painting import lane_group_shapes
from app.layout.shapes import Shape


def splits_groups(plan: MapPlan, layout: MapLayout) -> bool:
    """Whether some page of the plan shows only part of a lane group's band (spreads of lanes, poster sheets
    one above the other)."""
    return (plan.spreads or plan.tiled) and plan.rows > 1 and bool(layout.lane_groups)


def shows_bands(sheet: Sheet) -> bool:
    """Whether a page draws the lane header column (with the groups' bands): every page of a spread, the
    left column of a poster's sheets."""
    return sheet.pin_lanes or sheet.column == 0


def room_for_name(height: float) -> float:
    """How long an upright group name may be in a band `height` tall."""
    return height - 2 * theme.HEADER_PADDING


def name_size(name: str, height: float, scale: float) -> float | None:
    """The size (layout points) that sets `name` whole in a band part `height` tall: the band's usual size, or
    smaller, never below MIN_CARD_TEXT_PT on paper at `scale`; None when even that is too long."""
    size = theme.PHASE_FONT_SIZE
    least = min(size, MIN_CARD_TEXT_PT / scale)
    width = text_width(name, size, True)
    if width <= room_for_name(height) + 0.01:
        return size
    fitted = size * room_for_name(height) / width
    return fitted if fitted >= least else None


def page_group_boxes(layout: MapLayout, window: tuple[float, float, float, float]) -> list[LaneGroupBox]:
    """The part of each lane group's band between the window's top and bottom (map points). The bands lie one
    under another, so the first one a page shows is found by bisection: a map of thousands of groups on
    thousands of pages no longer compares every group with every page."""
    _, y0, _, y1 = window
    groups = layout.lane_groups
    bottoms = _sorted_bottoms(groups)
    start = 0 if bottoms is None else bisect_right(bottoms, y0 + 0.5)
    boxes = []
    for box in groups[start:] if start else groups:
        if bottoms is not None and box.rect.y >= y1 - 0.5:
            break
        top, bottom = max(box.rect.y, y0), min(box.rect.bottom, y1)
        if bottom - top > 0.5:
            boxes.append(box._replace(rect=Rect(box.rect.x, top, box.rect.width, bottom - top)))
    return boxes


_bottoms_of: tuple[list[LaneGroupBox], list[float] | None] | None = None


def _sorted_bottoms(groups: list[LaneGroupBox]) -> list[float] | None:
    """The bands' bottoms when the bands follow one another down the map (as a layout places them), else None;
    kept for the last list asked about (one export asks about one layout's groups, page after page)."""
    global _bottoms_of
    if _bottoms_of is None or _bottoms_of[0] is not groups:
        bottoms = [box.rect.bottom for box in groups]
        tops = [box.rect.y for box in groups]
        ordered = all(a <= b for a, b in zip(bottoms, tops[1:], strict=False)) and all(
            t <= b for t, b in zip(tops, bottoms, strict=True))
        _bottoms_of = (groups, bottoms if ordered else None)
    return _bottoms_of[1]


def needs_name(plan: MapPlan, sheet: Sheet, box: LaneGroupBox) -> bool:
    """Whether a part of a band carries the group's name: not a poster sheet's strip that lies wholly in its
    overlap with the sheet above or below (glued under that sheet, which names the group)."""
    if not plan.tiled:
        return True
    overlap = plan.overlap / plan.scale
    _, y0, _, y1 = sheet.window
    above = sheet.has_above and box.rect.bottom <= y0 + overlap + 0.01
    below = sheet.has_below and box.rect.y >= y1 - overlap - 0.01
    return not (above or below)


def short_parts(plan: MapPlan, layout: MapLayout, names: dict[str, str]) -> dict[str, list[int]]:
    """Group id -> the indexes of the sheets whose part of its band is too short for its whole name."""
    short: dict[str, list[int]] = {}
    for index, sheet in enumerate(plan.sheets):
        if not shows_bands(sheet):
            continue
        for box in page_group_boxes(layout, sheet.window):
            name = names.get(box.group_id, box.name)
            if needs_name(plan, sheet, box) and name_size(name, box.rect.height, plan.scale) is None:
                short.setdefault(box.group_id, []).append(index)
    return short


def page_group_shapes(plan: MapPlan, layout: MapLayout, sheet: Sheet, names: dict[str, str],
                      notes: dict[str, int]) -> list[Shape]:
    """The bands of the lane groups a page shows, each with the group's name whole, or cut with "… [n]" where
    note n gives it (`names`: group id -> name; `notes`: group id -> note number)."""
    shapes: list[Shape] = []
    for box in page_group_boxes(layout, sheet.window):
        if not needs_name(plan, sheet, box):
            shapes += [shape for shape in lane_group_shapes(box._replace(name="")) if getattr(shape, "text", "x")]
            continue
        name = names.get(box.group_id, box.name)
        size = name_size(name, box.rect.height, plan.scale)
        if size is None:
            size = theme.PHASE_FONT_SIZE
            if box.group_id in notes:
                suffix = f"\u2026 [{notes[box.group_id]}]"
                room = room_for_name(box.rect.height) - text_width(suffix, size, True)
                name = elide(name, max(0.0, room), size, True).removesuffix("\u2026").rstrip() + suffix
        shapes += lane_group_shapes(box._replace(name=name), size)
    return shapes


def add_page_group_cuts(cuts: list, plan: MapPlan, layout: MapLayout, content, first_page: int) -> list:
    """`cuts` (app.check.CutText, in map order) with a note for each lane group whose name some page's part of
    its band cannot hold whole (and the whole band can), placed after the header names' notes."""
    from app.check import CutText, Finding

    names = {group.id: group.name for group in content.lane_groups}
    noted = {cut.target[1] for cut in cuts if cut.target[0] == "group"}
    added = []
    for group_id, sheets in short_parts(plan, layout, names).items():
        if group_id in noted:
            continue
        pages = page_ranges([first_page + index for index in sheets])
        name = names[group_id]
        message = f"lane group name {name!r} is cut on PDF {pages}, where only some of its lanes are"
        added.append(CutText("lane group name", f"lane group band, {pages}", name,
                             Finding("warning", "text-cut", message), ("group", group_id)))
    if not added:
        return cuts
    headers = ("phase name", "stage name", "stage description", "KPI", "lane name", "lane group name")
    at = next((i for i, cut in enumerate(cuts) if cut.what not in headers), len(cuts))
    return [*cuts[:at], *added, *cuts[at:]]


def page_ranges(pages: list[int]) -> str:
    """"page 6", "pages 6\u201310, 12"."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    text = ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}\u2013{run[-1]}" for run in runs)
    return f"page{'s' if len(pages) > 1 else ''} {text}"
