"""Build the small sheets of the board-export and emotion layout tests (CSV and .xlsx, in a temporary folder)
and read back what the tests compare."""

from __future__ import annotations

import csv
from pathlib import Path


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def notes_of(journey, stage: str, lane: str) -> list:
    stage_id = next(s.id for s in journey.stages if s.name == stage)
    lane_id = next(item.id for item in journey.lanes if item.name == lane)
    return list(journey.cards_in(stage_id, lane_id))


def workbook(path: Path, rows: list[list[object]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def curve(journey) -> list[tuple[str, float, str | None]]:
    order = {s.id: (n, s.name) for n, s in enumerate(journey.stages)}
    points = sorted(journey.emotions, key=lambda p: order[p.stage_id][0])
    return [(order[p.stage_id][1], p.value, p.label) for p in points]


def one_column(path: Path, lines: list[str | None]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for row, line in enumerate(lines, 1):
        if line:
            book.active.cell(row=row, column=1, value=line)
    book.save(path)
    return path


def sorted_points(journey) -> list:
    order = {s.id: n for n, s in enumerate(journey.stages)}
    return sorted(journey.emotions, key=lambda p: order[p.stage_id])


def groups(journey) -> list[tuple[str, str | None]]:
    by_id = {g.id: g.name for g in journey.lane_groups}
    return [(lane.name, by_id.get(lane.group_id)) for lane in journey.lanes]


def refuse(*_args: object, **_kwargs: object) -> None:
    raise ValueError("not understood")
