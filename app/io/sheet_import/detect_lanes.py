"""Reading the lanes of a map: labels, groups, colours, and each cell as cards or emotion scores."""

from __future__ import annotations

import re

from app.io.sheet_import.detect_cell_text import (
    MARKED,
    PLACEHOLDER,
    UNTICKED,
    CardText,
    all_numbers,
    cell_reading,
    is_placeholder,
    mostly_text,
    short_label,
)
from app.io.sheet_import.detect_dividers import divider_kind, is_divider_row, zone_names
from app.io.sheet_import.detect_emotions import feeling_value, labelled_number, parse_number, ratings
from app.io.sheet_import.detect_header_rows import (
    NUMBER_HEADINGS,
    STAGE_DESCRIPTION_KEYS,
    icon_before,
    numbered_names,
    numbers_the_stages,
    sub_columns,
)
from app.io.sheet_import.detect_lane_kinds import channel_list, fold, guess_channel, guess_lane_kind
from app.io.sheet_import.detect_lane_meaning import (
    compound_kind,
    content_kind,
    metadata_key,
    metadata_values,
    names_remarks,
)
from app.io.sheet_import.detect_lane_scores import add_labelled_scores, add_scores, add_sign_scores
from app.io.sheet_import.detect_result import DetectedCard, DetectedEmotion, DetectedLane, Detection
from app.io.sheet_import.detect_section_rows import repeated_stage_row
from app.io.sheet_import.detect_summary import keep_summaries
from app.io.sheet_import.detect_summary_rows import keep_summary_rows
from app.io.sheet_import.grid import Pos, ShownDate, Value, as_text, cell_name
from app.io.sheet_import.grid_view import GridView
from app.io.sheet_import.report import guessed
from app.io.xlsx_export.card_markers import CONTINUED_BELOW, join_continued
from app.model.enums import LaneKind


def read_lanes(
    view: GridView,
    header: int | None,
    label_col: int | None,
    group_col: int | None,
    colour_col: int | None,
    data_start: int,
    consumed: set[int],
    col_to_stage: dict[int, int],
    detection: Detection,
) -> None:
    grid = view.grid
    group_name: str | None = None
    group_kind = LaneKind.TEXT
    if header is not None and label_col is not None and (header, label_col) in view.cells:
        detection.used.add(view.orig((header, label_col)))
    header_values = {c: as_text(v) for c, v in view.row_values(header, data_start)} if header is not None else {}
    lane_of_label: dict[Pos, int] = {}
    detection.numeric_lines = sum(
        1 for r in view.rows
        if r != header and r not in consumed and r not in detection.summary_rows
        and not (label_col is not None and metadata_key(view.text(r, label_col)))
        and all_numbers([(c, v) for c, v in view.row_values(r, data_start)
                                                               if c in col_to_stage])
        and len([c for c, _ in view.row_values(r, data_start) if c in col_to_stage]) >= 2
    )
    labelled_lines = label_col is not None and any(
        (r, label_col) in view.cells for r in view.rows if r != header and r not in consumed
    )
    if colour_col is not None and header is not None and (header, colour_col) in view.cells:
        colour = view.text(header, colour_col).strip().lower()
        detection.used.add(view.orig((header, colour_col)))
        for stage in detection.stages:
            stage.color = stage.color or colour
    first_line = next((r for r in view.rows if header is not None and r > header and r not in consumed), None)
    previous: tuple[int, int] | None = None  # the last row read into a lane, and that lane
    summaries: list[tuple[int, int, Value]] = []  # (row, column, value) in a summary column ('Average', 'Notes')
    lane_of_row: dict[int, int] = {}
    summary_rows: dict[int, list[tuple[int, Value]]] = {}  # a 'Total' / 'Notes' row's cells (not a lane)
    repeated: dict[int, list[Pos]] = {}  # lane -> the labels typed again on the rows right under it
    section: str | None = None  # 'BACKSTAGE | Discover | Buy ...': the group of the lanes under the stages repeated
    last_stage = max(col_to_stage, default=-1)
    relabelled: dict[int, Pos] = {}  # a column typing the lane labels again after the last stage: its first cell
    for r in view.rows:
        if r == header or r in consumed:
            continue
        values = view.row_values(r, data_start)
        if r in detection.summary_rows:
            summary_rows[r] = values
            continue
        if header is not None and values and r != header and {c: as_text(v) for c, v in values} == header_values:
            section = repeated_stage_row(view, r, values, header, label_col, detection) or section
            continue
        if is_divider_row(view, r):
            _divider(view, r, detection)
            continue
        own_group = group_col is not None and (r, group_col) in view.cells  # not one merged down from above
        if group_col is not None:
            group_pos = view.owner.get((r, group_col), (r, group_col))
            if group_pos in view.cells:
                group_name = as_text(view.cells[group_pos])
                group_kind = guess_lane_kind(group_name)
                detection.used.add(view.orig(group_pos))
        label = ""
        label_pos = None
        if label_col is not None:
            label_pos = view.owner.get((r, label_col), (r, label_col))
            if group_col is not None and label_pos == view.owner.get((r, group_col), (r, group_col)):
                group_name = None  # a label merged across the group column too: a lane of no group (ends the one above)
            label = as_text(view.cells[label_pos]) if label_pos in view.cells else ""
        in_map = [(c, v) for c, v in values if c in col_to_stage]
        outside = [(c, v) for c, v in values if c not in col_to_stage]
        if header is not None and (r < header or r == first_line) and numbers_the_stages(in_map, col_to_stage) and (
                not label or fold(label).strip(" .#:") in NUMBER_HEADINGS):
            for c, _ in in_map:  # "1 2 3 4" over (or under) the stage names: their numbers, not a lane of scores
                detection.used.add(view.orig((r, c)))
            if label_pos is not None and label:
                detection.used.add(view.orig(label_pos))
            detection.notes.append(f"{view.grid.name}!{cell_name(*view.orig((r, in_map[0][0])))}: "
                                   f"{'row' if not view.transposed else 'column'} of the stages' numbers, not a lane")
            continue
        for c, value in outside:
            if c in detection.summary_lines:
                summaries.append((r, c, value))
            elif label and c > last_stage and fold(as_text(value)) == fold(label):
                detection.used.add(view.orig((r, c)))  # the label again at the right end (to read a wide print)
                relabelled.setdefault(c, view.orig((r, c)))
            elif c not in detection.meta_lines:
                detection.reasons[view.orig((r, c))] = "no stage beside it" if view.transposed else "no stage above it"
        if not in_map and not label:
            continue
        if label and detection.lanes and label_pos not in lane_of_label and _metadata_row(
                view, r, label, label_pos, in_map, col_to_stage, detection):
            continue
        if label_pos is not None and label_pos in lane_of_label:
            # a lane label merged down several rows: the lane gathers every row
            index = lane_of_label[label_pos]
            _read_lane(view, detection.lanes[index], index, in_map, col_to_stage, detection, r)
            previous = (r, index)
            lane_of_row[r] = index
            continue
        if label and is_placeholder(label):
            detection.reasons[view.orig(label_pos)] = "a placeholder where a lane label belongs"
            label_pos, label = None, ""
        if not label and not group_name and labelled_lines and r == first_line and sub_columns(in_map, col_to_stage):
            for c, value in in_map:  # "Online | Offline" under every stage: each card is tagged with its sub-column
                detection.column_tags[c] = as_text(value)[:500]
                detection.used.add(view.orig((r, c)))
            shown = ", ".join(dict.fromkeys(detection.column_tags.values()))
            detection.notes.append(f"{view.grid.name}!{cell_name(*view.orig((r, in_map[0][0])))}: the stages' "
                                   f"sub-columns ({shown}): each card is tagged with its sub-column's name")
            continue
        if ((not label or fold(label) in STAGE_DESCRIPTION_KEYS) and not group_name and labelled_lines
                and r == first_line and in_map and mostly_text(in_map)):
            names = not label and numbered_names(detection.stages, in_map, col_to_stage)  # "Stage 1" over "Discover"
            for c, v in in_map:  # a row right under the stage names, unlabelled or "Description": their descriptions
                stage = detection.stages[col_to_stage[c]]
                if names:
                    stage.name, stage.description = as_text(v).strip()[:500], stage.name
                else:
                    stage.description = (stage.description + "\n" + as_text(v)).strip()
                detection.used.add(view.orig((r, c)))
            if label_pos is not None:
                detection.used.add(view.orig(label_pos))
            continue
        if not label and not own_group and labelled_lines and in_map and previous is not None and \
                previous[0] == r - 1 and not view.transposed and not all_numbers(in_map):
            # right under a lane's row, with the label cell left empty (a label merged down rows, saved as CSV
            # or unmerged): more of that lane, as a merged label's rows are (not across: a ragged CSV line's
            # extra cells stick out to the right of the last lane, and are not that lane's); in a lane group, a row
            # with its own group name and no label is that group's lane
            _read_lane(view, detection.lanes[previous[1]], previous[1], in_map, col_to_stage, detection, r)
            previous = (r, previous[1])
            lane_of_row[r] = previous[1]
            continue
        if label and previous is not None and previous[0] == r - 1 and _same_lane_again(
                view, detection, previous[1], label, in_map, group_name):
            # the label typed again on the next row (two 'Touchpoints' rows one under the other): one lane
            # holding both rows' cards, as a label merged down the two rows would be
            _read_lane(view, detection.lanes[previous[1]], previous[1], in_map, col_to_stage, detection, r)
            detection.used.add(view.orig(label_pos))  # type: ignore[arg-type]
            repeated.setdefault(previous[1], []).append(view.orig(label_pos))  # type: ignore[arg-type]
            previous = (r, previous[1])
            lane_of_row[r] = previous[1]
            continue
        if not label and not group_name and labelled_lines and not (all_numbers(in_map) and len(in_map) >= 2):
            for c, _ in in_map:
                detection.reasons[view.orig((r, c))] = (
                    "no lane label above it" if view.transposed else "no lane label beside it"
                )
            continue
        name = short_label(label, detection) if label else (group_name or "")
        kind = guess_lane_kind(label) if label else LaneKind.TEXT
        guess = ""
        if kind == LaneKind.TEXT and label and (compound := compound_kind(label)) is not None:
            kind, guess = compound
        if kind == LaneKind.TEXT and group_name and group_kind != LaneKind.TEXT:
            kind, guess = group_kind, f"its group {group_name!r} names it"
        colour = None
        if label_pos is not None and label_pos in view.cells:
            detection.used.add(view.orig(label_pos))
            colour = grid.fills.get(view.orig(label_pos))
        if colour_col is not None and (r, colour_col) in view.cells:
            colour = view.text(r, colour_col).strip().lower()
            detection.used.add(view.orig((r, colour_col)))
        if label_pos is not None and group_col is None and (icon := icon_before(view, label_pos)):
            name = f"{icon} {name}"[:500]  # "📱 | Touchpoints": the label's picture is part of its name
            detection.used.add(view.orig((label_pos[0], label_pos[1] - 1)))
        lane_index = len(detection.lanes)
        lane = DetectedLane(name, r, kind, view.orig(label_pos) if label_pos else None, group_name or section, colour,
                            guess)
        detection.lanes.append(lane)
        if label_pos is not None:
            lane_of_label[label_pos] = lane_index
        _read_lane(view, lane, lane_index, in_map, col_to_stage, detection, r)
        previous = (r, lane_index)
        lane_of_row[r] = lane_index
        for c, value in outside:
            if c in detection.meta_lines:
                _lane_metadata(view, lane_index, detection.meta_lines[c], (r, c), value, detection)
    if detection.dividers:
        _group_by_dividers(view, detection)
    for lane_number, lane in enumerate(detection.lanes, 1):
        if not lane.name:
            lane.name = "Emotions" if lane.kind == LaneKind.EMOTIONS else f"Lane {lane_number}"
    if detection.summary_lines:
        _keep_summaries(view, summaries, lane_of_row, detection)
    if detection.summary_rows:
        keep_summary_rows(view, detection, summary_rows, col_to_stage)
    _say_repeated_labels(view, detection, repeated)
    for pos in relabelled.values():
        detection.notes.append(f"{view.grid.name}!{cell_name(*pos)}: the lane labels typed again after the last "
                               "stage (to read a wide print): read as those labels")


def _same_lane_again(view: GridView, detection: Detection, index: int, label: str, in_map: list[tuple[int, Value]],
                     group: str | None) -> bool:
    """Whether a labelled row right under lane `index` is more of it: the same label (and group), text, not scores
    (two rows of scores under one label are two curves, as for two personas)."""
    lane = detection.lanes[index]
    if lane.label is None or lane.group != group or lane.kind == LaneKind.EMOTIONS:
        return False
    first = view.grid.cells.get(lane.label)
    if first is None or fold(as_text(first)) != fold(label):
        return False
    return not (in_map and all_numbers(in_map)) and guess_lane_kind(label) != LaneKind.EMOTIONS


def _say_repeated_labels(view: GridView, detection: Detection, repeated: dict[int, list[Pos]]) -> None:
    """Report lines: labels typed again right under their lane (one lane), and lanes that share a name apart."""
    sheet = view.grid.name
    lines, together = ("columns", "side by side") if view.transposed else ("rows", "one under the other")
    for index, cells in repeated.items():
        lane = detection.lanes[index]
        where = ", ".join(cell_name(*pos) for pos in [lane.label, *cells] if pos is not None)
        detection.notes.append(guessed(
            f"{sheet}!{where}: {len(cells) + 1} {lines} labelled {lane.name!r} {together} read as one lane (each "
            f"cell holds the cards of every {lines[:-1]}, in order)"))
    by_name: dict[str, list[DetectedLane]] = {}
    for lane in detection.lanes:
        by_name.setdefault(fold(lane.name), []).append(lane)
    for lanes in by_name.values():
        if len(lanes) > 1 and all(lane.label is not None for lane in lanes):
            where = ", ".join(cell_name(*lane.label) for lane in lanes)  # type: ignore[misc]
            detection.notes.append(
                f"{sheet}!{where}: {len(lanes)} lanes are named {lanes[0].name!r}: kept as {len(lanes)} lanes, as "
                "the sheet has them (rename one in the Inspector to tell them apart)")


def _keep_summaries(view: GridView, summaries: list[tuple[int, int, Value]], lane_of_row: dict[int, int],
                    detection: Detection) -> None:
    """The cells of summary columns ('Average', 'Notes') beside each lane, into the map's description."""
    held = []
    for r, c, value in summaries:
        pos = view.orig((r, c))
        if r not in lane_of_row:
            detection.reasons[pos] = f"in the column {detection.summary_lines[c]!r} (not a stage), beside no lane"
            continue
        held.append((lane_of_row[r], c, value))
        detection.used.add(pos)
    keep_summaries(detection, held, view)


def _read_lane(
    view: GridView,
    lane: DetectedLane,
    lane_index: int,
    values: list[tuple[int, Value]],
    col_to_stage: dict[int, int],
    detection: Detection,
    row: int,
) -> None:
    if lane.kind == LaneKind.EMOTIONS and add_sign_scores(view, values, lane_index, col_to_stage, detection, row):
        return
    numbers = [(c, v, parse_number(v)) for c, v in values]
    if len(values) >= 2 and numbers[0][2] is None and (scores := ratings([v for _c, v in values])) is not None:
        numbers = [(c, v, score) for (c, v), score in zip(values, scores, strict=True)]  # '2/5', '★★☆☆☆'
    numeric = [n for n in numbers if n[2] is not None]
    if lane.kind == LaneKind.TEXT and not names_remarks(lane.name) and (
            found := content_kind([v for _c, v in values])) is not None:
        lane.kind, lane.guess = found
    label_kind = lane.kind
    words = [(c, v, feeling_value(as_text(v), lane.name) if label_kind == LaneKind.EMOTIONS else None)
             for c, v, number in numbers if number is None]
    is_numeric_lane = len(numeric) >= 2 and len(numeric) == len(values)
    # a row of numbers is an emotion curve when its label says so, or when it is the only such row
    # (a sheet of several number rows is a table of figures, not a journey's feelings)
    emotional = label_kind == LaneKind.EMOTIONS or (detection.numeric_lines <= 1 and label_kind != LaneKind.KPIS)
    if is_numeric_lane and emotional:
        if label_kind == LaneKind.TEXT and not lane.guess:
            lane.guess = f"it holds only numbers ({len(numeric)} of them)"
        lane.kind = LaneKind.EMOTIONS
        if label_kind not in (LaneKind.EMOTIONS, LaneKind.TEXT):
            lane.guess = f"its label reads as {label_kind.label.lower()}, but it holds only numbers: read as scores"
        add_scores(view, numeric, lane_index, col_to_stage, detection, row)
        return
    if label_kind == LaneKind.EMOTIONS and not values:
        return  # an empty emotions lane (a chart may draw it, or the user fills it in later)
    if label_kind == LaneKind.EMOTIONS:
        scored = {c: found for c, v, _u in words  # a date ('05 Jan', 'Week 5') is no labelled score
                  if not isinstance(v, ShownDate) and (found := labelled_number(as_text(v))) is not None}
        recognised = [w for w in words if (w[2] is not None or w[0] in scored) and not is_placeholder(as_text(w[1]))]
        real = [w for w in words if not is_placeholder(as_text(w[1]))]
        # stages this lane scored in a row above: a word under a score is its label, known feeling or not (the
        # Excel export writes one; unknown words there made the lane text while it held points, an invalid map)
        scored_above = {e.stage for e in detection.emotions if e.lane == lane_index and not e.unit}
        if numeric or scored_above or (real and len(recognised) * 2 >= len(real)):
            add_scores(view, numeric, lane_index, col_to_stage, detection, row)
            add_labelled_scores(view, scored, lane, lane_index, col_to_stage, detection, row)
            leftover = []
            for c, v, unit in words:
                pos = view.orig((row, c))
                if c in scored:
                    continue
                if unit is None and col_to_stage[c] in scored_above and not is_placeholder(as_text(v)):
                    unit = 0.0  # a label only: the score above is the value
                if unit is None:
                    leftover.append((c, v))
                    continue
                label = as_text(v)[:500]
                detection.emotions.append(DetectedEmotion(col_to_stage[c], lane_index, unit, True, label, pos))
                detection.used.add(pos)
            _cards(view, lane, lane_index, leftover, col_to_stage, detection, row)
            return
        kind = guess_lane_kind(re.sub(r"(?i)emo\w*|feel\w*|чувств\w*|sentim\w*", "", lane.name))
        lane.kind = LaneKind.TEXT if kind == LaneKind.EMOTIONS else kind  # 'Satisfaction' holding sentences
        lane.guess = "named like emotions, but its cells are text, not scores or feelings"
    _cards(view, lane, lane_index, values, col_to_stage, detection, row)


def _cards(
    view: GridView,
    lane: DetectedLane,
    lane_index: int,
    values: list[tuple[int, Value]],
    col_to_stage: dict[int, int],
    detection: Detection,
    row: int,
) -> None:
    grid = view.grid
    comments, fills, used = grid.comments, grid.fills, detection.used
    transposed = view.transposed
    marks: list[str] = []
    for c, value in values:
        pos = (c, row) if transposed else (row, c)  # view.orig((row, c)), once per cell of a big sheet
        text = as_text(value)
        stage = col_to_stage[c]
        if detection.continued_cells or text.endswith(CONTINUED_BELOW):
            pos, text = _join_continued(detection, stage, lane_index, pos, text)
        reading = cell_reading(text)
        if reading is PLACEHOLDER or reading is UNTICKED:
            detection.reasons[pos] = "a placeholder" if reading is PLACEHOLDER else "an unticked checkbox"
            continue
        if reading is MARKED:
            items: tuple[CardText, ...] = ((lane.name or "x", None, 0, None),)
            marks.append(cell_name(*pos))
        elif lane.kind == LaneKind.TOUCHPOINTS and len(reading) == 1 and (listed := channel_list(text)):
            items = tuple((part, None, 0, None) for part in listed)  # 'Web / App / Email': a card per channel
        else:
            items = reading
        note = comments.get(pos, "")
        fill = fills.get(pos)
        cards = detection.cards
        tags = (detection.column_tags[c],) if c in detection.column_tags else ()
        for n, (item, channel, votes, evidence) in enumerate(items):
            cards.append(DetectedCard(stage, lane_index, item, pos, fill, note if n == 0 else "", channel,
                                      votes, evidence, tags))
        used.add(pos)
    if marks:
        detection.notes.append(f"{grid.name}!{', '.join(marks)}: marks (x) became cards named {lane.name!r}")
        if lane.kind == LaneKind.TEXT and guess_channel(lane.name) is not None:  # a channel matrix's row
            lane.kind = LaneKind.TOUCHPOINTS
            lane.guess = "its label names a channel and its cells mark the stages where it is used"


def _join_continued(detection: Detection, stage: int, lane: int, pos: Pos, text: str) -> tuple[Pos, str]:
    """A cell the Excel export continued over the next rows of its lane ("(continued below)" ...
    "(continued) "), read as the one cell it was: the cards of the earlier pieces are read again
    from the whole text, at the first piece's cell."""
    opened = detection.continued_cells.pop((stage, lane), None)
    if opened is not None and (joined := join_continued(opened[1], text)) is not None:
        detection.used.add(pos)
        pos, text = opened[0], joined
        detection.cards = [card for card in detection.cards if card.pos != pos]
    if text.endswith(CONTINUED_BELOW):
        detection.continued_cells[(stage, lane)] = (pos, text)
    return pos, text


def _divider(view: GridView, r: int, detection: Detection) -> None:
    """A blueprint line across the map ('Line of visibility'): a boundary between lane groups, not a lane."""
    values = view.by_row.get(r, [])
    text = " ".join(as_text(values[0][1]).split())
    kind = divider_kind(text) or ""
    detection.dividers.append((r, kind))
    cells = [view.orig((r, c)) for c, _v in values]
    detection.used.update(cells)
    detection.divider_cells.update(cells)
    detection.notes.append(f"{view.grid.name}!{cell_name(*cells[0])}: {text!r} read as the {kind} line between "
                           "lane groups (not a lane)")


def _group_by_dividers(view: GridView, detection: Detection) -> None:
    """Lanes between blueprint lines form the groups customer / frontstage / backstage / support."""
    if any(lane.group for lane in detection.lanes):
        return  # the sheet names its groups itself (a group column): the lines only confirm them
    zones = zone_names(detection.dividers, [lane.line for lane in detection.lanes])
    for lane in detection.lanes:
        lane.group = zones[lane.line]
    names = list(dict.fromkeys(zones[lane.line] for lane in detection.lanes))
    detection.notes.append(f"lane groups from the blueprint lines: {', '.join(names)}")


def _metadata_row(view: GridView, r: int, label: str, label_pos: Pos | None, in_map: list[tuple[int, Value]],
                  col_to_stage: dict[int, int], detection: Detection) -> bool:
    """A Confidence / Source / Priority / Owner row: metadata of the lane above it, per stage."""
    key = metadata_key(label)
    if key is None or not metadata_values([v for _c, v in in_map]):
        return False
    index = len(detection.lanes) - 1
    target = detection.lanes[index]
    for c, value in in_map:
        stage = col_to_stage[c]
        tag = f"{key}: {' '.join(as_text(value).split())}"
        pos = view.orig((r, c))
        cards = [card for card in detection.cards if card.lane == index and card.stage == stage]
        points = [p for p in detection.emotions if p.lane == index and p.stage == stage]
        for card in cards:
            card.tags = (*card.tags, tag)
        for point in points:
            point.note = (point.note + "\n" + tag).strip()
        if cards or points:
            detection.used.add(pos)
        else:
            detection.reasons[pos] = f"{key} of an empty cell of lane {target.name!r}"
    if label_pos is not None:
        detection.used.add(view.orig(label_pos))
    where = "cards" if target.kind != LaneKind.EMOTIONS else "emotion points"
    detection.notes.append(f"{view.grid.name}!{cell_name(*view.orig(label_pos or (r, 0)))}: {label!r} read as the "
                           f"{key} of the {where} of lane {target.name!r} (kept as '{key}: ...' "
                           f"{'tags' if where == 'cards' else 'notes'}), not as a lane")
    return True


def _lane_metadata(view: GridView, index: int, key: str, at: Pos, value: Value, detection: Detection) -> None:
    """A Confidence / Source / ... column beside the stages: metadata of the lane's cards and points."""
    pos = view.orig(at)
    if not metadata_values([value]):
        detection.reasons[pos] = f"too long for the {key} of lane {detection.lanes[index].name!r}"
        return
    tag = f"{key}: {' '.join(as_text(value).split())}"
    cards = [card for card in detection.cards if card.lane == index]
    points = [p for p in detection.emotions if p.lane == index]
    for card in cards:
        card.tags = (*card.tags, tag)
    for point in points:
        point.note = (point.note + "\n" + tag).strip()
    if cards or points:
        detection.used.add(pos)
    else:
        detection.reasons[pos] = f"{key} of lane {detection.lanes[index].name!r}, which holds nothing"
