"""The open map's personas changed: edited, added, deleted (with their curves), reordered. Mixed into
JourneyDocument: each change is undo commands on its stack, like every other edit of the map.

Emotion points without a persona belong to the first persona, so before the first persona changes (one is
added in front, moved, deleted) those points are given its id: each curve stays with whom it described.
"""

from __future__ import annotations

from typing import Any

from app.command_names import describe_edit, quote
from app.commands import InsertItemsCommand, RemoveItemsCommand
from app.model import Persona


class DocumentPersonaEdits:
    """Uses JourneyDocument's map, undo stack and its `_edit` / `_move` helpers."""

    _journey: Any
    undo_stack: Any
    card: Any
    edit_cards_each: Any

    def edit_persona(self, persona_id: str | None = None, **fields: Any) -> None:
        """Change a persona's fields (the first persona's without an id; a map without one gets one)."""
        if self._journey.persona is None:
            self.undo_stack.beginMacro(describe_edit("persona", "", fields))
            persona = Persona()
            self.undo_stack.push(InsertItemsCommand(self, "personas", [(0, persona)], "Add persona"))
            self._edit("persona", persona.id, fields, "Edit persona")
            self.undo_stack.endMacro()
        else:
            current = self._journey.persona_by_id(persona_id) if persona_id else self._journey.persona
            self._edit("persona", persona_id or "", fields, describe_edit("persona", current.name, fields))

    def add_persona(self, name: str = "", index: int | None = None, **fields: Any) -> str:
        persona = Persona(name=name, **fields)
        position = len(self._journey.personas) if index is None else max(0, min(index, len(self._journey.personas)))
        if position == 0 and self._journey.personas:
            self.undo_stack.beginMacro(f"Add persona {quote(name)}")
            self._pin_first_curve()
            self.undo_stack.push(InsertItemsCommand(self, "personas", [(position, persona)], "Add persona"))
            self.undo_stack.endMacro()
        else:
            self.undo_stack.push(InsertItemsCommand(self, "personas", [(position, persona)],
                                                    f"Add persona {quote(name)}"))
        return persona.id

    def remove_persona(self, persona_id: str) -> None:
        """Delete a persona and its curves; its cards stay, tied to the other personas they name (or to all)."""
        persona = self._journey.persona_by_id(persona_id)
        self.undo_stack.beginMacro(f"Delete persona {quote(persona.name)}")
        points = [p for p in self._journey.emotions if self._journey.curve_owner(p.persona_id) == persona_id]
        if points:
            self.undo_stack.push(RemoveItemsCommand(self, "emotions", points, "Delete the persona's curves"))
        self._pin_first_curve()
        for card in self._journey.cards:
            if persona_id in card.personas:
                self._edit("card", card.id, {"personas": [p for p in card.personas if p != persona_id]},
                           "Untie card from persona")
        self.undo_stack.push(RemoveItemsCommand(self, "personas", [persona], "Delete persona"))
        self.undo_stack.endMacro()

    def tie_cards(self, card_ids: list[str] | tuple[str, ...], persona_id: str, tied: bool) -> None:
        """Tie several cards to one persona (or untie them), each keeping its other personas: one undo step."""
        order = [p.id for p in self._journey.personas]
        changes = {}
        for card_id in card_ids:
            ids = self.card(card_id).personas
            if (persona_id in ids) != tied:
                wanted = [*ids, persona_id] if tied else [p for p in ids if p != persona_id]
                changes[card_id] = {"personas": sorted(wanted, key=lambda p: order.index(p) if p in order else -1)}
        name = quote(self._journey.persona_by_id(persona_id).name)
        self.edit_cards_each(changes, f"Tie {{n}} cards to persona {name}" if tied else
                             f"Untie {{n}} cards from persona {name}")

    def move_persona(self, persona_id: str, index: int) -> None:
        self.undo_stack.beginMacro(f"Move persona {quote(self._journey.persona_by_id(persona_id).name)}")
        self._pin_first_curve()
        self._move("personas", persona_id, index, "Move persona")
        self.undo_stack.endMacro()

    def _pin_first_curve(self) -> None:
        """Points without a persona mean "the first persona": name it before the first persona changes."""
        first = self._journey.curve_owner(None)
        if first is None:
            return
        for point in self._journey.emotions:
            if point.persona_id is None:
                self._edit("emotion", f"{point.lane_id}:{point.stage_id}:{first}", {"persona_id": first},
                           "Name the curve's persona")
