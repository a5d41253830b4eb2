"""Columns of a long table told by what they hold, and the columns that describe each card.

A whiteboard's export (Miro, Mural, a sticky-note CSV) names its columns its own way: `Section | Type | Text`,
`ID | Type | Text | Area | Column | Color`. The lane column is the one whose values are lane names (Actions,
Touchpoints, Doing, Feeling...); the stage column is the one headed like a place on the board (Section, Column,
Frame...) or, failing that, the other column whose values repeat in runs (a stage's items are together). A Color
column colours the cards, a Votes column counts their votes.
"""

from __future__ import annotations

import re

from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.detect_lane_kinds import fold, guess_lane_kind
from app.io.sheet_import.detect_lane_meaning import metadata_key, metadata_values
from app.io.sheet_import.detect_result import Detection
from app.io.sheet_import.grid import Grid, as_text
from app.model.enums import LaneKind

# where a sticky note sits on a board: the stage, when no column says "Stage"
_PLACE_HEADERS = frozenset({"section", "column", "frame", "group", "cluster", "secao", "seccion", "abschnitt",
                            "spalte", "sectie", "kolom", "colonne", "colonna", "sezione", "раздел", "колонка"})
_COLOUR_HEADERS = frozenset({"color", "colour", "cor", "farbe", "couleur", "kleur", "colore", "fill", "цвет"})
_TAG_HEADERS = frozenset({"tags", "tag", "labels", "etiquetas", "etiqueta", "etiquettes", "schlagworte",
                         "stichworte", "schlagwort", "etichette", "теги", "метки"})
_VOTE_HEADERS = frozenset({"votes", "vote", "likes", "dots", "dot votes", "stimmen", "votos", "voti", "голоса"})

# sticky-note colour names (the board's own palette words) -> a fill colour
_COLOUR_NAMES = {
    "yellow": "#fff9b1", "light yellow": "#fff9b1", "orange": "#ffc27a", "red": "#ff9d9d", "pink": "#ffcce5",
    "magenta": "#ff9bd1", "violet": "#d5b6f5", "purple": "#d5b6f5", "blue": "#a6ccf5", "light blue": "#c4e3ff",
    "dark blue": "#8fa9e6", "cyan": "#9be7f0", "green": "#c9df56", "light green": "#d5f692", "dark green": "#93d275",
    "gray": "#d9d9d9", "grey": "#d9d9d9", "light gray": "#ececec", "light grey": "#ececec", "white": "#ffffff",
    "black": "#3a3a3a", "brown": "#d2b48c",
}
_HEX = re.compile(r"#?([0-9a-f]{6}|[0-9a-f]{3})")


def columns_by_content(grid: Grid, rows: list[int], header: int, heads: dict[int, str], text_col: int,
                       stage_col: int | None, lane_col: int | None) -> tuple[int | None, int | None]:
    """The stage and lane columns of a long table whose headers do not both name them (either may stay None)."""
    values = {c: [as_text(grid.cells[(r, c)]) for r in rows if r > header and (r, c) in grid.cells]
              for c in heads if c not in (text_col, stage_col, lane_col)}
    grouping = {c: vals for c, vals in values.items() if _groups(vals)}
    if lane_col is None:
        lane_col = _lane_names_column(grouping)
    if stage_col is None:
        free = [c for c in grouping if c != lane_col]
        stage_col = next((c for c in free if fold(heads[c]) in _PLACE_HEADERS), None)
        if stage_col is None:
            runs = [c for c in free if _in_runs(grouping[c])]
            stage_col = runs[0] if len(runs) == 1 else None  # two such columns: which is the stage is not known
    return stage_col, lane_col


def _groups(values: list[str]) -> bool:
    """Whether a column sorts its rows into a few named groups: at least two names, each on two rows on average,
    words rather than numbers."""
    distinct = set(values)
    return (2 <= len(distinct) <= 60 and len(values) >= 2 * len(distinct)
            and sum(parse_number(v) is None for v in distinct) == len(distinct))


def _lane_names_column(grouping: dict[int, list[str]]) -> int | None:
    """The column whose values are mostly lane names (Actions, Touchpoints, Feeling...)."""
    best, best_share = None, 0.5
    for c, vals in grouping.items():
        distinct = set(vals)
        share = sum(guess_lane_kind(v) != LaneKind.TEXT for v in distinct) / len(distinct)
        if share > best_share:
            best, best_share = c, share
    return best


def _in_runs(values: list[str]) -> bool:
    """Whether each value's rows come together (one run per value), as a stage's notes do in an export."""
    runs = sum(1 for n, v in enumerate(values) if n == 0 or values[n - 1] != v)
    return runs == len(set(values))


def colour_value(text: str) -> str | None:
    """'yellow', 'Light blue', '#FFF9B1', 'fff' as '#rrggbb'; None for anything else."""
    folded = " ".join(text.lower().replace("_", " ").replace("-", " ").split())
    if folded in _COLOUR_NAMES:
        return _COLOUR_NAMES[folded]
    match = _HEX.fullmatch(folded)
    if match is None:
        return None
    digits = match.group(1)
    return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits))


class CardColumns:
    """A long table's Color, Votes, Tags and Owner / Source / Priority columns: each row's card colour, votes and
    tags (the cells read are used)."""

    def __init__(self, grid: Grid, heads: dict[int, str], header: int, taken: tuple[int | None, ...],
                 detection: Detection) -> None:
        free = {c: fold(h) for c, h in heads.items() if c not in taken}
        self.grid, self.detection = grid, detection
        self.colour_col = next((c for c, h in free.items() if h in _COLOUR_HEADERS), None)
        self.votes_col = next((c for c, h in free.items() if h in _VOTE_HEADERS), None)
        self.tags_col = next((c for c, h in free.items() if h in _TAG_HEADERS), None)  # 'web, pricing': two tags
        # Owner / Source / Priority / Confidence columns: the card's metadata, as beside a lane in a grid
        self.meta_cols = {c: key for c, h in heads.items() if c not in taken and c not in (self.colour_col,
                          self.votes_col, self.tags_col) and (key := metadata_key(h)) is not None}
        for col in (self.colour_col, self.votes_col, self.tags_col, *self.meta_cols):
            if col is not None:
                detection.used.add((header, col))

    def read(self, r: int) -> tuple[str | None, int, tuple[str, ...]]:
        """Row r's colour (None when the cell is not a colour: then it is left out as before), votes and tags."""
        colour, votes = None, 0
        cells, used = self.grid.cells, self.detection.used
        tags = []
        for col, key in self.meta_cols.items():
            if (r, col) in cells and metadata_values([cells[(r, col)]]):
                tags.append(f"{key}: {' '.join(as_text(cells[(r, col)]).split())}")
                used.add((r, col))
        if self.tags_col is not None and (r, self.tags_col) in cells:
            parts = re.split(r"[,;\n]", as_text(cells[(r, self.tags_col)]))
            tags += [tag for part in parts if (tag := " ".join(part.split()))]
            used.add((r, self.tags_col))
        if self.colour_col is not None and (r, self.colour_col) in cells:
            colour = colour_value(as_text(cells[(r, self.colour_col)]))
            if colour is not None:
                used.add((r, self.colour_col))
                colour = None if colour == "#ffffff" else colour
        if self.votes_col is not None and (r, self.votes_col) in cells:
            number = parse_number(cells[(r, self.votes_col)])
            if number is not None and number >= 0 and number == int(number):
                votes = int(number)
                used.add((r, self.votes_col))
        return colour, votes, tuple(tags)
