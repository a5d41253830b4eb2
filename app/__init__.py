"""Journey Canvas: an offline desktop editor for customer journey maps."""

import os
from pathlib import Path

# Journey Canvas uses no pydantic plugins; without this, pydantic scans every installed package's
# entry points when the first model class is built (tens of milliseconds at every start).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")

__version__ = "0.1.0"

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
"""Bundled fonts, example maps and the JSON Schema (the project is installed editable)."""
