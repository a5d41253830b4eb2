"""The `info --json` summary: a stable, index-based view of a map for other tools."""

from __future__ import annotations

from typing import Any

from app.model.journey import JourneyContent


def summarize(journey: JourneyContent) -> dict[str, Any]:
    """The summary in exactly the documented shape (see README, "info --json")."""
    stage_index = {stage.id: i for i, stage in enumerate(journey.stages)}
    lane_index = {lane.id: i for i, lane in enumerate(journey.lanes)}
    persona_index = {persona.id: i for i, persona in enumerate(journey.personas)}
    phases = []
    for phase in journey.phases:
        phases.append(
            {"name": phase.name, "stages": [i for i, s in enumerate(journey.stages) if s.phase_id == phase.id]}
        )
    cells: dict[tuple[int, int], list[str]] = {}
    for card in journey.cards:
        key = (stage_index[card.stage_id], lane_index[card.lane_id])
        cells.setdefault(key, []).append(card.text)
    emotions = sorted(
        (
            {
                "stage": stage_index[p.stage_id],
                "lane": lane_index[p.lane_id],
                "value": p.value,
                "label": p.label,
                "persona": persona_index.get(journey.curve_owner(p.persona_id)),
            }
            for p in journey.emotions
        ),
        key=lambda e: (e["lane"], e["stage"], -1 if e["persona"] is None else e["persona"]),
    )
    return {
        "title": journey.metadata.title,
        "stages": [stage.name for stage in journey.stages],
        "phases": phases,
        "lanes": [{"name": lane.name, "kind": lane.kind.value, "role": lane.role.value if lane.role else None}
                  for lane in journey.lanes],
        "cells": [{"stage": s, "lane": lane, "items": items} for (s, lane), items in sorted(cells.items())],
        "emotions": emotions,
        "emotion_scale": [journey.emotion_scale.min, journey.emotion_scale.max],
        "personas": [{"name": persona.name} for persona in journey.personas],
        "cards": [{"stage": stage_index[card.stage_id], "lane": lane_index[card.lane_id], "text": card.text,
                   "personas": [persona_index[p] for p in card.personas]} for card in journey.cards],
    }


def describe(journey: JourneyContent) -> str:
    """A few human-readable lines about a map, for `info` without `--json`."""
    lines = [f"Title:    {journey.metadata.title}"]
    names = [persona.name for persona in journey.personas if persona.name]
    if names:
        lines.append(f"Persona:  {', '.join(names)}" if len(names) == 1 else f"Personas: {', '.join(names)}")
    lines.append(
        f"Stages:   {len(journey.stages)} ({', '.join(s.name for s in journey.stages[:8])}"
        f"{', ...' if len(journey.stages) > 8 else ''})"
    )
    if journey.phases:
        lines.append(f"Phases:   {', '.join(p.name for p in journey.phases)}")
    lines.append(
        f"Lanes:    {len(journey.lanes)} ({', '.join(f'{lane.name} [{lane.kind.value}]' for lane in journey.lanes[:8])}"
        f"{', ...' if len(journey.lanes) > 8 else ''})"
    )
    lines.append(f"Cards:    {len(journey.cards)}")
    scale = journey.emotion_scale
    lines.append(f"Emotions: {len(journey.emotions)} points on a {scale.min:g}..{scale.max:g} scale")
    return "\n".join(lines)
