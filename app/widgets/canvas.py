"""MapView: the swimlane canvas. Zoom, pan, frozen headers, and mouse editing (its keys: canvas_keys.py).

Every edit calls the document; the scene redraws itself from the document's signals.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPixmapCache, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

from app.document import JourneyDocument
from app.layout import theme
from app.painters.qt_fonts import layout_font
from app.widgets.canvas_drags import CanvasDragsMixin
from app.widgets.canvas_editing import CanvasEditing
from app.widgets.canvas_emotion_items import EmotionPointItem
from app.widgets.canvas_items import CardItem
from app.widgets.canvas_keys import CanvasKeysMixin
from app.widgets.canvas_scene import MapScene
from app.widgets.selection import Selection, describe_selection
from app.widgets.undo_reveal import UndoReveal

if TYPE_CHECKING:
    from app.widgets.zoom_preview import ZoomPreview

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 4.0


class MapView(CanvasKeysMixin, CanvasDragsMixin, QGraphicsView):
    selectionChanged = Signal(object)  # Selection  # noqa: N815
    zoomChanged = Signal(float)  # noqa: N815
    notice = Signal(str)  # a one-line message for the status bar (an edit refused, and why)

    def __init__(self, document: JourneyDocument, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.map_scene = MapScene(document, self)
        self.setScene(self.map_scene)
        self.editing = CanvasEditing(self)
        self._zoom_preview: ZoomPreview | None = None  # made at the first zoom gesture, not before the first paint
        self.setAccessibleName("Journey map canvas")
        self.setAccessibleDescription("Stages are columns and lanes are rows. Arrow keys move between cells, "
                                      "Enter adds or edits a card, F2 renames, Delete removes.")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), 256 * 1024))  # KB: card pictures
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # Scrolling moves the pixels already drawn and paints only the uncovered strip and the moved
        # frozen headers (a full repaint per scroll step cost twice as much on a 22,400-card map).
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.viewport().setMouseTracking(True)  # the "+ type to add" hint follows the mouse
        self.horizontalScrollBar().valueChanged.connect(self._pin_headers)
        self.verticalScrollBar().valueChanged.connect(self._pin_headers)
        self.map_scene.relaidOut.connect(self._pin_headers)
        self.map_scene.canvasSelectionChanged.connect(self._on_selection)
        self._press: QPointF | None = None  # scene position of a left press
        self._drag: str | None = None  # "cards" | "stage" | "lane" | "point" | "pan" | "cancelled" (Esc)
        self._drag_target = None
        self._drag_origin: dict[str, QPointF] = {}
        self._pan_from: QPointF | None = None
        self._space_down = False
        self._shown = False
        self.paint_region = None  # while painting: the viewport's region being repainted
        document.replaced.connect(self.scroll_home)
        self.undo_reveal = UndoReveal(self)  # Undo / Redo scroll to what changed
        self._pin_headers()

    def scroll_home(self) -> None:
        """Show the map's top-left corner (Qt centres a large scene by default)."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self._pin_headers()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.scroll_home()

    # --- public interface (used by the main window) ---------------------------------------------

    def selection(self) -> Selection:
        return self.map_scene.selection()

    @property
    def zoom_preview(self) -> ZoomPreview:
        """The scaled snapshot shown during a zoom gesture (a child of the viewport, made when first needed)."""
        if self._zoom_preview is None:
            from app.widgets.zoom_preview import ZoomPreview

            self._zoom_preview = ZoomPreview(self)
        return self._zoom_preview

    def _settle_zoom(self) -> None:
        """Apply a zoom gesture still being previewed, if any."""
        if self._zoom_preview is not None:
            self._zoom_preview.settle()

    def zoom(self) -> float:
        """The zoom factor (during a zoom gesture, the one being previewed)."""
        preview = self._zoom_preview
        return preview.target if preview is not None and preview.active else self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        """Zoom about the view's centre, at once."""
        self._settle_zoom()
        center = self.viewport().rect().center()
        self.apply_zoom(factor, self.mapToScene(center), QPointF(center))

    def apply_zoom(self, factor: float, scene_anchor: QPointF, view_anchor: QPointF) -> None:
        """Set the zoom so that `scene_anchor` stays at `view_anchor` (a point of the viewport)."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setTransform(self.transform().fromScale(factor, factor))
        now = self.mapFromScene(scene_anchor)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + round(now.x() - view_anchor.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + round(now.y() - view_anchor.y()))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._pin_headers()
        self.zoomChanged.emit(factor)

    def zoom_interactively(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom from a gesture or key: instant scaled preview, sharp frame when it pauses."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        self.zoom_preview.zoom_to(factor, anchor)
        self.zoomChanged.emit(factor)

    def zoom_in(self) -> None:
        self.zoom_interactively(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_interactively(self.zoom() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def zoom_to_fit(self) -> None:
        """The whole map, margins included, in the viewport as it is without scroll bars: fitting the map to
        the viewport a scroll bar had shrunk left a scroll bar and the map's last column cut."""
        layout = self.map_scene.layout
        room, rect = self.maximumViewportSize(), self.sceneRect()
        if layout.width <= 0 or layout.height <= 0 or rect.isEmpty():
            return
        factor = min((room.width() - 2) / rect.width(), (room.height() - 2) / rect.height())
        self.set_zoom(factor)
        self.centerOn(rect.center())

    def copy_selection(self) -> None:
        self.editing.copy(self.selection().cards)

    def cut_selection(self) -> None:
        cards = self.selection().cards
        if self.editing.copy(cards):
            self.document.remove_cards(cards)

    def paste(self) -> None:
        selection = self.selection()
        cell = selection.cell
        if cell is None and selection.cards:
            card = self.document.card(selection.cards[-1])
            cell = (card.stage_id, card.lane_id)
        if cell is not None and not self.editing.can_hold_cards(cell[1]):
            lane = self.document.journey.lane(cell[1]).name
            self.notice.emit(f"Nothing pasted: the '{lane}' lane holds the emotion curve, not cards "
                             "(choose another cell)")
            return
        ids = self.editing.paste(cell)
        if ids:
            self.map_scene.select_cards(ids)

    def delete_selection(self) -> None:
        selection = self.selection()
        if selection.cards:
            self.document.remove_cards(selection.cards)
        elif selection.emotion:
            self.document.remove_emotion(*selection.emotion)
        elif selection.stage_id or selection.lane_id:
            self._delete_header("stage" if selection.stage_id else "lane", selection.stage_id or selection.lane_id)
        elif selection.phase_id:
            self.document.remove_phase(selection.phase_id)

    def duplicate_selection(self) -> None:
        ids = self.document.duplicate_cards(self.selection().cards)
        if ids:
            self.map_scene.select_cards(ids)

    def select_all(self) -> None:
        self.map_scene.select_cards(list(self.map_scene.cards))

    def edit_selection(self) -> None:
        selection = self.selection()
        if selection.cards:
            self.editing.edit_card(selection.cards[-1])
        elif selection.stage_id:
            self.editing.rename_stage(selection.stage_id)
        elif selection.lane_id:
            self.editing.rename_lane(selection.lane_id)
        elif selection.phase_id:
            self.editing.rename_phase(selection.phase_id)
        elif selection.cell:
            self.editing.new_card(selection.cell)

    def render_to_image(self, path: Path | str) -> None:
        from app.io.image.export import write_png

        write_png(self.document.journey, Path(path))

    # --- frozen headers -------------------------------------------------------------------------

    def _pin_headers(self, *_args) -> None:
        top_left = self.mapToScene(0, 0)
        x, y = max(0.0, top_left.x()), max(0.0, top_left.y())
        scene = self.map_scene
        scene.stage_bar.setPos(0, y)
        scene.lane_bar.setPos(x, 0)
        scene.corner.setPos(x, y)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt's name
        super().scrollContentsBy(dx, dy)
        self._pin_headers()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._pin_headers()

    # --- hit testing ----------------------------------------------------------------------------

    def hit(self, scene_pos: QPointF) -> tuple[str, object]:
        """What is under a scene point: ("corner"|"phase"|"stage"|"lane"|"point"|"card"|"cell"|"none", id)."""
        scene = self.map_scene
        layout = scene.layout
        frame = layout.frame
        bar_y, bar_x = scene.stage_bar.y(), scene.lane_bar.x()
        in_stage_bar = bar_y <= scene_pos.y() < bar_y + frame.header_height
        in_lane_bar = bar_x <= scene_pos.x() < bar_x + frame.lane_header_width
        if in_stage_bar and in_lane_bar:
            return ("corner", None)
        if in_stage_bar:
            local_y = scene_pos.y() - bar_y
            for phase in frame.phases:
                if phase.rect.contains(scene_pos.x(), local_y):
                    return ("phase", phase.phase_id)
            for header in frame.stage_headers:
                if header.rect.contains(scene_pos.x(), local_y):
                    return ("stage", header.stage_id)
            return ("none", None)
        if in_lane_bar:
            local_x = scene_pos.x() - bar_x
            for lane_id, header in layout.lane_headers.items():
                if header.rect.contains(local_x, scene_pos.y()):
                    return ("lane", lane_id)
            return ("none", None)
        for item in scene.items(scene_pos):
            if isinstance(item, EmotionPointItem) and item.face_contains(scene_pos.x(), scene_pos.y()):
                return ("point", (item.lane_id, item.stage_id))
            if isinstance(item, CardItem):
                return ("card", item.card_id)
        cell = layout.cell_at(scene_pos.x(), scene_pos.y())
        return ("cell", cell) if cell else ("none", None)

    # --- mouse ----------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._settle_zoom()
        pos = self.mapToScene(event.position().toPoint())
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space_down
        ):
            self._drag, self._pan_from = "pan", event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if event.button() == Qt.MouseButton.RightButton:
            # Select what is under the mouse for its menu; the scene would clear the selection.
            if self.editing.active:
                self.editing.editor.commit()
            self._select_for_context(pos)
            self.setFocus()
            event.accept()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        if self.editing.active:
            self.editing.editor.commit()
        kind, target = self.hit(pos)
        self._press, self._drag, self._drag_target = pos, None, (kind, target)
        modifiers = event.modifiers()
        scene = self.map_scene
        if kind in ("stage", "lane", "phase"):
            scene.select_header(kind, target)
        elif kind == "point":
            scene.select_emotion(*target)
        elif kind == "card":
            item = scene.cards[target]
            if modifiers & Qt.KeyboardModifier.ControlModifier:
                item.setSelected(not item.isSelected())
            elif modifiers & Qt.KeyboardModifier.ShiftModifier:
                item.setSelected(True)
            elif not item.isSelected():
                scene.select_cards([target])
            else:
                card = self.document.card(target)
                scene.set_cell((card.stage_id, card.lane_id), keep_cards=True)
        elif kind == "cell" and self._pick_legend_persona(target, pos):
            pass  # a click on a persona's name in the lane's legend: its curve is the one edited now
        elif kind == "cell":
            if not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                scene.set_cell(target)
            self._maybe_add_emotion_point(target, pos)
            super().mousePressEvent(event)  # rubber band
        else:
            super().mousePressEvent(event)
        self.setFocus()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag == "pan" and self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            return
        pos = self.mapToScene(event.position().toPoint())
        self._show_hint(pos if not event.buttons() else None)
        if self._press is not None and self._drag is None and event.buttons() & Qt.MouseButton.LeftButton:
            distance = (pos - self._press).manhattanLength() * self.zoom()
            kind = self._drag_target[0] if self._drag_target else None
            if distance >= QApplication.startDragDistance() and kind in ("card", "stage", "lane", "point"):
                self._start_drag(kind)
        if self._drag == "cards":
            self._drag_cards(pos)
        elif self._drag in ("stage", "lane"):
            self._drag_header(pos)
        elif self._drag == "point":
            self._drag_point(pos)
        else:
            super().mouseMoveEvent(event)

    def _show_hint(self, pos: QPointF | None) -> None:
        """A faint "+ type to add" in the empty cell under the mouse (none while editing or dragging)."""
        hint = self.map_scene.hint
        cell = None
        if pos is not None and not self.editing.active:
            kind, target = self.hit(pos)
            stack = self.map_scene.layout.stacks.get(target) if kind == "cell" else None
            if kind == "cell" and self.editing.can_hold_cards(target[1]) and not (stack and stack.card_ids) \
                    and target[1] not in self.map_scene.layout.kpi_lanes:  # a KPI lane shows its bars there
                cell = target
        if cell is None:
            hint.setVisible(False)
            return
        x, y, _w, _h = self.map_scene.layout.cell_rect(*cell)
        hint.setPos(x + theme.CELL_PADDING, y + self.map_scene.layout.lane_tops.get(cell[1], 0.0)
                    + theme.CELL_PADDING)
        if hint.font().pixelSize() != theme.CARD_FONT_SIZE:  # the text size changed
            hint.setFont(layout_font(theme.CARD_FONT_SIZE))
        hint.setVisible(True)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self.map_scene.hint.setVisible(False)
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        drag, self._drag = self._drag, None
        pos = self.mapToScene(event.position().toPoint())
        self._press = None
        if drag == "pan":
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space_down else Qt.CursorShape.ArrowCursor)
            return
        self.map_scene.drop_marker.setVisible(False)
        if drag == "cards":
            self._drop_cards(pos)
        elif drag in ("stage", "lane"):
            self._drop_header(drag, pos)
        elif drag == "point":
            self._drop_point(pos)
        elif drag != "cancelled":  # Esc during the drag: letting go changes nothing
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = self.mapToScene(event.position().toPoint())
        kind, target = self.hit(pos)
        if kind == "cell" and not self.editing.can_hold_cards(target[1]):
            self.map_scene.set_cell(target)  # an emotions lane holds points, not text cards
            self._maybe_add_emotion_point(target, pos)
            return
        if kind == "card":
            self.map_scene.select_cards([target])
            self.editing.edit_card(target, at=pos)  # the caret where the text was clicked
        elif kind == "cell":
            self.map_scene.set_cell(target)
            self.editing.new_card(target)
        elif kind == "stage":
            self.editing.rename_stage(target)
        elif kind == "lane":
            self.editing.rename_lane(target)
        elif kind == "phase":
            self.editing.rename_phase(target)

    # --- zoom and gestures -------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_interactively(self.zoom() * (ZOOM_STEP ** steps), event.position())
            return
        self._settle_zoom()
        if self._wheel_sideways(event):
            return
        super().wheelEvent(event)

    def _wheel_sideways(self, event: QWheelEvent) -> bool:
        """Shift+wheel scrolls a map wider than the window sideways, and so does the plain wheel when there is
        nothing to scroll up or down (a mouse without a side wheel had no way but the scroll bar)."""
        across, down = self.horizontalScrollBar(), self.verticalScrollBar()
        delta = event.angleDelta()
        sideways = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier) or down.maximum() == down.minimum()
        if not delta.y() or delta.x() or not sideways or across.maximum() == across.minimum():
            return False
        step = QApplication.wheelScrollLines() * across.singleStep() * delta.y() / 120
        across.setValue(across.value() - round(step))
        event.accept()
        return True

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Items that paint big areas (the grid, emotions lanes) read the region being repainted here."""
        self.paint_region = event.region()
        try:
            super().paintEvent(event)
        finally:
            self.paint_region = None

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.NativeGesture and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.zoom_interactively(self.zoom() * (1 + event.value()), event.position())
            return True
        if event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if pinch is not None:
                self.zoom_interactively(self.zoom() * pinch.scaleFactor(),
                                        self.viewport().mapFromGlobal(pinch.hotSpot().toPoint()).toPointF())
                return True
        return super().viewportEvent(event)

    # --- context menu ---------------------------------------------------------------------------

    def _select_for_context(self, pos: QPointF) -> None:
        kind, target = self.hit(pos)
        scene = self.map_scene
        if kind in ("stage", "lane", "phase"):
            scene.select_header(kind, target)
        elif kind == "point":
            scene.select_emotion(*target)
        elif kind == "card" and target not in self.selection().cards:
            scene.select_cards([target])
        elif kind == "cell":
            scene.set_cell(target)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        """The mouse's menu opens where it was clicked; the keyboard's (Menu key) at the selection."""
        if event.reason() == event.Reason.Mouse:
            self.open_context_menu(event.globalPos())
        else:
            self.open_context_menu()
        event.accept()

    def open_context_menu(self, global_pos=None):
        """The menu of what is selected, at `global_pos` or else beside the selection (Menu key, Shift+F10)."""
        from app.widgets.canvas_menus import build_context_menu, selection_anchor

        menu = build_context_menu(self)
        if menu is None or menu.isEmpty():
            return None
        if global_pos is None:
            global_pos = self.viewport().mapToGlobal(selection_anchor(self))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context_menu = menu
        menu.popup(global_pos)
        return menu

    def _on_selection(self, selection: Selection) -> None:
        self.selectionChanged.emit(selection)
        self.setAccessibleDescription(describe_selection(self.document, selection))
