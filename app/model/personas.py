"""Several personas on one map: their colours, whose curve a point is on, and the persona filter.

`filter_personas` is the one function every view uses to show some personas only: the canvas, the PDF,
PNG/SVG, Excel and PowerPoint exports all draw what it returns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from app.model.find import fold
from app.model.journey import Card, EmotionPoint, JourneyContent, Persona

PERSONA_PALETTE: tuple[str, ...] = ("#3b5bdb", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56b4e9", "#6a3d9a",
                                    "#b8336a")
"""Curve colours for personas without their own (distinct for colour-blind readers, dark enough on white)."""


class PersonaFilterError(ValueError):
    """A persona name given to the filter is not on the map; the message is one readable line."""


def persona_color(content: JourneyContent, persona: Persona) -> str:
    """The persona's own colour, or the palette's colour for its place in the list."""
    return persona_colors(content).get(persona.id, persona.color or PERSONA_PALETTE[0])


def persona_colors(content: JourneyContent) -> dict[str, str]:
    """Every persona's colour by id: its own, or the next palette colour no persona uses yet."""
    taken = {p.color.casefold() for p in content.personas if p.color}
    free = [c for c in PERSONA_PALETTE if c.casefold() not in taken] or list(PERSONA_PALETTE)
    colors: dict[str, str] = {}
    free_set, used = set(free), 0  # how many colours given so far are palette ones (counted, not recounted each time)
    for persona in content.personas:
        color = persona.color or free[used % len(free)]
        colors[persona.id] = color
        used += color in free_set
    return colors


def persona_label(persona: Persona, index: int) -> str:
    """The name shown for a persona: its name, or "Persona N" when it has none."""
    return " ".join(persona.name.split()) or f"Persona {index + 1}"


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def loose_key(name: str) -> str:
    """The name with case, extra spaces, accents and compatibility forms ignored ("Zoé  Ng" -> "zoe ng")."""
    return unicodedata.normalize("NFC", fold(" ".join(name.split())))  # NFC: Hangul syllables whole again


@dataclass(frozen=True)
class PersonaMatch:
    """A persona a typed name picked, and how: "exact", "id", "accents" (equal but for accents) or "prefix"."""

    name: str
    persona: Persona
    label: str
    how: str

    @property
    def note(self) -> str | None:
        """What to tell the user when the name given was not the persona's name, else None."""
        if self.how in ("exact", "id"):
            return None
        return f"persona {self.name!r} taken as {self.label!r}"


def match_persona(content: JourneyContent, name: str) -> PersonaMatch:
    """The one persona a typed name means: its id, else its name with case and spaces ignored, else with
    accents ignored too, else the one persona whose name starts with it. PersonaFilterError (one line, listing
    the map's personas) for a blank, unknown or ambiguous name."""
    labels = [(persona_label(p, i), p) for i, p in enumerate(content.personas)]
    if not name.strip():
        raise PersonaFilterError(f"a persona name is empty (personas: {_known(labels)})")
    steps = (("id", lambda label, p: p.id == name),
             ("exact", lambda label, p: name_key(label) == name_key(name)),
             ("accents", lambda label, p: loose_key(label) == loose_key(name)),
             ("prefix", lambda label, p: loose_key(label).startswith(loose_key(name))))
    for how, matches in steps:
        found = [(label, p) for label, p in labels if matches(label, p)]
        if len(found) == 1:
            return PersonaMatch(name, found[0][1], found[0][0], how)
        if found:
            which = ", ".join(f"{label!r} (id {p.id})" if how != "prefix" else repr(label) for label, p in found)
            hint = "give more of the name" if how == "prefix" else "give the exact name or the id"
            raise PersonaFilterError(f"persona {name!r} is ambiguous: it matches {which}; {hint} "
                                     f"(personas: {_known(labels)})")
    raise PersonaFilterError(f"no persona named {name!r} on this map (personas: {_known(labels)})")


def _known(labels: list[tuple[str, Persona]]) -> str:
    return ", ".join(repr(label) for label, _ in labels) or "none"


def card_shown(card: Card, persona_ids: set[str]) -> bool:
    """A card for all personas is always shown; a card for some only when one of them is."""
    return not card.personas or any(p in persona_ids for p in card.personas)


def pin_curves(content: JourneyContent) -> list[EmotionPoint]:
    """The emotion points with the implicit "first persona" made explicit (for reordering or removing personas)."""
    if not content.personas:
        return [p.model_copy() for p in content.emotions]
    first = content.personas[0].id
    return [p.model_copy(update={"persona_id": first}) if p.persona_id is None else p.model_copy()
            for p in content.emotions]


def filter_personas(content: JourneyContent, names: Iterable[str], snapshots: bool = False) -> JourneyContent:
    """The map as it looks for some personas only: the other personas, their cards and their curves left out.

    `names` are persona names (or ids; matched by `match_persona`); no names means no filter. A blank name, a
    name not on the map or one that fits several personas raises PersonaFilterError naming the personas there
    are. The content given is never changed. A JourneyMap's
    snapshots are kept as they are, or with `snapshots=True` filtered the same way (the kept personas' ids;
    a deliverable that embeds them must not carry the other personas): a snapshot keeps its shared cards.
    """
    wanted = list(names)
    if not wanted:
        return content
    keep_ids = shown_persona_ids(content, wanted)
    filtered = _keep_personas(content, keep_ids)
    if snapshots and getattr(filtered, "snapshots", None):
        filtered = filtered.model_copy(update={"snapshots": [
            s.model_copy(update={"content": _keep_personas(s.content, keep_ids)}) for s in filtered.snapshots]})
    return filtered


def _keep_personas(content: JourneyContent, keep_ids: set[str]) -> JourneyContent:
    """The content with only these personas (ids not on it are ignored), their cards and their curves."""
    ordered = [p for p in content.personas if p.id in keep_ids]
    # keep the colours the personas have on the whole map, so a filtered export matches the full one
    personas = [p.model_copy(update={"color": persona_color(content, p)}) for p in ordered]
    cards = [shown_card(card, keep_ids) for card in content.cards if card_shown(card, keep_ids)]
    data = content.model_dump(exclude={"personas", "cards", "emotions"})
    data.update(personas=[p.model_dump() for p in personas], cards=[c.model_dump() for c in cards],
                emotions=[e.model_dump() for e in shown_emotions(content, keep_ids)])
    return type(content).model_validate(data)  # a JourneyMap stays one, snapshots and all


def shown_persona_ids(content: JourneyContent, names: Iterable[str]) -> set[str]:
    """The ids of the personas named (names or ids, see `match_persona`); PersonaFilterError for a name that
    is blank, not on the map, or fits several personas."""
    return {match.persona.id for match in match_personas(content, names)}


def match_personas(content: JourneyContent, names: Iterable[str]) -> list[PersonaMatch]:
    """`match_persona` for each name, each persona once, in the order named."""
    matches: list[PersonaMatch] = []
    for name in names:
        match = match_persona(content, name)
        if all(m.persona.id != match.persona.id for m in matches):
            matches.append(match)
    return matches


def shown_card(card: Card, keep_ids: set[str]) -> Card:
    """A copy of a shown card that names only the shown personas."""
    return card.model_copy(update={"personas": [p for p in card.personas if p in keep_ids]}, deep=True)


def shown_emotions(content: JourneyContent, keep_ids: set[str]) -> list[EmotionPoint]:
    """Copies of the points on the shown personas' curves (the implicit first persona named)."""
    return [p for p in pin_curves(content) if p.persona_id is None or p.persona_id in keep_ids]


def refilter_cards(filtered: JourneyContent, fresh: dict[tuple[str, str], list[Card]],
                   keep_ids: set[str]) -> JourneyContent:
    """A filtered map brought up to date after the cards of some cells changed, without filtering the whole
    map again: `fresh` holds every touched cell's cards as they are now (on the whole map). A card that left
    a cell not in `fresh` is found by its id. The result is a new object; `filtered` is not changed."""
    ids = {card.id for cards in fresh.values() for card in cards}
    kept = [c for c in filtered.cards if (c.stage_id, c.lane_id) not in fresh and c.id not in ids]
    added = [shown_card(card, keep_ids) for cards in fresh.values() for card in cards if card_shown(card, keep_ids)]
    return filtered.model_copy(update={"cards": kept + added})


def refilter_emotions(filtered: JourneyContent, content: JourneyContent, keep_ids: set[str]) -> JourneyContent:
    """A filtered map with the emotion points of the whole map taken again (they are few)."""
    return filtered.model_copy(update={"emotions": shown_emotions(content, keep_ids)})
