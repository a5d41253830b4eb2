"""The low-level changes undo commands apply to the open map, and the signals they emit.

Mixed into JourneyDocument: only app/commands.py calls these (through the document), so every
change to the map is undoable; the public, intention-named methods live in app/document.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.model import JourneyContent, JourneyMap

Cell = tuple[str, str]  # (stage_id, lane_id)

FEW_CARDS = 64
"""Up to this many cards inserted at once are placed in the per-cell index one by one; more rebuild it."""


class DocumentMutations:
    def _replace_content(self, content: JourneyContent) -> None:
        """A new map object with this content and the current snapshots; views rebuild on `replaced`. `content`
        (a whole map, or a snapshot's content) is only read: the new map's objects are built from its fields."""
        data = content.model_dump(exclude={"snapshots", "schema_version"})
        data["snapshots"] = list(self._journey.snapshots)  # kept as they are: a snapshot never changes in place
        data["schema_version"] = self._journey.schema_version
        self._journey = JourneyMap.model_validate(data)
        self._reindex()
        self._visible = None
        self.replaced.emit()

    def _set_snapshots(self, snapshots: list[Any]) -> None:
        """The list is the map's own; its snapshots are shared with the undo commands, as nothing changes a
        snapshot in place (a copy of each, each time, cost seconds on a large map with many of them)."""
        self._journey.snapshots = list(snapshots)
        self.snapshotsChanged.emit()

    def _reindex(self) -> None:
        self._cards_by_id = {card.id: card for card in self._journey.cards}
        self._cards_by_cell = None
        self._cell_index()  # now, while the whole map changes anyway, not in the next edit

    def _cell_index(self) -> dict[Cell, list[Any]]:
        """The cards of every cell in map order, so reading one cell does not scan the whole map."""
        if self._cards_by_cell is None:
            index: dict[Cell, list[Any]] = {}
            for card in self._journey.cards:
                index.setdefault((card.stage_id, card.lane_id), []).append(card)
            self._cards_by_cell = index
        return self._cards_by_cell

    def _list(self, collection: str) -> list[Any]:
        return getattr(self._journey, collection)

    def _object(self, target: str, target_id: str) -> Any:
        j = self._journey
        if target == "card":
            return self._cards_by_id[target_id]
        if target == "stage":
            return j.stage(target_id)
        if target == "lane":
            return j.lane(target_id)
        if target == "phase":
            return j.phase(target_id)
        if target == "lane_group":
            return next(g for g in j.lane_groups if g.id == target_id)
        if target == "emotion":  # "lane:stage" (the first persona's curve) or "lane:stage:persona"
            lane_id, stage_id, *persona = target_id.split(":")
            return j.emotion(lane_id, stage_id, persona[0] if persona else None)
        if target == "persona":  # "" is the first persona
            return j.persona_by_id(target_id) if target_id else j.persona
        if target == "metadata":
            return j.metadata
        if target == "scale":
            return j.emotion_scale
        if target == "map":
            return j
        raise KeyError(target)

    def _read_fields(self, target: str, target_id: str, names: list[str]) -> dict[str, Any]:
        obj = self._object(target, target_id)
        return {name: _copy(getattr(obj, name)) for name in names}

    def _write_fields(self, target: str, target_id: str, values: dict[str, Any]) -> None:
        obj = self._object(target, target_id)
        for name, value in values.items():
            setattr(obj, name, _copy(value))
        if target == "card" and ("stage_id" in values or "lane_id" in values):
            self._cards_by_cell = None
        if target == "card":
            self.cardsChanged.emit({(obj.stage_id, obj.lane_id)})
        elif target == "emotion":
            self.emotionsChanged.emit({obj.lane_id})
        elif target == "persona" or (target == "map" and "persona" in values):
            self.personaChanged.emit()
        elif target == "metadata":
            self.metadataChanged.emit()
        else:  # stage, lane, phase, lane group, scale: the grid's geometry may change
            self.structureChanged.emit()

    def _write_card_fields(self, values: dict[str, dict[str, Any]]) -> None:
        """Fields of many cards (card id -> fields), with one signal naming every cell they touched."""
        cells: set[Cell] = set()
        for card_id, fields in values.items():
            card = self._cards_by_id[card_id]
            cells.add((card.stage_id, card.lane_id))
            for name, value in fields.items():
                setattr(card, name, _copy(value))
            if "stage_id" in fields or "lane_id" in fields:
                self._cards_by_cell = None
                cells.add((card.stage_id, card.lane_id))
        self.cardsChanged.emit(cells)

    def _positions(self, collection: str, items: list[Any]) -> list[int]:
        ids = {id(item): i for i, item in enumerate(self._list(collection))}
        return [ids[id(item)] for item in items]

    def _insert_items(self, collection: str, items: list[tuple[int, Any]]) -> None:
        target = self._list(collection)
        many = collection == "cards" and len(items) > FEW_CARDS
        for position, item in items:  # ascending positions: each lands where it was
            target.insert(position, item)
            if many:
                self._cards_by_id[item.id] = item
            elif collection == "cards":
                self._index_inserted_card(target, position, item)
        if many:  # placing each in its cell's index looks through the cell: a paste of thousands into one cell
            self._cards_by_cell = None  # took minutes; the index is built again in one pass on its next read
        self._after_list_change(collection, [item for _, item in items])

    def _remove_items(self, collection: str, items: list[Any]) -> None:
        """Remove the items with these ids (emotion points: these cells of these curves). By id, not by object:
        an undo step made before a snapshot was restored holds the objects of the map before it, and the map
        rebuilt since (restoring, or undoing a restore) holds equal ones, which the step must still remove."""
        doomed = {_key(collection, item) for item in items}
        target = self._list(collection)
        target[:] = [item for item in target if _key(collection, item) not in doomed]
        if collection == "cards":
            cells: set[Cell] = set()
            for card in items:
                live = self._cards_by_id.pop(card.id, None) or card  # the map's own card: in the cell it is in now
                cells.add((live.stage_id, live.lane_id))
            for key in cells if self._cards_by_cell else ():  # each cell once, however many of its cards go
                cell = self._cards_by_cell.get(key)
                if cell is not None:
                    cell[:] = [c for c in cell if c.id not in doomed]
        self._after_list_change(collection, items)

    def _index_inserted_card(self, cards: list[Any], position: int, card: Any) -> None:
        """Keep both card indexes current without a pass over the map: a new card lands next to a card
        of its own cell (or in an empty cell) unless an undo puts it back somewhere else; only then is
        the cell index rebuilt, on its next read."""
        self._cards_by_id[card.id] = card
        index = self._cards_by_cell
        if index is None:
            return
        cell = index.setdefault((card.stage_id, card.lane_id), [])
        after = cards[position + 1] if position + 1 < len(cards) else None
        before = cards[position - 1] if position > 0 else None
        if not cell:
            cell.append(card)
        elif any(c is after for c in cell):
            cell.insert(next(i for i, c in enumerate(cell) if c is after), card)
        elif any(c is before for c in cell):
            cell.insert(next(i for i, c in enumerate(cell) if c is before) + 1, card)
        else:
            self._cards_by_cell = None

    def _reorder(self, collection: str, order: list[str]) -> None:
        target = self._list(collection)
        by_id = {item.id: item for item in target}
        target[:] = [by_id[i] for i in order]
        if collection == "cards":
            self._reindex()
        if collection == "personas":
            self.personaChanged.emit()
        else:
            self.structureChanged.emit()

    def _after_list_change(self, collection: str, items: list[Any]) -> None:
        if collection == "cards":
            self.cardsChanged.emit({(c.stage_id, c.lane_id) for c in items})
        elif collection == "emotions":
            self.emotionsChanged.emit({p.lane_id for p in items})
        elif collection == "personas":
            self.personaChanged.emit()
        else:
            self.structureChanged.emit()

    def _card_placement(self) -> list[tuple[str, str, str]]:
        return [(c.id, c.stage_id, c.lane_id) for c in self._journey.cards]

    def _set_card_placement(self, placement: list[tuple[str, str, str]]) -> None:
        """Put every card in the given cell and list order; signal the cells whose card order changed."""
        before = _cell_orders((c.id, c.stage_id, c.lane_id) for c in self._journey.cards)
        cards = []
        for card_id, stage_id, lane_id in placement:
            card = self._cards_by_id[card_id]
            if (card.stage_id, card.lane_id) != (stage_id, lane_id):
                card.stage_id, card.lane_id = stage_id, lane_id
            cards.append(card)
        self._journey.cards[:] = cards
        self._reindex()
        after = _cell_orders(placement)
        touched = {cell for cell in before.keys() | after.keys() if before.get(cell) != after.get(cell)}
        self.cardsChanged.emit(touched)

    def _placement_after_move(self, card_ids: list[str], stage_id: str, lane_id: str,
                              index: int) -> list[tuple[str, str, str]]:
        moving = [self._cards_by_id[i] for i in card_ids]
        moving_ids = {id(c) for c in moving}
        remaining = [c for c in self._journey.cards if id(c) not in moving_ids]
        cell = [c for c in remaining if (c.stage_id, c.lane_id) == (stage_id, lane_id)]
        if index < len(cell):
            position = next(i for i, c in enumerate(remaining) if c is cell[max(0, index)])
        elif cell:
            position = next(i for i, c in enumerate(remaining) if c is cell[-1]) + 1
        else:
            position = len(remaining)
        placement = [(c.id, c.stage_id, c.lane_id) for c in remaining]
        placement[position:position] = [(c.id, stage_id, lane_id) for c in moving]
        return placement



def end_of_cell_positions(cards: list[Any], cell_cards: Any, new: list[Any]) -> list[tuple[int, Any]]:
    """Where new cards land in the flat list `cards` so that each follows its cell's cards and the new ones of
    its cell before it (`cell_cards(stage_id, lane_id)` gives a cell's cards): final positions, ascending, as
    `InsertItemsCommand` inserts them. The places adding the cards one at a time gives, in one pass: after the
    last card of its cell; a cell without cards starts at the end of the list, the cells in the order their first
    new card comes, each cell's new cards together."""
    where = {id(card): index for index, card in enumerate(cards)}
    first_seen: dict[Cell, int] = {}
    anchors = []
    for order, card in enumerate(new):
        cell = cell_cards(card.stage_id, card.lane_id)
        if cell:
            anchors.append((where[id(cell[-1])] + 1, 0, 0, order, card))
        else:  # behind every card already there, even one that ends the list (which its cell's cards follow)
            rank = first_seen.setdefault((card.stage_id, card.lane_id), len(first_seen))
            anchors.append((len(cards), 1, rank, order, card))
    anchors.sort(key=lambda anchor: anchor[:4])
    return [(anchor[0] + rank, anchor[4]) for rank, anchor in enumerate(anchors)]


def after_each_original(cards: list[Any], originals: list[Any], copies: list[Any]) -> list[tuple[int, Any]]:
    """Final positions that put each copy right after its original (copies of neighbours in their order)."""
    where = {id(card): index for index, card in enumerate(cards)}
    anchors = sorted(((where[id(original)] + 1, order, copy) for order, (original, copy)
                      in enumerate(zip(originals, copies, strict=True))), key=lambda anchor: anchor[:2])
    return [(anchor + rank, copy) for rank, (anchor, _order, copy) in enumerate(anchors)]


def _key(collection: str, item: Any) -> Any:
    """What names an item of a map's list: its id; an emotion point (which has none) its curve's cell."""
    return (item.lane_id, item.stage_id, item.persona_id) if collection == "emotions" else item.id


def _cell_orders(placement: Iterable[tuple[str, str, str]]) -> dict[Cell, list[str]]:
    orders: dict[Cell, list[str]] = {}
    for card_id, stage_id, lane_id in placement:
        orders.setdefault((stage_id, lane_id), []).append(card_id)
    return orders


def _copy(value: Any) -> Any:
    """Values stored in undo commands must not alias the model's own lists and objects."""
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if hasattr(value, "model_copy"):
        return value.model_copy(deep=True)
    return value
