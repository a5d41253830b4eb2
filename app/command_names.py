"""The words the Undo History shows for an edit: what changed, and where ("Add card 'Reads reviews'
in Consideration / Customer actions"). Pure functions of the map; app/document.py names its commands with them."""

from __future__ import annotations

from typing import Any

from app.model import Card, JourneyMap

LABEL_CHARS = 40  # a card's text is cut in a history label only; the card keeps every word

FIELD_NAMES = {
    "text": "text", "color": "colour", "note": "note", "tags": "tags", "evidence": "evidence",
    "channel": "channel", "votes": "votes", "name": "name", "description": "description", "kind": "kind",
    "phase_id": "phase", "kpis": "KPIs", "group_id": "group", "title": "title", "author": "author",
    "personas": "personas", "role": "blueprint role",
}


def quote(text: str) -> str:
    """Text in quotes for a label, on one line and at most LABEL_CHARS characters."""
    flat = " ".join(str(text).split())
    return f"'{flat if len(flat) <= LABEL_CHARS else flat[:LABEL_CHARS - 1] + '…'}'"


def describe_card(journey: JourneyMap, card: Card) -> str:
    """"'Reads reviews' in Consideration / Customer actions"."""
    stage = next((s.name for s in journey.stages if s.id == card.stage_id), "?")
    lane = next((lane.name for lane in journey.lanes if lane.id == card.lane_id), "?")
    return f"{quote(card.text)} in {stage} / {lane}"


KIND_FIELD_NAMES = {"persona": {"role": "role"}}  # a lane's role is its blueprint role, a persona's is a job


def describe_change(fields: dict[str, Any], kind: str = "") -> str:
    """"Change colour", "Change channel and votes"."""
    names = [KIND_FIELD_NAMES.get(kind, {}).get(name) or FIELD_NAMES.get(name, name.replace("_", " "))
             for name in fields]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Change {joined}"


def describe_edit(kind: str, name: str, fields: dict[str, Any]) -> str:
    """"Rename stage 'Awareness' to 'Discover'", or "Change colour of stage 'Awareness'"."""
    if set(fields) == {"name"}:
        if not name.strip():
            return f"Name the {kind} {quote(fields['name'])}"
        return f"Rename {kind} {quote(name)} to {quote(fields['name'])}"
    return f"{describe_change(fields, kind)} of {kind} {quote(name)}" if name.strip() else \
        f"{describe_change(fields, kind)} of the unnamed {kind}"
