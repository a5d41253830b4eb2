"""Presentation mode: F5 from the editor, stage focus with the arrow keys, live capture and voting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.widgets import presentation


@pytest.fixture
def shown(window, example_map, monkeypatch, qtbot):
    monkeypatch.setattr(presentation, "FULL_SCREEN", False)
    window.load(example_map, None)
    window.view.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # window shortcuts need an active window
    QTest.keyClick(window.view, Qt.Key.Key_F5)
    shown = window.workshop.presentation
    assert shown is not None
    shown.resize(1600, 900)
    qtbot.waitExposed(shown)
    shown.view.fit_for_presentation()
    return shown


def dimmed_columns(view) -> set[str]:
    """Stage ids whose whole column (body) is under a dim veil."""
    layout = view.map_scene.layout
    covered = set()
    for item in view.dims:
        if item.parentItem() is not None:
            continue
        rect = item.sceneBoundingRect()
        for column in layout.frame.columns:
            if rect.left() <= column.x + 1 and rect.right() >= column.x + column.width - 1 \
                    and rect.bottom() >= layout.height - 1:
                covered.add(column.stage_id)
    return covered


def test_f5_opens_presentation_and_arrows_move_the_focus(shown, artifacts_dir):
    view = shown.view
    stages = [s.id for s in view.document.journey.stages]
    assert shown.isVisible() and view.zoom() >= presentation.MIN_ZOOM
    assert view.focus_index == 0
    assert dimmed_columns(view) == set(stages[1:])
    assert "Maya Okafor" in shown.side.name.text()
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.focus_index == 1
    assert dimmed_columns(view) == set(stages) - {stages[1]}
    assert "Consideration" in shown.side.stage.text()
    header_dims = [item for item in view.dims if item.parentItem() is view.map_scene.stage_bar]
    assert len(header_dims) == len(stages) - 1  # the headers of the other stages are dimmed too
    x = view.map_scene.layout.column_x(stages[1])
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.left() <= x and x + 184 <= visible.right()
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.focus_index == 1
    shown.grab().save(str(artifacts_dir / "presentation_mode.png"))
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not shown.isVisible()


def test_typing_in_a_cell_adds_a_card_and_plus_votes(shown, window):
    view = shown.view
    document = view.document
    journey = document.journey
    QTest.keyClick(view, Qt.Key.Key_Right)
    stage, lane = journey.stages[1], journey.lanes[4]  # pain points
    x, y, w, h = view.map_scene.layout.cell_rect(stage.id, lane.id)
    view.ensureVisible(x, y, w, h)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(QPointF(x + w / 2, y + h - 4)))
    assert view.selection().cell == (stage.id, lane.id)
    QTest.keyClicks(view, "C")
    QTest.keyClicks(view.viewport(), "ontract length unclear")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    texts = [c.text for c in document.cards_in(stage.id, lane.id)]
    assert texts[-1] == "Contract length unclear"
    card = document.cards_in(stage.id, lane.id)[-1]
    assert card.id in window.view.map_scene.cards  # the editor's canvas shows it live
    view.map_scene.select_cards([card.id])
    QTest.keyClick(view, Qt.Key.Key_Plus)
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert document.card(card.id).votes == 2
    # Clicking into another stage focuses it.
    other = journey.stages[3]
    x, y, w, h = view.map_scene.layout.cell_rect(other.id, lane.id)
    view.ensureVisible(x, y, w, h)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(QPointF(x + w / 2, y + h - 4)))
    assert view.focus_index == 3
    document.undo_stack.undo()  # each vote is one step
    assert document.card(card.id).votes == 1
    shown.close()
    assert window.workshop.presentation is None


def test_the_side_shows_every_persona_the_filter_shows(window, monkeypatch, qtbot, artifacts_dir):
    from tests.persona_maps import three_persona_blueprint

    monkeypatch.setattr(presentation, "FULL_SCREEN", False)
    journey = three_persona_blueprint()
    journey.personas[1].quote = "Just call me back"
    window.load(journey, None)
    window.view.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window.view, Qt.Key.Key_F5)
    shown = window.workshop.presentation
    shown.resize(1400, 800)
    qtbot.waitExposed(shown)
    side = shown.side
    assert [card.name.text().rsplit(";", 1)[-1] for card in side.cards] == ["Maya", "Kai", "Jo"]
    assert "Just call me back" in side.cards[1].quote.text()
    shown.grab().save(str(artifacts_dir / "presentation_personas.png"))
    kai = journey.personas[1].id
    window.document.set_persona_filter([kai])  # what the View ▸ Show personas menu does
    assert [card.name.text() for card in side.cards] == ["Kai"]
    assert side.name.text() == "Kai"


def test_keyboard_only_voting(shown, window):
    """F5, a stage to the right, Tab to a card, + + to vote, Shift+Tab back: no mouse, and no '+' card."""
    view = shown.view
    journey = view.document.journey
    count = len(journey.cards)
    QTest.keyClick(view, Qt.Key.Key_Right)
    cell = view.selection().cell
    assert cell[0] == journey.stages[1].id
    in_cell = [c.id for c in journey.cards_in(*cell)]
    assert len(in_cell) >= 2
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert view.selection().cards == (in_cell[0],)
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert view.selection().cards == (in_cell[1],)
    before = view.document.card(in_cell[1]).votes
    QTest.keyClick(view, Qt.Key.Key_Plus)
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert view.document.card(in_cell[1]).votes == before + 2
    QTest.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection().cards == (in_cell[0],)
    QTest.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection().cards == () and view.selection().cell == cell  # back to the cell itself
    assert len(journey.cards) == count and not view.editing.active
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert window.workshop.presentation is None or not shown.isVisible()
