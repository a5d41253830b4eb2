"""The quick paths of reading a cell's text give what the full reading gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.io.sheet_import import detect_cell_text as cell_text
from app.io.xlsx_export.card_markers import BULLET

PIECES = ["Reads reviews", "• ", "- ", "* ", "1. ", "12) ", "3.", "  ", " ", "\n", "\n\n", " | ", "|", "[Website] ",
          " [observed]", " (+3)", "(+", "[", "x" * 130, "Ähm", "½ ", "² ", "–", "\t", "a", "\u2028", "日本"]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_splitting_a_cell_takes_the_quick_path_only_where_it_reads_the_same(text):
    assert cell_text._split_items(text) == cell_text._split_lines(text, text.split("\n"))


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_a_cell_without_markers_reads_as_the_marker_reading_does(text):
    cell_text.split_items.cache_clear()
    assert cell_text.card_items.__wrapped__(text) == cell_text._marked_items(text)


def test_the_quick_path_knows_the_exports_bullet():
    assert cell_text._EXPORT_BULLET == BULLET
