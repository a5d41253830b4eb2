"""Find the journey map on a grid: where it is, which way round, its stages, lanes and cards.

Pure Python on `Grid`s. Each table (block) on a sheet is read both ways round -- stages across
columns and stages down rows (the grid is transposed and the same code runs) -- and in long
format when it has Stage / Lane / Text columns; every reading gets a score for how much it looks
like a journey map (keywords in lane labels and stage names, filled cells, an emotion row) and
the best one wins. What was read is a `Detection`: the editor's import dialog shows it, and
`journey_build` turns it into a map and a report of every cell left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from app.io.emotions_import import parse_number, word_value
from app.io.grid import Grid, Pos, Value, as_text, cell_name
from app.io.grid_blocks import Block, find_blocks, merged_owner, visible_cells
from app.io.lane_kinds import fold, guess_lane_kind, is_stage_label, stage_name_score
from app.model.enums import LaneKind

ORIENTATIONS = ("stages-in-columns", "stages-in-rows", "long")

_PLACEHOLDER = re.compile(
    r"^(fill in|fill me in|tbd|tba|todo|to do|n/?a|x{2,}|\.{2,}|-{1,}|\?+|lorem|placeholder|text here|"
    r"your text|add text|enter text|insert text|preencher|rellenar|a completer|ausfullen|da compilare|"
    r"заполнить|\[.*\])$",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")
_MARK = re.compile(r"^[xX✓✔✗☑■●]$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_VERSION = re.compile(r"^v\d+(\.\d+)*$", re.IGNORECASE)
_TITLE_KEYS = {"title", "titulo", "titre", "titel", "titolo", "название", "map", "journey map", "name of map"}
_DESCRIPTION_KEYS = {"scenario", "cenario", "escenario", "szenario", "scenario utente", "сценарий", "description",
                     "context", "contexto", "contexte", "kontext", "описание"}
PERSONA_KEYS: dict[str, str] = {
    "persona": "name", "persona name": "name", "name": "name", "nome": "name", "nombre": "name", "nom": "name",
    "персона": "name", "role": "role", "roles": "role", "occupation": "role", "papel": "role", "rol": "role",
    "ruolo": "role", "роль": "role", "goals": "goals", "goal": "goals", "primary goal": "goals",
    "objetivos": "goals", "ziele": "goals", "obiettivi": "goals", "цели": "goals", "needs": "needs",
    "necessidades": "needs", "necesidades": "needs", "besoins": "needs", "bedurfnisse": "needs", "bisogni": "needs",
    "потребности": "needs", "expectations": "expectations", "expectativas": "expectations",
    "attentes": "expectations", "erwartungen": "expectations", "aspettative": "expectations",
    "ожидания": "expectations", "frustrations": "frustrations", "pain point": "frustrations",
    "frustracoes": "frustrations", "frustraciones": "frustrations", "quote": "quote", "citacao": "quote",
}
_ARROWS = re.compile(r"(\s*(>>+|->|→|⟶|➔|➜|▶|►|»|>)\s*)+$|^\s*(>>+|->|→|▶|►|»)\s*")
_BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·*–—-]|\d{1,2}[.)])\s+")


@dataclass
class DetectedStage:
    name: str
    lines: list[int]  # canonical columns (original columns, or original rows when transposed)
    header: Pos | None  # original coordinates of the name cell
    phase: str | None = None
    color: str | None = None
    generated: bool = False


@dataclass
class DetectedLane:
    name: str
    line: int  # canonical row
    kind: LaneKind
    label: Pos | None
    group: str | None = None
    color: str | None = None


@dataclass(slots=True)
class DetectedCard:
    stage: int
    lane: int
    text: str
    pos: Pos  # original coordinates
    color: str | None = None
    note: str = ""


@dataclass(slots=True)
class DetectedEmotion:
    stage: int
    lane: int
    raw: float  # a number on its own scale, or a word/emoji value on -1..+1 when `unit`
    unit: bool
    label: str | None
    pos: Pos


@dataclass
class Detection:
    """One reading of a sheet, as the import dialog shows it."""

    sheet: str
    orientation: str
    header_row: int | None  # original row of the stage names (columns) or of the lane labels (rows, long)
    label_column: int | None  # original column of the lane labels (columns) or of the stage names (rows, long)
    block: Block
    stages: list[DetectedStage] = field(default_factory=list)
    lanes: list[DetectedLane] = field(default_factory=list)
    cards: list[DetectedCard] = field(default_factory=list)
    emotions: list[DetectedEmotion] = field(default_factory=list)
    title: str | None = None
    description: str = ""
    persona: dict[str, list[str]] = field(default_factory=dict)
    used: set[Pos] = field(default_factory=set)
    reasons: dict[Pos, str] = field(default_factory=dict)  # cells seen but left out, and why
    notes: list[str] = field(default_factory=list)
    score: float = 0.0
    grid: Grid | None = None
    numeric_lines: int = 0  # rows of numbers only, while reading

    @property
    def emotion_lanes(self) -> list[int]:
        return [i for i, lane in enumerate(self.lanes) if lane.kind == LaneKind.EMOTIONS]


# --- public -----------------------------------------------------------------------------------


def detect_grid(
    grid: Grid,
    *,
    header_row: int | None = None,
    label_column: int | None = None,
    orientation: str | None = None,
    lane_kinds: dict[int, LaneKind | str] | None = None,
) -> Detection | None:
    """The most journey-map-like reading of one sheet, or None when nothing on it looks like one."""
    if orientation is not None and orientation not in ORIENTATIONS:
        raise ValueError(f"orientation must be one of {', '.join(ORIENTATIONS)}")
    positions = visible_cells(grid)
    if not positions:
        return None
    blocks = find_blocks(grid, positions)
    if header_row is not None or label_column is not None:
        blocks = [_forced_block(grid, positions, header_row, label_column, orientation)]
    # a quick look at every table both ways round (labels and names only), then a full reading of
    # the promising ones: on a big sheet the hopeless orientation is never read cell by cell
    quick: list[tuple[float, Block, str]] = []
    views: dict[tuple[int, bool], _View] = {}
    for block in blocks:
        if block.size < 2:
            continue
        for way in [orientation] if orientation else list(ORIENTATIONS):
            glance = _read_block(grid, block, way, header_row, label_column, light=True, views=views)
            if glance is not None:
                quick.append((glance.score, block, way))
    best_glance = max((q[0] for q in quick), default=0.0)
    candidates: list[Detection] = []
    for glance_score, block, way in quick:
        if glance_score < best_glance - QUICK_MARGIN:
            continue
        found = _read_block(grid, block, way, header_row, label_column, views=views)
        if found is not None:
            candidates.append(found)
    if not candidates:
        return None
    best = max(candidates, key=lambda d: d.score)
    if lane_kinds:
        _apply_lane_kinds(grid, best, lane_kinds)
    best.grid = grid
    if header_row is None and label_column is None:
        for block in blocks:
            if block is not best.block:
                _attach_score_table(grid, best, block)
    _describe_other_blocks(grid, best, blocks)
    return best


def looks_like_map(detection: Detection | None) -> bool:
    return detection is not None and detection.score >= MIN_SCORE and bool(detection.stages)


MIN_SCORE = 3.0
QUICK_MARGIN = 6.0


# --- reading one block ---------------------------------------------------------------------------


class _View:
    """The grid seen in canonical orientation (stages across columns) within a block's bounds."""

    def __init__(self, grid: Grid, block: Block, transposed: bool) -> None:
        self.grid = grid
        self.transposed = transposed
        owner = merged_owner(grid)
        self.cells: dict[Pos, Value] = {}
        self.owner: dict[Pos, Pos] = {}
        titles = _title_cells(block)
        inside = [p for p in block.cells if block.r1 <= p[0] <= block.r2 and p not in titles]
        for r, c in inside:
            self.cells[self._to(r, c)] = grid.cells[(r, c)]
        for pos, top in owner.items():
            if top in grid.cells and block.contains(top) and top[0] >= block.r1:
                self.owner[self._to(*pos)] = self._to(*top)
        self.rows = sorted({p[0] for p in self.cells})
        self.cols = sorted({p[1] for p in self.cells})
        self.by_row: dict[int, list[tuple[int, Value]]] = {}
        for (r, c), v in sorted(self.cells.items()):
            self.by_row.setdefault(r, []).append((c, v))

    def _to(self, r: int, c: int) -> Pos:
        return (c, r) if self.transposed else (r, c)

    def orig(self, pos: Pos) -> Pos:
        return (pos[1], pos[0]) if self.transposed else pos

    def value(self, r: int, c: int) -> Value | None:
        return self.cells.get((r, c))

    def text(self, r: int, c: int) -> str:
        value = self.cells.get((r, c))
        return as_text(value) if value is not None else ""

    def row_values(self, r: int, after: int) -> list[tuple[int, Value]]:
        return [(c, v) for c, v in self.by_row.get(r, ()) if c > after]


def _title_cells(block: Block) -> set[Pos]:
    return {p for p in block.cells if p[0] in block.title_rows}


def _read_block(
    grid: Grid,
    block: Block,
    way: str,
    header_row: int | None,
    label_column: int | None,
    light: bool = False,
    views: dict[tuple[int, bool], _View] | None = None,
) -> Detection | None:
    if way == "long":
        from app.io.long_format import read_long

        return read_long(grid, block, header_row)
    transposed = way == "stages-in-rows"
    key = (id(block), transposed)
    view = views.get(key) if views is not None else None
    if view is None:
        view = _View(grid, block, transposed)
        if views is not None:
            views[key] = view
    if len(view.rows) < 1 or len(view.cols) < 2:
        return None
    # label column (maybe with a lane-group column on its left), forced or guessed
    forced_label = None
    if label_column is not None or header_row is not None:
        forced_label = (label_column if not transposed else header_row)
    group_col, label_col = _label_columns(view, forced_label)
    readings = [_read_view(grid, block, view, way, group_col, label_col, header_row, label_column, light)]
    if group_col is not None:  # a merged first column: lane groups, or lane labels merged down rows?
        readings.append(_read_view(grid, block, view, way, None, group_col, header_row, label_column, light))
    found = [r for r in readings if r is not None]
    return max(found, key=lambda d: d.score) if found else None


def _read_view(
    grid: Grid,
    block: Block,
    view: _View,
    way: str,
    group_col: int | None,
    label_col: int | None,
    header_row: int | None,
    label_column: int | None,
    light: bool = False,
) -> Detection | None:
    transposed = view.transposed
    detection = Detection(grid.name, way, None, None, block)
    _take_titles(grid, block, detection)
    colour_col = _colour_column(view, label_col)
    data_start = colour_col if colour_col is not None else label_col
    if label_col is not None:
        for r in view.rows:
            if (r, label_col) in view.cells and parse_number(view.cells[(r, label_col)]) is not None:
                label_col, group_col, data_start = None, None, view.cols[0] - 1
                break
    if data_start is None:
        data_start = view.cols[0] - 1

    # lines that are titles, persona fields or the header
    consumed: set[int] = set()
    forced_header = (header_row if not transposed else label_column) if (header_row is not None
                                                                          or label_column is not None) else None
    header = _find_header(view, label_col, group_col, data_start, consumed, detection, forced_header)
    if header is None and not transposed and label_col is None:
        return None
    stages = _stages(view, header, data_start, detection)
    if not stages:
        return None
    detection.stages = stages
    col_to_stage = {c: i for i, s in enumerate(stages) for c in s.lines}
    phase_line = _phases(view, header, label_col, group_col, col_to_stage, detection)
    if phase_line is not None:
        consumed.add(phase_line)
    if light:
        detection.score = _glance_score(view, detection, header, label_col, consumed)
        return detection
    _lanes(view, header, label_col, group_col, colour_col, data_start, consumed, col_to_stage, detection)
    if not detection.lanes:
        return None
    if transposed:
        detection.header_row = view.orig((0, label_col))[0] if label_col is not None else None
        detection.label_column = view.orig((header, 0))[1] if header is not None else None
    else:
        detection.header_row = header
        detection.label_column = label_col
    detection.score = _score(view, detection, header) - 8 * _unused_fraction(block, detection)
    return detection


def _take_titles(grid: Grid, block: Block, detection: Detection) -> None:
    for pos in sorted(_title_cells(block)):
        text = as_text(grid.cells[pos])
        if detection.title is None and len(text) <= 300:
            detection.title = text
        else:
            detection.description = (detection.description + "\n" + text).strip()
        detection.used.add(pos)


def _label_columns(view: _View, forced: int | None) -> tuple[int | None, int | None]:
    cols = view.cols
    if forced is not None:
        return None, forced
    first = cols[0]
    if len(cols) < 3:
        return None, first
    second = cols[1]
    merged_down = any(top[1] == first and pos[0] != top[0] for pos, top in view.owner.items())
    filled_first = sum((r, first) in view.cells for r in view.rows)
    filled_second = sum((r, second) in view.cells for r in view.rows)
    sparse_group = (
        filled_first <= 0.6 * len(view.rows)
        and filled_second >= 0.8 * len(view.rows)
        and len(view.rows) >= 4
        and all(parse_number(view.cells[(r, first)]) is None for r in view.rows if (r, first) in view.cells)
        and second - first == 1
    )
    if merged_down or sparse_group:
        return first, second
    return None, first


def _colour_column(view: _View, label_col: int | None) -> int | None:
    if label_col is None:
        return None
    following = [c for c in view.cols if c > label_col]
    if not following:
        return None
    col = following[0]
    values = [view.text(r, col) for r in view.rows if (r, col) in view.cells]
    if values and all(_COLOUR.match(v.strip()) for v in values):
        return col
    return None


def _key(text: str) -> str:
    return fold(text)


def _find_header(
    view: _View,
    label_col: int | None,
    group_col: int | None,
    data_start: int,
    consumed: set[int],
    detection: Detection,
    forced: int | None,
) -> int | None:
    if forced is not None:
        return forced if forced in view.rows else None
    header = None
    for r in view.rows:
        label = _line_label(view, r, label_col, group_col)
        values = view.row_values(r, data_start)
        if header is None and label and is_stage_label(label) and values and _mostly_text(values):
            header = r
    # title and persona lines: keyed lines before the map proper
    lane_seen = False
    data_cols = max(1, len([c for c in view.cols if c > data_start]))
    for r in view.rows:
        if r == header:
            lane_seen = True
            continue
        label = _line_label(view, r, label_col, group_col)
        key = _key(label)
        values = view.row_values(r, data_start if label_col is not None else view.cols[0])
        texts = [as_text(v) for _, v in values]
        if label_col is not None and (key in _TITLE_KEYS or _VERSION.match(label)) and len(texts) <= 3:
            text = next((t for t in texts if not _COLOUR.match(t)), "")
            if text and detection.title is None:
                detection.title = text
            consumed.add(r)
            detection.used.update(view.orig(p) for p in [(r, label_col)] + [(r, c) for c, _ in values])
            continue
        if label_col is not None and key in _DESCRIPTION_KEYS and len(texts) <= 2 and not lane_seen:
            detection.description = (detection.description + "\n" + " ".join(texts)).strip()
            consumed.add(r)
            detection.used.update(view.orig(p) for p in [(r, label_col)] + [(r, c) for c, _ in values])
            continue
        if label_col is not None and key in PERSONA_KEYS and not lane_seen and texts and len(texts) < 0.6 * data_cols:
            detection.persona.setdefault(PERSONA_KEYS[key], []).extend(texts)
            consumed.add(r)
            detection.used.update(view.orig(p) for p in [(r, label_col)] + [(r, c) for c, _ in values])
            continue
        lane_seen = True
    if header is not None:
        return header
    for r in view.rows:
        if r in consumed:
            continue
        values = view.row_values(r, data_start)
        label = _line_label(view, r, label_col, group_col)
        if not values or not _mostly_text(values):
            return None
        lengths = [len(as_text(v)) for _, v in values]
        if guess_lane_kind(label) != LaneKind.TEXT and sum(lengths) / len(lengths) > 40:
            return None
        return r
    return None


def _line_label(view: _View, r: int, label_col: int | None, group_col: int | None) -> str:
    if label_col is None:
        return ""
    text = view.text(r, label_col)
    if not text and (r, label_col) in view.owner:
        text = view.text(*view.owner[(r, label_col)])
    return text


def _mostly_text(values: list[tuple[int, Value]]) -> bool:
    numbers = sum(parse_number(v) is not None for _, v in values)
    return numbers * 2 < len(values)


def clean_stage_name(text: str) -> str:
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _ARROWS.sub("", text).strip()
    return text[:500]


def is_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.match(text.strip()))


def _stages(view: _View, header: int | None, data_start: int, detection: Detection) -> list[DetectedStage]:
    stages: list[DetectedStage] = []
    by_name: dict[str, int] = {}
    if header is None:
        data_cols = [c for c in view.cols if c > data_start]
        for number, c in enumerate(data_cols, 1):
            stages.append(DetectedStage(f"Step {number}", [c], None, generated=True))
        if stages:
            detection.notes.append(
                f"no stage names found: the {len(stages)} stages are named Step 1..Step {len(stages)}"
            )
        return stages
    grid = view.grid
    for c in view.cols:
        if c <= data_start:
            continue
        pos = (header, c)
        if pos in view.owner and view.owner[pos] != pos:
            top = view.owner[pos]
            if top[0] == header and stages and top[1] in stages[-1].lines:
                stages[-1].lines.append(c)  # a stage header merged over several columns
            continue
        if pos not in view.cells:
            continue
        original = view.orig(pos)
        raw = as_text(view.cells[pos])
        name = clean_stage_name(raw)
        detection.used.add(original)
        if not name or is_placeholder(name):
            detection.reasons[original] = "a placeholder where a stage name belongs"
            detection.used.discard(original)
            continue
        colour = grid.fills.get(original)
        key = fold(name)
        if key in by_name:
            stages[by_name[key]].lines.append(c)
            continue
        by_name[key] = len(stages)
        stages.append(DetectedStage(name, [c], original, color=colour))
    # merged header ranges also cover columns without a top-left value in this row
    for pos, top in view.owner.items():
        if pos[0] == header and top[0] == header and pos[1] > data_start:
            for stage in stages:
                if top[1] in stage.lines and pos[1] not in stage.lines:
                    stage.lines.append(pos[1])
    for stage in stages:
        stage.lines.sort()
    return stages


def _phases(
    view: _View,
    header: int | None,
    label_col: int | None,
    group_col: int | None,
    col_to_stage: dict[int, int],
    detection: Detection,
) -> int | None:
    """A band above the stage names, with a label-less first column, becomes phases."""
    if header is None:
        return None
    above = [r for r in view.rows if r < header]
    if not above:
        return None
    band = above[-1]
    if label_col is not None and (view.text(band, label_col) or (group_col is not None and view.text(band, group_col))):
        return None
    values = [(c, v) for c, v in view.row_values(band, -1) if c in col_to_stage]
    if not values or len(values) >= len(detection.stages) and not any(view.owner.get((band, c)) for c, _ in values):
        return None
    if not _mostly_text(values):
        return None
    starts = sorted(col_to_stage[c] for c, _ in values)
    names = {col_to_stage[c]: (clean_stage_name(as_text(v)), view.orig((band, c))) for c, v in values}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(detection.stages)
        name, pos = names[start]
        for i in range(start, end):
            detection.stages[i].phase = name
        detection.used.add(pos)
    first = starts[0]
    for i in range(first):
        detection.stages[i].phase = None
    return band


def _lanes(
    view: _View,
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
        if r != header and r not in consumed and _all_numbers([(c, v) for c, v in view.row_values(r, data_start)
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
    for r in view.rows:
        if r == header or r in consumed:
            continue
        values = view.row_values(r, data_start)
        if header is not None and values and r != header and {c: as_text(v) for c, v in values} == header_values:
            for c, _ in values:
                detection.reasons[view.orig((r, c))] = "repeats the stage names"
            if label_col is not None and (r, label_col) in view.cells:
                detection.reasons[view.orig((r, label_col))] = "repeats the stage names"
            continue
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
            label = as_text(view.cells[label_pos]) if label_pos in view.cells else ""
        in_map = [(c, v) for c, v in values if c in col_to_stage]
        outside = [(c, v) for c, v in values if c not in col_to_stage]
        for c, _ in outside:
            detection.reasons[view.orig((r, c))] = "no stage beside it" if view.transposed else "no stage above it"
        if not in_map and not label:
            continue
        if label_pos is not None and label_pos in lane_of_label:
            # a lane label merged down several rows: the lane gathers every row
            index = lane_of_label[label_pos]
            _read_lane(view, detection.lanes[index], index, in_map, col_to_stage, detection, r)
            continue
        if label and is_placeholder(label):
            detection.reasons[view.orig(label_pos)] = "a placeholder where a lane label belongs"
            label_pos, label = None, ""
        if not label and not group_name and labelled_lines and not (_all_numbers(in_map) and len(in_map) >= 2):
            for c, _ in in_map:
                detection.reasons[view.orig((r, c))] = (
                    "no lane label above it" if view.transposed else "no lane label beside it"
                )
            continue
        name = short_label(label, detection) if label else (group_name or "")
        kind = guess_lane_kind(label) if label else LaneKind.TEXT
        if kind == LaneKind.TEXT and group_name:
            kind = group_kind
        colour = None
        if label_pos is not None and label_pos in view.cells:
            detection.used.add(view.orig(label_pos))
            colour = grid.fills.get(view.orig(label_pos))
        if colour_col is not None and (r, colour_col) in view.cells:
            colour = view.text(r, colour_col).strip().lower()
            detection.used.add(view.orig((r, colour_col)))
        lane_index = len(detection.lanes)
        lane = DetectedLane(name, r, kind, view.orig(label_pos) if label_pos else None, group_name, colour)
        detection.lanes.append(lane)
        if label_pos is not None:
            lane_of_label[label_pos] = lane_index
        _read_lane(view, lane, lane_index, in_map, col_to_stage, detection, r)
    for lane_number, lane in enumerate(detection.lanes, 1):
        if not lane.name:
            lane.name = "Emotions" if lane.kind == LaneKind.EMOTIONS else f"Lane {lane_number}"


def _read_lane(
    view: _View,
    lane: DetectedLane,
    lane_index: int,
    values: list[tuple[int, Value]],
    col_to_stage: dict[int, int],
    detection: Detection,
    row: int,
) -> None:
    numbers = [(c, v, parse_number(v)) for c, v in values]
    numeric = [n for n in numbers if n[2] is not None]
    label_kind = lane.kind
    words = [(c, v, word_value(as_text(v)) if label_kind == LaneKind.EMOTIONS else None)
             for c, v, number in numbers if number is None]
    is_numeric_lane = len(numeric) >= 2 and len(numeric) == len(values)
    # a row of numbers is an emotion curve when its label says so, or when it is the only such row
    # (a sheet of several number rows is a table of figures, not a journey's feelings)
    emotional = label_kind == LaneKind.EMOTIONS or (detection.numeric_lines <= 1 and label_kind != LaneKind.KPIS)
    if is_numeric_lane and emotional:
        lane.kind = LaneKind.EMOTIONS
        if label_kind not in (LaneKind.EMOTIONS, LaneKind.TEXT):
            detection.notes.append(f"lane {lane.name!r} holds only numbers: read as emotion scores")
        for c, _v, number in numeric:
            pos = view.orig((row, c))
            detection.emotions.append(DetectedEmotion(col_to_stage[c], lane_index, number, False, None, pos))
            detection.used.add(pos)
        return
    if label_kind == LaneKind.EMOTIONS:
        recognised = [w for w in words if w[2] is not None and not is_placeholder(as_text(w[1]))]
        real = [w for w in words if not is_placeholder(as_text(w[1]))]
        if numeric or (real and len(recognised) * 2 >= len(real)):
            for c, _v, number in numeric:
                pos = view.orig((row, c))
                detection.emotions.append(DetectedEmotion(col_to_stage[c], lane_index, number, False, None, pos))
                detection.used.add(pos)
            leftover = []
            for c, v, unit in words:
                pos = view.orig((row, c))
                if unit is None:
                    leftover.append((c, v))
                    continue
                label = as_text(v)[:500]
                detection.emotions.append(DetectedEmotion(col_to_stage[c], lane_index, unit, True, label, pos))
                detection.used.add(pos)
            _cards(view, lane, lane_index, leftover, col_to_stage, detection, row)
            return
        lane.kind = guess_lane_kind(re.sub(r"(?i)emo\w*|feel\w*|чувств\w*|sentim\w*", "", lane.name))
        detection.notes.append(f"lane {lane.name!r} is named like emotions but holds text: kept as {lane.kind.value}")
    _cards(view, lane, lane_index, values, col_to_stage, detection, row)


def _all_numbers(values: list[tuple[int, Value]]) -> bool:
    return bool(values) and all(parse_number(v) is not None for _, v in values)


_LABEL_CUT = re.compile(r"\s+(?:e\.\s?g\.?|eg\.|i\.\s?e\.?|for example|\(graphic|-\s)\s*|\n|:\s", re.IGNORECASE)


def short_label(label: str, detection: Detection) -> str:
    """A lane label written as a long instruction ('Painpoints in each step e.g. did you...') -> its head."""
    text = " ".join(label.split())
    if len(text) <= 40:
        return text[:500]
    head = _LABEL_CUT.split(label, maxsplit=1)[0].strip(" .,;:-")
    head = " ".join(head.split())
    if len(head) > 60:
        head = head[:60].rsplit(" ", 1)[0] + "…"
    if head and head != text:
        detection.notes.append(f"lane label shortened to {head!r} (the cell says {text[:80]!r}...)")
        return head[:500]
    return text[:500]


@lru_cache(maxsize=4096)
def split_items(text: str) -> tuple[str, ...]:
    """Cell text -> card texts: lines, bullets and ' | ' separators each make a card."""
    if "\n" not in text and " | " not in text:
        return (_BULLET.sub("", text).strip() or text.strip(),)
    return tuple(_split_items(text))


def _split_items(text: str) -> list[str]:
    parts: list[str] = []
    for line in text.split("\n"):
        for piece in line.split(" | ") if " | " in line else [line]:
            piece = _BULLET.sub("", piece).strip()
            if piece:
                parts.append(piece)
    if len(parts) > 1 and not _looks_like_list(text):
        # plain wrapped prose (no bullets, no separators): one card
        return [" ".join(p for p in parts)]
    return parts


def _looks_like_list(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if " | " in text:
        return True
    if any(_BULLET.match(line) for line in lines):
        return True
    return all(len(line) <= 120 for line in lines)


def _cards(
    view: _View,
    lane: DetectedLane,
    lane_index: int,
    values: list[tuple[int, Value]],
    col_to_stage: dict[int, int],
    detection: Detection,
    row: int,
) -> None:
    grid = view.grid
    marks: list[str] = []
    for c, value in values:
        pos = view.orig((row, c))
        text = as_text(value)
        if is_placeholder(text):
            detection.reasons[pos] = "a placeholder"
            continue
        if _MARK.match(text):
            items = [lane.name or "x"]
            marks.append(cell_name(*pos))
        else:
            items = split_items(text)
        note = grid.comments.get(pos, "")
        for n, item in enumerate(items):
            detection.cards.append(
                DetectedCard(
                    col_to_stage[c], lane_index, item[:20_000], pos, grid.fills.get(pos), note if n == 0 else ""
                )
            )
        detection.used.add(pos)
    if marks:
        detection.notes.append(f"{grid.name}!{', '.join(marks)}: marks (x) became cards named {lane.name!r}")


def _score(view: _View, detection: Detection, header: int | None) -> float:
    """How much a reading looks like a journey map; fractions keep both orientations comparable."""
    stages, lanes = detection.stages, detection.lanes
    real_stages = [s for s in stages if not s.generated]
    named_lanes = [lane for lane in lanes if lane.label is not None]
    score = 0.0
    if named_lanes:
        score += 6 * _fraction(named_lanes, lambda lane: lane.kind != LaneKind.TEXT)
        score -= 4 * _fraction(named_lanes, lambda lane: stage_name_score(lane.name) > 0)
    if real_stages:
        score += 4 * _fraction(real_stages, lambda s: stage_name_score(s.name) > 0)
        score -= 6 * _fraction(real_stages, lambda s: guess_lane_kind(s.name) != LaneKind.TEXT)
        score -= 6 * _fraction(real_stages, lambda s: parse_number(s.name) is not None)
        average = sum(len(s.name) for s in real_stages) / len(real_stages)
        if average > 60:
            score -= 2
    else:
        score -= 2
    if header is not None and is_stage_label(_line_label(view, header, _label_col_of(view, detection), None)):
        score += 3  # the stage row says so ("Stage", "Etapa", "Step", "TITLE_BLOCK")
    if any(s.phase for s in stages):
        score += 2
    if detection.emotions:
        score += 2
    filled = {(c.stage, c.lane) for c in detection.cards} | {(e.stage, e.lane) for e in detection.emotions}
    area = max(1, len(stages) * len(lanes))
    score += 4 * len(filled) / area
    score += min(len(filled), 60) * 0.1
    if any(len(s.lines) > 1 for s in stages) and detection.orientation == "stages-in-rows":
        score += 1  # rows sharing a stage name (one row per touchpoint)
    score += 0.02 * min(len(stages), 50)
    if len(stages) < 2:
        score -= 2
    has_words = any(_LETTER.search(c.text) for c in detection.cards)
    if not has_words and not detection.emotions:
        score -= 5
    return score


def _unused_fraction(block: Block, detection: Detection) -> float:
    """The share of the table's cells this reading leaves out (placeholders do not count)."""
    inside = [p for p in block.cells if p[0] >= block.r1]
    if not inside:
        return 0.0
    left = [p for p in inside if p not in detection.used and not detection.reasons.get(p, "").startswith("a placeh")]
    return len(left) / len(inside)


def _glance_score(view: _View, detection: Detection, header: int | None, label_col: int | None,
                  consumed: set[int]) -> float:
    """The name-based part of `_score`, from stage names and lane labels alone (no cell is read)."""
    labels = [view.text(r, label_col) for r in view.rows if r != header and r not in consumed] if (
        label_col is not None) else []
    labels = [label for label in labels if label]
    real_stages = [s for s in detection.stages if not s.generated]
    score = 0.0
    if labels:
        score += 6 * _fraction(labels, lambda label: guess_lane_kind(label) != LaneKind.TEXT)
        score -= 4 * _fraction(labels, lambda label: stage_name_score(label) > 0)
    if real_stages:
        score += 4 * _fraction(real_stages, lambda s: stage_name_score(s.name) > 0)
        score -= 6 * _fraction(real_stages, lambda s: guess_lane_kind(s.name) != LaneKind.TEXT)
        score -= 6 * _fraction(real_stages, lambda s: parse_number(s.name) is not None)
    if header is not None and is_stage_label(_line_label(view, header, label_col, None)):
        score += 3
    return score


def _label_col_of(view: _View, detection: Detection) -> int | None:
    if detection.label_column is None:
        return None
    return detection.header_row if view.transposed else detection.label_column


def _fraction(items: list, test) -> float:  # noqa: ANN001
    return sum(bool(test(item)) for item in items) / len(items) if items else 0.0


def _apply_lane_kinds(grid: Grid, detection: Detection, kinds: dict[int, LaneKind | str]) -> None:
    for index, kind in kinds.items():
        if 0 <= index < len(detection.lanes):
            new_kind = LaneKind(kind)
            lane = detection.lanes[index]
            if new_kind == lane.kind:
                continue
            if lane.kind == LaneKind.EMOTIONS and new_kind != LaneKind.EMOTIONS:
                for point in [e for e in detection.emotions if e.lane == index]:
                    detection.emotions.remove(point)
                    text = point.label if point.label is not None else as_text(grid.cells.get(point.pos, point.raw))
                    detection.cards.append(DetectedCard(point.stage, index, text, point.pos, grid.fills.get(point.pos)))
            elif new_kind == LaneKind.EMOTIONS:
                for card in [c for c in detection.cards if c.lane == index]:
                    number = parse_number(card.text)
                    unit = word_value(card.text) if number is None else None
                    if number is None and unit is None:
                        continue
                    detection.cards.remove(card)
                    detection.emotions.append(
                        DetectedEmotion(card.stage, index, number if number is not None else unit or 0.0,
                                        number is None, card.text if number is None else None, card.pos)
                    )
            lane.kind = new_kind


def _attach_score_table(grid: Grid, detection: Detection, block: Block) -> None:
    """A small Stage | Score table elsewhere on the sheet whose names are the map's stages -> an emotions lane."""
    cols = sorted({p[1] for p in block.cells})
    if len(cols) != 2 or detection.orientation == "long":
        return
    names_col, score_col = cols
    rows = sorted({p[0] for p in block.cells})
    stage_by_name = {fold(s.name): i for i, s in enumerate(detection.stages)}
    header = rows[0]
    matched = []
    for r in rows[1:]:
        name, score = grid.cells.get((r, names_col)), grid.cells.get((r, score_col))
        number = parse_number(score) if score is not None else None
        index = stage_by_name.get(fold(as_text(name))) if name is not None else None
        if index is not None and number is not None:
            matched.append((r, index, number))
    if len(matched) < 2 or len(matched) < 0.8 * (len(rows) - 1):
        return
    label = as_text(grid.cells.get((header, score_col), "Score"))
    lane_index = len(detection.lanes)
    detection.lanes.append(DetectedLane(label, -1, LaneKind.EMOTIONS, (header, score_col)))
    detection.used.update(p for p in block.cells)
    for r, stage, number in matched:
        detection.emotions.append(DetectedEmotion(stage, lane_index, number, False, None, (r, score_col)))
    detection.notes.append(f"the table {cell_name(block.r1, block.c1)}:{cell_name(block.r2, block.c2)} scores the "
                           f"map's stages: added as the emotions lane {label!r}")
    block.cells = [p for p in block.cells if p not in detection.used]


def _describe_other_blocks(grid: Grid, detection: Detection, blocks: list[Block]) -> None:
    chosen = detection.block
    for block in blocks:
        if block is chosen:
            continue
        if block.r2 < chosen.r1:
            where = "above the map"
        elif block.r1 > chosen.r2:
            where = "below the map"
        elif block.c2 < chosen.c1:
            where = "left of the map"
        elif block.c1 > chosen.c2:
            where = "right of the map"
        else:
            where = "beside the map"
        kind = "a separate table" if block.size >= 4 else "a note"
        for pos in block.cells:
            detection.reasons.setdefault(pos, f"{where}, {kind} ({cell_name(block.r1, block.c1)}:"
                                              f"{cell_name(block.r2, block.c2)})")


def _forced_block(grid: Grid, positions: list[Pos], header_row: int | None, label_column: int | None,
                  orientation: str | None) -> Block:
    """With a header row or label column chosen by the user, the block starts there and holds what follows."""
    r0 = header_row if header_row is not None else min(p[0] for p in positions)
    c0 = label_column if label_column is not None else min(p[1] for p in positions)
    inside = sorted(p for p in positions if p[0] >= r0 and p[1] >= c0)
    if not inside:
        inside = sorted(positions)
    return Block(r0, c0, max(p[0] for p in inside), max(p[1] for p in inside), inside)
