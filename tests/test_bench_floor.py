"""The load floor `bench_scale` prints beside ours must build what opening a map builds, minus our checks:
as many models, nested alike, with the same values, and nothing refused that our models would only refuse
for a check of ours."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from app.io.journey.file import loads_journey
from bench.floor_models import load_floor, plain_map

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "example.journey"


def _models(value: object) -> list[BaseModel]:
    """Every model in a tree of models and lists, depth first."""
    if isinstance(value, BaseModel):
        found = [value]
        for name in type(value).model_fields:
            found += _models(getattr(value, name))
        return found
    if isinstance(value, list):
        return [model for item in value for model in _models(item)]
    return []


def test_the_floor_builds_the_same_models_with_the_same_values() -> None:
    raw = EXAMPLE.read_bytes()
    ours, floor = loads_journey(raw), load_floor(raw)
    ours_models, floor_models = _models(ours), _models(floor)
    assert len(floor_models) == len(ours_models) > 50
    assert [type(m).__name__ for m in floor_models] == [f"Plain{type(m).__name__}" for m in ours_models]
    assert floor.model_dump(mode="json") == ours.model_dump(mode="json")


def test_the_floor_checks_nothing_of_ours() -> None:
    raw = EXAMPLE.read_bytes().replace(b'"votes": 0', b'"votes": -5', 1)
    assert b'"votes": -5' in raw
    floor = plain_map().model_validate_json(raw.replace(b'"id": "', b'"id": "not an id ', 1))
    assert any(card.votes == -5 for card in floor.cards)
    assert floor.model_dump_json().count("not an id") == 1
