"""Build small workbooks for the import tests (with openpyxl, in a temporary folder)."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.io.errors import JourneyFileError
from app.io.formats import ImportResult, read_map
from app.model.journey import JourneyMap


def make_workbook(
    path: Path,
    rows: list[list[Any]] | None = None,
    *,
    start: str = "A1",
    merged: tuple[str, ...] = (),
    fills: dict[str, str] | None = None,
    comments: dict[str, str] | None = None,
    sheets: dict[str, list[list[Any]]] | None = None,
    hidden_rows: tuple[int, ...] = (),
) -> Path:
    """rows are written from `start`; `sheets` adds more sheets (name -> rows from A1)."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Map"
    letters, first_row = coordinate_from_string(start)
    first_col = column_index_from_string(letters)
    for r, row in enumerate(rows or []):
        for c, value in enumerate(row):
            if value is not None:
                sheet.cell(row=first_row + r, column=first_col + c, value=value)
    for ref in merged:
        sheet.merge_cells(ref)
    for ref, colour in (fills or {}).items():
        sheet[ref].fill = PatternFill("solid", fgColor=colour)
    for ref, text in (comments or {}).items():
        sheet[ref].comment = Comment(text, "tester")
    for row in hidden_rows:
        sheet.row_dimensions[row].hidden = True
    for name, other_rows in (sheets or {}).items():
        other = book.create_sheet(name)
        for other_row in other_rows:
            other.append(other_row)
    book.save(path)
    return path


def read(path: Path, **options: Any) -> ImportResult:
    return read_map(path, **options)


def cells(journey: JourneyMap, stage: str, lane: str) -> list[str]:
    """The card texts of one cell, by stage and lane name."""
    stage_id = next(s.id for s in journey.stages if s.name == stage)
    lane_id = next(lane_.id for lane_ in journey.lanes if lane_.name == lane)
    return [c.text for c in journey.cards_in(stage_id, lane_id)]


def emotions(journey: JourneyMap, lane: str | None = None) -> list[float]:
    """Emotion values in stage order (of one lane, or the first emotions lane)."""
    lanes = [lane_ for lane_ in journey.lanes if lane_.kind == "emotions" and (lane is None or lane_.name == lane)]
    lane_id = lanes[0].id
    order = {s.id: i for i, s in enumerate(journey.stages)}
    points = sorted((p for p in journey.emotions if p.lane_id == lane_id), key=lambda p: order[p.stage_id])
    return [p.value for p in points]


def names(items: list[Any]) -> list[str]:
    return [item.name for item in items]


def rewrite_parts(source: Path, target: Path, edit: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the workbook `source` at `target` with every part (its name, its bytes) passed through `edit`:
    the XML a hand-made or damaged workbook holds, made from one openpyxl wrote."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for name in src.namelist():
            out.writestr(name, edit(name, src.read(name)))
    return target


def refuse(path: Path, match: str) -> str:
    """`read_map(path)` refuses the file in one line matching `match`, within 3 seconds; that line."""
    started = time.perf_counter()
    with pytest.raises(JourneyFileError, match=match) as info:
        read_map(path)
    assert time.perf_counter() - started < 3
    assert "\n" not in str(info.value)
    return str(info.value)
