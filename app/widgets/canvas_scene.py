"""MapScene: the canvas's items, kept in step with the document through its signals.

Card edits re-lay out only the touched cells (CanvasLayout.update_cells) and touch only the
items whose box or position changed; structure changes rebuild the layout but reuse items.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSimpleTextItem

from app.document import JourneyDocument
from app.layout import theme
from app.layout.incremental import CanvasLayout, live_blueprint_lines, live_lane_groups
from app.model.personas import card_shown
from app.painters.qt_fonts import layout_font
from app.painters.qt_painter import qcolor
from app.widgets.canvas_emotion_items import EmotionLaneItem, EmotionPointItem
from app.widgets.canvas_items import (
    Z_CURSOR,
    Z_DRAG,
    CardItem,
    CornerItem,
    GridItem,
    HeaderBarItem,
    MarkerItem,
    RowItem,
)
from app.widgets.plain_text import plain_tooltip
from app.widgets.selection import Selection

SCENE_MARGIN = 40.0


class MapScene(QGraphicsScene):
    canvasSelectionChanged = Signal(object)  # Selection  # noqa: N815
    relaidOut = Signal()  # geometry changed: the view re-pins its headers  # noqa: N815

    def __init__(self, document: JourneyDocument, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.layout = CanvasLayout(document.visible_journey(), build=False, cards_in=self._visible_cards_in)
        # No spatial index: moving a row would make Qt re-index every card in it and below. Drawing
        # and hit testing walk the top-level items instead, skipping the rows out of view whole.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.cards: dict[str, CardItem] = {}
        self.rows: dict[str, RowItem] = {}  # lane id -> the parent of its cards
        self.emotion_lanes: dict[str, EmotionLaneItem] = {}
        self.points: dict[tuple[str, str], EmotionPointItem] = {}
        self.grid = GridItem(self)
        self.stage_bar = HeaderBarItem(self, "stages")
        self.lane_bar = HeaderBarItem(self, "lanes")
        self.corner = CornerItem(self)
        self.cursor = MarkerItem(Z_CURSOR, theme.SELECTION, 2.0, dashed=True)
        self.drop_marker = MarkerItem(Z_DRAG, theme.SELECTION, 0.0)
        self.hint = QGraphicsSimpleTextItem("+ type to add")  # shown in the empty cell under the mouse
        self.hint.setFont(layout_font(theme.CARD_FONT_SIZE))
        self.hint.setBrush(qcolor(theme.CARD_MUTED_TEXT))
        self.hint.setOpacity(0.6)
        self.hint.setZValue(Z_CURSOR)
        self.hint.setVisible(False)
        self.hint.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        for item in (self.grid, self.stage_bar, self.lane_bar, self.corner, self.cursor, self.drop_marker, self.hint):
            self.addItem(item)
        self._cell: tuple[str, str] | None = None
        self._header: tuple[str, str] | None = None  # ("stage" | "lane" | "phase", id)
        self._emotion: tuple[str, str] | None = None
        self._suppress = False
        self.selectionChanged.connect(self._on_item_selection_changed)
        document.replaced.connect(self.rebuild)
        document.structureChanged.connect(self.rebuild)
        document.cardsChanged.connect(self._on_cards_changed)
        document.emotionsChanged.connect(self._on_emotions_changed)
        document.metadataChanged.connect(self.corner.update)
        document.personaChanged.connect(self._on_personas_changed)
        document.personaFilterChanged.connect(self.rebuild)
        document.activePersonaChanged.connect(self._on_active_persona_changed)
        self._persona_looks: tuple = ()
        self.rebuild()

    # --- keeping up with the document --------------------------------------------------------

    def rebuild(self) -> None:
        """Lay out everything again; items are reused by id."""
        self.layout.content = self.document.visible_journey()
        self.layout.main_persona = self.document.active_persona_id
        self._persona_looks = self._looks()
        self.layout.rebuild()
        alive = set(self.layout.local)
        self._suppress = True
        for card_id in [i for i in self.cards if i not in alive]:
            self.removeItem(self.cards.pop(card_id))
        self._suppress = False
        for card_id in alive:
            self._place_card(card_id)
        for lane_id in [i for i in self.rows if i not in self.layout.row_y]:
            self.removeItem(self.rows.pop(lane_id))  # its cards have moved to other rows or are gone
        for lane_id in self.rows:
            self._move_row(lane_id)
        self._sync_emotions(set(self.emotion_lanes) | set(self.layout.emotion_lanes))
        self._validate_selection()
        self._geometry_changed()

    def _visible_cards_in(self, stage_id: str, lane_id: str) -> list:
        """A cell's cards from the document's index, less those the persona filter hides."""
        cards = self.document.cards_in(stage_id, lane_id)
        shown = set(self.document.persona_filter)
        return cards if not shown else [card for card in cards if card_shown(card, shown)]

    def _looks(self) -> tuple:
        """What of the personas the canvas draws: their order, names, colours, and which cards are whose."""
        journey = self.document.journey
        return (tuple((p.id, p.name, p.color) for p in journey.personas), self.document.persona_filter)

    def _on_personas_changed(self) -> None:
        if self._looks() != self._persona_looks:
            self.rebuild()

    def _on_cards_changed(self, cells: set[tuple[str, str]]) -> None:
        self.hint.setVisible(False)  # the cell under it may hold a card now
        if self.document.persona_filter:  # the filtered view is a copy: take the new one
            self.layout.content = self.document.visible_journey()
        delta = self.layout.update_cells(cells)
        self._suppress = True
        for card_id in delta.removed_cards:
            item = self.cards.pop(card_id, None)
            if item is not None:
                self.removeItem(item)
        self._suppress = False
        for card_id in delta.cards:
            self._place_card(card_id)
        for card_id in delta.moved - delta.cards:
            self.cards[card_id].setPos(*self.layout.card_offset(card_id))
        if len(delta.rows) > 1:
            # Rows move: repaint the whole view once rather than have Qt work out, card by card, what
            # each moved row's cards uncovered (that visits every card of every moved row).
            self.update()
        for lane_id in delta.rows:
            if lane_id in self.rows:
                self._move_row(lane_id)
        for lane_id, dy in delta.emotion_shifts.items():
            if lane_id in self.emotion_lanes:
                self.emotion_lanes[lane_id].shift(dy)
        changed = {lane_id for lane_id in delta.emotion_lanes
                   if lane_id not in delta.emotion_shifts or lane_id not in self.emotion_lanes}
        if changed:
            self._sync_emotions(changed)
        if delta.rows:
            self._geometry_changed(rows_only=True)
        if delta.removed_cards:
            self._emit_selection()

    def refresh_cells(self, cells: set[tuple[str, str]]) -> None:
        """Lay out these cells again (the room kept for an editor changed)."""
        self._on_cards_changed(cells)

    def _on_active_persona_changed(self) -> None:
        """Another persona's curve is the one to edit: it is drawn in front, with the full-size faces."""
        self._on_emotions_changed(set(self.layout.emotion_lanes))

    def _on_emotions_changed(self, lane_ids: set[str]) -> None:
        if self.document.persona_filter:
            self.layout.content = self.document.visible_journey()
        self.layout.main_persona = self.document.active_persona_id
        self.layout.update_emotions(lane_ids)
        self._sync_emotions(lane_ids)
        self._validate_selection()

    def _place_card(self, card_id: str) -> None:
        box = self.layout.card_box(card_id)
        item = self.cards.get(card_id)
        if item is None:
            item = CardItem(card_id, box)
            self.cards[card_id] = item
        else:
            item.set_box(box)
        row = self._row(self.layout.card_lane[card_id])
        block = row.block(self.layout.stage_index[self.layout.local[card_id].stage_id])
        if item.parentItem() is not block:
            item.setParentItem(block)
        item.setPos(*self.layout.card_offset(card_id))
        note = self.document.card(card_id).note
        if note or item.toolTip():
            item.setToolTip(plain_tooltip(note))

    def _row(self, lane_id: str) -> RowItem:
        row = self.rows.get(lane_id)
        if row is None:
            row = self.rows[lane_id] = RowItem(lane_id)
            self._move_row(lane_id)
            self.addItem(row)
        return row

    def _move_row(self, lane_id: str) -> None:
        row = self.rows[lane_id]
        row.setPos(0, self.layout.row_y[lane_id])
        row.set_size(self.layout.width, self.layout.row_h[lane_id], self.layout.frame.lane_header_width)

    def card_item_pos(self, card_id: str) -> tuple[float, float]:
        """Where a card item sits in its row (what `setPos` takes to put it back in its place)."""
        return self.layout.card_offset(card_id)

    def _sync_emotions(self, lane_ids: set[str]) -> None:
        for lane_id in lane_ids:
            box = self.layout.emotion_lanes.get(lane_id)
            wanted = {(lane_id, p.stage_id): p for p in (box.points if box else ())}
            for key in [k for k in self.points if k[0] == lane_id and k not in wanted]:
                self.removeItem(self.points.pop(key))
            lane_item = self.emotion_lanes.get(lane_id)
            if box is None:
                if lane_item is not None:
                    self._remove_emotion_lane(lane_id)
                continue
            if lane_item is None:
                lane_item = self.emotion_lanes[lane_id] = EmotionLaneItem(lane_id, box)
                self.addItem(lane_item)
                self.addItem(lane_item.faces)
            else:
                lane_item.set_box(box)
            emotion = self.layout.content.emotion_lookup() if wanted else None
            for key, point in wanted.items():
                if key in self.points:
                    self.points[key].set_point(point)
                else:
                    self.points[key] = EmotionPointItem(point)
                    self.points[key].setParentItem(lane_item.faces)
                self.points[key].selected_point = key == self._emotion
                model = emotion(lane_id, point.stage_id, point.persona_id) if emotion else None
                self.points[key].set_tip(point.value, model.label if model else None, model.note if model else "")
        # Lanes that are gone entirely, and their points.
        for lane_id in [i for i in self.emotion_lanes if i not in self.layout.emotion_lanes]:
            self._remove_emotion_lane(lane_id)

    def _remove_emotion_lane(self, lane_id: str) -> None:
        for key in [k for k in self.points if k[0] == lane_id]:
            self.removeItem(self.points.pop(key))
        lane_item = self.emotion_lanes.pop(lane_id)
        self.removeItem(lane_item.faces)
        self.removeItem(lane_item)

    def _geometry_changed(self, rows_only: bool = False) -> None:
        """Rows only: rows moved or resized; the stage headers and the corner are as they were."""
        self.grid.relayout()
        if not rows_only:
            self.stage_bar.relayout()
            self.corner.relayout()
        self.lane_bar.relayout()
        self.setSceneRect(QRectF(-SCENE_MARGIN, -SCENE_MARGIN, self.layout.width + 2 * SCENE_MARGIN,
                                 self.layout.height + 2 * SCENE_MARGIN))
        self._show_cursor()
        self.relaidOut.emit()

    def lane_group_boxes(self):
        return live_lane_groups(self.layout)

    def blueprint_lines(self):
        return live_blueprint_lines(self.layout)

    # --- selection ---------------------------------------------------------------------------

    def selection(self) -> Selection:
        order = {card.id: i for i, card in enumerate(self.document.journey.cards)}
        cards = tuple(sorted((item.card_id for item in self.selectedItems()
                              if isinstance(item, CardItem) and item.card_id in order),
                             key=lambda i: order[i]))
        header_kind, header_id = self._header or (None, None)
        return Selection(
            cards=cards,
            stage_id=header_id if header_kind == "stage" else None,
            lane_id=header_id if header_kind == "lane" else None,
            phase_id=header_id if header_kind == "phase" else None,
            emotion=self._emotion,
            cell=self._cell,
        )

    def set_cell(self, cell: tuple[str, str] | None, keep_cards: bool = False) -> None:
        self._suppress = True
        if not keep_cards:
            self.clearSelection()
        self._header = None
        self._set_emotion(None)
        self._suppress = False
        self._cell = cell
        self._show_cursor()
        self._sync_headers()
        self._emit_selection()

    def select_cards(self, card_ids: list[str], add: bool = False) -> None:
        self._suppress = True
        if not add:
            self.clearSelection()
        for card_id in card_ids:
            if card_id in self.cards:
                self.cards[card_id].setSelected(True)
        self._header = None
        self._set_emotion(None)
        self._suppress = False
        if card_ids and card_ids[-1] in self.cards:
            card = self.document.card(card_ids[-1])
            self._cell = (card.stage_id, card.lane_id)
            self._show_cursor()
        self._sync_headers()
        self._emit_selection()

    def select_header(self, kind: str, item_id: str) -> None:
        self._suppress = True
        self.clearSelection()
        self._set_emotion(None)
        self._suppress = False
        self._header = (kind, item_id)
        self._show_cursor()
        self._sync_headers()
        self._emit_selection()

    def select_emotion(self, lane_id: str, stage_id: str) -> None:
        self._suppress = True
        self.clearSelection()
        self._suppress = False
        self._header = None
        self._set_emotion((lane_id, stage_id))
        self._cell = (stage_id, lane_id)
        self._show_cursor()
        self._sync_headers()
        self._emit_selection()

    def _set_emotion(self, key: tuple[str, str] | None) -> None:
        for point_key in {self._emotion, key} - {None}:
            item = self.points.get(point_key)
            if item is not None:
                item.selected_point = point_key == key
                item.update()
        self._emotion = key

    def _sync_headers(self) -> None:
        kind, item_id = self._header or (None, None)
        self.stage_bar.selected_id = item_id if kind in ("stage", "phase") else None
        self.lane_bar.selected_id = item_id if kind == "lane" else None
        self.stage_bar.update()
        self.lane_bar.update()

    def _show_cursor(self) -> None:
        if self._cell is None or self._cell[0] not in self.layout.stage_index or self._cell[1] not in self.layout.row_y:
            self._cell = None
            self.cursor.setVisible(False)
            return
        if self._header is not None:  # a stage or lane header has the keyboard: the cell waits, unmarked
            self.cursor.setVisible(False)
            return
        x, y, w, h = self.layout.cell_rect(*self._cell)
        self.cursor.show_rect(QRectF(x + 2, y + 2, w - 4, h - 4))

    def _validate_selection(self) -> None:
        journey = self.document.journey
        kind, item_id = self._header or (None, None)
        ids = {"stage": {s.id for s in journey.stages}, "lane": {lane.id for lane in journey.lanes},
               "phase": {p.id for p in journey.phases}}
        if kind is not None and item_id not in ids[kind]:
            self._header = None
        if self._emotion is not None and self._emotion not in self.points:
            self._emotion = None
        self._show_cursor()
        self._sync_headers()
        self._emit_selection()

    def _on_item_selection_changed(self) -> None:
        if not self._suppress:
            self._header = None
            self._set_emotion(None)
            self._sync_headers()
            self._emit_selection()

    def _emit_selection(self) -> None:
        self.canvasSelectionChanged.emit(self.selection())
