"""Where a tall lane is cut between pages: the same places as comparing every gap with every card, in a sort
(a map of 90,000 cards spent minutes there: 449 s for 224,000 cards)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.io.pdf.pages import _clear_gaps, _windows


def clear_gaps_by_hand(card_spans):
    gaps = sorted({top - 1.0 for top, _ in card_spans})
    return [g for g in gaps if not any(top < g < bottom for top, bottom in card_spans)]


def windows_by_hand(bounds, room, card_spans):
    clear = clear_gaps_by_hand(card_spans)
    windows, a, end = [], bounds[0], bounds[-1]
    while end - a > room * 1.0001:
        inside = [b for b in bounds if a < b <= a + room + 0.01]
        cuts = [g for g in clear if a + room / 2 < g <= a + room]
        b = max(inside) if inside else max(cuts) if cuts else a + room
        windows.append((a, b))
        a = b
    windows.append((a, end))
    return windows


spans = st.lists(st.tuples(st.integers(0, 400), st.integers(1, 60)).map(lambda t: (float(t[0]), float(t[0] + t[1]))),
                 max_size=40)


@given(spans)
@settings(max_examples=300, deadline=None)
def test_clear_gaps_are_those_no_card_spans(card_spans):
    assert _clear_gaps(card_spans) == clear_gaps_by_hand(card_spans)


@given(st.lists(st.integers(0, 500), min_size=1, max_size=12, unique=True), st.integers(20, 200), spans)
@settings(max_examples=300, deadline=None)
def test_windows_cut_where_they_always_cut(edges, room, card_spans):
    bounds = sorted(float(e) for e in edges) + [600.0]
    assert _windows(bounds, float(room), card_spans) == windows_by_hand(bounds, float(room), card_spans)


def test_touching_and_nested_cards():
    assert _clear_gaps([(10.0, 20.0), (21.0, 30.0)]) == [9.0, 20.0]  # 20 is the first card's bottom: clear
    assert _clear_gaps([(10.0, 40.0), (15.0, 20.0), (25.0, 30.0)]) == [9.0]  # inside the tall card: not clear
