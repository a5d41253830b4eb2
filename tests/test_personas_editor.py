"""Several personas and a blueprint built in the editor with real mouse and keyboard input, then filtered."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from app.io.formats import format_for
from app.io.journey.file import load_journey
from app.model.enums import LaneKind, LaneRole
from app.model.summary import summarize
from tests.test_main_window import menu_action


def _at(view, x: float, y: float):
    return view.mapFromScene(QPointF(x, y))


def _click_cell(view, stage: int, lane: int, dy: float = 20) -> None:
    journey = view.document.journey
    x, y, w, h = view.map_scene.layout.cell_rect(journey.stages[stage].id, journey.lanes[lane].id)
    view.ensureVisible(x, y, w, h, 220, 60)  # clear of the frozen headers
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_at(view, x + w / 2, y + h - dy))


def _context_action(view, *path: str):
    from app.widgets.canvas_menus import build_context_menu

    actions = build_context_menu(view).actions()
    for depth, name in enumerate(path):
        action = next(a for a in actions if a.text() == name)
        if depth == len(path) - 1:
            return action
        actions = action.menu().actions()
    raise AssertionError(path)


def _add_persona(window, qtbot, name: str) -> None:
    panel = window.persona_panel
    QTest.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.name.hasFocus, timeout=2000)
    QTest.keyClicks(panel.name, name)  # the name is selected: typing replaces "Persona N"
    QTest.keyClick(panel.name, Qt.Key.Key_Tab)


def _click_emotion(view, lane_id: str, stage_id: str, value: float) -> None:
    layout = view.map_scene.layout
    box = layout.emotion_lanes[lane_id]
    x = layout.column_x(stage_id) + 92
    view.ensureVisible(x - 40, box.lane_rect.y, 80, box.lane_rect.height, 220, 20)  # clear of the frozen headers
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_at(view, x, box.y_for(value)))


def test_three_personas_and_a_blueprint_built_with_mouse_and_keyboard_then_filtered(window, qtbot, tmp_path,
                                                                                     dialog_script):
    menu_action(window, "File", "New from Template", "Five-stage journey").trigger()
    document, view = window.document, window.view
    journey = document.journey
    window.resize(1600, 1000)
    window.persona_panel.show()
    window.persona_panel.raise_()
    for name in ("Maya", "Kai", "Jo"):
        _add_persona(window, qtbot, name)
    assert [p.name for p in journey.personas] == ["Maya", "Kai", "Jo"]
    maya, kai, jo = (p.id for p in journey.personas)
    # Jo goes first, then back, with the buttons; a colour for Kai from the colour dialog
    panel = window.persona_panel
    QTest.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in journey.personas] == ["Jo", "Maya", "Kai"]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert [p.name for p in journey.personas] == ["Maya", "Kai", "Jo"]
    panel.persona_list.setFocus()
    panel.persona_list.setCurrentRow(1)
    dialog_script.color = "#009e73"
    QTest.mouseClick(panel.color_button, Qt.MouseButton.LeftButton)
    assert journey.persona_by_id(kai).color == "#009e73"

    # blueprint roles from the lane headers' menus
    lanes = {lane.kind: lane for lane in journey.lanes}
    view.setFocus()
    for kind, role in ((LaneKind.ACTIONS, "Customer actions"), (LaneKind.TOUCHPOINTS, "Frontstage")):
        view.map_scene.select_header("lane", lanes[kind].id)
        _context_action(view, "Blueprint role", role).trigger()
    assert [lane.role for lane in journey.lanes[:2]] == [LaneRole.CUSTOMER, LaneRole.FRONTSTAGE]
    assert [line.label.lines[0] for line in view.map_scene.blueprint_lines()] == ["Line of interaction"]

    # cards typed into cells; one tied to Kai, one to Maya, through the card menu
    view.setFocus()
    for stage, text in ((0, "Sees an advert"), (1, "Asks a friend"), (2, "Books online")):
        _click_cell(view, stage, 0)
        QTest.keyClicks(view, text)
        QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
        QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    cards = {card.text: card for card in journey.cards}
    assert set(cards) == {"Sees an advert", "Asks a friend", "Books online"}
    view.map_scene.select_cards([cards["Asks a friend"].id])
    _context_action(view, "Personas", "Kai").trigger()
    view.map_scene.select_cards([cards["Books online"].id])
    _context_action(view, "Personas", "Maya").trigger()
    assert cards["Asks a friend"].personas == [kai] and cards["Books online"].personas == [maya]

    # a curve point for Maya (the first persona), then one for Kai while the view shows only Kai
    emotions = lanes[LaneKind.EMOTIONS]
    view.setFocus()
    _click_emotion(view, emotions.id, journey.stages[0].id, 1)
    menu_action(window, "View", "Show personas", "Kai").trigger()
    assert document.persona_filter == (kai,)
    assert cards["Books online"].id not in view.map_scene.cards  # Maya's card is hidden
    assert cards["Asks a friend"].id in view.map_scene.cards
    view.setFocus()
    _click_emotion(view, emotions.id, journey.stages[0].id, -2)
    owners = {(p.persona_id, p.value) for p in journey.emotions}
    assert owners == {(maya, 1.0), (kai, -2.0)}
    assert [p.value for p in view.map_scene.layout.emotion_lanes[emotions.id].points] == [-2.0]

    # every export from the editor shows Kai only; the saved map keeps everyone
    pdf = tmp_path / "kai.pdf"
    assert window.export_to(pdf, format_for(pdf, for_writing=True), {})
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Asks a friend" in text and "Sees an advert" in text and "Books online" not in text
    assert "Line of interaction" in text
    dialog_script.save_paths.append(tmp_path / "three.journey")
    menu_action(window, "File", "Save As").trigger()
    saved = load_journey(tmp_path / "three.journey")
    assert [p.name for p in saved.personas] == ["Maya", "Kai", "Jo"] and len(saved.cards) == 3
    assert summarize(saved) == summarize(journey)

    # removing a persona deletes its curve and unties its cards, in one undo step
    menu_action(window, "View", "Show personas", "All personas").trigger()
    panel.select_persona(kai)
    QTest.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in journey.personas] == ["Maya", "Jo"]
    assert {p.persona_id for p in journey.emotions} == {maya} and cards["Asks a friend"].personas == []
    document.undo_stack.undo()
    assert [p.name for p in journey.personas] == ["Maya", "Kai", "Jo"]
    assert cards["Asks a friend"].personas == [kai] and len(journey.emotions) == 2
