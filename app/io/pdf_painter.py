"""Paint backend-neutral layout shapes on a reportlab canvas: the twin of the Qt shape painter.

Layout coordinates have y growing downwards; the caller sets the canvas transform so that layout
point (x, y) lands at PDF user space (x, -y) (translate to the map's top-left corner, then scale),
and this painter negates y. Graphics state (colours, alpha, line width, dash, cap) is tracked
here so that each operator is written only when it changes: no save/restore per shape.

Text is written in one text object per call, as real text (selectable, extracted in the order
given), run by run through the font splitter so characters DejaVu Sans lacks use the fallback.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

from app.io.pdf_fonts import FontSplitter, register_fonts
from app.layout.colors import parse_color
from app.layout.fonts import text_width
from app.layout.shapes import EllipseShape, LineShape, PathShape, RectShape, Shape, TextShape

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in layout points

_BUTT, _ROUND = 0, 1


@lru_cache(maxsize=1024)
def _rgba(color: str) -> tuple[float, float, float, float]:
    r, g, b, a = parse_color(color)
    return round(r, 4), round(g, 4), round(b, 4), round(a, 4)


def shape_box(shape: Shape) -> Box:
    """A box that contains the shape (text boxes are estimated from the layout's measurement)."""
    if isinstance(shape, RectShape):
        pad = shape.stroke_width / 2 if shape.stroke else 0.0
        return shape.x - pad, shape.y - pad, shape.x + shape.width + pad, shape.y + shape.height + pad
    if isinstance(shape, TextShape):
        width = text_width(shape.text, shape.size, shape.bold)
        if shape.angle:
            reach = width + shape.size
            return shape.x - reach, shape.y - reach, shape.x + reach, shape.y + reach
        x = shape.x - (width / 2 if shape.align == "center" else width if shape.align == "right" else 0.0)
        return x, shape.y - shape.size, x + width, shape.y + shape.size * 0.3
    if isinstance(shape, LineShape):
        pad = shape.stroke_width
        return (min(shape.x1, shape.x2) - pad, min(shape.y1, shape.y2) - pad,
                max(shape.x1, shape.x2) + pad, max(shape.y1, shape.y2) + pad)
    if isinstance(shape, EllipseShape):
        pad = shape.stroke_width if shape.stroke else 0.0
        rx, ry = shape.rx + pad, shape.ry + pad
        return shape.cx - rx, shape.cy - ry, shape.cx + rx, shape.cy + ry
    xs = [v for op in shape.ops for v in op[1::2]]
    ys = [v for op in shape.ops for v in op[2::2]]
    pad = shape.stroke_width if shape.stroke else 0.0
    return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad


def visible(shapes: Iterable[Shape], box: Box | None) -> list[Shape]:
    """The shapes that touch `box` (all of them when box is None)."""
    if box is None:
        return list(shapes)
    x0, y0, x1, y1 = box
    kept = []
    for shape in shapes:
        a, b, c, d = shape_box(shape)
        if c >= x0 and a <= x1 and d >= y0 and b <= y1:
            kept.append(shape)
    return kept


class PdfPainter:
    """Draws shapes on one reportlab canvas; create one per document."""

    def __init__(self, canvas, splitter: FontSplitter | None = None) -> None:
        register_fonts()
        self.canvas = canvas
        self.splitter = splitter or FontSplitter()
        self.reset_state()

    def reset_state(self) -> None:
        """Forget the tracked graphics state: call after restoreState() and at each new page."""
        self._fill: tuple | None = None
        self._fill_alpha = 1.0
        self._stroke: tuple | None = None
        self._stroke_alpha = 1.0
        self._width: float | None = None
        self._dash: tuple | None = None
        self._cap: int | None = None
        self._join_set = False

    # --- state ------------------------------------------------------------------------

    def _set_fill(self, color: str) -> None:
        r, g, b, a = _rgba(color)
        if self._fill != (r, g, b):
            self.canvas.setFillColorRGB(r, g, b)
            self._fill = (r, g, b)
        if a != self._fill_alpha:
            self.canvas.setFillAlpha(a)
            self._fill_alpha = a

    def _set_stroke(self, color: str, width: float, cap: int, dash: tuple | None = None) -> None:
        canvas = self.canvas
        r, g, b, a = _rgba(color)
        if self._stroke != (r, g, b):
            canvas.setStrokeColorRGB(r, g, b)
            self._stroke = (r, g, b)
        if a != self._stroke_alpha:
            canvas.setStrokeAlpha(a)
            self._stroke_alpha = a
        if width != self._width:
            canvas.setLineWidth(width)
            self._width = width
        if cap != self._cap:
            canvas.setLineCap(cap)
            self._cap = cap
        if not self._join_set:
            canvas.setLineJoin(1)
            self._join_set = True
        if dash != self._dash:
            if dash:
                canvas.setDash(list(dash), 0)
            else:
                canvas.setDash()
            self._dash = dash

    # --- shapes -----------------------------------------------------------------------

    def paint(self, shapes: Iterable[Shape]) -> None:
        """Paint graphics and text in the given order (text drawn where it comes)."""
        pending: list[TextShape] = []
        for shape in shapes:
            if isinstance(shape, TextShape):
                pending.append(shape)
                continue
            if pending:
                self.paint_text(pending)
                pending = []
            self.paint_graphic(shape)
        if pending:
            self.paint_text(pending)

    def paint_graphics(self, shapes: Iterable[Shape]) -> None:
        for shape in shapes:
            if not isinstance(shape, TextShape):
                self.paint_graphic(shape)

    def paint_graphic(self, shape: Shape) -> None:
        canvas = self.canvas
        if isinstance(shape, RectShape):
            fill, stroke = shape.fill is not None, shape.stroke is not None and shape.stroke_width > 0
            if not (fill or stroke):
                return
            if fill:
                self._set_fill(shape.fill)
            if stroke:
                self._set_stroke(shape.stroke, shape.stroke_width, _BUTT)
            if shape.radius:
                radius = min(shape.radius, shape.width / 2, shape.height / 2)
                canvas.roundRect(shape.x, -shape.y - shape.height, shape.width, shape.height, radius,
                                 stroke=stroke, fill=fill)
            else:
                canvas.rect(shape.x, -shape.y - shape.height, shape.width, shape.height, stroke=stroke, fill=fill)
        elif isinstance(shape, LineShape):
            if shape.stroke_width <= 0:
                return
            self._set_stroke(shape.stroke, shape.stroke_width, _BUTT, shape.dash)
            canvas.line(shape.x1, -shape.y1, shape.x2, -shape.y2)
        elif isinstance(shape, EllipseShape):
            fill, stroke = shape.fill is not None, shape.stroke is not None and shape.stroke_width > 0
            if fill:
                self._set_fill(shape.fill)
            if stroke:
                self._set_stroke(shape.stroke, shape.stroke_width, _ROUND)
            if fill or stroke:
                canvas.ellipse(shape.cx - shape.rx, -shape.cy - shape.ry, shape.cx + shape.rx, -shape.cy + shape.ry,
                               stroke=stroke, fill=fill)
        elif isinstance(shape, PathShape):
            fill, stroke = shape.fill is not None, shape.stroke is not None and shape.stroke_width > 0
            if not (fill or stroke):
                return
            if fill:
                self._set_fill(shape.fill)
            if stroke:
                self._set_stroke(shape.stroke, shape.stroke_width, _ROUND if shape.round_caps else _BUTT)
            path = canvas.beginPath()
            for op in shape.ops:
                kind = op[0]
                if kind == "M":
                    path.moveTo(op[1], -op[2])
                elif kind == "L":
                    path.lineTo(op[1], -op[2])
                elif kind == "C":
                    path.curveTo(op[1], -op[2], op[3], -op[4], op[5], -op[6])
                else:
                    path.close()
            canvas.drawPath(path, stroke=stroke, fill=fill, fillMode=0)

    # --- text -------------------------------------------------------------------------

    def paint_text(self, shapes: Sequence[TextShape]) -> None:
        """Write text shapes, in order, in one text object."""
        if not shapes:
            return
        text = self.canvas.beginText()
        font: tuple[str, float] | None = None
        color: tuple | None = None
        hscale = 100.0
        runs_of = self.splitter.runs
        for shape in shapes:
            if not shape.text:
                continue
            runs = runs_of(shape.text, shape.size, shape.bold)
            x = shape.x
            if shape.align != "left":
                width = sum(run.width for run in runs)
                x -= width / 2 if shape.align == "center" else width
            r, g, b, a = _rgba(shape.color)
            if a < 1.0:  # text alpha is rare: blend with white paper instead of a graphics state change
                r, g, b = 1 - a * (1 - r), 1 - a * (1 - g), 1 - a * (1 - b)
            if color != (r, g, b):
                text.setFillColorRGB(r, g, b)
                color = (r, g, b)
            if shape.angle:
                angle = math.radians(shape.angle)
                cos, sin = math.cos(angle), math.sin(angle)
            offset = x - shape.x
            for run in runs:
                if font != (run.font, shape.size):
                    text.setFont(run.font, shape.size)
                    font = (run.font, shape.size)
                squeeze = 100.0 * run.width / run.actual if run.actual > run.width * 1.001 else 100.0
                if squeeze != hscale:
                    text.setHorizScale(squeeze)
                    hscale = squeeze
                if shape.angle:
                    text.setTextTransform(cos, sin, -sin, cos, shape.x + offset * cos, -shape.y + offset * sin)
                else:
                    text.setTextOrigin(shape.x + offset, -shape.y)
                text.textOut(run.text)
                offset += run.width
        if hscale != 100.0:
            text.setHorizScale(100.0)
        self.canvas.drawText(text)
        self._fill = None  # the text's colour operators changed the fill colour
