"""Which shapes of a page touch a box: the index that cuts a big map into the tiles of a poster or the pages
of a spread without looking at every shape for every page. Pure layout shapes, no reportlab."""

from __future__ import annotations

from collections.abc import Sequence

from app.layout.fonts import text_width
from app.layout.shapes import EllipseShape, LineShape, PathShape, RectShape, Shape, TextShape

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in layout points


def shape_box(shape: Shape) -> Box:
    """A box that contains the shape (text boxes are estimated from the layout's measurement)."""
    kind = type(shape)
    if kind is RectShape:
        pad = shape.stroke_width / 2 if shape.stroke else 0.0
        return shape.x - pad, shape.y - pad, shape.x + shape.width + pad, shape.y + shape.height + pad
    if kind is TextShape:
        width = text_width(shape.text, shape.size, shape.bold)
        if shape.angle:
            reach = width + shape.size
            return shape.x - reach, shape.y - reach, shape.x + reach, shape.y + reach
        x = shape.x - (width / 2 if shape.align == "center" else width if shape.align == "right" else 0.0)
        return x, shape.y - shape.size, x + width, shape.y + shape.size * 0.3
    if kind is LineShape:
        pad = shape.stroke_width
        return (min(shape.x1, shape.x2) - pad, min(shape.y1, shape.y2) - pad,
                max(shape.x1, shape.x2) + pad, max(shape.y1, shape.y2) + pad)
    if kind is EllipseShape:
        pad = shape.stroke_width if shape.stroke else 0.0
        rx, ry = shape.rx + pad, shape.ry + pad
        return shape.cx - rx, shape.cy - ry, shape.cx + rx, shape.cy + ry
    flat = [v for op in shape.ops for v in op[1:]]  # x, y, x, y, ...: every op's operands are points
    xs, ys = flat[0::2], flat[1::2]
    pad = shape.stroke_width if shape.stroke else 0.0
    return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad


def shape_boxes(shapes: Sequence[Shape]) -> list[Box]:
    """`shape_box` of each shape; rectangles, lines and level text (most of a map) computed inline, without a call
    each."""
    boxes: list[Box] = []
    append = boxes.append
    for shape in shapes:
        kind = type(shape)
        if kind is RectShape:
            x, y = shape.x, shape.y
            if shape.stroke:
                pad = shape.stroke_width / 2
                append((x - pad, y - pad, x + shape.width + pad, y + shape.height + pad))
            else:
                append((x, y, x + shape.width, y + shape.height))
        elif kind is LineShape:
            pad = shape.stroke_width
            x1, y1, x2, y2 = shape.x1, shape.y1, shape.x2, shape.y2
            append(((x1 if x1 < x2 else x2) - pad, (y1 if y1 < y2 else y2) - pad,
                    (x2 if x1 < x2 else x1) + pad, (y2 if y1 < y2 else y1) + pad))
        elif kind is TextShape and not shape.angle:  # `shape_box`'s numbers
            size, align = shape.size, shape.align
            width = text_width(shape.text, size, shape.bold)
            x = shape.x - (width / 2 if align == "center" else width if align == "right" else 0.0)
            append((x, shape.y - size, x + width, shape.y + size * 0.3))
        elif kind is PathShape and shape.ops:  # `shape_box`'s numbers (cards' accent stripes are paths)
            flat: list[float] = []
            for op in shape.ops:
                flat += op[1:]
            xs, ys = flat[0::2], flat[1::2]
            pad = shape.stroke_width if shape.stroke else 0.0
            append((min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad))
        else:
            append(shape_box(shape))
    return boxes


class ShapeIndex:
    """Finds the shapes that touch a box quickly (tiles of a big poster, pages of a spread), keeping their order.

    A shape smaller than a grid cell each way (by a thousandth, so that rounding cannot make it reach two cells
    further) is kept once, in the cell of its box's top-left corner: one dictionary entry, where spreading it over
    every cell it touches cost a loop for a third of a map's shapes. A query therefore also looks in the cells
    just above and left of its box. A shape longer than a cell one way only (a lane's band, a curve along a lane,
    a stage's column) is kept the same way in its band of cells: its row of cells, or its column. Only shapes
    larger than a cell both ways (the background) are checked on every query: on a map of thousands of lanes,
    checking every band on every page cost more than drawing the pages' cards. Every candidate's box is then
    compared with the query's exactly."""

    def __init__(self, shapes: Sequence[Shape], cell: float = 400.0) -> None:
        self.shapes = list(shapes)
        self.cell = cell
        self.boxes = boxes = shape_boxes(self.shapes)
        self.buckets: dict[tuple[float, float], list[int]] = {}
        self.rows: dict[float, list[int]] = {}  # wide, short shapes by the row of cells of their top
        self.columns: dict[float, list[int]] = {}  # tall, narrow shapes by the column of cells of their left
        self.large: list[int] = []
        buckets, rows, columns, large = self.buckets, self.rows, self.columns, self.large
        small = cell * 0.999
        for index, (x0, y0, x1, y1) in enumerate(boxes):
            narrow, short = x1 - x0 < small, y1 - y0 < small
            if narrow and short:
                buckets.setdefault((x0 // cell, y0 // cell), []).append(index)
            elif short:
                rows.setdefault(y0 // cell, []).append(index)
            elif narrow:
                columns.setdefault(x0 // cell, []).append(index)
            else:  # larger than a cell both ways, or not a number: checked on every query
                large.append(index)

    def visible(self, box: Box) -> list[Shape]:
        x0, y0, x1, y1 = box
        cell, buckets, boxes = self.cell, self.buckets, self.boxes
        candidates = [self.large]
        row_range = range(int(y0 // cell) - 1, int(y1 // cell) + 1)
        column_range = range(int(x0 // cell) - 1, int(x1 // cell) + 1)
        if self.rows:
            candidates += filter(None, map(self.rows.get, row_range))
        if self.columns:
            candidates += filter(None, map(self.columns.get, column_range))
        for bx in column_range:
            candidates += filter(None, (buckets.get((bx, by)) for by in row_range))
        found = [i for indexes in candidates for i in indexes
                 if boxes[i][2] >= x0 and boxes[i][0] <= x1 and boxes[i][3] >= y0 and boxes[i][1] <= y1]
        found.sort()
        shapes = self.shapes
        return [shapes[i] for i in found]
