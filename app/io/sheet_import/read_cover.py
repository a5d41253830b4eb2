"""A cover sheet before the map's sheet: a few short lines of text, one a row ('Customer Journey Map', 'Project: Home
insurance renewal', 'Prepared by: CX team'). Its first line names the map when the map's sheet has no title of its
own, the rest (or all of it, when the map has one) are the map's description; it was 'not read'. A sheet of
instructions for filling the template in is not a cover."""

from __future__ import annotations

from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.grid import Grid, as_text
from app.io.sheet_import.report import found
from app.model.journey import JourneyMap

MAX_LINES = 12
MAX_LINE = 200


def cover_lines(grid: Grid, instructions: tuple[str, ...]) -> list[str] | None:
    """The lines of a sheet holding only a few lines of text, one cell a row, in reading order; None otherwise."""
    cells = sorted(grid.cells)
    if not cells or len(cells) > MAX_LINES or len({r for r, _c in cells}) != len(cells):
        return None
    if not all(isinstance(grid.cells[pos], str) for pos in cells):
        return None
    lines = [" ".join(as_text(grid.cells[pos]).split()) for pos in cells]
    if any(len(line) > MAX_LINE for line in lines):  # a cover's lines are short: not a sheet of notes or data
        return None
    if fold(grid.name).startswith(instructions) or fold(lines[0]).startswith(instructions):
        return None
    return [line for line in lines if line]


def apply_cover(journey: JourneyMap, grid: Grid, lines: list[str], titled: bool, report: list[str]) -> bool:
    """Title and description from a cover's lines; whether the title was taken from it."""
    take_title = not titled and len(lines[0]) <= 120
    rest = lines[1:] if take_title else lines
    if take_title:
        journey.metadata.title = lines[0]
    if rest:
        journey.metadata.description = "\n".join(filter(None, [journey.metadata.description, *rest]))[:20_000]
    said = "its first line is the map's title, the others its description" if take_title and rest else (
        "its line is the map's title" if take_title else "its lines are the map's description")
    report.append(found(f"sheet {grid.name!r}: a cover of {len(lines)} line(s): {said}"))
    return take_title
