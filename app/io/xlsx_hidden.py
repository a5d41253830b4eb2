"""The very-hidden sheet that carries the whole map inside an exported workbook.

Sheet HIDDEN_SHEET: column A, from A1 down, holds the `.journey` text in chunks (a cell
holds at most 32,767 characters); B1 holds `visible_fingerprint` of the map as exported.
An importer reads the map back with `read_hidden_map`, parses the visible sheet by layout,
and trusts the hidden map only while `visible_fingerprint(parsed) == stored hash`, i.e.
nobody changed stage names, lane names or card texts by hand.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from app.io.journey_file import dumps_journey, loads_journey
from app.io.xlsx_text import clean_text
from app.model.journey import JourneyContent, JourneyMap

HIDDEN_SHEET = "_journey_canvas"
CHUNK_UNITS = 32_000
"""Characters per cell (UTF-16 code units, as Excel counts them), under Excel's 32,767."""

# What XML 1.0 cannot carry even escaped; JSON can, as \\uXXXX, and these only occur inside strings.
_XML_UNSAFE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_BULLET_START = re.compile(r"^(?:[•·▪◦‣*\-–—]|\d{1,3}[.)])\s+")
_SPACES = re.compile(r"\s+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def write_hidden_map(workbook: Any, journey: JourneyMap) -> None:
    """Add the very-hidden sheet holding `journey` and its fingerprint to an openpyxl workbook."""
    if HIDDEN_SHEET in workbook.sheetnames:
        del workbook[HIDDEN_SHEET]
    sheet = workbook.create_sheet(HIDDEN_SHEET)
    sheet.sheet_state = "veryHidden"
    text = _XML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumps_journey(journey))
    for row, chunk in enumerate(_chunks(text, CHUNK_UNITS), start=1):
        cell = sheet.cell(row=row, column=1, value=chunk)
        cell.data_type = "s"  # never a formula, whatever the text starts with
    sheet.cell(row=1, column=2, value=visible_fingerprint(journey))


def read_hidden_map(workbook: Any) -> tuple[JourneyMap | None, str | None]:
    """The map and the stored fingerprint from an openpyxl workbook; (None, None) when absent or broken.

    Works on workbooks loaded normally or with read_only=True. Never raises.
    """
    try:
        if HIDDEN_SHEET not in workbook.sheetnames:
            return None, None
        sheet = workbook[HIDDEN_SHEET]
        chunks: list[str] = []
        stored: str | None = None
        for index, (text, fingerprint) in enumerate(sheet.iter_rows(min_col=1, max_col=2, values_only=True)):
            if index == 0 and isinstance(fingerprint, str) and fingerprint.strip():
                stored = fingerprint.strip()
            if not isinstance(text, str) or not text:
                break
            chunks.append(text)
        if not chunks:
            return None, stored
        try:
            journey = loads_journey("".join(chunks))
        except Exception:  # a damaged hidden sheet just means "import by layout"
            return None, stored
        return journey, stored
    except Exception:  # e.g. a read-only workbook whose archive is damaged
        return None, None


def visible_fingerprint(journey: JourneyContent) -> str:
    """SHA-256 (hex) of a canonical text of what the visible grid shows.

    Covers stage names, lane names and, per cell (by stage and lane position), the cards'
    texts joined. It is forgiving about what a layout importer cannot know: how a cell's
    text is split into cards, bullets at line starts, whitespace, and characters a
    workbook cannot hold. Markers (channel, votes, evidence) are not part of it.
    """
    lines = [f"S\t{_norm_name(s.name, stage=True)}" for s in journey.stages]
    lines += [f"L\t{_norm_name(lane.name)}" for lane in journey.lanes]
    stage_index = {s.id: i for i, s in enumerate(journey.stages)}
    lane_index = {lane.id: i for i, lane in enumerate(journey.lanes)}
    cells: dict[tuple[int, int], list[str]] = {}
    for card in journey.cards:
        key = (stage_index.get(card.stage_id, -1), lane_index.get(card.lane_id, -1))
        cells.setdefault(key, []).append(card.text)
    for (stage, lane), texts in sorted(cells.items()):
        words = _norm_cell(texts)
        if words:
            lines.append(f"C\t{stage}\t{lane}\t{words}")
    canonical = json.dumps(lines, ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _norm_name(name: str, *, stage: bool = False) -> str:
    name = _SPACES.sub(" ", clean_text(name)[0]).strip()
    return name.strip(">»→ ") if stage else name


def _norm_cell(texts: list[str]) -> str:
    words = []
    for text in texts:
        for line in clean_text(text)[0].split("\n"):
            line = _BULLET_START.sub("", line.strip())
            if line:
                words.append(line)
    return _SPACES.sub(" ", " ".join(words)).strip()


def _chunks(text: str, units: int) -> list[str]:
    """Split `text` into pieces of at most `units` UTF-16 code units (never inside a character)."""
    if not _ASTRAL.search(text):
        return [text[i : i + units] for i in range(0, len(text), units)] or [text]
    pieces, start, used = [], 0, 0
    for index, char in enumerate(text):
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > units:
            pieces.append(text[start:index])
            start, used = index, 0
        used += size
    pieces.append(text[start:])
    return pieces
