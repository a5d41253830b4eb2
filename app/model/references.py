"""Whether a map's references hold: every card's stage, lane and personas exist, every id is given once and
spelt as an id, every emotion point sits on an emotions lane of an existing stage, once per curve, within the
scale. `JourneyContent` checks this after every validation; a map of tens of thousands of cards is checked in
set operations over all of them at once (C speed), and only a map that fails is walked item by item to name
each problem."""

from __future__ import annotations

import itertools
import operator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from app.model.enums import LaneKind

if TYPE_CHECKING:
    from app.model.journey import JourneyContent


def find_reference_problems(content: JourneyContent) -> list[str]:
    """Every dangling or duplicated reference in a map, as readable sentences."""
    return [] if _references_hold(content) else _walk_references(content)


def _walk_references(content: JourneyContent) -> list[str]:
    """The problems, item by item (the quick test found one)."""
    problems: list[str] = []
    stage_ids = {s.id for s in content.stages}
    lane_ids = {lane.id for lane in content.lanes}
    phase_ids = {p.id for p in content.phases}
    group_ids = {g.id for g in content.lane_groups}

    kinds: tuple[tuple[str, list[Any]], ...] = (
        ("phase", content.phases),
        ("stage", content.stages),
        ("lane group", content.lane_groups),
        ("lane", content.lanes),
        ("card", content.cards),
        ("persona", content.personas),
    )
    kpis = [kpi for stage in content.stages for kpi in stage.kpis]
    for kind, items in (*kinds, ("KPI", kpis)):
        problems.extend(f"{kind} id {item.id!r} may hold only letters, digits, '_' and '-'"
                        for item in items if not spelt_as_ids([item.id]))
    every_id = list(itertools.chain.from_iterable(map(_ID, items) for _, items in kinds))
    if len(set(every_id)) != len(every_id):  # the quick test first: a large map has tens of thousands of ids
        seen: set[str] = set()
        for kind, items in kinds:
            for item in items:
                if item.id in seen:
                    problems.append(f"{kind} id {item.id!r} is used twice")
                seen.add(item.id)

    for stage in content.stages:
        if stage.phase_id is not None and stage.phase_id not in phase_ids:
            problems.append(f"stage {stage.name!r} belongs to phase {stage.phase_id!r}, which does not exist")
    for lane in content.lanes:
        if lane.group_id is not None and lane.group_id not in group_ids:
            problems.append(f"lane {lane.name!r} belongs to lane group {lane.group_id!r}, which does not exist")
    persona_ids = {persona.id for persona in content.personas}
    for card in content.cards:
        for persona_id in card.personas:
            if persona_id not in persona_ids:
                problems.append(f"card {card.id!r} is tied to persona {persona_id!r}, which does not exist")
        if len(set(card.personas)) != len(card.personas):
            problems.append(f"card {card.id!r} names a persona twice")
        if card.stage_id not in stage_ids:
            problems.append(f"card {card.id!r} is in stage {card.stage_id!r}, which does not exist")
        if card.lane_id not in lane_ids:
            problems.append(f"card {card.id!r} is in lane {card.lane_id!r}, which does not exist")

    emotion_lanes = {lane.id for lane in content.lanes if lane.kind == LaneKind.EMOTIONS}
    scale = content.emotion_scale
    cells: set[tuple[str, str, str | None]] = set()
    first = content.personas[0].id if content.personas else None
    for point in content.emotions:
        where = f"emotion point (lane {point.lane_id!r}, stage {point.stage_id!r})"
        if point.persona_id is not None and point.persona_id not in persona_ids:
            problems.append(f"{where} is on the curve of persona {point.persona_id!r}, which does not exist")
        owner = first if point.persona_id is None else point.persona_id
        if point.stage_id not in stage_ids:
            problems.append(f"{where} refers to a stage that does not exist")
        if point.lane_id not in lane_ids:
            problems.append(f"{where} refers to a lane that does not exist")
        elif point.lane_id not in emotion_lanes:
            problems.append(f"{where} is on a lane that is not an emotions lane")
        if (point.lane_id, point.stage_id, owner) in cells:
            problems.append(f"{where} is given twice")
        cells.add((point.lane_id, point.stage_id, owner))
        if not scale.min <= point.value <= scale.max:
            problems.append(f"{where} has value {point.value:g} outside the scale {scale.min:g}..{scale.max:g}")
    return problems


_ID = operator.attrgetter("id")
_FIELDS = BaseModel.__dict__["__dict__"].__get__
"""A model's field values as its dict. The descriptor's own getter: `model.__dict__` and attrgetter would
look the name up through pydantic's `__getattr__` hook, which costs a map of thousands of cards more than
reading the values from the dicts does."""
_ID_OF, _STAGE_OF, _LANE_OF, _PERSONAS_OF = map(operator.itemgetter, ("id", "stage_id", "lane_id", "personas"))
_PERSONA_OF, _VALUE_OF = operator.itemgetter("persona_id"), operator.itemgetter("value")
_KPIS_OF = operator.itemgetter("kpis")


def spelt_as_ids(ids: list[str]) -> bool:
    """Whether every id matches ID_PATTERN (each is at least one character long): all of them at once."""
    joined = "".join(ids)
    rest = joined.replace("-", "").replace("_", "")
    return joined.isascii() and (not rest or rest.isalnum())


def _references_hold(content: JourneyContent) -> bool:
    """Whether `find_reference_problems` would find nothing, in set operations over all cards and points
    at once (C speed); only a map that fails one is walked item by item to say what is wrong."""
    cards, points = list(map(_FIELDS, content.cards)), list(map(_FIELDS, content.emotions))
    stages, lanes = list(map(_FIELDS, content.stages)), list(map(_FIELDS, content.lanes))
    personas = list(map(_ID, content.personas))
    every_id = [*map(_ID, content.phases), *map(_ID_OF, stages), *map(_ID, content.lane_groups),
                *map(_ID_OF, lanes), *map(_ID_OF, cards), *personas]
    if len(set(every_id)) != len(every_id) or not spelt_as_ids(every_id):
        return False
    if not spelt_as_ids(list(map(_ID, itertools.chain.from_iterable(map(_KPIS_OF, stages))))):
        return False
    stage_ids, lane_ids, persona_ids = set(map(_ID_OF, stages)), set(map(_ID_OF, lanes)), set(personas)
    phase_ids = set(map(_ID, content.phases))
    phase_ids.add(None)
    group_ids = set(map(_ID, content.lane_groups))
    group_ids.add(None)
    if not (phase_ids.issuperset(map(operator.itemgetter("phase_id"), stages))
            and group_ids.issuperset(map(operator.itemgetter("group_id"), lanes))
            and _cards_resolve(cards, stage_ids, lane_ids, persona_ids)):
        return False
    if not points:
        return True
    first = personas[0] if personas else None
    owners = [first if owner is None else owner for owner in map(_PERSONA_OF, points)]
    point_lanes, point_stages = list(map(_LANE_OF, points)), list(map(_STAGE_OF, points))
    emotion_lanes = {lane["id"] for lane in lanes if lane["kind"] == LaneKind.EMOTIONS}
    values, scale = list(map(_VALUE_OF, points)), content.emotion_scale
    persona_ids.add(None)
    return (persona_ids.issuperset(map(_PERSONA_OF, points)) and stage_ids.issuperset(point_stages)
            and emotion_lanes.issuperset(point_lanes)
            and len(set(zip(point_lanes, point_stages, owners, strict=True))) == len(points)
            and all(scale.min <= value <= scale.max for value in values))


def _cards_resolve(cards: list[dict[str, Any]], stage_ids: set[str], lane_ids: set[str],
                   persona_ids: set[str]) -> bool:
    """Whether every card (its field dict) has its stage, lane and personas exist, each persona named once."""
    if not stage_ids.issuperset(map(_STAGE_OF, cards)) or not lane_ids.issuperset(map(_LANE_OF, cards)):
        return False
    return all(len(set(personas)) == len(personas) and persona_ids.issuperset(personas)
               for personas in filter(None, map(_PERSONAS_OF, cards)))
