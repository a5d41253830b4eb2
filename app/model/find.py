"""Find on the map: which stages (title or description), lanes, cards (text, note, tags, evidence source) and
emotion points (label or note) hold all the words of a query, ignoring case and accents ("cafe" finds "Café",
"STRASSE" finds "Straße"). Pure Python; the editor's find bar calls it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

from app.model.journey import JourneyContent


class Match(NamedTuple):
    """One thing found: `kind` is "stage", "lane", "card" or "emotion", `id` its id (an emotion point's is
    "LANE_ID STAGE_ID", see `emotion_match_id`)."""

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


def emotion_match_id(lane_id: str, stage_id: str) -> str:
    return f"{lane_id} {stage_id}"


def card_parts(card) -> list[str]:
    """What of a card Find looks in: its text, its note, its tags and its evidence's source."""
    parts = [card.text, card.note, *card.tags]
    if card.evidence is not None:
        parts.append(card.evidence.source)
    return [part for part in parts if part]


def find_matches(journey: JourneyContent, query: str) -> list[Match]:
    """Everything that holds every word of `query` (anywhere, in any order), in reading order: the stages (title
    or description), the lane titles, then stage by stage and lane by lane the cards, in their order within a cell,
    and the emotion points (label or note; one match per point, the first persona's curve first).

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

    found = [Match("stage", stage.id) for stage in journey.stages
             if holds(stage.name) or (stage.description and holds(stage.description))]
    found += [Match("lane", lane.id) for lane in journey.lanes if holds(lane.name)]
    stage_order = {stage.id: index for index, stage in enumerate(journey.stages)}
    lane_order = {lane.id: index for index, lane in enumerate(journey.lanes)}
    if len(words) == 1:  # each field on its own: no joined text to build (and fold) per card and keystroke
        def more_holds(card) -> bool:
            evidence = card.evidence
            return bool((card.note and holds(card.note)) or (card.tags and any(map(holds, card.tags)))
                        or (evidence is not None and evidence.source and holds(evidence.source)))
    else:  # the words may be spread over the text, the note, the tags and the source (each folded once, cached)
        def more_holds(card) -> bool:
            haystack = "\n".join(map(fold, card_parts(card)))
            return all(word in haystack for word in words)

    places = [(stage_order.get(card.stage_id, -1), lane_order.get(card.lane_id, -1), position,
               Match("card", card.id))
              for position, card in enumerate(journey.cards)
              if holds(card.text) or ((card.note or card.tags or (card.evidence and card.evidence.source))
                                      and more_holds(card))]
    seen: set[str] = set()
    for position, point in enumerate(journey.emotions):
        key = emotion_match_id(point.lane_id, point.stage_id)
        if key not in seen and holds(f"{point.label or ''}\n{point.note}"):
            seen.add(key)
            places.append((stage_order.get(point.stage_id, -1), lane_order.get(point.lane_id, -1),
                           len(journey.cards) + position, Match("emotion", key)))
    found += [match for *_order, match in sorted(places)]
    return found
