"""Channels guessed from touchpoint text (a suggestion, never over a channel someone set), and Undo
History labels that name what changed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.model import Channel, LaneKind
from app.model.channel_guess import _PHRASES, _SINGLE, CHANNEL_WORDS, fold, guess_channel
from app.model.templates import map_from_template
from tests.test_gestures import cell_point, make_view  # noqa: F401 - the fixture


@pytest.mark.parametrize(("text", "channel"), [
    ("Mobile app", Channel.MOBILE_APP), ("Website", Channel.WEBSITE), ("Calls the hotline", Channel.PHONE),
    ("Reads the newsletter", Channel.EMAIL), ("E-Mail from the bank", Channel.EMAIL),
    ("Visits the store", Channel.IN_STORE), ("Live chat on the website", Channel.CHAT),
    ("Instagram post", Channel.SOCIAL_MEDIA), ("Asks a friend", Channel.WORD_OF_MOUTH),
    ("Applies for a loan", None), ("", None), ("Thinks it over", None),
    ("Play Store", Channel.MOBILE_APP), ("Google Play", Channel.MOBILE_APP), ("магазин приложений", Channel.MOBILE_APP),
    ("Магазин", Channel.IN_STORE),
])
def test_guess_channel(text, channel):
    assert guess_channel(text) == channel


def _guess_by_comparing_every_keyword(text):
    """The rule as written: at each word, the first phrase that starts there, else the first keyword that is the
    word or (four letters or more) begins it."""
    words = fold(text).split()
    for index, word in enumerate(words):
        for phrase, channel in _PHRASES:
            if words[index:index + len(phrase)] == phrase:
                return channel
        for keyword, channel in _SINGLE:
            if word == keyword or (len(keyword) >= 4 and word.startswith(keyword)):
                return channel
    return None


_KEYWORDS = [w for words in CHANNEL_WORDS.values() for w in words]


@settings(max_examples=60)
@given(st.lists(st.one_of(st.sampled_from(_KEYWORDS), st.sampled_from(["calls", "apply", "appstore", "letters",
                                                                       "webinars", "the", "E-Mail", "Café"]),
                          st.text(max_size=8)), max_size=6))
def test_keyword_lookup_agrees_with_comparing_every_keyword(parts):
    text = " ".join(parts)
    assert guess_channel(text) == _guess_by_comparing_every_keyword(text)


def test_typed_touchpoint_gets_a_channel_suggestion_that_never_overwrites(make_view):  # noqa: F811
    view = make_view(map_from_template("five-stage"))
    journey = view.document.journey
    touchpoints = next(i for i, lane in enumerate(journey.lanes) if lane.kind == LaneKind.TOUCHPOINTS)
    notices = []
    view.notice.connect(notices.append)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 1, touchpoints))
    QTest.keyClicks(view, "Mobile app")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    card = journey.cards[0]
    assert card.channel == Channel.MOBILE_APP and "Mobile app" in notices[-1]
    assert view.document.undo_stack.text(0) == (f"Add card 'Mobile app' in {journey.stages[1].name} / "
                                                f"{journey.lanes[touchpoints].name}")
    view.map_scene.select_cards([card.id])
    menu = view.open_context_menu()  # the card's menu shows the guess, checked, among the channels to pick
    channels = next(a.menu() for a in menu.actions() if a.text() == "Channel")
    assert [a.text() for a in channels.actions() if a.isChecked()] == ["Mobile app"]
    next(a for a in channels.actions() if a.text() == "Email").trigger()  # the user changes the suggestion
    menu.close()
    assert view.document.card(card.id).channel == Channel.EMAIL
    view.document.edit_card(card.id, text="Mobile app push message")
    assert view.document.card(card.id).channel == Channel.EMAIL
    # Cards in other lanes get no channel.
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 0, 0))
    QTest.keyClicks(view, "Downloads the app")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert [c.channel for c in journey.cards_in(journey.stages[0].id, journey.lanes[0].id)] == [None]


def test_undo_history_names_what_changed(make_view):  # noqa: F811
    view = make_view(map_from_template("five-stage"))
    document = view.document
    journey = document.journey
    card_id = document.add_card(journey.stages[1].id, journey.lanes[0].id, "Reads reviews")
    document.edit_stage(journey.stages[0].id, name="Discover")
    document.edit_card(card_id, votes=2)
    document.move_cards([card_id], journey.stages[2].id, journey.lanes[0].id, 0)
    labels = [document.undo_stack.text(i) for i in range(document.undo_stack.count())]
    assert labels == ["Add card 'Reads reviews' in Consideration / Customer actions",
                      "Rename stage 'Awareness' to 'Discover'",
                      "Change votes of card 'Reads reviews' in Consideration / Customer actions",
                      "Move card 'Reads reviews' to Decision / Customer actions"]
