"""Read a journey map from an Excel workbook (.xlsx, .xlsm) or an OpenDocument spreadsheet (.ods).

A workbook written by Journey Canvas carries the whole map as JSON on a very hidden sheet; when
that map still matches what the visible sheet shows, it is used as is (ids, notes and all). A
workbook edited by hand, or made by anyone else, is read by its layout (see `grid_detect`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.io.errors import JourneyFileError
from app.io.formats import ImportResult
from app.io.journey.file import gc_paused
from app.io.sheet_import.detect_result import Detection
from app.io.sheet_import.read_sheet import detect_in_grids, import_grids
from app.io.sheet_import.source import HIDDEN_SHEET, Workbook, load_workbook
from app.model.journey import JourneyMap


@gc_paused(keep=True)
def read_xlsx(path: Path, sheet: str | None = None, **overrides: Any) -> ImportResult:
    """The format registry's reader for .xlsx/.xlsm and .ods. The file is only read."""
    overrides = {k: v for k, v in overrides.items() if v is not None}
    path = Path(path)
    workbook = load_workbook(path)
    hidden = _read_hidden_map(workbook)
    notes = list(workbook.notes)
    if hidden is not None and sheet is None and not overrides:
        try:
            layout = import_grids(path, workbook.grids, None, notes)
        except JourneyFileError:
            return ImportResult(hidden, [f"read the map Journey Canvas saved in the hidden sheet {HIDDEN_SHEET!r} "
                                         "(the visible sheets do not show a map)"])
        difference = _difference(hidden, layout.journey, workbook.hidden_fingerprint)
        if difference is not None and _visible_sheets_as_exported(hidden, workbook):
            difference = None  # untouched; the layout reading just cannot express this map exactly
        if difference is None:
            return ImportResult(hidden, [f"read the map Journey Canvas saved in the hidden sheet {HIDDEN_SHEET!r}"])
        return _carried_over(hidden, layout, difference)
    if workbook.hidden_sheet_text is not None and hidden is None:
        notes.append(f"the hidden sheet {HIDDEN_SHEET!r} is damaged and was ignored; the map was read by its layout")
    return import_grids(path, workbook.grids, sheet, notes, **overrides)


def _carried_over(hidden: JourneyMap, layout: ImportResult, difference: str) -> ImportResult:
    """A hand-edited export: the visible sheet as read, with what the hidden map knows about the items that
    still match (notes, tags, evidence, colours, lane kinds, KPI directions, author, snapshots)."""
    from app.model.carry_over import carry_over, changes

    try:
        merged = carry_over(hidden, layout.journey)
    except ValueError:  # pairs that do not fit together: the sheet as read is still the map
        layout.report.insert(0, f"the visible sheet was edited after export ({difference}): read by its layout, "
                                f"not from the hidden sheet {HIDDEN_SHEET!r}")
        return layout
    report = [f"the visible sheet was edited after export ({difference}): read by its layout, with notes, tags, "
              "evidence, colours, lane kinds, KPI directions, the author and snapshots carried over from the hidden "
              f"sheet {HIDDEN_SHEET!r} for the items that still match"]
    report += [f"edited: {line}" for line in changes(hidden.content(), merged.content())]
    return ImportResult(merged, report + layout.report)


@gc_paused(keep=True)
def detect(path: Path | str, sheet: str | None = None, **overrides: Any) -> Detection:
    """What the importer sees in a workbook or CSV file: grid, header row, label column, orientation,
    stages, lanes with kinds, emotion lanes and notes -- for the import preview dialog."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        from app.io.sheet_import.source_csv import read_csv_grid

        grid, _notes = read_csv_grid(path)
        return detect_in_grids(path, [grid], None, **overrides)
    workbook = load_workbook(path)
    return detect_in_grids(path, workbook.grids, sheet, **overrides)


def _read_hidden_map(workbook: Workbook) -> JourneyMap | None:
    """The map stored by the exporter in the very hidden sheet, or None if absent or unusable."""
    text = workbook.hidden_sheet_text
    if not text:
        return None
    from app.io.journey.file import loads_journey

    try:
        return loads_journey(text)
    except (JourneyFileError, ValueError, RecursionError):
        return None


def _difference(hidden: JourneyMap, layout: JourneyMap, fingerprint: str | None = None) -> str | None:
    """How the visible sheet differs from the hidden map (stage names, card texts), or None.

    With the exporter's fingerprint of the visible text (B1 of the hidden sheet), the layout
    reading is compared with it; without one, stage names and the words of the cards are."""
    if fingerprint:
        from app.io.xlsx_export.hidden_sheet import visible_fingerprint

        if visible_fingerprint(layout) == fingerprint:  # names and card texts: the rest the sheet shows is not in it
            if _emotions(hidden) != _emotions(layout):
                return "emotion scores or labels were changed"
            if _marks(hidden) != _marks(layout):
                return "card channels, votes or evidence were changed"
            if _about(hidden) != _about(layout):
                return "the title, description, phases or persona were changed"
            return None
        if visible_fingerprint(hidden) == fingerprint:
            return "stage names, lane names or card texts were changed"
        # a fingerprint that fits neither: judge by stage names and card words below
    hidden_stages = [" ".join(s.name.split()) for s in hidden.stages]
    layout_stages = [" ".join(s.name.split()) for s in layout.stages]
    if hidden_stages != layout_stages:
        return "stage names differ"
    if _words(hidden) != _words(layout):
        return "card texts differ"
    return None


def _visible_sheets_as_exported(hidden: JourneyMap, workbook: Workbook) -> bool:
    """Whether the visible sheets hold exactly what exporting the hidden map writes (nobody edited them)."""
    import tempfile

    from app.io.xlsx_export.export import write_xlsx

    try:
        with tempfile.TemporaryDirectory() as folder:
            again = Path(folder) / "again.xlsx"
            write_xlsx(hidden, again)
            fresh = load_workbook(again)
    except Exception:  # a map the export cannot write: no evidence either way
        return False
    return [(g.name, g.cells) for g in fresh.grids] == [(g.name, g.cells) for g in workbook.grids]


def _emotions(journey: JourneyMap) -> list[tuple[int, int, float, str]]:
    """Every emotion point by stage and lane position, with its score and label: a score or label typed over the
    exported one (the fingerprint leaves them out, and the hidden map's were read as if nobody had)."""
    stage = {s.id: i for i, s in enumerate(journey.stages)}
    lane = {x.id: i for i, x in enumerate(journey.lanes)}
    return sorted((stage.get(p.stage_id, -1), lane.get(p.lane_id, -1), round(p.value, 6), " ".join((p.label or "")
                   .split())) for p in journey.emotions)


def _marks(journey: JourneyMap) -> list[tuple[int, int, str, int, str]]:
    """Every card's channel, votes and evidence by stage and lane position: the sheet shows them as markers
    ('[Website] ', ' (+3)', ' [observed]') that a person may retype."""
    stage = {s.id: i for i, s in enumerate(journey.stages)}
    lane = {x.id: i for i, x in enumerate(journey.lanes)}
    return sorted((stage.get(c.stage_id, -1), lane.get(c.lane_id, -1), str(c.channel or ""), c.votes,
                   str(c.evidence.status) if c.evidence else "") for c in journey.cards)


def _about(journey: JourneyMap) -> tuple:
    """The title, description, phase names and the personas' words, as the sheets show them."""
    def norm(text: str) -> str:
        return " ".join(text.split())

    personas = [(norm(p.name), norm(p.role), norm(p.quote), *([norm(t) for t in items] for items in (
        p.goals, p.needs, p.expectations, p.frustrations))) for p in journey.personas]
    return (norm(journey.metadata.title), norm(journey.metadata.description), [norm(p.name) for p in journey.phases],
            personas)


def _words(journey: JourneyMap) -> list[str]:
    """Every word of every card, sorted: the same however a cell's text was split into cards."""
    return sorted(w for c in journey.cards for w in c.text.split() if w.strip("•-*|"))
