"""Journey Canvas: an offline desktop editor for customer journey maps."""

from pathlib import Path

__version__ = "0.1.0"

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
"""Bundled fonts, example maps and the JSON Schema (the project is installed editable)."""
