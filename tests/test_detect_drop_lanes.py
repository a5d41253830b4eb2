"""Lanes taken out of an import's reading in one pass give the same reading as taking them out one by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.io.sheet_import.detect_result import DetectedCard, DetectedLane, Detection, drop_lanes
from app.io.sheet_import.grid_blocks import Block
from app.model.enums import LaneKind


def reading(lanes: int, card_lanes: list[int]) -> Detection:
    detection = Detection("Sheet", "stages-in-columns", 0, 0, Block(0, 0, 1, 1, []))
    detection.lanes = [DetectedLane(f"Lane {n}", n, LaneKind.TEXT, (n, 0)) for n in range(lanes)]
    detection.cards = [DetectedCard(0, lane, f"card {i}", (i, 1)) for i, lane in enumerate(card_lanes)]
    detection.continued_cells = {(0, lane): i for i, lane in enumerate(card_lanes)}
    return detection


def drop_one_by_hand(detection: Detection, index: int) -> None:
    """The way a lane was taken out before: a pass over the cards for it."""
    del detection.lanes[index]
    detection.cards = [c for c in detection.cards if c.lane != index]
    for card in detection.cards:
        if card.lane > index:
            card.lane -= 1
    detection.continued_cells = {(s, lane - (lane > index)): kept for (s, lane), kept in
                                 detection.continued_cells.items() if lane != index}


def summary(detection: Detection) -> tuple:
    return ([lane.name for lane in detection.lanes], [(c.text, c.lane) for c in detection.cards],
            sorted(detection.continued_cells.items()))


@given(st.integers(1, 12).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.integers(0, n - 1), max_size=30), st.sets(st.integers(0, n - 1)))))
@settings(max_examples=200, deadline=None)
def test_one_pass_is_one_by_one(case):
    lanes, card_lanes, gone = case
    one_by_one, at_once = reading(lanes, card_lanes), reading(lanes, card_lanes)
    for index in sorted(gone, reverse=True):
        drop_one_by_hand(one_by_one, index)
    drop_lanes(at_once, gone)
    assert summary(at_once) == summary(one_by_one)
