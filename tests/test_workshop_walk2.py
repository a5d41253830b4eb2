"""Second round of defects found running the editor in a real X window as a workshop facilitator would
(multi-selection, the Inspector, snapshots and compare, find), each reproduced with real mouse and key events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.model.templates import map_from_template
from app.widgets import dialogs
from tests.test_gestures import card_point, cell_point


def test_a_removed_cards_ghost_sits_under_the_cards_left_never_over_their_text(window, qtbot, monkeypatch):
    """Compare mode drew the ghost of a card deleted from a full cell over the card below it ("Checks out"
    unreadable under "Reads reviews"): the row had shrunk and the ghost was pulled up into it."""
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args, **_kw: "Before lunch")
    window.load(map_from_template("five-stage"), None)
    document, view = window.document, window.view
    journey = document.journey
    thoughts = next(i for i, lane in enumerate(journey.lanes) if lane.name == "Thoughts")
    stage, lane = journey.stages[2].id, journey.lanes[thoughts].id
    ids = [document.add_card(stage, lane, text) for text in ("Sees an ad", "Compares prices", "Reads reviews",
                                                             "Checks out")]
    panel = window.workshop.versions_panel
    panel.show()
    QTest.mouseClick(panel.take_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, ids[2]))
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert not document.has_card(ids[2])
    panel.select([journey.snapshots[0].id])
    QTest.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    overlay = window.workshop.compare.overlay
    ghost = overlay.ghosts[ids[2]].sceneBoundingRect()
    scene = view.map_scene
    for card_id in (ids[0], ids[1], ids[3]):
        assert not ghost.intersects(scene.cards[card_id].sceneBoundingRect()), document.card(card_id).text
    x, y, w, h = scene.layout.cell_rect(stage, lane)
    assert y <= ghost.top() and ghost.bottom() <= y + h + 2  # in its row: the row made room
    below = journey.lanes[thoughts + 1].id
    assert scene.layout.row_y[below] >= ghost.bottom() - 2  # the rows below moved down
    # leaving compare gives the room back
    window.workshop.compare.banner.exit_action.trigger()
    assert scene.layout.row_y[below] == scene.layout.row_y[lane] + scene.layout.row_h[lane]
    assert scene.layout.row_h[lane] < h
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, thoughts))
    assert view.selection().cell == (journey.stages[0].id, lane)
