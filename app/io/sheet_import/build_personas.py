"""What the Excel export writes for several personas and blueprints, read back from a sheet's layout.

- Emotion rows labelled "<lane> – <persona>" ("Emotions – Maya") are that persona's curve on the lane
  (the export writes one such row per persona); the persona is found by name or added.
- A card ending in " [for Maya, Kai]" is tied to those personas.
- Divider rows named "Line of interaction", "Line of visibility", "Line of internal interaction" (with
  nothing in them) are not lanes: the lane just above and the lane just below get the roles the line
  separates (unless they have one).
Works on the raw dicts `build_journey` validates, so it stays one pass before the map is made.
"""

from __future__ import annotations

import functools
import re

from app.io.xlsx_export.card_markers import strip_persona_marker
from app.model.blueprint import LINE_ROLES
from app.model.enums import LaneKind, LaneRole
from app.model.journey import Persona


@functools.cache
def _persona_row() -> re.Pattern[str]:
    return re.compile(r"^(?P<lane>.+?)\s+[–—-]\s+(?P<persona>\S.*)$")


_LINES = {name.casefold(): roles for name, roles in LINE_ROLES.items()}


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Personas:
    def __init__(self, first: Persona | None, known: list[str] | None = None) -> None:
        self.list: list[Persona] = [first] if first is not None else []
        self.known = {_fold(name) for name in known or []}  # names the workbook lists elsewhere (a persona sheet)

    def named(self, name: str) -> Persona:
        key = _fold(name)
        for persona in self.list:
            if _fold(persona.name) == key:
                return persona
        persona = Persona(name=name[:500])
        self.list.append(persona)
        return persona


def apply_persona_layout(lanes: list[dict], cards: list[dict], points: list[dict], persona: Persona | None,
                         report: list[str], groups: list[dict] | None = None,
                         known: list[str] | None = None) -> list[Persona]:
    """Change the dicts in place as described above; returns the map's personas. `known`: persona names
    the workbook lists elsewhere, so one row "Emotions – Kai" reads as Kai's curve."""
    personas = _Personas(persona, known)
    _divider_rows(lanes, cards, points, report)
    _roles_from_groups(lanes, groups or [], report)
    _roles_from_names(lanes, report)
    _persona_rows(lanes, cards, points, personas, report)
    for card in cards:
        if " [for " in card["text"]:
            text, names = strip_persona_marker(card["text"])
            if names and text.strip():
                card["text"] = text
                card["personas"] = list(dict.fromkeys(personas.named(name).id for name in names))
    return personas.list


_FITS = {
    LaneRole.EVIDENCE: ("evidence",),
    LaneRole.CUSTOMER: ("customer", "action"),
    LaneRole.FRONTSTAGE: ("frontstage", "front stage", "front-stage", "onstage"),
    LaneRole.BACKSTAGE: ("backstage", "back stage", "back-stage"),
    LaneRole.SUPPORT: ("support",),
}


def _fits(lane: dict, role: LaneRole) -> bool:
    name = _fold(lane["name"])
    return any(word in name for word in _FITS[role])


def _give_role(candidates: list[dict], role: LaneRole) -> None:
    """The first candidate whose name fits the role gets it; failing that the first (the nearest) one."""
    free = [lane for lane in candidates if not lane.get("role")]
    chosen = next((lane for lane in free if _fits(lane, role)), free[0] if free else None)
    if chosen is not None:
        chosen["role"] = role


def _divider_rows(lanes: list[dict], cards: list[dict], points: list[dict], report: list[str]) -> None:
    used = {card["lane_id"] for card in cards} | {point["lane_id"] for point in points}
    found = [(i, _LINES[_fold(lane["name"])]) for i, lane in enumerate(lanes)
             if _fold(lane["name"]) in _LINES and lane["id"] not in used]
    if not found:
        return
    bounds = [-1] + [i for i, _ in found] + [len(lanes)]
    for number, (index, (above, below)) in enumerate(found):
        # the lanes between the previous divider and this one, nearest first; then those down to the next one
        _give_role(lanes[bounds[number] + 1:index][::-1], above)
        _give_role(lanes[index + 1:bounds[number + 2]], below)
    for lane in lanes:
        if not lane.get("role") and _fits(lane, LaneRole.EVIDENCE):
            lane["role"] = LaneRole.EVIDENCE
    report.extend(f"row {lanes[index]['name']!r} read as a service-blueprint line, not a lane" for index, _ in found)
    for index, _roles in reversed(found):
        del lanes[index]


_ZONE_ROLES = {"customer": LaneRole.CUSTOMER, "frontstage": LaneRole.FRONTSTAGE, "backstage": LaneRole.BACKSTAGE,
               "support processes": LaneRole.SUPPORT}


def _roles_from_groups(lanes: list[dict], groups: list[dict], report: list[str]) -> None:
    """The detector makes the lanes between blueprint lines into groups named Customer / Frontstage / Backstage /
    Support processes; in each, the lanes whose names fit the zone's role get it (all of them when none fits),
    and a lane named like physical evidence gets that role."""
    zone = {g["id"]: _ZONE_ROLES[_fold(g["name"])] for g in groups if _fold(g["name"]) in _ZONE_ROLES}
    if not zone:
        return
    members: dict[LaneRole, list[dict]] = {}
    for lane in lanes:
        if lane.get("group_id") in zone and not lane.get("role"):
            members.setdefault(zone[lane["group_id"]], []).append(lane)
    for role, found in members.items():
        fitting = [lane for lane in found if _fits(lane, role)]
        for lane in fitting or found:
            lane["role"] = role
        for lane in found:
            if not lane.get("role") and _fits(lane, LaneRole.EVIDENCE):
                lane["role"] = LaneRole.EVIDENCE
    report.append("lane roles from the blueprint lines: " + ", ".join(
        f"{lane['name']!r} {lane['role'].value}" for lane in lanes if lane.get("role")))


_LAYER_NAMES = {  # names only a service blueprint gives a lane
    LaneRole.FRONTSTAGE: (*_FITS[LaneRole.FRONTSTAGE], "on stage", "visible contact"),
    LaneRole.BACKSTAGE: (*_FITS[LaneRole.BACKSTAGE], "invisible contact"),
    LaneRole.SUPPORT: ("support process", "supporting process", "support system"),
    LaneRole.EVIDENCE: ("physical evidence", "props"),
}


def _layer_of(lane: dict) -> LaneRole | None:
    name = _fold(lane["name"])
    return next((role for role, words in _LAYER_NAMES.items() if any(word in name for word in words)), None)


_STAFF = (LaneRole.FRONTSTAGE, LaneRole.BACKSTAGE, LaneRole.SUPPORT)


def _roles_from_names(lanes: list[dict], report: list[str]) -> None:
    """A blueprint drawn without its lines: lanes named 'Backstage', 'Frontstage actions', 'Support processes',
    'Physical evidence' get those roles, and the customer's lanes above the first staff layer the customer's
    role. Only when no lane has a staff role yet (the lines and groups say more: a group named 'Customer' gives
    the customer's role alone) and a staff layer is named; a lane's role is never replaced."""
    if any(lane.get("role") in _STAFF for lane in lanes):
        return
    layers = [(lane, _layer_of(lane)) for lane in lanes]
    staff = [i for i, (_, role) in enumerate(layers) if role in (LaneRole.FRONTSTAGE, LaneRole.BACKSTAGE)]
    if not staff:
        return
    for index, (lane, role) in enumerate(layers):
        if lane.get("role"):
            continue
        if role is not None:
            lane["role"] = role
        elif index < staff[0] and (lane["kind"] == LaneKind.ACTIONS or _fits(lane, LaneRole.CUSTOMER)):
            lane["role"] = LaneRole.CUSTOMER
    report.append("a service blueprint by its lane names: " + ", ".join(
        f"{lane['name']!r} {lane['role'].value}" for lane in lanes if lane.get("role")))


def _persona_rows(lanes: list[dict], cards: list[dict], points: list[dict], personas: _Personas,
                  report: list[str]) -> None:
    scored = {point["lane_id"] for point in points}
    emotion_lanes = [lane for lane in lanes if lane["kind"] == LaneKind.EMOTIONS or lane["id"] in scored]
    rows: dict[str, list[tuple[dict, str, str]]] = {}
    for lane in emotion_lanes:
        match = _persona_row().match(" ".join(lane["name"].split()))
        if match:
            rows.setdefault(_fold(match.group("lane")), []).append((lane, match.group("lane"), match.group("persona")))
    known = {_fold(p.name) for p in personas.list} | personas.known
    for prefix, found in rows.items():
        base = next((lane for lane in emotion_lanes if _fold(lane["name"]) == prefix), None)
        if base is None and len(found) < 2 and not any(_fold(name) in known for *_, name in found):
            continue  # one row "Emotions - morning": a lane's own name, not a persona's curve
        if base is None:
            base = found[0][0]
            base["name"] = found[0][1]
        base["kind"] = LaneKind.EMOTIONS
        taken: set[tuple[str, str]] = set()
        for lane, _prefix, name in found:
            persona = personas.named(name)
            for point in [p for p in points if p["lane_id"] == lane["id"]]:
                if (point["stage_id"], persona.id) in taken:
                    points.remove(point)  # the same persona's row twice: the first one counts
                    continue
                taken.add((point["stage_id"], persona.id))
                point["lane_id"], point["persona_id"] = base["id"], persona.id
            for card in cards:
                if card["lane_id"] == lane["id"]:
                    card["lane_id"] = base["id"]
            if lane is not base:
                lanes.remove(lane)
        report.append(f"emotion rows {', '.join(repr(name) for *_, name in found)} read as the personas' curves "
                      f"on lane {base['name']!r}")
