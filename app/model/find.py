"""Find on the map: which stages (title or description), lanes, cards (text, note, tags, evidence source) and
emotion points (label or note) hold all the words of a query, ignoring case and accents ("cafe" finds "Café",
"STRASSE" finds "Straße"). Pure Python; the editor's find bar calls it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import compress
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

    Pass the map as the views show it (the persona filter's result): a card left out is not found. To search one
    map many times (a find bar while typing), build a `FindIndex` once and ask it."""
    return FindIndex(journey).matches(query)


class FindIndex:
    """A map's searchable text folded once, in reading order, so that each query is a plain substring scan.

    Build it again after the map changes (it holds the folded text, not the map)."""

    def __init__(self, journey: JourneyContent) -> None:
        # a stage holds the words in its title or in its description, each on its own
        self._stages = [(Match("stage", stage.id), tuple(fold(part) for part in (stage.name, stage.description)
                                                          if part))
                        for stage in journey.stages]
        # the lanes, then the cards and emotion points, in reading order: one text each (a card's fields joined;
        # a word never holds a line break, so each word is in one field, and the words may be spread over them)
        self._matches = [Match("lane", lane.id) for lane in journey.lanes]
        self._texts = [fold(lane.name) for lane in journey.lanes]
        matches, texts = _cells_in_reading_order(journey)
        self._matches += matches
        self._texts += texts
        # a cell with points on several personas' curves is one match: the first point that holds the words
        points = [match for match in matches if match.kind == "emotion"]
        self._repeats = len(set(points)) < len(points)

    def matches(self, query: str) -> list[Match]:
        """What holds every word of `query`, in reading order (see `find_matches`)."""
        words = query_words(query)
        if not words:
            return []
        found = [match for match, parts in self._stages if any(all(w in part for w in words) for part in parts)]
        matches, texts = self._matches, self._texts
        *narrowing, last = words
        for word in narrowing:  # each word narrows the one before's finds: the first scan is the only long one
            holds = [word in text for text in texts]
            matches, texts = list(compress(matches, holds)), list(compress(texts, holds))
        matches = list(compress(matches, [last in text for text in texts]))
        if self._repeats:
            seen: set[Match] = set()
            matches = [m for m in matches if m.kind != "emotion" or not (m in seen or seen.add(m))]
        return found + matches


def _card_text(card) -> str:
    if not (card.note or card.tags or (card.evidence is not None and card.evidence.source)):
        return fold(card.text)  # most cards: the text alone
    return "\n".join(map(fold, card_parts(card)))


def _cells_in_reading_order(journey: JourneyContent) -> tuple[list[Match], list[str]]:
    """The cards and emotion points with their folded text, stage by stage and lane by lane; in a cell the cards
    in their order, then the points (the first persona's curve first)."""
    cells: dict[tuple[str, str], tuple[list[Match], list[str]]] = {}
    for card in journey.cards:
        cell = cells.get((card.stage_id, card.lane_id))
        if cell is None:
            cell = cells[(card.stage_id, card.lane_id)] = ([], [])
        cell[0].append(Match("card", card.id))
        cell[1].append(_card_text(card))
    for point in journey.emotions:
        cell = cells.get((point.stage_id, point.lane_id))
        if cell is None:
            cell = cells[(point.stage_id, point.lane_id)] = ([], [])
        cell[0].append(Match("emotion", emotion_match_id(point.lane_id, point.stage_id)))
        cell[1].append(fold(f"{point.label or ''}\n{point.note}"))
    stage_ids = {stage.id for stage in journey.stages}
    lane_ids = {lane.id for lane in journey.lanes}
    if any(stage_id not in stage_ids or lane_id not in lane_ids for stage_id, lane_id in cells):
        return _sorted_with_strays(journey)
    matches: list[Match] = []
    texts: list[str] = []
    for stage in journey.stages:
        for lane in journey.lanes:
            cell = cells.get((stage.id, lane.id))
            if cell is not None:
                matches += cell[0]
                texts += cell[1]
    return matches, texts


def _sorted_with_strays(journey: JourneyContent) -> tuple[list[Match], list[str]]:
    """`_cells_in_reading_order` for a map with cards or points of a stage or lane it does not have: those sort
    as a stage (or lane) before the first."""
    stage_order = {stage.id: index for index, stage in enumerate(journey.stages)}
    lane_order = {lane.id: index for index, lane in enumerate(journey.lanes)}
    places = [(stage_order.get(card.stage_id, -1), lane_order.get(card.lane_id, -1), position,
               Match("card", card.id), _card_text(card)) for position, card in enumerate(journey.cards)]
    places += [(stage_order.get(point.stage_id, -1), lane_order.get(point.lane_id, -1), len(journey.cards) + position,
                Match("emotion", emotion_match_id(point.lane_id, point.stage_id)),
                fold(f"{point.label or ''}\n{point.note}")) for position, point in enumerate(journey.emotions)]
    places.sort(key=lambda place: place[:3])
    return [place[3] for place in places], [place[4] for place in places]
