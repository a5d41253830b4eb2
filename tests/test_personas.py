"""Several personas and the service blueprint, without Qt: the format, its migration, the filter, the layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.check import check_map
from app.io.journey.file import dumps_journey, load_journey, loads_journey
from app.layout.engine import compute_layout
from app.model.enums import LaneRole
from app.model.journey import Card, EmotionPoint, JourneyMap, Persona
from app.model.personas import PersonaFilterError, filter_personas, persona_colors
from app.model.summary import summarize
from tests.persona_maps import three_persona_blueprint

V1_EXAMPLE = Path(__file__).parent / "data" / "example-v1.journey"
EXAMPLE = Path(__file__).parents[1] / "resources" / "examples" / "example.journey"


def test_a_version_1_file_opens_as_version_2_with_the_same_meaning():
    raw = json.loads(V1_EXAMPLE.read_text(encoding="utf-8"))
    assert raw["schema_version"] == 1 and "persona" in raw
    journey = load_journey(V1_EXAMPLE)
    assert journey.schema_version == 2
    assert [p.name for p in journey.personas] == [raw["persona"]["name"]]
    assert journey.personas[0].goals == raw["persona"]["goals"]
    assert [c.text for c in journey.cards] == [c["text"] for c in raw["cards"]]
    assert all(card.personas == [] for card in journey.cards)  # every card is for all personas, as before
    summary = summarize(journey)
    assert sorted((e["value"], e["label"]) for e in summary["emotions"]) == sorted(
        (e["value"], e.get("label")) for e in raw["emotions"])
    assert {e["persona"] for e in summary["emotions"]} == {0}  # on the first (only) persona's curve
    again = loads_journey(dumps_journey(journey))
    assert again == journey and '"schema_version": 2' in dumps_journey(journey)
    assert summarize(load_journey(EXAMPLE)) == summary  # the bundled example, saved as version 2, means the same


def test_version_1_snapshots_are_upgraded_too():
    raw = json.loads(V1_EXAMPLE.read_text(encoding="utf-8"))
    content = {key: value for key, value in raw.items() if key not in ("schema_version", "snapshots")}
    raw["snapshots"] = [{"id": "s1", "name": "Workshop 1", "created": "2026-11-01T10:00:00Z", "content": content}]
    journey = loads_journey(json.dumps(raw))
    assert journey.snapshots[0].content.personas[0].id == journey.personas[0].id  # same id: diff pairs them


def test_references_to_personas_are_checked():
    journey = three_persona_blueprint()
    data = journey.model_dump()
    data["cards"][0]["personas"] = ["nobody"]
    with pytest.raises(ValidationError, match="tied to persona 'nobody'"):
        JourneyMap.model_validate(data)
    data = journey.model_dump()
    data["emotions"].append({**data["emotions"][0]})
    with pytest.raises(ValidationError, match="given twice"):
        JourneyMap.model_validate(data)
    # None means the first persona: a second point for Maya's cell with persona None is a duplicate too
    data = journey.model_dump()
    data["emotions"].append({**data["emotions"][0], "persona_id": None})
    with pytest.raises(ValidationError, match="given twice"):
        JourneyMap.model_validate(data)


def test_filter_keeps_the_chosen_personas_cards_and_curves():
    journey = three_persona_blueprint()
    kai = filter_personas(journey, ["kai"])
    assert [p.name for p in kai.personas] == ["Kai"]
    texts = {c.text for c in kai.cards}
    assert "Asks a friend" in texts and "Searches for a clinic" in texts  # Kai's and everyone's
    assert "Books online" not in texts and "Patient records system" not in texts  # Maya's and Jo's
    assert {p.persona_id for p in kai.emotions} == {kai.personas[0].id} and len(kai.emotions) == 5
    assert kai.personas[0].color == persona_colors(journey)[journey.personas[1].id]
    two = filter_personas(journey, ["Jo", "Maya"])
    assert [p.name for p in two.personas] == ["Maya", "Jo"] and len(two.emotions) == 10
    assert filter_personas(journey, []) is journey
    assert len(journey.cards) == 9 and len(journey.personas) == 3  # the map given is untouched
    with pytest.raises(PersonaFilterError, match="no persona named 'Bob'.*'Maya', 'Kai', 'Jo'"):
        filter_personas(journey, ["Bob"])


def test_filtering_away_the_first_persona_keeps_its_implicit_points_off_the_others_curves():
    journey = load_journey(V1_EXAMPLE)
    journey.personas = [*journey.personas, Persona(name="Second")]
    second = filter_personas(journey, ["Second"])
    assert second.emotions == []


def test_info_json_names_personas_roles_and_card_personas():
    summary = summarize(three_persona_blueprint())
    assert summary["personas"] == [{"name": "Maya"}, {"name": "Kai"}, {"name": "Jo"}]
    assert [lane["role"] for lane in summary["lanes"]] == [
        "evidence", "customer", None, None, None, "frontstage", "backstage", "support"]
    books = next(c for c in summary["cards"] if c["text"] == "Books online")
    assert books["personas"] == [0, 2]
    assert {e["persona"] for e in summary["emotions"]} == {0, 1, 2}


def test_layout_draws_a_curve_per_persona_a_legend_and_the_blueprint_lines():
    journey = three_persona_blueprint()
    layout = compute_layout(journey)
    (lane,) = layout.emotion_lanes.values()
    colors = persona_colors(journey)
    assert len(lane.points) == 5 and lane.color == colors[journey.personas[0].id]
    assert [(o.color, len(o.points)) for o in lane.others] == [(colors[p.id], 5) for p in journey.personas[1:]]
    assert len(set(colors.values())) == 3
    assert [e.label.lines[0] for e in lane.legend] == ["Maya", "Kai", "Jo"]
    labels = [p.label for p in (*lane.points, *(q for o in lane.others for q in o.points)) if p.label]
    tops = sorted(label.y for label in labels)
    assert all(b - a >= 10 for a, b in zip(tops, tops[1:], strict=False))  # stacked, not on top of each other
    boxes = {journey.card(card_id).text: box for card_id, box in layout.cards.items()}
    assert boxes["Books online"].personas == (colors[journey.personas[0].id], colors[journey.personas[2].id])
    assert boxes["Searches for a clinic"].personas == ()  # a card for all personas has no dots
    names = [line.label.lines[0] for line in layout.blueprint_lines]
    assert names == ["Line of interaction", "Line of visibility", "Line of internal interaction"]
    rows = {row.lane_id: row.y for row in layout.rows}
    roles = {lane.role: lane.id for lane in journey.lanes if lane.role}
    assert [line.y for line in layout.blueprint_lines] == [
        rows[roles[LaneRole.FRONTSTAGE]], rows[roles[LaneRole.BACKSTAGE]], rows[roles[LaneRole.SUPPORT]]]


def test_a_map_with_one_persona_looks_as_before():
    layout = compute_layout(load_journey(EXAMPLE))
    assert all(not lane.others and not lane.legend for lane in layout.emotion_lanes.values())
    assert layout.blueprint_lines == []


def test_check_warns_about_backstage_work_without_a_customer_action():
    journey = three_persona_blueprint()
    found = [f for f in check_map(journey, text=False) if f.code == "backstage-without-customer-action"]
    assert [journey.stage(f.stage_id).name for f in found] == ["Arrive", "Leave"]
    customer = next(lane for lane in journey.lanes if lane.role == LaneRole.CUSTOMER)
    journey.cards.append(Card(stage_id=journey.stages[2].id, lane_id=customer.id, text="Checks in"))
    found = [f for f in check_map(journey, text=False) if f.code == "backstage-without-customer-action"]
    assert [journey.stage(f.stage_id).name for f in found] == ["Leave"]


def test_an_explicit_first_persona_point_and_an_implicit_one_are_the_same_curve():
    journey = three_persona_blueprint()
    point = journey.emotions[0]
    assert journey.emotion(point.lane_id, point.stage_id) == point  # None asks for the first persona's curve
    kai = journey.personas[1].id
    assert journey.emotion(point.lane_id, point.stage_id, kai).persona_id == kai
    assert isinstance(point, EmotionPoint)


def test_three_personas_round_trip_through_mermaid_and_excel_layout(tmp_path):
    from openpyxl import load_workbook

    from app.io.formats import read_map, write_map
    from app.model.diff import diff_contents

    journey = three_persona_blueprint()
    mmd = tmp_path / "clinic.mmd"
    write_map(journey, mmd)
    back = read_map(mmd).journey
    assert [p.name for p in back.personas] == ["Maya", "Kai", "Jo"]
    names = {p.id: p.name for p in back.personas}
    mine = {p.id: p.name for p in journey.personas}
    curves = sorted((names[p.persona_id], journey.stage_index(journey.stages[0].id), p.value) for p in back.emotions)
    assert len(back.emotions) == len(journey.emotions) == 15 and curves
    assert sorted((names[back.curve_owner(p.persona_id)], back.stage_index(p.stage_id), p.value)
                  for p in back.emotions) == sorted(
        (mine[journey.curve_owner(p.persona_id)], journey.stage_index(p.stage_id), p.value) for p in journey.emotions)
    actions = [c for c in journey.cards if journey.lane(c.lane_id).role == LaneRole.CUSTOMER]
    assert [(c.text, [names[p] for p in c.personas]) for c in back.cards] == [
        (c.text, [mine[p] for p in c.personas]) for c in actions]
    # Excel read by its layout (the hidden sheet removed): personas, curves, card ties and roles come back
    xlsx = tmp_path / "clinic.xlsx"
    write_map(journey, xlsx)
    book = load_workbook(xlsx)
    del book["_journey_canvas"]
    book.save(xlsx)
    again = read_map(xlsx).journey
    diff = diff_contents(journey, again)
    assert not (diff.emotions_added or diff.emotions_removed or diff.emotions_changed or diff.cards_added
                or diff.cards_removed or diff.personas.added or diff.personas.removed), diff.summary()
    assert [c for c in diff.cards_changed if any(f.field in ("text", "personas") for f in c.fields)] == []
    assert [lane.role for lane in again.lanes] == [lane.role for lane in journey.lanes]


def test_the_emotion_lookup_finds_what_emotion_finds_on_every_curve():
    journey = three_persona_blueprint()
    lookup = journey.emotion_lookup()
    owners = [None, *(p.id for p in journey.personas), "nobody"]
    cells = [(lane.id, stage.id, owner) for lane in journey.lanes for stage in journey.stages for owner in owners]
    assert any(journey.emotion(*cell) is not None for cell in cells)
    assert all(lookup(*cell) is journey.emotion(*cell) for cell in cells)
