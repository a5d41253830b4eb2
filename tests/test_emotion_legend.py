"""An emotions lane with several personas: the legend at its top, the faces and their labels never overlap each
other or leave the lane, whatever the curves (the layout the canvas, PNG/SVG and the PDF all draw)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout import theme
from app.layout.engine import compute_layout
from app.layout.fonts import line_height, text_width
from app.model.enums import LaneKind
from app.model.journey import EmotionPoint, JourneyMap, Persona
from app.model.templates import map_from_template

NAMES = ("Maya Okafor", "Kai Lindqvist", "Jo Brennan", "Priya Raman", "Sam", "Alexandra Fitzgerald-Smythe")
LABELS = {-2: "Very anxious", -1: "Worried", 0: "Calm", 1: "Fine", 2: "Delighted"}


def _map(curves: list[list[int | None]], labelled: bool) -> JourneyMap:
    journey = map_from_template("five-stage", "Legend")
    personas = [Persona(name=NAMES[i]) for i in range(len(curves))]
    journey.personas = personas
    lane = next(lane for lane in journey.lanes if lane.kind == LaneKind.EMOTIONS)
    journey.emotions = [
        EmotionPoint(stage_id=journey.stages[i].id, lane_id=lane.id, persona_id=persona.id, value=value,
                     label=LABELS[value] if labelled else None)
        for persona, values in zip(personas, curves, strict=True) for i, value in enumerate(values)
        if value is not None]
    return JourneyMap.model_validate(journey.model_dump())


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _assert_clear(journey: JourneyMap) -> None:
    layout = compute_layout(journey)
    [lane] = layout.emotion_lanes.values()
    row = next(r for r in layout.rows if r.lane_id == lane.lane_id)
    legend = []
    for entry in lane.legend:
        text = entry.label
        legend.append((entry.x, text.y, text.x + text_width(text.lines[0], text.size, True),
                       text.y + line_height(text.size)))
    faces, labels = [], []
    for point in lane.points + tuple(p for curve in lane.others for p in curve.points):
        radius = theme.FACE_RADIUS if point.ring is None else theme.FACE_RADIUS * 0.75
        faces.append((point.x - radius, point.y - radius, point.x + radius, point.y + radius))
        if point.label is not None:
            label = point.label
            width = text_width(label.lines[0], label.size, False)
            left = label.x + (label.width - width) / 2
            labels.append((left, label.y, left + width, label.y + line_height(label.size)))
    for box in legend:
        assert not any(_overlap(box, face) for face in faces), "a face covers a name in the legend"
        assert not any(_overlap(box, label) for label in labels), "a label covers a name in the legend"
    for index, label in enumerate(labels):
        assert row.y <= label[1] and label[3] <= row.y + row.height, "a label leaves its lane"
        assert not any(_overlap(label, other) for other in labels[index + 1:]), "two labels overlap"
    for face in faces:
        assert row.y <= face[1] and face[3] <= row.y + row.height, "a face leaves its lane"


def test_four_personas_delighted_at_first_and_anxious_together():
    _assert_clear(_map([[2, 2, -2, 1, 2], [2, 1, -2, 0, 2], [2, 2, -2, -1, 1], [1, 2, -2, 2, 2]], labelled=True))


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 6).flatmap(lambda n: st.lists(
    st.lists(st.one_of(st.none(), st.integers(-2, 2)), min_size=5, max_size=5), min_size=n, max_size=n)),
    st.booleans())
def test_any_curves_of_several_personas_keep_legend_faces_and_labels_apart(curves, labelled):
    _assert_clear(_map(curves, labelled))
