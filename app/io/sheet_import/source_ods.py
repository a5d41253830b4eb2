"""An OpenDocument spreadsheet (.ods, as LibreOffice and Google Sheets save) into `Grid`s, one per table.

`source.check_archive` has already checked the archive as it checks an .xlsx (sizes, compression ratio, streamed
inflation, no XML entity or DOCTYPE declarations, the number of cells). content.xml is then streamed through
expat, never built into a tree. Rows and cells carry repeat counts (a sheet ends with a row repeated a million
times, a row with a cell repeated 16,000 times): empty ones only move the position; repeated cells that hold
something are written out up to the grid's limits, and the report says where a repeat was cut.
"""

from __future__ import annotations

import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

from app.io.errors import JourneyFileError
from app.io.sheet_import.grid import (
    BLANK_FILLS,
    Grid,
    Picture,
    Value,
    cell_name,
    cell_position,
    clean_value,
    quote_cell,
    with_link,
)
from app.io.sheet_import.source_archive import SAVE_AS as _SAVE_AS
from app.io.sheet_import.source_ods_styles import (
    CALCEXT,
    DRAW,
    OFFICE,
    TABLE,
    TEXT,
    OdsStyles,
    StyleReader,
)
from app.io.sheet_import.source_ods_values import date_value, number, shown, time_value

HIDDEN_SHEET = "_journey_canvas"
_XLINK = "http://www.w3.org/1999/xlink "
MAX_SHEET_ROWS = 1_048_576  # as in Excel and LibreOffice
_ERROR = re.compile(r"^(?:#[A-Z0-9/!?.]+|Err:\d{3})$")
_TYPE_SCALES = {"percentage": 100.0, "currency": 1.0}  # when the cell's style names no number format


@dataclass
class _Cell:
    """One table:table-cell as read, before its repeats are written out."""

    col: int
    repeat: int
    value: Value | None = None
    fill: str | None = None
    comment: str | None = None
    span: tuple[int, int] = (1, 1)
    error: str | None = None
    uncalculated: str | None = None
    shapes: tuple[tuple[str, str, str], ...] = ()  # (name, text, end cell address) of shapes anchored here


def read_ods(path: Path, max_text: int, max_cells: int, max_columns: int
             ) -> tuple[list[Grid], str | None, str | None, dict[str, str], list[str]]:
    """(grids in sheet order, the `_journey_canvas` JSON from column A, its B1 fingerprint, sheet states, notes)."""
    styles = OdsStyles()
    try:
        with zipfile.ZipFile(path) as archive:
            if "styles.xml" in archive.namelist():
                _parse(archive, "styles.xml", StyleReader(styles))
            reader = _ContentReader(styles, max_text, max_cells, max_columns)
            _parse(archive, "content.xml", reader)
    except expat.ExpatError as exc:
        raise JourneyFileError(path, f"has broken XML inside ({expat.ErrorString(exc.code)} at line {exc.lineno}); "
                                     f"{_SAVE_AS}") from exc
    except KeyError as exc:
        raise JourneyFileError(path, f"is an OpenDocument file without its content.xml; {_SAVE_AS}") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise JourneyFileError(path, f"is damaged or truncated ({' '.join(str(exc).split())[:120]}); "
                                     f"{_SAVE_AS}") from exc
    except JourneyFileError:
        raise
    except Exception as exc:  # a corner of the format this reader does not know: one line, not a traceback
        raise JourneyFileError(path, f"could not be read as a spreadsheet ({type(exc).__name__}: "
                                     f"{' '.join(str(exc).split())[:120]}); {_SAVE_AS}") from exc
    hidden_text = fingerprint = None
    grids = []
    for grid in reader.grids:
        if grid.name == HIDDEN_SHEET:
            hidden_text = _column_a_text(grid)
            stored = grid.cells.get((0, 1))
            fingerprint = stored.strip() if isinstance(stored, str) else None
        else:
            grids.append(grid)
    return grids, hidden_text, fingerprint, reader.states, reader.notes


def _parse(archive: zipfile.ZipFile, part: str, handler: Any) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    if hasattr(handler, "text"):
        parser.CharacterDataHandler = handler.text
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    with archive.open(part) as source:
        parser.ParseFile(source)


def _refuse_doctype(*_args: object) -> None:
    raise ValueError("XML declares a document type or entities")


def _column_a_text(grid: Grid) -> str | None:
    parts = []
    row = 0
    while isinstance(grid.cells.get((row, 0)), str):
        parts.append(str(grid.cells[(row, 0)]))
        row += 1
    return "".join(parts) or None


def _count(attrs: dict[str, str], name: str) -> int:
    return _at_least_one(attrs.get(TABLE + name))


def _at_least_one(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1


class _ContentReader:
    """Expat callbacks for content.xml: the automatic styles (through `StyleReader`), then each table."""

    def __init__(self, styles: OdsStyles, max_text: int, max_cells: int, max_columns: int) -> None:
        self.styles = styles
        self.style_reader = StyleReader(styles)
        self.max_text = max_text
        self.cells_left = max_cells
        self.max_cells = max_cells
        self.max_columns = max_columns
        self.grids: list[Grid] = []
        self.states: dict[str, str] = {}
        self.notes: list[str] = []
        self.in_body = False
        self.grid: Grid | None = None
        self.table_depth = 0
        self._reset_table()
        self.row_cells: list[_Cell] = []
        self.row_blank_fills: list[tuple[int, int, str]] = []  # (column, repeat, colour) of the row's empty cells
        self.cell: _Cell | None = None
        self.cell_attrs: dict[str, str] = {}
        self.paragraphs: list[str] = []  # of the cell
        self.links: list[str] = []  # the web addresses its words link to
        self.note_paragraphs: list[str] | None = None  # of its annotation, while inside one
        self.shape: list[Any] | None = None  # [name, paragraphs, end address, depth] of the shape being read
        self.shapes: list[tuple[str, str, str]] = []
        self.para: list[str] | None = None
        self.para_depth = 0

    def _reset_table(self) -> None:
        self.row = 0
        self.col = 0
        self.column_starts: list[int] = []  # where each table:table-column begins, ascending
        self.column_styles: list[str | None] = []  # and its default cell style
        self.next_column = 0
        self.hidden_rows: list[tuple[int, int]] = []
        self.hidden_cols: list[tuple[int, int]] = []
        self.row_style: str | None = None
        self.row_repeat = 1
        self.row_hidden = False

    # --- expat callbacks ------------------------------------------------------------------------------

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if not self.in_body:
            if tag == OFFICE + "body":
                self.in_body = True
            else:
                self.style_reader.start(tag, attrs)
            return
        if self.grid is None or self.table_depth > 1:
            if tag == TABLE + "table":
                self._start_table(attrs)
            return
        if self.shape is not None:
            self.shape[3] += 1
        if tag == TEXT + "p" or tag == TEXT + "h":
            self.para_depth += 1
            if self.para_depth == 1:
                self.para = []
        elif self.para is not None:
            if tag == TEXT + "s":
                self.para.append(" " * min(_at_least_one(attrs.get(TEXT + "c")), self.max_text or 100_000))
            elif tag == TEXT + "tab":
                self.para.append("\t")
            elif tag == TEXT + "line-break":
                self.para.append("\n")
            elif tag == TEXT + "a" and self.cell is not None and self.shape is None and self.note_paragraphs is None:
                self.links.append(attrs.get(_XLINK + "href", ""))  # where a linked cell's words point
        elif tag == TABLE + "table-cell" or tag == TABLE + "covered-table-cell":
            self._start_cell(attrs)
        elif tag == OFFICE + "annotation" and self.cell is not None:
            self.note_paragraphs = []
        elif tag.startswith(DRAW) and self.shape is None:
            self.shape = [attrs.get(DRAW + "name", ""), [], attrs.get(TABLE + "end-cell-address", ""), 0, False]
        elif tag == DRAW + "object" and self.shape is not None:
            self.shape[4] = True  # a chart (or another embedded object)
        elif tag == TABLE + "table-row":
            self.row_repeat = _count(attrs, "number-rows-repeated")
            self.row_hidden = attrs.get(TABLE + "visibility", "visible") in ("collapse", "filter")
            self.row_style = attrs.get(TABLE + "default-cell-style-name")
            self.col = 0
            self.row_cells = []
        elif tag == TABLE + "table-column":
            repeat = _count(attrs, "number-columns-repeated")
            self.column_starts.append(self.next_column)
            self.column_styles.append(attrs.get(TABLE + "default-cell-style-name"))
            if attrs.get(TABLE + "visibility", "visible") in ("collapse", "filter"):
                self.hidden_cols.append((self.next_column, repeat))
            self.next_column += repeat
        elif tag == TABLE + "table":
            self.table_depth += 1  # a table inside a cell (old files): its text is not read as the sheet's

    def text(self, data: str) -> None:
        if self.para is not None:  # as written: LibreOffice writes a cell's spaces and indents literally
            self.para.append(data)

    def end(self, tag: str) -> None:
        if not self.in_body:
            self.style_reader.end(tag)
            return
        if self.grid is None:
            return
        if tag == TABLE + "table":
            if self.table_depth > 1:
                self.table_depth -= 1
                return
            self._end_table()
            return
        if self.table_depth > 1:
            return
        if self.shape is not None:
            self.shape[3] -= 1
            if self.shape[3] < 0:
                self._end_shape()
                return
        if (tag == TEXT + "p" or tag == TEXT + "h") and self.para_depth:
            self.para_depth -= 1
            if self.para_depth == 0 and self.para is not None:
                text = "".join(self.para)
                self.para = None
                if self.shape is not None:
                    self.shape[1].append(text)
                elif self.note_paragraphs is not None:
                    self.note_paragraphs.append(text)
                elif self.cell is not None:
                    self.paragraphs.append(text)
        elif tag == OFFICE + "annotation" and self.note_paragraphs is not None:
            if self.cell is not None:
                self.cell.comment = str(clean_value("\n".join(self.note_paragraphs)) or "")
            self.note_paragraphs = None
        elif tag == TABLE + "table-cell" or tag == TABLE + "covered-table-cell":
            self._end_cell()
        elif tag == TABLE + "table-row":
            self._end_row()

    # --- tables, rows, cells --------------------------------------------------------------------------

    def _start_table(self, attrs: dict[str, str]) -> None:
        if self.grid is not None:
            self.table_depth += 1
            return
        name = attrs.get(TABLE + "name", f"Sheet{len(self.grids) + 1}")
        self.grid = Grid(name)
        self.table_depth = 1
        self.states[name] = "hidden" if attrs.get(TABLE + "style-name") in self.styles.hidden_tables else "visible"
        self._reset_table()

    def _end_table(self) -> None:
        grid = self.grid
        assert grid is not None
        used_rows = max((r for r, _ in grid.cells), default=-1) + 1
        used_cols = max((c for _, c in grid.cells), default=-1) + 1
        rows_with_cells: set[int] | None = None
        for first, count in self.hidden_rows:
            if min(count, used_rows - first) <= 10_000:
                grid.hidden_rows.update(range(first, min(first + count, used_rows)))
                continue
            if rows_with_cells is None:  # a million hidden rows: only those holding something matter
                rows_with_cells = {r for r, _ in (*grid.cells, *grid.comments)}
            grid.hidden_rows.update(r for r in rows_with_cells if first <= r < first + count)
        for first, count in self.hidden_cols:
            grid.hidden_cols.update(range(first, min(first + count, used_cols)))
        grid.drop_merged_blank_fills()
        self.grids.append(grid)
        self.grid = None
        self.table_depth = 0

    def _start_cell(self, attrs: dict[str, str]) -> None:
        self.cell_attrs = attrs
        self.cell = _Cell(self.col, _count(attrs, "number-columns-repeated"))
        spans = (_count(attrs, "number-rows-spanned"), _count(attrs, "number-columns-spanned"))
        self.cell.span = spans
        self.paragraphs = []
        self.links = []
        self.shapes = []

    def _end_shape(self) -> None:
        name, paragraphs, end_address, _depth, chart = self.shape  # type: ignore[misc]
        self.shape = None
        text = str(clean_value("\n".join(paragraphs)) or "")
        assert self.grid is not None
        if chart:
            where = f"{self.grid.name}!{cell_name(self.row, self.col)}" if self.cell is not None else self.grid.name
            self.notes.append(f"{where}: chart {name or 'without a name'!r} not read (charts in .ods files are not "
                              "read; the emotions come from the cells)")
        elif self.cell is not None:
            self.shapes.append((name, text, end_address))
        elif text:  # anchored to the page, not to a cell: no cell to put it in
            self.notes.append(f"{self.grid.name}: the text of shape {name or 'without a name'!r} "
                              f"({quote_cell(text, 60)}) is anchored to the page, not to a cell; not read")

    def _end_cell(self) -> None:
        cell = self.cell
        assert cell is not None
        self.cell = None
        attrs = self.cell_attrs
        style = attrs.get(TABLE + "style-name") or self.row_style or self._column_style(cell.col)
        self._read_value(cell, attrs, style)
        cell.shapes = tuple(self.shapes)
        for link in self.links:
            cell.comment = with_link(cell.comment, link, cell.value)
        if cell.value is not None:
            cell.fill = self.styles.fill(style)
        elif (own := attrs.get(TABLE + "style-name")) and (colour := self.styles.fill(own)):
            self.row_blank_fills.append((cell.col, cell.repeat, colour))  # a traffic light holds no text
        if cell.value is not None or cell.comment or cell.error or cell.uncalculated is not None or cell.shapes \
                or cell.span != (1, 1):
            self.row_cells.append(cell)
        self.col += cell.repeat

    def _column_style(self, col: int) -> str | None:
        index = bisect_right(self.column_starts, col) - 1
        return self.column_styles[index] if index >= 0 else None

    def _read_value(self, cell: _Cell, attrs: dict[str, str], style: str | None) -> None:
        kind = attrs.get(OFFICE + "value-type")
        formula = attrs.get(TABLE + "formula")
        text = "\n".join(self.paragraphs) if self.paragraphs else attrs.get(OFFICE + "string-value")
        if formula is not None:
            if attrs.get(CALCEXT + "value-type") == "error" or (
                    kind in (None, "float") and text and _ERROR.match(text.strip())):
                cell.error = (text or "#VALUE!").strip()
                return
            if kind is None and not text:  # written by a program that does not calculate: no result saved
                cell.uncalculated = _formula_text(formula)
                return
        raw: Any = text
        if kind in ("float", "percentage", "currency"):
            raw = number(attrs.get(OFFICE + "value"), text)
            scale = self.styles.number_scale(style) or _TYPE_SCALES.get(kind)
            if scale is not None and text and isinstance(raw, int | float):
                raw = shown(raw, text.strip(), scale)  # '45%' for 0.45 as the sheet shows it, still the number
        elif kind == "date":
            raw = date_value(attrs.get(OFFICE + "date-value", ""), text)
        elif kind == "time":
            raw = time_value(attrs.get(OFFICE + "time-value", ""), text)
        elif kind == "boolean":
            raw = attrs.get(OFFICE + "boolean-value", "").strip().lower() in ("true", "1")
        assert self.grid is not None
        if self.grid.name == HIDDEN_SHEET:  # verbatim (the hidden map's JSON)
            cell.value = raw if isinstance(raw, str) and raw else None
            return
        value = clean_value(raw)
        if isinstance(value, str) and len(value) > self.max_text:
            value = value[: self.max_text]
            self.grid.shortened += 1
        cell.value = value

    def _end_row(self) -> None:
        grid = self.grid
        assert grid is not None
        if self.row_hidden:
            self.hidden_rows.append((self.row, self.row_repeat))
        cells = self._capped_across(self.row_cells)
        per_row = sum(c.repeat for c in cells)
        copies = min(self.row_repeat, max(0, MAX_SHEET_ROWS - self.row))
        if per_row and copies < self.row_repeat:  # past the last row any spreadsheet program has: not a sheet's
            first = next((c.value for c in cells if c.value is not None), "")
            self.notes.append(f"{grid.name}: {per_row * (self.row_repeat - copies):,} cell(s) past row "
                              f"{MAX_SHEET_ROWS:,}, the last a sheet can have, not read ({quote_cell(str(first), 40)})")
        if per_row:
            fit = min(copies, max(0, self.cells_left // per_row))
            if fit < copies:
                copies = fit
                self.notes.append(
                    f"{grid.name}!{cell_name(self.row + copies, cells[0].col)}: a row repeated "
                    f"{self.row_repeat:,} times; read {copies:,} times (a workbook is read up to "
                    f"{self.max_cells:,} cells)")
            self.cells_left -= copies * per_row
        for offset in range(copies if per_row else 0):
            row = self.row + offset
            for cell in cells:
                for col in range(cell.col, cell.col + cell.repeat):
                    self._place(grid, row, col, cell)
        if self.row_blank_fills:
            self._keep_blank_fills(grid, copies)
        self.row += self.row_repeat
        self.row_cells = []

    def _keep_blank_fills(self, grid: Grid, copies: int) -> None:
        """The colours of the row's cells that hold nothing (an emotions row coloured as a traffic light), as an
        .xlsx's are kept: up to the grid's cap, so a coloured band repeated over the sheet costs no more."""
        fills, self.row_blank_fills = self.row_blank_fills, []
        for row in range(self.row, self.row + copies):
            for col, repeat, colour in fills:
                for each in range(col, min(col + repeat, self.max_columns)):
                    if len(grid.blank_fills) >= BLANK_FILLS:
                        return
                    grid.keep_blank_fill((row, each), colour)

    def _capped_across(self, cells: list[_Cell]) -> list[_Cell]:
        """The row's cells, a repeat reaching past the last column a map sheet can have cut there (noted)."""
        assert self.grid is not None
        for cell in cells:
            if cell.col + cell.repeat > self.max_columns and cell.repeat > 1:
                kept = max(1, self.max_columns - cell.col)
                if cell.value is not None:
                    self.notes.append(
                        f"{self.grid.name}!{cell_name(self.row, cell.col)}: {quote_cell(str(cell.value), 40)} "
                        f"repeated {cell.repeat:,} times across; read {kept:,} times (up to column "
                        f"{cell_name(0, max(cell.col, self.max_columns - 1))[:-1]})")
                cell.repeat = kept
        return cells

    def _place(self, grid: Grid, row: int, col: int, cell: _Cell) -> None:
        pos = (row, col)
        if cell.value is not None:
            grid.cells[pos] = cell.value
            if cell.fill:
                grid.fills[pos] = cell.fill
        if cell.comment:
            grid.comments[pos] = cell.comment
        if cell.error is not None:
            grid.formula_errors[pos] = cell.error
        if cell.uncalculated is not None:
            grid.uncalculated[pos] = cell.uncalculated
        rows, cols = cell.span
        if rows > 1 or cols > 1:
            grid.merged.append((row, col, row + rows - 1, col + cols - 1))
        for name, text, end_address in cell.shapes:
            if not text:
                grid.pictures.append(Picture(row, col, name))
                continue
            end_col = _address_col(end_address, col)
            from app.io.sheet_import.source_drawings import Shape, place_shape_text

            self.notes.extend(place_shape_text(grid, [Shape(row, col, row, max(col, end_col), name, text)]))
        cell.shapes = ()  # a repeated cell's shapes are placed once


def _address_col(address: str, default: int) -> int:
    """'Sheet1.D5' -> 3 (the column of a shape's end cell); `default` when there is none."""
    reference = address.rsplit(".", 1)[-1].replace("$", "")
    try:
        return cell_position(reference)[1]
    except ValueError:
        return default


def _formula_text(formula: str) -> str:
    """'of:=SUM([.A1:.A3])' -> 'SUM(A1:A3)', as the report names an Excel formula."""
    text = formula.split(":", 1)[1] if formula.startswith(("of:", "oooc:", "msoxl:")) else formula
    return text.removeprefix("=").replace("[.", "").replace(":.", ":").replace("]", "")
