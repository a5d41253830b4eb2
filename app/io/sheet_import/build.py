"""Turn a `Detection` into a `JourneyMap`, and list every cell that did not make it into the map."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Iterator

from pydantic import TypeAdapter

from app.io.sheet_import.build_comments import carry_comments
from app.io.sheet_import.build_persona_column import share_common_cards, tie_persona_column
from app.io.sheet_import.build_personas import apply_persona_layout
from app.io.sheet_import.detect_emotions import detect_scale, picture_value, place_on_scale, scale_in_label
from app.io.sheet_import.detect_lane_kinds import guess_channel
from app.io.sheet_import.detect_result import DetectedEmotion, Detection
from app.io.sheet_import.grid import Grid, Pos, as_text, cell_name, quote_cell
from app.io.sheet_import.report import guessed
from app.io.xlsx_export.card_markers import is_kpi_line
from app.model.channel_guess import guess_channel as suggest_channel
from app.model.enums import LaneKind
from app.model.journey import (
    Card,
    EmotionScale,
    JourneyMap,
    Metadata,
    Persona,
)

MAX_CARD_TEXT = 20_000  # as the model's Text


def _split_long_cards(detection: Detection, grid: Grid) -> list[str]:
    """A cell's text longer than a card holds becomes several cards, cut between words, and the report says so
    (it was cut at 20,000 characters, the rest lost without a word)."""
    if all(len(card.text) <= MAX_CARD_TEXT for card in detection.cards):
        return []
    cards, report = [], []
    for card in detection.cards:
        if len(card.text) <= MAX_CARD_TEXT:
            cards.append(card)
            continue
        pieces = split_text(card.text, MAX_CARD_TEXT)
        cards.extend(dataclasses.replace(card, text=piece, note=card.note if n == 0 else "")
                     for n, piece in enumerate(pieces))
        report.append(f"{grid.name}!{cell_name(*card.pos)}: a text of {len(card.text):,} characters became "
                      f"{len(pieces)} cards (a card holds {MAX_CARD_TEXT:,} at most)")
    detection.cards = cards
    return report


def _cards_across_stages(detection: Detection, grid: Grid, most: int = 20) -> list[str]:
    """A card typed in cells merged across several stages sits in the first of them (a card has one stage); the
    report names the stages it spanned, so the span is not lost without a word."""
    if not grid.merged or not detection.cards:
        return []
    across_rows = detection.orientation == "stages-in-rows"
    stage_of_line = {line: index for index, stage in enumerate(detection.stages) for line in stage.lines}
    ends = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in grid.merged}
    lines: dict[Pos, str] = {}
    for card in detection.cards:
        end = ends.get(card.pos)
        if end is None or card.pos in lines:
            continue
        first, last = (card.pos[0], end[0]) if across_rows else (card.pos[1], end[1])
        spanned = sorted({stage_of_line[line] for line in range(first, last + 1) if line in stage_of_line})
        if len(spanned) > 1:
            names = [detection.stages[index].name for index in spanned]
            lines[card.pos] = guessed(
                f"{grid.name}!{cell_name(*card.pos)}:{cell_name(*end)}: {quote_cell(card.text, 60)} spans the stages "
                f"{names[0]!r} to {names[-1]!r}; a card sits in one stage, so it is in "
                f"{detection.stages[card.stage].name!r}, the first")
    found = list(lines.values())
    if len(found) > most:
        found = [*found[:most], guessed(f"and {len(found) - most} more cards spanning several stages, each in "
                                        "the first of them")]
    return found


def split_text(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at a line break or space where there is one."""
    pieces = []
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit + 1), text.rfind(" ", 0, limit + 1))
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def build_journey(detection: Detection, grid: Grid, fallback_title: str, known_personas: list[str] | None = None,
                  *, keep_cards: bool = True) -> tuple[JourneyMap, list[str]]:
    """The map (validated once, as a whole: far faster than thousands of small models) and its report. Without
    `keep_cards` the detection's cards are let go as they become entries (an import that shows no preview needs
    them no more, and a big sheet's map is built in their room)."""
    report: list[str] = []
    comment_lines = carry_comments(detection, grid)
    _pictures(detection, grid, report)
    _lanes_holding_points_are_emotions(detection)
    stages = []
    for found in detection.stages:
        description, kpis = split_kpis(found.description)
        stages.append({"id": _new_id(), "name": found.name, "color": found.color,
                       "description": description[:20_000], "kpis": kpis})
    phases: list[dict] = []
    for index, (stage, found) in enumerate(zip(stages, detection.stages, strict=True)):
        if found.phase:
            if not phases or phases[-1]["name"] != found.phase or stages[index - 1].get("phase_id") != phases[-1]["id"]:
                phases.append({"id": _new_id(), "name": found.phase[:500]})
            stage["phase_id"] = phases[-1]["id"]
    groups: list[dict] = []
    lanes: list[dict] = []
    for found in detection.lanes:
        group_id = None
        if found.group:
            if not groups or groups[-1]["name"] != found.group[:500]:
                groups.append({"id": _new_id(), "name": found.group[:500]})
            group_id = groups[-1]["id"]
        lanes.append({"id": _new_id(), "name": found.name or "Lane", "kind": found.kind, "color": found.color,
                      "group_id": group_id})
    lane_channel = {i: guess_channel(lane["name"]) for i, lane in enumerate(lanes)
                    if lane["kind"] == LaneKind.TOUCHPOINTS}
    cards = []
    split_lines = _split_long_cards(detection, grid) + _cards_across_stages(detection, grid)
    if detection.colour_meanings:
        tagged = sum(card.color in detection.colour_meanings for card in detection.cards)
        split_lines.append(guessed(f"{tagged} card(s) coloured as in the legend are tagged with what the colour "
                                   f"means ({', '.join(dict.fromkeys(detection.colour_meanings.values()))})"))
    kpi_names = [{kpi["name"] for kpi in stage["kpis"]} for stage in stages]
    card_ids = _new_ids(len(detection.cards))
    kpi_lanes = {i for i, lane in enumerate(lanes) if lane["kind"] == LaneKind.KPIS}
    stage_ids, lane_ids = [stage["id"] for stage in stages], [lane["id"] for lane in lanes]
    found_cards = detection.cards
    owner_rows = detection.persona_rows
    owners: list[str | None] = []  # with a Persona column: each card's persona
    if not keep_cards:
        detection.cards = []
    for index, card in enumerate(found_cards):
        if not keep_cards:
            found_cards[index] = None  # type: ignore[call-overload]
        if card.lane in kpi_lanes and is_kpi_line(card.text, kpi_names[card.stage]):
            continue  # a KPI as the export shows it in a KPI lane; the stage details row carries it
        channel = card.channel
        if channel is None and card.lane in lane_channel:
            channel = lane_channel[card.lane] or suggest_channel(card.text)
        # only what differs from the model's defaults: a dict of five keys is a third smaller than one of eight,
        # and a big sheet holds a dict per card until the map is validated
        entry = {"id": next(card_ids), "stage_id": stage_ids[card.stage], "lane_id": lane_ids[card.lane],
                 "text": card.text}
        if card.color:
            entry["color"] = card.color
        if card.note:
            entry["note"] = card.note[:20_000]
        if channel is not None:
            entry["channel"] = channel
        tags = (*card.tags, meaning) if (meaning := detection.colour_meanings.get(card.color or "")) else card.tags
        if tags:
            entry["tags"] = [tag[:500] for tag in tags]  # a legend's colour: its meaning, as a tag
        if card.votes:
            entry["votes"] = min(card.votes, 10_000)
        if card.evidence:
            entry["evidence"] = {"status": card.evidence}
        cards.append(entry)
        if owner_rows is not None:
            owners.append(owner_rows.get(card.pos[0]))
    scale, points = _emotions(detection, stages, lanes, report)
    persona = detection.persona_block or _persona(detection.persona)
    personas = apply_persona_layout(lanes, cards, points, persona, report, groups, known_personas)
    if owner_rows is not None:
        personas = tie_persona_column(owner_rows, personas, cards, owners, points, report)
    title_line = None
    if not detection.title:
        title_line = (guessed(f"no title cell above the map: the map is called {fallback_title!r} after its sheet"
                              if fallback_title else "no title cell above the map and a generic sheet name: "
                              "the map is called 'Untitled journey' (rename it in the Inspector)"))
    metadata = Metadata(title=(detection.title or fallback_title or "Untitled journey")[:500],
                        description=detection.description[:20_000])
    journey = JourneyMap.model_validate({
        "metadata": metadata, "personas": personas, "emotion_scale": scale, "phases": phases, "stages": stages,
        "lane_groups": groups, "lanes": lanes, "cards": _card_models(cards), "emotions": points,
    })
    report.extend(detection.notes)
    report.extend(split_lines)
    report.extend(_lane_guesses(detection, grid))
    plain = [found.name for found in detection.lanes if found.kind == LaneKind.TEXT and not found.guess
             and not found.kind_named]
    if plain:
        report.append(guessed(f"kept as plain text (neither the label nor the cells name a kind): "
                              f"{', '.join(repr(name) for name in plain)}; choose a kind if one fits"))
    if title_line:
        report.append(title_line)
    report.extend(leftover_lines(grid, detection))
    report.extend(comment_lines)
    if owner_rows is not None:
        share_common_cards(journey)
    return journey, report


CARD_CHUNK = 20_000


@functools.cache
def _card_list() -> TypeAdapter[list[Card]]:
    return TypeAdapter(list[Card])


def _card_models(cards: list[dict]) -> list[dict] | list[Card]:
    """A big sheet's cards validated a chunk at a time, each chunk's dicts let go once its models are built, so the
    dicts and the models of every card never live at once (the map's validation takes the models as they are).
    A map of fewer cards is validated as a whole, as before."""
    if len(cards) <= CARD_CHUNK:
        return cards
    adapter, models = _card_list(), []
    for start in range(0, len(cards), CARD_CHUNK):
        chunk = cards[start:start + CARD_CHUNK]
        cards[start:start + CARD_CHUNK] = [None] * len(chunk)  # type: ignore[list-item]
        models.extend(adapter.validate_python(chunk))
        del chunk
    cards.clear()
    return models


def _lane_guesses(detection: Detection, grid: Grid) -> list[str]:
    """One line per lane whose kind is a guess; lanes that share a group's guess share a line."""
    lines: list[str] = []
    shared: dict[tuple[str, str], list[str]] = {}
    for found in detection.lanes:
        if not found.guess:
            continue
        if found.guess.startswith("its group "):
            shared.setdefault((found.kind.label.lower(), found.guess), []).append(found.name)
            continue
        where = f" ({grid.name}!{cell_name(*found.label)})" if found.label is not None else ""
        lines.append(guessed(f"lane {found.name!r}{where} read as {found.kind.label.lower()}: {found.guess}; "
                             "a guess, change its kind if it is wrong"))
    for (kind, guess), lanes in shared.items():
        group = guess.removeprefix("its ").removesuffix(" names it")
        lines.append(guessed(f"lanes {', '.join(repr(n) for n in lanes)} read as {kind}: their {group} names them; "
                             "a guess, change a kind if it is wrong"))
    return lines


@functools.cache
def _kpi() -> re.Pattern[str]:
    return re.compile(r"^\s*(?P<name>[^:\n]{1,80}):\s*(?P<value>-?\d+(?:[.,]\d+)?)\s*(?P<unit>[^\s(/]{0,12})\s*"
                      r"(?:\(target\s*(?P<target>-?\d+(?:[.,]\d+)?)\s*[^\s)]{0,12}\s*\)"
                      r"|/\s*(?P<lower>\u2264\s*)?(?P<target2>-?\d+(?:[.,]\d+)?)\s*[^\s]{0,12})?\s*$")


def split_kpis(description: str) -> tuple[str, list[dict]]:
    """A stage description whose later lines read 'Ad reach: 42 % / 50 %' or 'Churn: 7 % / ≤ 5 %' (as the
    export writes KPIs; older exports wrote 'Ad reach: 42 % (target 50 %)') -> (the other lines, the KPIs)."""
    lines = description.split("\n")
    kept, kpis = lines[:1], []
    for line in lines[1:]:
        match = _kpi().match(line)
        if not match:
            kept.append(line)
            continue
        target = match.group("target") or match.group("target2")
        kpi = {"id": _new_id(), "name": match.group("name").strip(),
               "value": float(match.group("value").replace(",", ".")),
               "target": float(target.replace(",", ".")) if target else None, "unit": match.group("unit")}
        if match.group("lower"):
            kpi["higher_is_better"] = False
        kpis.append(kpi)
    return "\n".join(kept), kpis


def _new_id() -> str:
    """12 hex digits, like `new_id`, from the OS's random source (faster than a uuid per card)."""
    return os.urandom(6).hex()


def _new_ids(count: int) -> Iterator[str]:
    """`count` ids like `_new_id`'s, from one read of the OS's random source (not one per card)."""
    digits = os.urandom(6 * count).hex()
    return iter([digits[i:i + 12] for i in range(0, 12 * count, 12)])


def _emotions(
    detection: Detection, stages: list[dict], lanes: list[dict], report: list[str]
) -> tuple[EmotionScale, list[dict]]:
    numbers = [e.raw for e in detection.emotions if not e.unit]
    low, high = detect_scale(numbers) if numbers else (-2.0, 2.0)
    named = {found for i in {e.lane for e in detection.emotions if not e.unit}
             if (found := scale_in_label(lanes[i]["name"])) is not None}
    if len(named) == 1 and all(min(named)[0] <= n <= min(named)[1] for n in numbers):
        low, high = min(named)  # 'Feeling (1-7)' holding 2..5: the scale its label names, not the one they fill
        report.append(f"emotion scores read on a {low:g}..{high:g} scale, as the lane's label says")
    elif numbers:
        report.append(f"emotion scores read on a {low:g}..{high:g} scale")
    cells: dict[tuple[int, int, str | None], list[DetectedEmotion]] = {}
    owners = detection.persona_rows or {}
    for point in detection.emotions:  # with a Persona column, each persona's scores make its own curve
        cells.setdefault((point.lane, point.stage, owners.get(point.pos[0])), []).append(point)
    points = []
    for (lane, stage, owner), found in cells.items():
        numeric = [p for p in found if not p.unit]
        # a row of scores with a row of words under it (merged label): the numbers are the value
        values = [p.raw for p in numeric] if numeric else [place_on_scale(p.raw, (low, high)) for p in found]
        value = max(low, min(high, round(sum(values) / len(values), 4)))
        labels = [p.label for p in found if p.label]
        note = "\n".join(p.note for p in found if p.note)
        if len(values) > 1:
            whose = f", persona {owner!r}" if owner is not None else ""
            report.append(
                f"stage {stages[stage]['name']!r}, lane {lanes[lane]['name']!r}{whose}: {len(found)} scores "
                f"({', '.join(cell_name(*p.pos) for p in found)}) averaged to {value:g}"
            )
        points.append({"stage_id": stages[stage]["id"], "lane_id": lanes[lane]["id"], "value": value,
                       "label": "; ".join(labels)[:500] if labels else None, "note": note[:20_000]})
        if owner is not None:
            points[-1]["persona_id"] = owner  # its name until `tie_persona_column` makes it an id
    return EmotionScale(min=low, max=high), points


def _persona(fields: dict[str, list[str]]) -> Persona | None:
    if not fields:
        return None
    return Persona(
        name=", ".join(fields.get("name", []))[:500],
        role=", ".join(fields.get("role", []))[:20_000],
        quote=" ".join(fields.get("quote", []))[:20_000],
        goals=[t[:20_000] for t in fields.get("goals", [])],
        needs=[t[:20_000] for t in fields.get("needs", [])],
        expectations=[t[:20_000] for t in fields.get("expectations", [])],
        frustrations=[t[:20_000] for t in fields.get("frustrations", [])],
    )


def _pictures(detection: Detection, grid: Grid, report: list[str]) -> None:
    if not grid.pictures:
        return
    transposed = detection.orientation == "stages-in-rows"
    lane_by_line = {lane.line: i for i, lane in enumerate(detection.lanes)}
    stage_by_line = {line: i for i, s in enumerate(detection.stages) for line in s.lines}
    have = {(e.lane, e.stage) for e in detection.emotions if not e.unit or e.label}
    for picture in grid.pictures:
        where = cell_name(picture.row, picture.col)
        lane_line, stage_line = (picture.col, picture.row) if transposed else (picture.row, picture.col)
        lane, stage = lane_by_line.get(lane_line), stage_by_line.get(stage_line)
        value = picture_value(picture.name, picture.descr)
        described = picture.descr or picture.name or "a picture"
        if lane is None or stage is None or detection.orientation == "long":
            report.append(f"{grid.name}!{where}: picture {described!r} is outside the map, not read")
            continue
        if value is None:
            report.append(f"{grid.name}!{where}: picture {described!r} is not recognisable as a feeling "
                          "(no emoji or feeling word in its name or description), not read")
            continue
        if detection.lanes[lane].kind != LaneKind.EMOTIONS:
            report.append(f"{grid.name}!{where}: picture {described!r} shows a feeling but sits on lane "
                          f"{detection.lanes[lane].name!r}, which is not an emotions lane; not read")
            continue
        if (lane, stage) in have:
            report.append(f"{grid.name}!{where}: picture {described!r} not read: the cell already has a score")
            continue
        detection.emotions.append(DetectedEmotion(stage, lane, value, True, picture.descr or None,
                                                  (picture.row, picture.col)))
        report.append(f"{grid.name}!{where}: picture {described!r} read as a feeling")


def _lanes_holding_points_are_emotions(detection: Detection) -> None:
    """A lane the detection gave emotion points (feeling words, scores) but another kind (its label said
    'delight' and then the label was found to name no kind) is an emotions lane: the points are what its cells
    hold. Left as it was, the map was refused whole with the points' ids in the error."""
    for index in sorted({point.lane for point in detection.emotions}):
        found = detection.lanes[index]
        if found.kind != LaneKind.EMOTIONS:
            found.kind = LaneKind.EMOTIONS
            found.guess = "its cells are feelings or scores"


def leftover_lines(grid: Grid, detection: Detection) -> list[str]:
    """One line per non-empty cell that is not part of the map (placeholders with the same text share a line)."""
    lines: list[str] = []
    placeholders: dict[tuple[str, str], list[Pos]] = {}
    others: dict[str, list[Pos]] = {}
    cells = leftover_cells(grid, detection)
    runs = _column_runs(grid, [(pos, reason) for pos, reason in cells
                               if not _shared_line(reason) and pos not in grid.drawn])
    for pos, reason in cells:
        text = as_text(grid.cells[pos])
        if reason.startswith(_PLACEHOLDER):
            placeholders.setdefault((text, reason), []).append(pos)
            continue
        if _OTHER_MAP in reason:
            others.setdefault(reason, []).append(pos)
            continue
        if pos in runs:
            if runs[pos]:
                lines.append(runs[pos])
            continue
        shape = f" (the text of shape {grid.drawn[pos]!r} over it)" if pos in grid.drawn else ""
        lines.append(f"{grid.name}!{cell_name(*pos)}{shape}: {_quote(text)} not part of the map ({reason})")
    for reason, positions in others.items():
        lines.append(f"{grid.name}!{cell_name(*positions[0])}..{cell_name(*positions[-1])}: {len(positions)} cells "
                     f"not part of the map ({reason})")
    for (text, reason), positions in placeholders.items():
        where = ", ".join(cell_name(*p) for p in positions)
        lines.append(f"{grid.name}!{where}: {_quote(text)} skipped ({reason})")
    return lines


COLUMN_RUN = 8
"""Cells left out for one reason, one under another in a column, that the report names in one line (a board
export's ID and Type columns: a line per note drowned what else the report said)."""


_PLACEHOLDER, _OTHER_MAP = "a placeholder", "another map on this sheet"


def _shared_line(reason: str) -> bool:
    """Cells left out for this reason share a report line of their own (a placeholder's text, another map)."""
    return reason.startswith(_PLACEHOLDER) or _OTHER_MAP in reason


def _column_runs(grid: Grid, cells: list[tuple[Pos, str]]) -> dict[Pos, str]:
    """For each cell of a run of at least COLUMN_RUN left out for one reason in adjacent rows of one column: the
    run's line for its first cell, '' for the others."""
    by_column: dict[tuple[int, str], list[int]] = {}
    for (r, c), reason in cells:
        by_column.setdefault((c, reason), []).append(r)
    out: dict[Pos, str] = {}
    for (c, reason), rows in by_column.items():
        start = 0
        for i in range(1, len(rows) + 1):
            if i < len(rows) and rows[i] == rows[i - 1] + 1:
                continue
            run = rows[start:i]
            start = i
            if len(run) < COLUMN_RUN:
                continue
            texts = [_quote(as_text(grid.cells[(r, c)])) for r in (*run[:3], run[-1])]
            shown = ", ".join(texts[:3]) + f", … {texts[-1]}"  # a run is longer than four
            out[(run[0], c)] = (f"{grid.name}!{cell_name(run[0], c)}:{cell_name(run[-1], c)}: {len(run)} cells of "
                                f"column {cell_name(0, c)[:-1]} ({shown}) not part of the map ({reason})")
            out.update({(r, c): "" for r in run[1:]})
    return out


def leftover_cells(grid: Grid, detection: Detection) -> list[tuple[Pos, str]]:
    """Every non-empty cell that is not part of the map, with why, in sheet order (the import dialog shows them)."""
    block = detection.block
    used = detection.used
    out: list[tuple[Pos, str]] = []
    for pos in sorted(p for p in grid.cells if p not in used):
        reason = detection.reasons.get(pos)
        if pos[0] in grid.hidden_rows:
            reason = "in a hidden row"
        elif pos[1] in grid.hidden_cols:
            reason = "in a hidden column"
        elif not reason:
            reason = _where(pos, block)
        out.append((pos, reason))
    return out


def _where(pos: Pos, block) -> str:
    r, c = pos
    if r < block.r1:
        return "above the grid"
    if r > block.r2:
        return "below the grid"
    if c < block.c1:
        return "left of the grid"
    if c > block.c2:
        return "right of the grid"
    return "inside the grid but not under a stage and beside a lane"


def _quote(text: str) -> str:
    return quote_cell(text, 60)
