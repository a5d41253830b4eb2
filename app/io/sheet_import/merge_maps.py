"""Several maps of one sheet that share their stages, imported as ONE map with one persona per map.

Two personas' journeys side by side or stacked, each with its own label column: the stages are matched
by name (in the first map's order), the lanes by name, else by kind (an emotions lane with an emotions
lane); each map's cards are tied to its persona (a card all maps hold in the same place is for all of
them) and each map's emotion rows become its persona's curve. A map's persona is named by a
"Persona: X" line above it, else by its title ("Anna: first purchase" -> "Anna"), else "Persona N".
Maps whose stages differ are refused with one line naming them.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.io.errors import JourneyFileError
from app.io.formats import ImportResult
from app.io.sheet_import.build_persona_column import share_common_cards
from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.report import ReportLine, found, group_of, guessed
from app.model.enums import LaneKind
from app.model.journey import EmotionScale, JourneyMap, Lane, LaneGroup, Persona

_TITLE_NAME = re.compile(r"^\s*(?P<name>[^:–—|]{1,40}?)\s*[:–—|]\s*(?=\S)")
_PERSONA_WORD = re.compile(r"^\s*(persona|персона|personna|perfil)\s*\d*\s*[:–—-]?\s*", re.IGNORECASE)


def merge_as_personas(path: Path, maps: list[tuple[str, ImportResult]], sheet_title: str,
                      place: str = "on this sheet") -> ImportResult:
    """One map from `maps` (each: its table's cell range and its import); JourneyFileError if they do not share
    their stages."""
    if len(maps) < 2:
        where = maps[0][0] if maps else "nowhere"
        raise JourneyFileError(path, f"holds one map only (at {where}): nothing to import as several personas")
    _check_stages(path, maps)
    first = maps[0][1].journey
    merged = JourneyMap.model_validate(first.model_dump())
    merged.cards, merged.emotions, merged.personas = [], [], []
    stage_ids = {fold(s.name): s.id for s in merged.stages}
    names = _persona_names([journey for _where, journey in ((w, r.journey) for w, r in maps)])
    merged.metadata.title = _title([r.journey.metadata.title for _w, r in maps], names, sheet_title)
    report: list[str] = []
    for index, (where, result) in enumerate(maps):
        journey = result.journey
        own = journey.personas
        if len(own) > 1:  # a map that already holds several personas keeps them
            personas = [p.model_copy() for p in own]
        else:
            base = own[0].model_copy(update={"name": names[index]}) if own else Persona(name=names[index])
            personas = [base]
        merged.personas.extend(personas)
        lane_ids = _match_lanes(merged, journey, report, where)
        old_ids = {p.id for p in own}
        every = [p.id for p in personas]
        for card in journey.cards:
            tied = [p for p in card.personas if p in old_ids] if len(own) > 1 else []
            merged.cards.append(card.model_copy(update={
                "stage_id": stage_ids[_stage_key(journey, card.stage_id)], "lane_id": lane_ids[card.lane_id],
                "personas": tied or every}))
        for point in journey.emotions:
            persona = point.persona_id if len(own) > 1 and point.persona_id in old_ids else every[0]
            merged.emotions.append(point.model_copy(update={
                "stage_id": stage_ids[_stage_key(journey, point.stage_id)], "lane_id": lane_ids[point.lane_id],
                "persona_id": persona}))
        merged.emotion_scale = _wider(merged.emotion_scale, journey.emotion_scale)
        how = "" if names[index] != f"Persona {index + 1}" else " (no name found above it)"
        report.append((guessed if how else found)(
            f"map at {where} imported as persona {', '.join(repr(p.name) for p in personas)}{how}: "
            f"{len(journey.cards)} cards, {len(journey.emotions)} emotion scores"))
    share_common_cards(merged)
    stages = ", ".join(s.name for s in merged.stages)
    report.insert(0, found(f"{len(maps)} maps {place} share their stages ({stages}): imported as one map "
                           f"with {len(merged.personas)} personas"))
    return ImportResult(JourneyMap.model_validate(merged.model_dump()), report + _details(maps))


def _details(maps: list[tuple[str, ImportResult]]) -> list[str]:
    """Each map's own report, prefixed with where it is; a line every map reports is said once. The lines that
    name the other maps as left out are dropped (they are all imported)."""
    lines = [[line for line in result.report if "another map on this sheet" not in line and
              not str(line).startswith("map found at")] for _w, result in maps]
    common = set(lines[0]).intersection(*lines[1:])
    out: list[str] = [line for line in lines[0] if line in common]
    for (where, _result), own in zip(maps, lines, strict=True):
        out += [ReportLine(f"map at {where}: {line}", group_of(line)) for line in own if line not in common]
    return out


def _title(titles: list[str], names: list[str], sheet_title: str) -> str:
    """The same title above every map; else a meaningful sheet name; else what the titles share after the
    persona's name ('Anna: first purchase', 'Ben: first purchase' -> 'first purchase'); else the names."""
    if len(set(titles)) == 1 and titles[0].strip() and not _PERSONA_WORD.match(titles[0]):
        return titles[0]
    if sheet_title:
        return sheet_title
    rests = {_TITLE_NAME.sub("", t).strip() if _TITLE_NAME.match(t) else "" for t in titles}
    if len(rests) == 1 and "" not in rests:
        return rests.pop()
    return " / ".join(names)[:500]


def _stage_key(journey: JourneyMap, stage_id: str) -> str:
    return fold(next(s.name for s in journey.stages if s.id == stage_id))


def _check_stages(path: Path, maps: list[tuple[str, ImportResult]]) -> None:
    first_where, first = maps[0][0], maps[0][1].journey
    want = sorted(fold(s.name) for s in first.stages)
    if len(set(want)) != len(want):
        raise JourneyFileError(path, f"the map at {first_where} repeats a stage name: its maps cannot be matched "
                                     "stage by stage; import one with --map CELL")
    for where, result in maps[1:]:
        have = sorted(fold(s.name) for s in result.journey.stages)
        if have != want:
            raise JourneyFileError(path, f"the maps at {first_where} ({_stage_list(first)}) and {where} "
                                         f"({_stage_list(result.journey)}) do not share their stages: "
                                         "import one with --map CELL")


def _stage_list(journey: JourneyMap) -> str:
    names = [s.name for s in journey.stages]
    shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
    return f"{len(names)} stages: {shown}"


def _persona_names(journeys: list[JourneyMap]) -> list[str]:
    """Each map's persona name: its own persona's, else the part of its title before ':' (or the whole short
    title), else 'Persona N'; names that repeat fall back to 'Persona N' too."""
    names: list[str] = []
    for journey in journeys:
        name = journey.personas[0].name.strip() if journey.personas else ""
        title = journey.metadata.title.strip()
        if not name and _PERSONA_WORD.match(title):  # "Persona: Anna"
            name = _PERSONA_WORD.sub("", title).strip()[:40]
        if not name:
            match = _TITLE_NAME.match(title)
            name = match.group("name") if match else (title if len(title) <= 40 else "")
        names.append(" ".join(name.split()))
    keys = [n.casefold() for n in names]
    return [n if n and keys.count(n.casefold()) == 1 else f"Persona {i + 1}" for i, n in enumerate(names)]


def _match_lanes(merged: JourneyMap, journey: JourneyMap, report: list[str], where: str) -> dict[str, str]:
    """The merged lane of each of `journey`'s lanes: by name, else by kind (when one lane of that kind is
    free on each side), else a new lane at the end."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    by_name = {fold(lane.name): lane for lane in merged.lanes}
    for lane in journey.lanes:
        match = by_name.get(fold(lane.name))
        if match is not None and match.id not in taken:
            ids[lane.id] = match.id
            taken.add(match.id)
    for lane in journey.lanes:
        if lane.id in ids or lane.kind == LaneKind.TEXT:
            continue
        free = [m for m in merged.lanes if m.kind == lane.kind and m.id not in taken]
        if len(free) == 1 and sum(o.kind == lane.kind and o.id not in ids for o in journey.lanes) == 1:
            ids[lane.id] = free[0].id
            taken.add(free[0].id)
            report.append(guessed(f"map at {where}: lane {lane.name!r} matched lane {free[0].name!r} by its kind "
                                  f"({lane.kind.value})"))
    groups = {fold(g.name): g for g in merged.lane_groups}
    own_groups = {g.id: g for g in journey.lane_groups}
    for lane in journey.lanes:
        if lane.id in ids:
            continue
        group_id = None
        if lane.group_id in own_groups:
            name = own_groups[lane.group_id].name
            group = groups.get(fold(name))
            if group is None:
                group = groups[fold(name)] = LaneGroup(name=name, color=own_groups[lane.group_id].color)
                merged.lane_groups.append(group)
            group_id = group.id
        new = Lane(name=lane.name, kind=lane.kind, color=lane.color, group_id=group_id, role=lane.role)
        merged.lanes.append(new)
        ids[lane.id] = new.id
        taken.add(new.id)
        report.append(found(f"map at {where}: lane {lane.name!r} is not in the first map: added as a lane of its own"))
    return ids


def _wider(a: EmotionScale, b: EmotionScale) -> EmotionScale:
    return EmotionScale(min=min(a.min, b.min), max=max(a.max, b.max))
