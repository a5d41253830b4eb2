"""A persona written as key/value pairs ("Persona Name | Arjun Kumar", "Age | 24") on a sheet."""

from __future__ import annotations

import functools
import re

from app.io.sheet_import.detect_lane_kinds import fold, guess_channel
from app.io.sheet_import.detect_result import PERSONA_KEYS
from app.io.sheet_import.grid import Grid, Pos, as_text
from app.model.enums import CHANNEL_LABELS, Channel
from app.model.journey import Persona

_EXTRA_KEYS = {
    "age", "gender", "location", "income", "income level", "lifestyle", "interests", "education", "family",
    "purchase frequency", "research method", "price sensitivity", "shopping preference", "preferred content",
    "main motivation", "motivation", "main purchase factors", "product comparison", "idade", "edad", "genero",
    "localizacao", "ubicacion", "alter", "geschlecht", "eta", "возраст", "пол",
}
_CHANNEL_KEYS = {"channels", "preferred channels", "canais", "canales", "canaux", "kanale", "canali", "каналы"}
_LIST_FIELDS = {"goals", "needs", "expectations", "frustrations"}


@functools.cache
def _list() -> re.Pattern[str]:
    return re.compile(r";\s+|\n+")


_LABEL_TO_CHANNEL = {label.lower(): channel for channel, label in CHANNEL_LABELS.items()}
_FRUSTRATION_HEADERS = {"pain point", "pain points", "frustrations", "frustration", "dores", "боли"}


def read_persona_columns(grid: Grid) -> tuple[list[Persona], set[Pos]]:
    """Several personas side by side (as the Excel export writes them): a column of keys ("Name", "Role",
    "Goals", ...) and one column of values per persona. Empty when no "Name" row has two or more values."""
    for (r, c), value in sorted(grid.cells.items()):
        if not isinstance(value, str) or PERSONA_KEYS.get(fold(value)) != "name":
            continue
        columns = sorted(cc for (rr, cc) in grid.cells if rr == r and cc > c)
        if len(columns) < 2:
            continue
        keys = {rr: v for (rr, cc), v in grid.cells.items() if cc == c and isinstance(v, str) and len(v) <= 40
                and (fold(v) in PERSONA_KEYS or fold(v) in _CHANNEL_KEYS)}
        personas: list[Persona] = []
        used: set[Pos] = {(rr, c) for rr in keys}
        for column in columns:
            cells = {(rr, 0): key for rr, key in keys.items()}
            cells.update({(rr, 1): grid.cells[(rr, column)] for rr in keys if (rr, column) in grid.cells})
            persona, _found = read_persona_sheet(Grid(grid.name, cells), min_keys=1)
            if persona is not None:
                personas.append(persona)
                used.update((rr, column) for rr in keys if (rr, column) in grid.cells)
        if len(personas) >= 2:
            return personas, used
    return [], set()


def merge_personas(own: list[Persona], read: list[Persona]) -> list[Persona]:
    """The map's personas in the order of `read` (a persona sheet): one of `own` with the same name keeps its
    id (cards and curves refer to it) and gains the sheet's details; `own` personas the sheet lacks follow."""
    by_name = {" ".join(p.name.split()).casefold(): p for p in own}
    out: list[Persona] = []
    for persona in read:
        match = by_name.pop(" ".join(persona.name.split()).casefold(), None)
        out.append(persona.model_copy(update={"id": match.id, "color": match.color}) if match else persona)
    return out + [p for p in own if p in by_name.values()]


def read_persona_sheet(grid: Grid, min_keys: int = 3) -> tuple[Persona | None, set[Pos]]:
    """The persona on a sheet of key/value pairs, or None when fewer than `min_keys` keys are found."""
    fields: dict[str, list[str]] = {}
    extras: list[str] = []
    channels: list[Channel] = []
    used: set[Pos] = set()
    hits = 0
    for (r, c), value in sorted(grid.cells.items()):
        if not isinstance(value, str) or len(value) > 40:
            continue  # keys are short words
        key = fold(value)
        right = grid.cells.get((r, c + 1))
        below = grid.cells.get((r + 1, c))
        below_key = fold(below) if isinstance(below, str) and len(below) <= 40 else ""
        list_below = below is not None and not (below_key in PERSONA_KEYS or below_key in _EXTRA_KEYS
                                                or below_key in _CHANNEL_KEYS)
        if key in _FRUSTRATION_HEADERS and right is not None and list_below:
            used.update({(r, c), (r, c + 1)})
            row = r + 1
            while (row, c) in grid.cells:
                fields.setdefault("frustrations", []).append(as_text(grid.cells[(row, c)]))
                used.add((row, c))
                if (row, c + 1) in grid.cells:
                    used.add((row, c + 1))
                row += 1
            hits += 1
            continue
        if right is None or (r, c) in used:
            continue
        if key in PERSONA_KEYS:
            field = PERSONA_KEYS[key]
            text = as_text(right)
            fields.setdefault(field, []).extend(_list().split(text) if field in _LIST_FIELDS else [text])
        elif key in _CHANNEL_KEYS:
            channels.extend(_channels(as_text(right)))
        elif key in _EXTRA_KEYS:
            extras.append(f"{as_text(value).strip().rstrip(':：').strip()}: {as_text(right)}")
        else:
            continue
        used.update({(r, c), (r, c + 1)})
        hits += 1
    if hits < min_keys or not fields.get("name") or not fields["name"][0].strip():
        return None, set()
    for header in ("field", "details", "category"):
        for pos, value in grid.cells.items():
            if fold(as_text(value)) == header:
                used.add(pos)
    role = "; ".join(fields.get("role", []) + extras)
    persona = Persona(
        name=fields["name"][0][:500],
        role=role[:20_000],
        quote=" ".join(q.strip().strip('"“”«»„') for q in fields.get("quote", []))[:20_000],
        goals=fields.get("goals", []),
        needs=fields.get("needs", []),
        expectations=fields.get("expectations", []),
        frustrations=fields.get("frustrations", []),
        preferred_channels=list(dict.fromkeys(channels)),
    )
    return persona, used


def _channels(text: str) -> list[Channel]:
    found = []
    for part in re.split(r"[,;/\n]+", text):
        part = part.strip()
        channel = _LABEL_TO_CHANNEL.get(part.lower()) or (guess_channel(part) if part else None)
        if channel is not None:
            found.append(channel)
    return found
