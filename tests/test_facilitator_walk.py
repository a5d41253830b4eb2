"""Defects found walking through the editor as a workshop facilitator (real windows, keyboard first),
each driven with the real mouse and key events that showed it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.shell_fixtures import close_window


def test_typing_right_after_picking_a_template_makes_a_card_in_the_first_cell(dialog_script, clean_settings,
                                                                               recovery_home, qtbot):
    """No cell chosen yet: the words typed go to the first cell, not nowhere."""
    from app.gui import open_windows

    windows = open_windows(None)
    window = windows[0]
    try:
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        QTest.mouseClick(window.start_pages.page.template_buttons["five-stage"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.view.hasFocus(), timeout=2000)
        assert window.view.selection().is_empty
        QTest.keyClicks(QApplication.focusWidget(), "Sees an ad")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        journey = window.document.journey
        assert [(c.text, c.stage_id, c.lane_id) for c in journey.cards] == [
            ("Sees an ad", journey.stages[0].id, journey.lanes[0].id)]
        assert window.view.selection().cell == (journey.stages[0].id, journey.lanes[0].id)
    finally:
        for win in windows:
            close_window(win, dialog_script)


def test_keyboard_only_voting_in_presentation(window, example_map, monkeypatch, qtbot):
    """F5, a stage to the right, Tab to a card, + + to vote, Shift+Tab back: no mouse, and no '+' card."""
    from app.widgets import presentation

    monkeypatch.setattr(presentation, "FULL_SCREEN", False)
    window.load(example_map, None)
    window.view.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window.view, Qt.Key.Key_F5)
    shown = window.workshop.presentation
    qtbot.waitExposed(shown)
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
