"""A Persona column's rows made into personas: one Persona per name, each card of a persona's rows tied to it,
each persona's emotion scores its own curve (see `detect_persona_column`). Works on the raw dicts
`build_journey` validates; `share_common_cards` then makes a card every persona holds in the same place one
card for all of them (also used when several maps of a sheet are merged as personas)."""

from __future__ import annotations

from app.io.sheet_import.report import guessed
from app.model.journey import Card, JourneyMap, Persona


def tie_persona_column(rows: dict[int, str], personas: list[Persona], cards: list[dict], owners: list[str | None],
                       points: list[dict], report: list[str]) -> list[Persona]:
    """The map's personas: those already read (a persona described above the map keeps its details, and is the
    column's persona of the same name) and one per name of the column, in the column's order."""
    names = list(dict.fromkeys(rows.values()))
    by_name = {" ".join(p.name.split()).casefold(): p for p in personas}
    column = {}
    for name in names:
        persona = by_name.get(name.casefold())
        if persona is None:
            persona = Persona(name=name[:500])
        column[name] = persona
    others = [p for p in personas if p not in column.values()]
    if others and any(p.name for p in others):
        report.append(guessed(f"persona {others[0].name!r} (described above the map) is not named in the persona "
                              "column: kept as the map's first persona, with no cards of its own"))
        out = others + list(column.values())
    else:
        out = list(column.values()) + [p for p in others if p.name]
    for card, owner in zip(cards, owners, strict=True):
        if owner is not None and not card.get("personas"):
            card["personas"] = [column[owner].id]
    for point in points:
        owner = point.get("persona_id")
        if owner in column:
            point["persona_id"] = column[owner].id
    return out


def share_common_cards(merged: JourneyMap) -> None:
    """A card several personas hold at the same place with the same text is one card for those personas (for all
    of them when every persona holds it); a persona's own repeated card stays repeated."""
    seen: dict[tuple[str, str, str], list[Card]] = {}
    for card in merged.cards:
        seen.setdefault((card.stage_id, card.lane_id, " ".join(card.text.split())), []).append(card)
    every = {p.id for p in merged.personas}
    drop: set[int] = set()
    for cards in seen.values():
        first, tied = cards[0], set(cards[0].personas)
        for other in cards[1:]:
            if tied and other.personas and tied.isdisjoint(other.personas):
                tied.update(other.personas)
                drop.add(id(other))
        first.personas = [] if tied == every else [p.id for p in merged.personas if p.id in tied]
    merged.cards = [card for card in merged.cards if id(card) not in drop]
