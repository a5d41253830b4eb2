"""Open an .xlsx/.xlsm (or .ods, read by `source_ods`) safely and turn its sheets into `Grid`s.

Hostile files are refused before anything is inflated into memory: the archive's declared sizes,
compression ratios and the real inflated sizes (streamed, so a lying header cannot help) are
checked with `zipfile`, and the number of cells is counted from the raw sheet XML. Only then is
openpyxl (which uses defusedxml, so XML entity tricks are refused) asked to load the workbook.
"""

from __future__ import annotations

import colorsys
import posixpath
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app.io.errors import JourneyFileError, check_input_file
from app.io.sheet_import.date_format import DATE_FORMATS, shown_date
from app.io.sheet_import.grid import Grid, Picture, Pos, cell_name, clean_value, with_link
from app.io.sheet_import.number_format import shown_number
from app.io.sheet_import.sniff import not_a_workbook
from app.io.sheet_import.source_archive import ODS_MIMETYPE, Limits, check_members, opendocument_kind
from app.io.sheet_import.source_archive import SAVE_AS as _SAVE_AS
from app.io.sheet_import.source_archive import short as _short
from app.io.sheet_import.source_archive import too_big as _too_big

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""All members of the archive together, inflated. A real journey map workbook is a few MB."""

MAX_RATIO = 200
"""Inflated/compressed size above which a large member is a zip bomb, not a spreadsheet."""

MAX_CELLS = 1_000_000
MAX_CELL_TEXT = 100_000  # a cell's text beyond it is cut (and reported); longer than a card holds, it becomes several
MAX_COLUMNS = 1_000
"""A sheet wider than this holds no journey map (one stage per column is already a very long journey);
reading and detecting on 16,384 columns would only cost time."""
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HIDDEN_SHEET = "_journey_canvas"



@dataclass
class Workbook:
    """The sheets of a workbook as grids, in workbook order, plus what was left aside."""

    grids: list[Grid]
    hidden_sheet_text: str | None = None  # the export's `_journey_canvas` JSON, joined
    hidden_fingerprint: str | None = None  # the export's hash of the visible text (B1 of that sheet)
    sheet_states: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


_XLSX_CELL = re.compile(rb"<c[ >]")
_ODS_CELL = re.compile(rb"<(?:[\w.-]+:)?(?:covered-)?table-cell[\s/>]")


def check_archive(path: Path) -> str:
    """Refuse anything that is not a sane .xlsx or .ods archive, with a line that says what to do; which of the
    two it is ('xlsx' or 'ods')."""
    check_input_file(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(2048)
    except OSError as exc:
        raise JourneyFileError(path, f"could not be read: {exc.strerror or exc}") from exc
    if not head:
        raise JourneyFileError(path, "is empty (0 bytes); export the sheet again from your spreadsheet program")
    if head.startswith(OLE2_SIGNATURE[:4]):
        raise JourneyFileError(
            path, f"is encrypted or an old .xls (binary Excel); remove the password or {_SAVE_AS}"
        )
    if not head.startswith(b"PK"):
        raise JourneyFileError(path, f"{not_a_workbook(head)}; {_SAVE_AS}")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise JourneyFileError(path, f"is damaged or truncated (not a complete .xlsx archive); {_SAVE_AS}") from exc
    with archive:
        names = set(archive.namelist())
        if "xl/workbook.bin" in names:
            raise JourneyFileError(path, f"is a binary workbook (.xlsb); {_SAVE_AS}")
        if "xl/workbook.xml" not in names and ("content.xml" in names or "mimetype" in names):
            kind = opendocument_kind(path, archive)
            if kind != ODS_MIMETYPE:
                what = kind.rsplit(b".", 1)[-1].decode("ascii", "replace") if kind else "document"
                raise JourneyFileError(path, f"is an OpenDocument {what}, not a spreadsheet; {_SAVE_AS}")
            check_members(path, archive, lambda name: name == "content.xml", _ODS_CELL, _limits())
            return "ods"
        if "xl/workbook.xml" not in names:
            raise JourneyFileError(path, f"is a zip archive but not an Excel workbook; {_SAVE_AS}")
        check_members(path, archive, lambda name: name.startswith("xl/worksheets/") and name.endswith(".xml"),
                      _XLSX_CELL, _limits())
        return "xlsx"


def _limits() -> Limits:
    """The limits as this module holds them now (tests lower them)."""
    return Limits(MAX_UNCOMPRESSED_BYTES, MAX_RATIO, MAX_CELLS)


def load_workbook(path: Path) -> Workbook:
    """Check the archive and read every sheet into a Grid (lean reader first, openpyxl if it balks);
    sheets wider than MAX_COLUMNS are left out with a note (all of them: an error)."""
    workbook = _load_workbook(path)
    wide = [g for g in workbook.grids if g.cells and max(c for _, c in g.cells) >= MAX_COLUMNS]
    if not wide:
        return workbook
    for grid in wide:
        width = max(c for _, c in grid.cells) + 1
        workbook.notes.append(f"sheet {grid.name!r} was left out: it uses {width:,} columns, more than the "
                              f"{MAX_COLUMNS:,} a journey map sheet can have")
    workbook.grids = [g for g in workbook.grids if g not in wide]
    if not any(g.cells for g in workbook.grids):
        width = max(max(c for _, c in g.cells) + 1 for g in wide)
        raise JourneyFileError(path, f"uses {width:,} columns, more than the {MAX_COLUMNS:,} a journey map sheet "
                                     f"can have; {_too_big()}")
    return workbook


def _load_workbook(path: Path) -> Workbook:
    if check_archive(path) == "ods":
        from app.io.sheet_import.source_ods import read_ods

        ods = Workbook(*read_ods(path, MAX_CELL_TEXT, MAX_CELLS, MAX_COLUMNS))
        _sheet_notes(ods)
        return ods
    from app.io.sheet_import.source_xlsx import read_raw

    try:
        grids, states, hidden_text, fingerprint = read_raw(path, _theme_from_xml, resolve_colour, MAX_CELL_TEXT)
    except JourneyFileError:
        raise
    except Exception:  # anything unusual: let openpyxl have a go, it knows more corners of the format
        return _load_with_openpyxl(path)
    result = Workbook(grids, hidden_text, fingerprint, states)
    drawings = _drawing_pictures(path)
    for grid in grids:
        grid.pictures = drawings.get(grid.name, [])
    _charts_and_shapes(path, grids, result.notes)
    _sheet_notes(result)
    return result


def _sheet_notes(workbook: Workbook) -> None:
    """What each reader says the same way about every sheet: hidden, formulas without a result, cut cells."""
    for grid in workbook.grids:
        if workbook.sheet_states.get(grid.name, "visible") != "visible":
            workbook.notes.append(f"sheet {grid.name!r} is hidden in the workbook")
        if grid.uncalculated:
            workbook.notes.append(_uncalculated_note(grid))
        if grid.formula_errors:
            workbook.notes.append(_formula_errors_note(grid))
        if grid.damaged:
            kinds = "; ".join(sorted(set(grid.damaged.values())))
            workbook.notes.append(f"{_named_cells(grid, grid.damaged)}: {len(grid.damaged):,} cell(s) whose saved "
                                  f"value is damaged ({kinds}), not read")
        if grid.shortened:
            workbook.notes.append(f"{grid.name}: {grid.shortened} cell(s) longer than {MAX_CELL_TEXT:,} characters "
                                  "were shortened")


def _uncalculated_note(grid: Grid) -> str:
    """The formulas saved without their result (a file written by a script): their words cannot be read."""
    return (f"{_named_cells(grid, grid.uncalculated)}: {len(grid.uncalculated):,} formula(s) saved without their "
            "result, not read (open the file in Excel or LibreOffice, save it and import it again)")


def _formula_errors_note(grid: Grid) -> str:
    """The cells whose formula gave an error in Excel (#N/A, #REF!…): their error is not a word of the map."""
    kinds = ", ".join(sorted(set(grid.formula_errors.values())))
    return f"{_named_cells(grid, grid.formula_errors)}: {len(grid.formula_errors):,} cell(s) holding a formula " \
           f"error ({kinds}), not read"


def _named_cells(grid: Grid, cells: Iterable[Pos]) -> str:
    """"Map!B2, C3" (the first eight cells, then "and 12 more")."""
    ordered = sorted(cells)
    named = ", ".join(cell_name(r, c) for r, c in ordered[:8])
    if len(ordered) > 8:
        named += f" and {len(ordered) - 8:,} more"
    return f"{grid.name}!{named}"


def _load_with_openpyxl(path: Path) -> Workbook:
    import openpyxl  # heavy: imported only when the lean reader cannot read a workbook

    try:
        book = openpyxl.load_workbook(path, read_only=False, data_only=True, keep_links=False, keep_vba=False)
    except JourneyFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds; each means the file is unusable
        raise JourneyFileError(path, _describe_load_error(exc)) from exc
    try:
        theme = _theme_colours(book)
        drawings = _drawing_pictures(path)
        result = Workbook([])
        fill_cache: dict[int, str | None] = {}
        for sheet in book.worksheets:
            result.sheet_states[sheet.title] = sheet.sheet_state
            if sheet.title == HIDDEN_SHEET:
                result.hidden_sheet_text = _hidden_text(sheet)
                stored = sheet.cell(row=1, column=2).value
                result.hidden_fingerprint = stored.strip() if isinstance(stored, str) else None
                continue
            grid = _sheet_grid(book, sheet, theme, fill_cache)
            grid.pictures = drawings.get(sheet.title, [])
            result.grids.append(grid)
        _formulas_without_result(path, book, result.grids)
        _charts_and_shapes(path, result.grids, result.notes)
        _sheet_notes(result)
        for sheet in book.chartsheets:
            result.notes.append(f"{sheet.title}: a chart sheet, not read (charts are redrawn from the data)")
        return result
    except JourneyFileError:
        raise
    except Exception as exc:
        raise JourneyFileError(path, f"could not be read as a workbook ({_short(exc)}); {_SAVE_AS}") from exc
    finally:
        book.close()


def _describe_load_error(exc: Exception) -> str:
    name = type(exc).__name__
    if "Entities" in name or "DTD" in name or "DefusedXml" in name or "entity" in str(exc).lower():
        return "contains XML entity declarations, which Journey Canvas refuses (a possible attack); " + _SAVE_AS
    if name in ("ParseError", "XMLSyntaxError"):
        return f"has broken XML inside ({_short(exc)}); {_SAVE_AS}"
    if (found := re.search(r"Unable to read workbook: could not read (\w+)", str(exc))) is not None:
        # openpyxl's sentence would be cut mid-way; say which part is damaged, and why when it said
        cause = exc.__cause__ or exc.__context__
        why = f" ({type(cause).__name__}: {_short(cause)})" if cause is not None else ""
        return f"could not be read as a workbook: its {found.group(1)} are damaged{why}; {_SAVE_AS}"
    return f"could not be read as a workbook ({name}: {_short(exc)}); {_SAVE_AS}"


def _hidden_text(sheet: Any) -> str | None:
    parts: list[str] = []
    row = 1
    while True:
        value = sheet.cell(row=row, column=1).value
        if not isinstance(value, str) or not value:
            break
        parts.append(value)
        row += 1
        if row > 10_000:
            break
    return "".join(parts) or None


def _formulas_without_result(path: Path, book: Any, grids: list[Grid]) -> None:
    """The formula cells openpyxl read as empty (`data_only` gives None where no result was saved), in
    `grid.uncalculated` as the lean reader has them: read again with the formulas, only where a cell was empty."""
    import openpyxl

    empty = {sheet.title: {pos for pos, cell in sheet._cells.items() if cell._value is None}
             for sheet in book.worksheets if sheet.title != HIDDEN_SHEET}
    if not any(empty.values()):
        return
    by_name = {grid.name: grid for grid in grids}
    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        for title, candidates in empty.items():
            if not candidates or title not in by_name:
                continue
            grid = by_name[title]
            for row in formulas[title].iter_rows(min_row=min(r for r, _ in candidates),
                                                 max_row=max(r for r, _ in candidates)):
                for cell in row:
                    pos = (getattr(cell, "row", 0), getattr(cell, "column", 0))
                    if pos in candidates and getattr(cell, "data_type", None) == "f":
                        text = getattr(cell.value, "text", cell.value)  # an ArrayFormula keeps its text in .text
                        grid.uncalculated[(pos[0] - 1, pos[1] - 1)] = str(text or "").removeprefix("=")
    finally:
        formulas.close()


def _sheet_grid(book: Any, sheet: Any, theme: list[str], fill_cache: dict[int, str | None]) -> Grid:
    grid = Grid(sheet.title)
    cells, fills, comments = grid.cells, grid.fills, grid.comments
    book_fills = book._fills
    truncated = 0
    for (row, col), cell in sheet._cells.items():
        value = cell._value
        if cell._comment is not None:
            comments[(row - 1, col - 1)] = clean_value(cell._comment.text) or ""
        if (link := getattr(cell, "_hyperlink", None)) is not None and link.target:  # none on a MergedCell
            noted = with_link(comments.get((row - 1, col - 1)), link.target, value)
            if noted:
                comments[(row - 1, col - 1)] = noted
        if value is None:
            if colour := _cached_fill(cell._style, fill_cache, book_fills, theme):
                grid.keep_blank_fill((row - 1, col - 1), colour)  # an empty cell's fill, kept apart
            continue
        if cell.data_type == "e":  # a formula that failed in Excel (#N/A, #REF!): no words to read
            grid.formula_errors[(row - 1, col - 1)] = str(value).strip()
            continue
        if isinstance(value, datetime | date | time | timedelta):  # as the sheet shows it, as the lean reader does
            code = DATE_FORMATS.get(getattr(cell._style, "numFmtId", -1)) or cell.number_format
            value = shown_date(value, code, book.epoch.year == 1904)
        cleaned = clean_value(value)
        if cleaned is None:  # blank text (a number that is not finite is no empty cell)
            if isinstance(value, str) and (colour := _cached_fill(cell._style, fill_cache, book_fills, theme)):
                grid.keep_blank_fill((row - 1, col - 1), colour)
            continue
        if cell.data_type == "n" and isinstance(cleaned, int | float) and cell.number_format != "General":
            cleaned = shown_number(cleaned, cell.number_format)  # '45%' for 0.45, still a number
        if isinstance(cleaned, str) and len(cleaned) > MAX_CELL_TEXT:
            cleaned = cleaned[:MAX_CELL_TEXT]
            truncated += 1
        pos = (row - 1, col - 1)
        cells[pos] = cleaned
        if colour := _cached_fill(cell._style, fill_cache, book_fills, theme):
            fills[pos] = colour
    grid.shortened = truncated
    for merged in sheet.merged_cells.ranges:
        grid.merged.append((merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1))
    grid.drop_merged_blank_fills()
    for index, dim in sheet.row_dimensions.items():
        if dim.hidden:
            grid.hidden_rows.add(index - 1)
    from openpyxl.utils import column_index_from_string

    for key, dim in sheet.column_dimensions.items():
        if dim.hidden:
            start = dim.min or column_index_from_string(key)
            end = dim.max or start
            grid.hidden_cols.update(range(start - 1, min(end, start + 16384)))
    return grid


def _cached_fill(style: Any, cache: dict[int, str | None], book_fills: Any, theme: list[str]) -> str | None:
    if style is None or not style.fillId:
        return None
    if style.fillId not in cache:
        cache[style.fillId] = _fill_colour(book_fills[style.fillId] if style.fillId < len(book_fills) else None, theme)
    return cache[style.fillId]


def _fill_colour(fill: Any, theme: list[str]) -> str | None:
    """A solid fill's colour as '#rrggbb'; None for no fill, white and patterns we cannot resolve."""
    if fill is None or getattr(fill, "fill_type", None) in (None, "none"):
        return None
    colour = getattr(fill, "fgColor", None)
    rgb = resolve_colour(colour, theme)
    if rgb is None or rgb.lower() == "#ffffff":
        return None
    return rgb


def resolve_colour(colour: Any, theme: list[str]) -> str | None:
    if colour is None:
        return None
    kind = getattr(colour, "type", None)
    rgb: str | None = None
    if kind == "rgb" and isinstance(colour.rgb, str) and re.fullmatch(r"[0-9A-Fa-f]{6,8}", colour.rgb):
        rgb = colour.rgb[-6:]
    elif kind == "theme" and isinstance(colour.theme, int) and 0 <= colour.theme < len(theme):
        rgb = theme[colour.theme]
    elif kind == "indexed" and isinstance(colour.indexed, int):
        from openpyxl.styles.colors import COLOR_INDEX

        if 0 <= colour.indexed < len(COLOR_INDEX) and colour.indexed not in (64, 65):
            rgb = COLOR_INDEX[colour.indexed][-6:]
    if rgb is None:
        return None
    tint = float(getattr(colour, "tint", 0.0) or 0.0)
    if tint:
        rgb = _apply_tint(rgb, tint)
    return "#" + rgb.lower()


def _apply_tint(rgb: str, tint: float) -> str:
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    lightness = lightness * (1 + tint) if tint < 0 else lightness * (1 - tint) + tint
    r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lightness)), s)
    return "".join(f"{round(x * 255):02x}" for x in (r, g, b))


_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                "hlink", "folHlink")


def _theme_colours(book: Any) -> list[str]:
    return _theme_from_xml(getattr(book, "loaded_theme", None))


def _theme_from_xml(data: bytes | None) -> list[str]:
    """The workbook theme's colour slots in Excel's index order (0 = light 1, 1 = dark 1, ...)."""
    if not data:
        return ["FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5",
                "70AD47", "0563C1", "954F72"]
    from defusedxml.ElementTree import fromstring

    found: dict[str, str] = {}
    try:
        root = fromstring(data)
    except Exception:
        return []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in _THEME_ORDER and tag not in found:
            for child in element:
                child_tag = child.tag.rsplit("}", 1)[-1]
                value = child.get("lastClr") if child_tag == "sysClr" else child.get("val")
                if value and re.fullmatch(r"[0-9A-Fa-f]{6}", value):
                    found[tag] = value
                break
    return [found.get(name, "000000") for name in _THEME_ORDER]


_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_STRICT_REL = "{http://purl.oclc.org/ooxml/officeDocument/relationships}"  # Strict Open XML workbooks
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _drawing_pictures(path: Path) -> dict[str, list[Picture]]:
    """Pictures anchored to cells, per sheet name, read from xl/drawings/*.xml (openpyxl drops them)."""
    from defusedxml import ElementTree

    out: dict[str, list[Picture]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())

            def rels(part: str) -> dict[str, str]:
                folder, base = posixpath.split(part)
                rel_name = posixpath.join(folder, "_rels", base + ".rels")
                if rel_name not in names:
                    return {}
                root = ElementTree.fromstring(archive.read(rel_name))
                out: dict[str, str] = {}
                for rel in root.iter(f"{_NS_PKG_REL}Relationship"):
                    target = rel.get("Target", "")
                    full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                    out[rel.get("Id", "")] = posixpath.normpath(full)
                return out

            workbook_rels = rels("xl/workbook.xml")
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            for sheet in workbook.iter():
                if sheet.tag.rsplit("}", 1)[-1] != "sheet":
                    continue
                part = workbook_rels.get(sheet.get(f"{_NS_REL}id") or sheet.get(f"{_NS_STRICT_REL}id", ""), "")
                if part not in names:
                    continue
                for target in rels(part).values():
                    if "/drawings/" in target and target in names:
                        out.setdefault(sheet.get("name", ""), []).extend(_anchored(archive.read(target)))
    except Exception:  # pictures are a bonus; a broken drawing never stops an import
        return out
    return out


def _charts_and_shapes(path: Path, grids: list[Grid], notes: list[str]) -> None:
    """Native charts onto their grids, and the text of shapes into the empty cells under them."""
    from app.io.sheet_import.source_drawings import place_shape_text, read_drawings, with_other_sheets

    found = read_drawings(path)
    by_name = {grid.name: grid for grid in grids}
    for grid in grids:
        drawings = found.get(grid.name)
        if drawings is not None:
            grid.charts = [with_other_sheets(chart, grid.name, by_name) for chart in drawings.charts]
            wide = [shape for shape in drawings.shapes if shape.col2 >= MAX_COLUMNS]
            notes.extend(f"{grid.name}: the text of shape {shape.name!r} sits beyond column {MAX_COLUMNS:,}; not read"
                         for shape in wide)
            notes.extend(place_shape_text(grid, [shape for shape in drawings.shapes if shape.col2 < MAX_COLUMNS]))


def _anchored(xml: bytes) -> list[Picture]:
    from defusedxml import ElementTree

    pictures: list[Picture] = []
    root = ElementTree.fromstring(xml)
    for anchor in root:
        tag = anchor.tag.rsplit("}", 1)[-1]
        if tag not in ("twoCellAnchor", "oneCellAnchor"):
            continue
        if not any(child.tag.rsplit("}", 1)[-1] == "pic" for child in anchor):
            continue  # a chart or a shape: source_drawings reads those
        row = col = None
        name = descr = ""
        for element in anchor.iter():
            local = element.tag.rsplit("}", 1)[-1]
            if local == "from" and row is None:
                for child in element:
                    child_tag = child.tag.rsplit("}", 1)[-1]
                    if child_tag == "row":
                        row = int(child.text or 0)
                    elif child_tag == "col":
                        col = int(child.text or 0)
            elif local == "cNvPr":
                name = element.get("name", "") or name
                descr = element.get("descr", "") or element.get("title", "") or descr
        if row is not None and col is not None:
            pictures.append(Picture(row, col, name, descr))
    return pictures
