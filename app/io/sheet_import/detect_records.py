"""A map written as a list, one stage after another: a `Stage` line, then the stage's `Actions`, `Touchpoints`,
`Emotion` lines, then the next `Stage` line. Either one cell per line ("Stage: Awareness", "Actions: sees an ad")
or a key column beside a value column ("Stage | Awareness"). Each key after the stage line is a lane, its value
the stage's cards in that lane (its feeling on the curve for an emotions key); a line under a key with no key of its
own ("- uploads ID") is more of that key. Lines above the first stage are the title and the description.

Only a block one or two columns wide, with the same stage key starting two records or more and a lane key coming
back in two of them, is read this way: a grid is never a list.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from app.io.sheet_import.detect_cell_text import is_placeholder, split_items, stage_key
from app.io.sheet_import.detect_emotions import parse_number, word_value
from app.io.sheet_import.detect_lane_kinds import fold, guess_lane_kind, is_stage_label
from app.io.sheet_import.detect_result import DetectedCard, DetectedEmotion, DetectedLane, DetectedStage, Detection
from app.io.sheet_import.grid import Grid, Pos, Value, as_text
from app.io.sheet_import.grid_blocks import Block
from app.io.sheet_import.report import found
from app.model.enums import LaneKind

_KEY_LINE = re.compile(r"^\s*([^:：\n]{1,40}?)\s*[:：]\s*(.*)$", re.DOTALL)  # a full-width colon too


class _Line(NamedTuple):
    row: int
    key: str | None  # None: a line with no key (a title, or more of the key above)
    value: Value | None
    key_pos: Pos | None
    value_pos: Pos | None


def read_records(grid: Grid, block: Block) -> Detection | None:
    """The map in a list of `Stage` records, or None when the block is not such a list."""
    cols = sorted({c for _r, c in block.cells})
    if not 1 <= len(cols) <= 2 or (len(cols) == 2 and cols[1] != cols[0] + 1):
        return None
    lines = _lines(grid, block, cols)
    starts = [n for n, line in enumerate(lines) if line.key is not None and is_stage_label(line.key)]
    plain = False
    if len(starts) < 2 or len({_unnumbered(lines[n].key or "") for n in starts}) != 1:
        # no 'Stage' (or 'Stage 1', 'Stage 2'...) key starts every record: a stage's name alone on its line after a
        # blank one ('AWARENESS'), its keyed lines under it, may
        starts, plain = _plain_starts(lines), True
        lines = [_plain_head(line) if n in starts else line for n, line in enumerate(lines)]
        if len(starts) < 2:
            return None
    records = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    seen: dict[str, int] = {}
    for record in records:
        for key in {fold(line.key) for line in record[1:] if line.key is not None}:
            seen[key] = seen.get(key, 0) + 1
    repeated = [key for key, count in seen.items() if count >= 2]
    if not repeated or (plain and not any(guess_lane_kind(key) != LaneKind.TEXT for key in repeated)):
        return None  # records of a map repeat their lanes; without a Stage key, one of them names a lane's kind
    detection = Detection(grid.name, "long", None, None, block)
    _titles(lines[: starts[0]], detection)
    known: dict[tuple[str, str], int] = {}  # ('stage' or 'lane', its key) -> its index: one look each, not a scan
    for record in records:
        _read_record(grid, record, detection, known)
    if len(detection.stages) < 2 or not detection.lanes:
        return None
    head = repr(lines[starts[0]].key) if lines[starts[0]].key else "stage's name alone on its"
    detection.notes.append(found(f"{grid.name}: read as a list of {len(detection.stages)} stages, each a {head} line "
                                 "followed by its lanes' lines"))
    # a repeated Stage key in a list one or two columns wide is as plain a signal as named Stage / Lane columns
    read = len(detection.cards) + len(detection.emotions)
    detection.score = 20 + 0.1 * min(read, 60) + 0.05 * len(detection.stages)
    return detection


def _plain_starts(lines: list[_Line]) -> list[int]:
    """The lines that start a record without a key: one text, after a blank row (or first), not a bullet, with a
    keyed line of a value right under it."""
    starts = []
    for n, line in enumerate(lines[:-1]):
        text = as_text(line.value) if line.key is None else (line.key if line.value is None else "")
        after_gap = n == 0 or line.row - lines[n - 1].row > 1
        below = lines[n + 1]
        if (text and after_gap and len(text) <= 60 and "\n" not in text and text[:1] not in _BULLET
                and parse_number(text) is None and below.key is not None and below.value is not None
                and below.row == line.row + 1):
            starts.append(n)
    return starts


def _plain_head(line: _Line) -> _Line:
    """A record's first line as a stage line: its text the stage's name."""
    if line.key is not None:  # a key cell with no value beside it (two columns)
        return _Line(line.row, "", line.key, None, line.key_pos)
    return _Line(line.row, "", line.value, None, line.value_pos)


def _unnumbered(key: str) -> str:
    return _NUMBER_END.sub("", fold(key))


_NUMBER_END = re.compile(r"\s*\d+$")
_BULLET = " \t•●▪◦‣*–—-"


def _lines(grid: Grid, block: Block, cols: list[int]) -> list[_Line]:
    rows = sorted({r for r, _c in block.cells})
    lines = []
    for r in rows:
        if len(cols) == 2 and (r, cols[0]) in grid.cells:
            pos = (r, cols[0])
            key = " ".join(as_text(grid.cells[pos]).split()).rstrip(":：").strip().lstrip(_BULLET)
            value_pos = (r, cols[1]) if (r, cols[1]) in grid.cells else None
            if not key or len(key) > 40 or parse_number(grid.cells[pos]) is not None:
                lines.append(_Line(r, None, grid.cells[pos], None, pos))
            else:
                lines.append(_Line(r, key, grid.cells[value_pos] if value_pos else None, pos, value_pos))
            continue
        pos = (r, cols[-1]) if (r, cols[-1]) in grid.cells else (r, cols[0])
        value = grid.cells[pos]
        match = _KEY_LINE.match(value) if isinstance(value, str) and len(cols) == 1 else None
        if match and len(match.group(1).split()) <= 4 and parse_number(match.group(1)) is None:
            key = match.group(1).strip().lstrip(_BULLET)
            lines.append(_Line(r, key or None, match.group(2).strip() or None, pos, pos))
        else:
            lines.append(_Line(r, None, value, None, pos))
    return lines


def _titles(lines: list[_Line], detection: Detection) -> None:
    for line in lines:
        text = as_text(line.value) if line.key is None else f"{line.key}: {as_text(line.value or '')}".strip()
        if detection.title is None and len(text) <= 300:
            detection.title = text
        else:
            detection.description = (detection.description + "\n" + text).strip()
        detection.used.update(p for p in (line.key_pos, line.value_pos) if p is not None)


def _read_record(grid: Grid, record: list[_Line], detection: Detection, known: dict[tuple[str, str], int]) -> None:
    head = record[0]
    name = " ".join(as_text(head.value).split())[:500] if head.value is not None else ""
    if not name:
        if head.key_pos is not None:
            detection.reasons[head.key_pos] = "a stage line without the stage's name"
        return
    stage = known.get(("stage", stage_key(name, head.value)))
    if stage is None:  # a stage is found again by the key of its name (as the first of a scan of them found it)
        stage = len(detection.stages)
        known.setdefault(("stage", stage_key(name, name)), stage)
        detection.stages.append(DetectedStage(name, [head.row], head.value_pos))
    detection.used.update(p for p in (head.key_pos, head.value_pos) if p is not None)
    if head.key_pos is not None and head.key_pos != head.value_pos:
        detection.column_roles[head.key_pos] = "stage"  # the 'Stage' key of a two-column list (preview)
    lane: int | None = None
    for line in record[1:]:
        if line.key is not None:
            lane = _lane(line, detection, known)
            detection.used.add(line.key_pos)  # type: ignore[arg-type]
            if line.key_pos != line.value_pos:  # a lane's key in its own cell, every record's (preview)
                emotional = detection.lanes[lane].kind == LaneKind.EMOTIONS
                detection.column_roles[line.key_pos] = "emotion_lane" if emotional else "lane"  # type: ignore
        if line.value is None or line.value_pos is None:
            continue
        if lane is None:
            detection.reasons[line.value_pos] = "under a stage line but before any lane's line"
            continue
        _value(grid, line, stage, lane, detection)


def _lane(line: _Line, detection: Detection, known: dict[tuple[str, str], int]) -> int:
    name = (line.key or "")[:500]
    key = ("lane", fold(name))
    if key not in known:
        known[key] = len(detection.lanes)
        detection.lanes.append(DetectedLane(name, line.row, guess_lane_kind(name), line.key_pos))
    return known[key]


def _value(grid: Grid, line: _Line, stage: int, lane: int, detection: Detection) -> None:
    value, pos = line.value, line.value_pos
    assert value is not None and pos is not None
    text = as_text(value)
    if is_placeholder(text):
        detection.reasons[pos] = "a placeholder"
        return
    detection.used.add(pos)
    number = parse_number(value)
    unit = word_value(text) if number is None else None
    if detection.lanes[lane].kind == LaneKind.EMOTIONS and (number is not None or unit is not None):
        detection.emotions.append(DetectedEmotion(stage, lane, number if number is not None else unit or 0.0,
                                                  number is None, text[:500] if number is None else None, pos))
        return
    for n, item in enumerate(split_items(text)):
        detection.cards.append(DetectedCard(stage, lane, item, pos, grid.fills.get(pos),
                                            grid.comments.get(pos, "") if n == 0 else ""))
