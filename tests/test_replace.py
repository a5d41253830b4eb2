"""Edit ▸ Replace (Ctrl+H): a phrase replaced in cards, stages and lanes, as Find compares it, one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.model.find import replace_folded
from app.model.templates import map_from_template


def test_replace_folded_ignores_case_and_accents_and_keeps_the_rest():
    assert replace_folded("Café au lait", "cafe", "Tea") == ("Tea au lait", 1)
    assert replace_folded("Reads REVIEWS, then reviews", "reviews", "ratings") == ("Reads RATINGS, then ratings", 2)
    assert replace_folded("Straße", "STRASSE", "Road") == ("Road", 1)
    assert replace_folded("Cafe\u0301 open", "cafe", "Bar") == ("Bar open", 1)  # its accent goes with it
    assert replace_folded("New client", "  new   client ", "Newcomer") == ("Newcomer", 1)
    assert replace_folded("aaa", "aa", "b") == ("ba", 1)
    assert replace_folded("Nothing here", "client", "x") == ("Nothing here", 0)
    assert replace_folded("Text", "   ", "x") == ("Text", 0)
    assert replace_folded("Client, CLIENT, client", "client", "customer") == ("Customer, CUSTOMER, customer", 3)
    assert replace_folded("Client", "client", "VIP guest") == ("VIP guest", 1)  # typed with capitals: as typed


def _map_with_clients(window):
    window.load(map_from_template("five-stage"), None)
    document = window.document
    journey = document.journey
    document.edit_stage(journey.stages[0].id, description="The client hears of us")
    document.add_card(journey.stages[0].id, journey.lanes[0].id, "Client asks a friend", note="a CLIENT said so")
    document.add_card(journey.stages[1].id, journey.lanes[0].id, "Compares clients' reviews")
    document.add_card(journey.stages[1].id, journey.lanes[1].id, "Client portal")
    document.add_card(journey.stages[2].id, journey.lanes[0].id, "Client pays the invoice")
    document.add_card(journey.stages[2].id, journey.lanes[2].id, "Worried, the client waits")  # words apart below
    document.undo_stack.clear()
    return document


def test_ctrl_h_replaces_in_every_match_as_one_undo_step(window, qtbot):
    """A facilitator renaming 'client' to 'customer' all over the map: Ctrl+H did nothing, and each card had to be
    found and retyped by hand."""
    document = _map_with_clients(window)
    before = document.journey.model_copy(deep=True)
    view = window.view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.find.bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.replace_field.isVisible(), timeout=2000)
    assert bar.field.hasFocus()  # nothing to find yet: the find field first
    QTest.keyClicks(bar.field, "client")
    QTest.mouseClick(bar.replace_field, Qt.MouseButton.LeftButton)
    QTest.keyClicks(bar.replace_field, "customer")
    QTest.keyClick(bar.replace_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Replace all
    texts = sorted(c.text for c in document.journey.cards)
    assert texts == ["Compares customers' reviews", "Customer asks a friend", "Customer pays the invoice",
                     "Customer portal", "Worried, the customer waits"]  # each in the case it was written
    assert document.journey.cards[0].note == "a CUSTOMER said so"
    assert document.journey.stages[0].description == "The customer hears of us"
    assert document.undo_stack.count() == 1 and "customer" in document.undo_stack.undoText()
    assert "7 places" in window.statusBar().currentMessage()
    QTest.keyClick(bar.replace_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.journey.cards == before.cards and document.journey.stages == before.stages


def test_enter_in_the_replace_field_replaces_the_current_match_and_goes_on(window, qtbot):
    document = _map_with_clients(window)
    view = window.view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find.bar
    qtbot.waitUntil(bar.field.hasFocus, timeout=2000)
    assert not bar.replace_field.isVisible()  # Find alone: no replace row
    QTest.keyClicks(bar.field, "client pays")
    QTest.keyClick(bar.field, Qt.Key.Key_Return)  # to the match
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(bar.replace_field.hasFocus, timeout=2000)  # a query there: the replace field
    QTest.keyClicks(bar.replace_field, "customer settles")
    QTest.keyClick(bar.replace_field, Qt.Key.Key_Return)
    texts = [c.text for c in document.journey.cards]
    assert "Customer settles the invoice" in texts and "Client portal" in texts  # only that one
    assert bar.count.text() == "No matches"
    # words apart hold a match but are not a phrase to replace: said, and left alone
    bar.field.setText("worried waits")
    QTest.keyClick(bar.replace_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Worried, the client waits" in [c.text for c in document.journey.cards]
    assert "left as it was" in window.statusBar().currentMessage()


def test_replace_all_names_the_cards_the_persona_filter_hides(window, qtbot):
    document = _map_with_clients(window)
    tom = document.add_persona("Tom")
    document.add_persona("Maya")
    journey = document.journey
    document.add_card(journey.stages[3].id, journey.lanes[0].id, "Client renews", personas=[tom])
    document.set_persona_filter([journey.personas[1].id])  # Maya only: Tom's card is hidden
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.find.bar
    QTest.keyClicks(bar.field, "client")
    QTest.mouseClick(bar.replace_field, Qt.MouseButton.LeftButton)
    QTest.keyClicks(bar.replace_field, "customer")
    QTest.keyClick(bar.replace_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Client renews" in [c.text for c in document.journey.cards]  # hidden: left alone, and said
    assert "1 more card the persona filter hides holds the words" in window.statusBar().currentMessage()
