"""Edit > Find (Ctrl+F): finding cards, stage and lane titles by their words, case and accents ignored, driven with
real keys; the matching itself (`app.model.find`) without Qt."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.model.find import Match, find_matches, fold


def test_folding_ignores_case_accents_and_compatibility_forms():
    assert fold("Café CRÈME") == "cafe creme"
    assert fold("STRASSE") == fold("Straße")
    assert fold("ﬁle Ｈｅｌｌｏ") == "file hello"


def test_every_word_anywhere_in_reading_order(example_map):
    journey = example_map
    matches = find_matches(journey, "REVIEW")
    assert matches[:2] == [Match("stage", journey.stages[1].id), Match("stage", journey.stages[4].id)]  # descriptions
    texts = [journey.card(m.id).text for m in matches[2:]]
    assert texts == ["Reads reviews", "Search results and review sites", "Posts a review", "App store review"]
    assert [journey.card(m.id).text for m in find_matches(journey, "map coverage")] == [
        "Coverage map", "Coverage map does not work on mobile"]  # both words, in any order
    assert find_matches(journey, "decision") == [Match("stage", journey.stages[2].id)]
    assert find_matches(journey, "pain") == [Match("lane", journey.lanes[4].id)]
    assert find_matches(journey, "   ") == [] and find_matches(journey, "zebra") == []


@given(st.text(min_size=1, max_size=12))
def test_a_card_is_found_by_any_piece_of_its_own_text_in_any_case(piece):
    from app.io.journey.file import load_journey
    from app.model.journey import Card
    from tests.conftest import EXAMPLE_MAP

    journey = load_journey(EXAMPLE_MAP)
    card = Card(stage_id=journey.stages[1].id, lane_id=journey.lanes[0].id, text=f"x {piece} y")
    journey.cards.append(card)
    if fold(piece).split():
        assert Match("card", card.id) in find_matches(journey, piece.upper())


def _open_find(window, qtbot):
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    QTest.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find.bar
    qtbot.waitUntil(lambda: bar.isVisible() and QApplication.focusWidget() is bar.field)
    return bar


def _selected_texts(window) -> list[str]:
    return [window.document.card(card_id).text for card_id in window.view.selection().cards]


def test_ctrl_f_finds_cards_steps_through_them_and_esc_returns_to_the_canvas(window, qtbot, example_map):
    window.load(example_map, None)
    assert any(a.text().replace("&", "").startswith("Find") for a in window.edit_menu.actions())
    bar = _open_find(window, qtbot)
    QTest.keyClicks(bar.field, "reVIEW")
    journey = window.document.journey
    # two stages whose descriptions hold the word, then four cards
    assert bar.count.text() == "1 of 6" and window.view.selection().stage_id == journey.stages[1].id
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 6" and window.view.selection().stage_id == journey.stages[4].id
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "3 of 6" and _selected_texts(window) == ["Reads reviews"]
    QTest.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count.text() == "4 of 6" and _selected_texts(window) == ["Search results and review sites"]
    QTest.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "1 of 6"
    QTest.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # before the first: the last
    assert bar.count.text() == "6 of 6" and _selected_texts(window) == ["App store review"]
    QTest.keyClick(bar.field, Qt.Key.Key_Return)  # after the last: the first
    assert bar.count.text() == "1 of 6"
    for _ in range(4):
        QTest.keyClick(bar.field, Qt.Key.Key_Return)
    QTest.keyClick(bar.field, Qt.Key.Key_Return)  # the last one, in Advocacy: scrolled into view
    item = window.view.map_scene.cards[window.view.selection().cards[0]]
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(item.sceneBoundingRect())
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    assert not bar.isVisible() and _selected_texts(window) == ["App store review"]
    QTest.keyClick(window.view, Qt.Key.Key_F2)  # the canvas goes on from the match: F2 edits it
    assert window.view.editing.active


def test_accents_stage_titles_and_no_match(window, qtbot, example_map):
    window.load(example_map, None)
    journey = window.document.journey
    window.document.add_card(journey.stages[0].id, journey.lanes[0].id, "Visits the Café Crème")
    bar = _open_find(window, qtbot)
    QTest.keyClicks(bar.field, "cafe creme")
    assert bar.count.text() == "1 of 1" and _selected_texts(window) == ["Visits the Café Crème"]
    bar.field.selectAll()
    QTest.keyClicks(bar.field, "decision")
    assert bar.count.text() == "1 of 1" and window.view.selection().stage_id == journey.stages[2].id
    QTest.keyClicks(bar.field, "zzz")
    assert bar.count.text() == "No matches"


def test_matches_follow_edits_while_the_bar_is_open(window, qtbot, example_map):
    window.load(example_map, None)
    document = window.document
    bar = _open_find(window, qtbot)
    QTest.keyClicks(bar.field, "coverage")  # first the Consideration stage (its description), then four cards
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "3 of 5" and _selected_texts(window) == ["Coverage map"]
    first = next(c for c in document.journey.cards if c.text == "Checks coverage at home and at work")
    document.remove_cards([first.id])  # a match before the current one goes
    qtbot.waitUntil(lambda: bar.count.text() == "2 of 4")
    journey = document.journey
    document.add_card(journey.stages[4].id, journey.lanes[0].id, "Asks about COVERAGE abroad")
    qtbot.waitUntil(lambda: bar.count.text() == "2 of 5")
    current = document.journey.cards[[c.text for c in document.journey.cards].index("Coverage map")]
    document.edit_card(current.id, text="Network map")  # the current one no longer matches
    qtbot.waitUntil(lambda: bar.count.text() == "4 matches")
    QTest.keyClick(bar.field, Qt.Key.Key_Return)  # the one now in its place
    assert bar.count.text() == "2 of 4" and _selected_texts(window) == ["Coverage map does not work on mobile"]
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: bar.count.text() == "3 of 5")  # the current one keeps its place among the matches


def test_a_card_the_persona_filter_hides_is_not_a_match(window, qtbot, example_map):
    window.load(example_map, None)
    document = window.document
    kai = document.add_persona("Kai")
    maya = document.journey.personas[0].id
    journey = document.journey
    card_id = document.add_card(journey.stages[0].id, journey.lanes[0].id, "Reads the review of a phone")
    document.edit_card(card_id, personas=[kai])
    document.set_persona_filter([maya])
    bar = _open_find(window, qtbot)
    QTest.keyClicks(bar.field, "review")
    assert bar.count.text() == "1 of 6 (1 more in cards the persona filter hides)"
    assert card_id not in [m.id for m in window.find.matches]
    document.set_persona_filter([])
    qtbot.waitUntil(lambda: bar.count.text().endswith("of 7"))


def test_notes_tags_sources_descriptions_and_emotion_labels_are_found_too(window, qtbot, example_map):
    from app.model.journey import Evidence

    window.load(example_map, None)
    document = window.document
    journey = document.journey
    noted = document.add_card(journey.stages[0].id, journey.lanes[0].id, "Calls the shop")
    document.edit_card(noted, note="asked about the roaming tariff")
    tagged = document.add_card(journey.stages[1].id, journey.lanes[0].id, "Compares offers")
    document.edit_card(tagged, tags=["roaming"])
    sourced = document.add_card(journey.stages[2].id, journey.lanes[0].id, "Signs up")
    document.edit_card(sourced, evidence=Evidence(status="observed", source="Roaming survey 2026"))
    document.edit_stage(journey.stages[3].id, description="Back from roaming abroad")
    emotions = next(lane for lane in journey.lanes if lane.kind == "emotions")
    document.set_emotion(emotions.id, journey.stages[4].id, 1.0, label="Roaming works")
    bar = _open_find(window, qtbot)
    QTest.keyClicks(bar.field, "ROAMING")
    assert bar.count.text() == "1 of 5" and window.view.selection().stage_id == journey.stages[3].id
    found = []
    for _ in range(4):
        QTest.keyClick(bar.field, Qt.Key.Key_Return)
        selection = window.view.selection()
        found.append(selection.cards or selection.emotion)
    assert found == [(noted,), (tagged,), (sourced,), (emotions.id, journey.stages[4].id)]  # the face is selected
