"""Reading Mermaid `journey` diagrams (how they map onto a journey map: `syntax`)."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

from app.io.errors import JourneyFileError, check_input_file
from app.io.formats import ImportResult
from app.io.mermaid.syntax import (
    CURVE_LINE,
    FENCE_OPEN,
    MAX_FILE_BYTES,
    MAX_SECTIONS,
    MAX_TASKS,
    MERMAID_MAX,
    MERMAID_MIN,
    SCALE_LINE,
    SHORT,
    UNESCAPE,
    unescape_table,
    unguard_task,
)
from app.model.enums import LaneKind
from app.model.journey import (
    MAX_TEXT_LENGTH,
    Card,
    EmotionPoint,
    EmotionScale,
    JourneyMap,
    Lane,
    Metadata,
    Persona,
    Stage,
    utc_now,
)


def read_mermaid(path: Path) -> ImportResult:
    """The format registry's reader for `.mmd` (a bare diagram) and `.md` (its first
    ```mermaid block that is a journey)."""
    path = Path(path)
    try:
        size = check_input_file(path)
        if size > MAX_FILE_BYTES:
            raise JourneyFileError(path, f"is {size / (1024 * 1024):.1f} MiB, too large for a Mermaid diagram "
                                         f"({MAX_FILE_BYTES // (1024 * 1024)} MiB at most)")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise JourneyFileError(path, f"is too large for a Mermaid diagram ({MAX_FILE_BYTES // (1024 * 1024)} "
                                         "MiB at most)")
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
    table = unescape_table(lines)
    description = ""
    description_lines: list[str] = []  # an accDescr { ... } block, joined once at its end (linear time)
    sections: list[tuple[str, list[tuple[str, float | None, list[str]]]]] = []
    scale: EmotionScale | None = None
    curves: list[tuple[int, str, str]] = []  # (stage number, value, persona) from curve comments
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
            description_lines.append(line)
            if not in_description:
                description = "\n".join(description_lines).strip()
            continue
        if not line:
            continue
        if line.startswith("%%"):
            match = SCALE_LINE.match(line)
            if match:
                scale = _scale_from(match, report)
            curve = CURVE_LINE.match(line)
            if curve:
                curves.append((int(curve.group(1)), curve.group(2), _unescape(curve.group(3), table)[:SHORT]))
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
            title = _unescape(rest, table)
        elif keyword.startswith("accdescr") and "{" in line and "}" not in line:
            in_description = True
            description_lines = [description]
        elif keyword.startswith(("acctitle", "accdescr")):
            if keyword.startswith("accdescr"):
                description = line.split(":", 1)[1].strip() if ":" in line else ""
        elif keyword == "section":
            if len(sections) >= MAX_SECTIONS:
                raise JourneyFileError(path, f"has more than {MAX_SECTIONS} sections, more than a journey map holds")
            sections.append((_unescape(rest, table), []))
        elif ":" in line:
            task_count += 1
            if task_count > MAX_TASKS:
                raise JourneyFileError(path, f"has more than {MAX_TASKS} tasks, more than a journey map holds")
            if not sections:
                sections.append(("Tasks", []))
                report.append("tasks before the first section were put in a stage named 'Tasks'")
            sections[-1][1].append(_task(line, number, report, table))
        else:
            not_understood.append(number)
    if in_description:  # an accDescr block never closed: keep its text all the same
        description = "\n".join(description_lines).strip()
    if not started:
        raise JourneyFileError(path, "is empty: it holds no Mermaid journey diagram")
    if not_understood:
        shown = ", ".join(str(n) for n in not_understood[:5])
        more = f" and {len(not_understood) - 5} more" if len(not_understood) > 5 else ""
        report.append(f"skipped lines not understood as a title, section or task: {shown}{more}")
    journey = _build_map(title, description, sections, scale, report)
    return ImportResult(_with_curves(journey, curves, report) if curves else journey, report)


def _fenced_blocks(text: str) -> list[str]:
    """The bodies of the ```mermaid (or ~~~mermaid) blocks, in linear time: a fence left open is
    searched to the end once, then fences of its kind are no longer opened (none can close)."""
    lines = text.split("\n")
    blocks: list[str] = []
    unclosable: set[str] = set()
    index = 0
    while index < len(lines):
        match = FENCE_OPEN.match(lines[index])
        fence = match.group(1) if match else None
        if fence is None or fence in unclosable:
            index += 1
            continue
        end = next((j for j in range(index + 1, len(lines))
                    if lines[j].startswith(fence) and not lines[j][len(fence):].strip()), None)
        if end is None:
            unclosable.add(fence)
            index += 1
            continue
        body = lines[index + 1:end]
        blocks.append("\n".join(body) + "\n" if body else "")
        index = end + 1
    return blocks


def _journey_block(text: str, path: Path | str | None, report: list[str]) -> str:
    blocks = _fenced_blocks(text)
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


def _task(line: str, number: int, report: list[str], table: dict[str, str]) -> tuple[str, float | None, list[str]]:
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
    actors = [_unescape(a.strip(), table)[:SHORT - 1] for a in pieces[1].split(",")] if len(pieces) > 1 else []
    return _unescape(unguard_task(name.strip()), table), score, [a for a in actors if a]


def _build_map(title: str, description: str, sections: list[tuple[str, list[tuple[str, float | None, list[str]]]]],
               scale: EmotionScale | None, report: list[str]) -> JourneyMap:
    actions = Lane(name="Actions", kind=LaneKind.ACTIONS)
    emotions = Lane(name="Emotions", kind=LaneKind.EMOTIONS)
    counts = Counter(actor for _, tasks in sections for _, _, actors in tasks for actor in dict.fromkeys(actors))
    personas = [Persona(name=name[:SHORT]) for name, _ in counts.most_common()]  # the most frequent first
    by_name = {p.name: p for p in personas}
    target = scale or EmotionScale(min=MERMAID_MIN, max=MERMAID_MAX)
    stages, cards, points = [], [], []
    long_texts = 0
    for name, tasks in sections:
        stage = Stage(name=name[:SHORT] or "Untitled")
        stages.append(stage)
        means: dict[str | None, float] = {}  # persona id (None without personas) -> mean of its tasks' scores
        for persona in personas or [None]:
            scores = [score for _, score, actors in tasks if score is not None
                      and (persona is None or not actors or persona.name in {a[:SHORT] for a in actors})]
            if scores:
                means[persona.id if persona else None] = sum(scores) / len(scores)
        for text, score, actors in tasks:
            tied = list(dict.fromkeys(by_name[a[:SHORT]].id for a in actors))
            if len(tied) == len(personas):
                tied = []  # every persona: a card for all
            tags = []
            curves = [means.get(p) for p in (tied or [p.id for p in personas] or [None])]
            if score is not None and any(mean is not None and score != mean for mean in curves):
                tags.append(f"score:{score:g}")
            long_texts += len(text) > MAX_TEXT_LENGTH
            cards.append(Card(stage_id=stage.id, lane_id=actions.id, text=text[:MAX_TEXT_LENGTH], tags=tags,
                              personas=tied))
        for persona_id, mean in means.items():
            value = target.min + (mean - MERMAID_MIN) / (MERMAID_MAX - MERMAID_MIN) * (target.max - target.min)
            points.append(EmotionPoint(stage_id=stage.id, lane_id=emotions.id, value=round(value, 6),
                                       persona_id=persona_id))
    if long_texts:
        report.append(f"{long_texts} task text(s) longer than {MAX_TEXT_LENGTH} characters were cut")
    if len(title) > SHORT:
        report.append(f"the title was cut to {SHORT} characters")
    if len(description) > MAX_TEXT_LENGTH:
        report.append(f"the description (accDescr) was cut to {MAX_TEXT_LENGTH:,} characters "
                      f"of {len(description):,}")
    now = utc_now()
    return JourneyMap(
        metadata=Metadata(title=title[:SHORT] or "Mermaid journey", description=description[:MAX_TEXT_LENGTH],
                          created=now, modified=now),
        personas=personas,
        emotion_scale=target,
        stages=stages,
        lanes=[actions, emotions],
        cards=cards,
        emotions=points,
    )



def _with_curves(journey: JourneyMap, curves: list[tuple[int, str, str]], report: list[str]) -> JourneyMap:
    """The personas' curves exactly as the export's comments give them (instead of the task score means)."""
    lane = next(lane for lane in journey.lanes if lane.kind == LaneKind.EMOTIONS)
    personas = {p.name: p for p in journey.personas}
    extra = []
    points: dict[tuple[str, str], EmotionPoint] = {}
    for number, raw, name in curves:
        try:
            value = journey.emotion_scale.clamp(float(raw))
        except ValueError:
            continue
        if not 1 <= number <= len(journey.stages) or not math.isfinite(value):
            continue
        if name not in personas:
            personas[name] = Persona(name=name)
            extra.append(personas[name])
        stage = journey.stages[number - 1]
        points[(stage.id, personas[name].id)] = EmotionPoint(stage_id=stage.id, lane_id=lane.id, value=value,
                                                             persona_id=personas[name].id)
    if not points:
        report.append("ignored emotion comments that name no stage of the diagram")
        return journey
    data = journey.model_dump()
    data["personas"] += [p.model_dump() for p in extra]
    data["emotions"] = [p.model_dump() for p in points.values()]
    return JourneyMap.model_validate(data)


def _unescape(text: str, table: dict[str, str] = UNESCAPE) -> str:
    for lookalike, char in table.items():
        text = text.replace(lookalike, char)
    return text


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
