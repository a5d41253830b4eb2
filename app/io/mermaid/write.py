"""Writing a journey map as a Mermaid `journey` diagram (the mapping: `syntax`)."""

from __future__ import annotations

import math
from pathlib import Path

from app.io.mermaid.syntax import LOOKALIKES, MERMAID_MAX, MERMAID_MIN, SCALE_COMMENT
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
    persona = " ".join(journey.persona.name.split()) if journey.persona else ""

    def clean(text: str, forbidden: str) -> str:
        nonlocal escaped
        flat = " ".join(text.split())
        for char in forbidden:
            if char in flat:
                escaped += flat.count(char)
                flat = flat.replace(char, LOOKALIKES[char])
        return flat

    out = ["journey"]
    title = clean(journey.metadata.title, "#;")
    if title:
        out.append(f"    title {title}")
    if (scale.min, scale.max) != (MERMAID_MIN, MERMAID_MAX):
        out.append(f"    %% {SCALE_COMMENT} {scale.min:g} {scale.max:g}")
    unscored, rounded, empty = [], [], 0
    for number, stage in enumerate(journey.stages, start=1):
        name = clean(stage.name, ":#;") or f"Stage {number}"
        out.append(f"    section {name}")
        point = journey.emotion(emotion_lane.id, stage.id) if emotion_lane else None
        stage_score: int | None = None
        if point is not None:
            exact = MERMAID_MIN + scale.normalized(point.value) * (MERMAID_MAX - MERMAID_MIN)
            stage_score = math.floor(exact + 0.5)
            if abs(exact - stage_score) > 1e-9:
                rounded.append(f"{stage.name} ({point.value:g} -> {stage_score})")
        cards = journey.cards_in(stage.id, task_lane.id) if task_lane else []
        if point is not None and not cards:
            warnings.append(f"stage {stage.name!r} has an emotion but no tasks; Mermaid has nowhere to put it")
        for card in cards:
            text = clean(card.text, ":#;")
            if not text:
                empty += 1
                continue
            score = _tag_score(card.tags)
            if score is None:
                if stage_score is None:
                    unscored.append(stage.name)
                score = stage_score if stage_score is not None else 3
            actors = [clean(t[1:], ":#;,") for t in card.tags if t.startswith("@") and t[1:].strip()]
            if not actors and persona:
                actors = [clean(persona, ":#;,")]
            out.append(f"      {text}: {score}" + (f": {', '.join(actors)}" if actors else ""))
    if escaped:
        warnings.append(f"replaced {escaped} character(s) Mermaid cannot hold (: # ;) with look-alikes (꞉ ＃ ；)")
    if empty:
        warnings.append(f"skipped {empty} empty card(s): Mermaid tasks need a name")
    if unscored:
        names = ", ".join(dict.fromkeys(unscored))
        warnings.append(f"stages without an emotion scored 3 (neutral): {names}")
    if rounded:
        warnings.append("emotions rounded to whole scores 1..5: " + ", ".join(rounded))
    other = _other_lanes(journey, task_lane, emotion_lane)
    if other:
        warnings.append(f"lanes not exported (a Mermaid journey holds one row of tasks): {', '.join(other)}")
    return "\n".join(out) + "\n", warnings


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


