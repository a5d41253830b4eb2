"""Read a CSV/TSV file into a `Grid`: encoding, delimiter and decimal commas are guessed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.io.errors import JourneyFileError, check_input_file
from app.io.sheet_import.grid import Grid, cell_name, clean_value
from app.io.sheet_import.report import guessed

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_CELLS = 1_000_000
MAX_CELL_TEXT = 100_000  # as for workbooks (source.MAX_CELL_TEXT); csv's own field limit is 131,072
MAX_COLUMNS = 1_000  # as for workbooks (source.MAX_COLUMNS)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (with or without BOM), UTF-16/32 with BOM, else cp1252."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return data.decode("utf-32", errors="replace"), "UTF-32"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    if b"\x00" in data[:4096]:
        if (utf16 := utf16_without_bom(data[:4096])) is not None:
            return data.decode(utf16, errors="replace"), f"{utf16.upper()} (no byte order mark)"
        raise JourneyFileError(path, "is a binary file, not a CSV table; export the sheet as CSV (UTF-8)")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text of mostly Latin letters written as UTF-16 without a BOM (every other
    byte zero, and the bytes between them not), else None: a binary file."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for name, zeros, letters in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.5 * len(zeros) and letters.count(0) == 0:
            return name
    return None


def sniff_delimiter(text: str, suffix: str) -> str:
    """The delimiter (`,` `;` tab) that splits the first lines most consistently into the most columns."""
    if suffix == ".tsv":
        return "\t"
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = ",", -1.0
    for delimiter in (",", ";", "\t", "|"):
        try:
            rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
        except csv.Error:
            continue
        counts = [len(r) for r in rows if any(cell.strip() for cell in r)]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) / len(counts) * min(common, 30) + (0.5 if delimiter != "|" else 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_grid(path: Path) -> tuple[Grid, list[str]]:
    """The file as a grid, plus notes on how it was read."""
    try:
        size = check_input_file(path)
        if size > MAX_CSV_BYTES:
            raise JourneyFileError(path, f"is {size / (1024 * 1024):.0f} MiB, far larger than any journey map "
                                         f"({MAX_CSV_BYTES // (1024 * 1024)} MiB at most); "
                                         "copy the map into a smaller file")
        with path.open("rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
        if len(data) > MAX_CSV_BYTES:
            raise JourneyFileError(path, f"is more than {MAX_CSV_BYTES // (1024 * 1024)} MiB, far larger than any "
                                         "journey map; copy the map into a smaller file")
    except OSError as exc:
        raise JourneyFileError(path, f"could not be read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise JourneyFileError(path, "is empty; export the sheet again as CSV")
    if data.startswith(b"PK\x03\x04"):
        raise JourneyFileError(path, "is a zip archive (an .xlsx workbook?), not a CSV table; rename it to .xlsx")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise JourneyFileError(path, "is an old binary Excel file (.xls), not a CSV table; save it as .xlsx or CSV")
    text, encoding = decode(data, path)
    first_line = text.split("\n", 1)[0].strip()
    named = first_line[4:] if first_line.lower().startswith("sep=") and len(first_line) == 5 else None
    if named is not None:  # Excel's "sep=;" line: the delimiter named, no row of the table (kept as a blank line)
        text = "\n" + text.split("\n", 1)[-1] if "\n" in text else ""
    delimiter = named if named is not None else sniff_delimiter(text, path.suffix.lower())
    decimal_comma = delimiter != ","
    grid = Grid(path.stem)
    cells = shortened = 0
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        line = row_start = 1
        r, row = -1, []
        for r, row in enumerate(reader):
            row_start, line = line, reader.line_num + 1
            if len(row) > MAX_COLUMNS:
                raise JourneyFileError(path, f"line {r + 1} has {len(row):,} columns, more than the {MAX_COLUMNS:,} "
                                             "a journey map table can have; copy the map into a smaller file")
            for c, raw in enumerate(row):
                if len(raw) > MAX_CELL_TEXT:
                    raw = raw[:MAX_CELL_TEXT]
                    shortened += 1
                value = clean_value(raw)
                if value is None:
                    continue
                cells += 1
                if cells > MAX_CELLS:
                    raise JourneyFileError(path, f"has more than {MAX_CELLS:,} cells, far more than any journey map")
                grid.cells[(r, c)] = value
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise JourneyFileError(path, f"has a cell longer than {csv.field_size_limit():,} characters (from line "
                                         f"{line:,}), far more than a journey map holds, or a quote that is never "
                                         "closed") from exc
        raise JourneyFileError(path, f"is not a readable CSV table ({exc})") from exc
    names = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}
    notes = [f"read as {encoding} text, columns separated by {names.get(delimiter, repr(delimiter))}"
             + (" (as its first line, 'sep=', says)" if named is not None else "")
             + (", decimal commas accepted" if decimal_comma else "")]
    if shortened:
        notes.append(f"{path.name}: {shortened} cell(s) longer than {MAX_CELL_TEXT:,} characters were shortened")
    if row and reader.line_num > row_start and _quote_left_open(text, delimiter, row_start):
        notes.append(guessed(f"{grid.name}!{cell_name(r, len(row) - 1)}: a quote opened on line {row_start:,} is "
                             f"never closed, so the rest of the file (lines {row_start:,}-{reader.line_num:,}) was "
                             "read into this one cell; close the quote in the file and import it again"))
    return grid, notes


def _quote_left_open(text: str, delimiter: str, first_line: int) -> bool:
    """Whether the CSV from `first_line` on ends inside a quoted cell (csv reads the rest of the file into it)."""
    tail = "".join(io.StringIO(text, newline="").readlines()[first_line - 1:])
    try:
        for _row in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False
