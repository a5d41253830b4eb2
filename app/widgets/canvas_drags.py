"""Dragging on the canvas: cards between cells (with a drop indicator), stage and lane headers
to reorder them, and emotion points up and down the scale. Each drag is one edit, made on release."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from app.layout import theme
from app.model import LaneKind


class CanvasDragsMixin:
    """Mixed into MapView; uses its scene, document and the press state the mouse handlers keep."""

    def _start_drag(self, kind: str) -> None:
        self._drag = "cards" if kind == "card" else kind
        if self._drag == "cards":
            selected = self.selection().cards
            self._drag_origin = {card_id: self.map_scene.cards[card_id].pos() for card_id in selected}
            for card_id in selected:
                self.map_scene.cards[card_id].setZValue(6)
                self.map_scene.cards[card_id].setOpacity(0.85)

    def cancel_drag(self) -> bool:
        """Esc while dragging: what was dragged goes back where it was, and letting go then changes nothing."""
        drag = self._drag
        if drag not in ("cards", "stage", "lane", "point"):
            return False
        self.map_scene.drop_marker.setVisible(False)
        if drag == "cards":
            self._put_cards_back([card_id for card_id in self._drag_origin if card_id in self.map_scene.cards])
            self._drag_origin = {}
        elif drag == "point":
            self.map_scene._on_emotions_changed({self._drag_target[1][0]})  # the face and curve as they are
        self._drag = "cancelled"
        self.notice.emit("Drag cancelled: nothing moved")
        return True

    def _put_cards_back(self, ids: list[str]) -> None:
        # Where they were let go is repainted by name: lowered again, their rows claim to hold them
        # (ItemContainsChildrenInShape), and Qt left their image on screen outside the row.
        for card_id in ids:
            item = self.map_scene.cards[card_id]
            self.map_scene.update(item.sceneBoundingRect())
            item.setPos(*self.map_scene.card_item_pos(card_id))
            item.setZValue(2)
            item.setOpacity(1.0)

    def _drag_cards(self, pos: QPointF) -> None:
        offset = pos - self._press
        for card_id, origin in self._drag_origin.items():
            if card_id in self.map_scene.cards:
                self.map_scene.cards[card_id].setPos(origin + offset)
        layout = self.map_scene.layout
        cell = layout.cell_at(pos.x(), pos.y())
        if cell is None or not self.editing.can_hold_cards(cell[1]):  # no bar where a drop would not land
            self.map_scene.drop_marker.setVisible(False)
            return
        index = layout.insertion_index(cell, pos.y())
        y = layout.insertion_y(cell, index)
        x = layout.column_x(cell[0]) + theme.CELL_PADDING
        self.map_scene.drop_marker.show_rect(QRectF(x, y - 1.5, theme.CARD_WIDTH, 3), theme.SELECTION)

    def _drop_cards(self, pos: QPointF) -> None:
        ids = [card_id for card_id in self._drag_origin if card_id in self.map_scene.cards]
        layout = self.map_scene.layout
        cell = layout.cell_at(pos.x(), pos.y())
        self._put_cards_back(ids)  # dropped back where they were, or off the grid: in their places
        if cell is not None and ids and not self.editing.can_hold_cards(cell[1]):
            lane = self.document.journey.lane(cell[1]).name
            self.notice.emit(f"The cards stay where they were: the '{lane}' lane holds the emotion curve, not cards")
            cell = None
        if cell is not None and ids:
            index = layout.insertion_index(cell, pos.y())
            # Cards being moved from above the drop point within the same cell do not count.
            stack = layout.stacks.get(cell)
            if stack is not None:
                index -= sum(1 for card_id in stack.card_ids[:index] if card_id in ids)
            self.document.move_cards(ids, cell[0], cell[1], index)
            self.map_scene.select_cards(ids)
        self._drag_origin = {}

    def _header_drop_index(self, kind: str, pos: QPointF) -> tuple[int, QRectF]:
        layout = self.map_scene.layout
        if kind == "stage":
            columns = layout.frame.columns
            index = round((pos.x() - layout.frame.lane_header_width) / theme.STAGE_WIDTH)
            index = max(0, min(len(columns), index))
            x = layout.frame.lane_header_width + index * theme.STAGE_WIDTH
            return index, QRectF(x - 2, self.map_scene.stage_bar.y(), 4, layout.height)
        lanes = self.document.journey.lanes
        edges = [layout.row_y[lane.id] for lane in lanes] + [layout.height]
        index = min(range(len(edges)), key=lambda i: abs(edges[i] - pos.y()))
        return index, QRectF(self.map_scene.lane_bar.x(), edges[index] - 2, layout.width, 4)

    def _drag_header(self, pos: QPointF) -> None:
        _, rect = self._header_drop_index(self._drag, pos)
        self.map_scene.drop_marker.show_rect(rect, theme.SELECTION)

    def _drop_header(self, kind: str, pos: QPointF) -> None:
        index, _ = self._header_drop_index(kind, pos)
        item_id = self._drag_target[1]
        journey = self.document.journey
        current = journey.stage_index(item_id) if kind == "stage" else journey.lane_index(item_id)
        target = index - 1 if index > current else index
        if kind == "stage":
            self.document.move_stage(item_id, target)
        else:
            self.document.move_lane(item_id, target)

    def _point_value(self, lane_id: str, y: float) -> float:
        """The value under height y, snapped to the scale: whole steps on small scales."""
        box = self.map_scene.layout.emotion_lanes[lane_id]
        value = box.value_for(y)
        span = box.scale_max - box.scale_min
        step = 1.0 if span <= 10 else span / 20
        return max(box.scale_min, min(box.scale_max, box.scale_min + round((value - box.scale_min) / step) * step))

    def _drag_point(self, pos: QPointF) -> None:
        from app.layout.emotion_lane import smooth_curve

        lane_id, stage_id = self._drag_target[1]
        lane_box = self.map_scene.layout.emotion_lanes[lane_id]
        value = self._point_value(lane_id, pos.y())
        y = lane_box.y_for(value)
        points = [p._replace(y=y, value=value, normalized=(value - lane_box.scale_min) /
                             (lane_box.scale_max - lane_box.scale_min)) if p.stage_id == stage_id else p
                  for p in lane_box.points]
        item = self.map_scene.points.get((lane_id, stage_id))
        if item is not None:
            item.set_point(next(p for p in points if p.stage_id == stage_id))
        preview = lane_box._replace(points=tuple(points), curve=smooth_curve([(p.x, p.y) for p in points]))
        self.map_scene.emotion_lanes[lane_id].set_preview(preview)

    def _drop_point(self, pos: QPointF) -> None:
        lane_id, stage_id = self._drag_target[1]
        value = self._point_value(lane_id, pos.y())
        point = self.document.emotion(lane_id, stage_id)
        if point is not None and point.value != value:
            self.document.set_emotion(lane_id, stage_id, value)
        else:
            self.map_scene._on_emotions_changed({lane_id})  # put the face back

    def _pick_legend_persona(self, cell: tuple[str, str], pos: QPointF) -> bool:
        """A click on a persona in an emotions lane's legend makes its curve the one clicks and drags edit."""
        from app.layout.fonts import line_height, text_width

        box = self.map_scene.layout.emotion_lanes.get(cell[1])
        for entry in box.legend if box is not None else ():
            label = entry.label
            right = label.x + text_width(label.lines[0], label.size, label.bold)
            if entry.x - 2 <= pos.x() <= right + 2 and label.y - 2 <= pos.y() <= label.y + line_height(label.size) + 2:
                self.document.set_active_persona(entry.persona_id)
                name = label.lines[0]
                self.notice.emit(f"Clicks and drags on the emotion curve now change {name}'s curve")
                return True
        return False

    def _maybe_add_emotion_point(self, cell: tuple[str, str], pos: QPointF) -> None:
        """A click in an emotions lane, in a stage without a point, adds one (clamped to the scale)."""
        stage_id, lane_id = cell
        lane = self.document.journey.lane(lane_id)
        box = self.map_scene.layout.emotion_lanes.get(lane_id)
        if lane.kind != LaneKind.EMOTIONS or box is None or self.document.emotion(lane_id, stage_id):
            return
        # Anywhere in the lane counts: above the scale's top is the top, below its bottom the bottom.
        y = max(box.plot.y, min(box.plot.bottom, pos.y()))
        self.document.set_emotion(lane_id, stage_id, self._point_value(lane_id, y))
        self.map_scene.select_emotion(lane_id, stage_id)

