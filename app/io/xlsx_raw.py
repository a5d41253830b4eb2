"""A lean .xlsx reader: the sheet XML straight into `Grid`s, without openpyxl's object model.

The importer needs values, merged ranges, fill colours, comments and hidden rows -- a small part
of what openpyxl builds -- and importing plus loading openpyxl costs more than the whole import.
This reads those parts with the standard XML parser (through defusedxml, after `check_archive`
has already refused entity declarations). `sheet_source` falls back to openpyxl if this reader
meets something it does not understand.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from app.io.grid import Grid, clean_value

_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL = re.compile(r"([A-Z]{1,3})(\d+)$")
_DATE_CODES = re.compile(r"(?<![\\\"])[dmyhs]", re.IGNORECASE)
_BUILTIN_DATES = set(range(14, 23)) | set(range(45, 48))


_LOCAL: dict[str, str] = {}


def _local(tag: str) -> str:
    local = _LOCAL.get(tag)
    if local is None:
        local = _LOCAL[tag] = tag.rsplit("}", 1)[-1]
    return local


def cell_position(ref: str) -> tuple[int, int]:
    """'AB12' -> (11, 27), 0-based."""
    match = _CELL.match(ref.upper())
    if not match:
        raise ValueError(f"bad cell reference {ref!r}")
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)) - 1, col - 1


class RawBook:
    """One open archive; every part is read once."""

    def __init__(self, path: Path, theme_resolver: Any) -> None:
        self.archive = zipfile.ZipFile(path)
        self.names = set(self.archive.namelist())
        self.resolve_colour = theme_resolver

    def close(self) -> None:
        self.archive.close()

    def xml(self, part: str) -> Any:
        return ElementTree.fromstring(self.archive.read(part))

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, base = posixpath.split(part)
        rel_name = posixpath.join(folder, "_rels", base + ".rels")
        if rel_name not in self.names:
            return {}
        out: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rel_name):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], posixpath.normpath(full))
        return out


def read_raw(path: Path, theme_colours: Any, resolve_colour: Any, max_text: int) -> tuple[list[Grid], dict[str, str],
                                                                                           str | None]:
    """(grids in workbook order, sheet states, hidden `_journey_canvas` text)."""
    book = RawBook(path, resolve_colour)
    try:
        workbook_rels = book.rels("xl/workbook.xml")
        workbook = book.xml("xl/workbook.xml")
        date1904 = any(_local(e.tag) == "workbookPr" and e.get("date1904") in ("1", "true") for e in workbook)
        parts = {kind: target for kind, target in workbook_rels.values()}
        theme = theme_colours(book.archive.read(parts["theme"])) if parts.get("theme") in book.names else None
        shared = _shared_strings(book, parts.get("sharedStrings"))
        styles = _styles(book, parts.get("styles"), theme, resolve_colour)
        grids: list[Grid] = []
        states: dict[str, str] = {}
        hidden_text = None
        for element in workbook.iter():
            if _local(element.tag) != "sheet":
                continue
            name = element.get("name", "")
            kind, part = workbook_rels.get(element.get(f"{_NS_REL}id", ""), ("", ""))
            if kind != "worksheet" or part not in book.names:
                continue
            states[name] = element.get("state", "visible")
            grid = _sheet(book, part, name, shared, styles, date1904, max_text)
            if name == "_journey_canvas":
                hidden_text = _column_a_text(grid)
                continue
            grids.append(grid)
        return grids, states, hidden_text
    finally:
        book.close()


def _column_a_text(grid: Grid) -> str | None:
    parts = []
    row = 0
    while isinstance(grid.cells.get((row, 0)), str):
        parts.append(grid.cells[(row, 0)])
        row += 1
    return "".join(str(p) for p in parts) or None


def _shared_strings(book: RawBook, part: str | None) -> list[str]:
    if not part or part not in book.names:
        return []
    strings: list[str] = []
    for item in book.xml(part):
        if _local(item.tag) != "si":
            continue
        texts = []
        for child in item:  # <t>, or rich-text runs <r><t>; phonetic guides <rPh> are not text
            tag = _local(child.tag)
            if tag == "t":
                texts.append(child.text or "")
            elif tag == "r":
                texts.extend(t.text or "" for t in child if _local(t.tag) == "t")
        strings.append("".join(texts))
    return strings


class _Styles:
    def __init__(self) -> None:
        self.fill_of_style: list[str | None] = []
        self.date_style: list[bool] = []


def _styles(book: RawBook, part: str | None, theme: list[str] | None, resolve_colour: Any) -> _Styles:
    styles = _Styles()
    if not part or part not in book.names:
        return styles
    root = book.xml(part)
    custom_formats: dict[int, str] = {}
    fills: list[str | None] = []
    xfs: list[tuple[int, int]] = []
    for section in root:
        tag = _local(section.tag)
        if tag == "numFmts":
            for fmt in section:
                try:
                    custom_formats[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
                except ValueError:
                    continue
        elif tag == "fills":
            for fill in section:
                fills.append(_fill(fill, theme, resolve_colour))
        elif tag == "cellXfs":
            for xf in section:
                xfs.append((_int(xf.get("fillId")), _int(xf.get("numFmtId"))))
    for fill_id, fmt_id in xfs:
        styles.fill_of_style.append(fills[fill_id] if 0 <= fill_id < len(fills) else None)
        code = custom_formats.get(fmt_id)
        is_date = fmt_id in _BUILTIN_DATES or bool(code and _DATE_CODES.search(re.sub(r"\[[^\]]*\]", "", code)))
        styles.date_style.append(is_date)
    return styles


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


class _Colour:
    """Just enough of openpyxl's Color for `resolve_colour`."""

    def __init__(self, element: Any) -> None:
        self.rgb = element.get("rgb")
        self.theme = _int(element.get("theme")) if element.get("theme") is not None else None
        self.indexed = _int(element.get("indexed")) if element.get("indexed") is not None else None
        self.tint = float(element.get("tint") or 0.0)
        self.type = "rgb" if self.rgb else "theme" if self.theme is not None else "indexed" if (
            self.indexed is not None) else None


def _fill(fill: Any, theme: list[str] | None, resolve_colour: Any) -> str | None:
    for pattern in fill:
        if _local(pattern.tag) != "patternFill":
            continue
        if pattern.get("patternType", "none") in ("none", None):
            return None
        for colour in pattern:
            if _local(colour.tag) == "fgColor":
                rgb = resolve_colour(_Colour(colour), theme or [])
                return None if rgb is None or rgb == "#ffffff" else rgb
    return None


def _sheet(book: RawBook, part: str, name: str, shared: list[str], styles: _Styles, date1904: bool,
           max_text: int) -> Grid:
    grid = Grid(name)
    cells, fills = grid.cells, grid.fills
    fill_of_style, date_style = styles.fill_of_style, styles.date_style
    epoch = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
    row = -1
    col = -1
    with book.archive.open(part) as source:
        for event, element in ElementTree.iterparse(source, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    index = element.get("r")
                    row = _int(index) - 1 if index else row + 1
                    col = -1
                    if element.get("hidden") in ("1", "true"):
                        grid.hidden_rows.add(row)
                continue
            if tag == "c":
                ref = element.get("r")
                if ref:
                    row, col = cell_position(ref)
                else:
                    col += 1
                kind = element.get("t", "n")
                style = _int(element.get("s"))
                raw: Any = None
                if kind == "inlineStr":
                    raw = "".join(t.text or "" for t in element.iter() if _local(t.tag) == "t")
                else:
                    for child in element:
                        if _local(child.tag) == "v":
                            raw = child.text
                            break
                    if raw is not None:
                        if kind == "s":
                            index = _int(raw)
                            raw = shared[index] if 0 <= index < len(shared) else None
                        elif kind == "b":
                            raw = raw.strip() in ("1", "true")
                        elif kind in ("str", "e", "d"):
                            pass
                        else:
                            try:
                                number = float(raw)
                            except ValueError:
                                number = None
                            if number is not None and style < len(date_style) and date_style[style] and (
                                    -1e6 < number < 3e6):
                                raw = (epoch + timedelta(days=number)).isoformat()
                            elif number is not None:
                                raw = int(number) if number.is_integer() and abs(number) < 1e15 else number
                value = clean_value(raw)
                if value is not None:
                    if isinstance(value, str) and len(value) > max_text:
                        value = value[:max_text]
                    cells[(row, col)] = value
                    if style and style < len(fill_of_style) and fill_of_style[style]:
                        fills[(row, col)] = fill_of_style[style]  # type: ignore[assignment]
                element.clear()
            elif tag == "row":
                element.clear()
            elif tag == "col":
                if element.get("hidden") in ("1", "true"):
                    first, last = _int(element.get("min")), _int(element.get("max"))
                    grid.hidden_cols.update(range(first - 1, min(last, first + 16384)))
            elif tag == "mergeCell":
                ref = element.get("ref", "")
                if ":" in ref:
                    start, end = ref.split(":", 1)
                    (r1, c1), (r2, c2) = cell_position(start), cell_position(end)
                    grid.merged.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    for kind, target in book.rels(part).values():
        if kind == "comments" and target in book.names:
            for comment in book.xml(target).iter():
                if _local(comment.tag) == "comment" and comment.get("ref"):
                    text = "".join(t.text or "" for t in comment.iter() if _local(t.tag) == "t")
                    cleaned = clean_value(text)
                    grid.comments[cell_position(comment.get("ref"))] = str(cleaned or "")
    return grid
