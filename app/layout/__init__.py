"""The one layout engine: where every header, cell, card and emotion point goes.

Plain Python (no Qt, no reportlab canvas): the editor's scene and the PDF exporter both
draw from `compute_layout`, and both paint the same backend-neutral shapes from
`app.layout.painting`, with the same bundled font, so the PDF looks like the screen.
Units are points (1/72 inch); the canvas shows 1 point as 1 pixel at 100 % zoom.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.layout.engine import compute_layout
    from app.layout.geometry import Rect
    from app.layout.model import (
        CardBox,
        CellBox,
        EmotionLaneBox,
        EmotionPointBox,
        LaneHeaderBox,
        MapLayout,
        PhaseBox,
        StageHeaderBox,
    )

# Loaded on first use, so `from app.layout import theme` (the Excel export, the widgets) does not
# pay for the engine (about 45 ms of a command-line run).
_LAZY = {
    "compute_layout": "app.layout.engine",
    "Rect": "app.layout.geometry",
    **dict.fromkeys(
        (
            "CardBox",
            "CellBox",
            "EmotionLaneBox",
            "EmotionPointBox",
            "LaneHeaderBox",
            "MapLayout",
            "PhaseBox",
            "StageHeaderBox",
        ),
        "app.layout.model",
    ),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'app.layout' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "CardBox",
    "CellBox",
    "EmotionLaneBox",
    "EmotionPointBox",
    "LaneHeaderBox",
    "MapLayout",
    "PhaseBox",
    "Rect",
    "StageHeaderBox",
    "compute_layout",
]
