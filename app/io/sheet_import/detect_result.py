"""What the importer found on a sheet: stages, lanes, cards and emotions, with the cells they came from.

The import preview dialog shows a `Detection`; `journey_build` turns one into a map.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.io.sheet_import.grid import Grid, Pos
from app.io.sheet_import.grid_blocks import Block
from app.model.enums import LaneKind

ORIENTATIONS = ("stages-in-columns", "stages-in-rows", "long")


TITLE_KEYS = {"title", "titulo", "titre", "titel", "titolo", "название", "map", "journey map", "name of map"}


DESCRIPTION_KEYS = {"scenario", "cenario", "escenario", "szenario", "scenario utente", "сценарий", "description",
                     "context", "contexto", "contexte", "kontext", "описание"}


PERSONA_KEYS: dict[str, str] = {
    "persona": "name", "persona name": "name", "name": "name", "nome": "name", "nombre": "name", "nom": "name",
    "персона": "name", "role": "role", "roles": "role", "occupation": "role", "papel": "role", "rol": "role",
    "ruolo": "role", "роль": "role", "job": "role", "job title": "role", "profession": "role", "beruf": "role",
    "profissao": "role", "profesion": "role", "metier": "role", "beroep": "role", "профессия": "role",
    "goals": "goals", "goal": "goals", "primary goal": "goals",
    "objetivos": "goals", "ziele": "goals", "obiettivi": "goals", "цели": "goals", "needs": "needs",
    "necessidades": "needs", "necesidades": "needs", "besoins": "needs", "bedurfnisse": "needs", "bisogni": "needs",
    "потребности": "needs", "expectations": "expectations", "expectativas": "expectations",
    "attentes": "expectations", "erwartungen": "expectations", "aspettative": "expectations",
    "ожидания": "expectations", "frustrations": "frustrations", "frustration": "frustrations", "need": "needs",
    "expectation": "expectations", "motivations": "goals", "motivation": "goals", "pain point": "frustrations",
    "frustracoes": "frustrations", "frustraciones": "frustrations", "quote": "quote", "citacao": "quote",
}


@dataclass
class DetectedStage:
    """A stage found in the sheet, with the lines it spans."""

    name: str
    lines: list[int]  # canonical columns (original columns, or original rows when transposed)
    header: Pos | None  # original coordinates of the name cell
    phase: str | None = None
    color: str | None = None
    generated: bool = False
    description: str = ""


@dataclass
class DetectedLane:
    """A lane found in the sheet, with its kind and where its label was."""

    name: str
    line: int  # canonical row
    kind: LaneKind
    label: Pos | None
    group: str | None = None
    color: str | None = None
    guess: str = ""  # why the kind was guessed from weak evidence (shown in the report and the dialog)
    kind_named: bool = False  # the sheet names the kind itself (a Type column): no guess, even for plain text


@dataclass(slots=True)
class DetectedCard:
    """A card found in a cell of the sheet."""

    stage: int
    lane: int
    text: str
    pos: Pos  # original coordinates
    color: str | None = None
    note: str = ""
    channel: str | None = None  # from an exported card's "[Website] " prefix
    votes: int = 0
    evidence: str | None = None  # from an exported card's " [observed]" suffix
    tags: tuple[str, ...] = ()  # metadata from a row beside the lane ("confidence: 2"); a list each was 56 bytes


@dataclass(slots=True)
class DetectedEmotion:
    """An emotion value found in the sheet."""

    stage: int
    lane: int
    raw: float  # a number on its own scale, or a word/emoji value on -1..+1 when `unit`
    unit: bool
    label: str | None
    pos: Pos
    note: str = ""  # metadata of the point (e.g. "confidence: 2" from a row beside the curve)


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
    title_cell: Pos | None = None  # set when the title is the corner's text (a line above the table outranks it)
    description: str = ""
    persona: dict[str, list[str]] = field(default_factory=dict)
    persona_block: object | None = None  # a Persona read from key/value lines above the map
    used: set[Pos] = field(default_factory=set)
    reasons: dict[Pos, str] = field(default_factory=dict)  # cells seen but left out, and why
    phase_cells: set[Pos] = field(default_factory=set)  # the names in a phase band over the stages
    notes: list[str] = field(default_factory=list)
    score: float = 0.0
    grid: Grid | None = None
    numeric_lines: int = 0  # rows of numbers only, while reading
    divider_cells: set[Pos] = field(default_factory=set)  # the cells of blueprint divider rows
    meta_lines: dict[int, str] = field(default_factory=dict)  # canonical column -> 'confidence', 'source', ...
    summary_lines: dict[int, str] = field(default_factory=dict)  # canonical column -> 'Average', 'Notes' (no stage)
    summary_why: dict[int, tuple[Pos | None, str]] = field(default_factory=dict)  # its heading's cell, and why
    summary_rows: dict[int, str] = field(default_factory=dict)  # canonical row -> 'Total', 'Notes' (no lane)
    summary_row_why: dict[int, tuple[Pos | None, str]] = field(default_factory=dict)  # its label's cell, and why
    other_maps: list[Detection] = field(default_factory=list)  # other maps on the same sheet (best reading each)
    sibling_sheets: list[str] = field(default_factory=list)  # other sheets holding a map with the same stages
    column_tags: dict[int, str] = field(default_factory=dict)  # canonical column -> its sub-column's name (a tag)
    colour_meanings: dict[str, str] = field(default_factory=dict)  # a legend's fill colour -> what it means
    dividers: list[tuple[int, str]] = field(default_factory=list)  # (canonical line, text) of boundary rows
    # (stage, lane) -> (first cell, text so far) of a cell the Excel export continued in the next row
    continued_cells: dict[tuple[int, int], tuple[Pos, str]] = field(default_factory=dict)
    persona_rows: dict[int, str] | None = None  # a Persona column: original row -> whose row it is
    # cells read as part of the map's structure without being a stage's, lane's or card's own cell -> what they
    # are: 'persona', 'order' (a Persona or Step column), 'stage', 'lane', 'emotion_lane' (a list's keys, an emotion
    # grid's level labels, a section row)
    column_roles: dict[Pos, str] = field(default_factory=dict)
    kind_column: int | None = None  # canonical column naming each lane's kind ('Lane | Type | stages...')
    name_column: int | None = None  # canonical column naming the lanes when the label column holds their kinds

    @property
    def emotion_lanes(self) -> list[int]:
        return [i for i, lane in enumerate(self.lanes) if lane.kind == LaneKind.EMOTIONS]


def drop_lane(detection: Detection, index: int) -> None:
    """Take lane `index` out of a reading (its cards and points go with it); the lanes after it move up."""
    drop_lanes(detection, [index])


def drop_lanes(detection: Detection, indexes: Iterable[int]) -> None:
    """Take these lanes out of a reading in one pass over its cards (one pass a lane took minutes on a sheet of
    thousands of section rows); the lanes after each move up."""
    gone = set(indexes)
    if not gone:
        return
    removed = sorted(gone)
    detection.lanes = [lane for n, lane in enumerate(detection.lanes) if n not in gone]
    detection.cards = [c for c in detection.cards if c.lane not in gone]
    detection.emotions = [e for e in detection.emotions if e.lane not in gone]
    for item in (*detection.cards, *detection.emotions):
        item.lane -= bisect_left(removed, item.lane)  # up by the lanes taken out above it
    detection.continued_cells = {(s, lane - bisect_left(removed, lane)): kept for (s, lane), kept in
                                 detection.continued_cells.items() if lane not in gone}
