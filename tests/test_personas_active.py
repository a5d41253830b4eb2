"""The active persona: whose emotion curve clicks on the canvas change, picked in the Persona panel; cards
added while the filter shows some personas are tied to them, and the status bar says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.model.enums import LaneKind
from tests.persona_maps import three_persona_blueprint
from tests.test_main_window import menu_action
from tests.test_personas_editor import _at, _click_cell


def test_the_picked_persona_s_curve_is_edited_and_new_cards_follow_the_filter(window, qtbot, artifacts_dir):
    window.load(three_persona_blueprint(), None)
    window.resize(1600, 1000)
    document, view, panel = window.document, window.view, window.persona_panel
    journey = document.journey
    maya, kai, jo = (p.id for p in journey.personas)
    emotions = next(lane for lane in journey.lanes if lane.kind == LaneKind.EMOTIONS)
    first = journey.stages[0].id
    panel.show()
    assert "Maya" in panel.curve_label.text()

    # pick Kai in the list, then "Edit this curve"; a click on the lane moves Kai's point, not Maya's
    item = panel.persona_list.item(1)
    QTest.mouseClick(panel.persona_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.persona_list.visualItemRect(item).center())
    QTest.mouseClick(panel.curve_button, Qt.MouseButton.LeftButton)
    assert document.active_persona_id == kai and "Kai" in panel.curve_label.text()
    assert not panel.curve_button.isEnabled()  # Kai's curve is already the one edited
    box = view.map_scene.layout.emotion_lanes[emotions.id]
    assert {p.persona_id for p in box.points} == {kai}  # Kai's faces are the big, editable ones
    point = view.map_scene.points[(emotions.id, first)].point  # Kai's face, dragged to the top
    view.ensureVisible(box.lane_rect.x, box.lane_rect.y, 10, box.lane_rect.height)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=_at(view, point.x, point.y))
    QTest.mouseMove(view.viewport(), _at(view, point.x, point.y - 10))
    QTest.mouseMove(view.viewport(), _at(view, point.x, box.y_for(2) + 2))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=_at(view, point.x, box.y_for(2) + 2))
    values = {p.persona_id: p.value for p in journey.emotions if p.stage_id == first}
    assert values == {maya: 0, kai: 2, jo: 1}
    view.grab().save(str(artifacts_dir / "active_persona_kai.png"))
    document.undo_stack.undo()
    assert {p.persona_id: p.value for p in journey.emotions if p.stage_id == first}[kai] == -1

    # filtered to Jo: Kai is hidden, so Jo's curve is edited; a card typed in a cell is for Jo only
    menu_action(window, "View", "Show personas", "Jo").trigger()
    assert document.persona_filter == (jo,) and document.active_persona_id == jo
    customer = next(i for i, lane in enumerate(journey.lanes) if lane.name == "Customer actions")
    view.setFocus()
    _click_cell(view, 3, customer)
    QTest.keyClicks(view.viewport(), "Pays at the desk")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    card = next(c for c in journey.cards if c.text == "Pays at the desk")
    assert card.personas == [jo] and card.id in view.map_scene.cards
    assert "for Jo only" in window.statusBar().currentMessage()


def test_a_click_on_a_name_in_the_legend_picks_whose_curve_is_edited(window, qtbot):
    from PySide6.QtCore import QPointF

    window.load(three_persona_blueprint(), None)
    window.resize(1600, 1000)
    document, view = window.document, window.view
    jo = document.journey.personas[2].id
    emotions = next(lane for lane in document.journey.lanes if lane.kind == LaneKind.EMOTIONS)
    box = view.map_scene.layout.emotion_lanes[emotions.id]
    entry = next(e for e in box.legend if e.persona_id == jo)
    view.ensureVisible(box.lane_rect.x, box.lane_rect.y, 10, box.lane_rect.height)
    before = len(document.journey.emotions)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(QPointF(entry.label.x + 4, entry.label.y + 4)))
    assert document.active_persona_id == jo and len(document.journey.emotions) == before  # no point added
    assert "Jo's curve" in window.statusBar().currentMessage()
    assert "Jo" in window.persona_panel.curve_label.text()
