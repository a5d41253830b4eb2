"""Edit > Find (Ctrl+F): finding cards, stage and lane titles by their words, case and accents ignored, driven with
real keys; the matching itself (`app.model.find`) without Qt."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.model.find import FindIndex, Match, card_parts, find_matches, fold


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


WORDS = ["Café", "cafe", "Review", "map", "STRASSE", "straße", "app", "ﬁle", "x"]


def _reference(journey, query: str) -> list[Match]:
    """Find, written the plain way: every thing's fields folded and searched for every word, then sorted."""
    words = fold(query).split()
    if not words:
        return []

    def holds(text: str) -> bool:
        return all(word in fold(text) for word in words)

    found = [Match("stage", s.id) for s in journey.stages if holds(s.name) or (s.description and holds(s.description))]
    found += [Match("lane", lane.id) for lane in journey.lanes if holds(lane.name)]
    stages = {s.id: i for i, s in enumerate(journey.stages)}
    lanes = {lane.id: i for i, lane in enumerate(journey.lanes)}
    places = [(stages.get(c.stage_id, -1), lanes.get(c.lane_id, -1), i, Match("card", c.id))
              for i, c in enumerate(journey.cards) if holds("\n".join(card_parts(c)))]
    seen = set()
    for i, point in enumerate(journey.emotions):
        key = f"{point.lane_id} {point.stage_id}"
        if key not in seen and holds(f"{point.label or ''}\n{point.note}"):
            seen.add(key)
            places.append((stages.get(point.stage_id, -1), lanes.get(point.lane_id, -1), len(journey.cards) + i,
                           Match("emotion", key)))
    return found + [match for *_order, match in sorted(places)]


phrases = st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join)


@given(st.data())
def test_the_index_finds_what_a_plain_search_finds_in_the_same_order(data):
    """Cards in any order and cell (some in a stage or lane the map does not have), fields holding the words
    apart, several personas' points in one cell: the folded index answers as searching every field would."""
    from app.model.journey import Card, EmotionPoint, JourneyMap, Lane, Stage

    stages = [Stage(id=f"s{i}", name=data.draw(phrases) or "S", description=data.draw(phrases)) for i in range(3)]
    lanes = [Lane(id=f"l{i}", name=data.draw(phrases) or "L") for i in range(3)]
    journey = JourneyMap(stages=stages, lanes=lanes)
    gone = ["gone"] if data.draw(st.booleans()) else []  # in half the maps, none
    places = st.tuples(st.sampled_from(["s0", "s1", "s2", *gone]), st.sampled_from(["l0", "l1", "l2", *gone]))
    for number in range(data.draw(st.integers(0, 12))):
        stage_id, lane_id = data.draw(places)
        tags = data.draw(st.lists(st.sampled_from(WORDS), max_size=2))
        journey.cards.append(Card(id=f"c{number}", stage_id=stage_id, lane_id=lane_id, text=data.draw(phrases),
                                  note=data.draw(phrases), tags=tags))
    for number in range(data.draw(st.integers(0, 6))):
        stage_id, lane_id = data.draw(places)
        journey.emotions.append(EmotionPoint(stage_id=stage_id, lane_id=lane_id, value=0, label=data.draw(phrases),
                                             note=data.draw(phrases), persona_id=f"p{number % 2}"))
    index = FindIndex(journey)
    queries = data.draw(st.lists(phrases, min_size=1, max_size=4))
    for query in queries:
        assert index.matches(query) == _reference(journey, query), query
    # edits in some cells, as the document signals them (a card's new cell; a removed card's old one): the index
    # updated there answers as one built anew
    changed = set()
    for _ in range(data.draw(st.integers(1, 3))):
        edit = data.draw(st.sampled_from(["text", "move", "remove", "add", "point"]))
        if edit == "add" or not journey.cards:
            stage_id, lane_id = data.draw(places)
            journey.cards.insert(data.draw(st.integers(0, len(journey.cards))),
                                 Card(stage_id=stage_id, lane_id=lane_id, text=data.draw(phrases)))
            changed.add((stage_id, lane_id))
        elif edit == "point":
            stage_id, lane_id = data.draw(places)
            journey.emotions.append(EmotionPoint(stage_id=stage_id, lane_id=lane_id, value=1, label=data.draw(phrases)))
            changed.add((stage_id, lane_id))
        else:
            card = data.draw(st.sampled_from(journey.cards))
            if edit == "text":
                card.text = data.draw(phrases)
            elif edit == "move":  # only its new cell named, as editing a card's stage or lane field says
                card.stage_id, card.lane_id = data.draw(places)
            else:
                journey.cards.remove(card)
            changed.add((card.stage_id, card.lane_id))
    updated = index.updated(journey, changed)
    for query in queries:
        assert updated.matches(query) == _reference(journey, query), query


def test_an_updated_index_reads_the_named_cells_again(example_map):
    from app.model.journey import EmotionPoint

    journey = example_map
    index = FindIndex(journey)
    card = next(c for c in journey.cards if c.text == "Coverage map")
    target = (journey.stages[4].id, journey.lanes[0].id)
    card.stage_id, card.lane_id = target  # moved, and only the new cell named (as a field edit says)
    card.text = "Coverage map abroad"
    updated = index.updated(journey, {target})
    assert updated.matches("coverage") == FindIndex(journey).matches("coverage") == _reference(journey, "coverage")
    assert updated.matches("coverage").count(Match("card", card.id)) == 1
    emotions = next(lane for lane in journey.lanes if lane.kind == "emotions")
    stage = journey.stages[1].id
    journey.emotions.extend(EmotionPoint(stage_id=stage, lane_id=emotions.id, value=1, label=label, persona_id=persona)
                            for label, persona in (("Roaming", "p2"), ("roaming", "p3")))
    again = updated.updated(journey, {(stage, emotions.id)})
    assert again.matches("roaming") == [Match("emotion", f"{emotions.id} {stage}")]  # one match per cell
    assert index.matches("abroad") == [] and updated.matches("abroad") == [Match("card", card.id)]  # a new index


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
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 6")
    assert window.view.selection().stage_id == journey.stages[1].id
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
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 1")
    assert _selected_texts(window) == ["Visits the Café Crème"]
    bar.field.selectAll()
    QTest.keyClicks(bar.field, "decision")
    qtbot.waitUntil(lambda: window.view.selection().stage_id is not None)
    assert bar.count.text() == "1 of 1" and window.view.selection().stage_id == journey.stages[2].id
    QTest.keyClicks(bar.field, "zzz")
    qtbot.waitUntil(lambda: bar.count.text() == "No matches")


def test_matches_follow_edits_while_the_bar_is_open(window, qtbot, example_map):
    window.load(example_map, None)
    document = window.document
    bar = _open_find(window, qtbot)
    QTest.keyClicks(bar.field, "coverage")  # first the Consideration stage (its description), then four cards
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 5")
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
    qtbot.waitUntil(lambda: bar.count.text().startswith("1 of"))
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
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 5")
    assert window.view.selection().stage_id == journey.stages[3].id
    found = []
    for _ in range(4):
        QTest.keyClick(bar.field, Qt.Key.Key_Return)
        selection = window.view.selection()
        found.append(selection.cards or selection.emotion)
    assert found == [(noted,), (tagged,), (sourced,), (emotions.id, journey.stages[4].id)]  # the face is selected


def _count_searches(monkeypatch) -> list[str]:
    """The queries searched, as they are asked of the map's index."""
    asked: list[str] = []
    search = FindIndex.matches

    def counted(self, query):
        asked.append(query)
        return search(self, query)

    monkeypatch.setattr(FindIndex, "matches", counted)
    return asked


def test_a_burst_of_typing_is_searched_once_when_the_keys_pause(window, qtbot, example_map, monkeypatch):
    window.load(example_map, None)
    bar = _open_find(window, qtbot)
    asked = _count_searches(monkeypatch)
    QTest.keyClicks(bar.field, "coverage map")  # faster than the pause: nothing searched yet
    assert asked == [] and bar.count.text() == ""
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 2")
    assert asked == ["coverage map"]
    assert _selected_texts(window) == ["Coverage map"]
    bar.field.clear()  # an emptied field clears the count at once
    assert bar.count.text() == ""


def test_enter_or_f3_right_after_typing_go_to_the_typed_words_first_match(window, qtbot, example_map, monkeypatch):
    window.load(example_map, None)
    bar = _open_find(window, qtbot)
    QTest.keyClicks(bar.field, "review")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 6")
    asked = _count_searches(monkeypatch)
    bar.field.selectAll()
    QTest.keyClicks(bar.field, "coverage map")
    QTest.keyClick(bar.field, Qt.Key.Key_Return)  # at once: the full words, not "review" nor "cov"
    assert asked == ["coverage map"]
    assert bar.count.text() == "1 of 2" and _selected_texts(window) == ["Coverage map"]
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 2" and _selected_texts(window) == ["Coverage map does not work on mobile"]
    QTest.keyClick(bar.field, Qt.Key.Key_Backspace)
    QTest.keyClicks(bar.field, "p")  # the same words again, typed: Shift+F3 at once goes to the last match
    QTest.keyClick(bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "2 of 2" and _selected_texts(window) == ["Coverage map does not work on mobile"]
    bar.field.selectAll()
    QTest.keyClicks(bar.field, "decision")
    QTest.mouseClick(bar.widgetForAction(bar.next_action), Qt.MouseButton.LeftButton)  # the Next button too
    assert bar.count.text() == "1 of 1"
    assert window.view.selection().stage_id == window.document.journey.stages[2].id
    qtbot.wait(250)  # and nothing is searched again later
    assert asked == ["coverage map", "coverage map", "decision"]


def test_esc_right_after_typing_drops_the_search(window, qtbot, example_map, monkeypatch):
    window.load(example_map, None)
    bar = _open_find(window, qtbot)
    QTest.keyClicks(bar.field, "review")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 6")
    before = _selected_texts(window) or window.view.selection().stage_id
    asked = _count_searches(monkeypatch)
    bar.field.selectAll()
    QTest.keyClicks(bar.field, "coverage")
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    qtbot.wait(250)  # longer than the pause before a search
    assert asked == [] and (_selected_texts(window) or window.view.selection().stage_id) == before
    window.document.edit_card(window.document.journey.cards[0].id, text="coverage")  # the closed bar stays idle
    qtbot.wait(50)
    assert asked == []


def test_emotion_labels_are_followed_while_the_bar_is_open(window, qtbot, example_map):
    window.load(example_map, None)
    document = window.document
    journey = document.journey
    bar = _open_find(window, qtbot)
    QTest.keyClicks(bar.field, "roaming")
    qtbot.waitUntil(lambda: bar.count.text() == "No matches")
    emotions = next(lane for lane in journey.lanes if lane.kind == "emotions")
    document.set_emotion(emotions.id, journey.stages[1].id, 1.0, label="Roaming works")
    qtbot.waitUntil(lambda: bar.count.text() == "1 match")
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: bar.count.text() == "No matches")
