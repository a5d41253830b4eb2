"""A header the canvas cuts ("…") gives its whole text when the mouse rests on it: driven with real mouse moves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtTest import QTest

from app.document import JourneyDocument
from app.model import Card, JourneyMap, Lane, Metadata, Phase, Stage
from app.widgets.canvas import MapView

DESCRIPTION = " ".join(f"reason{i}" for i in range(60))
LANE_NAME = "Customer " + " ".join(f"actions{i}" for i in range(30))


@pytest.fixture
def view(qtbot):
    phase = Phase(id="p", name="Before " + " ".join(f"phase{i}" for i in range(40)))
    stages = [Stage(id="s0", name="Aware", description=DESCRIPTION, phase_id="p"),
              Stage(id="s1", name="Buy", description="short", phase_id="p")]
    lanes = [Lane(id="l0", name=LANE_NAME), Lane(id="l1", name="Thoughts")]
    journey = JourneyMap(metadata=Metadata(title="Tips"), phases=[phase], stages=stages, lanes=lanes,
                         cards=[Card(stage_id="s0", lane_id="l0", text="card")])
    view = MapView(JourneyDocument(journey))
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def hover(view: MapView, item, x: float, y: float) -> str:
    point = view.mapFromScene(item.mapToScene(QPointF(x, y)))
    QTest.mouseMove(view.viewport(), point)
    QTest.mouseMove(view.viewport(), point + type(point)(1, 1))
    return item.toolTip()


def test_a_cut_stage_description_lane_name_and_phase_name_show_whole_on_hover(view):
    scene = view.map_scene
    layout = scene.layout
    first, second = layout.frame.stage_headers
    assert "…" in "".join(first.details.lines)  # the canvas cuts the description
    tip = hover(view, scene.stage_bar, first.rect.x + 20, first.rect.y + first.rect.height - 5)
    assert "Aware" in tip and "reason0" in tip and "reason59" in tip
    assert hover(view, scene.stage_bar, second.rect.x + 20, second.rect.y + 10) == ""  # shown whole: no tooltip
    lane = layout.lane_headers["l0"]
    assert "actions29" not in "".join(lane.name.lines)
    assert "actions29" in hover(view, scene.lane_bar, lane.rect.x + 20, lane.rect.y + 10)
    thoughts = layout.lane_headers["l1"]
    assert hover(view, scene.lane_bar, thoughts.rect.x + 20, thoughts.rect.y + 10) == ""
    phase = layout.frame.phases[0]
    assert "phase39" in hover(view, scene.stage_bar, phase.rect.x + 20, phase.rect.y + 5)


def test_an_emotion_point_s_tooltip_gives_its_whole_label_and_note(qtbot):
    from app.model import EmotionPoint, LaneKind

    label = "Frustrated because " + " ".join(f"cause{i}" for i in range(12))
    stage, lane = Stage(id="s0", name="Aware"), Lane(id="e", name="Feelings", kind=LaneKind.EMOTIONS)
    journey = JourneyMap(stages=[stage], lanes=[lane],
                         emotions=[EmotionPoint(stage_id="s0", lane_id="e", value=-1, label=label,
                                                note="Said so in interview 4")])
    view = MapView(JourneyDocument(journey))
    qtbot.addWidget(view)
    item = view.map_scene.points[("e", "s0")]
    assert "…" in item.point.label.lines[0]  # the curve shows it cut
    tip = item.toolTip()
    assert "cause11" in tip and "Said so in interview 4" in tip and tip.count("-1") == 1
    view.document.edit_emotion("e", "s0", note="Changed after the workshop")
    assert "Changed after the workshop" in view.map_scene.points[("e", "s0")].toolTip()
    view.document.edit_emotion("e", "s0", label="Calm")
    assert "-1 - Calm" in view.map_scene.points[("e", "s0")].toolTip()
