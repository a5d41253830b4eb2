"""The canvas's keyboard: the cell cursor, quick capture, voting, nudging cards, Tab through a cell's cards.

Mixed into MapView (app/widgets/canvas.py); every edit goes through the document.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from app.command_names import quote
from app.layout import theme


class CanvasKeysMixin:
    """The keys of MapView; uses its scene, document, editing and zoom."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not (event.matches(QKeySequence.StandardKey.ZoomIn) or event.matches(QKeySequence.StandardKey.ZoomOut)):
            self._settle_zoom()
        if self.editing.active:
            super().keyPressEvent(event)
            return
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape and self.cancel_drag():
            return
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        selection = self.selection()
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and modifiers & Qt.KeyboardModifier.ShiftModifier):
            self.open_context_menu()
            return
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self._jump(key == Qt.Key.Key_End, ctrl)
            return
        if key in arrows and ctrl and selection.cards:
            self._nudge_cards(selection.cards, *arrows[key])
        elif key in arrows and ctrl and (selection.stage_id or selection.lane_id):
            self._move_selected_header(*arrows[key])
        elif key in arrows and selection.emotion and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            lane_id, stage_id = selection.emotion
            point = self.document.emotion(lane_id, stage_id)
            box = self.map_scene.layout.emotion_lanes[lane_id]
            step = 1.0 if box.scale_max - box.scale_min <= 10 else (box.scale_max - box.scale_min) / 20
            self.document.set_emotion(lane_id, stage_id, point.value + (step if key == Qt.Key.Key_Up else -step),
                                      merge=True)
        elif key in arrows:
            self._move_cursor(*arrows[key])
        elif (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and selection.cell and not selection.cards
              and not selection.emotion and not self.editing.can_hold_cards(selection.cell[1])):
            self._emotion_by_keyboard(*selection.cell)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.edit_selection()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selection()
        elif key == Qt.Key.Key_Escape:
            self.map_scene.set_cell(selection.cell)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and selection.cards and not ctrl:
            self._vote(selection.cards, 1)
        elif key == Qt.Key.Key_Minus and selection.cards and not ctrl:
            self._vote(selection.cards, -1)
        elif (event.text() and event.text().isprintable() and not ctrl and not selection.cards
              and (selection.stage_id or selection.lane_id or selection.phase_id)
              and not (modifiers & Qt.KeyboardModifier.AltModifier)):
            self._rename_by_typing(event.text())  # a header chosen: typing renames it (it added a card elsewhere)
        elif (event.text() and event.text().isprintable() and not ctrl and (selection.cell or selection.is_empty)
              and not selection.cards and not (modifiers & Qt.KeyboardModifier.AltModifier)):
            cell = selection.cell or self._first_card_cell()  # nothing chosen yet: the map's first cell
            if cell is not None:
                self.map_scene.set_cell(cell)
                self.editing.new_card(cell, event.text())  # quick capture: just start typing
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Undo):
            self.document.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.document.undo_stack.redo()
        elif event.matches(QKeySequence.StandardKey.ZoomIn):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_out()
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next_child: bool) -> bool:  # noqa: N802 - Qt's name
        """While editing on the canvas, Tab belongs to the editor (quick capture: next lane); else Tab /
        Shift+Tab step through the cards of the cursor's cell (to vote, edit or move one without a mouse)."""
        if self.editing.active:
            return False
        if self._step_card(1 if next_child else -1):
            return True
        return super().focusNextPrevChild(next_child)

    def _step_card(self, step: int) -> bool:
        """Select the next / previous card of the cursor's cell; past either end, the cell itself.
        False (Tab moves focus on as usual) when the cell has no cards."""
        selection = self.selection()
        if selection.cell is None:
            return False
        order = [c.id for c in self.document.cards_in(*selection.cell) if c.id in self.map_scene.cards]
        if not order:
            return False
        current = order.index(selection.cards[-1]) if selection.cards and selection.cards[-1] in order else None
        index = (0 if step > 0 else len(order) - 1) if current is None else current + step
        if 0 <= index < len(order):
            self.map_scene.select_cards([order[index]])
            self.ensureVisible(self.map_scene.cards[order[index]].sceneBoundingRect(), 40, 40)
        else:
            self.map_scene.set_cell(selection.cell)
        return True

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            return
        super().keyReleaseEvent(event)

    def _first_card_cell(self) -> tuple[str, str] | None:
        """The first stage's first lane that takes text cards (not an emotions lane)."""
        journey = self.document.journey
        lanes = [lane.id for lane in journey.lanes if self.editing.can_hold_cards(lane.id)]
        return (journey.stages[0].id, lanes[0]) if journey.stages and lanes else None

    def _emotion_by_keyboard(self, stage_id: str, lane_id: str) -> None:
        """Enter on a stage of an emotions lane: its face selected (Up / Down then move it, Delete removes it), a
        new one in the middle of the scale when the stage has none. The curve took the mouse before."""
        if self.document.emotion(lane_id, stage_id) is None:
            scale = self.document.journey.emotion_scale
            span = scale.max - scale.min
            step = 1.0 if span <= 10 else span / 20
            self.document.set_emotion(lane_id, stage_id, scale.min + round(span / 2 / step) * step)
        if self.document.emotion(lane_id, stage_id) is not None:
            self.map_scene.select_emotion(lane_id, stage_id)

    def _rename_by_typing(self, text: str) -> None:
        """Start renaming the selected header with what was typed in place of its name."""
        self.edit_selection()
        editor = self.editing.editor
        if editor is not None:
            cursor = editor.textCursor()
            cursor.insertText(text)
            editor.setTextCursor(cursor)

    def _move_header(self, dx: int, dy: int) -> bool:
        """Arrows on a selected stage or lane header: along the headers, or back into the grid (Down from a stage,
        Right from a lane). False when no header is selected."""
        journey = self.document.journey
        selection = self.selection()
        if selection.stage_id:
            index = journey.stage_index(selection.stage_id)
            if dy > 0:
                self._go_to_cell((selection.stage_id, journey.lanes[0].id))
            elif dx and 0 <= index + dx < len(journey.stages):
                self._go_to_header("stage", journey.stages[index + dx].id)
            return True
        if selection.lane_id:
            index = journey.lane_index(selection.lane_id)
            if dx > 0:
                self._go_to_cell((journey.stages[0].id, selection.lane_id))
            elif dy and 0 <= index + dy < len(journey.lanes):
                self._go_to_header("lane", journey.lanes[index + dy].id)
            return True
        return False

    def _delete_header(self, kind: str, item_id: str) -> None:
        """Delete a selected stage or lane (never the last one) and say what went with it: a stage gone at a
        keypress took its cards with it without a word on screen."""
        journey = self.document.journey
        if len(journey.stages if kind == "stage" else journey.lanes) < 2:
            return
        name = (journey.stage(item_id) if kind == "stage" else journey.lane(item_id)).name
        key = "stage_id" if kind == "stage" else "lane_id"
        cards = sum(1 for card in journey.cards if getattr(card, key) == item_id)
        points = sum(1 for point in journey.emotions if getattr(point, key) == item_id)
        getattr(self.document, f"remove_{kind}")(item_id)
        went = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in ((cards, "card"), (points, "emotion point")) if n]
        self.notice.emit(f"Deleted {kind} {quote(name)}" + (f" with its {' and '.join(went)}" if went else "")
                         + " (Ctrl+Z brings it back)")

    def _move_selected_header(self, dx: int, dy: int) -> None:
        """Ctrl+Left / Ctrl+Right move a selected stage, Ctrl+Up / Ctrl+Down a selected lane (as Ctrl+arrows move
        cards); the header stays selected, to move it on."""
        journey = self.document.journey
        selection = self.selection()
        kind, item_id, step = ("stage", selection.stage_id, dx) if selection.stage_id else \
            ("lane", selection.lane_id, dy)
        items = journey.stages if kind == "stage" else journey.lanes
        index = [item.id for item in items].index(item_id) + step
        if not step or not 0 <= index < len(items):
            return
        if kind == "stage":
            self.document.move_stage(item_id, index)
        else:
            self.document.move_lane(item_id, index)
        self._go_to_header(kind, item_id)

    def _go_to_header(self, kind: str, item_id: str) -> None:
        self.map_scene.select_header(kind, item_id)
        layout = self.map_scene.layout
        if kind == "stage":
            x = layout.column_x(item_id)
            self.ensureVisible(QRectF(x, self.mapToScene(0, 0).y(), theme.STAGE_WIDTH, 1), 40, 0)
        else:
            _, y, _, h = layout.cell_rect(self.document.journey.stages[0].id, item_id)
            self.ensureVisible(QRectF(self.mapToScene(0, 0).x(), y, 1, min(h, 200)), 0, 40)
        self._pin_headers()

    def _go_to_cell(self, cell: tuple[str, str]) -> None:
        self.map_scene.set_cell(cell)
        x, y, w, h = self.map_scene.layout.cell_rect(*cell)
        self.ensureVisible(QRectF(x, y, w, min(h, self.viewport().height() / self.zoom() * 0.8)), 40, 40)
        self._pin_headers()

    def _move_cursor(self, dx: int, dy: int) -> None:
        journey = self.document.journey
        if not journey.stages or not journey.lanes:
            return
        selection = self.selection()
        if not selection.cards and self._move_header(dx, dy):
            return
        if selection.cell is not None and not selection.cards:  # off the grid's top or left edge: onto a header
            stage_index, lane_index = journey.stage_index(selection.cell[0]), journey.lane_index(selection.cell[1])
            if dy < 0 and lane_index == 0:
                self._go_to_header("stage", selection.cell[0])
                return
            if dx < 0 and stage_index == 0:
                self._go_to_header("lane", selection.cell[1])
                return
        if selection.cell is None:  # no cursor yet: the first arrow puts it on the selected header's first cell, or
            # the map's first cell (it used to step from there, so Right went to the second stage at once)
            new_cell = (selection.stage_id or journey.stages[0].id, selection.lane_id or journey.lanes[0].id)
        else:
            cell = selection.cell
            stage_index = max(0, min(len(journey.stages) - 1, journey.stage_index(cell[0]) + dx))
            lane_index = max(0, min(len(journey.lanes) - 1, journey.lane_index(cell[1]) + dy))
            new_cell = (journey.stages[stage_index].id, journey.lanes[lane_index].id)
        self.map_scene.set_cell(new_cell)
        x, y, w, h = self.map_scene.layout.cell_rect(*new_cell)
        self.ensureVisible(QRectF(x, y, w, min(h, self.viewport().height() / self.zoom() * 0.8)), 40, 40)
        self._pin_headers()

    def _nudge_cards(self, card_ids: tuple[str, ...], dx: int, dy: int) -> None:
        """Ctrl+arrows: up/down within the cell and on past its top or bottom into the lane above or below
        (the first lane that takes cards: an emotions lane is stepped over), left/right to the neighbouring stage."""
        journey = self.document.journey
        first = self.document.card(card_ids[0])
        cell = (first.stage_id, first.lane_id)
        if dx:
            index = journey.stage_index(first.stage_id) + dx
            if not 0 <= index < len(journey.stages):
                return
            target = (journey.stages[index].id, first.lane_id)
            position = len(self.document.cards_in(*target))
        else:
            target = cell
            order = [c.id for c in self.document.cards_in(*cell) if c.id not in card_ids]
            current = [c.id for c in self.document.cards_in(*cell)].index(card_ids[0])
            position = current + dy
            if not 0 <= position <= len(order):  # past the cell's edge: into the next lane that takes cards
                lanes = [lane.id for lane in journey.lanes if self.editing.can_hold_cards(lane.id)]
                at = lanes.index(first.lane_id) + dy if first.lane_id in lanes else -1
                if not 0 <= at < len(lanes):
                    return
                target = (first.stage_id, lanes[at])
                position = 0 if dy > 0 else len(self.document.cards_in(*target))
        self.document.move_cards(list(card_ids), target[0], target[1], position, nudge=True)
        self.map_scene.select_cards(list(card_ids))
        item = self.map_scene.cards.get(card_ids[0])
        if item is not None:  # the moved card stays in sight, as the cell cursor does
            self.ensureVisible(item.sceneBoundingRect(), 40, 40)
            self._pin_headers()

    def _vote(self, card_ids: tuple[str, ...], step: int) -> None:
        what = quote(self.document.card(card_ids[0]).text) if len(card_ids) == 1 else f"{len(card_ids)} cards"
        self.document.undo_stack.beginMacro(f"Vote for {what}" if step > 0 else f"Remove a vote from {what}")
        for card_id in card_ids:
            card = self.document.card(card_id)
            self.document.edit_card(card_id, votes=max(0, card.votes + step))
        self.document.undo_stack.endMacro()

    def _jump(self, to_end: bool, whole_map: bool) -> None:
        """Home/End: first/last stage of the current lane; with Ctrl, the map's first/last cell."""
        journey = self.document.journey
        if not journey.stages or not journey.lanes:
            return
        cell = self.selection().cell or (journey.stages[0].id, journey.lanes[0].id)
        stage = journey.stages[-1 if to_end else 0].id
        lane = journey.lanes[-1 if to_end else 0].id if whole_map else cell[1]
        self.map_scene.set_cell((stage, lane))
        if not to_end:
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
            if whole_map:
                self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        x, y, w, h = self.map_scene.layout.cell_rect(stage, lane)
        self.ensureVisible(QRectF(x, y, w, min(h, self.viewport().height() / self.zoom() * 0.8)), 40, 40)
        self._pin_headers()
