"""Three-way merge by ids (app/model/merge.py): rules by example, then properties over random edits."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import Card, EmotionPoint, JourneyMap, Kpi, Persona
from app.model.merge import merge_maps
from app.model.snapshots import take_snapshot
from app.model.templates import map_from_template
from tests.strategies import journey_maps


def _base() -> JourneyMap:
    journey = map_from_template("five-stage")
    s, lane = journey.stages, journey.lanes
    journey.cards = [Card(id=f"c{i}", stage_id=s[i % 2].id, lane_id=lane[0].id, text=f"card {i}") for i in range(6)]
    return JourneyMap.model_validate(journey.model_dump())


def _copy(journey: JourneyMap) -> JourneyMap:
    return journey.model_copy(deep=True)


def _texts(journey: JourneyMap, stage: int = 0, lane: int = 0) -> list[str]:
    return [c.text for c in journey.cards_in(journey.stages[stage].id, journey.lanes[lane].id)]


def test_edits_of_different_fields_of_one_card_both_land():
    base = _base()
    ours, theirs = _copy(base), _copy(base)
    ours.card("c0").text = "ours text"
    theirs.card("c0").votes = 4
    theirs.card("c0").tags = ["from theirs"]
    result = merge_maps(base, ours, theirs)
    card = result.journey.card("c0")
    assert (card.text, card.votes, card.tags) == ("ours text", 4, ["from theirs"])
    assert result.conflicts == []


def test_additions_deletions_and_moves_from_both_sides_land():
    base = _base()
    ours, theirs = _copy(base), _copy(base)
    s = base.stages
    ours.stages = [ours.stages[2], *ours.stages[:2], *ours.stages[3:]]  # ours moves Decision first
    theirs.lanes = [*theirs.lanes[1:], theirs.lanes[0]]  # theirs moves Customer actions last
    ours.cards = [c for c in ours.cards if c.id != "c2"]
    theirs.cards.append(Card(id="t1", stage_id=s[0].id, lane_id=base.lanes[0].id, text="theirs new"))
    cell0 = [c for c in theirs.cards if c.stage_id == s[0].id]
    theirs.cards = [cell0[-1], *[c for c in theirs.cards if c.id != "t1"]]  # new card first in its cell
    theirs.card("c4").stage_id = s[3].id  # theirs moves a card to another stage
    result = merge_maps(base, ours, theirs)
    merged = result.journey
    assert result.conflicts == []
    assert [st.name for st in merged.stages] == ["Decision", "Awareness", "Consideration", "Retention", "Advocacy"]
    assert merged.lanes[-1].name == "Customer actions"
    # c2 deleted by ours, c4 moved away by theirs
    assert [c.text for c in merged.cards_in(s[0].id, base.lanes[0].id)] == ["theirs new", "card 0"]
    assert merged.card("c4").stage_id == s[3].id


def test_reorders_within_a_cell_from_both_sides_land():
    base = _base()  # stage 0 holds c0, c2, c4
    ours, theirs = _copy(base), _copy(base)
    ours.cards = [ours.card("c4"), *[c for c in ours.cards if c.id != "c4"]]  # ours: c4 to the top
    theirs.cards = [c for c in theirs.cards if c.id != "c0"] + [theirs.card("c0")]  # theirs: c0 to the end
    result = merge_maps(base, ours, theirs)
    assert _texts(result.journey) == ["card 4", "card 2", "card 0"]
    assert result.conflicts == []


def test_same_field_changed_differently_is_a_conflict_resolved_by_the_rule():
    base = _base()
    ours, theirs = _copy(base), _copy(base)
    ours.card("c1").text, theirs.card("c1").text = "mine", "yours"
    ours.stages[0].name, theirs.stages[0].name = "Aware", "Awareness!"
    result = merge_maps(base, ours, theirs)
    assert {(c.kind, c.id, c.field) for c in result.conflicts} == {("card", "c1", "text"),
                                                                  ("stage", base.stages[0].id, "name")}
    assert result.journey.card("c1").text == "mine"
    line = str(next(c for c in result.conflicts if c.kind == "card"))
    assert "base 'card 1', ours 'mine', theirs 'yours'; kept ours" in line
    assert merge_maps(base, ours, theirs, prefer="theirs").journey.card("c1").text == "yours"
    chosen = merge_maps(base, ours, theirs, choices={("card", "c1", "text"): "theirs"})
    assert chosen.journey.card("c1").text == "yours" and chosen.journey.stages[0].name == "Aware"


def test_edited_on_one_side_and_deleted_on_the_other_is_a_conflict():
    base = _base()
    ours, theirs = _copy(base), _copy(base)
    ours.cards = [c for c in ours.cards if c.id != "c3"]
    theirs.card("c3").text = "improved"
    kept_ours = merge_maps(base, ours, theirs)
    assert "c3" not in {c.id for c in kept_ours.journey.cards}
    [conflict] = kept_ours.conflicts
    assert (conflict.field, conflict.ours, conflict.theirs) == ("deleted", None, "improved")
    assert "improved" in str(conflict)  # the words set aside are named
    kept_theirs = merge_maps(base, ours, theirs, prefer="theirs")
    assert kept_theirs.journey.card("c3").text == "improved"


def test_a_card_added_in_a_stage_the_other_side_deleted():
    base = _base()
    ours, theirs = _copy(base), _copy(base)
    gone = base.stages[4]
    ours.stages = ours.stages[:4]
    theirs.cards.append(Card(id="t9", stage_id=gone.id, lane_id=base.lanes[1].id, text="late idea"))
    by_rule = merge_maps(base, ours, theirs)
    assert [s.name for s in by_rule.journey.stages] == [s.name for s in ours.stages]
    [conflict] = by_rule.conflicts
    assert (conflict.kind, conflict.id, conflict.field) == ("stage", gone.id, "deleted")
    assert "late idea" in str(conflict)
    kept = merge_maps(base, ours, theirs, prefer="theirs").journey
    assert kept.stages[-1].id == gone.id and kept.card("t9").text == "late idea"


def test_an_item_both_sides_moved_to_different_places_is_a_position_conflict():
    base = _base()
    ours, theirs = _copy(base), _copy(base)
    ours.stages = [ours.stages[4], *ours.stages[:4]]  # Advocacy first
    theirs.stages = [theirs.stages[0], theirs.stages[4], *theirs.stages[1:4]]  # Advocacy second
    result = merge_maps(base, ours, theirs)
    [conflict] = result.conflicts
    assert (conflict.field, conflict.ours, conflict.theirs) == ("position", "first", "after 'Awareness'")
    assert [s.name for s in result.journey.stages][:2] == ["Advocacy", "Awareness"]
    other = merge_maps(base, ours, theirs, prefer="theirs").journey
    assert [s.name for s in other.stages][:2] == ["Awareness", "Advocacy"]


def test_emotion_points_pair_by_cell_and_merge_field_by_field():
    base = map_from_template("five-stage")
    emotions = next(lane for lane in base.lanes if lane.kind == "emotions")
    base.emotions = [EmotionPoint(stage_id=base.stages[0].id, lane_id=emotions.id, value=0.0)]
    base = JourneyMap.model_validate(base.model_dump())
    ours, theirs = _copy(base), _copy(base)
    ours.emotions[0].value = -1.5
    theirs.emotions[0].label = "Annoyed"
    theirs.emotions.append(EmotionPoint(stage_id=base.stages[1].id, lane_id=emotions.id, value=1.0))
    result = merge_maps(base, ours, theirs)
    assert [(p.value, p.label) for p in result.journey.emotions] == [(-1.5, "Annoyed"), (1.0, None)]
    assert result.conflicts == []


def test_nested_kpis_and_persona_lists_merge_by_item():
    base = _base()
    base.stages[0].kpis = [Kpi(id="k1", name="NPS", value=30, target=40)]
    base = JourneyMap.model_validate(base.model_dump())
    ours, theirs = _copy(base), _copy(base)
    ours.stages[0].kpis[0].value = 35
    theirs.stages[0].kpis.append(Kpi(id="k2", name="CSAT", value=4))
    theirs.stages[0].kpis[0].target = 50
    result = merge_maps(base, ours, theirs)
    kpis = result.journey.stages[0].kpis
    assert [(k.name, k.value, k.target) for k in kpis] == [("NPS", 35, 50), ("CSAT", 4, None)]


def test_snapshots_of_both_sides_are_kept():
    base = _base()
    ours = take_snapshot(base, "Workshop A")
    theirs = take_snapshot(base, "Office B")
    result = merge_maps(base, ours, theirs)
    assert sorted(s.name for s in result.journey.snapshots) == ["Office B", "Workshop A"]
    same_name = merge_maps(base, take_snapshot(base, "Workshop"), take_snapshot(base, "workshop"))
    assert [s.name for s in same_name.journey.snapshots] == ["Workshop", "workshop (2)"]
    deleted_on_one_side = merge_maps(ours, JourneyMap.model_validate(base.model_dump()), ours)
    assert [s.name for s in deleted_on_one_side.journey.snapshots] == ["Workshop A"]


# --- properties over random edits ----------------------------------------------------------------------


def _apply(base: JourneyMap, draw, side: str, cards: list[str], reorder_stages: bool) -> tuple[JourneyMap, dict]:
    """Edit `cards` of a copy of base (text, votes, cell, delete), add two cards, maybe reorder stages.
    Returns the copy and what each card should look like after a merge (None: deleted)."""
    data = base.model_dump(mode="json")
    by_id = {c["id"]: c for c in data["cards"]}
    stage_ids = [s["id"] for s in data["stages"]]
    lane_ids = [lane["id"] for lane in data["lanes"]]
    expected: dict[str, Any] = {}
    for card_id in cards:
        action = draw(st.sampled_from(["text", "votes", "cell", "delete"]))
        card = by_id[card_id]
        if action == "delete":
            data["cards"].remove(card)
            expected[card_id] = None
            continue
        if action == "text":
            card["text"] = f"{side} wrote {card_id}"
        elif action == "votes":
            card["votes"] = card["votes"] + 1
        else:
            card["stage_id"], card["lane_id"] = draw(st.sampled_from(stage_ids)), draw(st.sampled_from(lane_ids))
        expected[card_id] = dict(card)
    for n in range(2):
        new = {**Card(id=f"{side}{n}", stage_id=draw(st.sampled_from(stage_ids)),
                      lane_id=draw(st.sampled_from(lane_ids)), text=f"new from {side}").model_dump(mode="json")}
        data["cards"].insert(draw(st.integers(0, len(data["cards"]))), new)
        expected[new["id"]] = new
    if reorder_stages:
        data["stages"] = draw(st.permutations(data["stages"]))
    return JourneyMap.model_validate(data), expected


@st.composite
def disjoint_edits(draw):
    base = draw(journey_maps(max_stages=3, max_lanes=3, max_cards=8))
    owner = {c.id: draw(st.sampled_from(["ours", "theirs", "none"])) for c in base.cards}
    stage_side = draw(st.sampled_from(["ours", "theirs"]))
    ours, ours_expected = _apply(base, draw, "ours", [k for k, v in owner.items() if v == "ours"],
                                 stage_side == "ours")
    theirs, theirs_expected = _apply(base, draw, "theirs", [k for k, v in owner.items() if v == "theirs"],
                                     stage_side == "theirs")
    return base, ours, theirs, {**ours_expected, **theirs_expected}, stage_side


@settings(max_examples=40, deadline=None)
@given(disjoint_edits())
def test_disjoint_edits_merge_cleanly_with_both_sides_edits_exactly(case):
    base, ours, theirs, expected, stage_side = case
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == []
    merged = {c.id: c.model_dump(mode="json") for c in result.journey.cards}
    for card in base.cards:
        expected.setdefault(card.id, card.model_dump(mode="json"))
    assert merged == {k: v for k, v in expected.items() if v is not None}
    mover = ours if stage_side == "ours" else theirs
    assert [s.id for s in result.journey.stages] == [s.id for s in mover.stages]
    assert result.journey.persona == base.persona and result.journey.emotions == base.emotions


@st.composite
def conflicting_edits(draw):
    """Both sides change the same cards: the same field differently, or one edits what the other deletes."""
    base = draw(journey_maps(max_stages=2, max_lanes=2, max_cards=6).filter(lambda m: m.cards))
    both = draw(st.sets(st.sampled_from([c.id for c in base.cards]), min_size=1))
    ours, theirs = _copy(base), _copy(base)
    expected = set()
    for card_id in sorted(both):
        how = draw(st.sampled_from(["text", "votes", "ours deletes", "theirs deletes"]))
        if how == "text":
            ours.card(card_id).text = base.card(card_id).text + " (ours)"
            theirs.card(card_id).text = base.card(card_id).text + " (theirs)"
        elif how == "votes":
            ours.card(card_id).votes, theirs.card(card_id).votes = 101, 102
        else:
            deleter, editor = (ours, theirs) if how == "ours deletes" else (theirs, ours)
            deleter.cards = [c for c in deleter.cards if c.id != card_id]
            editor.card(card_id).note = base.card(card_id).note + " edited"
        expected.add(("card", card_id, how if how in ("text", "votes") else "deleted"))
    return base, ours, theirs, expected


@settings(max_examples=25, deadline=None)
@given(conflicting_edits())
def test_every_conflicting_edit_is_listed_and_the_rule_decides(case):
    base, ours, theirs, expected = case
    for prefer, winner in (("ours", ours), ("theirs", theirs)):
        result = merge_maps(base, ours, theirs, prefer=prefer)
        assert {c.key for c in result.conflicts} == expected
        assert {c.id: c for c in result.journey.cards} == {c.id: c for c in winner.cards}


@st.composite
def one_edited_copy(draw):
    base = draw(journey_maps(max_stages=3, max_lanes=3, max_cards=8))
    cards = draw(st.lists(st.sampled_from([c.id for c in base.cards]), unique=True)) if base.cards else []
    edited, _ = _apply(base, draw, "x", cards, draw(st.booleans()))
    return base, edited


def _cells(journey: JourneyMap) -> dict:
    """The map as its model means it: cards by cell in their order (the flat list's interleaving of
    different cells carries no meaning)."""
    data = journey.model_dump(mode="json")
    cells: dict[tuple[str, str], list] = {}
    for card in data.pop("cards"):
        cells.setdefault((card["stage_id"], card["lane_id"]), []).append(card)
    return {**data, "cells": cells}


@settings(max_examples=30, deadline=None)
@given(one_edited_copy())
def test_merging_a_copy_with_itself_or_with_the_base_gives_the_copy(case):
    base, x = case
    assert merge_maps(base, x, x).journey == x
    assert _cells(merge_maps(base, base, x).journey) == _cells(x)
    assert merge_maps(base, x, base).journey == x


@st.composite
def structural_edits(draw, base: JourneyMap) -> JourneyMap:
    """Any of the edits the editor makes, drawn at random: delete or reorder stages and lanes (with their
    cards and points), change a lane's kind, move, add and delete cards, change the emotion scale."""
    data = base.model_dump(mode="json")
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["del_stage", "del_lane", "kind", "move", "add", "del_card", "scale",
                                       "reorder", "phase"]))
        stages, lanes, cards = data["stages"], data["lanes"], data["cards"]
        if action == "del_stage" and len(stages) > 1:
            gone = stages.pop(draw(st.integers(0, len(stages) - 1)))["id"]
            data["cards"] = [c for c in cards if c["stage_id"] != gone]
            data["emotions"] = [p for p in data["emotions"] if p["stage_id"] != gone]
        elif action == "del_lane" and len(lanes) > 1:
            gone = lanes.pop(draw(st.integers(0, len(lanes) - 1)))["id"]
            data["cards"] = [c for c in cards if c["lane_id"] != gone]
            data["emotions"] = [p for p in data["emotions"] if p["lane_id"] != gone]
        elif action == "kind":
            lane = draw(st.sampled_from(lanes))
            lane["kind"] = draw(st.sampled_from(["text", "emotions", "actions"]))
            if lane["kind"] != "emotions":
                data["emotions"] = [p for p in data["emotions"] if p["lane_id"] != lane["id"]]
        elif action == "move" and cards:
            card = draw(st.sampled_from(cards))
            card["stage_id"], card["lane_id"] = draw(st.sampled_from(stages))["id"], draw(st.sampled_from(lanes))["id"]
        elif action == "add":
            cards.append(Card(stage_id=draw(st.sampled_from(stages))["id"], lane_id=draw(st.sampled_from(lanes))["id"],
                              text="added").model_dump(mode="json"))
        elif action == "del_card" and cards:
            cards.remove(draw(st.sampled_from(cards)))
        elif action == "scale":
            data["emotion_scale"] = {"min": -1.0, "max": 1.0}
            for point in data["emotions"]:
                point["value"] = max(-1.0, min(1.0, point["value"]))
        elif action == "reorder":
            data["stages"] = draw(st.permutations(stages))
        elif action == "phase" and data["phases"]:
            gone = data["phases"].pop()["id"]
            for stage in stages:
                stage["phase_id"] = None if stage["phase_id"] == gone else stage["phase_id"]
    return JourneyMap.model_validate(data)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_two_edited_copies_merge_into_a_valid_map(data):
    base = data.draw(journey_maps(max_stages=3, max_lanes=3, max_cards=6))
    ours, theirs = data.draw(structural_edits(base)), data.draw(structural_edits(base))
    for prefer in ("ours", "theirs"):
        result = merge_maps(base, ours, theirs, prefer=prefer)  # raises MergeError when it is not valid
        assert len({c.key for c in result.conflicts}) == len(result.conflicts)


def test_copies_of_every_real_sample_merge_cleanly():
    """Real maps (imported from the shared samples): two people edit different cards and stages."""
    import pytest

    from app.io.formats import read_map
    from tests.conftest import SAMPLES

    if not SAMPLES.is_dir():
        pytest.skip("real samples not present")
    for path in sorted(p for p in SAMPLES.iterdir() if p.suffix in (".xlsx", ".csv")):
        base = read_map(path).journey
        if len(base.cards) < 2:
            continue
        ours, theirs = _copy(base), _copy(base)
        ours.cards[0].text += " (workshop)"
        ours.stages = ours.stages[::-1]
        theirs.cards[-1].votes += 3
        theirs.cards = theirs.cards[1:-1] + [theirs.cards[-1], theirs.cards[0]]
        theirs.cards.append(Card(stage_id=base.stages[-1].id, lane_id=base.lanes[0].id, text="office idea"))
        result = merge_maps(base, ours, theirs)
        assert result.conflicts == [], path.name
        merged = result.journey
        assert merged.card(base.cards[0].id).text.endswith(" (workshop)"), path.name
        assert merged.card(base.cards[-1].id).votes == base.cards[-1].votes + 3, path.name
        assert [s.id for s in merged.stages] == [s.id for s in ours.stages], path.name
        assert [c.text for c in merged.cards_in(base.stages[-1].id, base.lanes[0].id)][-1] == "office idea"
        first = base.cards[0]
        assert [c.id for c in merged.cards_in(first.stage_id, first.lane_id)] == [
            c.id for c in theirs.cards_in(first.stage_id, first.lane_id)], path.name  # their reorder landed


@st.composite
def implicit_and_named_curves(draw):
    """A map with personas whose first persona's points are implicit on one side and named on the other
    (reordering personas in the editor names them), each side maybe changing some values."""
    base = draw(journey_maps(max_stages=3, max_lanes=3, max_cards=3))
    if not base.personas:
        base.personas = [Persona(id="pe0", name="Ana")]
    first = base.personas[0].id
    for point in base.emotions:  # the first persona's points implicit, as version-1 files have them
        point.persona_id = None if point.persona_id in (None, first) else point.persona_id
    ours, theirs = _copy(base), _copy(base)
    namer = draw(st.sampled_from([ours, theirs]))
    for point in namer.emotions:
        if point.persona_id is None:
            point.persona_id = first
    changed: dict[tuple, float] = {}
    for side in (ours, theirs):
        for point in side.emotions:
            cell = (point.lane_id, point.stage_id, point.persona_id or first)
            if cell not in changed and draw(st.booleans()):
                # another value on the map's scale (0.0 is off a scale such as -2..-1)
                scale = side.emotion_scale
                point.value = scale.min if point.value != scale.min else scale.max
                changed[cell] = point.value
    return base, ours, theirs, changed


@settings(max_examples=30, deadline=None)
@given(implicit_and_named_curves())
def test_an_implicit_first_persona_point_pairs_with_the_same_point_named(case):
    base, ours, theirs, changed = case
    first = base.personas[0].id
    result = merge_maps(base, ours, theirs)
    assert result.conflicts == []
    owners = [(p.lane_id, p.stage_id, p.persona_id or first) for p in result.journey.emotions]
    assert len(owners) == len(set(owners)) == len(base.emotions)  # paired, not doubled
    for point in result.journey.emotions:
        cell = (point.lane_id, point.stage_id, point.persona_id or first)
        expected = changed.get(cell, base.emotion(point.lane_id, point.stage_id, cell[2]).value)
        assert point.value == expected
