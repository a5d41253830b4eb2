"""Merging the order of one list from two edited copies (stages, lanes, the cards of each cell).

The preferred side's order stands; every item the other side added or moved is placed next to its
nearest neighbour on that side that the preferred side left in place. An item is "moved" on a side
when its group (a card's cell) changed, or it left the longest run of items that kept their base order.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Literal

from app.model.matching import increasing_subsequence

Side = Literal["ours", "theirs"]
_ANY: Any = object()


def merge_order(b: list, o: list, t: list, keep: set, groups: tuple[dict, dict, dict, dict], *,
                prefer: Side, on_collision: Callable[[Hashable, Hashable, Hashable], Side]) -> list:
    """Keys of `keep` in a merged order: the preferred side's order, then every item the other side
    added or moved placed next to its nearest neighbour on that side that the preferred side left in
    place (after the one before it, else before the one after it), in the same group (a card's cell).

    An item is "moved" on a side when its group changed or it left the longest run of items that
    kept their base order; an item both sides moved collides and `on_collision` picks the side.
    """
    gb, go, gt, gr = groups
    first, second = (o, t) if prefer == "ours" else (t, o)
    g_first, g_second = (go, gt) if prefer == "ours" else (gt, go)
    moved_first, moved_second = moved_keys(b, first, gb, g_first), moved_keys(b, second, gb, g_second)
    order = [k for k in first if k in keep]
    placed = set(order)
    to_place: list[tuple[Hashable, list]] = []
    for key in second:
        if key not in keep:
            continue
        if key not in placed:
            to_place.append((key, second))
        elif key in moved_second:
            if key not in moved_first:
                to_place.append((key, second))
            elif _neighbour(first, key, g_first) != _neighbour(second, key, g_second):
                after = {prefer: _neighbour(first, key, g_first)}
                other: Side = "theirs" if prefer == "ours" else "ours"
                after[other] = _neighbour(second, key, g_second)
                if on_collision(key, after["ours"], after["theirs"]) == other:
                    to_place.append((key, second))
    seen_second = set(second)
    to_place.extend((k, b) for k in b if k in keep and k not in placed and k not in seen_second)
    moving = {key for key, _ in to_place}
    order = [k for k in order if k not in moving]  # anchors are only items already in their final place
    placed -= moving
    for key, reference in to_place:
        group = gr.get(key)
        index = reference.index(key)

        def anchor(candidates: Iterable[Hashable], group: Hashable = group) -> Hashable:
            """The nearest neighbour on the reference side that the preferred side did not move."""
            return next((k for k in candidates if k in placed and group in (_ANY, gr.get(k))
                         and k not in moved_first), None)

        before, after = anchor(reversed(reference[:index])), anchor(reference[index + 1:])
        if before is None and after is None and not any(gr.get(k) == group for k in order):
            # the first of its group: near any neighbour (the flat card list keeps cells apart anyway)
            before = anchor(reversed(reference[:index]), group=_ANY)
            after = anchor(reference[index + 1:], group=_ANY)
        if before is not None:
            order.insert(order.index(before) + 1, key)
        elif after is not None:
            order.insert(order.index(after), key)
        else:
            last = max((i for i, k in enumerate(order) if gr.get(k) == group), default=len(order) - 1)
            order.insert(last + 1, key)
        placed.add(key)
    return order


def moved_keys(base: list, side: list, g_base: dict, g_side: dict) -> set:
    """Keys the side moved: into another group, or out of the longest run that kept the base order."""
    base_index = {k: i for i, k in enumerate(base)}
    moved = {k for k in side if k in base_index and g_base.get(k) != g_side.get(k)}
    by_group: dict[Hashable, list] = {}
    for k in side:
        if k in base_index and k not in moved:
            by_group.setdefault(g_side.get(k), []).append(k)
    for keys in by_group.values():
        kept = increasing_subsequence([base_index[k] for k in keys])
        moved.update(k for i, k in enumerate(keys) if i not in kept)
    return moved


def _neighbour(order: list, key: Hashable, groups: dict) -> Hashable:
    index = order.index(key)
    return next((k for k in reversed(order[:index]) if groups.get(k) == groups.get(key)), None)


def merge_value_list(b: list, o: list, t: list) -> list | None:
    """Plain values (tags, goals) merged like sets, in order; None when both sides reordered them."""
    removed = (set(b) - set(o)) | (set(b) - set(t))
    keep = (set(o) | set(t)) - removed
    if [v for v in o if v in b and v in t] != [v for v in t if v in b and v in o]:
        return None  # both reordered differently: a conflict
    groups = ({}, {}, {}, {})
    return merge_order(b, o, t, keep, groups, prefer="ours", on_collision=lambda *_: "ours")
