"""A lean .xlsx reader: the sheet XML straight into `Grid`s, without openpyxl's object model.

The importer needs values, merged ranges, fill colours, comments and hidden rows -- a small part
of what openpyxl builds -- and importing plus loading openpyxl costs more than the whole import.
This reads those parts with the standard XML parser (through defusedxml, after `check_archive`
has already refused entity declarations). `sheet_source` falls back to openpyxl if this reader
meets something it does not understand.
"""

from __future__ import annotations

import contextlib
import math
import posixpath
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.parsers import expat

from defusedxml import ElementTree

from app.io.sheet_import.date_format import DATE_FORMATS, excel_moment, is_date_code, shown_date
from app.io.sheet_import.grid import Grid, clean_value, with_link
from app.io.sheet_import.number_format import BUILTIN_FORMATS, shown_number

_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_STRICT_REL = "{http://purl.oclc.org/ooxml/officeDocument/relationships}"  # Strict Open XML workbooks
_CELL = re.compile(r"([A-Z]{1,3})(\d+)$")


_LOCAL: dict[str, str] = {}


def _local(tag: str) -> str:
    local = _LOCAL.get(tag)
    if local is None:
        local = _LOCAL[tag] = tag.rsplit("}", 1)[-1]
    return local


_COLUMN: dict[str, int] = {}
"""Column letters -> 1-based number, as met (at most 18,278 names of one to three letters)."""


def cell_position(ref: str) -> tuple[int, int]:
    """'AB12' -> (11, 27), 0-based."""
    match = _CELL.match(ref.upper())
    if not match:
        raise ValueError(f"bad cell reference {ref!r}")
    letters = match.group(1)
    col = _COLUMN.get(letters)
    if col is None:
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        _COLUMN[letters] = col
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


def read_raw(
    path: Path, theme_colours: Any, resolve_colour: Any, max_text: int
) -> tuple[list[Grid], dict[str, str], str | None, str | None]:
    """(grids in workbook order, sheet states, the `_journey_canvas` JSON from column A, its B1 fingerprint)."""
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
        fingerprint = None
        for element in workbook.iter():
            if _local(element.tag) != "sheet":
                continue
            name = element.get("name", "")
            rel = element.get(f"{_NS_REL}id") or element.get(f"{_NS_STRICT_REL}id", "")
            kind, part = workbook_rels.get(rel, ("", ""))
            if kind != "worksheet" or part not in book.names:
                continue
            states[name] = element.get("state", "visible")
            hidden_map = name == "_journey_canvas"  # JSON in column A: read verbatim, never trimmed
            grid = _sheet(book, part, name, shared, styles, date1904, 0 if hidden_map else max_text)
            if hidden_map:
                hidden_text = _column_a_text(grid)
                stored = grid.cells.get((0, 1))
                fingerprint = stored.strip() if isinstance(stored, str) else None
                continue
            grids.append(grid)
        return grids, states, hidden_text, fingerprint
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


def _refuse_doctype(*_args: object) -> None:
    raise ValueError("XML declares a document type or entities")


class _SheetReader:
    """Expat callbacks for one worksheet: far lighter than building an element tree per cell."""

    def __init__(self, grid: Grid, shared: list[str], styles: _Styles, date1904: bool, max_text: int) -> None:
        self.grid = grid
        self.shared = shared
        self.fill_of_style = styles.fill_of_style
        self.date_of_style = styles.date_of_style
        self.format_of_style = styles.format_of_style
        self.date1904 = date1904
        self.max_text = max_text
        self.row = -1
        self.col = -1
        self.kind = "n"
        self.style = 0
        self.parts: list[str] = []
        self.collect = False  # inside <v>, or <t> of an inline string (not of a phonetic guide)
        self.in_cell = False
        self.phonetic = False
        self.formula = False
        self.formula_text = ""
        self.formula_parts: list[str] | None = None  # the text of <f> while inside it
        self.links: list[tuple[str, str]] = []  # (cell reference, relationship id) of each <hyperlink>

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = tag.rsplit(":", 1)[-1]
        if tag == "c":
            ref = attrs.get("r")
            if ref:
                self.row, self.col = cell_position(ref)
            else:
                self.col += 1
            self.kind = attrs.get("t", "n")
            self.style = _int(attrs.get("s"))
            self.parts = []
            self.in_cell = True
            self.formula = False
            self.formula_text = ""
        elif self.in_cell and (tag == "v" or (tag == "t" and not self.phonetic)):
            self.collect = True
            if self.kind == "str":
                self.formula = False  # its text result is saved, maybe empty (openpyxl writes an empty <v> for none)
        elif tag == "f" and self.in_cell:
            self.formula = True
            self.formula_parts = []
        elif tag == "rPh":
            self.phonetic = True
        elif tag == "row":
            index = attrs.get("r")
            self.row = _int(index) - 1 if index else self.row + 1
            self.col = -1
            if attrs.get("hidden") in ("1", "true"):
                self.grid.hidden_rows.add(self.row)
        elif tag == "col":
            if attrs.get("hidden") in ("1", "true"):
                first, last = _int(attrs.get("min")), _int(attrs.get("max"))
                self.grid.hidden_cols.update(range(first - 1, min(last, first + 16384)))
        elif tag == "hyperlink":
            rel = next((v for k, v in attrs.items() if k == "id" or k.endswith(":id")), "")
            if attrs.get("ref") and rel:  # an address on the web (a 'location' inside the workbook is no content)
                self.links.append((attrs["ref"], rel))
        elif tag == "mergeCell":
            ref = attrs.get("ref", "")
            if ":" in ref:
                start, end = ref.split(":", 1)
                (r1, c1), (r2, c2) = cell_position(start), cell_position(end)
                self.grid.merged.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))

    def text(self, data: str) -> None:
        if self.collect:
            self.parts.append(data)
        elif self.formula_parts is not None:
            self.formula_parts.append(data)

    def end(self, tag: str) -> None:
        tag = tag.rsplit(":", 1)[-1]
        if tag in ("v", "t"):
            self.collect = False
        elif tag == "f":
            self.formula_text = "".join(self.formula_parts or ())
            self.formula_parts = None
        elif tag == "rPh":
            self.phonetic = False
        elif tag == "c":
            self.in_cell = False
            self._store()

    def _store(self) -> None:
        kind, style = self.kind, self.style
        raw: Any = "".join(self.parts) if self.parts else None
        if raw is None and self.formula:  # written by a program that does not calculate: no result saved
            self.grid.uncalculated[(self.row, self.col)] = self.formula_text
            return
        if raw is not None and kind == "e":  # a formula that failed in Excel (#N/A, #REF!): no words to read
            self.grid.formula_errors[(self.row, self.col)] = raw.strip()
            return
        if raw is not None and kind != "inlineStr":
            if kind == "s":
                index = _int(raw)
                if not 0 <= index < len(self.shared):
                    self.grid.damaged[(self.row, self.col)] = "a shared text the workbook does not hold"
                    return
                raw = self.shared[index]
            elif kind == "b":
                raw = raw.strip() in ("1", "true")
            elif kind == "d":  # an ISO 8601 date (Strict Open XML, some writers), shown under its format
                with contextlib.suppress(ValueError):
                    raw = shown_date(datetime.fromisoformat(raw.strip().rstrip("Z")), self._date_code(style),
                                     self.date1904)
            elif kind not in ("str", "e", "d"):
                try:
                    number = float(raw)
                except ValueError:
                    number = None
                if number is not None and not math.isfinite(number):  # 'NaN', '1e999': Excel writes neither
                    self.grid.damaged[(self.row, self.col)] = "a number that is not finite"
                    return
                dates = self.date_of_style
                code = dates[style] if number is not None and style < len(dates) and -1e6 < number < 3e6 else None
                if code is not None:  # a date or time: the text the sheet shows ('05 Jan'), still the date
                    raw = shown_date(excel_moment(number, self.date1904), code, self.date1904)
                elif number is not None:
                    raw = int(number) if number.is_integer() and abs(number) < 1e15 else number
                    if style < len(self.format_of_style) and self.format_of_style[style]:
                        raw = shown_number(raw, self.format_of_style[style])  # '45%' for 0.45, still a number
        if not self.max_text:  # verbatim (the hidden map's JSON)
            if isinstance(raw, str) and raw:
                self.grid.cells[(self.row, self.col)] = raw
            return
        value = clean_value(raw)
        if value is None:
            if style and style < len(self.fill_of_style) and self.fill_of_style[style]:
                self.grid.keep_blank_fill((self.row, self.col), self.fill_of_style[style])  # type: ignore[arg-type]
            return
        if isinstance(value, str) and len(value) > self.max_text:
            value = value[: self.max_text]
            self.grid.shortened += 1
        pos = (self.row, self.col)
        self.grid.cells[pos] = value
        if style and style < len(self.fill_of_style) and self.fill_of_style[style]:
            self.grid.fills[pos] = self.fill_of_style[style]  # type: ignore[assignment]


    def _date_code(self, style: int) -> str | None:
        return self.date_of_style[style] if style < len(self.date_of_style) else None


class _Styles:
    def __init__(self) -> None:
        self.fill_of_style: list[str | None] = []
        self.date_of_style: list[str | None] = []  # the date format of each style, None for numbers
        self.format_of_style: list[str | None] = []  # the number format of each style, None for General and dates


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
        if code is None:
            code = DATE_FORMATS.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id)
        is_date = is_date_code(code)
        styles.date_of_style.append(code if is_date else None)
        styles.format_of_style.append(None if is_date or not code or code.lower() == "general" else code)
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
    reader = _SheetReader(grid, shared, styles, date1904, max_text)
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    with book.archive.open(part) as source:
        parser.ParseFile(source)
    grid.drop_merged_blank_fills()
    if reader.links:
        _links(book, part, reader.links, grid)
    for kind, target in book.rels(part).values():
        if kind == "comments" and target in book.names:
            for comment in book.xml(target).iter():
                if _local(comment.tag) == "comment" and comment.get("ref"):
                    text = "".join(t.text or "" for t in comment.iter() if _local(t.tag) == "t")
                    cleaned = clean_value(text)
                    pos = cell_position(comment.get("ref"))  # before a link's address read into its comment
                    grid.comments[pos] = "\n".join(filter(None, (str(cleaned or ""), grid.comments.get(pos))))
    return grid


def _links(book: RawBook, part: str, links: list[tuple[str, str]], grid: Grid) -> None:
    """The web address a cell links to, as a line of its comment (so the card's note), unless the cell shows it:
    a linked 'Comparison site' keeps where it points."""
    folder, base = posixpath.split(part)
    rel_name = posixpath.join(folder, "_rels", base + ".rels")
    if rel_name not in book.names:
        return
    targets = {rel.get("Id", ""): rel.get("Target", "") for rel in book.xml(rel_name)
               if rel.get("TargetMode") == "External" and rel.get("Type", "").endswith("/hyperlink")}
    for ref, rel in links:
        for pos in _cells_of(ref):
            noted = with_link(grid.comments.get(pos), targets.get(rel), grid.cells.get(pos))
            if noted:
                grid.comments[pos] = noted


def _cells_of(ref: str) -> list[tuple[int, int]]:
    """The cells of 'C2' or 'C2:D3' (a link over a range; at most a few hundred)."""
    first, _, last = ref.partition(":")
    (r1, c1), (r2, c2) = cell_position(first), cell_position(last or first)
    return [(r, c) for r in range(min(r1, r2), min(max(r1, r2), min(r1, r2) + 20) + 1)
            for c in range(min(c1, c2), min(max(c1, c2), min(c1, c2) + 20) + 1)]
