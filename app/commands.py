"""Every change to a map is one of these undo commands; `JourneyDocument` is their only caller.

Commands hold ids and values, never widgets. Each applies its change through the document's
private mutators, which emit the document's signals, so undo and redo redraw exactly like
the original edit did. Multi-item actions are macros of these few primitives.

A command holds its document by a weak reference: the document owns the undo stack that owns the commands,
and a strong reference back made every document a reference cycle, freed by Python's cycle collector at
an arbitrary later moment, when tearing down the Qt objects in it crashed the process (seen in the tests:
a segmentation fault while collecting documents of earlier edit sequences). Now a document goes, with its
stack and commands, as soon as its last user lets go.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from app.document import JourneyDocument

NUDGE_COMMAND_ID = 1001
EMOTION_COMMAND_ID = 1002
CARD_EDIT_COMMAND_ID = 1003  # a card's text typed in a panel, committed at each pause in typing


class EditFieldsCommand(QUndoCommand):
    """Set fields on one object: a card, stage, lane, phase, lane group, emotion point,
    the persona, the metadata or the emotion scale."""

    def __init__(self, document: JourneyDocument, target: str, target_id: str, new: dict[str, Any], text: str,
                 merge_key: int = -1) -> None:
        super().__init__(text)
        self._document = weakref.proxy(document)
        self._target = target
        self._target_id = target_id
        self._new = dict(new)
        self._old = document._read_fields(target, target_id, list(new))
        self._merge_key = merge_key

    def redo(self) -> None:
        self._document._write_fields(self._target, self._target_id, self._new)

    def undo(self) -> None:
        self._document._write_fields(self._target, self._target_id, self._old)

    def id(self) -> int:
        return self._merge_key

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        """Dragging an emotion point, or repeated edits of the same object: one undo step."""
        if not isinstance(other, EditFieldsCommand) or (other._target, other._target_id) != (
            self._target, self._target_id
        ) or set(other._new) != set(self._new):
            return False
        self._new = dict(other._new)
        return True


class EditCardsCommand(QUndoCommand):
    """Set the same fields on many cards (a colour for a whole selection): one change and one signal for all of
    them, where a command per card cost a re-layout per card."""

    def __init__(self, document: JourneyDocument, card_ids: list[str], new: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self._document = weakref.proxy(document)
        self._new = dict(new)
        self._old = {card_id: document._read_fields("card", card_id, list(new)) for card_id in card_ids}

    def redo(self) -> None:
        self._document._write_card_fields(dict.fromkeys(self._old, self._new))

    def undo(self) -> None:
        self._document._write_card_fields(self._old)


class InsertItemsCommand(QUndoCommand):
    """Insert model objects into one of the map's lists at given positions.

    The command keeps its own copies of the items and puts fresh copies of them into the map each time: the
    objects in the map are edited afterwards, and a restored snapshot (or its undo) replaces them by equal ones,
    so an object the map once held may no longer be the item as this command inserted it. Copies are shallow:
    the document never changes a list or a nested model in place, it assigns new ones."""

    def __init__(self, document: JourneyDocument, collection: str, items: list[tuple[int, Any]], text: str) -> None:
        super().__init__(text)
        self._document = weakref.proxy(document)
        self._collection = collection
        self._items = sorted(((position, item.model_copy()) for position, item in items), key=lambda pair: pair[0])

    def redo(self) -> None:
        self._document._insert_items(self._collection, _fresh(self._items))

    def undo(self) -> None:
        self._document._remove_items(self._collection, [item for _, item in self._items])


class RemoveItemsCommand(QUndoCommand):
    """Remove model objects from one of the map's lists (remembering where they were, and as they were: its own
    copies, put back as fresh copies, as `InsertItemsCommand` keeps them)."""

    def __init__(self, document: JourneyDocument, collection: str, items: list[Any], text: str) -> None:
        super().__init__(text)
        self._document = weakref.proxy(document)
        self._collection = collection
        positions = document._positions(collection, items)
        self._items = sorted(zip(positions, (item.model_copy() for item in items), strict=True),
                             key=lambda pair: pair[0])

    def redo(self) -> None:
        self._document._remove_items(self._collection, [item for _, item in self._items])

    def undo(self) -> None:
        self._document._insert_items(self._collection, _fresh(self._items))


def _fresh(items: list[tuple[int, Any]]) -> list[tuple[int, Any]]:
    return [(position, item.model_copy()) for position, item in items]


class ReorderCommand(QUndoCommand):
    """Give one of the map's lists a new order (stages, lanes, phases), by ids."""

    def __init__(self, document: JourneyDocument, collection: str, new_order: list[str], text: str) -> None:
        super().__init__(text)
        self._document = weakref.proxy(document)
        self._collection = collection
        self._old = [item.id for item in document._list(collection)]
        self._new = list(new_order)

    def redo(self) -> None:
        self._document._reorder(self._collection, self._new)

    def undo(self) -> None:
        self._document._reorder(self._collection, self._old)


class MoveCardsCommand(QUndoCommand):
    """Move cards to a cell and position (a drag, a paste-move, or a keyboard nudge).

    Keyboard nudges of the same cards merge into one undo step.
    """

    def __init__(self, document: JourneyDocument, card_ids: list[str], before: list[tuple[str, str, str]],
                 after: list[tuple[str, str, str]], text: str, nudge: bool = False) -> None:
        super().__init__(text)
        self._document = weakref.proxy(document)
        self._card_ids = list(card_ids)
        self._before = before  # (card id, stage id, lane id) of every card, in list order
        self._after = after
        self._nudge = nudge

    def redo(self) -> None:
        self._document._set_card_placement(self._after)

    def undo(self) -> None:
        self._document._set_card_placement(self._before)

    def id(self) -> int:
        return NUDGE_COMMAND_ID if self._nudge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, MoveCardsCommand) or not other._nudge or other._card_ids != self._card_ids:
            return False
        self._after = other._after
        return True


class ReplaceContentCommand(QUndoCommand):
    """Swap the whole map content (restoring a snapshot); the snapshots themselves stay as they are."""

    def __init__(self, document: JourneyDocument, old: Any, new: Any, text: str) -> None:
        super().__init__(text)
        self._document = weakref.proxy(document)
        self._old = old  # JourneyContent (a whole map is one), only read
        self._new = new

    def redo(self) -> None:
        self._document._replace_content(self._new)

    def undo(self) -> None:
        self._document._replace_content(self._old)


class SetSnapshotsCommand(QUndoCommand):
    """Give the map another list of snapshots (take, delete, rename one)."""

    def __init__(self, document: JourneyDocument, old: list[Any], new: list[Any], text: str) -> None:
        super().__init__(text)
        self._document = weakref.proxy(document)
        self._old = list(old)
        self._new = list(new)

    def redo(self) -> None:
        self._document._set_snapshots(self._new)

    def undo(self) -> None:
        self._document._set_snapshots(self._old)
