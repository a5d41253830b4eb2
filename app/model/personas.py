"""Several personas on one map: their colours, whose curve a point is on, and the persona filter.

`filter_personas` is the one function every view uses to show some personas only: the canvas, the PDF,
PNG/SVG, Excel and PowerPoint exports all draw what it returns.
"""

from __future__ import annotations

from collections.abc import Iterable

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
    for persona in content.personas:
        if persona.color:
            colors[persona.id] = persona.color
        else:
            colors[persona.id] = free[len([p for p in colors.values() if p in free]) % len(free)]
    return colors


def persona_label(persona: Persona, index: int) -> str:
    """The name shown for a persona: its name, or "Persona N" when it has none."""
    return " ".join(persona.name.split()) or f"Persona {index + 1}"


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def find_persona(content: JourneyContent, name: str) -> Persona | None:
    """The persona with this name (case and extra spaces ignored) or, failing that, this id."""
    key = name_key(name)
    for index, persona in enumerate(content.personas):
        if name_key(persona_label(persona, index)) == key:
            return persona
    return next((p for p in content.personas if p.id == name), None)


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

    `names` are persona names (or ids); no names means no filter. A name not on the map raises
    PersonaFilterError naming the personas there are. The content given is never changed. A JourneyMap's
    snapshots are kept as they are, or with `snapshots=True` filtered the same way (the kept personas' ids;
    a deliverable that embeds them must not carry the other personas): a snapshot keeps its shared cards.
    """
    wanted = [name for name in names if name.strip()]
    if not wanted:
        return content
    kept: list[Persona] = []
    for name in wanted:
        persona = find_persona(content, name)
        if persona is None:
            known = ", ".join(repr(persona_label(p, i)) for i, p in enumerate(content.personas)) or "none"
            raise PersonaFilterError(f"no persona named {name!r} on this map (personas: {known})")
        if persona not in kept:
            kept.append(persona)
    keep_ids = {p.id for p in kept}
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
    cards = [card.model_copy(update={"personas": [p for p in card.personas if p in keep_ids]})
             for card in content.cards if card_shown(card, keep_ids)]
    emotions = [p for p in pin_curves(content) if p.persona_id is None or p.persona_id in keep_ids]
    data = content.model_dump(exclude={"personas", "cards", "emotions"})
    data.update(personas=[p.model_dump() for p in personas], cards=[c.model_dump() for c in cards],
                emotions=[e.model_dump() for e in emotions])
    return type(content).model_validate(data)  # a JourneyMap stays one, snapshots and all
