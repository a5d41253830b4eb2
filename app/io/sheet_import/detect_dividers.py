"""Service-blueprint divider rows: "— Line of interaction —", "Line of visibility", "Line of internal interaction".

Such a row runs across the whole map and holds one text (often merged across). It is not a lane: it is
the boundary between two groups of lanes -- customer / frontstage / backstage / support processes --
so the lanes between two dividers form one lane group. Recognised in English, Portuguese, Spanish,
French, German, Italian, Dutch, Russian, Chinese, Japanese and Korean, by what the text says
(a line + interaction / visibility / internal), not by an exact phrase.
"""

from __future__ import annotations

import functools
import re
from functools import lru_cache

from app.io.sheet_import.detect_lane_kinds import fold

INTERACTION, VISIBILITY, INTERNAL = "interaction", "visibility", "internal interaction"

_LINE = re.compile(r"(^|\s)(line|linie|linha|linea|ligne|lijn|линия)(\s|$)|linie|lijn|линия|線|线|선")


@functools.cache
def _internal() -> re.Pattern[str]:
    return re.compile(r"intern|interior|внутрен|内部|내부")


@functools.cache
def _visible() -> re.Pattern[str]:
    return re.compile(r"visib|sicht|zichtbaar|видим|可視|可视|가시|見え")


@functools.cache
def _interact() -> re.Pattern[str]:
    return re.compile(r"interac|interakt|interaz|взаимодейств|相互作用|インタラクション|互动|互動|상호작용|接点")


_ZONES = {  # the lane group above and below each kind of line
    INTERACTION: ("Customer", "Frontstage"),
    VISIBILITY: ("Frontstage", "Backstage"),
    INTERNAL: ("Backstage", "Support processes"),
}


@lru_cache(maxsize=4096)
def divider_kind(text: str) -> str | None:
    """Which blueprint line a cell's text names, or None when it is not a divider."""
    folded = fold(text).strip(" -—–=_*~·.>|<")
    if not folded or len(folded) > 60 or not _LINE.search(folded):
        return None
    if _internal().search(folded) and _interact().search(folded):
        return INTERNAL
    if _visible().search(folded):
        return VISIBILITY
    if _interact().search(folded):
        return INTERACTION
    return None


def zone_names(kinds_by_line: list[tuple[int, str]], lines: list[int]) -> dict[int, str]:
    """The lane group of each lane line, from the divider lines around it (lines are canonical rows)."""
    ordered = sorted(kinds_by_line)
    out: dict[int, str] = {}
    for line in lines:
        before = [kind for at, kind in ordered if at < line]
        if before:
            out[line] = _ZONES[before[-1]][1]
        else:
            out[line] = _ZONES[ordered[0][1]][0]
    return out


def is_divider_row(view, row: int) -> bool:  # noqa: ANN001 - a grid_view.GridView
    """Whether a line of the view holds one text only (once, merged across, or repeated, maybe with dashes drawn
    in the other cells) and it names a blueprint line."""
    values = view.by_row.get(row, ())
    if not values or not isinstance(values[0][1], str) or divider_kind(values[0][1]) is None:
        return False
    first = " ".join(values[0][1].split())
    return all(isinstance(v, str) and (" ".join(v.split()) == first or not any(ch.isalnum() for ch in v))
               for _c, v in values[1:])  # the same text again, or a drawn line of dashes
