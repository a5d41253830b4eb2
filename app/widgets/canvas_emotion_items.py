"""The canvas's emotions lanes: the gridlines and curves (EmotionLaneItem), and the faces above them
(EmotionPointItem, children of one FaceLayer per lane so that a lane moved by a growing row above takes two
`setPos`). Like every canvas item, each holds ids and a layout box and paints `app.layout.painting`'s shapes."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.layout import theme
from app.layout.geometry import Rect
from app.layout.model import EmotionLaneBox, EmotionPointBox
from app.layout.painting import (
    emotion_curve_shapes,
    emotion_grid_shapes,
    emotion_point_shapes,
    legend_shapes,
    other_curve_shapes,
    other_point_shapes,
)
from app.painters.qt_painter import paint_shapes
from app.widgets.canvas_items import Z_EMOTION, Z_POINT, exposed_parts
from app.widgets.plain_text import plain_tooltip


class EmotionLaneItem(QGraphicsItem):
    """An emotions lane's gridlines and curve. Its faces are EmotionPointItems above it, children of
    its `faces` layer, so that when a row above grows the lane and its faces move with two `setPos`
    (the item then sits below its box's place: boxes and points are in scene coordinates when set)."""

    def __init__(self, lane_id: str, box: EmotionLaneBox) -> None:
        super().__init__()
        self.lane_id = lane_id
        self._box = box
        self._preview: EmotionLaneBox | None = None
        self.setZValue(Z_EMOTION)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.faces = FaceLayer()

    def set_box(self, box: EmotionLaneBox) -> None:
        """The lane as the layout has it now; the faces' layer goes back to its place too (the
        caller then sets every face, in scene coordinates)."""
        self.prepareGeometryChange()
        self._box = box
        self._preview = None
        self.setPos(0, 0)
        self.faces.setPos(0, 0)
        self.update()

    def shift(self, dy: float) -> None:
        """The lane moved `dy` down (a row above it grew or shrank): its curves and faces are as they were."""
        self.moveBy(0, dy)
        self.faces.moveBy(0, dy)

    def set_preview(self, box: EmotionLaneBox | None) -> None:
        """While a point is dragged: the new curve, with the old one faint behind it."""
        self._preview = box if box is None or not self.y() else box.moved(-self.y())
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        r = self._box.lane_rect
        return QRectF(r.x, r.y, r.width, r.height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        for part in exposed_parts(painter, option, widget):
            self._paint_part(painter, part)

    def _paint_part(self, painter: QPainter, exposed: QRectF) -> None:
        """Only the stretch of the lane in view: a long map's whole curve and dashed gridlines cost
        more per frame than everything else on screen."""
        left, right = exposed.left(), exposed.right()
        box = _window(self._box, left, right)
        shapes = emotion_grid_shapes(box)
        shapes += legend_shapes(self._box) + other_curve_shapes(self._box) + other_point_shapes(self._box)
        if self._preview is not None:
            shapes += emotion_curve_shapes(box, "#9aa5b8", 1.5, dash=True)
            shapes += emotion_curve_shapes(_window(self._preview, left, right))
        else:
            shapes += emotion_curve_shapes(box)
        paint_shapes(painter, shapes)


def _window(box: EmotionLaneBox, left: float, right: float) -> EmotionLaneBox:
    """The lane between x = left and right, a stage's width more on either side (so curves and
    dashes run on past the edges): its gridlines shortened and only the curve segments there."""
    r = box.lane_rect
    x0, x1 = max(r.x, left - theme.STAGE_WIDTH), min(r.right, right + theme.STAGE_WIDTH)
    if x0 <= r.x and x1 >= r.right:
        return box
    curve = tuple(segment for segment in box.curve if segment[-1][0] >= x0 and segment[0][0] <= x1)
    # Gridline labels sit at the lane's left edge: x0 is either that edge or outside the exposed area.
    return box._replace(lane_rect=Rect(x0, r.y, max(0.0, x1 - x0), r.height), curve=curve)


class FaceLayer(QGraphicsItem):
    """The parent of an emotions lane's faces: it moves them all with one `setPos`. It draws nothing
    (and, with an empty rect, never hides its faces from a frame)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self.setZValue(Z_POINT)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return QRectF()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pass


class EmotionPointItem(QGraphicsRectItem):
    """A face on the curve; the view drags it vertically. Its point is in scene coordinates when set
    and read; it keeps it in its layer's coordinates (the layer moves when rows above it grow).
    A rect item only for its bounding rect, which Qt then reads in C++ (a frame showing an emotions
    lane asks every face of it, hundreds on a long map); `paint` is ours."""

    def __init__(self, point: EmotionPointBox) -> None:
        super().__init__(_face_bounds(point))
        self.setPen(Qt.PenStyle.NoPen)
        self.lane_id = point.lane_id
        self.stage_id = point.stage_id
        self._point = point
        self.selected_point = False
        self.setZValue(Z_POINT)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # faces repaint from pixels when scrolled
        self.setCursor(Qt.CursorShape.SizeVerCursor)
        self._tip = ""

    def set_tip(self, value: float, label: str | None, note: str) -> None:
        """The tooltip: the score, the whole label (the curve shows it on one line, cut with '…') and the note."""
        tip = f"{value:g}" + (f" - {label}" if label else "") + (f"\n\n{note.strip()}" if note.strip() else "")
        if tip != self._tip:
            self._tip = tip
            self.setToolTip(plain_tooltip(tip))

    @property
    def point(self) -> EmotionPointBox:
        dy = self._layer_y()
        return self._point.moved(dy) if dy else self._point

    def _layer_y(self) -> float:
        layer = self.parentItem()
        return layer.y() if layer is not None else 0.0

    def set_point(self, point: EmotionPointBox) -> None:
        dy = self._layer_y()
        if dy:
            point = point.moved(-dy)
        old = self._point
        if point == old:
            return
        self.setRect(_face_bounds(point))  # prepares the geometry change
        self._point = point
        self.update()

    def face_contains(self, x: float, y: float) -> bool:
        """Whether the scene point (x, y) is on the face."""
        p = self.point
        return (x - p.x) ** 2 + (y - p.y) ** 2 <= (theme.FACE_RADIUS + 4) ** 2

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        paint_shapes(painter, emotion_point_shapes(self._point, self.selected_point))


def _face_bounds(p: EmotionPointBox) -> QRectF:
    """The face, its selection ring and its label."""
    r = theme.FACE_RADIUS + 5
    rect = QRectF(p.x - r, p.y - r, 2 * r, 2 * r)
    if p.label is not None:
        rect = rect.united(QRectF(p.label.x, p.label.y, p.label.width, 16))
    return rect
