"""Backend-neutral drawing primitives. The Qt canvas and the PDF exporter each have one small
painter that turns these into QPainter or reportlab calls, so both draw the same picture.

Coordinates are layout points with y growing downwards; a PDF painter flips them.
"""

from __future__ import annotations

from dataclasses import dataclass

PathOp = tuple  # ("M", x, y) | ("L", x, y) | ("C", x1, y1, x2, y2, x, y) | ("Z",)


@dataclass(frozen=True, slots=True)
class RectShape:
    """A rectangle, filled and/or stroked."""

    x: float
    y: float
    width: float
    height: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0
    radius: float = 0.0


@dataclass(frozen=True, slots=True)
class EllipseShape:
    """An ellipse by its centre and radii, filled and/or stroked."""

    cx: float
    cy: float
    rx: float
    ry: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0


@dataclass(frozen=True, slots=True)
class LineShape:
    """A straight line, solid or dashed."""

    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    stroke_width: float = 1.0
    dash: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class PathShape:
    """A path of moves, lines and curves, filled and/or stroked."""

    ops: tuple[PathOp, ...]
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0
    round_caps: bool = True
    dash: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class TextShape:
    """One line of text; (x, y) is the left end of its baseline, or its centre with align='center'."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    color: str = "#000000"
    align: str = "left"  # left | center | right
    angle: float = 0.0  # degrees, counter-clockwise, about (x, y)


Shape = RectShape | EllipseShape | LineShape | PathShape | TextShape
