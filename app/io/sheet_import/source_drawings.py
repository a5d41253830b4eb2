"""What a sheet's drawing layer holds besides pictures: native charts and text in shapes.

A chart is read through its series references -- the cells it plots (hidden or not, on this sheet or
another) and its categories -- with the values Excel cached in the chart as a fallback, and its title.
A shape or text box (DrawingML `sp` with a `txBody`) gives its text and the cells it covers. Every part
is parsed with defusedxml after `source.check_archive` has checked the archive's sizes; a broken drawing
never stops an import (the sheet's cells are still read).
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from defusedxml import ElementTree

from app.io.sheet_import.grid import Pos
from app.io.sheet_import.source_geometry import SheetMetrics, sheet_metrics

_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_STRICT_REL = "{http://purl.oclc.org/ooxml/officeDocument/relationships}"  # Strict Open XML workbooks
MAX_ANCHORS = 2_000
"""Drawing objects read per sheet: far more than any journey map has."""
MAX_SERIES_CELLS = 2_000
MAX_TEXT = 20_000


class Series(NamedTuple):
    """One plotted line: its name, the cells of its values and categories, and the values cached in the chart."""

    name: str
    sheet: str | None  # the sheet its value cells are on (None: no reference, cache only)
    values: tuple[Pos, ...]
    cached: tuple[float | None, ...]
    categories: tuple[str, ...]  # the category labels as cached (or read from the cells later)
    category_cells: tuple[Pos, ...] = ()
    category_sheet: str | None = None
    name_cell: Pos | None = None  # the cell its name comes from (a series titled from the data)


class Chart(NamedTuple):
    """A native chart anchored at a cell, with its title and series."""

    row: int
    col: int
    row2: int
    col2: int
    name: str
    title: str
    kind: str  # 'lineChart', 'barChart', ...
    series: tuple[Series, ...] = ()


class Shape(NamedTuple):
    """Text inside a shape or text box and the cells it covers (first and last row and column, inclusive)."""

    row: int
    col: int
    row2: int
    col2: int
    name: str
    text: str


@dataclass
class Drawings:
    """The charts and shapes a sheet's drawing holds."""

    charts: list[Chart] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_drawings(path: Path) -> dict[str, Drawings]:
    """Charts and shape texts per sheet name; empty when the workbook has none or its drawings are broken."""
    out: dict[str, Drawings] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            workbook_rels = _rels(archive, names, "xl/workbook.xml")
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            for sheet in workbook.iter():
                if local(sheet.tag) != "sheet":
                    continue
                part = workbook_rels.get(sheet.get(f"{_NS_REL}id") or sheet.get(f"{_NS_STRICT_REL}id", ""), "")
                if part not in names:
                    continue
                metrics: SheetMetrics | None = None
                for target in _rels(archive, names, part).values():
                    if "/drawings/" in target and target.endswith(".xml") and target in names:
                        found = out.setdefault(sheet.get("name", ""), Drawings())
                        metrics = metrics or sheet_metrics(archive, part)
                        _read_drawing(archive, names, target, found, metrics)
    except Exception:  # drawings are a bonus: a damaged one never stops the cells from being read
        return out
    return out


def _rels(archive: zipfile.ZipFile, names: set[str], part: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    rel_name = posixpath.join(folder, "_rels", base + ".rels")
    if rel_name not in names:
        return {}
    out: dict[str, str] = {}
    for rel in ElementTree.fromstring(archive.read(rel_name)):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out[rel.get("Id", "")] = posixpath.normpath(full)
    return out


def _read_drawing(archive: zipfile.ZipFile, names: set[str], part: str, found: Drawings,
                  metrics: SheetMetrics) -> None:
    rels = _rels(archive, names, part)
    root = ElementTree.fromstring(archive.read(part))
    for anchor in list(root)[:MAX_ANCHORS]:
        if local(anchor.tag) not in ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor"):
            continue
        box = _anchor_box(anchor, metrics)
        if box is None:
            continue
        for element in anchor:
            tag = local(element.tag)
            if tag == "graphicFrame":
                chart = _chart_of(archive, names, rels, element, box)
                if chart is not None:
                    found.charts.append(chart)
            elif tag == "sp":
                found.shapes.extend(_shapes(element, box))
            elif tag == "grpSp":
                rect = _anchor_rect(anchor, metrics)
                placed = _group_shapes(element, rect, metrics) if rect is not None else []
                found.shapes.extend(placed or _shapes(element, box))


def _anchor_box(anchor: Any, metrics: SheetMetrics) -> tuple[int, int, int, int] | None:
    """(first row, first col, last row, last col) of the cells a drawing object covers: those it covers
    at least half of (by the sheet's real column widths and row heights), else the cell under its centre."""
    rect = _anchor_rect(anchor, metrics, absolute=True)
    return None if rect is None else _cells_of(rect, metrics)


def _cells_of(rect: tuple[int, int, int, int], metrics: SheetMetrics) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) in EMU -> (first row, first col, last row, last col) covered."""
    rows = metrics.covered(rect[0], rect[2], metrics.row_height)
    cols = metrics.covered(rect[1], rect[3], metrics.col_width)
    return rows[0], cols[0], rows[1], cols[1]


def _anchor_rect(anchor: Any, metrics: SheetMetrics, absolute: bool = False) -> tuple[int, int, int, int] | None:
    """The anchor's rectangle in EMU (top, left, bottom, right): where a group's members are mapped to.
    With `absolute`, an absolute anchor's position counts too (a cell anchor's 'from' comes first)."""
    ends: dict[str, tuple[int, int]] = {}  # 'from'/'to' -> (y, x) in EMU from the sheet's top left
    extent = None
    position = None
    for child in anchor:
        tag = local(child.tag)
        if tag in ("from", "to"):
            values = {local(e.tag): _int(e.text) for e in child}
            ends[tag] = (metrics.y(values.get("row", 0)) + values.get("rowOff", 0),
                         metrics.x(values.get("col", 0)) + values.get("colOff", 0))
        elif tag == "ext":
            extent = (_int(child.get("cy")), _int(child.get("cx")))
        elif tag == "pos":
            position = (_int(child.get("y")), _int(child.get("x")))
    start = ends.get("from", position if absolute else None)
    if start is None:
        return None
    end = ends.get("to") or ((start[0] + extent[0], start[1] + extent[1]) if extent else start)
    return start[0], start[1], end[0], end[1]


def _group_shapes(group: Any, rect: tuple[int, int, int, int], metrics: SheetMetrics) -> list[Shape]:
    """Each shape of a group at its own place: its offset in the group's child coordinates, mapped onto
    the rectangle the group is anchored to (grouped chevrons are one anchor, several stages)."""
    xfrm = next((e for e in group if local(e.tag) == "grpSpPr"), None)
    frame = next((e for e in xfrm.iter() if local(e.tag) == "xfrm"), None) if xfrm is not None else None
    values = {local(e.tag): e for e in frame} if frame is not None else {}
    ch_off, ch_ext = values.get("chOff"), values.get("chExt")
    if ch_off is None or ch_ext is None:
        return []
    ox, oy = _int(ch_off.get("x")), _int(ch_off.get("y"))
    cx, cy = max(_int(ch_ext.get("cx")), 1), max(_int(ch_ext.get("cy")), 1)
    top, left, bottom, right = rect
    out: list[Shape] = []
    for member in group:
        tag = local(member.tag)
        if tag not in ("sp", "grpSp"):
            continue
        props = next((e for e in member if local(e.tag) in ("spPr", "grpSpPr")), None)
        child = next((e for e in props.iter() if local(e.tag) == "xfrm"), None) if props is not None else None
        parts = {local(e.tag): e for e in child} if child is not None else {}
        if "off" not in parts or "ext" not in parts:
            out.extend(_shapes(member, _cells_of(rect, metrics)))  # no place of its own: the group's cells
            continue
        x1 = left + (_int(parts["off"].get("x")) - ox) * (right - left) // cx
        y1 = top + (_int(parts["off"].get("y")) - oy) * (bottom - top) // cy
        x2 = x1 + _int(parts["ext"].get("cx")) * (right - left) // cx
        y2 = y1 + _int(parts["ext"].get("cy")) * (bottom - top) // cy
        if tag == "sp":
            out.extend(_shapes(member, _cells_of((y1, x1, y2, x2), metrics)))
        else:
            out.extend(_group_shapes(member, (y1, x1, y2, x2), metrics) or _shapes(member, _cells_of(
                (y1, x1, y2, x2), metrics)))
    return out


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def _shapes(element: Any, box: tuple[int, int, int, int]) -> list[Shape]:
    """The text of a shape (or of each shape in a group, all anchored to the group's cells)."""
    out: list[Shape] = []
    shapes = [element] if local(element.tag) == "sp" else [e for e in element.iter() if local(e.tag) == "sp"]
    for shape in shapes:
        name = ""
        text = ""
        for child in shape.iter():
            tag = local(child.tag)
            if tag == "cNvPr" and not name:
                name = child.get("name", "")
            elif tag == "txBody":
                text = _paragraphs(child)
        text = text.strip()
        if text:
            out.append(Shape(*box, name=name, text=text[:MAX_TEXT]))
    return out


def _paragraphs(body: Any) -> str:
    lines = []
    for paragraph in body:
        if local(paragraph.tag) != "p":
            continue
        lines.append("".join(t.text or "" for t in paragraph.iter() if local(t.tag) == "t"))
    return "\n".join(lines)


def _chart_of(archive: zipfile.ZipFile, names: set[str], rels: dict[str, str], frame: Any,
              box: tuple[int, int, int, int]) -> Chart | None:
    name = next((e.get("name", "") for e in frame.iter() if local(e.tag) == "cNvPr"), "")
    ref = next((e.get(f"{_NS_REL}id") or e.get(f"{_NS_STRICT_REL}id") for e in frame.iter() if local(e.tag) == "chart"),
               None)
    part = rels.get(ref or "")
    if not part or part not in names:
        return None
    root = ElementTree.fromstring(archive.read(part))
    title = ""
    kind = ""
    series: list[Series] = []
    for element in root.iter():
        tag = local(element.tag)
        if tag == "title" and not title:
            title = _paragraphs_of(element)
        elif tag.endswith("Chart") and tag != "chart" and not kind:
            kind = tag
        elif tag == "ser":
            found = _series(element)
            if found is not None:
                series.append(found)
    return Chart(*box, name=name, title=" ".join(title.split())[:500], kind=kind, series=tuple(series))


def _paragraphs_of(title: Any) -> str:
    texts = [t.text or "" for t in title.iter() if local(t.tag) == "t"]
    if texts:
        return "".join(texts)
    return " ".join(v.text or "" for v in title.iter() if local(v.tag) == "v")


def _series(element: Any) -> Series | None:
    name = ""
    values: tuple[Pos, ...] = ()
    sheet: str | None = None
    cached: list[float | None] = []
    categories: list[str] = []
    category_cells: tuple[Pos, ...] = ()
    category_sheet: str | None = None
    name_cell: Pos | None = None
    name_sheet: str | None = None
    for child in element:
        tag = local(child.tag)
        if tag == "tx":
            name = " ".join(v.text or "" for v in child.iter() if local(v.tag) in ("v", "t")).strip()
            formula = next((f.text for f in child.iter() if local(f.tag) == "f"), None)
            if formula:
                name_sheet, name_cells = parse_reference(formula)
                name_cell = name_cells[0] if name_cells else None
        elif tag in ("val", "yVal"):
            formula = next((f.text for f in child.iter() if local(f.tag) == "f"), None)
            if formula:
                sheet, values = parse_reference(formula)
            cached = [_float(v) for v in _cache(child)]
        elif tag in ("cat", "xVal"):
            formula = next((f.text for f in child.iter() if local(f.tag) == "f"), None)
            if formula:
                category_sheet, category_cells = parse_reference(formula)
            categories = [c or "" for c in _cache(child)]
    if not values and not cached:
        return None
    if name_sheet not in (None, sheet):
        name_cell = None  # a name on yet another sheet: the cached name (if any) stands
    return Series(name[:500], sheet, values, tuple(cached), tuple(categories), category_cells, category_sheet,
                  name_cell)


def _cache(element: Any) -> list[str | None]:
    """The cached points of a numRef/strRef/numLit/strLit, by their idx (missing points are None)."""
    points: dict[int, str] = {}
    count = 0
    for cache in element.iter():
        if local(cache.tag) == "ptCount":
            count = min(_int(cache.get("val")), MAX_SERIES_CELLS)
        elif local(cache.tag) == "pt":
            index = _int(cache.get("idx"))
            if 0 <= index < MAX_SERIES_CELLS:
                points[index] = next((v.text or "" for v in cache if local(v.tag) == "v"), "")
    size = max(count, max(points, default=-1) + 1)
    return [points.get(i) for i in range(size)]


def _float(text: str | None) -> float | None:
    try:
        value = float(text) if text not in (None, "") else None
    except ValueError:
        return None
    return value if value is not None and value == value and abs(value) != float("inf") else None


@functools.cache
def _ref() -> re.Pattern[str]:
    return re.compile(r"^(?:(?:'(?P<quoted>(?:[^']|'')+)'|(?P<plain>[^!]+))!)?\$?(?P<c1>[A-Za-z]{1,3})\$?(?P<r1>\d+)"
                      r"(?::\$?(?P<c2>[A-Za-z]{1,3})\$?(?P<r2>\d+))?$")


def parse_reference(formula: str) -> tuple[str | None, tuple[Pos, ...]]:
    """"'My sheet'!$B$3:$F$3" -> ('My sheet', ((2, 1), ..., (2, 5))); a union '(A1:B1,C1:D1)' is read part by part."""
    text = formula.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    sheet: str | None = None
    cells: list[Pos] = []
    for piece in text.split(","):
        match = _ref().match(piece.strip())
        if not match:
            continue
        name = match.group("quoted")
        sheet = name.replace("''", "'") if name is not None else (match.group("plain") or sheet)
        r1, c1 = int(match.group("r1")) - 1, _column(match.group("c1"))
        r2 = int(match.group("r2")) - 1 if match.group("r2") else r1
        c2 = _column(match.group("c2")) if match.group("c2") else c1
        for r in range(min(r1, r2), max(r1, r2) + 1):
            for c in range(min(c1, c2), max(c1, c2) + 1):
                if len(cells) >= MAX_SERIES_CELLS:
                    return sheet, tuple(cells)
                cells.append((r, c))
    return sheet, tuple(cells)


def _column(letters: str) -> int:
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col - 1


def place_shape_text(grid: Any, shapes: list[Shape]) -> list[str]:
    """Put each shape's text into the empty cell at its top left, merged across the columns it covers,
    so chevrons over the stage columns read as a stage row and a text box above the map as a title.
    A shape over cells that hold values is not placed; the returned notes name it and its text."""
    from app.io.sheet_import.grid import cell_name, quote_cell

    notes: list[str] = []
    placed: list[str] = []
    for shape in sorted(shapes, key=lambda s: (s.row, s.col)):
        pos = (shape.row, shape.col)
        width = min(shape.col2 - shape.col + 1, 200)
        covered = [(shape.row, c) for c in range(shape.col, shape.col + width)]
        below = grid.cells.get((shape.row + 1, shape.col))
        if below is not None and " ".join(str(below).split()).lower() == " ".join(shape.text.split()).lower():
            notes.append(f"{grid.name}!{cell_name(*pos)}: shape {shape.name!r} repeats the cell under it "
                         f"({quote_cell(shape.text, 60)}); read once")
            continue
        if any(p in grid.cells or p in grid.drawn for p in covered):
            notes.append(f"{grid.name}!{cell_name(*pos)}: the text of shape {shape.name!r} "
                         f"({quote_cell(shape.text, 60)}) lies over cells that hold values; not read")
            continue
        grid.cells[pos] = shape.text
        grid.drawn[pos] = shape.name or "a shape"
        if width > 1:
            grid.merged.append((shape.row, shape.col, shape.row, shape.col + width - 1))
        placed.append(cell_name(*pos))
    if placed:
        notes.append(f"{grid.name}: the text of {len(placed)} shape(s) or text box(es) read as the cell under each "
                     f"({', '.join(placed[:12])}{', ...' if len(placed) > 12 else ''})")
    return notes


def with_other_sheets(chart: Chart, sheet: str, grids: dict[str, Any]) -> Chart:
    """A chart whose series plot cells of another sheet (a data sheet, often hidden) carries those cells'
    values and category texts, so it can be read with the map on its own sheet."""
    from app.io.sheet_import.grid import as_text

    series = []
    for line in chart.series:
        other = grids.get(line.sheet) if line.sheet not in (None, sheet) else None
        if other is not None and line.values:
            values = [other.cells.get(pos) for pos in line.values]
            cached = tuple(_float(str(v)) if isinstance(v, int | float) else _float(v) if isinstance(v, str) else None
                           for v in values)
            if any(v is not None for v in cached):
                line = line._replace(cached=cached)
        category_grid = grids.get(line.category_sheet) if line.category_sheet not in (None, sheet) else None
        if category_grid is not None and line.category_cells:
            line = line._replace(categories=tuple(as_text(category_grid.cells[p]) if p in category_grid.cells else ""
                                                 for p in line.category_cells))
        series.append(line)
    return chart._replace(series=tuple(series))
