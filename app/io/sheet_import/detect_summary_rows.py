"""Summary rows under (or over) the lanes: a 'Total', 'Average' or 'Overall' row at an end of the lane block, a
'Notes' row there holding one remark, or a row whose numbers (or formulas) sum up the rows above, is not a lane --
the rows' twin of `detect_summary`'s summary columns.

Read as a lane, a 'Total' row of numbers became a second emotion curve (or, as the only row of numbers beside a
text lane, the curve itself), its sums stretching the scale. It is taken off the end of the lane block here, by
its label's meaning or by what its cells hold; `read_lanes` skips it, and `keep_summary_rows` keeps what it held,
per stage, in the map's description, as the summary columns keep theirs per lane.

A label that says summary and also names a lane kind ('Score', 'Overall score', 'Average satisfaction') is an
emotions lane as often as a summary: it is one only when its cells sum up the other rows, or when it says
'average' / 'total' and there are other rows of numbers for it to sum up. A 'Notes' / 'Comments' row with notes
under several stages is a lane, unlike a 'Notes' column: a stage is a step of the journey, which 'Notes' never is,
but a lane is a kind of content, and notes per stage are one (as users keep them: see the mcoulthurst sample).
"""

from __future__ import annotations

from app.io.sheet_import.detect_dividers import is_divider_row
from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.detect_lane_kinds import guess_lane_kind
from app.io.sheet_import.detect_result import Detection
from app.io.sheet_import.detect_summary import (
    AGGREGATE_FORMULA,
    aggregates,
    is_note_heading,
    is_summary_heading,
    names_an_aggregate,
)
from app.io.sheet_import.grid import Value, as_text, cell_name
from app.io.sheet_import.grid_view import GridView
from app.io.sheet_import.report import guessed
from app.model.enums import LaneKind


def peel_summary_rows(view: GridView, header: int | None, label_col: int | None, consumed: set[int],
                      col_to_stage: dict[int, int], detection: Detection) -> None:
    """The summary rows at either end of the lane block, into `detection.summary_rows`
    (canonical row -> label) and `detection.summary_row_why` (its label's cell, and why)."""
    if label_col is None or not col_to_stage:
        return
    # every row `read_lanes` reads, above the header too (a sheet may have lanes over its stage row): the ends of
    # the lanes are the ends of these
    block = [r for r in view.rows if r != header and r not in consumed
             and not is_divider_row(view, r) and ((r, label_col) in view.cells
                                                  or any(c in col_to_stage for c, _v in view.row_values(r, label_col)))]
    _peel_notes_below(view, label_col, col_to_stage, block, detection)
    for end, side in ((-1, "above"), (0, "below")):  # the bottom first: a 'Total' row usually follows the lanes
        while len(block) > 1 and (label := view.text(block[end], label_col)):
            why = _why_summary_row(view, block[end], label, block, col_to_stage, side)
            if why is None:
                break
            r = block.pop(end)
            detection.summary_rows[r] = label
            detection.summary_row_why[r] = (view.orig((r, label_col)), why)


NOTE_BELOW = "below a blank line, nothing under any stage"


def _peel_notes_below(view: GridView, label_col: int, col_to_stage: dict[int, int], block: list[int],
                      detection: Detection) -> None:
    """Lines typed under the map after a blank line, nothing under the stages ('Legend' / '5 = very happy', 'Source:
    12 interviews'): a note, not empty lanes. Lines that each name a lane kind ('Pain points', 'Opportunities') are
    a template's lanes left to fill in."""
    run: list[int] = []
    for r in reversed(block):
        if any(c in col_to_stage for c, _v in view.row_values(r, label_col)) or not view.text(r, label_col):
            break
        run.insert(0, r)
    if not run or len(run) == len(block):
        return
    before = block[len(block) - len(run) - 1]
    if run[0] - before < 2 or any(b - a > 1 for a, b in zip(run, run[1:], strict=False)):
        return  # right under the lanes, or lines spaced apart like lanes
    if all(guess_lane_kind(view.text(r, label_col)) != LaneKind.TEXT for r in run):
        return  # 'Pain points', 'Opportunities': a template's lanes left to fill in
    for r in run:
        block.remove(r)
        detection.summary_rows[r] = view.text(r, label_col)
        detection.summary_row_why[r] = (view.orig((r, label_col)), NOTE_BELOW)


def _why_summary_row(view: GridView, r: int, label: str, block: list[int], col_to_stage: dict[int, int],
                     side: str) -> str | None:
    """Why a labelled row at an end of the lane block is a summary (its cells, or its label), or None."""
    others = [o for o in block if o != r]
    numbers = _sums_up(view, r, others, col_to_stage)
    if numbers is True:
        lines = "columns" if view.transposed else "rows"
        where = {"above": "to its left", "below": "to its right"}[side] if view.transposed else side
        return (f"its cells sum up the {lines} {where}: each is the total or average of the numbers "
                f"{'beside' if view.transposed else side} it, or such a formula")
    if not is_summary_heading(label):
        return None
    if is_note_heading(label):
        # a stage is a step, so a 'Notes' column is never one; a lane is a kind of content, and 'Notes' holding
        # notes under several stages is one: only a remark on the whole row (one cell, or one merged across) is not
        filled = sum(1 for c in col_to_stage if (r, c) in view.cells or view.orig((r, c)) in view.grid.uncalculated)
        return "its label says so, and it holds one remark, not notes per stage" if filled <= 1 else None
    if guess_lane_kind(label) == LaneKind.TEXT:
        return "its label says so"  # 'Total', 'Average', 'Overall', 'Summary', 'Итого' (as a summary column's heading)
    # 'Score (avg)', 'Average satisfaction': a summary when there are other rows of numbers for it to sum up
    if numbers is not None and names_an_aggregate(label) and _other_numbers(view, others, col_to_stage):
        return "its label says it is an average or total of the rows of numbers beside it"
    return None


def _sums_up(view: GridView, r: int, others: list[int], col_to_stage: dict[int, int]) -> bool | None:
    """True when the row's cells sum up the other rows (aggregate formulas, or numbers each the sum or mean of its
    column's numbers, and tellingly so); None when it holds anything but numbers and such formulas; else False."""
    summed = formulas = telling = 0
    numbers_only, all_summed = True, True
    for c in col_to_stage:
        formula = view.grid.uncalculated.get(view.orig((r, c)))
        if formula is not None:
            if not AGGREGATE_FORMULA.match(formula):
                return None
            formulas += 1
            continue
        value = view.cells.get((r, c))
        if value is None:
            continue
        number = parse_number(value)
        if number is None:
            numbers_only = False
            continue
        column = [n for o in others if (v := view.cells.get((o, c))) is not None and (n := parse_number(v)) is not None]
        if not aggregates(number, column):
            all_summed = False
            continue
        summed += 1
        telling += number > max(column) or not number.is_integer()  # no score of a lane: a sum, or a mean like 3.33
    if not numbers_only:
        return None
    return all_summed and bool(formulas or (summed >= 2 and telling))


def _other_numbers(view: GridView, others: list[int], col_to_stage: dict[int, int]) -> bool:
    """Whether another row of the lane block holds numbers under at least two stages."""
    return any(sum(1 for c in col_to_stage if (v := view.cells.get((o, c))) is not None
                   and parse_number(v) is not None) >= 2 for o in others)


def keep_summary_rows(view: GridView, detection: Detection, held: dict[int, list[tuple[int, Value]]],
                      col_to_stage: dict[int, int]) -> None:
    """What each summary row holds under the stages, as a line of the map's description (no word is lost):
    'Total (row 12, not a lane): Awareness: 9; Decision: 7', and a report line for each row; its cells beside
    no stage are left out, by name."""
    lines = []
    for r, label in sorted(detection.summary_rows.items()):
        label_pos, why = detection.summary_row_why[r]
        where = f"column {cell_name(0, r).rstrip('0123456789')}" if view.transposed else f"row {r + 1}"
        by_stage: dict[int, list[str]] = {}
        corners = []  # where the row meets a summary column: a grand total
        for c, value in held.get(r, []):
            pos = view.orig((r, c))
            text = " ".join(as_text(value).split()) if not isinstance(value, float) else f"{value:.10g}"
            if c in col_to_stage:
                by_stage.setdefault(col_to_stage[c], []).append(text)
            elif c in detection.summary_lines:
                corners.append(f"{detection.summary_lines[c]}: {text}")
            else:
                if pos != label_pos:
                    detection.reasons[pos] = f"in the summary {where.split()[0]} {label!r} (not a lane), under no stage"
                continue
            detection.used.add(pos)
        if label_pos is not None:
            detection.used.add(label_pos)
        parts = [f"{detection.stages[stage].name}: {' '.join(texts)}" for stage, texts in sorted(by_stage.items())]
        parts += corners
        unread = sum(1 for c in col_to_stage if view.orig((r, c)) in view.grid.uncalculated)
        at = f"{detection.sheet}!{cell_name(*label_pos)}: " if label_pos is not None else ""
        if why == NOTE_BELOW:
            detection.notes.append(guessed(f"{at}{where} {label!r} is a note under the map, not a lane ({why}): "
                                           "kept in the map's description"))
            lines.append(label)
            continue
        kept = (f"its {len(parts)} value(s) are kept in the map's description" if parts else
                f"its {unread} formula(s) have no saved result" if unread else "it holds nothing beside its label")
        detection.notes.append(guessed(f"{at}{where} {label!r} is a summary, not a lane ({why}): {kept}"))
        if parts:
            lines.append(f"{label} ({where}, not a lane): {'; '.join(parts)}")
    if lines:
        detection.description = "\n".join([detection.description, *lines]).strip()
