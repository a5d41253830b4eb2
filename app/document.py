"""JourneyDocument: the open map, and the only code that changes it.

Views never touch the model: they call the public methods here, each of which pushes undo
commands (app/commands.py); the commands call the private mutators below, which change the
pydantic model in place and emit past-tense signals naming what changed. The modified flag
follows the undo stack's clean state.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.command_names import describe_card, describe_change, describe_edit, quote
from app.commands import (
    CARD_EDIT_COMMAND_ID,
    EMOTION_COMMAND_ID,
    EditCardsCommand,
    EditFieldsCommand,
    InsertItemsCommand,
    MoveCardsCommand,
    RemoveItemsCommand,
    ReorderCommand,
    ReplaceContentCommand,
    SetSnapshotsCommand,
)
from app.document_mutations import DocumentMutations, after_each_original, end_of_cell_positions
from app.document_persona_edits import DocumentPersonaEdits
from app.document_personas import DocumentPersonaView
from app.model import Card, EmotionPoint, EmotionScale, JourneyMap, Lane, LaneKind, Phase, Stage, new_id
from app.model.channel_guess import guess_channel
from app.undo_stack import UndoStack

Cell = tuple[str, str]  # (stage_id, lane_id)

STRUCTURE = ("stages", "lanes", "phases", "lane_groups")


class JourneyDocument(DocumentPersonaEdits, DocumentPersonaView, DocumentMutations, QObject):
    replaced = Signal()  # the whole content changed (a map loaded, a snapshot restored): rebuild everything
    loaded = Signal()  # another map (a file, a new map, a recovered one) replaced this one
    structureChanged = Signal()  # stages, lanes, phases, lane groups or the emotion scale  # noqa: N815
    cardsChanged = Signal(object)  # set of cells (stage_id, lane_id) whose cards changed  # noqa: N815
    emotionsChanged = Signal(object)  # set of lane ids  # noqa: N815
    personaChanged = Signal()  # the personas: their list, order or fields  # noqa: N815
    personaFilterChanged = Signal()  # which personas the views show  # noqa: N815
    activePersonaChanged = Signal()  # whose emotion curve the editor changes  # noqa: N815
    metadataChanged = Signal()  # noqa: N815
    snapshotsChanged = Signal()  # noqa: N815
    modifiedChanged = Signal(bool)  # noqa: N815
    pathChanged = Signal(object)  # noqa: N815

    def __init__(self, journey: JourneyMap | None = None, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = UndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._journey = journey or JourneyMap()
        self._path = path
        self._cards_by_id: dict[str, Card] = {}
        self._persona_filter: tuple[str, ...] = ()
        self._cards_by_cell: dict[Cell, list[Card]] | None = None
        self._visible: JourneyMap | None = None  # the map as the persona filter shows it, kept up to date
        self._active_persona: str | None = None
        self._reindex()
        # connected before any view, so the filtered map is current when the views hear of a change
        for signal in (self.replaced, self.structureChanged, self.personaChanged, self.personaFilterChanged,
                       self.metadataChanged, self.snapshotsChanged):
            signal.connect(self._drop_visible)
        self.cardsChanged.connect(self._refilter_cards)
        self.emotionsChanged.connect(self._refilter_emotions)

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    # --- reading -------------------------------------------------------------------------

    @property
    def journey(self) -> JourneyMap:
        """The map, to read. Change it only through this object's methods."""
        return self._journey

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def card(self, card_id: str) -> Card:
        return self._cards_by_id[card_id]

    def has_card(self, card_id: str) -> bool:
        return card_id in self._cards_by_id

    def cards_in(self, stage_id: str, lane_id: str) -> list[Card]:
        """The cards of one cell, in their order (from an index: no scan of the whole map)."""
        return list(self._cell_index().get((stage_id, lane_id), ()))

    def emotion(self, lane_id: str, stage_id: str) -> EmotionPoint | None:
        """The point of a cell on the curve the editor changes."""
        return self._journey.emotion(lane_id, stage_id, self.active_persona_id)

    # --- whole-document operations ---------------------------------------------------------

    def replace(self, journey: JourneyMap, path: Path | None) -> None:
        """Load another map (open, new, recover): clears undo history."""
        self.undo_stack.clear()
        self._journey = journey
        self._reindex()
        self._visible = None
        self.set_path(path)
        self.loaded.emit()
        self.replaced.emit()

    def set_path(self, path: Path | None) -> None:
        self._path = path
        self.pathChanged.emit(path)

    def mark_saved(self, path: Path) -> None:
        self.set_path(path)
        self.undo_stack.setClean()

    # --- cards ------------------------------------------------------------------------------

    def add_card(self, stage_id: str, lane_id: str, text: str = "", index: int | None = None,
                 **fields: Any) -> str:
        """A new card; while the persona filter shows some personas it is tied to them (`new_card_personas`)."""
        if "personas" not in fields:
            fields["personas"] = self.new_card_personas()
        card = self._with_channel_guess(Card(stage_id=stage_id, lane_id=lane_id, text=text, **fields),
                                        "channel" in fields)
        self.undo_stack.push(InsertItemsCommand(self, "cards", [(self._card_position(stage_id, lane_id, index), card)],
                                                f"Add card {describe_card(self._journey, card)}"))
        return card.id

    def add_cards(self, cards: list[Card], text: str = "Add cards") -> list[str]:
        """Insert prepared cards (paste): each goes at the end of its cell, in order. Cards for every persona
        are tied to the personas the filter shows, as in `add_card`."""
        if not cards:
            return []
        tie = self.new_card_personas()
        if tie:
            cards = [card if card.personas else card.model_copy(update={"personas": list(tie)}) for card in cards]
        cards = [self._with_channel_guess(card) for card in cards]
        if len(cards) == 1:
            text = f"{text}: {describe_card(self._journey, cards[0])}"
        positions = end_of_cell_positions(self._journey.cards, self.cards_in, cards)
        self.undo_stack.push(InsertItemsCommand(self, "cards", positions, text))  # one step, one re-layout
        return [card.id for card in cards]

    def edit_card(self, card_id: str, merge: bool = False, **fields: Any) -> None:
        """`merge` joins the change to the one before it when that one changed the same fields of the card
        (text typed in a panel, committed at each pause: one undo step)."""
        card = self.card(card_id)
        if all(getattr(card, k) == v for k, v in fields.items()):
            return
        if set(fields) == {"text"}:
            what = f"Edit card text {describe_card(self._journey, card)}"
            guess = self._with_channel_guess(card.model_copy(update=fields))
            if guess.channel is not None and card.channel is None:
                fields = {**fields, "channel": guess.channel}
        else:
            what = f"{describe_change(fields)} of card {describe_card(self._journey, card)}"
        self.undo_stack.push(EditFieldsCommand(self, "card", card_id, fields, what,
                                               CARD_EDIT_COMMAND_ID if merge else -1))

    def edit_cards(self, card_ids: Iterable[str], **fields: Any) -> None:
        """The same change to several cards, one undo step named by what changed ("Change colour of 3 cards"); one
        card's step is named as `edit_card` names it."""
        ids = [i for i in dict.fromkeys(card_ids)
               if any(getattr(self._cards_by_id[i], k) != v for k, v in fields.items())]
        if len(ids) == 1:
            self.edit_card(ids[0], **fields)
        elif ids and set(fields) == {"text"}:  # each card's text may name its channel: card by card
            self.undo_stack.beginMacro(f"{describe_change(fields)} of {len(ids)} cards")
            for card_id in ids:
                self.edit_card(card_id, **fields)
            self.undo_stack.endMacro()
        elif ids:
            self.undo_stack.push(EditCardsCommand(self, ids, fields, f"{describe_change(fields)} of {len(ids)} cards"))

    def _with_channel_guess(self, card: Card, channel_given: bool = False) -> Card:
        """A touchpoint card without a channel gets the one its text names (a suggestion the user can
        change); a channel someone set is never replaced."""
        if channel_given or card.channel is not None or not card.text.strip():
            return card
        lane = next((lane for lane in self._journey.lanes if lane.id == card.lane_id), None)
        if lane is None or lane.kind != LaneKind.TOUCHPOINTS:
            return card
        guess = guess_channel(card.text)
        return card if guess is None else card.model_copy(update={"channel": guess})

    def remove_cards(self, card_ids: Iterable[str]) -> None:
        cards = [self._cards_by_id[i] for i in card_ids if i in self._cards_by_id]
        if cards:
            label = (f"Delete card {describe_card(self._journey, cards[0])}" if len(cards) == 1
                     else f"Delete {len(cards)} cards")
            self.undo_stack.push(RemoveItemsCommand(self, "cards", cards, label))

    def duplicate_cards(self, card_ids: Iterable[str]) -> list[str]:
        """Copies placed right after each original."""
        ids = [i for i in dict.fromkeys(card_ids) if i in self._cards_by_id]
        if not ids:
            return []
        originals = [self._cards_by_id[i] for i in ids]
        copies = [original.model_copy(deep=True, update={"id": new_id()}) for original in originals]
        text = (f"Duplicate card {describe_card(self._journey, originals[0])}" if len(ids) == 1
                else f"Duplicate {len(ids)} cards")
        positions = after_each_original(self._journey.cards, originals, copies)
        self.undo_stack.push(InsertItemsCommand(self, "cards", positions, text))
        return [copy.id for copy in copies]

    def move_cards(self, card_ids: list[str], stage_id: str, lane_id: str, index: int, nudge: bool = False) -> None:
        """Put cards, in the given order, at `index` among the other cards of the target cell."""
        ids = [i for i in card_ids if i in self._cards_by_id]
        if not ids:
            return
        before = self._card_placement()
        after = self._placement_after_move(ids, stage_id, lane_id, index)
        if after == before:
            return  # a drop where it came from is not an edit
        where = f"{self._journey.stage(stage_id).name} / {self._journey.lane(lane_id).name}"
        what = (f"Move card {quote(self._cards_by_id[ids[0]].text)}" if len(ids) == 1 else f"Move {len(ids)} cards")
        self.undo_stack.push(MoveCardsCommand(self, ids, before, after, f"{what} to {where}", nudge))

    def paste_grid(self, stage_id: str, lane_id: str, rows: list[list[str]],
                   left_out: list[str] | None = None) -> list[str]:
        """A block of text (from a spreadsheet: rows of tab-separated cells) as cards, one per
        non-empty cell, starting at the given cell and going right and down; stops at the map's edge (the
        texts past it are added to `left_out`, for the caller to say). Rows go to the lanes that take cards:
        an emotions lane (the curve) is stepped over."""
        stages = self._journey.stages
        lanes = [lane for lane in self._journey.lanes[self._journey.lane_index(lane_id):]
                 if lane.kind != LaneKind.EMOTIONS]
        first_stage = self._journey.stage_index(stage_id)
        cards = []
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if not value.strip():
                    continue
                if r >= len(lanes) or first_stage + c >= len(stages):
                    if left_out is not None:
                        left_out.append(value.strip())
                    continue
                cards.append(Card(stage_id=stages[first_stage + c].id, lane_id=lanes[r].id, text=value.strip()))
        return self.add_cards(cards, "Paste")

    # --- stages, lanes, phases -----------------------------------------------------------

    def add_stage(self, index: int, name: str = "New stage", **fields: Any) -> str:
        stage = Stage(name=name, **fields)
        self.undo_stack.push(InsertItemsCommand(self, "stages", [(index, stage)], f"Add stage {quote(name)}"))
        return stage.id

    def edit_stage(self, stage_id: str, **fields: Any) -> None:
        self._edit("stage", stage_id, fields, describe_edit("stage", self._journey.stage(stage_id).name, fields))

    def remove_stage(self, stage_id: str) -> None:
        stage = self._journey.stage(stage_id)
        self.undo_stack.beginMacro(f"Delete stage {quote(stage.name)}")
        self._remove_dependents(lambda item: item.stage_id == stage_id)
        self.undo_stack.push(RemoveItemsCommand(self, "stages", [stage], "Delete stage"))
        self.undo_stack.endMacro()

    def move_stage(self, stage_id: str, index: int) -> None:
        self._move("stages", stage_id, index, f"Move stage {quote(self._journey.stage(stage_id).name)}")

    def add_lane(self, index: int, name: str = "New lane", kind: LaneKind = LaneKind.TEXT, **fields: Any) -> str:
        lane = Lane(name=name, kind=kind, **fields)
        self.undo_stack.push(InsertItemsCommand(self, "lanes", [(index, lane)], f"Add lane {quote(name)}"))
        return lane.id

    def edit_lane(self, lane_id: str, **fields: Any) -> None:
        lane = self._journey.lane(lane_id)
        leaving_emotions = lane.kind == LaneKind.EMOTIONS and fields.get("kind", lane.kind) != LaneKind.EMOTIONS
        points = [p for p in self._journey.emotions if p.lane_id == lane_id] if leaving_emotions else []
        if points:
            self.undo_stack.beginMacro(describe_edit("lane", lane.name, fields))
            self.undo_stack.push(RemoveItemsCommand(self, "emotions", points, "Remove emotion points"))
        self._edit("lane", lane_id, fields, describe_edit("lane", lane.name, fields))
        if points:
            self.undo_stack.endMacro()

    def remove_lane(self, lane_id: str) -> None:
        lane = self._journey.lane(lane_id)
        self.undo_stack.beginMacro(f"Delete lane {quote(lane.name)}")
        self._remove_dependents(lambda item: item.lane_id == lane_id)
        self.undo_stack.push(RemoveItemsCommand(self, "lanes", [lane], "Delete lane"))
        self.undo_stack.endMacro()

    def move_lane(self, lane_id: str, index: int) -> None:
        self._move("lanes", lane_id, index, f"Move lane {quote(self._journey.lane(lane_id).name)}")

    def add_phase(self, name: str, stage_ids: list[str], **fields: Any) -> str:
        phase = Phase(name=name, **fields)
        self.undo_stack.beginMacro(f"Add phase {quote(name)}")
        self.undo_stack.push(InsertItemsCommand(self, "phases", [(len(self._journey.phases), phase)], "Add phase"))
        for stage_id in stage_ids:
            self._edit("stage", stage_id, {"phase_id": phase.id}, "Put stage in phase")
        self.undo_stack.endMacro()
        return phase.id

    def edit_phase(self, phase_id: str, **fields: Any) -> None:
        self._edit("phase", phase_id, fields, describe_edit("phase", self._journey.phase(phase_id).name, fields))

    def remove_phase(self, phase_id: str) -> None:
        phase = self._journey.phase(phase_id)
        self.undo_stack.beginMacro(f"Delete phase {quote(phase.name)}")
        for stage in self._journey.stages_of_phase(phase_id):
            self._edit("stage", stage.id, {"phase_id": None}, "Take stage out of phase")
        self.undo_stack.push(RemoveItemsCommand(self, "phases", [phase], "Delete phase"))
        self.undo_stack.endMacro()

    # --- emotions, persona, metadata -------------------------------------------------------

    def set_emotion(self, lane_id: str, stage_id: str, value: float, label: str | None = None,
                    merge: bool = False) -> None:
        """Add or change a stage's emotion score; `merge` joins repeated changes (a drag) into one step."""
        value = self._journey.emotion_scale.clamp(value)
        point = self.emotion(lane_id, stage_id)
        if point is None:
            new = EmotionPoint(lane_id=lane_id, stage_id=stage_id, value=value, label=label,
                               persona_id=self.active_persona_id)
            position = len(self._journey.emotions)
            self.undo_stack.push(InsertItemsCommand(self, "emotions", [(position, new)],
                                                    f"Add emotion point {self._emotion_place(stage_id)} "
                                                    f"({value:g})"))
            return
        fields: dict[str, Any] = {"value": value}
        if label is not None:
            fields["label"] = label or None
        self._edit("emotion", self._emotion_key(lane_id, stage_id), fields,
                   f"Change emotion {self._emotion_place(stage_id)} to {value:g}",
                   EMOTION_COMMAND_ID if merge else -1)

    def edit_emotion(self, lane_id: str, stage_id: str, persona_id: str | None = None, **fields: Any) -> None:
        """Change a point of the curve the editor changes (or of `persona_id`'s curve)."""
        self._edit("emotion", self._emotion_key(lane_id, stage_id, persona_id), fields,
                   f"{describe_change(fields)} of emotion {self._emotion_place(stage_id, persona_id)}")

    def _emotion_place(self, stage_id: str, persona_id: str | None = None) -> str:
        """"in Decision", or with several personas whose curve: "of Kai in Decision"."""
        where = f"in {self._journey.stage(stage_id).name}"
        owner = persona_id or self.active_persona_id
        if len(self._journey.personas) < 2 or owner is None:
            return where
        return f"of {self._journey.persona_by_id(owner).name or 'the unnamed persona'} {where}"

    def _emotion_key(self, lane_id: str, stage_id: str, persona_id: str | None = None) -> str:
        owner = persona_id or self.active_persona_id
        return f"{lane_id}:{stage_id}:{owner}" if owner else f"{lane_id}:{stage_id}"

    def remove_emotion(self, lane_id: str, stage_id: str) -> None:
        point = self.emotion(lane_id, stage_id)
        if point is not None:
            self.undo_stack.push(RemoveItemsCommand(self, "emotions", [point],
                                                    f"Remove emotion point {self._emotion_place(stage_id)}"))

    def edit_emotion_scale(self, minimum: float, maximum: float) -> None:
        """Change the emotion scale; points outside it are clamped, all in one undo step.

        The map validates points against the scale on assignment, so the scale first widens to
        cover both ranges, then points are clamped, then it narrows: every step (and its undo) is valid.
        """
        old = self._journey.emotion_scale
        new = EmotionScale(min=minimum, max=maximum)
        if (old.min, old.max) == (new.min, new.max):
            return
        self.undo_stack.beginMacro("Change emotion scale")
        self._edit("map", "", {"emotion_scale": EmotionScale(min=min(old.min, new.min), max=max(old.max, new.max))},
                   "Widen emotion scale")
        for point in list(self._journey.emotions):
            if new.clamp(point.value) != point.value:
                self.edit_emotion(point.lane_id, point.stage_id, self._journey.curve_owner(point.persona_id),
                                  value=new.clamp(point.value))
        self._edit("map", "", {"emotion_scale": new}, "Change emotion scale")
        self.undo_stack.endMacro()

    def edit_metadata(self, **fields: Any) -> None:
        self._edit("metadata", "", fields, f"{describe_change(fields)} of the map")

    # --- snapshots (named versions kept in the file) -------------------------------------------
    # Each raises app.model.snapshots.SnapshotError (one readable line) for a bad or unknown name.

    def take_snapshot(self, name: str, author: str = "") -> str:
        """Keep the current content as a named version; returns the snapshot's id."""
        from app.model.snapshots import take_snapshot

        result = take_snapshot(self._journey, name, author)
        snapshot = result.snapshots[-1]
        self.undo_stack.push(SetSnapshotsCommand(self, self._journey.snapshots, result.snapshots,
                                                 f"Take snapshot {quote(snapshot.name)}"))
        return snapshot.id

    def restore_snapshot(self, snapshot_id: str) -> None:
        """Put the snapshot's content on the canvas (one undo step); every snapshot is kept."""
        from app.model.snapshots import find_snapshot

        snapshot = find_snapshot(self._journey, snapshot_id)
        # Neither map is copied here: replacing content builds new objects from it, and the map being replaced is
        # no longer the document's, so nothing edits either one afterwards.
        self.undo_stack.push(ReplaceContentCommand(self, self._journey, snapshot.content,
                                                   f"Restore snapshot {quote(snapshot.name)}"))

    def apply_merge(self, merged: JourneyMap, text: str) -> bool:
        """Make a merge result the map (content and snapshots) as one undo step; False when nothing changes."""
        content = merged.content()
        same_content = content == self._journey.content()
        same_snapshots = merged.snapshots == self._journey.snapshots
        if same_content and same_snapshots:
            return False
        self.undo_stack.beginMacro(text)
        if not same_content:
            self.undo_stack.push(ReplaceContentCommand(self, self._journey, content, text))
        if not same_snapshots:
            self.undo_stack.push(SetSnapshotsCommand(self, self._journey.snapshots, merged.snapshots, text))
        self.undo_stack.endMacro()
        return True

    def delete_snapshot(self, snapshot_id: str) -> None:
        from app.model.snapshots import delete_snapshot, find_snapshot

        name = find_snapshot(self._journey, snapshot_id).name
        result = delete_snapshot(self._journey, snapshot_id)
        self.undo_stack.push(SetSnapshotsCommand(self, self._journey.snapshots, result.snapshots,
                                                 f"Delete snapshot {quote(name)}"))

    def rename_snapshot(self, snapshot_id: str, new_name: str) -> None:
        from app.model.snapshots import find_snapshot, rename_snapshot

        old = find_snapshot(self._journey, snapshot_id)
        result = rename_snapshot(self._journey, snapshot_id, new_name)
        if [s.name for s in result.snapshots] != [s.name for s in self._journey.snapshots]:
            self.undo_stack.push(SetSnapshotsCommand(self, self._journey.snapshots, result.snapshots,
                                                     f"Rename snapshot {quote(old.name)} to {quote(new_name)}"))

    def sort_cell_by_votes(self, stage_id: str, lane_id: str) -> None:
        """Most votes first; cards with equal votes keep their order. One undo step."""
        cards = self.cards_in(stage_id, lane_id)
        ordered = sorted(cards, key=lambda card: -card.votes)
        if [c.id for c in ordered] == [c.id for c in cards]:
            return
        before = self._card_placement()
        after = self._placement_after_move([c.id for c in ordered], stage_id, lane_id, 0)
        self.undo_stack.push(MoveCardsCommand(self, [c.id for c in ordered], before, after,
                                             f"Sort {self._journey.stage(stage_id).name} / "
                                             f"{self._journey.lane(lane_id).name} by votes"))

    # --- helpers for the public methods ----------------------------------------------------

    def _edit(self, target: str, target_id: str, fields: dict[str, Any], text: str, merge_key: int = -1) -> None:
        current = self._read_fields(target, target_id, list(fields))
        if current == fields:
            return
        self.undo_stack.push(EditFieldsCommand(self, target, target_id, fields, text, merge_key))

    def _move(self, collection: str, item_id: str, index: int, text: str) -> None:
        order = [item.id for item in self._list(collection)]
        old = order.index(item_id)
        order.pop(old)
        index = max(0, min(index, len(order)))
        order.insert(index, item_id)
        if old != index:
            self.undo_stack.push(ReorderCommand(self, collection, order, text))

    def _remove_dependents(self, belongs) -> None:
        cards = [c for c in self._journey.cards if belongs(c)]
        points = [p for p in self._journey.emotions if belongs(p)]
        if cards:
            self.undo_stack.push(RemoveItemsCommand(self, "cards", cards, "Delete cards"))
        if points:
            self.undo_stack.push(RemoveItemsCommand(self, "emotions", points, "Delete emotion points"))

    def _card_position(self, stage_id: str, lane_id: str, index: int | None) -> int:
        """The position in the flat card list that puts a new card at `index` in its cell."""
        cell = self.cards_in(stage_id, lane_id)
        if index is None or index >= len(cell):
            return _position(self._journey.cards, cell[-1]) + 1 if cell else len(self._journey.cards)
        return _position(self._journey.cards, cell[max(0, index)])


def _position(cards: list[Card], card: Card) -> int:
    """Where `card` itself is in the list (list.index would compare every card by value)."""
    return next(i for i, other in enumerate(cards) if other is card)
