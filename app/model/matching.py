"""Pair the items of two versions of a map: by stable id, or by name, position and text when
the ids have nothing in common (a map re-imported from Excel gets fresh ids).

Each function returns {old id: new id}; what is not paired was removed or added.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Any

from app.model.journey import Card, JourneyContent

CARD_TEXT_THRESHOLD = 0.6
"""Two cards in the same cell are the same card when their texts are at least this similar."""

CARD_MOVE_THRESHOLD = 0.85
"""A card found in another cell must be this similar: a stricter bar, since any cell could hold it."""

MAX_TEXT_COMPARISONS = 40_000
"""Past this many cross-cell pairs only identical texts are paired, to keep a diff fast on huge maps."""


def ids_disjoint(old: Sequence[Any], new: Sequence[Any]) -> bool:
    """True when both lists have items and no id appears in both: time to match by content."""
    return bool(old) and bool(new) and not ({item.id for item in old} & {item.id for item in new})


def match_by_id(old: Sequence[Any], new: Sequence[Any]) -> dict[str, str]:
    new_ids = {item.id for item in new}
    return {item.id: item.id for item in old if item.id in new_ids}


def name_key(text: str) -> str:
    """Names compare without case and extra spaces."""
    return " ".join(text.split()).casefold()


def match_by_name(old: Sequence[Any], new: Sequence[Any], *, by_position: bool) -> dict[str, str]:
    """Pair equal names (the k-th 'Decision' with the k-th 'Decision'); then, with `by_position`,
    pair what is left in the same gap between two name-matched neighbours, in order
    (old [A, B, C] and new [A, B2, C] pair B with B2: a rename)."""
    queues: dict[str, list[int]] = {}
    for index, item in enumerate(new):
        queues.setdefault(name_key(item.name), []).append(index)
    pairs: dict[int, int] = {}
    for index, item in enumerate(old):
        queue = queues.get(name_key(item.name))
        if queue:
            pairs[index] = queue.pop(0)
    if by_position:
        anchors = [(o, pairs[o]) for o in sorted(pairs)]
        kept = [anchors[i] for i in sorted(increasing_subsequence([n for _, n in anchors]))]
        bounds = [(-1, -1), *kept, (len(old), len(new))]
        taken_new = set(pairs.values())
        for (old_start, new_start), (old_end, new_end) in zip(bounds, bounds[1:], strict=False):
            free_old = [i for i in range(old_start + 1, old_end) if i not in pairs]
            free_new = [j for j in range(new_start + 1, new_end) if j not in taken_new]
            for i, j in zip(free_old, free_new, strict=False):
                pairs[i] = j
                taken_new.add(j)
    return {old[i].id: new[j].id for i, j in pairs.items()}


def increasing_subsequence(values: Sequence[int]) -> set[int]:
    """Positions of a longest strictly increasing subsequence of `values` (patience sorting).

    Items outside it are the fewest that must have moved to turn one order into the other.
    """
    tails: list[int] = []  # values
    tail_positions: list[int] = []
    previous: list[int] = [-1] * len(values)
    for position, value in enumerate(values):
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
            tail_positions.append(position)
        else:
            tails[slot] = value
            tail_positions[slot] = position
        previous[position] = tail_positions[slot - 1] if slot else -1
    kept: set[int] = set()
    position = tail_positions[-1] if tail_positions else -1
    while position != -1:
        kept.add(position)
        position = previous[position]
    return kept


def _text_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _similarity(a: str, b: str, threshold: float) -> float:
    """difflib's ratio, or 0.0 as soon as a cheap upper bound shows it is below `threshold`."""
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0
    return matcher.ratio()


_CARD_SIDE_FIELDS = ("color", "note", "tags", "evidence", "channel", "votes")


def _same_fields(a: Card, b: Card) -> int:
    return sum(getattr(a, name) == getattr(b, name) for name in _CARD_SIDE_FIELDS)


def match_cards_by_text(
    old: JourneyContent, new: JourneyContent, stage_map: dict[str, str], lane_map: dict[str, str]
) -> dict[str, str]:
    """Pair cards whose ids differ: first within the (matched) cell at a text similarity of at
    least CARD_TEXT_THRESHOLD, then across cells at CARD_MOVE_THRESHOLD. Ties go to the pair
    with more equal fields, then to the closer position, so an unchanged map pairs exactly."""
    old_cells = _by_cell(old.cards, lambda c: (stage_map.get(c.stage_id), lane_map.get(c.lane_id)))
    new_cells = _by_cell(new.cards, lambda c: (c.stage_id, c.lane_id))

    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for cell, new_cards in new_cells.items():
        candidates = old_cells.get(cell, [])
        if not candidates:
            continue
        # Identical texts first (cheap, and most cards of a re-import), then similar ones.
        old_by_text: dict[str, list[tuple[int, Card]]] = {}
        for entry in candidates:
            old_by_text.setdefault(_text_key(entry[1].text), []).append(entry)
        new_by_text: dict[str, list[tuple[int, Card]]] = {}
        for entry in new_cards:
            new_by_text.setdefault(_text_key(entry[1].text), []).append(entry)
        for key, same_text in new_by_text.items():
            if key in old_by_text:
                _greedy(old_by_text[key], same_text, 1.0, pairs, taken, _closeness)
        _greedy(candidates, new_cards, CARD_TEXT_THRESHOLD, pairs, taken, _closeness)

    rest_old = [(i, c) for cell in old_cells.values() for i, c in cell if c.id not in pairs]
    rest_new = [(i, c) for cell in new_cells.values() for i, c in cell if c.id not in taken]
    if rest_old and rest_new:
        if len(rest_old) * len(rest_new) > MAX_TEXT_COMPARISONS:
            by_text: dict[str, list[Card]] = {}
            for _, card in rest_new:
                by_text.setdefault(_text_key(card.text), []).append(card)
            for _, card in rest_old:
                queue = by_text.get(_text_key(card.text))
                if queue:
                    match = queue.pop(0)
                    pairs[card.id] = match.id
                    taken.add(match.id)
        else:
            _greedy(rest_old, rest_new, CARD_MOVE_THRESHOLD, pairs, taken, lambda a, b: 0)
    return pairs


def _closeness(old_index: int, new_index: int) -> int:
    return -abs(old_index - new_index)


def _by_cell(cards: list[Card], cell_of: Callable[[Card], tuple[str | None, str | None]]
             ) -> dict[tuple[str | None, str | None], list[tuple[int, Card]]]:
    """Cards grouped by cell, each with its position in the cell."""
    cells: dict[tuple[str | None, str | None], list[tuple[int, Card]]] = {}
    for card in cards:
        items = cells.setdefault(cell_of(card), [])
        items.append((len(items), card))
    return cells


def _greedy(
    old: list[tuple[int, Card]],
    new: list[tuple[int, Card]],
    threshold: float,
    pairs: dict[str, str],
    taken: set[str],
    closeness: Callable[[int, int], int],
) -> None:
    scored = []
    for old_index, old_card in old:
        if old_card.id in pairs:
            continue
        old_text = _text_key(old_card.text)
        for new_index, new_card in new:
            if new_card.id in taken:
                continue
            ratio = _similarity(old_text, _text_key(new_card.text), threshold)
            if ratio >= threshold:
                scored.append(
                    (-ratio, -_same_fields(old_card, new_card), -closeness(old_index, new_index), old_index, new_index,
                     old_card.id, new_card.id)
                )
    scored.sort()
    for *_, old_id, new_id in scored:
        if old_id not in pairs and new_id not in taken:
            pairs[old_id] = new_id
            taken.add(new_id)
