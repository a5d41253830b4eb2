"""The sheet import's shortcuts for big sheets give what the plain rules they replace give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.io.sheet_import.detect_cell_text import _BULLET, _split_items
from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.detect_long_format import _LANE_HEADERS, _matches
from app.io.sheet_import.grid_split import _key, _same_label
from app.io.sheet_import.grid_view import GridView

_PIECES = st.sampled_from(["Act", "ions", "-", " ", "_", "(", "1", "2.5", "é", "Ü", "ﬁ", "İ", "\n", ":", "Stage",
                           "•", "- ", "12) ", "٣. ", " | ", "x" * 121, "lane", "Swim", "слой"])
_TEXT = st.lists(_PIECES, max_size=7).map("".join)


def _split_items_as_written(text: str) -> list[str]:
    parts = [p for line in text.split("\n") for piece in (line.split(" | ") if " | " in line else [line])
             if (p := _BULLET.sub("", piece).strip())]
    lines = [line for line in text.split("\n") if line.strip()]
    listed = " | " in text or any(_BULLET.match(line) for line in lines) or all(len(line) <= 120 for line in lines)
    return [" ".join(parts)] if len(parts) > 1 and not listed else parts


@settings(max_examples=80)
@given(_TEXT, _TEXT)
def test_shortcuts_agree_with_the_rules(a, b):
    assert _split_items(a) == _split_items_as_written(a)
    label = _key(b)
    if label is not None:
        for value in (a, b, a + b, b.upper(), None, 3.0):
            assert _same_label(value, label) == (_key(value) == label)
    folded = fold(a)
    assert _matches(a, _LANE_HEADERS) == any(
        folded == w or folded.startswith(w + " ") or folded.endswith(" " + w) for w in _LANE_HEADERS)


def test_row_values_is_the_filtered_row():
    from app.io.sheet_import.grid import Grid
    from app.io.sheet_import.grid_blocks import find_blocks, visible_cells

    grid = Grid("S")
    grid.cells.update({(0, 1): "Awareness", (0, 3): "Purchase", (1, 0): "Actions", (1, 1): "a", (1, 3): "b"})
    view = GridView(grid, find_blocks(grid, visible_cells(grid))[0], False)
    for after in range(-1, 5):
        expected = [(c, v) for c, v in view.by_row[1] if c > after]
        got = view.row_values(1, after)
        assert got == expected
        got.append((9, "kept apart"))  # a new list each time
        assert view.row_values(1, after) == expected
