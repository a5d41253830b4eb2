"""The map diff: generated pairs of maps with known edits, re-id'd maps, the JSON shape."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model import Card, Channel, EmotionPoint, Evidence, EvidenceStatus, JourneyMap, new_id
from app.model.diff import diff_contents
from app.model.diff_text import matching_note
from app.model.matching import increasing_subsequence, match_by_name
from tests.strategies import journey_maps

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def regenerate_ids(journey: JourneyMap) -> JourneyMap:
    """The same map with every stage, phase, lane, group and card id replaced (as an Excel re-import)."""
    items = [*journey.stages, *journey.phases, *journey.lanes, *journey.lane_groups, *journey.cards,
             *(k for s in journey.stages for k in s.kpis)]
    fresh = {item.id: f"x{new_id()}" for item in items}

    def renamed(value):  # only ids and references, never a text that happens to look like an id
        if isinstance(value, dict):
            return {key: fresh.get(item, item) if (key == "id" or key.endswith("_id")) and isinstance(item, str)
                    else renamed(item) for key, item in value.items()}
        if isinstance(value, list):
            return [renamed(item) for item in value]
        return value

    return JourneyMap.model_validate(renamed(journey.model_dump(mode="json")))


def _different_field_value(card: Card, name: str):
    return {
        "text": card.text + " (edited)",
        "color": "#123456" if card.color != "#123456" else "#654321",
        "note": card.note + " more",
        "tags": [*card.tags, "new-tag"],
        "evidence": None if card.evidence else Evidence(status=EvidenceStatus.OBSERVED),
        "channel": None if card.channel else Channel.EMAIL,
        "votes": card.votes + 1,
    }[name]


@st.composite
def edited_pairs(draw):
    """(old, new, expected): a map, the map after random known edits, and those edits."""
    old = draw(journey_maps(max_cards=15))
    new = old.model_copy(deep=True)
    cells = [(s.id, lane.id) for s in new.stages for lane in new.lanes]
    expected = {"added": set(), "removed": set(), "changed": {}, "moved": set(), "renamed": set(),
                "emotion_changed": set(), "emotion_removed": set(), "emotion_added": set()}
    cards = []
    for card in new.cards:
        action = draw(st.sampled_from(["keep", "keep", "remove", "change", "move", "change+move"]))
        if action == "remove":
            expected["removed"].add(card.id)
            continue
        if "change" in action:
            fields = draw(st.sets(st.sampled_from(["text", "color", "note", "tags", "evidence", "channel", "votes"]),
                                  min_size=1))
            for name in fields:
                setattr(card, name, _different_field_value(card, name))
            expected["changed"][card.id] = fields
        if "move" in action and len(cells) > 1:
            target = draw(st.sampled_from([c for c in cells if c != (card.stage_id, card.lane_id)]))
            card.stage_id, card.lane_id = target
            expected["moved"].add(card.id)
        cards.append(card)
    for i in range(draw(st.integers(0, 3))):
        stage_id, lane_id = draw(st.sampled_from(cells))
        card = Card(id=f"added{i}", stage_id=stage_id, lane_id=lane_id, text=draw(st.text(max_size=10)))
        cards.insert(draw(st.integers(0, len(cards))), card)
        expected["added"].add(card.id)
    if old.cards and not any(c.id in {o.id for o in old.cards} for c in cards):
        # No card id left in common: the diff (rightly) pairs cards by text, as for a re-import.
        cards = [c for c in cards if c.id not in expected["added"]]
        expected["added"] = set()
    new.cards = cards
    for stage in new.stages:
        if draw(st.booleans()):
            stage.name += " renamed"
            expected["renamed"].add(stage.id)
    scale = new.emotion_scale
    points = []

    def whose(persona_id):  # the name of the persona whose curve a point is on, as the diff reports it
        owner = new.curve_owner(persona_id)
        return new.persona_by_id(owner).name if owner else None

    for point in new.emotions:
        action = draw(st.sampled_from(["keep", "change", "remove"]))
        key = (point.lane_id, point.stage_id, whose(point.persona_id))
        if action == "remove":
            expected["emotion_removed"].add(key)
            continue
        if action == "change":
            point.value = scale.min if point.value != scale.min else scale.max
            expected["emotion_changed"].add(key)
        points.append(point)
    taken = {(p.lane_id, p.stage_id, new.curve_owner(p.persona_id)) for p in new.emotions}
    for lane in (lane for lane in new.lanes if lane.kind == "emotions"):
        for stage in new.stages:
            if (lane.id, stage.id, new.curve_owner(None)) not in taken and draw(st.booleans()):
                points.append(EmotionPoint(lane_id=lane.id, stage_id=stage.id, value=scale.max))
                expected["emotion_added"].add((lane.id, stage.id, whose(None)))
    new.emotions = points
    return old, JourneyMap.model_validate(new.model_dump()), expected


@SETTINGS
@given(edited_pairs())
def test_diff_reports_exactly_the_edits_made(pair):
    old, new, expected = pair
    diff = diff_contents(old, new)
    assert diff.matching == {k: "id" for k in ("phases", "stages", "lane_groups", "lanes", "personas", "cards")}
    assert {c.id for c in diff.cards_added} == expected["added"]
    assert {c.id for c in diff.cards_removed} == expected["removed"]
    assert {c.old.id: {f.field for f in c.fields} for c in diff.cards_changed} == expected["changed"]
    assert {m.old.id for m in diff.cards_moved} == expected["moved"]
    assert all(m.kind == "cell" for m in diff.cards_moved)
    assert {c.old.id for c in diff.stages.renamed} == expected["renamed"]
    assert all(not c.moved and [f.field for f in c.fields] == ["name"] for c in diff.stages.changed)
    assert not (diff.stages.added or diff.stages.removed or diff.lanes or diff.phases or diff.lane_groups)
    assert {(e.lane_id, e.stage_id, e.persona) for e in diff.emotions_added} == expected["emotion_added"]
    assert {(e.lane_id, e.stage_id, e.persona) for e in diff.emotions_removed} == expected["emotion_removed"]
    assert {(e.old.lane_id, e.old.stage_id, e.old.persona) for e in diff.emotions_changed} == \
        expected["emotion_changed"]
    assert all([f.field for f in e.fields] == ["value"] and e.old.value != e.new.value
               for e in diff.emotions_changed)
    assert diff.metadata == () and diff.persona == ()
    expected_count = sum(len(v) for v in expected.values())
    assert diff.is_empty == (expected_count == 0)
    assert len(diff.summary()) >= (1 if expected_count else 0)
    json.dumps(diff.to_json())  # always serialisable


@SETTINGS
@given(journey_maps())
def test_a_map_against_itself_and_against_itself_with_fresh_ids_is_empty(journey):
    assert diff_contents(journey, journey).is_empty
    assert diff_contents(journey, journey).summary() == []
    fresh = regenerate_ids(journey)
    diff = diff_contents(journey, fresh)
    assert diff.is_empty, diff.summary()


def test_reordering_within_a_cell_is_one_position_move(example_map):
    new = example_map.model_copy(deep=True)
    cell = [c for c in new.cards if c.stage_id == "st-consider" and c.lane_id == "ln-actions"]
    assert len(cell) == 3
    first = cell[0]
    new.cards.remove(first)
    new.cards.insert(new.cards.index(cell[2]) + 1, first)  # now last in its cell
    diff = diff_contents(example_map, new)
    assert [(m.kind, m.old.id, m.old.index, m.new.index) for m in diff.cards_moved] == [("position", first.id, 0, 2)]
    assert diff.summary() == [f"Card {first.text!r} moved from position 1 to 3 in Consideration/Customer actions"]


def test_moving_a_stage_marks_one_stage_moved(example_map):
    new = example_map.model_copy(deep=True)
    new.stages = [new.stages[4], *new.stages[:4]]
    diff = diff_contents(example_map, new)
    assert [(c.new.name, c.old.index, c.new.index) for c in diff.stages.moved] == [("Advocacy", 4, 0)]
    assert diff.summary() == ["Stage 'Advocacy' moved from position 5 to 1"]


def test_lane_kind_change_and_persona_and_title(example_map):
    new = example_map.model_copy(deep=True)
    new.lanes[2].kind = "text"
    new.metadata.title = "Switching plans, v2"
    new.persona.name = "Maya O."
    new.persona.preferred_channels = []
    diff = diff_contents(example_map, new)
    assert [f.to_json() for f in diff.lanes.changed[0].fields] == [{"field": "kind", "old": "thoughts", "new": "text"}]
    assert {f.field for f in diff.persona} == {"name", "preferred_channels"}
    assert diff.summary()[0] == "Title changed from 'Switching mobile plans' to 'Switching plans, v2'"
    assert "Lane 'Thoughts': kind Thoughts -> Text" in diff.summary()


def test_reimported_map_with_fresh_ids_finds_the_edits_not_everything(example_map):
    """An Excel re-import: every id is new, and a few things changed between the workshops."""
    new = example_map.model_copy(deep=True)
    by_id = {c.id: c for c in new.cards}
    by_id["c001"].text = "Opens her third bill in a row that is higher than she expected"  # reworded
    by_id["c002"].stage_id = "st-decide"  # moved to another stage
    by_id["c003"].votes = 4
    new.cards.remove(by_id["c004"])
    new.cards.append(Card(stage_id="st-retain", lane_id="ln-pain", text="Roaming charges are a surprise"))
    new.stages[2].name = "Purchase"  # renamed: matched by position between Consideration and Retention
    new.emotions[1].value = 1.0
    diff = diff_contents(example_map, regenerate_ids(new))

    assert diff.matching["stages"] == diff.matching["lanes"] == "name" and diff.matching["cards"] == "text"
    assert "the versions share no ids" in matching_note(diff)
    assert [(c.old.name, c.new.name) for c in diff.stages.changed] == [("Decision", "Purchase")]
    assert [c.text for c in diff.cards_added] == ["Roaming charges are a surprise"]
    assert [c.id for c in diff.cards_removed] == ["c004"]
    assert {c.old.id: [f.field for f in c.fields] for c in diff.cards_changed} == {"c001": ["text"], "c003": ["votes"]}
    assert [(m.old.id, m.old.cell, m.new.cell) for m in diff.cards_moved] == [
        ("c002", "Awareness/Customer actions", "Purchase/Customer actions")]
    assert [(e.old.stage, e.old.value, e.new.value) for e in diff.emotions_changed] == [("Consideration", 0.0, 1.0)]
    assert not (diff.lanes or diff.phases or diff.emotions_added or diff.emotions_removed)
    assert ("Card 'Asks friends which network they use' moved from Awareness/Customer actions "
            "to Purchase/Customer actions") in diff.summary()


def test_removed_and_added_stages(example_map):
    data = example_map.model_dump()
    removed = data["stages"].pop(4)
    data["cards"] = [c for c in data["cards"] if c["stage_id"] != removed["id"]]
    data["emotions"] = [p for p in data["emotions"] if p["stage_id"] != removed["id"]]
    data["stages"].insert(0, {"id": "st-new", "name": "Trigger"})
    new = JourneyMap.model_validate(data)
    diff = diff_contents(example_map, new)
    assert [r.name for r in diff.stages.added] == ["Trigger"] and [r.name for r in diff.stages.removed] == ["Advocacy"]
    assert not diff.stages.moved  # an insertion shifts indexes but moves nothing
    assert {c.stage for c in diff.cards_removed} == {"Advocacy"}
    assert [e.stage for e in diff.emotions_removed] == ["Advocacy"]


def test_json_shape_is_stable(example_map):
    new = example_map.model_copy(deep=True)
    new.cards[0].votes = 2
    data = diff_contents(example_map, new).to_json()
    assert list(data) == ["same", "matching", "metadata", "persona", "phases", "stages", "lane_groups", "lanes",
                          "cards", "emotions", "personas", "summary"]
    assert set(data["stages"]) == {"added", "removed", "changed"}
    assert set(data["cards"]) == {"added", "removed", "changed", "moved"}
    assert set(data["emotions"]) == {"added", "removed", "changed"}
    change = data["cards"]["changed"][0]
    assert set(change) == {"old", "new", "fields"}
    assert set(change["old"]) == {"id", "stage_id", "lane_id", "stage", "lane", "index", "text"}
    assert change["fields"] == [{"field": "votes", "old": 0, "new": 2}]
    assert data["same"] is False and len(data["summary"]) == 1


def test_longest_increasing_subsequence_and_name_matching():
    assert increasing_subsequence([]) == set()
    assert len(increasing_subsequence([3, 0, 1, 2])) == 3
    assert increasing_subsequence([0, 1, 2]) == {0, 1, 2}

    class Item:
        def __init__(self, id_: str, name: str) -> None:
            self.id, self.name = id_, name

    old = [Item("a", "Awareness"), Item("b", "Decide"), Item("c", "Retention"), Item("d", "Gone")]
    new = [Item("A", " awareness "), Item("B", "Decision"), Item("C", "RETENTION")]
    assert match_by_name(old, new, by_position=True) == {"a": "A", "b": "B", "c": "C"}
    assert match_by_name(old, new, by_position=False) == {"a": "A", "c": "C"}


def test_summary_lines_are_single_lines(example_map):
    new = example_map.model_copy(deep=True)
    new.cards[0].text = "Line one\nline two " + "long " * 30
    lines = diff_contents(example_map, new).summary()
    assert len(lines) == 1 and "\n" not in lines[0]
    assert re.search(r"now reads 'Line one line two long .*…'$", lines[0])


def test_cli_diff_json_and_files_in_other_formats(example_path, tmp_path, capsys):
    from app.cli import main
    from app.io.formats import write_map

    other = tmp_path / "v2.json"
    journey = JourneyMap.model_validate(json.loads(example_path.read_text(encoding="utf-8")))
    journey.cards[0].votes = 5
    write_map(journey, other)
    assert main(["diff", "--json", str(example_path), str(other)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["same"] is False and data["summary"] == [
        "Card 'Opens her third bill in a row that is higher th…' in Awareness/Customer actions: votes 0 -> 5"]
    assert main(["diff", str(example_path), str(example_path)]) == 0
    assert capsys.readouterr().out == "no differences\n"
    assert main(["diff", str(example_path), str(tmp_path / "missing.journey")]) == 1
    assert capsys.readouterr().err.strip() == "journey-canvas: error: missing.journey: does not exist"


def test_diff_knows_personas_their_curves_card_ties_and_lane_roles():
    from app.model.enums import LaneRole
    from tests.persona_maps import three_persona_blueprint

    old = three_persona_blueprint()
    new = old.model_dump()
    maya, kai, jo = new["personas"]
    new["personas"] = [maya, jo]  # Kai goes, with his curve
    new["emotions"] = [p for p in new["emotions"] if p["persona_id"] != kai["id"]]
    for card in new["cards"]:
        card["personas"] = [p for p in card["personas"] if p != kai["id"]]
    next(p for p in new["emotions"] if p["persona_id"] == jo["id"])["value"] = -2
    new["lanes"][0]["role"] = LaneRole.SUPPORT
    diff = diff_contents(old, JourneyMap.model_validate(new))
    assert [r.name for r in diff.personas.removed] == ["Kai"]
    assert {e.persona for e in diff.emotions_removed} == {"Kai"} and len(diff.emotions_removed) == 5
    assert [(c.new.persona, c.new.value) for c in diff.emotions_changed] == [("Jo", -2.0)]
    assert {c.old.text: [f.to_json() for f in c.fields] for c in diff.cards_changed} == {
        "Asks a friend": [{"field": "personas", "old": ["Kai"], "new": []}],
        "Long wait": [{"field": "personas", "old": ["Kai"], "new": []}]}
    assert [f.to_json() for c in diff.lanes.changed for f in c.fields] == [
        {"field": "role", "old": "evidence", "new": "support"}]
    summary = "\n".join(diff.summary())
    assert "Persona 'Kai' removed" in summary and "(Jo) changed from 1 to -2" in summary
