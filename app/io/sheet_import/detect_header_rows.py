"""Rows and cells around the stage names that are not lanes: the stages' numbers ('1 2 3 4'), their
descriptions, sub-columns named the same under each stage ('Online | Offline'), and a lane label's icon."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.detect_result import DetectedStage
from app.io.sheet_import.grid import Pos, ShownDate, Value, as_text
from app.io.sheet_import.grid_view import GridView


def icon_before(view: GridView, label_pos: Pos) -> str:
    """The picture (emoji or symbol, no letter or digit) in the cell left of a lane's label, or ''."""
    cell = (label_pos[0], label_pos[1] - 1)
    if cell not in view.cells:
        return ""
    text = view.text(*cell).strip()
    return text if len(text) <= 8 and is_icon(text) else ""


def is_icon(text: str) -> bool:
    """A picture typed in a cell (emoji, symbols): something, with no letter or digit in it."""
    return bool(text) and not any(ch.isalnum() for ch in text)


def sub_columns(in_map: list[tuple[int, Value]], col_to_stage: dict[int, int]) -> bool:
    """Whether a row names the same sub-columns under each of several stages ('Online | Offline' under each)."""
    under: dict[int, list[str]] = {}
    for c, value in sorted(in_map):
        under.setdefault(col_to_stage[c], []).append(fold(as_text(value)))
    return same_names_under_each(under.values())


def same_names_under_each(groups: Iterable[list[str]]) -> bool:
    """Whether every group of more than one name (at least two such groups) holds the same distinct names in the
    same order: sub-columns repeated under each stage, not names of their own."""
    names = [tuple(group) for group in groups if len(group) > 1]
    return len(names) >= 2 and len(set(names)) == 1 and len(set(names[0])) == len(names[0])


NUMBER_HEADINGS = frozenset({"", "no", "nr", "n", "number", "num", "step", "steps", "stage", "stage no",
                              "stage number", "order", "seq", "sequence", "numero", "nummer", "номер", "шаг"})


def numbers_the_stages(in_map: list[tuple[int, Value]], col_to_stage: dict[int, int]) -> bool:
    """Whether a row's cells number the stages in order, one each (1 2 3 4, or 0 1 2): their ordinals."""
    if len(in_map) < 3 or any(isinstance(value, ShownDate) for _, value in in_map):  # days of a month ('5 6 7')
        return False
    cells = sorted((col_to_stage[c], as_text(value).strip().removesuffix(".")) for c, value in in_map)
    if not all(text.isdigit() for _, text in cells):
        return False
    stages, numbers = [stage for stage, _ in cells], [int(text) for _, text in cells]
    in_steps = all(b - a == 1 for seq in (stages, numbers) for a, b in zip(seq, seq[1:], strict=False))
    return in_steps and numbers[0] - stages[0] in (0, 1)


STAGE_DESCRIPTION_KEYS = frozenset({
    "description", "descriptions", "stage description", "stage descriptions", "scenario", "context", "summary",
    "what happens", "descricao", "descripcion", "beschreibung", "descrizione", "beschrijving", "описание",
})
"""Labels of a row under the stage names that describes each stage (not a lane of cards)."""


_NUMBERED = re.compile(r"^(?:stage|step|phase|etapa|fase|paso|passo|etape|schritt|tappa|stap|этап|шаг)?\s*"
                       r"(?:no\.?|nr\.?|#)?\s*\d+\s*[.:)]?$")


def numbered_names(stages: list[DetectedStage], in_map: list[tuple[int, Value]], col_to_stage: dict[int, int]) -> bool:
    """Whether the stage names are only their numbers ('Stage 1', 'Step 2', '3') and the row under them holds a
    short name under each: those are the names (the numbers become the descriptions)."""
    under = {col_to_stage[c]: as_text(v).strip() for c, v in in_map}
    return (len(under) == len(stages) >= 2 and all(_NUMBERED.match(fold(stage.name)) for stage in stages)
            and all(0 < len(text) <= 40 and len(text.split()) <= 5 and "\n" not in text for text in under.values()))
