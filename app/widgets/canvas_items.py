"""Graphics items of the canvas. Each holds ids and a layout box, never a copy of the model;
each paints the shapes `app.layout.painting` makes for its element, like the PDF does (an emotions lane's
items: `canvas_emotion_items.py`)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPen, QPicture
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from app.layout import theme
from app.layout.fonts import line_height, text_width
from app.layout.model import CardBox
from app.layout.painting import (
    blueprint_label_shapes,
    blueprint_line_shapes,
    card_shapes,
    corner_shapes,
    kpi_bar_shapes,
    lane_group_shapes,
    lane_header_shapes,
    phase_shapes,
    stage_header_shapes,
)
from app.painters.qt_fonts import layout_font
from app.painters.qt_painter import paint_shapes, qcolor

BADGE_MIN_PIXELS = 18.0  # a vote badge's height on screen at any zoom: 16 px of colour inside its white ring

Z_GRID, Z_EMOTION, Z_CARD, Z_POINT, Z_CURSOR, Z_DRAG = 0, 1, 2, 3, 4, 6
Z_LANE_HEADERS, Z_STAGE_HEADERS, Z_CORNER, Z_EDITOR = 10, 11, 12, 20


class CardItem(QGraphicsRectItem):
    """One card. Its box is in item coordinates (0, 0 at the card's top-left).

    A rect item only for its bounding rect, which Qt then reads in C++: the scene asks thousands
    of cards for it whenever rows move or a frame is culled, and a Python override made each
    question a call into Python. `paint` is ours."""

    def __init__(self, card_id: str, box: CardBox) -> None:
        super().__init__(_card_bounds(box))
        self.setPen(Qt.PenStyle.NoPen)
        self.card_id = card_id
        self._box = box
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, False)
        self._pictures: dict[bool, QPicture] = {}  # by selected state, from the second drawing on
        self._drawn: set[bool] = set()  # the selected states drawn once already
        # Zooming re-renders a card once; scrolling and repaints only copy its cached pixels.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(Z_CARD)
        self.setAcceptHoverEvents(False)

    @property
    def box(self) -> CardBox:
        return self._box

    def setZValue(self, z: float) -> None:  # noqa: N802 - Qt's name
        """A card raised above the others (dragged) raises its block and row with it: they stack as wholes."""
        super().setZValue(z)
        block = self.parentItem()
        if block is not None:
            block.setZValue(max(Z_CARD, z))

    def set_box(self, box: CardBox) -> None:
        old = self._box
        if box == old:
            return
        self._box = box
        if box.index != old.index and box._replace(index=old.index) == old:
            return  # only its place in the cell changed (a card inserted above it): it looks the same
        self.setRect(_card_bounds(box))  # prepares the geometry change
        self.forget_look()

    def forget_look(self) -> None:
        """Draw the card afresh (its box or the theme changed)."""
        self._pictures.clear()
        self._drawn.clear()
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        """Qt keeps the card's pixels (DeviceCoordinateCache) and calls this only to draw them again: at
        its first frame in view, at a new zoom, or when it changed. The first time (the frame that
        scrolls it into view) its shapes are drawn straight into that cache; from the second on they
        are recorded once into a QPicture (vector, so sharp at any zoom) and replayed. Recording and
        replaying costs more than drawing once, and less than drawing again: a zoom redraws every card
        in view."""
        selected = self.isSelected()
        picture = self._pictures.get(selected)
        if picture is None and selected not in self._drawn:
            self._drawn.add(selected)
            paint_shapes(painter, card_shapes(self._box, selected))
        else:
            if picture is None:
                picture = self._pictures[selected] = QPicture()
                recorder = QPainter(picture)
                paint_shapes(recorder, card_shapes(self._box, selected))
                recorder.end()
            painter.drawPicture(0, 0, picture)
        if self._box.votes:
            self._paint_vote_badge(painter)

    def vote_badge_rect(self, scale: float) -> QRectF:
        """The vote badge in item coordinates at a zoom `scale`: never under BADGE_MIN_PIXELS on screen,
        so votes read from the back of the room (zoomed out, it grows over the card's corner)."""
        size = theme.CARD_SMALL_FONT_SIZE
        label = str(self._box.votes)
        r = self._box.rect
        height = line_height(size)
        width = max(height, text_width(label, size, True) + 6)
        right = r.right - theme.CARD_PADDING
        top = r.bottom - theme.CARD_PADDING - height  # the footer row, where no text runs
        grow = max(1.0, BADGE_MIN_PIXELS / max(scale * height, 1e-6))
        # Grown, it keeps its top on the footer row and spreads down and over the card's right edge,
        # never up over the text.
        right += min(theme.CARD_PADDING + 2, width * (grow - 1) / 2)
        return QRectF(right - width * grow, top, width * grow, height * grow)

    def _paint_vote_badge(self, painter: QPainter) -> None:
        scale = painter.worldTransform().m11() or 1.0
        rect = self.vote_badge_rect(scale)
        if rect.height() * scale <= line_height(theme.CARD_SMALL_FONT_SIZE) * scale + 0.5:
            return  # the badge in the card's picture is big enough
        painter.save()
        painter.setPen(QPen(qcolor("#ffffff"), 1.5 / scale))
        painter.setBrush(qcolor(theme.VOTE_DOT))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        font = QFont(layout_font(theme.CARD_SMALL_FONT_SIZE, True))  # a copy: layout fonts are shared
        font.setPixelSize(max(1, round(rect.height() * 0.7)))
        painter.setFont(font)
        painter.setPen(qcolor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(self._box.votes))
        painter.restore()


BLOCK_STAGES = 8  # a row's cards are grouped by this many stages (see CardBlockItem)


class RowItem(QGraphicsItem):
    """The parent of one lane's card blocks, at the row's top-left: when rows above grow or shrink,
    the row moves with one `setPos` instead of one per card, and a frame that does not show the row
    skips all its cards at once (they lie inside its rect; Qt culls only items with contents, so
    it "paints" nothing)."""

    def __init__(self, lane_id: str) -> None:
        super().__init__()
        self.lane_id = lane_id
        self._rect = QRectF()
        self._left = 0.0  # where the first stage's column starts
        self.blocks: dict[int, CardBlockItem] = {}
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape, True)
        self.setZValue(Z_CARD)

    def set_size(self, width: float, height: float, left: float = 0.0) -> None:
        rect = QRectF(-4, -4, width + 8, height + 8)  # the cards' shadows and outlines
        if rect != self._rect or left != self._left:
            self.prepareGeometryChange()
            self._rect, self._left = rect, left
            for index, block in self.blocks.items():
                block.setRect(self._block_rect(index))

    def block(self, stage_index: int) -> CardBlockItem:
        """The block holding the cards of the stage at `stage_index`."""
        index = stage_index // BLOCK_STAGES
        block = self.blocks.get(index)
        if block is None:
            block = self.blocks[index] = CardBlockItem(self._block_rect(index))
            block.setParentItem(self)
        return block

    def _block_rect(self, index: int) -> QRectF:
        x = self._left + index * BLOCK_STAGES * theme.STAGE_WIDTH
        return QRectF(x - 4, self._rect.y(), BLOCK_STAGES * theme.STAGE_WIDTH + 8, self._rect.height())

    def setZValue(self, z: float) -> None:  # noqa: N802 - Qt's name
        """Raised while its cards are dragged out of its rect: then they must not be culled with it."""
        super().setZValue(z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape, z <= Z_CARD)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pass


class CardBlockItem(QGraphicsRectItem):
    """The cards of BLOCK_STAGES neighbouring stages of one row, at the row's origin (so a card's
    position in it is its position in the row). A frame showing part of a wide row visits the
    blocks, not the cards, out of view: a 280-stage row asked each of its 1,120 cards for its rect
    on every frame. A rect item, so Qt reads its rect and draws its (empty) outline in C++."""

    def __init__(self, rect: QRectF) -> None:
        super().__init__(rect)
        self.setPen(Qt.PenStyle.NoPen)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(Z_CARD)

    def setZValue(self, z: float) -> None:  # noqa: N802 - Qt's name
        """Raised while its cards are dragged out of its rect (then they must not be culled with it),
        and its row with it."""
        super().setZValue(z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemContainsChildrenInShape, z <= Z_CARD)
        row = self.parentItem()
        if row is not None:
            row.setZValue(max(Z_CARD, z))


MAX_PARTS = 6  # a repaint region of more rects is painted as its bounding rect


def exposed_parts(painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None) -> Iterator[QRectF]:
    """The parts of an uncached item to paint, in item coordinates, with the painter clipped to each in
    turn. Qt passes only the bounding rect of what the view repaints as `exposedRect`: a scroll step
    repaints a strip at one edge and the frozen headers at the two others, whose bounding rect is the
    whole view. The view keeps the real region while it paints (MapView.paint_region)."""
    exposed = option.exposedRect
    region = getattr(widget.parentWidget(), "paint_region", None) if widget is not None else None
    inverse, invertible = painter.worldTransform().inverted()
    if region is None or not invertible or region.rectCount() > MAX_PARTS:
        yield exposed
        return
    for rect in region:
        clip = inverse.mapRect(QRectF(rect))  # whole device pixels: lines on the item's edge keep their outer half
        part = clip.intersected(exposed)
        if not part.isEmpty():
            painter.save()
            painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
            yield part
            painter.restore()


def _card_bounds(box: CardBox) -> QRectF:
    """The card and its shadow and selection outline, and room for the vote badge enlarged when zoomed out.

    Whole pixels wide and high: Qt sizes a card's cached pixmap from its rect on screen rounded at both
    edges, so a fractional height gave a pixmap one pixel taller or shorter after its row moved by a
    fraction of a pixel, and Qt drew the card again instead of reusing its pixels."""
    r = box.rect
    m = 3 + (BADGE_MIN_PIXELS if box.votes else 0)
    return QRectF(r.x - m, r.y - m, math.ceil(r.width + 2 * m), math.ceil(r.height + 2 * m))


class GridItem(QGraphicsItem):
    """All cells' backgrounds and grid lines, and KPI lanes' bars, painted only where exposed
    (one item, not thousands)."""

    def __init__(self, scene_model) -> None:
        super().__init__()
        self._model = scene_model  # the scene, which knows the live layout
        self.setZValue(Z_GRID)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self._rect = QRectF()

    def relayout(self) -> None:
        layout = self._model.layout
        self.prepareGeometryChange()
        self._rect = QRectF(0, 0, layout.width, layout.height)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        for part in exposed_parts(painter, option, widget):
            self._paint_part(painter, part)

    def _paint_part(self, painter: QPainter, exposed: QRectF) -> None:
        """Cells as plain fills and the grid as one batch of lines: the same picture as
        `painting.cell_shapes`, with a few calls instead of three per cell."""
        from app.layout.engine import cell_fill

        layout = self._model.layout
        content = layout.content
        all_columns = layout.frame.columns
        # Columns are STAGE_WIDTH apart: the ones in view by arithmetic, not by asking each of a long map's.
        first = max(0, int((exposed.left() - layout.frame.lane_header_width) // theme.STAGE_WIDTH) - 1)
        last = min(len(all_columns), int((exposed.right() - layout.frame.lane_header_width) // theme.STAGE_WIDTH) + 2)
        columns = [(i, all_columns[i].x) for i in range(first, last)
                   if all_columns[i].x <= exposed.right() and all_columns[i].x + theme.STAGE_WIDTH >= exposed.left()]
        if not columns:
            return
        lines: list[QLineF] = []
        left, right = columns[0][1], columns[-1][1] + theme.STAGE_WIDTH
        top = bottom = None
        for lane_index, lane in enumerate(content.lanes):
            y, h = layout.row_y[lane.id], layout.row_h[lane.id]
            if y > exposed.bottom() or y + h < exposed.top():
                continue
            top = y if top is None else top
            bottom = y + h
            for stage_index, x in columns:
                painter.fillRect(QRectF(x, y, theme.STAGE_WIDTH, h), qcolor(cell_fill(stage_index, lane_index)))
            lines.append(QLineF(left, y + h, right, y + h))
        if top is None:
            return
        lines += [QLineF(x + theme.STAGE_WIDTH, top, x + theme.STAGE_WIDTH, bottom) for _, x in columns]
        painter.setPen(QPen(qcolor(theme.GRID_LINE), theme.GRID_LINE_WIDTH))
        painter.drawLines(lines)
        shapes = []
        for bars in layout.kpi_lanes.values():
            for bar in bars:
                t = bar.track
                if t.right >= exposed.left() and t.x <= exposed.right() and t.bottom + 4 >= exposed.top() \
                        and bar.name.y <= exposed.bottom():
                    shapes += kpi_bar_shapes(bar)
        for line in self._model.blueprint_lines():
            if exposed.top() - 2 <= line.y <= exposed.bottom() + 2:
                shapes += blueprint_line_shapes(line)
        if shapes:
            paint_shapes(painter, shapes)


class HeaderBarItem(QGraphicsObject):
    """Frozen headers: the stage header row (kind='stages') or the lane header column ('lanes').

    The view keeps it pinned to the top or left edge of what is visible, like frozen panes.
    """

    def __init__(self, scene_model, kind: str) -> None:
        super().__init__()
        self._model = scene_model
        self.kind = kind
        self.selected_id: str | None = None
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(Z_STAGE_HEADERS if kind == "stages" else Z_LANE_HEADERS)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setAcceptHoverEvents(True)  # a header the canvas cuts ("…") gives its full text as a tooltip
        self._rect = QRectF()

    def hoverMoveEvent(self, event) -> None:  # noqa: N802
        from app.widgets.canvas_tooltips import header_tooltip
        from app.widgets.plain_text import plain_tooltip

        position = event.pos()
        self.setToolTip(plain_tooltip(header_tooltip(self._model.layout, self.kind, position.x(), position.y())))
        super().hoverMoveEvent(event)

    def relayout(self) -> None:
        layout = self._model.layout
        self.prepareGeometryChange()
        if self.kind == "stages":
            self._rect = QRectF(0, 0, layout.width, layout.frame.header_height)
        else:
            self._rect = QRectF(0, 0, layout.frame.lane_header_width, layout.height)
        # update() alone left stale cached pixels after another map was loaded (headers of the old one)
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        layout = self._model.layout
        exposed = _drawn_part(painter, option.exposedRect)
        shapes = []
        if self.kind == "stages":
            left, right = exposed.left(), exposed.right()
            for phase in layout.frame.phases:
                if phase.rect.right >= left and phase.rect.x <= right:
                    shapes += phase_shapes(phase)
            for header in layout.frame.stage_headers:
                if header.rect.right >= left and header.rect.x <= right:
                    shapes += stage_header_shapes(header)
            selected = next((h.rect for h in layout.frame.stage_headers if h.stage_id == self.selected_id), None)
            phase_rect = next((p.rect for p in layout.frame.phases if p.phase_id == self.selected_id), None)
            selected = selected or phase_rect
        else:
            for group in self._model.lane_group_boxes():
                shapes += lane_group_shapes(group)
            for lane in layout.content.lanes:
                header = layout.lane_headers[lane.id]
                if header.rect.bottom >= exposed.top() and header.rect.y <= exposed.bottom():
                    shapes += lane_header_shapes(header)
                elif header.rect.y > exposed.bottom():
                    break
            for line in self._model.blueprint_lines():
                shapes += blueprint_label_shapes(line)
            selected = layout.lane_headers[self.selected_id].rect if self.selected_id in layout.lane_headers else None
        paint_shapes(painter, shapes)
        if selected is not None:
            pen = QPen(qcolor(theme.SELECTION), 3)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(selected.x + 1.5, selected.y + 1.5, selected.width - 3, selected.height - 3))


def _drawn_part(painter: QPainter, exposed: QRectF) -> QRectF:
    """The exposed rect, less what the painter's device cannot show. Qt caches a header taller or
    wider than the view as a pixmap the view's size and asks it to paint all of itself into it:
    only what lands on that pixmap is worth drawing."""
    device = painter.device()
    inverse, invertible = painter.worldTransform().inverted()
    if device is None or not invertible:
        return exposed
    return exposed.intersected(inverse.mapRect(QRectF(0, 0, device.width(), device.height())).adjusted(-2, -2, 2, 2))


class CornerItem(QGraphicsItem):
    """The top-left box, frozen over both header bars."""

    def __init__(self, scene_model) -> None:
        super().__init__()
        self._model = scene_model
        self.setZValue(Z_CORNER)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # repainted with every full view repaint

    def relayout(self) -> None:
        self.prepareGeometryChange()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        frame = self._model.layout.frame
        return QRectF(0, 0, frame.lane_header_width, frame.header_height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        layout = self._model.layout
        paint_shapes(painter, corner_shapes(layout.frame.lane_header_width, layout.frame.header_height,
                                           layout.content.metadata.title))


class MarkerItem(QGraphicsItem):
    """The cell cursor (a focus frame) or the drop indicator (a bar where cards will land)."""

    def __init__(self, z: float, color: str, width: float, dashed: bool = False) -> None:
        super().__init__()
        self._rect = QRectF()
        self._pen = QPen(qcolor(color), width)
        if dashed:
            self._pen.setStyle(Qt.PenStyle.DashLine)
        self._fill = None
        self.setZValue(z)
        self.setVisible(False)

    def show_rect(self, rect: QRectF, fill: str | None = None) -> None:
        self.prepareGeometryChange()
        self._rect = rect
        self._fill = fill
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect.adjusted(-3, -3, 3, 3)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(self._pen)
        painter.setBrush(qcolor(self._fill) if self._fill else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self._rect, 3, 3)
