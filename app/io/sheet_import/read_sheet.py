"""From sheets (grids) to a map: pick the most journey-map-like sheet and table, apply the user's
overrides, build the map and the import report. Shared by the .xlsx and .csv readers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.io.errors import JourneyFileError
from app.io.formats import ImportResult
from app.io.journey.file import describe_validation_error
from app.io.sheet_import.build import build_journey
from app.io.sheet_import.build_persona import merge_personas, read_persona_columns, read_persona_sheet
from app.io.sheet_import.detect import ORIENTATIONS, Detection, detect_grid, looks_like_map
from app.io.sheet_import.detect_axes import typed_key
from app.io.sheet_import.detect_cell_text import is_placeholder
from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.detect_result import DESCRIPTION_KEYS, PERSONA_KEYS, TITLE_KEYS
from app.io.sheet_import.grid import Grid, Pos, as_text, cell_name, cell_position
from app.io.sheet_import.read_cover import apply_cover, cover_lines
from app.io.sheet_import.report import left_out
from app.model.journey import JourneyMap

OVERRIDES = frozenset({"header_row", "label_column", "orientation", "lane_kinds", "map_at"})

MAX_MAP_CELLS = 150_000
"""Filled cells a sheet may hold to be read for a map. A large map (22,400 cards, or one row per card in a long
table) holds about a hundred thousand; a sheet beyond this is data (survey answers, a log), and reading it as a
map would take tens of seconds and gigabytes, so it is left out and the report says so."""


def _small_enough(grids: list[Grid]) -> list[Grid]:
    return [g for g in grids if len(g.cells) <= MAX_MAP_CELLS]


def map_sized(path: Path, grids: list[Grid]) -> tuple[list[Grid], list[str]]:
    """The sheets small enough to be read as maps, and a note for each one left out; JourneyFileError when that
    leaves none."""
    kept = _small_enough(grids)
    notes = [left_out(f"sheet {g.name!r} holds {len(g.cells):,} filled cells, more than the {MAX_MAP_CELLS:,} a "
                      "journey map sheet can have: not read (data, not a map)") for g in grids if g not in kept]
    if grids and not kept:
        largest = max(grids, key=lambda g: len(g.cells))
        which = f"sheet {largest.name!r} holds" if len(grids) > 1 or path.suffix.lower() != ".csv" else "holds"
        raise JourneyFileError(path, f"{which} {len(largest.cells):,} filled cells, more than the {MAX_MAP_CELLS:,} a "
                                     "journey map sheet can have; copy the journey map into a new workbook and import "
                                     "that")
    return kept, notes


def detect_in_grids(path: Path, grids: list[Grid], sheet: str | None = None, **overrides: Any) -> Detection:
    """The detection the import would use (for the preview dialog); JourneyFileError if there is none."""
    unknown = set(overrides) - OVERRIDES
    if unknown:
        raise TypeError(f"unknown import option(s): {', '.join(sorted(unknown))}")
    orientation = overrides.get("orientation")
    if orientation is not None and orientation not in ORIENTATIONS:
        raise JourneyFileError(path, f"orientation must be one of {', '.join(ORIENTATIONS)}, not {orientation!r}")
    if sheet is not None:
        chosen = [g for g in grids if g.name == sheet]
        if not chosen:
            names = ", ".join(repr(g.name) for g in grids) or "none"
            raise JourneyFileError(path, f"has no sheet named {sheet!r}; its sheets are: {names}")
        grids = chosen
    grids, too_large = map_sized(path, grids)
    found: list[tuple[Detection, Grid]] = []
    for grid in grids:
        detection = detect_grid(grid, **{k: v for k, v in overrides.items() if v is not None})
        if detection is not None:
            found.append((detection, grid))
    forced = any(overrides.get(k) is not None for k in ("header_row", "label_column", "orientation"))
    good = [(d, g) for d, g in found if looks_like_map(d) or (forced and d.stages)]
    if len(good) > 1:  # a workbook's persona sheet can look like a small map (personas as stages, fields as lanes)
        good = [(d, g) for d, g in good if not _persona_sheet(g)] or good
    if not good:
        raise JourneyFileError(path, "does not look like a journey map: " + _why_not(grids, found))
    good.sort(key=lambda pair: -pair[0].score)
    best, grid = good[0]
    wanted = overrides.get("map_at")
    if wanted and not _holds(best, wanted):
        maps = ", ".join(cell_name(d.block.r1, d.block.c1) for d in [best] + best.other_maps)
        raise JourneyFileError(path, f"has no map at {wanted} on sheet {grid.name!r}; its maps start at {maps}")
    if len(grids) > 1:
        others = [g.name for g in grids if g is not grid]
        stages = sorted(fold(stage.name) for stage in best.stages)
        best.sibling_sheets = [g.name for d, g in good[1:] if sorted(fold(s.name) for s in d.stages) == stages]
        siblings = (f"; {', '.join(repr(n) for n in best.sibling_sheets)} "
                    f"{'holds a map' if len(best.sibling_sheets) == 1 else 'hold maps'} with the same stages: "
                    "--all-maps reads every sheet's map as one map, a persona each" if best.sibling_sheets else "")
        best.notes.insert(0, f"read sheet {grid.name!r} (the most journey-map-like); other sheets: "
                             f"{', '.join(repr(n) for n in others)} (choose one with --sheet{siblings})")
    best.notes.extend(too_large)
    block = best.block
    best.notes.insert(1 if len(grids) > 1 else 0,
                      f"map found at {grid.name}!{cell_name(block.r1, block.c1)}:{cell_name(block.r2, block.c2)}, "
                      f"{best.orientation}: {len(best.stages)} stages, {len(best.lanes)} lanes")
    for other in best.other_maps:
        title = f"{other.title!r}, " if other.title else ""
        where = f"{grid.name}!{cell_name(other.block.r1, other.block.c1)}:{cell_name(other.block.r2, other.block.c2)}"
        same = sorted(fold(s.name) for s in other.stages) == sorted(fold(s.name) for s in best.stages)
        personas = " (its stages are this map's: --all-maps reads both as one map, a persona each)" if same else ""
        best.notes.append(left_out(
            f"another map on this sheet at {where} ({title}{len(other.stages)} stages, {len(other.lanes)} lanes) "
            f"not imported: choose it in the import dialog or with --map {cell_name(other.block.r1, other.block.c1)}"
            f"{personas}"))
    return best


def _persona_sheet(grid: Grid) -> bool:
    """Whether a sheet is a persona's or the personas' side by side (as the Excel export writes them): most of
    its cells read as persona fields. Beside a map sheet it is read as the personas, never chosen as the map
    (an exported map of one stage re-imported after an edit came back as 'Personas', its personas as stages)."""
    personas, used = read_persona_columns(grid)
    if not personas:
        persona, used = read_persona_sheet(grid)
        if persona is None:
            return False
    return len(used) * 2 >= len(grid.cells)


def _holds(detection: Detection, cell: str) -> bool:
    try:
        r, c = cell_position(cell)
    except ValueError:
        return False
    block = detection.block
    return block.r1 - len(block.title_rows) <= r <= block.r2 and block.c1 <= c <= block.c2


def _why_not(grids: list[Grid], found: list[tuple[Detection, Grid]]) -> str:
    if not any(g.cells for g in grids):
        damaged = sum(len(g.damaged) for g in grids)
        return (f"no cell can be read, {damaged:,} hold a damaged value (open the file in Excel or LibreOffice and "
                "save it again)" if damaged else "every sheet is empty")
    if not found:
        return "no table with stage names and lanes under them was found"
    best, grid = max(found, key=lambda pair: pair[0].score)
    return (f"the closest table ({grid.name}!{cell_name(best.block.r1, best.block.c1)}) has no stage row with "
            "labelled lanes of text; put stage names in a row and lane labels in the first column")


def import_grids(path: Path, grids: list[Grid], sheet: str | None = None, notes: list[str] | None = None,
                 **overrides: Any) -> ImportResult:
    if overrides.pop("all_maps", None):
        if overrides.get("map_at"):
            raise JourneyFileError(path, "choose one map (--map) or all of them as personas (--all-maps), not both")
        return import_all_maps(path, grids, sheet, notes, **overrides)
    try:
        detection = detect_in_grids(path, grids, sheet, **overrides)
    except JourneyFileError:
        chosen = grids if sheet is None else [g for g in grids if g.name == sheet]
        persona_map = _persona_only(_small_enough(chosen), path)
        if persona_map is None:
            raise
        return persona_map
    return import_detection(path, grids, detection, notes, keep_cards=False)


def import_detection(path: Path, grids: list[Grid], detection: Detection, notes: list[str] | None = None, *,
                     keep_cards: bool = True) -> ImportResult:
    """The map and report from a detection (which gains the cells read above the map as `used`; without
    `keep_cards`, its cards are let go as the map is built: see `build_journey`)."""
    grid = detection.grid
    assert grid is not None
    persona, persona_cells = read_persona_sheet(grid) if len(detection.used) * 2 < len(grid.cells) else (None, set())
    if persona is not None and len(persona_cells) > len(detection.used):
        only = _persona_only([grid], path)
        if only is not None:
            return only
    _read_above(grid, detection)
    others = [g for g in _small_enough(grids) if g is not grid and g.cells]  # those left out are reported
    listed = {id(other): read_persona_columns(other)[0] for other in others}
    known = [p.name for found in listed.values() for p in found]
    try:
        journey, report = build_journey(detection, grid, fallback_title=sheet_title(grid.name), known_personas=known,
                                        keep_cards=keep_cards)
    except ValidationError as exc:  # a safety net: the detector should never produce an invalid map
        problem = describe_validation_error(exc)
        raise JourneyFileError(path, f"could not be turned into a valid map ({problem})") from exc
    lines = (notes or []) + report
    # a cover sheet's first line names a map without a title of its own (nor a sheet name that means something)
    titled = bool(detection.title or sheet_title(grid.name))
    place = {id(g): n for n, g in enumerate(grids)}
    for other in others:
        several = listed.get(id(other))
        if several:
            journey.personas = merge_personas(journey.personas, several)
            lines.append(f"personas {', '.join(repr(p.name) for p in several)} read from sheet {other.name!r}")
            continue
        persona, _used = read_persona_sheet(other)
        if persona is not None and journey.persona is None:
            journey.persona = persona
            lines.append(f"persona {persona.name!r} read from sheet {other.name!r}")
            continue
        if persona is not None:
            lines.append(f"sheet {other.name!r} not read (a persona; the map's sheet has one already)")
            continue
        plotted = any(series.sheet == other.name for chart in grid.charts for series in chart.series)
        before = place.get(id(other), 1 << 30) < place.get(id(grid), -1)  # a cover comes first
        if not plotted and before and (cover := cover_lines(other, _INSTRUCTIONS)) and apply_cover(
                journey, other, cover, titled, lines):
            titled = True
            lines = [line for line in lines if not str(line).startswith("no title cell above the map")]
            continue
        if not plotted and before and cover:
            continue
        lines.append(f"sheet {other.name!r} read only for the chart that plots its cells" if plotted else
                     f"sheet {other.name!r} not read ({len(other.cells)} non-empty cells)")
    return ImportResult(journey, _dedupe(lines))


def import_every_map(path: Path, grids: list[Grid], sheet: str | None = None, notes: list[str] | None = None
                     ) -> list[ImportResult]:
    """Every map on the chosen (or best) sheet, each imported on its own, in sheet order
    (`import_all_maps` combines them into one map with a persona each)."""
    best = detect_in_grids(path, grids, sheet)
    assert best.grid is not None
    maps = sorted([best, *best.other_maps], key=lambda d: (d.block.r1, d.block.c1))
    cells = [cell_name(d.block.r1, d.block.c1) for d in maps]
    return [import_grids(path, grids, best.grid.name, list(notes or []), map_at=cell) for cell in cells]


def import_all_maps(path: Path, grids: list[Grid], sheet: str | None = None, notes: list[str] | None = None,
                    **overrides: Any) -> ImportResult:
    """Every map on the chosen (or best) sheet as one map with one persona per map (see `merge_maps`)."""
    from app.io.sheet_import.merge_maps import merge_as_personas

    best = detect_in_grids(path, grids, sheet, **overrides)
    grid = best.grid
    assert grid is not None
    if not best.other_maps and best.sibling_sheets and sheet is None:
        return _all_sheets(path, grids, best, notes, overrides)
    maps = sorted([best, *best.other_maps], key=lambda d: (d.block.r1, d.block.c1))
    results = []
    for found in maps:
        where = f"{cell_name(found.block.r1, found.block.c1)}:{cell_name(found.block.r2, found.block.c2)}"
        cell = cell_name(found.block.r1, found.block.c1)
        chosen = {**overrides, "map_at": cell}
        if found is not best:  # lane kinds, the header row and the label column are chosen on the map shown
            for key in ("lane_kinds", "header_row", "label_column"):
                chosen.pop(key, None)
        results.append((where, import_grids(path, grids, grid.name, None, **chosen)))
    merged = merge_as_personas(path, results, sheet_title(grid.name))
    merged.report[:0] = list(notes or [])
    return merged


def _all_sheets(path: Path, grids: list[Grid], best: Detection, notes: list[str] | None,
                overrides: dict[str, Any]) -> ImportResult:
    """One map per sheet (the workbook's sheets each hold a persona's map of the same stages), merged as personas
    named after their sheets' titles (or the sheets)."""
    from app.io.sheet_import.merge_maps import merge_as_personas

    assert best.grid is not None
    names = [best.grid.name, *best.sibling_sheets]
    order = {grid.name: index for index, grid in enumerate(grids)}
    results = []
    for name in sorted(names, key=order.__getitem__):
        chosen = dict(overrides) if name == best.grid.name else {k: v for k, v in overrides.items() if k not in (
            "lane_kinds", "header_row", "label_column", "map_at")}  # chosen on the map shown
        result = import_grids(path, grids, name, None, **chosen)
        results.append((f"sheet {name!r}", result))
    merged = merge_as_personas(path, results, "", place="on the sheets " + ", ".join(repr(n) for n in names))
    read = tuple(f"sheet {name!r} not read" for name in names)  # each map's import named the others as left out

    def still_true(line: str) -> bool:
        said = str(line).split(": ", 1)[-1]  # without its "map at sheet 'Anna': "
        return "the most journey-map-like" not in said and not said.startswith(read)

    merged.report[:] = [*(notes or []), *filter(still_true, merged.report)]
    return merged


_INSTRUCTIONS = ("instruction", "note", "how to", "please", "copy", "fill", "use this", "template", "tip", "hint",
                 "instruc", "consigne", "anleitung", "hinweis", "istruzion", "инструкц", "заполн")


def _own_area(detection: Detection) -> tuple[int, int, int]:
    """With other maps on the sheet, the lines above this map that are its own: below any map above it, and in its
    columns when a map stands beside it (another map's title is not this one's). (floor row, first, last column)."""
    block, floor, first, last = detection.block, -1, 0, 1 << 30
    for other in detection.other_maps:
        them = other.block
        if them is block or them.c2 < block.c1 or them.c1 > block.c2:
            if them is not block and them.r1 - len(them.title_rows) <= block.r2 and them.r2 >= block.r1:
                first, last = block.c1, block.c2  # side by side
            continue
        if them.r2 < block.r1:
            floor = max(floor, them.r2)  # stacked: the map above and everything over it belong to it
    return floor, first, last


def _read_above(grid: Grid, detection: Detection) -> None:
    """A title line, a description line and a persona written as key/value lines above the map. A title found
    there outranks the text in the table's corner, which then opens the description (its words are kept)."""
    corner = detection.title if detection.title_cell is not None else None
    if corner is not None:
        detection.title = None
    try:
        _read_lines_above(grid, detection)
    finally:
        if corner is not None and detection.title is None:
            detection.title = corner
        elif corner is not None:
            detection.title_cell = None
            detection.description = f"{corner}\n{detection.description}".strip()


def _read_lines_above(grid: Grid, detection: Detection) -> None:
    top = detection.block.r1
    floor, first, last = _own_area(detection)
    above = {p: v for p, v in grid.cells.items() if floor < p[0] < top and first <= p[1] <= last
             and p not in detection.used and p[0] not in grid.hidden_rows}
    if not above:
        return
    if detection.persona_block is None and not detection.persona:
        persona, used = read_persona_sheet(Grid(grid.name, above))
        if persona is not None:
            detection.persona_block = persona
            detection.used.update(used)
            for pos in used:
                above.pop(pos, None)
    rows: dict[int, list] = {}
    for pos in above:
        rows.setdefault(pos[0], []).append(pos)
    persona_lines: dict[str, list[tuple[str, list]]] = {}  # field -> (value, cells): "Persona | Maria", "Goal | ..."
    for key, value, cells in _key_lines(above, rows):
        if key in TITLE_KEYS and detection.title is None:
            detection.title = value[:500]
        elif key in DESCRIPTION_KEYS and not detection.description:
            detection.description = value
        elif key in PERSONA_KEYS and detection.persona_block is None and not detection.persona:
            persona_lines.setdefault(PERSONA_KEYS[key], []).append((value, cells))
            continue
        else:
            continue
        detection.used.update(cells)
    if "name" in persona_lines:  # the persona's name, then its goals, needs...; a "Goal" alone is the map's own
        persona_lines["name"] = persona_lines["name"][:1]
        for field_name, lines in persona_lines.items():
            detection.persona[field_name] = [value for value, _ in lines]
            for _, cells in lines:
                detection.used.update(cells)
    if detection.title is not None:
        return
    # a line of one value, or one value far left of the rest ('Journey: Insurance ... Last updated: | 1 March')
    singles = [cells[0] for r, cells in sorted(rows.items())
               if (len(cells) == 1 or cells[1][1] - cells[0][1] > 2) and cells[0] not in detection.used
               and isinstance(above[cells[0]], str) and not fold(above[cells[0]]).startswith(_INSTRUCTIONS)
               and not is_placeholder(above[cells[0]])]  # '[LOGO]', '[Insert title]': a template's, not a title
    if singles and len(above[singles[0]]) <= 120:
        detection.title = above[singles[0]]
        detection.used.add(singles[0])
        if not detection.description:  # the lines right under it (a date, a version): the description
            lines = []
            for previous, pos in zip(singles, singles[1:], strict=False):
                if pos[0] - previous[0] > 2:
                    break
                lines.append(as_text(above[pos]))
                detection.used.add(pos)
            detection.description = "\n".join(lines)


def _key_lines(above: dict[Pos, Any], rows: dict[int, list[Pos]]) -> list[tuple[str, str, list[Pos]]]:
    """(folded key, value, cells) of the key/value lines above a map: "Title: | Buying a bike", "Persona | Maria"
    in two cells side by side, or "Persona: Maria" typed in one cell, alone on its line or beside others (a title
    at the left, 'Persona: Anna' and 'Goal: ...' far right on the same line)."""
    lines = []
    for _r, cells in sorted(rows.items()):
        cells.sort()
        first = as_text(above[cells[0]])
        if len(cells) == 2 and cells[1][1] - cells[0][1] <= 2 and typed_key(first) is None:
            lines.append((fold(first), as_text(above[cells[1]]), cells))
            continue
        for pos in cells:
            if (typed := typed_key(as_text(above[pos]))) is not None:
                lines.append((*typed, [pos]))
    return lines


_GENERIC_SHEET = re.compile(r"^(sheet|лист|tabelle|tabel|feuil|feuille|hoja|foglio|planilha|plan|blad|arkusz|ark|"
                            r"munkalap|taul|folha|list|シート|工作表|시트|data|daten|datos|dados|table|tabla|tab)"
                            r"\s*\d*$")


def sheet_title(name: str) -> str:
    """A sheet's name as the map's title when it means something ('Onboarding journey'); '' for 'Sheet1',
    'Лист1', 'Hoja 1' and their like (the file name is never the title: it is often a code)."""
    name = " ".join(name.split())
    return "" if not name or _GENERIC_SHEET.match(fold(name)) else name


def _persona_only(grids: list[Grid], path: Path) -> ImportResult | None:
    for grid in grids:
        persona, used = read_persona_sheet(grid)
        if persona is None:
            continue
        journey = JourneyMap(personas=[persona])
        journey.metadata.title = persona.name or path.stem
        report = [f"sheet {grid.name!r} holds a persona, not a journey: read the persona only (no stages)"]
        for pos in sorted(grid.cells):
            if pos not in used:
                text = as_text(grid.cells[pos])[:60]
                report.append(f"{grid.name}!{cell_name(*pos)}: {text!r} not part of the persona")
        return ImportResult(journey, report)
    return None


def _dedupe(lines: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for line in lines:
        if line not in seen:
            seen.add(line)
            out.append(line)
    return out
