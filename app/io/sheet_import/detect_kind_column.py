"""A column of lane kinds beside the lane names: `Lane | Type | Discover | ...` with the types Actions, Channels,
Emotional journey, Text (as a journey-mapping tool exports a map, or a facilitator notes what each lane is), or the
other way round, `Type | Lane | Discover | ...`, the kinds in the first column and the names headed 'Lane' in the
next. Neither column is a stage: the names name the lanes, the kinds give their kinds."""

from __future__ import annotations

from app.io.sheet_import.detect_lane_kinds import fold, guess_lane_kind
from app.io.sheet_import.detect_result import Detection
from app.io.sheet_import.grid import as_text, cell_name
from app.io.sheet_import.grid_view import GridView
from app.io.sheet_import.report import found
from app.model.enums import LaneKind

_KIND_HEADINGS = frozenset({"type", "kind", "lane type", "lane kind", "row type", "content type", "tipo", "typ",
                            "art", "soort", "тип", "種類", "タイプ", "类型", "유형"})
_PLAIN = frozenset({"text", "texto", "texte", "tekst", "testo", "текст", "テキスト", "文本", "notes", "other"})


def is_kind_column(view: GridView, header: int, col: int, name: str) -> bool:
    """Whether the header cell `name` over column `col` heads a column of lane kinds: a Type / Kind heading, and
    most of the column's cells name a lane kind (Actions, Channels, Emotions, Text...)."""
    if fold(name) not in _KIND_HEADINGS:
        return False
    values = [as_text(v) for (r, c), v in view.cells.items() if c == col and r > header]
    kinds = sum(_kind(v) is not None for v in values)
    return len(values) >= 2 and kinds * 3 >= len(values) * 2


_NAME_HEADINGS = frozenset({"lane", "lanes", "lane name", "swimlane", "name", "row", "raia", "carril", "couloir",
                            "bahn", "ebene", "zeile", "naam", "baan", "nome", "nombre", "nom", "название"})


def is_names_column(view: GridView, header: int, col: int, name: str, label_col: int) -> bool:
    """Whether the header cell `name` over the first data column `col` heads the lanes' names while the label
    column left of it holds their kinds ('Type | Lane | stages...'): a Lane / Name heading, a Type / Kind corner,
    and most label cells naming a lane kind."""
    if fold(name) not in _NAME_HEADINGS or fold(view.text(header, label_col)) not in _KIND_HEADINGS:
        return False
    kinds = [as_text(v) for (r, c), v in view.cells.items() if c == label_col and r > header]
    names = [r for (r, c) in view.cells if c == col and r > header]
    return len(kinds) >= 2 and len(names) >= 2 and sum(_kind(v) is not None for v in kinds) * 3 >= len(kinds) * 2


def names_from_column(view: GridView, detection: Detection, label_col: int) -> None:
    """Each lane named by its cell in the names column, its label (the kind) kept as its kind."""
    col = detection.name_column
    if col is None:
        return
    renamed = []
    for lane in detection.lanes:
        pos = (lane.line, col)
        if pos not in view.cells:
            continue
        original = view.orig(pos)
        detection.used.add(original)
        detection.reasons.pop(original, None)
        kind_word = lane.name
        lane.name = " ".join(view.text(*pos).split())[:500]
        lane.label = original
        lane.kind_named = _kind(kind_word) is not None
        renamed.append(f"{lane.name!r} ({kind_word})")
    if detection.header_row is not None:
        detection.used.add(view.orig((detection.header_row, label_col)))
    detection.notes.append(found(f"the lanes named by the column headed 'Lane', their kinds by the column left of "
                                 f"it: {', '.join(renamed)}"))


def _kind(text: str) -> LaneKind | None:
    folded = fold(text)
    if folded in _PLAIN:
        return LaneKind.TEXT
    kind = guess_lane_kind(text)
    return kind if kind != LaneKind.TEXT else None


def kinds_from_column(view: GridView, detection: Detection) -> dict[int, LaneKind]:
    """Each lane's kind from its cell in the kinds column (the cells are read, not left out); the caller gives the
    lanes those kinds (moving a lane's scores to cards, or its feeling words to points, as a kind chosen by hand)."""
    col = detection.kind_column
    if col is None:
        return {}
    kinds: dict[int, LaneKind] = {}
    for index, lane in enumerate(detection.lanes):
        pos = (lane.line, col)
        kind = _kind(view.text(*pos)) if pos in view.cells else None
        if kind is None:
            continue
        original = view.orig(pos)
        detection.used.add(original)
        detection.reasons.pop(original, None)
        kinds[index] = kind
        lane.kind_named = True
    header = (detection.header_row, col) if not view.transposed else (col, detection.header_row)
    at = f"{view.grid.name}!{cell_name(*header)}: " if None not in header else ""
    named = ", ".join(f"{detection.lanes[i].name!r} {kind.value}" for i, kind in kinds.items())
    detection.notes.append(found(f"{at}a column of lane kinds, not a stage: {named}"))
    return kinds
