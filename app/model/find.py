"""Find on the map: which stages (title or description), lanes, cards (text, note, tags, evidence source) and
emotion points (label or note) hold all the words of a query, ignoring case and accents ("cafe" finds "Café",
"STRASSE" finds "Straße"). Pure Python; the editor's find bar calls it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from copy import copy
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


Cell = tuple[str, str]  # (stage_id, lane_id)
Block = tuple[list[Match], list[str]]  # a cell's cards and emotion points, in order, and their folded texts


class FindIndex:
    """A map's searchable text folded once, in reading order, so that each query is a plain substring scan.

    It holds the folded text, not the map: after the map changes build it again, or, when only some cells'
    cards or points changed (what the document's cardsChanged / emotionsChanged say), ask it for an `updated`
    one, which reads only those cells again."""

    def __init__(self, journey: JourneyContent) -> None:
        # a stage holds the words in its title or in its description, each on its own
        self._stages = [(Match("stage", stage.id), tuple(fold(part) for part in (stage.name, stage.description)
                                                          if part))
                        for stage in journey.stages]
        # the lanes, then the cards and emotion points, in reading order: one text each (a card's fields joined;
        # a word never holds a line break, so each word is in one field, and the words may be spread over them)
        self._lanes: Block = ([Match("lane", lane.id) for lane in journey.lanes],
                              [fold(lane.name) for lane in journey.lanes])
        self._order = [(stage.id, lane.id) for stage in journey.stages for lane in journey.lanes]
        self._known = set(self._order)
        self._cells, self._repeat_cells = _blocks(journey, None)
        self._strays = not self._cells.keys() <= self._known
        self._count = len(journey.cards) + len(journey.emotions)
        self._flatten(journey)

    def updated(self, journey: JourneyContent, cells: Iterable[Cell]) -> FindIndex:
        """A new index of `journey`, the map this one was built of after edits that changed only the cards and
        emotion points of `cells`: those cells are read again, the others kept. A change it cannot follow so (a
        card in a stage or lane the map does not have, a card left in a cell not named) is a full build."""
        cells = set(cells)
        if self._strays or not cells <= self._known:
            return FindIndex(journey)
        fresh, repeats = _blocks(journey, cells)
        count = self._count + sum(len(block[0]) - len(self._cells.get(cell, ((), ()))[0])
                                  for cell, block in fresh.items())
        if count != len(journey.cards) + len(journey.emotions):  # one is still where it was too: read it all
            return FindIndex(journey)
        new = copy(self)
        new._cells = {**self._cells, **fresh}
        new._repeat_cells = (self._repeat_cells - cells) | repeats
        new._count = count
        new._flatten(journey)
        return new

    def _flatten(self, journey: JourneyContent) -> None:
        matches, texts = list(self._lanes[0]), list(self._lanes[1])
        if self._strays:
            more, more_texts = _sorted_with_strays(journey)
            matches += more
            texts += more_texts
        else:
            cells = self._cells
            for cell in self._order:
                block = cells.get(cell)
                if block is not None:
                    matches += block[0]
                    texts += block[1]
        self._matches, self._texts = matches, texts

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
        if self._repeat_cells:  # a cell with points on several personas' curves is one match: the first that holds
            seen: set[Match] = set()
            matches = [m for m in matches if m.kind != "emotion" or not (m in seen or seen.add(m))]
        return found + matches


def _card_text(card) -> str:
    if not (card.note or card.tags or (card.evidence is not None and card.evidence.source)):
        return fold(card.text)  # most cards: the text alone
    return "\n".join(map(fold, card_parts(card)))


def _blocks(journey: JourneyContent, only: set[Cell] | None) -> tuple[dict[Cell, Block], set[Cell]]:
    """The cells' cards in their order, then their emotion points (the first persona's curve first), with their
    folded texts: of every cell, or of the cells `only` names (each of them, empty or not); and the cells that
    hold points of several curves."""
    cells: dict[Cell, Block] = {cell: ([], []) for cell in only} if only is not None else {}
    for card in journey.cards:
        cell = cells.get((card.stage_id, card.lane_id))
        if cell is None:
            if only is not None:
                continue
            cell = cells[(card.stage_id, card.lane_id)] = ([], [])
        cell[0].append(Match("card", card.id))
        cell[1].append(_card_text(card))
    repeats: set[Cell] = set()
    for point in journey.emotions:
        key = (point.stage_id, point.lane_id)
        cell = cells.get(key)
        if cell is None:
            if only is not None:
                continue
            cell = cells[key] = ([], [])
        match = Match("emotion", emotion_match_id(point.lane_id, point.stage_id))
        if cell[0] and cell[0][-1] == match:
            repeats.add(key)
        cell[0].append(match)
        cell[1].append(fold(f"{point.label or ''}\n{point.note}"))
    return cells, repeats


def _sorted_with_strays(journey: JourneyContent) -> tuple[list[Match], list[str]]:
    """The cards and points in reading order for a map with some of a stage or lane it does not have: those
    sort as a stage (or lane) before the first."""
    stage_order = {stage.id: index for index, stage in enumerate(journey.stages)}
    lane_order = {lane.id: index for index, lane in enumerate(journey.lanes)}
    places = [(stage_order.get(card.stage_id, -1), lane_order.get(card.lane_id, -1), position,
               Match("card", card.id), _card_text(card)) for position, card in enumerate(journey.cards)]
    places += [(stage_order.get(point.stage_id, -1), lane_order.get(point.lane_id, -1), len(journey.cards) + position,
                Match("emotion", emotion_match_id(point.lane_id, point.stage_id)),
                fold(f"{point.label or ''}\n{point.note}")) for position, point in enumerate(journey.emotions)]
    places.sort(key=lambda place: place[:3])
    return [place[3] for place in places], [place[4] for place in places]


def replace_folded(text: str, query: str, replacement: str) -> tuple[str, int]:
    """`text` with each place that reads `query` (compared as Find compares: case and accents ignored, the query's
    words one space apart) replaced by `replacement`; and how many places. A place must cover whole characters
    ("ss" is not half of a "ß") and takes the accents written after it along. A replacement typed in lower case
    follows the case of each place ("client" -> "customer" makes "Client" "Customer" and "CLIENT" "CUSTOMER")."""
    needle = " ".join(query_words(query))
    if not needle:
        return text, 0
    origin: list[int] = []  # for each folded character, the character of `text` it comes from
    for index, char in enumerate(text):
        origin.extend([index] * len(fold(char)))
    folded = "".join(fold(char) for char in text)
    pieces, last, count, at = [], 0, 0, folded.find(needle)
    while at >= 0:
        after = at + len(needle)
        start, end = origin[at], origin[after - 1] + 1
        whole = (at == 0 or origin[at - 1] != start) and (after == len(folded) or origin[after] != end - 1)
        if whole and start >= last:
            while end < len(text) and not fold(text[end]):  # a combining mark written after the place
                end += 1
            pieces += [text[last:start], _in_case_of(text[start:end], replacement)]
            last, count = end, count + 1
            at = folded.find(needle, after)
        else:
            at = folded.find(needle, at + 1)
    return "".join(pieces) + text[last:], count


def _in_case_of(place: str, replacement: str) -> str:
    if replacement != replacement.lower():  # typed with capitals: exactly so
        return replacement
    letters = [char for char in place if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return replacement.upper()
    if letters and letters[0].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
