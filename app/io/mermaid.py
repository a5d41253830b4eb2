"""Mermaid `journey` diagrams (https://mermaid.js.org/syntax/userJourney.html), read and written.

    journey
        title Switching mobile plans
        section Awareness
          Opens a bill: 2: Maya, Partner

How a diagram maps onto a journey map, both ways:
- each `section` is a stage; each task is a card in an "Actions" lane (kind actions);
- a stage's emotion (an "Emotions" lane on a 1..5 scale) is the mean of its task scores;
  a task whose score differs from that mean keeps it as a card tag `score:N`;
- the persona is the most frequent actor; a task's other actors are card tags `@Name`.
On export a task's score is its `score:N` tag, else its stage's emotion rescaled to 1..5 and
rounded; its actors are its `@` tags, else the persona. A map whose scale is not 1..5 gets a
`%% journey-canvas emotion-scale MIN MAX` comment (Mermaid ignores it) so that import
restores the scale. Mermaid cannot hold ':' in task or section names, nor '#' or ';' anywhere:
they are written as look-alikes (꞉ ＃ ；) that import turns back.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

from app.io.errors import JourneyFileError
from app.io.formats import ImportResult
from app.model.enums import LaneKind
from app.model.journey import (
    MAX_TEXT_LENGTH,
    Card,
    EmotionPoint,
    EmotionScale,
    JourneyContent,
    JourneyMap,
    Lane,
    Metadata,
    Persona,
    Stage,
    utc_now,
)

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_SECTIONS = 500
MAX_TASKS = 10_000
SHORT = 500  # the model's ShortText limit
MERMAID_MIN, MERMAID_MAX = 1, 5
SCALE_COMMENT = "journey-canvas emotion-scale"

# Characters Mermaid's journey grammar cannot hold, and the look-alikes written instead.
LOOKALIKES = {":": "\ua789", "#": "\uff03", ";": "\uff1b"}
_UNESCAPE = {v: k for k, v in LOOKALIKES.items()}
_FENCE = re.compile(r"^(```|~~~)\s*mermaid\b[^\n]*\n(.*?)^\1\s*$", re.MULTILINE | re.DOTALL | re.IGNORECASE)
_SCALE = re.compile(rf"^%%\s*{SCALE_COMMENT}\s+(-?[\d.]+)\s+(-?[\d.]+)\s*$", re.IGNORECASE)


# --- reading ----------------------------------------------------------------------------


def read_mermaid(path: Path) -> ImportResult:
    """The format registry's reader for `.mmd` (a bare diagram) and `.md` (its first
    ```mermaid block that is a journey)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise JourneyFileError(path, f"is {size / 1e6:.1f} MB, too large for a Mermaid diagram "
                                         f"({MAX_FILE_BYTES // (1024 * 1024)} MB at most)")
        data = path.read_bytes()
    except OSError as exc:
        raise JourneyFileError(path, f"could not be read: {exc.strerror or exc}") from exc
    if b"\x00" in data[:4096]:
        raise JourneyFileError(path, "is a binary file, not a Mermaid diagram")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JourneyFileError(path, f"is not UTF-8 text (bad byte at position {exc.start})") from exc
    return parse_mermaid(text, path)


def parse_mermaid(text: str, path: Path | str | None = None) -> ImportResult:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    report: list[str] = []
    if text.lstrip().startswith(("```", "~~~")) or (path is not None and Path(path).suffix.lower() == ".md"):
        text = _journey_block(text, path, report)
    lines, title = _strip_front_matter(text.split("\n"))
    description = ""
    sections: list[tuple[str, list[tuple[str, float | None, list[str]]]]] = []
    scale: EmotionScale | None = None
    not_understood: list[int] = []
    started = False
    task_count = 0
    in_description = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if in_description:
            if "}" in line:
                in_description = False
                line = line[: line.index("}")]
            description = f"{description}\n{line}".strip()
            continue
        if not line:
            continue
        if line.startswith("%%"):
            match = _SCALE.match(line)
            if match:
                scale = _scale_from(match, report)
            continue
        if line.startswith("#"):
            continue
        if not started:
            if line.split()[0].lower() != "journey":
                raise JourneyFileError(path, f"is not a Mermaid journey diagram: it starts with "
                                             f"{_clip(line, 40)!r}, not 'journey'")
            started = True
            continue
        keyword = line.split(None, 1)[0].lower()
        rest = line.split(None, 1)[1].strip() if " " in line or "\t" in line else ""
        if keyword == "title":
            title = _unescape(rest)
        elif keyword.startswith("accdescr") and "{" in line and "}" not in line:
            in_description = True
        elif keyword.startswith(("acctitle", "accdescr")):
            if keyword.startswith("accdescr"):
                description = line.split(":", 1)[1].strip() if ":" in line else ""
        elif keyword == "section":
            if len(sections) >= MAX_SECTIONS:
                raise JourneyFileError(path, f"has more than {MAX_SECTIONS} sections, more than a journey map holds")
            sections.append((_unescape(rest), []))
        elif ":" in line:
            task_count += 1
            if task_count > MAX_TASKS:
                raise JourneyFileError(path, f"has more than {MAX_TASKS} tasks, more than a journey map holds")
            if not sections:
                sections.append(("Tasks", []))
                report.append("tasks before the first section were put in a stage named 'Tasks'")
            sections[-1][1].append(_task(line, number, report))
        else:
            not_understood.append(number)
    if not started:
        raise JourneyFileError(path, "is empty: it holds no Mermaid journey diagram")
    if not_understood:
        shown = ", ".join(str(n) for n in not_understood[:5])
        more = f" and {len(not_understood) - 5} more" if len(not_understood) > 5 else ""
        report.append(f"skipped lines not understood as a title, section or task: {shown}{more}")
    return ImportResult(_build_map(title, description, sections, scale, report), report)


def _journey_block(text: str, path: Path | str | None, report: list[str]) -> str:
    blocks = [m.group(2) for m in _FENCE.finditer(text)]
    journeys = [b for b in blocks if _first_word(b) == "journey"]
    if not journeys:
        raise JourneyFileError(path, "has no ```mermaid block holding a journey diagram")
    if len(journeys) > 1:
        report.append(f"the file has {len(journeys)} journey diagrams; imported the first")
    return journeys[0]


def _first_word(block: str) -> str:
    for line in block.split("\n"):
        line = line.strip()
        if line and not line.startswith(("%%", "#")):
            return line.split()[0].lower()
    return ""


def _strip_front_matter(lines: list[str]) -> tuple[list[str], str]:
    """Blank out YAML front matter (--- ... ---), keeping line numbers; returns its title, if any."""
    first = next((i for i, line in enumerate(lines) if line.strip() and not line.strip().startswith("%%")), None)
    if first is None or lines[first].strip() != "---":
        return lines, ""
    for end in range(first + 1, len(lines)):
        if lines[end].strip() == "---":
            titles = [line.split(":", 1)[1].strip().strip("'\"") for line in lines[first + 1:end]
                      if line.strip().lower().startswith("title:")]
            return [""] * (end + 1) + lines[end + 1:], titles[0] if titles else ""
    return lines, ""


def _scale_from(match: re.Match[str], report: list[str]) -> EmotionScale | None:
    try:
        low, high = float(match.group(1)), float(match.group(2))
        if math.isfinite(low) and math.isfinite(high) and low < high:
            return EmotionScale(min=low, max=high)
    except ValueError:
        pass
    report.append("ignored an emotion-scale comment that does not give a minimum below a maximum")
    return None


def _task(line: str, number: int, report: list[str]) -> tuple[str, float | None, list[str]]:
    name, _, data = line.partition(":")
    pieces = data.split(":")
    score: float | None = None
    raw_score = pieces[0].strip()
    try:
        score = float(raw_score)
        if not math.isfinite(score):
            raise ValueError(raw_score)
        if not MERMAID_MIN <= score <= MERMAID_MAX:
            clamped = max(MERMAID_MIN, min(MERMAID_MAX, score))
            report.append(f"line {number}: score {raw_score} is outside 1..5; used {clamped:g}")
            score = clamped
    except ValueError:
        score = None
        report.append(f"line {number}: task {_clip(name.strip(), 40)!r} has no score 1..5 "
                      f"({_clip(raw_score, 20)!r})")
    actors = [_unescape(a.strip())[:SHORT - 1] for a in pieces[1].split(",")] if len(pieces) > 1 else []
    return _unescape(name.strip()), score, [a for a in actors if a]


def _build_map(title: str, description: str, sections: list[tuple[str, list[tuple[str, float | None, list[str]]]]],
               scale: EmotionScale | None, report: list[str]) -> JourneyMap:
    actions = Lane(name="Actions", kind=LaneKind.ACTIONS)
    emotions = Lane(name="Emotions", kind=LaneKind.EMOTIONS)
    counts = Counter(actor for _, tasks in sections for _, _, actors in tasks for actor in actors)
    persona_name = counts.most_common(1)[0][0] if counts else ""
    target = scale or EmotionScale(min=MERMAID_MIN, max=MERMAID_MAX)
    stages, cards, points = [], [], []
    long_texts = 0
    for name, tasks in sections:
        stage = Stage(name=name[:SHORT] or "Untitled")
        stages.append(stage)
        scores = [score for _, score, _ in tasks if score is not None]
        mean = sum(scores) / len(scores) if scores else None
        for text, score, actors in tasks:
            tags = [] if actors == [persona_name] else [f"@{a}" for a in actors]
            if score is not None and mean is not None and score != mean:
                tags.append(f"score:{score:g}")
            long_texts += len(text) > MAX_TEXT_LENGTH
            cards.append(Card(stage_id=stage.id, lane_id=actions.id, text=text[:MAX_TEXT_LENGTH], tags=tags))
        if mean is not None:
            value = target.min + (mean - MERMAID_MIN) / (MERMAID_MAX - MERMAID_MIN) * (target.max - target.min)
            points.append(EmotionPoint(stage_id=stage.id, lane_id=emotions.id, value=round(value, 6)))
    if long_texts:
        report.append(f"{long_texts} task text(s) longer than {MAX_TEXT_LENGTH} characters were cut")
    if len(title) > SHORT:
        report.append(f"the title was cut to {SHORT} characters")
    now = utc_now()
    return JourneyMap(
        metadata=Metadata(title=title[:SHORT] or "Mermaid journey", description=description[:MAX_TEXT_LENGTH],
                          created=now, modified=now),
        persona=Persona(name=persona_name[:SHORT]) if persona_name else None,
        emotion_scale=target,
        stages=stages,
        lanes=[actions, emotions],
        cards=cards,
        emotions=points,
    )


# --- writing ----------------------------------------------------------------------------


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


def _unescape(text: str) -> str:
    for lookalike, char in _UNESCAPE.items():
        text = text.replace(lookalike, char)
    return text


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
