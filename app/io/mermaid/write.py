"""Writing a journey map as a Mermaid `journey` diagram (the mapping: `syntax`)."""

from __future__ import annotations

import math
from pathlib import Path

from app.io.mermaid.syntax import (
    CURVE_COMMENT,
    LOOKALIKE_COMMENT,
    LOOKALIKES,
    MERMAID_MAX,
    MERMAID_MIN,
    SCALE_COMMENT,
    guard_task,
    lookalikes_for,
)
from app.model.enums import LaneKind
from app.model.journey import (
    JourneyContent,
    Lane,
)


def write_mermaid(journey: JourneyContent, path: Path) -> list[str]:
    """The format registry's writer: a bare diagram for `.mmd`, a ```mermaid block for `.md`."""
    text, warnings = mermaid_text(journey)
    if Path(path).suffix.lower() == ".md":
        text = f"```mermaid\n{text}```\n"
    Path(path).write_text(text, encoding="utf-8")
    return warnings


def mermaid_text(journey: JourneyContent) -> tuple[str, list[str]]:
    warnings: list[str] = []
    escaped = 0
    task_lane = _task_lane(journey)
    emotion_lane = next((lane for lane in journey.lanes if lane.kind == LaneKind.EMOTIONS), None)
    scale = journey.emotion_scale
    names = {p.id: " ".join(p.name.split()) for p in journey.personas}
    table = lookalikes_for([journey.metadata.title, *(s.name for s in journey.stages), *names.values(),
                            *(c.text for c in journey.cards), *(t for c in journey.cards for t in c.tags)])

    def clean(text: str, forbidden: str) -> str:
        nonlocal escaped
        flat = " ".join(text.split())
        for char in forbidden:
            if char in flat:
                escaped += flat.count(char)
                flat = flat.replace(char, table[char])
        return flat

    out = ["journey"]
    title = clean(journey.metadata.title, "#;")
    if title:
        out.append(f"    title {title}")
    if table is not LOOKALIKES:  # the map's own text holds the usual look-alikes: say which ones stand in
        out.append(f"    %% {LOOKALIKE_COMMENT} {''.join(table[c] for c in ':#;,')}")
    if (scale.min, scale.max) != (MERMAID_MIN, MERMAID_MAX):
        out.append(f"    %% {SCALE_COMMENT} {scale.min:g} {scale.max:g}")
    header = len(out)
    unscored, rounded, empty = [], [], 0
    for number, stage in enumerate(journey.stages, start=1):
        name = clean(stage.name, ":#;") or f"Stage {number}"
        out.append(f"    section {name}")
        stage_scores: dict[str | None, int] = {}  # each persona's curve at this stage, as a whole score 1..5
        for owner in [p.id for p in journey.personas] or [None]:
            point = journey.emotion(emotion_lane.id, stage.id, owner) if emotion_lane else None
            if point is not None:
                exact = MERMAID_MIN + scale.normalized(point.value) * (MERMAID_MAX - MERMAID_MIN)
                stage_scores[owner] = math.floor(exact + 0.5)
                if abs(exact - stage_scores[owner]) > 1e-9:
                    rounded.append(f"{stage.name} ({point.value:g} -> {stage_scores[owner]})")
        cards = journey.cards_in(stage.id, task_lane.id) if task_lane else []
        if stage_scores and not cards:
            warnings.append(f"stage {stage.name!r} has an emotion but no tasks; Mermaid has nowhere to put it")
        for card in cards:
            text = clean(card.text, ":#;")
            if not text:
                empty += 1
                continue
            # its actors: `@` tags (maps imported before personas), else its personas, else every persona
            owners = card.personas or list(names)
            actors = [clean(t[1:], ":#;,") for t in card.tags if t.startswith("@") and t[1:].strip()]
            if not actors:
                actors = [clean(names[p], ":#;,") for p in owners if names.get(p)]
            score = _tag_score(card.tags)
            if score is None:
                stage_score = next((stage_scores[o] for o in owners or [None] if o in stage_scores), None)
                if stage_score is None:
                    unscored.append(stage.name)
                score = stage_score if stage_score is not None else 3
            out.append(f"      {guard_task(text)}: {score}" + (f": {', '.join(actors)}" if actors else ""))
    if escaped:
        shown = " ".join(table[c] for c in ":#;")
        warnings.append(f"replaced {escaped} character(s) Mermaid cannot hold (: # ;) with look-alikes ({shown})")
    if empty:
        warnings.append(f"skipped {empty} empty card(s): Mermaid tasks need a name")
    if unscored:
        names = ", ".join(dict.fromkeys(unscored))
        warnings.append(f"stages without an emotion scored 3 (neutral): {names}")
    if rounded:
        warnings.append("emotions rounded to whole scores 1..5: " + ", ".join(rounded))
    if len(journey.personas) > 1 and emotion_lane is not None:
        curves = _curve_comments(journey, emotion_lane, "\n".join(out) + "\n", lambda name: clean(name, ":#;,"))
        out[header:header] = curves
    other = _other_lanes(journey, task_lane, emotion_lane)
    if other:
        warnings.append(f"lanes not exported (a Mermaid journey holds one row of tasks): {', '.join(other)}")
        # the diagram itself says what it leaves out, for whoever reads it without the export's warnings
        counts = {lane.id: 0 for lane in journey.lanes}
        for card in journey.cards:
            counts[card.lane_id] += 1
        left = [f"{clean(lane.name, '')} ({counts[lane.id]} card{'s' if counts[lane.id] != 1 else ''})"
                for lane in journey.lanes if lane.name in other and counts[lane.id]]
        if left:
            out.insert(header, f"    %% not in this diagram (a Mermaid journey holds one row of tasks): lanes "
                               f"{', '.join(left)}; a .journey, PDF or Excel export holds them")
    return "\n".join(out) + "\n", warnings


def _curve_comments(journey: JourneyContent, lane: Lane, text: str, clean) -> list[str]:
    """Comments giving every persona's curve exactly, unless the tasks' scores already give them back."""
    from app.io.mermaid.read import parse_mermaid

    def curves(content: JourneyContent, lane_id: str) -> set[tuple[int, str, float]]:
        names = {p.id: " ".join(p.name.split()) for p in content.personas}
        return {(content.stage_index(p.stage_id), names.get(content.curve_owner(p.persona_id) or "", ""), p.value)
                for p in content.emotions if p.lane_id == lane_id}

    try:
        back = parse_mermaid(text).journey
        back_lane = next(lane.id for lane in back.lanes if lane.kind == LaneKind.EMOTIONS)
        if curves(back, back_lane) == curves(journey, lane.id):
            return []
    except Exception:  # noqa: BLE001 - whatever the reading says, the comments make it exact
        pass
    lines = []
    for number, stage in enumerate(journey.stages, start=1):
        for persona in journey.personas:
            point = journey.emotion(lane.id, stage.id, persona.id)
            name = clean(" ".join(persona.name.split()))
            if point is not None and name:
                lines.append(f"    %% {CURVE_COMMENT} {number} {point.value!r} {name}")
    return lines


def _other_lanes(journey: JourneyContent, task_lane: Lane | None, emotion_lane: Lane | None) -> list[str]:
    used = {card.lane_id for card in journey.cards} | {p.lane_id for p in journey.emotions}
    skip = {lane.id for lane in (task_lane, emotion_lane) if lane is not None}
    return [lane.name for lane in journey.lanes if lane.id in used and lane.id not in skip]


def _task_lane(journey: JourneyContent) -> Lane | None:
    """The first actions lane, else the first lane that is neither emotions nor KPIs."""
    for lane in journey.lanes:
        if lane.kind == LaneKind.ACTIONS:
            return lane
    return next((lane for lane in journey.lanes if lane.kind not in (LaneKind.EMOTIONS, LaneKind.KPIS)), None)


def _tag_score(tags: list[str]) -> int | None:
    for tag in tags:
        if tag.startswith("score:"):
            try:
                value = float(tag[6:])
            except ValueError:
                continue
            if MERMAID_MIN <= value <= MERMAID_MAX:
                return math.floor(value + 0.5)
    return None


