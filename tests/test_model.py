"""The document model: validation, lookups, templates (no Qt)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.model import Card, EmotionPoint, EmotionScale, JourneyMap, Lane, LaneKind, Photo, Stage
from app.model.summary import summarize
from app.model.templates import TEMPLATES, map_from_template, template_names


def _two_by_two() -> JourneyMap:
    return JourneyMap(
        stages=[Stage(id="a", name="A"), Stage(id="b", name="B")],
        lanes=[Lane(id="x", name="Do", kind=LaneKind.ACTIONS), Lane(id="e", name="Feel", kind=LaneKind.EMOTIONS)],
    )


def test_card_in_missing_stage_is_rejected_with_a_message_naming_it():
    journey = _two_by_two()
    data = journey.model_dump()
    data["cards"] = [{"id": "c1", "stage_id": "nope", "lane_id": "x", "text": "hi"}]
    with pytest.raises(ValidationError, match="card 'c1' is in stage 'nope', which does not exist"):
        JourneyMap.model_validate(data)


def test_duplicate_ids_are_rejected():
    with pytest.raises(ValidationError, match="id 'a' is used twice"):
        JourneyMap(stages=[Stage(id="a", name="A"), Stage(id="a", name="B")])


def test_emotion_outside_scale_or_on_wrong_lane_is_rejected():
    journey = _two_by_two()
    data = journey.model_dump()
    data["emotions"] = [{"stage_id": "a", "lane_id": "e", "value": 5}]
    with pytest.raises(ValidationError, match="outside the scale -2..2"):
        JourneyMap.model_validate(data)
    data["emotions"] = [{"stage_id": "a", "lane_id": "x", "value": 1}]
    with pytest.raises(ValidationError, match="not an emotions lane"):
        JourneyMap.model_validate(data)


def test_scale_must_be_ordered_and_keeps_its_range():
    with pytest.raises(ValidationError, match="must be below"):
        EmotionScale(min=5, max=1)
    scale = EmotionScale(min=1, max=5)
    assert scale.normalized(3) == 0.5
    assert scale.clamp(9) == 5


def test_nan_is_not_a_value():
    with pytest.raises(ValidationError):
        EmotionPoint(stage_id="a", lane_id="e", value=float("nan"))


def test_colors_must_be_hex():
    with pytest.raises(ValidationError):
        Stage(name="A", color="red")


def test_photo_must_be_base64_and_small():
    with pytest.raises(ValidationError, match="base64"):
        Photo(data="not base64!!")
    with pytest.raises(ValidationError, match="larger than"):
        Photo(data="A" * (3 * 1024 * 1024))


def test_cards_in_keeps_order_and_lookups_find_items():
    journey = _two_by_two()
    journey.cards = [
        Card(id="c1", stage_id="a", lane_id="x", text="first"),
        Card(id="c2", stage_id="b", lane_id="x", text="other"),
        Card(id="c3", stage_id="a", lane_id="x", text="second"),
    ]
    assert [c.text for c in journey.cards_in("a", "x")] == ["first", "second"]
    assert journey.card("c2").stage_id == "b"
    assert journey.stage_index("b") == 1
    with pytest.raises(KeyError):
        journey.card("zzz")


def test_ids_are_generated_short_and_unique():
    stages = [Stage(name=str(i)) for i in range(500)]
    ids = {s.id for s in stages}
    assert len(ids) == 500
    assert all(len(i) == 12 for i in ids)


@pytest.mark.parametrize("name", template_names())
def test_every_template_builds_a_valid_map_with_default_lanes(name):
    journey = map_from_template(name)
    template = next(t for t in TEMPLATES if t.name == name)
    assert [s.name for s in journey.stages] == list(template.stages)
    if template.lanes is not None:  # the service blueprint: its own lanes, with their roles
        assert [(lane.name, lane.kind, lane.role) for lane in journey.lanes] == list(template.lanes)
    else:
        assert [lane.name for lane in journey.lanes] == [
            "Customer actions",
            "Touchpoints",
            "Thoughts",
            "Emotions",
            "Pain points",
            "Opportunities",
        ]
    assert journey.lanes[3].kind == LaneKind.EMOTIONS
    JourneyMap.model_validate(journey.model_dump())


def test_the_required_templates_exist():
    stage_sets = {t.stages for t in TEMPLATES}
    assert ("Awareness", "Consideration", "Decision", "Retention", "Advocacy") in stage_sets
    assert ("Awareness", "Interest", "Comparison", "Purchase", "Usage", "Feedback", "Repeat") in stage_sets
    assert ("Awareness", "Consideration", "Acquisition", "Retention") in stage_sets
    assert ("Acquisition", "Commitment", "Keep") in stage_sets
    assert ("Research the problem", "Explore solutions", "Choose a solution", "Purchase") in stage_sets


def test_example_map_is_complete(example_map):
    assert example_map.persona is not None and example_map.persona.name
    lanes_with_cards = {c.lane_id for c in example_map.cards}
    for lane in example_map.lanes:
        if lane.kind == LaneKind.EMOTIONS:
            assert len([p for p in example_map.emotions if p.lane_id == lane.id]) == len(example_map.stages)
        elif lane.kind == LaneKind.KPIS:  # its bars are the stages' KPIs
            assert all(stage.kpis for stage in example_map.stages)
        else:
            assert lane.id in lanes_with_cards, lane.name
    assert example_map.phases


def test_summary_has_the_documented_shape(example_map):
    summary = summarize(example_map)
    assert list(summary) == ["title", "stages", "phases", "lanes", "cells", "emotions", "emotion_scale",
                             "personas", "cards"]
    assert summary["stages"][0] == "Awareness"
    assert summary["phases"][0] == {"name": "Before", "stages": [0, 1]}
    assert summary["lanes"][0] == {"name": "Customer actions", "kind": "actions", "role": None}
    first = summary["cells"][0]
    assert set(first) == {"stage", "lane", "items"} and isinstance(first["items"][0], str)
    assert summary["emotions"][2] == {"stage": 2, "lane": 3, "value": -2.0, "label": "Anxious", "persona": 0}
    assert summary["personas"] == [{"name": "Maya Okafor"}]
    assert summary["cards"][0] == {"stage": 0, "lane": 0, "text": summary["cells"][0]["items"][0], "personas": []}
    assert summary["emotion_scale"] == [-2.0, 2.0]
