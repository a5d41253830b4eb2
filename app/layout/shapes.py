"""Backend-neutral drawing primitives. The Qt canvas and the PDF exporter each have one small
painter that turns these into QPainter or reportlab calls, so both draw the same picture.

Coordinates are layout points with y growing downwards; a PDF painter flips them. The shapes are named
tuples (immutable, compared by value; `shape._replace(...)` for a changed copy), which cost a tenth of a
frozen dataclass to define and less to make.
"""

from typing import NamedTuple

PathOp = tuple  # ("M", x, y) | ("L", x, y) | ("C", x1, y1, x2, y2, x, y) | ("Z",)


class RectShape(NamedTuple):
    """A rectangle, filled and/or stroked."""

    x: float
    y: float
    width: float
    height: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0
    radius: float = 0.0


class EllipseShape(NamedTuple):
    """An ellipse by its centre and radii, filled and/or stroked."""

    cx: float
    cy: float
    rx: float
    ry: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0


class LineShape(NamedTuple):
    """A straight line, solid or dashed."""

    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    stroke_width: float = 1.0
    dash: tuple[float, ...] | None = None


class PathShape(NamedTuple):
    """A path of moves, lines and curves, filled and/or stroked."""

    ops: tuple[PathOp, ...]
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0
    round_caps: bool = True
    dash: tuple[float, ...] | None = None


class TextShape(NamedTuple):
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
