"""Re-import of a hand-edited export: the visible sheet wins, the hidden map fills in the rest.

A workbook exported by Journey Canvas carries the whole map in a hidden sheet. When a client edits the
visible sheet, that sheet is read by its layout, which cannot know ids, card notes, tags, evidence
sources, colours, lane kinds, KPI directions, the author or the snapshots. `carry_over` pairs the
edited map's items with the hidden map's (the diff's matching: ids, then names and positions, then
card text similarity) and copies onto every pair what the sheet does not show, keeping what it does.
"""

from __future__ import annotations

from typing import Any

from app.model.journey import JourneyContent, JourneyMap
from app.model.matching import match_by_name, match_cards_by_text


def carry_over(hidden: JourneyMap, edited: JourneyMap) -> JourneyMap:
    """`edited` (read from the visible sheet) with everything `hidden` knows about the items that still match."""
    stage_map = match_by_name(hidden.stages, edited.stages, by_position=True)  # hidden id -> edited id
    lane_map = match_by_name(hidden.lanes, edited.lanes, by_position=True)
    phase_map = match_by_name(hidden.phases, edited.phases, by_position=True)
    card_map = match_cards_by_text(hidden, edited, stage_map, lane_map)
    persona_map = match_by_name(hidden.personas, edited.personas, by_position=True)
    data = edited.model_dump()
    back = {new: old for mapping in (stage_map, lane_map, phase_map, card_map, persona_map)
            for old, new in mapping.items()}

    old_stages = {s.id: s for s in hidden.stages}
    for stage in data["stages"]:
        old = old_stages.get(back.get(stage["id"], ""))
        if old is not None:
            stage["color"] = old.color  # the sheet's fills are drawn from the map's colours (or the defaults)
            _fill(stage, old.model_dump(), ("description",))
            stage["kpis"] = _kpis(stage["kpis"], [k.model_dump() for k in old.kpis])
    old_phases = {p.id: p for p in hidden.phases}
    for phase in data["phases"]:
        old = old_phases.get(back.get(phase["id"], ""))
        if old is not None:
            phase["color"] = old.color
    old_lanes = {lane.id: lane for lane in hidden.lanes}
    groups = {g.id: g for g in hidden.lane_groups}
    used_groups: dict[str, Any] = {}
    for lane in data["lanes"]:
        old = old_lanes.get(back.get(lane["id"], ""))
        if old is None:
            continue
        lane["kind"], lane["color"] = old.kind, old.color
        if not lane["group_id"] and old.group_id in groups:
            lane["group_id"] = old.group_id
            used_groups[old.group_id] = groups[old.group_id].model_dump()
    known = {g["id"] for g in data["lane_groups"]}
    data["lane_groups"] += [g for gid, g in used_groups.items() if gid not in known]
    old_cards = {c.id: c for c in hidden.cards}
    old_notes = [c.note.strip() for c in hidden.cards if c.note.strip()]
    for card in data["cards"]:
        old = old_cards.get(back.get(card["id"], ""))
        if old is not None:
            card["color"] = old.color
            if any(note in card["note"] for note in old_notes):  # the export's comment, not a new note
                card["note"] = old.note
            _fill(card, old.model_dump(), ("note", "tags", "channel", "votes"))
            if old.evidence is not None:
                if card["evidence"] is None:
                    card["evidence"] = old.evidence.model_dump()
                elif not card["evidence"].get("source"):  # the sheet shows the status only: a retyped one keeps
                    card["evidence"]["source"] = old.evidence.source  # the research it came from
    old_points = {(p.stage_id, p.lane_id, hidden.curve_owner(p.persona_id)): p for p in hidden.emotions}
    for point in data["emotions"]:
        owner = edited.curve_owner(point["persona_id"])
        old = old_points.get((back.get(point["stage_id"], ""), back.get(point["lane_id"], ""),
                              back.get(owner, owner) if owner else hidden.curve_owner(None)))
        if old is not None:
            _fill(point, old.model_dump(), ("note", "label"))
    if all(hidden.emotion_scale.min <= p["value"] <= hidden.emotion_scale.max for p in data["emotions"]):
        data["emotion_scale"] = hidden.emotion_scale.model_dump()
    meta = data["metadata"]
    byline = f"\nBy {hidden.metadata.author}"
    if hidden.metadata.author and meta["description"].endswith(byline):  # the export's "By author" line
        meta["description"] = meta["description"][: -len(byline)]
    _fill(meta, hidden.metadata.model_dump(), ("description", "author", "created", "modified"))
    # personas: each one the sheet shows keeps what it leaves empty; those it does not show are kept
    old_personas = {p.id: p for p in hidden.personas}
    for persona in data["personas"]:
        old = old_personas.get(back.get(persona["id"], ""))
        if old is not None:
            _fill(persona, old.model_dump(), tuple(name for name in persona if name != "id"))
    shown = {back.get(p["id"], p["id"]) for p in data["personas"]}
    data["personas"] += [p.model_dump() for p in hidden.personas if p.id not in shown]
    data["snapshots"] = [s.model_dump() for s in hidden.snapshots]
    _rename_ids(data, back)
    return JourneyMap.model_validate(data)


def _fill(item: dict[str, Any], old: dict[str, Any], fields: tuple[str, ...]) -> None:
    """Copy the old value of each field the edited item leaves empty."""
    for name in fields:
        if item.get(name) in (None, "", [], 0) and old.get(name) not in (None, "", [], 0):
            item[name] = old[name]


def _kpis(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sheet's KPIs, each keeping the id and direction of the old KPI of the same name; the old ones
    when the sheet shows none."""
    if not new:
        return old
    by_name = {" ".join(k["name"].split()).casefold(): k for k in old}
    for kpi in new:
        match = by_name.get(" ".join(kpi["name"].split()).casefold())
        if match is not None:
            kpi["id"], kpi["higher_is_better"] = match["id"], match["higher_is_better"]
            kpi["unit"] = kpi["unit"] or match["unit"]
    return new


def _rename_ids(data: dict[str, Any], back: dict[str, str]) -> None:
    """Give paired items their old ids back (and every reference to them), unless an id is taken."""
    taken = {item["id"] for key in ("stages", "lanes", "phases", "cards", "personas") for item in data[key]}
    rename = {new: old for new, old in back.items() if new != old and old not in taken}

    def fix(value: str | None) -> str | None:
        return rename.get(value, value) if value else value

    for key in ("stages", "lanes", "phases", "cards", "personas"):
        for item in data[key]:
            item["id"] = fix(item["id"])
    for stage in data["stages"]:
        stage["phase_id"] = fix(stage["phase_id"])
    for card in data["cards"]:
        card["stage_id"], card["lane_id"] = fix(card["stage_id"]), fix(card["lane_id"])
        card["personas"] = [fix(p) for p in card["personas"]]
    for point in data["emotions"]:
        point["stage_id"], point["lane_id"] = fix(point["stage_id"]), fix(point["lane_id"])
        point["persona_id"] = fix(point["persona_id"])


def changes(hidden: JourneyContent, merged: JourneyContent, limit: int = 12) -> list[str]:
    """What the hand edits changed, one line each (the diff's summary), for the import report."""
    from app.model.diff import diff_contents

    lines = diff_contents(hidden, merged).summary()
    return lines[:limit] + ([f"... and {len(lines) - limit} more"] if len(lines) > limit else [])
