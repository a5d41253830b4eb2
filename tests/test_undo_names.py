"""Edit > Undo names the action and what it acted on, for every kind of edit a workshop makes ("Undo Move card
'Sign up' to Consideration / Customer actions"), never a generic "Edit cards" or "Edit persona"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.model import LaneKind


def _undo_text(window) -> str:
    window.edit_menu.aboutToShow.emit()  # what the Edit menu shows when opened
    return window.undo_action.text().replace("&", "")


def test_every_kind_of_edit_names_itself_in_the_edit_menu(window, qtbot, example_map):
    window.load(example_map, None)
    document, view = window.document, window.view
    journey = document.journey
    names: list[str] = []

    def expect(text: str) -> None:
        names.append(_undo_text(window))
        assert names[-1] == f"Undo {text}"

    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    QTest.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # the first cell
    QTest.keyClicks(view, "Sign up")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    expect("Add card 'Sign up' in Awareness / Customer actions")
    card_id = next(c.id for c in document.journey.cards if c.text == "Sign up")
    view.map_scene.select_cards([card_id])
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    expect("Move card 'Sign up' to Consideration / Customer actions")
    QTest.keyClick(view, Qt.Key.Key_Plus)
    expect("Vote for 'Sign up'")
    document.edit_card(card_id, text="Signs up")
    expect("Edit card text 'Sign up' in Consideration / Customer actions")
    document.edit_cards([card_id], color="#ffcc00")  # the card menu's and the inspector's colour
    expect("Change colour of card 'Signs up' in Consideration / Customer actions")
    document.edit_cards([c.id for c in document.journey.cards[:2]], color="#ffcc00")
    expect("Change colour of 2 cards")
    document.sort_cell_by_votes(journey.stages[1].id, journey.lanes[0].id)
    expect("Sort Consideration / Customer actions by votes")
    view.map_scene.select_cards([card_id])
    QTest.keyClick(view, Qt.Key.Key_Delete)
    expect("Delete card 'Signs up' in Consideration / Customer actions")

    stage_id = document.add_stage(1, "Research")
    expect("Add stage 'Research'")
    document.edit_stage(stage_id, name="Explore")
    expect("Rename stage 'Research' to 'Explore'")
    document.edit_stage(stage_id, color="#abcdef")
    expect("Change colour of stage 'Explore'")
    document.move_stage(stage_id, 3)
    expect("Move stage 'Explore'")
    document.remove_stage(stage_id)
    expect("Delete stage 'Explore'")
    lane_id = document.add_lane(2, "Channels")
    expect("Add lane 'Channels'")
    document.edit_lane(lane_id, name="Where")
    expect("Rename lane 'Channels' to 'Where'")
    emotions = next(lane.id for lane in journey.lanes if lane.kind == LaneKind.EMOTIONS)
    document.edit_lane(emotions, kind=LaneKind.TEXT)
    expect("Change kind of lane 'Emotions'")
    document.undo_stack.undo()
    document.add_phase("Later", [journey.stages[4].id])
    expect("Add phase 'Later'")

    decision = journey.stages[2].id
    document.set_emotion(emotions, decision, -1)
    expect("Change emotion in Decision to -1")
    document.edit_emotion(emotions, decision, label="Worried")
    expect("Change label of emotion in Decision")
    maya = document.journey.personas[0].id
    document.edit_persona(maya, name="Maya")
    expect("Rename persona 'Maya Okafor' to 'Maya'")
    document.edit_persona(maya, role="Nurse")
    expect("Change role of persona 'Maya'")
    kai = document.add_persona("Kai")
    expect("Add persona 'Kai'")
    document.move_persona(kai, 0)
    expect("Move persona 'Kai'")
    document.set_active_persona(kai)  # with several personas, whose curve it is
    document.set_emotion(emotions, decision, 1)
    expect("Add emotion point of Kai in Decision (1)")
    document.set_emotion(emotions, decision, 2)
    expect("Change emotion of Kai in Decision to 2")
    document.remove_emotion(emotions, decision)
    expect("Remove emotion point of Kai in Decision")
    document.edit_metadata(title="Switching plans")
    expect("Change title of the map")
    snapshot = document.take_snapshot("Workshop 1")
    expect("Take snapshot 'Workshop 1'")
    document.rename_snapshot(snapshot, "Workshop A")
    expect("Rename snapshot 'Workshop 1' to 'Workshop A'")
    assert len(names) == len(set(names))


def test_a_persona_without_a_name_is_named_in_words(window):
    document = window.document
    persona = document.add_persona("")
    document.edit_persona(persona, name="Jo")
    assert _undo_text(window) == "Undo Name the persona 'Jo'"
    document.edit_persona(persona, quote="Just works")
    assert _undo_text(window) == "Undo Change quote of persona 'Jo'"
