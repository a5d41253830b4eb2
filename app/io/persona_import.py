"""A persona written as key/value pairs ("Persona Name | Arjun Kumar", "Age | 24") on a sheet."""

from __future__ import annotations

from app.io.detection import PERSONA_KEYS
from app.io.grid import Grid, Pos, as_text
from app.io.lane_kinds import fold
from app.model.journey import Persona

_EXTRA_KEYS = {
    "age", "gender", "location", "income", "income level", "lifestyle", "interests", "education", "family",
    "purchase frequency", "research method", "price sensitivity", "shopping preference", "preferred content",
    "main motivation", "motivation", "main purchase factors", "product comparison", "idade", "edad", "genero",
    "localizacao", "ubicacion", "alter", "geschlecht", "eta", "возраст", "пол",
}
_FRUSTRATION_HEADERS = {"pain point", "pain points", "frustrations", "frustration", "dores", "боли"}


def read_persona_sheet(grid: Grid) -> tuple[Persona | None, set[Pos]]:
    """The persona on a sheet of key/value pairs, or None when fewer than three keys are found."""
    fields: dict[str, list[str]] = {}
    extras: list[str] = []
    used: set[Pos] = set()
    hits = 0
    for (r, c), value in sorted(grid.cells.items()):
        if not isinstance(value, str) or len(value) > 40:
            continue  # keys are short words
        key = fold(value)
        right = grid.cells.get((r, c + 1))
        if key in _FRUSTRATION_HEADERS and right is not None and (r + 1, c) in grid.cells:
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
            fields.setdefault(PERSONA_KEYS[key], []).append(as_text(right))
        elif key in _EXTRA_KEYS:
            extras.append(f"{as_text(value)}: {as_text(right)}")
        else:
            continue
        used.update({(r, c), (r, c + 1)})
        hits += 1
    if hits < 3 or not fields.get("name"):
        return None, set()
    for header in ("field", "details", "category"):
        for pos, value in grid.cells.items():
            if fold(as_text(value)) == header:
                used.add(pos)
    role = "; ".join(fields.get("role", []) + extras)
    persona = Persona(
        name=fields["name"][0][:500],
        role=role[:20_000],
        quote=" ".join(fields.get("quote", []))[:20_000],
        goals=fields.get("goals", []),
        needs=fields.get("needs", []),
        expectations=fields.get("expectations", []),
        frustrations=fields.get("frustrations", []),
    )
    return persona, used
