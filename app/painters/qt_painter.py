"""Paint backend-neutral layout shapes with a QPainter (the PDF has its own painter)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from app.layout.colors import parse_color
from app.layout.fonts import covered_chars, is_rtl, text_width
from app.layout.shapes import EllipseShape, LineShape, PathShape, RectShape, Shape, TextShape
from app.painters.qt_fonts import layout_font


@lru_cache(maxsize=512)
def qcolor(color: str) -> QColor:
    r, g, b, a = parse_color(color)
    return QColor.fromRgbF(r, g, b, a)


@lru_cache(maxsize=1024)
def _pen(color: str | None, width: float, dash: tuple[float, ...] | None = None, round_caps: bool = True) -> QPen:
    if color is None:
        return QPen(Qt.PenStyle.NoPen)
    pen = QPen(qcolor(color), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap if round_caps else Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dash:
        pen.setDashPattern([d / max(width, 0.01) for d in dash])
    return pen


@lru_cache(maxsize=1024)
def _brush(color: str | None) -> QBrush:
    return QBrush(qcolor(color)) if color else QBrush(Qt.BrushStyle.NoBrush)


def _path(ops: tuple) -> QPainterPath:
    path = QPainterPath()
    for op in ops:
        if op[0] == "M":
            path.moveTo(op[1], op[2])
        elif op[0] == "L":
            path.lineTo(op[1], op[2])
        elif op[0] == "C":
            path.cubicTo(op[1], op[2], op[3], op[4], op[5], op[6])
        else:
            path.closeSubpath()
    return path


def paint_shapes(painter: QPainter, shapes: Iterable[Shape]) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    for shape in shapes:
        if isinstance(shape, TextShape):
            _paint_text(painter, shape)
        elif isinstance(shape, RectShape):
            painter.setPen(_pen(shape.stroke, shape.stroke_width, round_caps=False))
            painter.setBrush(_brush(shape.fill))
            rect = QRectF(shape.x, shape.y, shape.width, shape.height)
            if shape.radius:
                painter.drawRoundedRect(rect, shape.radius, shape.radius)
            else:
                painter.drawRect(rect)
        elif isinstance(shape, LineShape):
            painter.setPen(_pen(shape.stroke, shape.stroke_width, shape.dash, round_caps=False))
            painter.drawLine(QPointF(shape.x1, shape.y1), QPointF(shape.x2, shape.y2))
        elif isinstance(shape, EllipseShape):
            painter.setPen(_pen(shape.stroke, shape.stroke_width))
            painter.setBrush(_brush(shape.fill))
            painter.drawEllipse(QPointF(shape.cx, shape.cy), shape.rx, shape.ry)
        elif isinstance(shape, PathShape):
            painter.setPen(_pen(shape.stroke, shape.stroke_width, shape.dash, round_caps=shape.round_caps))
            painter.setBrush(_brush(shape.fill))
            painter.drawPath(_path(shape.ops))


_CONTROLS = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)])
"""Control characters (a bell, an escape pasted from a terminal): Qt draws each as an empty box; the layout
gives them no room and the PDF draws nothing for them either."""


def _paint_text(painter: QPainter, shape: TextShape) -> None:
    painter.setFont(layout_font(shape.size, shape.bold))
    painter.setPen(qcolor(shape.color))
    if not shape.text.isprintable():
        shape = shape._replace(text=shape.text.translate(_CONTROLS))
    x, squeeze = shape.x, 1.0
    if not shape.text.isascii() and not covered_chars(shape.bold).issuperset(shape.text):
        # Characters the bundled font lacks are drawn by whatever font Qt falls back to, or as empty boxes,
        # often wider than the layout reserved (a Hindi card's boxes ran into the next column): squeezed
        # to the reserved width, as the PDF does.
        reserved = text_width(shape.text, shape.size, shape.bold)
        drawn = QFontMetricsF(painter.font()).horizontalAdvance(shape.text)
        if reserved > 0 and drawn > reserved * 1.001:
            squeeze = reserved / drawn
    if shape.align != "left":
        width = text_width(shape.text, shape.size, shape.bold)
        if squeeze == 1.0 and not shape.text.isascii() and is_rtl(shape.text):  # shaped Arabic is narrower
            width = QFontMetricsF(painter.font()).horizontalAdvance(shape.text)
        x -= width / 2 if shape.align == "center" else width
    if shape.angle or squeeze != 1.0:
        painter.save()
        painter.translate(shape.x, shape.y)
        painter.rotate(-shape.angle)
        painter.scale(squeeze, 1.0)
        painter.drawText(QPointF((x - shape.x) / squeeze, 0), shape.text)
        painter.restore()
    else:
        painter.drawText(QPointF(x, shape.y), shape.text)
