"""Where in a map its texts live, so a warning about characters can say where they are
("no glyph for: 고 ...; in card '고객은 주문 확인…' (결정 단계 / Actions)")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from app.model.journey import JourneyContent


def quoted(text: str, limit: int = 40) -> str:
    """A text's start, on one line, quoted for a message (as typed: repr() would spell the very characters
    the message is about as escapes)."""
    flat = " ".join(text.split())
    return f"'{flat if len(flat) <= limit else flat[:limit - 1].rstrip() + '…'}'"


def text_places(content: JourneyContent) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of the map, in map order: title, phases, stages, lanes, cards,
    emotion points, personas."""
    stages = {stage.id: stage.name for stage in content.stages}
    lanes = {lane.id: lane.name for lane in content.lanes}
    meta = content.metadata
    yield "the title", meta.title
    yield "the map's description", meta.description
    for phase in content.phases:
        yield f"phase {quoted(phase.name)}", phase.name
    for stage in content.stages:
        yield f"stage {quoted(stage.name)}", stage.name
        yield f"the description of stage {quoted(stage.name)}", stage.description
        for kpi in stage.kpis:
            yield f"KPI {quoted(kpi.name)} of stage {quoted(stage.name)}", f"{kpi.name} {kpi.unit}"
    for lane in content.lanes:
        yield f"lane {quoted(lane.name)}", lane.name
    for card in content.cards:
        where = f"({stages.get(card.stage_id, '?')} / {lanes.get(card.lane_id, '?')})"
        yield f"card {quoted(card.text)} {where}", card.text
        yield f"the note of card {quoted(card.text)} {where}", card.note
        yield f"the tags of card {quoted(card.text)} {where}", " ".join(card.tags)
    for point in content.emotions:
        where = f"({stages.get(point.stage_id, '?')} / {lanes.get(point.lane_id, '?')})"
        yield f"emotion label {quoted(point.label or '')} {where}", point.label or ""
        yield f"emotion note {where}", point.note
    for persona in content.personas:
        fields = [persona.name, persona.role, persona.quote, *persona.goals, *persona.needs,
                  *persona.expectations, *persona.frustrations]
        yield f"persona {quoted(persona.name)}", "\n".join(fields)


def places_with(content: JourneyContent, chars: Iterable[str], shown: int = 3) -> str:
    """Where the characters occur: the first `shown` places in map order, and how many more."""
    wanted = set(chars)
    places = [where for where, text in text_places(content) if text and not wanted.isdisjoint(text)]
    if not places:
        return ""
    more = f" and {len(places) - shown} more place(s)" if len(places) > shown else ""
    return "in " + ", ".join(places[:shown]) + more
