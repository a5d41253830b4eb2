"""The one layout engine: where every header, cell, card and emotion point goes.

Plain Python (no Qt, no reportlab canvas): the editor's scene and the PDF exporter both
draw from `compute_layout`, and both paint the same backend-neutral shapes from
`app.layout.painting`, with the same bundled font, so the PDF looks like the screen.
Units are points (1/72 inch); the canvas shows 1 point as 1 pixel at 100 % zoom.
"""

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
