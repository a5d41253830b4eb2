"""What the import preview dialog shows, computed without Qt: the sheets of a file read once, and for
each choice of overrides the detection, the map it gives, the role of every cell and the cells left out.

`preview()` builds the map the same way `read_xlsx`/`read_csv` do (same detection, same report), so
the summary the dialog shows is what OK imports; `import_sheets()` is that import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.io.errors import JourneyFileError
from app.io.formats import ImportResult
from app.io.journey.file import gc_paused
from app.io.sheet_import.build import leftover_cells
from app.io.sheet_import.detect_cell_text import clean_stage_name
from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.detect_result import Detection
from app.io.sheet_import.grid import Grid, Pos, as_text, cell_name
from app.io.sheet_import.read_sheet import detect_in_grids, import_all_maps, import_detection, import_grids
from app.io.sheet_import.sniff import SUFFIX_KINDS, sniff_sheet_file
from app.model.enums import LaneKind

SHEET_SUFFIXES = tuple(SUFFIX_KINDS)  # .txt: Excel's "Text (Tab delimited)", its delimiter sniffed

# the role of a cell in the preview, drawn in one colour each
STAGE, PHASE, LANE, EMOTION_LANE, EMOTION, CARD, META, LEFT_OUT, HIDDEN, DIVIDER, PERSONA, ORDER = (
    "stage", "phase", "lane", "emotion_lane", "emotion", "card", "meta", "left_out", "hidden", "divider", "persona",
    "order")
ROLE_LABELS: dict[str, str] = {
    STAGE: "stage name", PHASE: "phase", LANE: "lane label", EMOTION_LANE: "emotions lane label",
    EMOTION: "emotion score", CARD: "card", META: "title, persona or description", LEFT_OUT: "left out",
    HIDDEN: "hidden row or column", DIVIDER: "line between lane groups",
    PERSONA: "persona column (whose row it is)", ORDER: "order of the stages (a step number)",
}
MAX_SPREAD = 10_000
"""Merged ranges larger than this are not spread cell by cell (a whole merged column would be millions)."""


@dataclass
class SheetFile:
    """A workbook's or CSV file's sheets, read once for all the previews."""

    path: Path
    grids: list[Grid]
    notes: list[str]
    is_csv: bool
    has_hidden_map: bool = False

    @property
    def sheet_names(self) -> list[str]:
        return [g.name for g in self.grids]

    def grid(self, name: str | None) -> Grid | None:
        return next((g for g in self.grids if g.name == name), None)


@dataclass
class LeftOut:
    """A cell the import did not place, and why."""

    pos: Pos
    text: str
    reason: str

    def describe(self) -> str:
        text = " ".join(self.text.split())
        text = text if len(text) <= 50 else text[:47] + "..."
        return f"{cell_name(*self.pos)}: {text!r} ({self.reason})"


@dataclass
class Preview:
    """One reading of the file with one set of overrides."""

    grid: Grid | None  # the sheet shown
    detection: Detection | None = None
    result: ImportResult | None = None
    error: str | None = None
    roles: dict[Pos, str] = field(default_factory=dict)
    left_out: list[LeftOut] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # report lines that are not about one left-out cell

    @property
    def ok(self) -> bool:
        return self.result is not None

    def summary(self) -> str:
        """'5 stages, 6 lanes, 44 cards, emotions on 1-5; 3 cells left out'."""
        if self.result is None:
            problem = self.error or "nothing found"
            return f"{problem[:1].upper()}{problem[1:]}. Try another sheet, orientation, header row or label column."
        journey = self.result.journey
        if not journey.stages:
            return "a persona only, no stages"
        parts = [_count(len(journey.stages), "stage"), _count(len(journey.lanes), "lane"),
                 _count(len(journey.cards), "card")]
        if len(journey.personas) > 1:
            parts.insert(0, _count(len(journey.personas), "persona"))
        if journey.emotions:
            low, high = journey.emotion_scale.min, journey.emotion_scale.max
            parts.append(f"emotions on {low:g}-{high:g}" if low >= 0 else f"emotions on {low:g}..{high:+g}")
        left = len(self.left_out)
        summary = ", ".join(parts) + (f"; {_count(left, 'cell')} left out" if left else "")
        unread = len(self.grid.uncalculated) if self.grid is not None else 0
        if unread:  # the report's line for this sheet gives the same count and names the cells
            summary += f"; {unread:,} formula(s) saved without their result, not read"
        errors = len(self.grid.formula_errors) if self.grid is not None else 0
        if errors:
            summary += f"; {errors:,} cell(s) holding a formula error, not read"
        return summary


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@gc_paused(keep=True)
def load_sheets(path: Path | str) -> SheetFile:
    """Read the file's sheets (checked against hostile files as every import is); JourneyFileError if unusable."""
    path = Path(path)
    if not path.is_file():
        raise JourneyFileError(path, "does not exist" if not path.exists() else "is a folder, not a file")
    sniffed = sniff_sheet_file(path)
    if sniffed.kind == "journey":
        raise JourneyFileError(path, "holds a Journey Canvas map, not a table; open it with File > Open")
    notes = [sniffed.note] if sniffed.note else []
    if sniffed.kind == "csv":
        from app.io.sheet_import.source_csv import read_csv_grid

        grid, csv_notes = read_csv_grid(path)
        return SheetFile(path, [grid], [*notes, *csv_notes], True)
    from app.io.sheet_import.source import load_workbook

    workbook = load_workbook(path)
    return SheetFile(path, workbook.grids, [*notes, *workbook.notes], False, bool(workbook.hidden_sheet_text))


def clean_overrides(overrides: dict[str, Any]) -> dict[str, Any]:
    """Only the choices the user made: no None, no empty lane kinds (an exported workbook with no
    choices made is read from its hidden sheet, as `read_xlsx` does)."""
    return {k: v for k, v in overrides.items() if v is not None and v != {}}


@gc_paused(keep=True)
def preview(source: SheetFile, sheet: str | None = None, **overrides: Any) -> Preview:
    """Detect and build the map as the import would, and say what each cell became."""
    overrides = clean_overrides(overrides)
    all_maps = bool(overrides.pop("all_maps", False))
    shown = source.grid(sheet) if sheet is not None else None
    if all_maps:
        overrides.pop("map_at", None)
    try:
        detection = detect_in_grids(source.path, source.grids, sheet, **overrides)
    except JourneyFileError as exc:
        fallback = shown or (source.grids[0] if source.grids else None)
        try:  # a sheet that holds only a persona still imports
            result = import_grids(source.path, source.grids, sheet, list(source.notes), **overrides)
        except JourneyFileError:
            return Preview(fallback, error=str(exc).split(": ", 1)[-1])
        return Preview(fallback, result=result, notes=list(result.report))
    grid = detection.grid
    assert grid is not None
    if all_maps:
        return _preview_all_maps(source, sheet, detection, overrides)
    result = import_detection(source.path, source.grids, detection, list(source.notes))
    found = Preview(grid, detection, result)
    if not result.journey.stages:  # the sheet holds a persona only: nothing to colour
        found.notes = list(result.report)
        return found
    found.left_out = [LeftOut(pos, as_text(grid.cells[pos]), reason) for pos, reason in leftover_cells(grid, detection)]
    found.roles = cell_roles(grid, detection, found.left_out)
    prefix = f"{grid.name}!"
    found.notes = [line for line in result.report if not _is_leftover_line(line, prefix)]
    if source.has_hidden_map and not overrides and sheet is None:
        found.notes.insert(0, "exported by Journey Canvas: OK reads the map saved in its hidden sheet unless you "
                              "change a setting here")
    return found


def _preview_all_maps(source: SheetFile, sheet: str | None, detection: Detection, overrides: dict[str, Any]
                      ) -> Preview:
    """Every map of the sheet as one map with a persona per map: each map's cells coloured by its own reading;
    left out only what no map reads."""
    grid = detection.grid
    assert grid is not None
    try:
        result = import_all_maps(source.path, source.grids, sheet, list(source.notes), **overrides)
    except JourneyFileError as exc:
        return Preview(grid, detection, error=str(exc).split(": ", 1)[-1])
    found = Preview(grid, detection, result)
    maps = [detection, *detection.other_maps]
    left: dict[Pos, str] | None = None
    for reading in maps:
        own = dict(leftover_cells(grid, reading))
        left = own if left is None else {pos: why for pos, why in left.items() if pos in own}
    found.left_out = [LeftOut(pos, as_text(grid.cells[pos]), why) for pos, why in sorted((left or {}).items())]
    for reading in maps:  # what a map reads wins over what another map leaves out
        for pos, role in cell_roles(grid, reading, found.left_out).items():
            if role not in (LEFT_OUT, HIDDEN) or pos not in found.roles:
                found.roles[pos] = role
    prefix = f"{grid.name}!"
    found.notes = [line for line in result.report if not _is_leftover_line(line, prefix)
                   and " not part of the map (" not in line]
    return found


def _is_leftover_line(line: str, prefix: str) -> bool:
    return line.startswith(prefix) and (" not part of the map (" in line or "' skipped (" in line
                                        or '" skipped (' in line)


def cell_roles(grid: Grid, detection: Detection, left_out: list[LeftOut]) -> dict[Pos, str]:
    """What each cell of the sheet became (cells of merged ranges take their top-left cell's role)."""
    roles: dict[Pos, str] = {}
    for pos in detection.used:
        roles[pos] = META  # titles, persona and description lines; the specific roles below win
    if detection.orientation == "long":
        _long_roles(grid, detection, roles)
    groups = {lane.group for lane in detection.lanes if lane.group}
    names = {fold(stage.name) for stage in detection.stages}
    lanes = {fold(lane.name): EMOTION_LANE if lane.kind == LaneKind.EMOTIONS else LANE for lane in detection.lanes
             if lane.label is not None} if detection.orientation != "long" else {}
    for pos in detection.used:
        text = as_text(grid.cells.get(pos, ""))
        if text in groups:
            roles[pos] = LANE  # a lane group's name (the column left of the lane labels)
        elif (lane_role := lanes.get(fold(text))) is not None:
            roles[pos] = lane_role  # a lane's label typed again on the next row
        elif fold(clean_stage_name(text)) in names:
            roles[pos] = STAGE  # a stage named again, e.g. in a Stage | Score table beside the map
    corner = (detection.header_row, detection.label_column)
    if corner in detection.used:
        roles[corner] = STAGE  # "Stage" / "Step" where the header row meets the label column
    for stage in detection.stages:
        if stage.header is not None:
            roles[stage.header] = STAGE
    for pos in detection.phase_cells:
        roles[pos] = PHASE
    for pos in detection.divider_cells:
        roles[pos] = DIVIDER
    shown = {"persona": PERSONA, "stage": STAGE, "lane": LANE, "emotion_lane": EMOTION_LANE}
    for pos, role in detection.column_roles.items():
        roles[pos] = shown.get(role, ORDER)  # a Persona column, a Step column (not lanes), a grid's level labels
    for lane in detection.lanes:
        if lane.label is not None:
            roles[lane.label] = EMOTION_LANE if lane.kind == LaneKind.EMOTIONS else LANE
    for card in detection.cards:
        roles[card.pos] = CARD
    for point in detection.emotions:
        roles[point.pos] = EMOTION
    for item in left_out:
        roles[item.pos] = HIDDEN if item.reason.startswith("in a hidden") else LEFT_OUT
    for pos in (*grid.uncalculated, *grid.formula_errors, *grid.damaged):
        roles[pos] = LEFT_OUT  # a formula without its saved result, or whose result is an error: nothing to read
    for r1, c1, r2, c2 in grid.merged:
        role = roles.get((r1, c1))
        if role is None or (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_SPREAD:
            continue
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                roles.setdefault((r, c), role)
    return roles


UNREAD_FORMULA = "a formula saved without its result (open the file in Excel or LibreOffice and save it)"


def unread_reasons(grid: Grid | None) -> dict[Pos, str]:
    """Why each formula cell saved without its result, or holding an error, shows as left out in the preview."""
    if grid is None:
        return {}
    reasons = {pos: f"{UNREAD_FORMULA}: ={text}" if text else UNREAD_FORMULA for pos, text in grid.uncalculated.items()}
    reasons.update({pos: f"a formula whose result is an error ({error}): not a word of the map"
                    for pos, error in grid.formula_errors.items()})
    reasons.update({pos: f"a damaged value ({why}): not read" for pos, why in grid.damaged.items()})
    return reasons


def _long_roles(grid: Grid, detection: Detection, roles: dict[Pos, str]) -> None:
    """Long format: the header row, the Stage column and the Lane column are the structure."""
    if detection.header_row is None:  # a list of Stage records (no header row): the first line of each key a lane
        for lane in detection.lanes:
            if lane.label is not None:
                roles[lane.label] = EMOTION_LANE if lane.kind == LaneKind.EMOTIONS else LANE
        return
    stage_col, header = detection.label_column, detection.header_row
    lane_cols = {lane.label[1] for lane in detection.lanes if lane.label is not None}
    emotion_lanes = {fold(lane.name) for lane in detection.lanes if lane.kind == LaneKind.EMOTIONS}
    # the header cells over the Stage, Lane and Text columns (those over Color / Owner columns stay META)
    structure = {stage_col, *lane_cols, *(c.pos[1] for c in detection.cards), *(e.pos[1] for e in detection.emotions)}
    for pos in detection.used:
        if pos[0] < header:
            continue  # a title above the table
        if (pos[0] == header and pos[1] in structure) or pos[1] == stage_col:
            roles[pos] = STAGE
        elif pos[1] in lane_cols:
            emotional = fold(" ".join(as_text(grid.cells.get(pos, "")).split())) in emotion_lanes
            roles[pos] = EMOTION_LANE if emotional else LANE


@gc_paused(keep=True)
def import_sheets(path: Path | str, sheet: str | None = None, **overrides: Any) -> ImportResult:
    """The import itself, as File > Import has always done it: `read_xlsx`/`read_csv` with the choices made."""
    path = Path(path)
    overrides = clean_overrides(overrides)
    sniffed = sniff_sheet_file(path)
    if sniffed.kind == "csv":
        from app.io.sheet_import.read_csv import read_csv

        result = read_csv(path, **overrides)
    else:
        from app.io.sheet_import.read_xlsx import read_xlsx

        result = read_xlsx(path, sheet=sheet, **overrides)
    if sniffed.note:
        result.report.insert(0, sniffed.note)
    return result
