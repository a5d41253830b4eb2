"""The inspector edits a card's personas (check boxes; none = all) and a lane's blueprint role, with undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from app.document import JourneyDocument
from app.model.enums import LaneRole
from app.widgets.selection import Selection
from tests.persona_maps import three_persona_blueprint


@pytest.fixture
def doc():
    return JourneyDocument(three_persona_blueprint())


@pytest.fixture
def inspector(qtbot, doc):
    from app.widgets.inspector import InspectorPanel

    panel = InspectorPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(420, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def click(qtbot, box) -> None:
    """A click on the check box's square (a form stretches the box wider than its label)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_card_personas_are_checked_and_unchecked_with_the_mouse(inspector, doc, qtbot, artifacts_dir):
    maya, kai, jo = doc.journey.personas
    card = next(c for c in doc.journey.cards if c.text == "Books online")  # Maya and Jo
    inspector.set_selection(Selection(cards=(card.id,)))
    checks = inspector.card_page.personas
    assert [b.text() for b in checks.boxes] == ["Maya", "Kai", "Jo"]
    assert [b.isChecked() for b in checks.boxes] == [True, False, True]
    inspector.grab().save(str(artifacts_dir / "inspector_card_personas.png"))
    click(qtbot, checks.boxes[1])
    assert doc.card(card.id).personas == [maya.id, kai.id, jo.id]
    assert doc.undo_stack.count() == 1 and "personas" in doc.undo_stack.undoText()
    for box in checks.boxes:  # clearing every box: the card is for all personas
        click(qtbot, box)
    assert doc.card(card.id).personas == [] and "every persona" in checks.hint.text()
    doc.undo_stack.undo()  # one click, one step: Jo comes back
    assert doc.card(card.id).personas == [jo.id]
    assert [b.isChecked() for b in checks.boxes] == [False, False, True]


def test_a_new_persona_gets_a_box_and_two_cards_change_in_one_step(inspector, doc, qtbot):
    ids = tuple(c.id for c in doc.journey.cards[:2])
    inspector.set_selection(Selection(cards=ids))
    doc.add_persona("Ana")
    checks = inspector.card_page.personas
    assert [b.text() for b in checks.boxes][-1] == "Ana"
    before = doc.undo_stack.count()
    click(qtbot, checks.boxes[-1])
    ana = doc.journey.personas[-1].id
    kai = doc.journey.personas[1].id
    # each card keeps its own personas (the second one was Kai's): Ana is added to both, one step
    assert [doc.card(i).personas for i in ids] == [[ana], [kai, ana]] and doc.undo_stack.count() == before + 1


def test_lane_role_is_picked_with_the_keyboard_and_undone(inspector, doc, qtbot):
    lane = next(lane for lane in doc.journey.lanes if lane.role is None)
    inspector.set_selection(Selection(lane_id=lane.id))
    role = inspector.lane_page.role
    assert role.currentText() == "(none)"
    role.setFocus()
    qtbot.keyClick(role, Qt.Key.Key_End)  # the last role: support processes
    assert doc.journey.lane(lane.id).role == LaneRole.SUPPORT
    assert "blueprint role" in doc.undo_stack.undoText()
    qtbot.keyClick(role, Qt.Key.Key_Home)
    assert doc.journey.lane(lane.id).role is None
    doc.undo_stack.undo()
    assert doc.journey.lane(lane.id).role == LaneRole.SUPPORT and role.currentData() == LaneRole.SUPPORT
