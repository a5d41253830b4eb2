"""Section rows between the lanes: 'CUSTOMER' merged across the map, the customer's lanes under it, then
'BUSINESS' and its lanes. Such a row holds nothing under the stages; it names the lanes under it (a lane group), as
a group column beside the labels would. Read so when the row's label is merged across the stage columns, or when
the map has two or more such empty rows written in capitals over lanes that are not; or when its label heads the
stage names typed again over the lanes under it."""

from __future__ import annotations

from app.io.sheet_import.detect_lane_kinds import fold, is_stage_label
from app.io.sheet_import.detect_result import Detection, drop_lanes
from app.io.sheet_import.grid import Value, cell_name
from app.io.sheet_import.grid_view import GridView
from app.io.sheet_import.report import found


def read_section_rows(view: GridView, label_col: int | None, col_to_stage: dict[int, int],
                      detection: Detection) -> None:
    """Empty lanes that head the lanes under them become those lanes' group (only when no lane has a group)."""
    lanes = detection.lanes
    if label_col is None or len(lanes) < 3 or any(lane.group for lane in lanes):
        return
    filled = {c.lane for c in detection.cards} | {e.lane for e in detection.emotions}
    empty = [n for n, lane in enumerate(lanes) if n not in filled and lane.label is not None and n + 1 < len(lanes)]
    merged = [n for n in empty if _merged_across(view, lanes[n].line, label_col, col_to_stage)]
    capitals = [n for n in empty if _capitals(lanes[n].name)
                and not _capitals(lanes[n + 1].name) and n + 1 in filled]
    heads = merged if merged else (capitals if len(capitals) >= 2 else [])
    if not heads or any(n + 1 in heads for n in heads):
        return  # two headings in a row: empty lanes of a template, not sections
    group = None
    for n, lane in enumerate(lanes):
        if n in heads:
            group = " ".join(lane.name.split())
        elif group is not None:
            lane.group = group
    sheet = view.grid.name
    for n in heads:
        name, pos = lanes[n].name, lanes[n].label
        under = [lane.name for lane in lanes[n + 1:] if lane.group == " ".join(name.split())]
        where = f"{sheet}!{cell_name(*pos)}: " if pos is not None else ""
        if pos is not None:
            detection.column_roles[pos] = "lane"  # a lane group's name (preview)
        detection.notes.append(found(f"{where}{name!r} read as the lane group of the lanes under it "
                                     f"({', '.join(under)}), not as a lane"))
    drop_lanes(detection, heads)


def _merged_across(view: GridView, line: int, label_col: int, col_to_stage: dict[int, int]) -> bool:
    """Whether the label cell of canonical row `line` is merged over the first stage's column or further."""
    top = view.owner.get((line, label_col))
    if top is None:
        return False
    first = min(col_to_stage)
    return view.owner.get((line, first)) == top


def _capitals(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def repeated_stage_row(view: GridView, r: int, values: list[tuple[int, Value]], header: int, label_col: int | None,
                       detection: Detection) -> str | None:
    """A row repeating the stage names, again over the lanes under it: not a lane. Its label, when it is more than
    the header's own ('BACKSTAGE' over the stages again, the header's corner empty or 'Stage'), names a section: the
    lane group of the lanes under it (returned); else it repeats the header and is left out, said."""
    for c, _ in values:
        detection.reasons[view.orig((r, c))] = "repeats the stage names"
    if label_col is None or (r, label_col) not in view.cells:
        return None
    label = " ".join(view.text(r, label_col).split())
    if fold(label) == fold(view.text(header, label_col)) or is_stage_label(label) or len(label) > 80:
        detection.reasons[view.orig((r, label_col))] = "repeats the stage names"
        return None
    pos = view.orig((r, label_col))
    detection.used.add(pos)
    detection.column_roles[pos] = "lane"  # a lane group's name (preview)
    detection.notes.append(found(f"{view.grid.name}!{cell_name(*pos)}: {label!r} over the stage names repeated: the "
                                 "lane group of the lanes under it"))
    return label[:500]
