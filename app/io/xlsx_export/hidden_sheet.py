"""The very-hidden sheet that carries the whole map inside an exported workbook.

Sheet HIDDEN_SHEET: column A, from A1 down, holds the map's `.journey` JSON in chunks of
CHUNK_SIZE characters (a cell holds at most 32,767); B1 holds `visible_fingerprint` of the
map as exported. The JSON is the same data as `dumps_journey` writes, but compact and
ASCII-only (\\u escapes): four times faster to write than the indented file text for a big
map, and safe in XML whatever the map holds (U+FFFF, lone surrogates) and in chunks of any
length. `loads_journey` reads either form.
An importer reads the map back with `read_hidden_map`, parses the visible sheet by layout,
and trusts the hidden map only while `visible_fingerprint(parsed) == stored hash`, i.e.
nobody changed stage names, lane names or card texts by hand, and (compared by the importer,
`read_xlsx._difference`) the emotions, card markers, title, description, phases and persona
read from the sheets are the hidden map's.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from app.io.journey.file import loads_journey
from app.io.xlsx_export.card_markers import clean_text
from app.model.journey import JourneyContent, JourneyMap

HIDDEN_SHEET = "_journey_canvas"
CHUNK_SIZE = 32_000
"""Characters per cell, under Excel's limit of 32,767."""

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_BULLET_START = re.compile(r"^[^\S\n]*(?:[•·▪◦‣*\-–—]|\d{1,3}[.)])[^\S\n]+", re.MULTILINE)


def write_hidden_map(workbook: Any, journey: JourneyMap) -> None:
    """Add the very-hidden sheet holding `journey` and its fingerprint to an openpyxl workbook."""
    if HIDDEN_SHEET in workbook.sheetnames:
        del workbook[HIDDEN_SHEET]
    sheet = workbook.create_sheet(HIDDEN_SHEET)
    sheet.sheet_state = "veryHidden"
    text = hidden_text(journey)
    for row, chunk in enumerate(_chunks(text), start=1):
        cell = sheet.cell(row=row, column=1)
        # ASCII JSON has no control characters: skip openpyxl's slow check; "s": never a formula.
        cell._value = chunk
        cell.data_type = "s"
    sheet.cell(row=1, column=2, value=visible_fingerprint(journey))


def hidden_text(journey: JourneyMap) -> str:
    """The map as compact, ASCII-only JSON: the data `dumps_journey` writes, in another layout."""
    text = journey.model_dump_json(exclude_none=True)  # pydantic's serializer: 4x faster than json.dumps
    return text if text.isascii() else _NON_ASCII.sub(_escape_run, text)


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
    name = " ".join(clean_text(name)[0].split())
    return name.strip(">»→ ") if stage else name


def _norm_cell(texts: list[str]) -> str:
    """The cell's words: bullets at line starts, line breaks and runs of spaces do not count."""
    text = clean_text("\n".join(texts))[0]
    return " ".join(_BULLET_START.sub("", text).split())


def _escape_run(match: re.Match[str]) -> str:
    """Non-ASCII characters as JSON \\u escapes (surrogate pairs beyond the BMP)."""
    out = []
    for char in match.group():
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out)


def _chunks(text: str) -> list[str]:
    return [text[i : i + CHUNK_SIZE] for i in range(0, len(text), CHUNK_SIZE)]
