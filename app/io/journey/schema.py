"""The JSON Schema of the `.journey` format, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from app import RESOURCES
from app.model.journey import JourneyMap

SCHEMA_PATH = RESOURCES / "journey.schema.json"


def journey_json_schema() -> dict[str, Any]:
    schema = JourneyMap.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Journey Canvas map (.journey)"
    return schema


def schema_text() -> str:
    return json.dumps(journey_json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schema() -> None:
    """Regenerate resources/journey.schema.json (run `python -m app.io.journey.schema`)."""
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")


if __name__ == "__main__":
    write_schema()
    print(f"wrote {SCHEMA_PATH}")
