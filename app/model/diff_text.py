"""A MapDiff as readable sentences, one change per line, for the CLI and the compare panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.model.diff import CardRef, FieldChange, ItemDiff, MapDiff

QUOTE_LIMIT = 48

_FIELD_LABELS = {
    "emotion_scale": "emotion scale",
    "preferred_channels": "preferred channels",
    "kpis": "KPIs",
}


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """'Orders a SIM online' - one line, cut with an ellipsis past `limit` characters."""
    flat = " ".join(str(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"'{flat}'"


def value_text(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        if value and all(isinstance(v, int | float) for v in value) and len(value) == 2:
            return f"{value[0]:g}..{value[1]:g}"
        if value and isinstance(value[0], dict):
            return f"{len(value)} item{'s' if len(value) != 1 else ''}"
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{v}" for v in value.values() if v not in (None, ""))
    return quote(value)


def change_text(change: FieldChange) -> str:
    """'votes 0 -> 3'; long texts just say that they changed."""
    label = _FIELD_LABELS.get(change.field, change.field)
    if change.field in ("kind", "channel", "preferred_channels"):
        return f"{label} {_enum_text(change.field, change.old)} -> {_enum_text(change.field, change.new)}"
    if change.field in ("note", "description", "quote", "role", "kpis", "goals", "needs", "expectations",
                        "frustrations", "photo"):
        return f"{label} changed"
    return f"{label} {value_text(change.old)} -> {value_text(change.new)}"


def _enum_text(field: str, value: Any) -> str:
    from app.model.enums import Channel, LaneKind

    enum = LaneKind if field == "kind" else Channel
    values = value if isinstance(value, list) else [value]
    labels = [enum(v).label for v in values if v is not None]
    return ", ".join(labels) if labels else "none"


def _card(ref: CardRef) -> str:
    return f"Card {quote(ref.text)}" if ref.text.strip() else "An empty card"


def _items(diff: ItemDiff) -> list[str]:
    kind = diff.kind.capitalize()
    lines = [f"{kind} {quote(r.name)} added at position {r.index + 1}" for r in diff.added]
    lines += [f"{kind} {quote(r.name)} removed" for r in diff.removed]
    for change in diff.changed:
        name = quote(change.old.name)
        rename = change.field("name")
        if rename:
            lines.append(f"{kind} {name} renamed to {quote(change.new.name)}")
        if change.moved:
            lines.append(f"{kind} {quote(change.new.name)} moved from position {change.old.index + 1} "
                         f"to {change.new.index + 1}")
        rest = [change_text(f) for f in change.fields if f.field != "name"]
        if rest:
            lines.append(f"{kind} {quote(change.new.name)}: {', '.join(rest)}")
    return lines


def summary_lines(diff: MapDiff) -> list[str]:
    lines: list[str] = []
    for change in diff.metadata:
        label = _FIELD_LABELS.get(change.field, change.field).capitalize()
        lines.append(f"{label} changed from {value_text(change.old)} to {value_text(change.new)}"
                     if change.field != "description" else "Description changed")
    if diff.persona:
        lines.append("Persona: " + ", ".join(change_text(f) for f in diff.persona))
    lines += [f"Persona {quote(r.name)} added" for r in diff.personas.added]
    lines += [f"Persona {quote(r.name)} removed" for r in diff.personas.removed]
    lines += [f"Persona {quote(c.old.name)} moved to place {c.new.index + 1}" for c in diff.personas.moved]
    for items in (diff.phases, diff.stages, diff.lane_groups, diff.lanes):
        lines.extend(_items(items))
    lines += [f"{_card(r)} added to {r.cell}" for r in diff.cards_added]
    lines += [f"{_card(r)} removed from {r.cell}" for r in diff.cards_removed]
    for move in diff.cards_moved:
        if move.kind == "cell":
            lines.append(f"{_card(move.new)} moved from {move.old.cell} to {move.new.cell}")
        else:
            lines.append(f"{_card(move.new)} moved from position {move.old.index + 1} to {move.new.index + 1} "
                         f"in {move.new.cell}")
    for change in diff.cards_changed:
        text_change = next((f for f in change.fields if f.field == "text"), None)
        others = [change_text(f) for f in change.fields if f.field != "text"]
        if text_change:
            line = f"{_card(change.old)} in {change.new.cell} now reads {quote(change.new.text)}"
            lines.append(line + (f"; {', '.join(others)}" if others else ""))
        else:
            lines.append(f"{_card(change.new)} in {change.new.cell}: {', '.join(others)}")
    touched = (*diff.emotions_added, *diff.emotions_removed, *(c.new for c in diff.emotions_changed))
    several = bool(diff.personas.added or diff.personas.removed) or len({p.persona for p in touched}) > 1

    def whose(point) -> str:
        return f" ({point.persona})" if several and point.persona else ""

    for point in diff.emotions_added:
        lines.append(f"Emotion at {point.stage}/{point.lane}{whose(point)} added: {point.value:g}")
    for point in diff.emotions_removed:
        lines.append(f"Emotion at {point.stage}/{point.lane}{whose(point)} removed (was {point.value:g})")
    for change in diff.emotions_changed:
        where = f"Emotion at {change.new.stage}/{change.new.lane}{whose(change.new)}"
        parts = []
        for f in change.fields:
            if f.field == "value":
                parts.append(f"changed from {f.old:g} to {f.new:g}")
            elif f.field == "label":
                parts.append(f"label {value_text(f.old)} -> {value_text(f.new)}")
            else:
                parts.append("note changed")
        lines.append(f"{where} {', '.join(parts)}")
    return lines


def matching_note(diff: MapDiff) -> str | None:
    """One line saying how items were paired when ids could not be used, else None."""
    by_content = [kind.replace("_", " ") for kind, method in diff.matching.items() if method != "id"]
    if not by_content:
        return None
    return (f"the versions share no ids for {', '.join(by_content)}: matched stages and lanes by name and position, "
            "cards by cell and text")
