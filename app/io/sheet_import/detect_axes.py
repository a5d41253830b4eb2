"""A map's axes on a grid: the columns holding its lane labels (and lane groups, and colours), the header
row naming its stages, the stages themselves, the phase band above them and a title in the corner.

`detect.py` reads a block with these (`_read_head`); the lanes and their cards come from `detect_lanes.py`.
"""

from __future__ import annotations

import re

from app.io.sheet_import.detect_cell_text import (
    COLOUR,
    VERSION,
    clean_stage_name,
    is_placeholder,
    mostly_text,
    stage_key,
)
from app.io.sheet_import.detect_dividers import is_divider_row
from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.detect_header_rows import is_icon, same_names_under_each
from app.io.sheet_import.detect_kind_column import is_kind_column, is_names_column
from app.io.sheet_import.detect_lane_kinds import fold, guess_lane_kind, is_stage_label
from app.io.sheet_import.detect_lane_meaning import metadata_key
from app.io.sheet_import.detect_persona_column import is_persona_heading
from app.io.sheet_import.detect_result import DESCRIPTION_KEYS, PERSONA_KEYS, TITLE_KEYS, DetectedStage, Detection
from app.io.sheet_import.detect_summary import peel_summary_columns
from app.io.sheet_import.grid import Pos, Value, as_text, cell_name
from app.io.sheet_import.grid_view import GridView, line_label
from app.model.enums import LaneKind


def corner_title(view: GridView, header: int | None, label_col: int | None, group_col: int | None,
                  detection: Detection) -> None:
    """A title in the corner where the stage header row meets the lane labels (the Excel export's place for it),
    when no title line sits above the table; a "Stage"-like corner is the header's label, not a title."""
    if detection.title is not None or header is None or label_col is None or view.transposed:
        return
    text = line_label(view, header, label_col, group_col) or (view.text(header, group_col) if group_col else "")
    typed = typed_key(text)
    if typed is not None and typed[0] in PERSONA_KEYS and PERSONA_KEYS[typed[0]] == "name":
        detection.persona.setdefault("name", []).append(typed[1])  # "Persona: Anna (32)": whose map, not its title
        detection.used.add(view.orig((header, label_col)))
        return
    # a heading of the axes says only that ('Journey stage', 'Customer journey', 'Stage / Activity'); "Buyer's journey",
    # 'Customer journey of Anna, buying a car' or 'Journey map: Onboarding' names the map
    short = all(word in _HEADING_FILLERS or is_stage_label(word) or guess_lane_kind(word) != LaneKind.TEXT
                for word in re.findall(r"[^\W_]+", fold(text))) and (
        typed is None or typed[0] not in TITLE_KEYS)
    heading = ((short and is_stage_label(text)) or _names_the_lanes(text) or _is_time_axis(text)
               or detection.name_column is not None)
    if text and len(text) <= 300 and not heading:
        detection.title = text
        detection.title_cell = view.orig((header, label_col))
        detection.used.add(detection.title_cell)


# words a heading of the stages (and lanes) holds besides theirs: 'Customer journey', 'Stages and tasks'
_HEADING_FILLERS = frozenset(("customer", "customers", "user", "users", "client", "clients", "the", "of", "and", "or",
                              "no", "nr", "name", "names", "kunde", "kunden", "cliente", "usuario", "du", "de", "des",
                              "del", "da", "do", "und", "et", "y", "e", "и", "или", "клиента", "vs"))


def typed_key(text: str) -> tuple[str, str] | None:
    """A line typed as "Key: value" in one cell whose key names a title, description or persona field
    ('Persona: Anna', 'Scenario: moving house'): (the folded key, the value); None for other text."""
    key, colon, value = text.partition(":")
    key, value = fold(key), value.strip()
    if not colon or not value or "\n" in key or not (key in PERSONA_KEYS or key in TITLE_KEYS
                                                        or key in DESCRIPTION_KEYS):
        return None
    return key, value


_TIME_HEADINGS = frozenset((
    "time", "timeline", "time line", "date", "dates", "day", "days", "week", "weeks", "week no", "week nr", "month",
    "months", "quarter", "quarters", "year", "years", "period", "periods", "hour", "hours", "when", "moment", "moments",
    "tiempo", "fecha", "dia", "semana", "mes", "trimestre", "ano", "periodo", "momento", "tempo", "data", "mese",
    "giorno", "settimana", "zeit", "datum", "tag", "woche", "monat", "quartal", "jahr", "zeitraum", "temps", "jour",
    "semaine", "mois", "annee", "periode", "tijd", "dag", "maand", "jaar", "время", "дата", "день", "неделя", "месяц",
    "период",
))


def _is_time_axis(text: str) -> bool:
    """Whether a corner names a time axis ('Week', 'Date', 'Timeline'): the stages' heading, not a title."""
    return fold(text).strip(" :#") in _TIME_HEADINGS


_LANE_HEADINGS = frozenset((
    "lane", "lanes", "swimlane", "swimlanes", "layer", "layers", "row", "rows", "category", "categories", "aspect",
    "aspects", "dimension", "dimensions", "area", "areas", "stage", "stages", "phase", "phases", "step", "steps",
    "carril", "carriles", "faixa", "faixas", "ligne", "lignes", "couloir", "couloirs", "ebene", "ebenen", "zeile",
    "zeilen", "riga", "righe", "fila", "filas", "linha", "linhas", "laag", "lagen", "baan", "banen",
))


def _names_the_lanes(text: str) -> bool:
    """A corner cell heading the label column ('Lanes', 'Lane / Stage', 'Layers'), not the map's title."""
    words = [w for w in re.split(r"[^\w]+", fold(text)) if w]
    return bool(words) and len(words) <= 4 and all(w in _LANE_HEADINGS for w in words)


def label_columns(view: GridView, forced: int | None, start: int = 0) -> tuple[int | None, int | None]:
    """The lane-group column (or None) and the lane label column, guessed from the block's columns from the
    `start`-th on."""
    cols = view.cols[start:]
    if forced is not None:
        return None, forced
    first = cols[0]
    if len(cols) < 3:
        return None, first
    second = cols[1]
    merged_down = any(top[1] == first and pos[0] != top[0] for pos, top in view.owner.items())
    rows = [r for r in view.rows if not is_divider_row(view, r)]  # blueprint lines fill only the first column
    filled_first = sum((r, first) in view.cells for r in rows)
    filled_second = sum((r, second) in view.cells for r in rows)
    sparse_group = (
        filled_first <= 0.6 * len(rows)
        and filled_second >= 0.8 * len(rows)
        and len(rows) >= 4
        and all(parse_number(view.cells[(r, first)]) is None for r in rows if (r, first) in view.cells)
        and second - first == 1
    )
    # "| Stage | Awareness ..." over "Customer | Actions | ...": the stage label sits in the second column
    heading = view.text(rows[0], second) if rows else ""
    corner = bool(rows) and not view.text(rows[0], first) and is_stage_label(heading) and (
        not heading.rstrip(" .:)").endswith(tuple("0123456789"))  # 'Stage 1' is a stage, 'Stage' the heading
        and second - first == 1 and filled_second >= 0.8 * len(rows))
    # "Persona | | Awareness ..." over "Anna | Actions | ...": the personas' names, then the lane labels
    personas = bool(rows) and not view.transposed and is_persona_heading(view.text(rows[0], first)) and (
        second - first == 1 and filled_second >= 0.8 * len(rows) - 1 and _repeated_names(view, rows[1:], first))
    # a group column beside the labels, counted over the rows that hold either (a phase band and the stage
    # header above them hold neither): every group name sits beside a label, and some labels have none
    labelled = [r for r in rows if (r, first) in view.cells or (r, second) in view.cells]
    grouped = [r for r in labelled if (r, first) in view.cells]
    nested_group = (  # ...and a label without a group name under a group's first lane: more lanes of the group
        second - first == 1 and len(grouped) >= 2 and filled_first < filled_second
        and filled_second >= 0.8 * len(labelled)
        and all((r, second) in view.cells for r in grouped)
        and any((r, first) not in view.cells for r in labelled if grouped[0] < r < grouped[-1])
        and all(parse_number(view.cells[(r, first)]) is None for r in grouped)
    )
    if merged_down or sparse_group or corner or personas or nested_group:
        return first, second
    if second - first == 1 and _icons_beside_labels(view, labelled, first, second):
        return None, second  # "📱 | Touchpoints | ...": the icons are the labels' pictures; the labels are beside
    if second - first == 1 and _numbering(view, rows, first) and filled_second >= 0.8 * len(rows):
        return None, second  # "# | Lane | Awareness ...": the lanes are numbered, their labels are beside
    return None, first


def _icons_beside_labels(view: GridView, rows: list[int], first: int, second: int) -> bool:
    """A first column of pictures only (emoji, symbols: no letter or digit) beside a column of words."""
    icons = [view.text(r, first) for r in rows if (r, first) in view.cells]
    words = [view.text(r, second) for r in rows if (r, first) in view.cells]
    return (len(icons) >= 2 and all(is_icon(icon) for icon in icons)
            and all(any(ch.isalpha() for ch in word) for word in words))


def _repeated_names(view: GridView, rows: list[int], col: int) -> bool:
    """A column of a few names, each over several rows (typed on each, or once on the first): personas' names,
    not lane labels (each its own)."""
    values = [view.text(r, col) for r in rows if (r, col) in view.cells]
    names = set(values)
    return 2 <= len(names) <= 12 and (len(values) < len(rows) or all(values.count(n) >= 2 for n in names))


def _numbering(view: GridView, rows: list[int], col: int) -> bool:
    """A column that numbers the rows (1, 2, 3, ... maybe under a '#' or 'No.' heading), not labels."""
    values = [view.cells[(r, col)] for r in rows if (r, col) in view.cells]
    numbers = [parse_number(v) for v in values]
    run = [n for n in numbers if n is not None]
    if len(run) < 2 or len(values) - len(run) > 1 or numbers[-1] is None:
        return False
    return all(n == int(n) for n in run) and all(b - a == 1 for a, b in zip(run, run[1:], strict=False))


def colour_column(view: GridView, label_col: int | None) -> int | None:
    if label_col is None:
        return None
    following = [c for c in view.cols if c > label_col]
    if not following:
        return None
    col = following[0]
    values = [view.text(r, col) for r in view.rows if (r, col) in view.cells]
    if values and all(COLOUR.match(v.strip()) for v in values):
        return col
    return None


def _key(text: str) -> str:
    return fold(text)


def find_header(
    view: GridView,
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
        label = line_label(view, r, label_col, group_col)
        values = view.row_values(r, data_start)
        if header is None and label and is_stage_label(label) and values and mostly_text(values):
            following = next((n for n in view.rows if n > r), None)
            # 'Phase' merged over 'Step': the steps are the stages, the merged band their phases
            banded = following is not None and _is_band(view, r, values, following, data_start)
            header = following if banded and is_stage_label(line_label(view, following, label_col, group_col)) else r
    # title and persona lines: keyed lines before the map proper
    lane_seen = False
    data_cols = max(1, len([c for c in view.cols if c > data_start]))
    for r in view.rows:
        if r == header:
            lane_seen = True
            continue
        label = line_label(view, r, label_col, group_col)
        key = _key(label)
        values = view.row_values(r, data_start if label_col is not None else view.cols[0])
        count = len(values)  # the texts of a lane row are never needed here: only those of the few keyed lines
        if label_col is not None and (key in TITLE_KEYS or VERSION.match(label)) and count <= 3:
            text = next((t for t in (as_text(v) for _, v in values) if not COLOUR.match(t)), "")
            if text and detection.title is None:
                detection.title = text
            consumed.add(r)
            detection.used.update(view.orig(p) for p in [(r, label_col)] + [(r, c) for c, _ in values])
            continue
        last = r == view.rows[-1] and count == 1  # the Excel export's "Description" row under the grid
        if label_col is not None and key in DESCRIPTION_KEYS and count <= 2 and (not lane_seen or last):
            detection.description = (detection.description + "\n" + " ".join(as_text(v) for _, v in values)).strip()
            consumed.add(r)
            detection.used.update(view.orig(p) for p in [(r, label_col)] + [(r, c) for c, _ in values])
            continue
        if label_col is not None and key in PERSONA_KEYS and not lane_seen and count and count < 0.6 * data_cols:
            detection.persona.setdefault(PERSONA_KEYS[key], []).extend(as_text(v) for _, v in values)
            consumed.add(r)
            detection.used.update(view.orig(p) for p in [(r, label_col)] + [(r, c) for c, _ in values])
            continue
        lane_seen = True
    if header is not None:
        return header
    skipped = 0
    for r in view.rows:
        if r in consumed:
            continue
        values = view.row_values(r, data_start)
        label = line_label(view, r, label_col, group_col)
        if values and skipped < 2 and all(parse_number(v) is not None for _, v in values) and (
                guess_lane_kind(label) == LaneKind.EMOTIONS):
            skipped += 1  # the curve's scores over the stage names ('Emotional journey | 1 | 0 | -2'): a lane
            continue
        if not values or not mostly_text(values):
            return None
        lengths = [len(as_text(v)) for _, v in values]
        if guess_lane_kind(label) != LaneKind.TEXT and sum(lengths) / len(lengths) > 40:
            return None
        following = next((n for n in view.rows if n > r and n not in consumed), None)
        if (not label and following is not None and _is_band(view, r, values, following, data_start)
                and (not line_label(view, following, label_col, group_col) or _filled(view, following, data_start))
                and not repeats_under_band(view, r, following, data_start)):
            return following  # r is a band of merged phase names over the stage names
        if not label and following is not None and _unmerged_band(view, r, values, following, data_start) and (
                guess_lane_kind(line_label(view, following, label_col, group_col)) == LaneKind.TEXT) and (
                not repeats_under_band(view, r, following, data_start)):
            return following  # the same band saved as CSV (no merges): names over some of the stage names
        return r
    return None


def _unmerged_band(view: GridView, r: int, values: list[tuple[int, Value]], following: int, data_start: int) -> bool:
    """Phase names over the stage names without merges (a CSV of a map with phases): fewer names than the row below,
    each over one of its names, at least one with an empty cell after it that the row below fills, and the row
    below all short names (stage names, not a lane's cards)."""
    below = dict(view.row_values(following, data_start))
    columns = [c for c, _ in values]
    if not columns or len(below) <= len(columns) or not set(columns) <= set(below):
        return False
    if not any(c + 1 in below and (r, c + 1) not in view.cells for c in columns):
        return False
    return all(len(text := as_text(v)) <= 60 and "\n" not in text for v in below.values())


def _filled(view: GridView, r: int, data_start: int) -> bool:
    """Whether most values of a row are on filled cells: a header under a band, even with a title in its corner
    (the Excel export puts the map's title there), rather than a lane. Most, not all: a stage typed into the
    empty cell beside the exported ones has no fill (it turned the title into a stage and the lanes nameless)."""
    values = view.row_values(r, data_start)
    fills = view.grid.fills
    return bool(values) and sum(view.orig((r, c)) in fills for c, _ in values) * 2 > len(values)


def repeats_under_band(view: GridView, r: int, following: int, data_start: int) -> bool:
    """Whether the names under a merged band repeat the same way under each of its cells ('Online | Offline' under
    every stage): sub-columns of the band's stages, not stages of its phases."""
    groups: dict[Pos, list[str]] = {}
    for c, value in view.row_values(following, data_start):
        top = view.owner.get((r, c), (r, c))
        groups.setdefault(top, []).append(fold(as_text(value)))
    return same_names_under_each(groups.values())


def _is_band(view: GridView, r: int, values: list[tuple[int, Value]], following: int, data_start: int) -> bool:
    """A row of names merged across several columns, over a row with a name in more columns."""
    merged_across = any(top[0] == r and pos[1] != top[1] for pos, top in view.owner.items() if pos[0] == r)
    below = view.row_values(following, data_start)
    if not merged_across and typed_in_runs(values):  # 'Discover, Discover, Buy': a phase typed on each step's line
        return len({as_text(v) for _, v in below}) > len({as_text(v) for _, v in values}) and mostly_text(below)
    return merged_across and len(below) > len(values) and mostly_text(below)


def typed_in_runs(values: list[tuple[int, Value]]) -> bool:
    """Whether some names of a row are typed again in the next cells (each name's cells together): a band of
    phases written out on every column rather than merged."""
    texts = [" ".join(as_text(v).split()) for _, v in values]
    if _in_runs(texts):
        return True
    # the same phases over each persona's steps ('Before, Before, During' once per persona): one cycle in runs
    return any(len(texts) % period == 0 and texts == texts[:period] * (len(texts) // period) and _in_runs(
        texts[:period]) for period in range(2, len(texts) // 2 + 1))


def _in_runs(texts: list[str]) -> bool:
    runs = sum(1 for n, text in enumerate(texts) if n == 0 or texts[n - 1] != text)
    return runs < len(texts) and runs == len(set(texts))


def read_stages(view: GridView, header: int | None, data_start: int, detection: Detection, *, summaries: bool = True
                ) -> list[DetectedStage]:
    """The stages named in the header row; with `summaries`, not the summary columns at its ends ('Average',
    'Notes': see `detect_summary`), which a header row and label column the user chose keep as stages."""
    stages: list[DetectedStage] = []
    by_name: dict[object, int] = {}
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
    described = _described_headers(view, header, data_start)
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
        first, _, rest = raw.strip().partition("\n")
        name = clean_stage_name(first if described and rest.strip() else raw)
        detection.used.add(original)
        if not name or is_placeholder(name):
            detection.reasons[original] = "a placeholder where a stage name belongs"
            detection.used.discard(original)
            continue
        if not stages and _stages_follow(view, header, c) and is_kind_column(view, header, c, name):
            detection.kind_column = c  # 'Lane | Type | Discover...': each lane's kind, not a stage
            continue
        if not stages and _stages_follow(view, header, c) and is_names_column(view, header, c, name, data_start):
            detection.name_column = c  # 'Type | Lane | Discover...': the lanes' names, not a stage
            continue
        # a Confidence / Source / Owner column after the stages, or between the labels and the stages
        meta = metadata_key(name) if stages or _stages_follow(view, header, c) else None
        if meta is not None:  # ... is the lanes' metadata
            detection.meta_lines[c] = meta
            detection.notes.append(f"{grid.name}!{cell_name(*original)}: {name!r} read as the {meta} of each "
                                   "lane's cards and points (kept as tags and notes), not as a stage")
            continue
        colour = grid.fills.get(original)
        key = stage_key(name, view.cells[pos])
        if key in by_name:
            stages[by_name[key]].lines.append(c)
            continue
        by_name[key] = len(stages)
        about = rest.strip() if described and rest.strip() else _too_long(raw, name, detection, original)
        stages.append(DetectedStage(name, [c], original, color=colour, description=about))
    # merged header ranges also cover columns without a top-left value in this row
    for pos, top in view.owner.items():
        if pos[0] == header and top[0] == header and pos[1] > data_start:
            for stage in stages:
                if top[1] in stage.lines and pos[1] not in stage.lines:
                    stage.lines.append(pos[1])
    for stage in stages:
        stage.lines.sort()
    return peel_summary_columns(view, header, stages, detection) if summaries else stages


def _stages_follow(view: GridView, header: int, col: int) -> bool:
    """Whether at least two named header cells follow column `col` (an Owner column heading the first data column
    is the lanes' metadata only when the stages come after it)."""
    cells, owner = view.cells, view.owner
    named = sum(1 for c in view.cols
                if c > col and (header, c) in cells and owner.get((header, c), (header, c)) == (header, c))
    return named >= 2


def _described_headers(view: GridView, header: int, data_start: int) -> bool:
    """Whether the stage header cells put a description under the name ('AWARENESS\nThe customer learns we
    exist'): a cell's first line short, the lines under it a sentence. Then every header cell's first line is
    the stage's name and the rest its description (a name merely wrapped, 'Post-purchase\nsupport', is not)."""
    for _c, value in view.row_values(header, data_start):
        first, _, rest = as_text(value).strip().partition("\n")
        if len(first) <= 60 and len(rest.split()) >= 3:
            return True
    return False


def _too_long(raw: str, name: str, detection: Detection, pos: Pos) -> str:
    """A stage name cut at the 500 characters a name holds: its whole text becomes the stage's description."""
    if len(name) < 500 or len(whole := " ".join(raw.split())) <= len(name):
        return ""
    detection.notes.append(f"{detection.sheet}!{cell_name(*pos)}: a stage name of {len(whole):,} characters "
                           "was shortened to 500; the whole text is the stage's description")
    return whole


def read_phases(
    view: GridView,
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
    heading = line_label(view, band, label_col, group_col) if label_col is not None else ""
    if heading and not is_stage_label(heading):  # a band headed 'Phase' (stages in rows: a merged column) is one
        return None
    values = [(c, v) for c, v in view.row_values(band, -1) if c in col_to_stage]
    if not values or len(values) >= len(detection.stages) and not any(
            view.owner.get((band, c)) for c, _ in values) and not typed_in_runs(values):
        return None
    if not mostly_text(values):
        return None
    starts = sorted(col_to_stage[c] for c, _ in values)
    names = {col_to_stage[c]: (clean_stage_name(as_text(v)), view.orig((band, c))) for c, v in values}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(detection.stages)
        name, pos = names[start]
        for i in range(start, end):
            detection.stages[i].phase = name
        detection.used.add(pos)
        detection.phase_cells.add(pos)
    for c, v in values:  # a stage on several lines (each persona's): every cell naming its phase is read
        if detection.stages[col_to_stage[c]].phase == clean_stage_name(as_text(v)):
            detection.used.add(view.orig((band, c)))
            detection.phase_cells.add(view.orig((band, c)))
    first = starts[0]
    for i in range(first):
        detection.stages[i].phase = None
    if heading:
        detection.used.add(view.orig((band, label_col)))
    return band
