"""A sheet as plain data: the non-empty cells, merged ranges, fills, comments and pictures.

Readers (xlsx, csv) produce a `Grid`; the detector (`grid_detect`) works only on grids, so it
is pure Python and testable without any file. Rows and columns are 0-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import NamedTuple

from app.io.sheet_import.date_format import ShownDate, date_text
from app.io.sheet_import.number_format import ShownNumber

Value = str | int | float
Pos = tuple[int, int]

BLANK_FILLS = 20_000
"""Fills of empty cells a grid keeps: enough for any map's rows, not a whole coloured sheet."""


class Picture(NamedTuple):
    """An image anchored to a cell, with the name and description the drawing gives it."""

    row: int
    col: int
    name: str = ""
    descr: str = ""


@dataclass
class Grid:
    """A sheet's cells, merges, fills and comments, read from any source."""

    name: str
    cells: dict[Pos, Value] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 inclusive
    fills: dict[Pos, str] = field(default_factory=dict)  # '#rrggbb'
    comments: dict[Pos, str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    pictures: list[Picture] = field(default_factory=list)
    charts: list = field(default_factory=list)  # source_drawings.Chart: native charts anchored on the sheet
    drawn: dict[Pos, str] = field(default_factory=dict)  # cells whose text came from a shape -> the shape's name
    uncalculated: dict[Pos, str] = field(default_factory=dict)  # formula cells saved without their result -> formula
    formula_errors: dict[Pos, str] = field(default_factory=dict)  # cells holding an error result (#N/A) -> it
    damaged: dict[Pos, str] = field(default_factory=dict)  # cells whose saved value cannot be read -> why
    shortened: int = 0  # cells whose text was cut at the reader's limit
    # fills of cells holding no value (an emotions row coloured as a traffic light), at most BLANK_FILLS of them
    blank_fills: dict[Pos, str] = field(default_factory=dict)

    def keep_blank_fill(self, pos: Pos, colour: str) -> None:
        if len(self.blank_fills) < BLANK_FILLS:
            self.blank_fills[pos] = colour

    def drop_merged_blank_fills(self) -> None:
        """A merged range's covered cells are one cell with its top-left one: their own fills say nothing."""
        fills = self.blank_fills
        for r1, c1, r2, c2 in self.merged if fills else ():
            if (r2 - r1 + 1) * (c2 - c1 + 1) <= len(fills):  # a small range: look its cells up
                covered = [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) in fills]
            else:
                covered = [pos for pos in fills if r1 <= pos[0] <= r2 and c1 <= pos[1] <= c2]
            for pos in covered:
                if pos != (r1, c1):
                    del fills[pos]

    @classmethod
    def from_rows(cls, name: str, rows: list[list[object]]) -> Grid:
        grid = cls(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cleaned = clean_value(value)
                if cleaned is not None:
                    grid.cells[(r, c)] = cleaned
        return grid

    def transposed(self) -> Grid:
        return Grid(
            self.name,
            {(c, r): v for (r, c), v in self.cells.items()},
            [(c1, r1, c2, r2) for r1, c1, r2, c2 in self.merged],
            {(c, r): v for (r, c), v in self.fills.items()},
            {(c, r): v for (r, c), v in self.comments.items()},
            set(self.hidden_cols),
            set(self.hidden_rows),
            [Picture(p.col, p.row, p.name, p.descr) for p in self.pictures],
        )


def with_link(comment: str | None, target: object, shown: object) -> str | None:
    """A cell's comment with the web address its words link to as a last line, so a linked 'Comparison site'
    keeps where it points (as its card's note); the comment as it was when the cell shows the address itself."""
    address = str(clean_value(target) or "").strip() if target else ""
    if not address or shown is None or address in str(shown) or address in (comment or ""):
        return comment
    return f"{comment}\n{address}" if comment else address


def clean_value(value: object) -> Value | None:
    """A cell value as text or number; None for empty, whitespace-only and non-breaking-space cells."""
    if value is None:
        return None
    if value.__class__ is str:  # most cells: replace only what is there
        text: str = value  # type: ignore[assignment]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "\xa0" in text:
            text = text.replace("\xa0", " ")
        return text.strip() or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):  # NaN, inf
            return None
        return value
    if isinstance(value, ShownDate):  # a date as its sheet shows it: the same text cleaned, still the date
        text = clean_value(str(value))
        return ShownDate(text, value.moment) if isinstance(text, str) else None
    if isinstance(value, datetime | date | time):
        return date_text(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").strip()
    return text or None


def cell_name(row: int, col: int) -> str:
    """(0, 0) -> 'A1'."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def cell_position(name: str) -> Pos:
    """'B3' -> (2, 1); ValueError for anything that is not a cell name."""
    letters = name.strip().upper().rstrip("0123456789")
    digits = name.strip()[len(letters):]
    if not letters or not letters.isalpha() or not letters.isascii() or len(letters) > 3 or not digits.isdigit():
        raise ValueError(f"not a cell name: {name!r}")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def as_text(value: Value) -> str:
    """A cell as card text: its words, or its number as the sheet shows it ('45%' for 0.45 shown as a percent)."""
    if value.__class__ is str:  # most cells: str() would give the same object
        return value  # type: ignore[return-value]
    if isinstance(value, ShownNumber):
        return value.shown
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def quote_cell(text: str, limit: int) -> str:
    """A cell's text for a report line: on one line, shortened, in quotes, and as the user typed it
    (repr would show an emoji's zero-width joiner as \\u200d)."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"'{text}'"
