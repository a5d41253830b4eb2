"""View > Show evidence dims the cards that do not match; dot voting sorts a cell."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.model import EvidenceStatus
from app.widgets.evidence_filter import DIMMED


def opacities(window) -> dict[str, float]:
    return {card_id: item.opacity() for card_id, item in window.view.map_scene.cards.items()}


def test_show_only_observed_dims_the_rest_and_follows_edits(window, example_map):
    window.load(example_map, None)
    document = window.document
    actions = window.workshop.evidence_actions
    actions[EvidenceStatus.OBSERVED].trigger()
    status = {c.id: (c.evidence.status if c.evidence else None) for c in document.journey.cards}
    for card_id, opacity in opacities(window).items():
        assert opacity == (1.0 if status[card_id] == EvidenceStatus.OBSERVED else DIMMED)
    assert actions[EvidenceStatus.OBSERVED].isChecked()

    # A new card has no evidence: dimmed at once. Marking it observed brings it back.
    first = document.journey
    card_id = document.add_card(first.stages[0].id, first.lanes[0].id, "New idea")
    assert window.view.map_scene.cards[card_id].opacity() == DIMMED
    document.edit_card(card_id, evidence={"status": "observed"})
    assert window.view.map_scene.cards[card_id].opacity() == 1.0

    actions["unmarked"].trigger()
    assert window.view.map_scene.cards[card_id].opacity() == DIMMED
    unmarked = [c.id for c in document.journey.cards if c.evidence is None]
    assert unmarked and all(window.view.map_scene.cards[i].opacity() == 1.0 for i in unmarked)

    actions[None].trigger()  # All
    assert set(opacities(window).values()) == {1.0}


def test_sort_cell_by_votes_is_one_undo_step(window, example_map):
    window.load(example_map, None)
    document = window.document
    view = window.view
    stage, lane = document.journey.stages[0], document.journey.lanes[0]
    cards = document.cards_in(stage.id, lane.id)
    assert len(cards) >= 2
    last = cards[-1]
    view.map_scene.select_cards([last.id])
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Plus)
    QTest.keyClick(view, Qt.Key.Key_Plus)
    from app.widgets.canvas_menus import build_context_menu

    menu = build_context_menu(view)
    sort = next(a for a in menu.actions() if a.text() == "Sort cell by votes")
    steps = document.undo_stack.count()
    sort.trigger()
    assert document.undo_stack.count() == steps + 1
    assert document.cards_in(stage.id, lane.id)[0].id == last.id
    assert view.map_scene.cards[last.id].pos().y() < view.map_scene.cards[cards[0].id].pos().y()
    document.undo_stack.undo()
    assert [c.id for c in document.cards_in(stage.id, lane.id)] == [c.id for c in cards]
