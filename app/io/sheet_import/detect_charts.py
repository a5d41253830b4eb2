"""A native chart over the map becomes its emotion curve: the cells it plots are the scores.

Each series of a chart anchored on the map's sheet is matched to the stages by its categories (the
stage names it shows), else by the columns (rows) of the cells it plots, else -- when it has one point
per stage -- by order, which the report calls a guess. Its lane is the one its title names, else an
empty lane under or beside the chart ("Emotional journey"), else a new emotions lane named after it.
The plotted cells count as read even in hidden rows or far from the grid; values cached in the chart
stand in for cells on other sheets.
"""

from __future__ import annotations

from app.io.sheet_import.detect_cell_text import clean_stage_name
from app.io.sheet_import.detect_emotions import card_number, parse_number
from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.detect_result import DetectedEmotion, DetectedLane, Detection
from app.io.sheet_import.grid import Grid, Pos, as_text, cell_name
from app.io.sheet_import.report import found, guessed, left_out
from app.model.enums import LaneKind


def attach_charts(grid: Grid, detection: Detection) -> None:
    """Every series of every chart on the sheet: onto an emotions lane, or named in the report."""
    if detection.orientation == "long":
        for chart in grid.charts:
            detection.notes.append(left_out(f"{grid.name}!{cell_name(chart.row, chart.col)}: chart "
                                            f"{_label(chart)} not read (the table is in long format)"))
        return
    for chart in grid.charts:
        if not chart.series:
            detection.notes.append(left_out(f"{grid.name}!{cell_name(chart.row, chart.col)}: chart {_label(chart)} "
                                            "plots no cells; not read"))
        for series in chart.series:
            _attach_series(grid, detection, chart, series, len(chart.series))


def _label(chart) -> str:  # noqa: ANN001
    return repr(chart.title or chart.name or "chart")


def _attach_series(grid: Grid, detection: Detection, chart, series, count: int) -> None:  # noqa: ANN001
    where = f"{grid.name}!{cell_name(chart.row, chart.col)}"
    here = series.sheet in (None, grid.name)
    name = series.name
    if here and series.name_cell is not None and series.name_cell in grid.cells:
        name = as_text(grid.cells[series.name_cell])
    title = chart.title if count == 1 or not name else name
    title = title or name or "Emotions"
    points = _points(grid, chart, series, here)
    if not points:
        detection.notes.append(left_out(f"{where}: chart {title!r} plots no numbers; not read"))
        return
    stages, how = _stages_of(grid, detection, series, points)
    if stages is None:
        detection.notes.append(left_out(f"{where}: chart {title!r} plots {len(points)} points that match none of "
                                        f"the map's {len(detection.stages)} stages by name or column; not read"))
        return
    positions = {pos for pos, _v in points if pos is not None}
    existing = [e for e in detection.emotions if e.pos in positions]
    if existing:
        lane = detection.lanes[existing[0].lane]
        detection.notes.append(found(f"{where}: chart {title!r} plots the emotions lane {lane.name!r}"))
        return
    carded = [card for card in detection.cards if card.pos in positions]
    lanes = {card.lane for card in carded}
    if len(lanes) == 1 and all(card_number(card.text, grid.cells.get(card.pos)) is not None for card in carded):
        index = lanes.pop()  # a lane of numbers read as cards (several number rows): the chart says scores
        for card in carded:
            detection.cards.remove(card)
    else:
        index = _lane_for(detection, chart, title)
    lane = detection.lanes[index]
    lane.kind = LaneKind.EMOTIONS
    for (pos, value), stage in zip(points, stages, strict=True):
        if stage is None:
            continue
        point_pos = pos if pos is not None else (chart.row, chart.col)
        detection.emotions.append(DetectedEmotion(stage, index, value, False, None, point_pos))
        if pos is not None:
            detection.used.add(pos)
            detection.reasons.pop(pos, None)
    if how == "by name":  # the category cells are the stage names again; other labels stay in the report
        for pos in series.category_cells if series.category_sheet in (None, grid.name) else ():
            if pos in grid.cells and pos not in detection.used and fold(clean_stage_name(
                    as_text(grid.cells[pos]))) in {fold(clean_stage_name(s.name)) for s in detection.stages}:
                detection.used.add(pos)
    if positions:
        cells = _span(positions)
    elif series.sheet and series.values:
        cells = f"{series.sheet}!{_span(set(series.values))}"
    else:
        cells = "the values cached in the chart"
    label = repr(chart.title or title) + (f", series {name!r}," if count > 1 and name else "")
    line = (f"{where}: chart {label} read as the emotion curve of lane {lane.name!r} "
            f"(plots {cells}; stages matched {how})")
    detection.notes.append(guessed(line) if how == "by order" else found(line))


def _points(grid: Grid, chart, series, here: bool) -> list[tuple[Pos | None, float]]:  # noqa: ANN001
    out: list[tuple[Pos | None, float]] = []
    size = max(len(series.values), len(series.cached))
    for i in range(size):
        pos = series.values[i] if here and i < len(series.values) else None
        value = parse_number(grid.cells[pos]) if pos is not None and pos in grid.cells else None
        if value is None and i < len(series.cached):
            value = series.cached[i]
            pos = pos if pos is not None and pos in grid.cells else None
        if value is not None:
            out.append((pos, value))
    return out


def _stages_of(grid: Grid, detection: Detection, series, points) -> tuple[list[int | None] | None, str]:  # noqa: ANN001
    names = {fold(clean_stage_name(s.name)): i for i, s in enumerate(detection.stages)}
    categories = list(series.categories)
    if series.category_cells and series.category_sheet in (None, grid.name):
        categories = [as_text(grid.cells[p]) if p in grid.cells else "" for p in series.category_cells]
    all_points = max(len(series.values), len(series.cached))
    if categories and len(categories) == all_points:
        keep = [i for i in range(all_points) if _has_point(grid, series, i)]
        by_name = [names.get(fold(clean_stage_name(categories[i]))) for i in keep]
        if by_name and sum(s is not None for s in by_name) * 2 > len(by_name):
            return by_name, "by name"
    line_of = {line: i for i, s in enumerate(detection.stages) for line in s.lines}
    transposed = detection.orientation == "stages-in-rows"
    by_line = [line_of.get(pos[0] if transposed else pos[1]) if pos is not None else None for pos, _v in points]
    if all(pos is not None for pos, _v in points) and sum(s is not None for s in by_line) * 2 > len(by_line):
        return by_line, "by column" if not transposed else "by row"
    if len(points) == len(detection.stages):
        return list(range(len(points))), "by order"
    return None, ""


def _has_point(grid: Grid, series, i: int) -> bool:  # noqa: ANN001
    pos = series.values[i] if i < len(series.values) else None
    if pos is not None and pos in grid.cells and parse_number(grid.cells[pos]) is not None:
        return True
    return i < len(series.cached) and series.cached[i] is not None


def _lane_for(detection: Detection, chart, title: str) -> int:  # noqa: ANN001
    """The lane the chart draws: named like its title, else an empty lane at the chart, else a new one."""
    key = fold(title)
    filled = {c.lane for c in detection.cards} | {e.lane for e in detection.emotions}
    for i, lane in enumerate(detection.lanes):
        if fold(lane.name) == key and i not in filled:
            return i
    for i, lane in enumerate(detection.lanes):
        if i in filled or lane.label is None:
            continue
        r, c = lane.label
        transposed = detection.orientation == "stages-in-rows"
        near = chart.col - 2 <= c <= chart.col2 + 2 if transposed else chart.row - 2 <= r <= chart.row2 + 2
        if near and lane.kind in (LaneKind.EMOTIONS, LaneKind.TEXT):
            return i
    for i, lane in enumerate(detection.lanes):
        if lane.kind == LaneKind.EMOTIONS and i not in filled:
            return i
    detection.lanes.append(DetectedLane(title[:500], -1, LaneKind.EMOTIONS, None))
    return len(detection.lanes) - 1


def _span(positions: set[Pos]) -> str:
    first, last = min(positions), max(positions)
    return cell_name(*first) if first == last else f"{cell_name(*first)}:{cell_name(*last)}"
