"""The quick test of a map's references (set operations over all cards at once) agrees with the walk that
names each problem: a map passes it exactly when the walk finds nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import Card, EmotionPoint, EmotionScale, Lane, LaneGroup, LaneKind, Persona, Phase, Stage
from app.model import references as model
from app.model.journey import JourneyContent, find_reference_problems

DEFECTS = ["none", "id misspelt", "id twice", "phase", "lane group", "card stage", "card lane", "card persona",
           "card persona twice", "point persona", "point stage", "point lane", "point on a text lane",
           "point twice", "point off the scale"]


@st.composite
def tangled_maps(draw: st.DrawFn) -> JourneyContent:
    """Sound maps with at most one reference problem each (of every kind the walk names), built without
    validation as a hostile file would be."""
    def ids(prefix: str, fewest: int, most: int) -> list[str]:
        return [f"{prefix}{n}" for n in range(draw(st.integers(fewest, most)))]

    phase_ids, group_ids, persona_ids = ids("h", 0, 2), ids("g", 0, 2), ids("p", 1, 2)
    stage_ids, lane_ids, card_ids = ids("s", 1, 3), ids("l", 2, 3), ids("k", 1, 3)
    stages = [Stage(id=i, name="S", phase_id=draw(st.sampled_from([None, *phase_ids]))) for i in stage_ids]
    lanes = [Lane(id=i, name="L", group_id=draw(st.sampled_from([None, *group_ids])),
                  kind=LaneKind.EMOTIONS if n == 0 else draw(st.sampled_from([LaneKind.EMOTIONS, LaneKind.TEXT])))
             for n, i in enumerate(lane_ids)]
    cards = [Card(id=i, stage_id=draw(st.sampled_from(stage_ids)), lane_id=draw(st.sampled_from(lane_ids)),
                  personas=draw(st.lists(st.sampled_from(persona_ids), unique=True))) for i in card_ids]
    emotion_lanes = [lane.id for lane in lanes if lane.kind == LaneKind.EMOTIONS]
    cells = draw(st.lists(st.tuples(st.sampled_from(emotion_lanes), st.sampled_from(stage_ids),
                                    st.sampled_from(persona_ids)), unique=True, max_size=4))
    points = [EmotionPoint(lane_id=lane, stage_id=stage, value=draw(st.sampled_from([-2.0, 0.5, 2.0])),
                           persona_id=None if persona == persona_ids[0] and draw(st.booleans()) else persona)
              for lane, stage, persona in cells]
    defect = draw(st.sampled_from(DEFECTS))
    if defect == "id misspelt":  # only JSON gets here (see app.model.journey._IdSpelling)
        item = draw(st.sampled_from(stages + lanes + cards))
        item.__dict__["id"] = draw(st.sampled_from(["a b", "caf\u00e9", "x\n", "\u0130"]))
    elif defect == "id twice":
        card = draw(st.sampled_from(cards))
        card.id = draw(st.sampled_from([c.id for c in cards if c is not card] + stage_ids + lane_ids + phase_ids
                                       + group_ids + persona_ids))
    elif defect == "phase":
        draw(st.sampled_from(stages)).phase_id = "gone"
    elif defect == "lane group":
        draw(st.sampled_from(lanes)).group_id = "gone"
    elif defect in ("card stage", "card lane", "card persona"):
        card = draw(st.sampled_from(cards))
        if defect == "card persona":
            card.personas = [*card.personas, "gone"]
        else:
            setattr(card, defect.replace("card ", "") + "_id", "gone")
    elif defect == "card persona twice":
        card = draw(st.sampled_from(cards))
        card.personas = [persona_ids[0], *card.personas]
    elif points and defect.startswith("point"):
        point = draw(st.sampled_from(points))
        if defect == "point twice":
            points.append(point.model_copy(update={"persona_id": None if point.persona_id == persona_ids[0]
                                                   else point.persona_id}))
        elif defect == "point off the scale":
            point.value = draw(st.sampled_from([-2.5, 2.5]))
        elif defect == "point on a text lane":
            point.lane_id = next((lane.id for lane in lanes if lane.kind == LaneKind.TEXT), "gone")
        else:
            setattr(point, defect.replace("point ", "") + "_id", "gone")
    return JourneyContent.model_construct(
        phases=[Phase(id=i, name="P") for i in phase_ids], lane_groups=[LaneGroup(id=i, name="G") for i in group_ids],
        personas=[Persona(id=i) for i in persona_ids], stages=stages, lanes=lanes, cards=cards, emotions=points,
        emotion_scale=EmotionScale(),
    )


@settings(max_examples=200, deadline=None)
@given(content=tangled_maps())
def test_the_quick_test_passes_exactly_the_maps_the_walk_finds_nothing_wrong_with(content):
    walked = model._walk_references(content)
    assert model._references_hold(content) == (walked == [])
    assert find_reference_problems(content) == walked


def test_a_sound_map_passes_the_quick_test(example_map):
    assert model._references_hold(example_map)
    assert find_reference_problems(example_map) == []
