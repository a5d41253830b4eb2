"""After Undo or Redo the canvas scrolls to what changed when it is out of view: undoing a dozen steps in
front of a room changed cells nobody could see (a card put back in a stage scrolled away, a stage added
again past the window's edge). New edits are left alone: they happen where the person is looking."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QRectF


def _pointer(command) -> int | None:
    return shiboken6.getCppPointer(command)[0] if command is not None else None


class UndoReveal(QObject):
    """Watches the document's undo stack for one view; tells Undo and Redo from new edits by the command a
    redo would run next (a new edit puts a new command there)."""

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        document = view.document
        self._cells: set[tuple[str, str]] = set()
        self._emotion_lanes: set[str] = set()
        self._index = 0
        self._next: int | None = None
        self._orders: tuple[list[tuple], list[tuple]] = ([], [])  # the stages and lanes as they looked
        document.cardsChanged.connect(self._cells.update)
        document.emotionsChanged.connect(self._emotion_lanes.update)
        document.undo_stack.indexChanged.connect(self._on_index)
        document.replaced.connect(self._settle)
        self._settle()

    def _settle(self, *_args) -> None:
        stack, journey = self.view.document.undo_stack, self.view.document.journey
        self._index = stack.index()
        self._next = _pointer(stack.command(self._index)) if self._index < stack.count() else None
        self._orders = ([_look(s) for s in journey.stages], [_look(lane) for lane in journey.lanes])
        self._cells.clear()
        self._emotion_lanes.clear()

    def _on_index(self, index: int) -> None:
        stack = self.view.document.undo_stack
        if not (shiboken6.isValid(stack) and shiboken6.isValid(self.view)):
            return  # the stack empties itself as it goes
        undone = index < self._index
        redone = index > self._index and self._next is not None and _pointer(stack.command(self._index)) == self._next
        if undone or redone:
            rect = self._changed_rect()
            shown = self._uncovered()
            if rect is not None and not shown.intersects(rect):  # a change partly in sight stays where it is
                rect.setHeight(min(rect.height(), shown.height() * 0.8))
                rect.setWidth(min(rect.width(), shown.width() * 0.8))
                self.view.ensureVisible(rect, 40, 40)
                self.view._pin_headers()
        self._settle()

    def _uncovered(self) -> QRectF:
        """The part of the map in view that the frozen stage and lane headers do not cover."""
        view = self.view
        frame = view.map_scene.layout.frame
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        return shown.adjusted(frame.lane_header_width, frame.header_height, 0, 0)

    def _changed_rect(self) -> QRectF | None:
        """The changed cells (all of them when they fit in the view, else the first), else the stage or lane
        added, moved or renamed, else the emotion lane changed."""
        view, journey = self.view, self.view.document.journey
        layout = view.map_scene.layout
        stages, lanes = {s.id for s in journey.stages}, {lane.id for lane in journey.lanes}
        cells = sorted((c for c in self._cells if c[0] in stages and c[1] in lanes),
                       key=lambda c: (journey.stage_index(c[0]), journey.lane_index(c[1])))
        if cells:
            rects = [QRectF(*layout.cell_rect(*cell)) for cell in cells]
            union = rects[0]
            for rect in rects[1:]:
                union = union.united(rect)
            room = view.viewport().rect()
            fits = union.width() * view.zoom() <= room.width() and union.height() * view.zoom() <= room.height()
            return union if fits else rects[0]
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        old_stages, old_lanes = self._orders
        stage = _first_moved([_look(s) for s in journey.stages], old_stages)
        if stage is not None:
            x, _, w, _ = layout.cell_rect(stage, journey.lanes[0].id) if journey.lanes else (0, 0, 0, 0)
            return QRectF(x, shown.y(), w, 1)
        lane = _first_moved([_look(lane) for lane in journey.lanes], old_lanes) or next(
            (lane.id for lane in journey.lanes if lane.id in self._emotion_lanes), None)
        if lane is not None and journey.stages:
            _, y, _, h = layout.cell_rect(journey.stages[0].id, lane)
            return QRectF(shown.x(), y, 1, min(h, shown.height()))
        return None


def _look(item) -> tuple:
    """What a stage or lane header shows, its id first."""
    return item.id, item.name, getattr(item, "description", ""), item.color


def _first_moved(now: list[tuple], before: list[tuple]) -> str | None:
    """The id of the first stage or lane that is new, renamed, recoloured or at another place than before."""
    return next((look[0] for index, look in enumerate(now) if index >= len(before) or before[index] != look), None)
