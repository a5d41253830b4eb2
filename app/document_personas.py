"""The persona side of the open map's view settings: which personas the views show (the filter, with the
filtered map kept current edit by edit), whose emotion curve the editor changes, and the personas a new
card is tied to. Mixed into JourneyDocument, whose signals it uses; nothing here changes the map."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.model import JourneyMap

Cell = tuple[str, str]


class DocumentPersonaView:
    _journey: Any
    _persona_filter: tuple[str, ...]
    _visible: Any
    _active_persona: str | None

    # --- the persona filter (a view setting, not part of the map) ------------------------------

    @property
    def persona_filter(self) -> tuple[str, ...]:
        """The ids of the personas the views show; empty = all."""
        return tuple(i for i in self._persona_filter if any(p.id == i for p in self._journey.personas))

    def set_persona_filter(self, persona_ids: Iterable[str]) -> None:
        ids = tuple(dict.fromkeys(persona_ids))
        if ids != self._persona_filter:
            self._persona_filter = ids
            self.personaFilterChanged.emit()

    def visible_journey(self) -> JourneyMap:
        """The map as the filter shows it (the map itself without a filter): what the canvas and exports draw.

        Filtered once, then kept current edit by edit (only the touched cells' cards are filtered again);
        treat it as read-only."""
        from app.model.personas import filter_personas

        ids = self.persona_filter
        if not ids:
            return self._journey
        if self._visible is None:
            self._visible = filter_personas(self._journey, ids)
        return self._visible

    def _drop_visible(self, *_args) -> None:
        self._visible = None

    def _refilter_cards(self, cells: set[Cell]) -> None:
        from app.model.personas import refilter_cards

        if self._visible is not None:
            fresh = {cell: self.cards_in(*cell) for cell in cells}
            self._visible = refilter_cards(self._visible, fresh, set(self.persona_filter))

    def _refilter_emotions(self, _lanes: object = None) -> None:
        from app.model.personas import refilter_emotions

        if self._visible is not None:
            self._visible = refilter_emotions(self._visible, self._journey, set(self.persona_filter))

    @property
    def active_persona_id(self) -> str | None:
        """Whose emotion curve the editor changes: the persona picked for it (`set_active_persona`) while it
        is on the map and shown, else the first persona the filter shows (None without personas)."""
        ids = self.persona_filter
        chosen = self._active_persona
        if chosen is not None and any(p.id == chosen for p in self._journey.personas) and (not ids or chosen in ids):
            return chosen
        if ids:
            return next(p.id for p in self._journey.personas if p.id in ids)
        return self._journey.curve_owner(None)

    def set_active_persona(self, persona_id: str | None) -> None:
        """Pick whose curve clicks and drags on the emotions lane change (a view setting, not part of the map)."""
        before = self.active_persona_id
        self._active_persona = persona_id
        if self.active_persona_id != before:
            self.activePersonaChanged.emit()

    def new_card_personas(self) -> list[str]:
        """The personas a card added now is tied to: those the filter shows (all personas without a filter,
        or when it shows every one), so a new card stays in view."""
        ids = set(self.persona_filter)
        if not ids or all(p.id in ids for p in self._journey.personas):
            return []
        return [p.id for p in self._journey.personas if p.id in ids]

