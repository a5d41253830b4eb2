"""Showing dates as the sheet shows them changes their text, not what the import finds: for each layout that holds
dates (stages named by dates, across or down, a long table, a row of dates under the stages, dates in an emotions
lane) and each format, the map read is the one read when the same cells were ISO text ('2026-01-05 09:00'): the
same stages, lanes and kinds, cards in the same cells, the same emotion points."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.io.sheet_import import date_format
from tests.import_helpers import read

FORMATS = ["dd mmm", "mmm d, yyyy", "h:mm AM/PM", "dddd", "d", "yyyy", "m/d", "mmm", "h", "[h]:mm", '"Week "d',
           "mm-dd-yy"]
"""Formats whose text reads otherwise than ISO: words, lone numbers ('1 2 3 4' numbering the stages, '2026', '9'),
a number beside a word ('Week 5', '05 Jan'), ratings ('1/5 2/5'), the same text for different days ('Jan'), Excel's
built-in 14."""
DAYS = [datetime(2026, 1, 1) + timedelta(days=i, hours=9 + i) for i in range(4)]  # 'd' shows '1 2 3 4'
MONTHLY = [datetime(2026, month, 5, 8 + month) for month in range(1, 5)]  # 'm/d' shows '1/5 2/5 3/5 4/5'
ACTIONS = ["Sees ad", "Visits site", "Signs up", "Pays"]
THOUGHTS = ["Curious", "Is it safe?", "Easy", "Worth it"]
NAMES = ["Awareness", "Consideration", "Purchase", "Use"]


def _rows(layout: str) -> list[list[object]]:
    if layout == "dates as stages":
        return [["Date", *DAYS], ["Doing", *ACTIONS], ["Thinking", *THOUGHTS], ["Feeling", 1, -1, 2, 3]]
    if layout == "dates as stages, no corner":
        return [[None, *DAYS], ["Doing", *ACTIONS], ["Thinking", *THOUGHTS]]
    if layout == "a row of dates":
        return [["Stage", *NAMES], ["When", *DAYS], ["Doing", *ACTIONS], ["Feeling", 1, -1, 2, 3]]
    if layout == "a row of dates without a label":
        return [[None, *NAMES], [None, *DAYS], ["Doing", *ACTIONS], ["Emotion", 1, -1, 2, 3]]
    if layout == "a row of dates headed No":  # 'No' heads a row numbering the stages: '1 2 3 4' under 'd'
        return [[None, *NAMES], ["No", *DAYS], ["Doing", *ACTIONS]]
    if layout == "dates down the rows":
        return [["Date", "Doing", "Thinking", "Feeling"],
                *([day, action, thought, score] for day, action, thought, score in
                  zip(DAYS, ACTIONS, THOUGHTS, [1, -1, 2, 3], strict=True))]
    if layout == "long format":
        return [["Stage", "Lane", "Text", "Score"],
                *([day, lane, f"{lane} {i}", i - 1] for i, day in enumerate(DAYS) for lane in ("Doing", "Thinking"))]
    assert layout == "dates in an emotions lane"
    return [["Stage", *NAMES], ["Doing", *ACTIONS], ["Feeling", *MONTHLY]]


def _workbook(path: Path, layout: str, code: str) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Map"
    for row in _rows(layout):
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = code
    book.save(path)
    return path


def _found(path: Path) -> tuple:
    journey = read(path).journey
    stage = {s.id: i for i, s in enumerate(journey.stages)}
    lane = {lane.id: i for i, lane in enumerate(journey.lanes)}
    return (len(journey.stages), [lane.kind for lane in journey.lanes],
            sorted((stage[c.stage_id], lane[c.lane_id]) for c in journey.cards),
            sorted((stage[p.stage_id], lane[p.lane_id], p.value) for p in journey.emotions))


@pytest.mark.parametrize("code", FORMATS)
@pytest.mark.parametrize("layout", ["dates as stages", "dates as stages, no corner", "a row of dates",
                                    "a row of dates without a label", "a row of dates headed No",
                                    "dates down the rows", "long format",
                                    "dates in an emotions lane"])
def test_the_map_found_is_the_one_found_with_iso_text(tmp_path, monkeypatch, layout, code):
    path = _workbook(tmp_path / "dates.xlsx", layout, code)
    shown = _found(path)
    monkeypatch.setattr(date_format, "format_date", lambda value, _code, _date1904=False: date_format.date_text(value))
    assert _found(path) == shown
    assert shown[0] == 4  # four stages in every layout: four days, or the four named ones
