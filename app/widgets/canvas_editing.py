"""Text editing on the canvas (cards, stage/lane/phase names, quick capture) and the clipboard.

All changes go through the document's public methods; this module only decides what to call.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QMimeData, QPointF, QRectF
from PySide6.QtGui import QGuiApplication

from app.layout import theme
from app.layout.fonts import line_height
from app.model import Card, LaneKind

if TYPE_CHECKING:
    from app.widgets.inline_editor import InlineEditor

CARDS_MIME = "application/x-journey-canvas-cards"


def release_clipboard() -> None:
    """Before the application quits: leave copied cards on the clipboard as plain text only.

    PySide6 crashes at exit when the clipboard still owns a QMimeData made in Python, so the
    rich copy is swapped for its text (which other applications can still paste).
    """
    clipboard = QGuiApplication.clipboard()
    mime = clipboard.mimeData()
    if mime is not None and mime.hasFormat(CARDS_MIME):
        clipboard.setText(mime.text())


class CanvasEditing:
    """Owns the one in-place editor a view can have open at a time."""

    def __init__(self, view) -> None:
        self.view = view
        self.editor: InlineEditor | None = None
        self.last_refusal = ""
        self._room_cell: tuple[str, str] | None = None
        self._covered = None  # the card item under an open editor of its text, not drawn until it closes
        self._draft = None  # (journey copy, text) -> None: what the open editor's text would change, for autosave
        self.on_draft: Callable[[], None] | None = None  # told when that text changes (the window's autosave)

    @property
    def scene(self):
        return self.view.map_scene

    @property
    def document(self):
        return self.view.document

    @property
    def active(self) -> bool:
        return self.editor is not None

    def _open(self, rect: QRectF, text: str, size: float, on_commit, multiline: bool = True,
              bold: bool = False, draft=None) -> InlineEditor:
        """`draft(journey, text)`: put the text being typed into a copy of the map (what autosave writes)."""
        from app.widgets.inline_editor import InlineEditor  # at the first edit: not before the first paint

        self.close()
        self.scene.hint.setVisible(False)
        editor = InlineEditor(rect, text, size, lambda value: self._finish(on_commit, value), self.close,
                              multiline, bold)
        self.editor = editor
        self._draft = draft
        editor.document().contentsChanged.connect(lambda: self.editor is editor and self.on_draft and self.on_draft())
        self.scene.addItem(editor)
        self.view.ensureVisible(rect, 20, 20)
        editor.start()
        return editor

    def _finish(self, on_commit, value: str) -> None:
        self.close()
        on_commit(value)

    def draft_journey(self):
        """A copy of the map with what the open editor holds (a card being typed, a name), or None: nothing typed
        yet. Only autosave reads it: a crash in the middle of a card keeps its words in the recovery file."""
        editor, draft = self.editor, self._draft
        if editor is None or draft is None or not shiboken6.isValid(editor) or not editor.text().strip():
            return None
        journey = self.document.journey.model_copy(deep=True)
        draft(journey, editor.text().strip())
        return journey

    def close(self) -> None:
        if self.editor is not None and self.on_draft is not None:
            self.on_draft()  # the draft is gone: added to the map, or dropped
        self._draft = None
        editor, self.editor = self.editor, None
        covered, self._covered = self._covered, None
        if covered is not None and shiboken6.isValid(covered):
            covered.setOpacity(1.0)
        self._release_room()
        if editor is not None and editor.scene() is not None:
            editor.scene().removeItem(editor)
            self.view.setFocus()

    def refuse(self, message: str) -> None:
        """Say in a word why an edit was not made (the window shows it in its status bar)."""
        self.last_refusal = message
        self.view.notice.emit(message)

    def can_hold_cards(self, lane_id: str) -> bool:
        """An emotions lane holds points on a curve, not text cards."""
        return self.document.journey.lane(lane_id).kind != LaneKind.EMOTIONS

    # --- room for the quick-capture editor --------------------------------------------------------

    def _make_room(self, cell: tuple[str, str], editor: InlineEditor) -> None:
        """The cell (and the rows below) grow while the editor grows, so it never covers the next lane."""
        layout = self.scene.layout
        if cell[1] not in layout.row_y:
            return
        needed = editor.y() - layout.row_y[cell[1]] + editor.boundingRect().height() + theme.CELL_PADDING
        if layout.reserve.get(cell) != needed:
            layout.reserve = {cell: needed}
            self._room_cell = cell
            self.scene.refresh_cells({cell})

    def _release_room(self) -> None:
        cell = getattr(self, "_room_cell", None)
        self._room_cell = None
        layout = self.scene.layout
        if cell is not None and layout.reserve:
            layout.reserve = {}
            self.scene.refresh_cells({cell})

    # --- cards --------------------------------------------------------------------------------

    def edit_card(self, card_id: str, at: QPointF | None = None) -> None:
        """Edit a card's text in place, the caret at the end of it (F2, Enter, its menu) or where `at` is (a
        double-click there), nothing selected: typing adds words, Ctrl+A selects all to replace them."""
        item = self.scene.cards.get(card_id)
        if item is None:
            return
        box = item.box
        top_left = item.scenePos()  # cards sit in their rows
        rect = QRectF(top_left.x() + box.text.x - 4, top_left.y() + box.text.y - 4, theme.CARD_WIDTH - (box.text.x - 4),
                      max(box.rect.height - box.text.y + 4, 40))
        card_text = self.document.card(card_id).text

        def draft(journey, text: str) -> None:
            card = next((c for c in journey.cards if c.id == card_id), None)
            if card is not None:
                card.text = text

        editor = self._open(rect, card_text, theme.CARD_FONT_SIZE,
                            lambda text: self.document.edit_card(card_id, text=text.strip()) if text.strip() else None,
                            draft=draft)
        editor.place_caret(at)
        # The editor sits on the card's text, inset from its edges: the card's own frame and selection outline
        # showed around and under it, two boxes askew. The card is not drawn while its text is edited (still
        # there and selected: hidden, Qt would deselect it).
        item.setOpacity(0.0)
        self._covered = item

    def new_card(self, cell: tuple[str, str], initial_text: str = "") -> None:
        """Quick capture: type, Enter adds the card and opens the next one in the same cell;
        Tab adds it and moves to the next lane; Esc stops."""
        stage_id, lane_id = cell
        if not self.can_hold_cards(lane_id):
            self.refuse("The Emotions lane holds the curve: click in it to add a point, drag a face to move it")
            return
        layout = self.scene.layout
        count = len(layout.stacks.get(cell).card_ids) if cell in layout.stacks else 0
        y = layout.insertion_y(cell, count)
        x = layout.column_x(stage_id) + theme.CELL_PADDING
        rect = QRectF(x, y, theme.CARD_WIDTH, 2 * theme.CARD_PADDING + 2 * line_height(theme.CARD_FONT_SIZE))
        personas = self.document.new_card_personas()

        def draft(journey, text: str) -> None:
            journey.cards.append(Card(stage_id=stage_id, lane_id=lane_id, text=text, personas=personas))

        editor = self._open(rect, initial_text, theme.CARD_FONT_SIZE, lambda text: self._add(cell, text),
                            draft=draft)
        editor.keep_on_escape = True
        if initial_text:
            cursor = editor.textCursor()
            cursor.clearSelection()
            cursor.movePosition(cursor.MoveOperation.End)
            editor.setTextCursor(cursor)
        editor.setToolTip("Enter adds the card and starts the next; Tab / Shift+Tab move to the next / previous "
                          "lane; Esc or a click elsewhere keeps the card and stops")
        self._capture_editor = editor
        editor.document().contentsChanged.connect(lambda: self.editor is editor and self._make_room(cell, editor))
        self._make_room(cell, editor)

    def _add(self, cell: tuple[str, str], text: str) -> None:
        """Quick capture: Enter adds and starts the next card in the cell; Tab / Shift+Tab add and move to
        the next / previous lane; Esc and a click elsewhere add what was typed and stop."""
        editor = getattr(self, "_capture_editor", None)
        how = editor.how if editor is not None else ""
        if text.strip():
            card_id = self.document.add_card(cell[0], cell[1], text.strip())
            self.scene.select_cards([card_id])
            channel = self.document.card(card_id).channel
            notes = [self._tie_note(1)] if self.document.card(card_id).personas else []
            if channel is not None:
                notes.append(f"Channel guessed from the text: {channel.label} "
                             "(change it in the card's menu or the Inspector)")
            if notes:
                self.view.notice.emit("; ".join(notes))
        if how in ("tab", "backtab"):
            next_cell = self._step_cell(cell, 1 if how == "tab" else -1)
            self.scene.set_cell(next_cell)
            self.new_card(next_cell)
        elif how == "enter" and text.strip():
            self.scene.set_cell(cell)
            self.new_card(cell)
        elif not text.strip():
            self.scene.set_cell(cell)

    def _step_cell(self, cell: tuple[str, str], step: int) -> tuple[str, str]:
        """The next (step 1) or previous (-1) cell that holds cards, lane by lane down a stage, then on
        to the next stage's first lane (or back to the previous stage's last); the map's ends stay put."""
        journey = self.document.journey
        order = [(stage.id, lane.id) for stage in journey.stages for lane in journey.lanes
                 if lane.kind != LaneKind.EMOTIONS]
        if cell not in order:
            return cell
        index = order.index(cell) + step
        return order[index] if 0 <= index < len(order) else cell

    # --- names ---------------------------------------------------------------------------------

    def rename_stage(self, stage_id: str) -> None:
        header = next(h for h in self.scene.layout.frame.stage_headers if h.stage_id == stage_id)
        bar = self.scene.stage_bar
        r = header.rect
        # The whole header: no half-covered description line peeks out below the editor.
        height = max(r.height - 8, line_height(theme.STAGE_FONT_SIZE) + 8)
        rect = QRectF(r.x + 4, bar.y() + r.y + 4, r.width - 8, height)
        self._open(rect, self.document.journey.stage(stage_id).name, theme.STAGE_FONT_SIZE,
                   lambda name: self._rename("stage", stage_id, name),
                   multiline=False, bold=True, draft=self._name_draft("stage", stage_id))

    def rename_lane(self, lane_id: str) -> None:
        header = self.scene.layout.lane_headers[lane_id]
        bar = self.scene.lane_bar
        r = header.rect
        rect = QRectF(bar.x() + r.x + 6, r.y + 4, r.width - 10, line_height(theme.LANE_FONT_SIZE) * 3 + 8)
        self._open(rect, self.document.journey.lane(lane_id).name, theme.LANE_FONT_SIZE,
                   lambda name: self._rename("lane", lane_id, name),
                   multiline=False, bold=True, draft=self._name_draft("lane", lane_id))

    def rename_phase(self, phase_id: str) -> None:
        box = next(p for p in self.scene.layout.frame.phases if p.phase_id == phase_id)
        bar = self.scene.stage_bar
        r = box.rect
        rect = QRectF(r.x + 4, bar.y() + r.y, r.width - 8, r.height + 8)
        self._open(rect, self.document.journey.phase(phase_id).name, theme.PHASE_FONT_SIZE,
                   lambda name: self._rename("phase", phase_id, name),
                   multiline=False, bold=True, draft=self._name_draft("phase", phase_id))

    @staticmethod
    def _name_draft(kind: str, item_id: str):
        def draft(journey, text: str) -> None:
            item = next((i for i in getattr(journey, f"{kind}s") if i.id == item_id), None)
            if item is not None:
                item.name = text
        return draft

    def _rename(self, kind: str, item_id: str, name: str) -> None:
        if not name.strip():
            self.refuse(f"A {kind} needs a name: the old name is kept")
            return
        getattr(self.document, f"edit_{kind}")(item_id, name=name.strip())

    # --- clipboard -------------------------------------------------------------------------------

    def copy(self, card_ids: tuple[str, ...]) -> bool:
        if not card_ids:
            return False
        cards = [self.document.card(i) for i in card_ids]
        mime = QMimeData()
        mime.setText("\n".join(card.text.replace("\n", " ") for card in cards))
        mime.setData(CARDS_MIME, json.dumps([c.model_dump(mode="json") for c in cards]).encode("utf-8"))
        QGuiApplication.clipboard().setMimeData(mime)
        return True

    def _tie_note(self, count: int) -> str:
        """The status bar's word on new cards tied to the personas the filter shows."""
        from app.model.personas import persona_label

        journey = self.document.journey
        tied = set(self.document.new_card_personas())
        names = ", ".join(persona_label(p, i) for i, p in enumerate(journey.personas) if p.id in tied)
        what = "The new card is" if count == 1 else f"The {count} new cards are"
        return f"{what} for {names} only, the personas the filter shows (change it in the Inspector)"

    def paste(self, cell: tuple[str, str] | None) -> list[str]:
        """Cards copied here go to the cell; tab-separated text fills a grid from the cell; plain
        lines become one card each. While the persona filter shows some personas the status bar says
        the new cards are tied to them."""
        ids = self._paste(cell)
        if ids and self.document.new_card_personas():
            self.view.notice.emit(self._tie_note(len(ids)))
        return ids

    def _paste(self, cell: tuple[str, str] | None) -> list[str]:
        if cell is None:
            return []
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return []
        stage_id, lane_id = cell
        if mime.hasFormat(CARDS_MIME):
            try:
                raw = json.loads(bytes(mime.data(CARDS_MIME)).decode("utf-8"))
                cards = [Card.model_validate({**item, "id": Card(stage_id="x", lane_id="x").id, "stage_id": stage_id,
                                              "lane_id": lane_id}) for item in raw]
            except (ValueError, TypeError):
                cards = []
            if cards:
                return self.document.add_cards(cards, "Paste cards")
        text = mime.text().replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        if not text.strip():
            return []
        if "\t" in text:
            rows = [line.split("\t") for line in text.split("\n")]
            left: list[str] = []
            ids = self.document.paste_grid(stage_id, lane_id, rows, left_out=left)
            if left:  # never a silent loss: say which cells ran past the map's last stage or lane
                words = ", ".join(f"'{word}'" for word in left[:3])
                words += f" and {len(left) - 3} more" if len(left) > 3 else ""
                self.view.notice.emit(f"{len(left)} pasted cell{'s' if len(left) != 1 else ''} ran past the map's "
                                      f"edge and {'were' if len(left) != 1 else 'was'} not added: {words} "
                                      "(add stages or lanes and paste them again)")
            return ids
        lines = [line.strip(" •*-\t") for line in text.split("\n")]
        cards = [Card(stage_id=stage_id, lane_id=lane_id, text=line) for line in lines if line]
        return self.document.add_cards(cards, "Paste text")
