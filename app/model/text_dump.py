"""A map as plain readable text, one thing per line: what `git diff` shows through the textconv driver.

Stable and line-oriented, so a diff of two versions names the cards, stages and fields that
changed: the personas, the stage and lane lists, then cell by cell (stage order, then lane order) every
card with its fields and the personas it is for, the emotion points (whose curve each is, when there are
several personas) and the snapshots (names and dates only).
"""

from __future__ import annotations

from typing import Any

from app.model.journey import JourneyContent, JourneyMap

CARD_EXTRAS = ("note", "tags", "channel", "evidence", "votes", "color")


def map_as_text(journey: JourneyContent) -> str:
    """Every word of the map, in a stable order, indented under where it sits."""
    lines = [f"# {journey.metadata.title}"]
    if journey.metadata.description:
        lines += _block("description", journey.metadata.description, "")
    if journey.metadata.author:
        lines.append(f"author: {journey.metadata.author}")
    scale = journey.emotion_scale
    lines.append(f"emotion scale: {scale.min:g}..{scale.max:g}")
    lines += _persona(journey)
    phases = {p.id: p.name for p in journey.phases}
    groups = {g.id: g.name for g in journey.lane_groups}
    lines.append("")
    lines.append("## Stages")
    for stage in journey.stages:
        lines.append(f"- {stage.name}" + (f"  (phase {phases.get(stage.phase_id, '?')})" if stage.phase_id else ""))
        lines += _block("description", stage.description, "    ")
        lines += [f"    kpi: {k.name} {_num(k.value)} / {_num(k.target)} {k.unit}".rstrip()
                  + ("" if k.higher_is_better else " (lower is better)") for k in stage.kpis]
    lines.append("")
    lines.append("## Lanes")
    for lane in journey.lanes:
        group = f", group {groups.get(lane.group_id, '?')}" if lane.group_id else ""
        role = f", {lane.role.value}" if lane.role else ""
        lines.append(f"- {lane.name}  ({lane.kind.value}{group}{role})")
    by_cell: dict[tuple[str, str], list[Any]] = {}
    for card in journey.cards:
        by_cell.setdefault((card.stage_id, card.lane_id), []).append(card)
    points: dict[tuple[str, str], list[Any]] = {}
    for point in journey.emotions:
        points.setdefault((point.stage_id, point.lane_id), []).append(point)
    names = {persona.id: persona.name for persona in journey.personas}
    order = {persona_id: index for index, persona_id in enumerate(names)}
    several = len(names) > 1  # one curve per persona: each point says whose it is
    for stage in journey.stages:
        for lane in journey.lanes:
            cards, cell_points = by_cell.get((stage.id, lane.id), []), points.get((stage.id, lane.id), [])
            if not cards and not cell_points:
                continue
            lines.append("")
            lines.append(f"## {stage.name} / {lane.name}")
            for point in sorted(cell_points, key=lambda p: order.get(journey.curve_owner(p.persona_id), len(order))):
                owner = journey.curve_owner(point.persona_id)
                whose = f" ({names.get(owner, owner)})" if several and owner else ""
                lines.append(f"emotion: {point.value:g}" + (f" {point.label}" if point.label else "") + whose)
                lines += _block("note", point.note, "    ")
            for card in cards:
                lines += _card(card, names)
    if isinstance(journey, JourneyMap) and journey.snapshots:
        lines.append("")
        lines.append("## Snapshots")
        lines += [f"- {s.name}  ({s.created:%Y-%m-%d %H:%M}{', ' + s.author if s.author else ''})"
                  for s in journey.snapshots]
    return "\n".join(lines) + "\n"


def _card(card: Any, persona_names: dict[str, str]) -> list[str]:
    text_lines = card.text.split("\n") or [""]
    lines = [f"* {text_lines[0]}"] + [f"  {line}" for line in text_lines[1:]]
    if card.personas:  # tied to some personas (none: about all of them)
        lines.append("    for: " + ", ".join(persona_names.get(p, p) for p in card.personas))
    for name in CARD_EXTRAS:
        value = getattr(card, name)
        if value in (None, "", [], 0):
            continue
        if name == "evidence":
            value = value.status.value + (f" ({value.source})" if value.source else "")
        elif name == "tags":
            value = ", ".join(value)
        elif hasattr(value, "value"):
            value = value.value
        lines += _block(name, str(value), "    ")
    return lines


def _persona(journey: JourneyContent) -> list[str]:
    return [line for persona in journey.personas for line in _one_persona(persona)]


def _one_persona(persona: Any) -> list[str]:
    lines = ["", f"## Persona: {persona.name}"]
    for name in ("role", "quote"):
        lines += _block(name, getattr(persona, name), "")
    for name in ("goals", "needs", "expectations", "frustrations"):
        for value in getattr(persona, name):
            lines += _block(name.removesuffix("s"), value, "")
    if persona.preferred_channels:
        lines.append("preferred channels: " + ", ".join(c.value for c in persona.preferred_channels))
    if persona.photo is not None:
        lines.append(f"photo: {persona.photo.mime_type}, {len(persona.photo.data) * 3 // 4} bytes")
    return lines


def _block(name: str, text: str, indent: str) -> list[str]:
    if not text:
        return []
    first, *rest = text.split("\n")
    return [f"{indent}{name}: {first}"] + [f"{indent}  {line}" for line in rest]


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
