"""Find on the map: which stage titles, lane titles and cards hold all the words of a query, ignoring case and
accents ("cafe" finds "Café", "STRASSE" finds "Straße"). Pure Python; the editor's find bar calls it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

from app.model.journey import JourneyContent


class Match(NamedTuple):
    """One thing found: `kind` is "stage", "lane" or "card", `id` its id."""

    kind: str
    id: str


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """`text` for comparing: case folded, accents and other combining marks dropped, compatibility forms
    unified (so "ﬁ" is "fi" and a full-width "Ａ" is "a")."""
    if text.isascii():  # most cards: nothing to decompose, and lower() is casefold() for ASCII
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def query_words(query: str) -> list[str]:
    """The folded words of a query; none for an empty or blank query."""
    return fold(query).split()


def find_matches(journey: JourneyContent, query: str) -> list[Match]:
    """Everything that holds every word of `query` (anywhere, in any order), in reading order: the stage titles,
    the lane titles, then the cards stage by stage, lane by lane and in their order within a cell.

    Pass the map as the views show it (the persona filter's result): a card left out is not found."""
    words = query_words(query)
    if not words:
        return []

    if len(words) == 1:  # the usual query while typing: one word, without a generator per text
        word = words[0]

        def holds(text: str) -> bool:
            return word in fold(text)
    else:
        def holds(text: str) -> bool:
            folded = fold(text)
            return all(word in folded for word in words)

    found = [Match("stage", stage.id) for stage in journey.stages if holds(stage.name)]
    found += [Match("lane", lane.id) for lane in journey.lanes if holds(lane.name)]
    stage_order = {stage.id: index for index, stage in enumerate(journey.stages)}
    lane_order = {lane.id: index for index, lane in enumerate(journey.lanes)}
    cards = [(stage_order.get(card.stage_id, -1), lane_order.get(card.lane_id, -1), position, card.id)
             for position, card in enumerate(journey.cards) if holds(card.text)]
    found += [Match("card", card_id) for *_order, card_id in sorted(cards)]
    return found
