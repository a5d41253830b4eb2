"""What is selected on the canvas, by id: the canvas emits it, panels and menus read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    """At most one kind of thing is selected at a time, except cards, which may be many.

    `cell` is the cell cursor (stage_id, lane_id): where typing, Enter and paste add cards.
    """

    cards: tuple[str, ...] = ()
    stage_id: str | None = None  # a stage header
    lane_id: str | None = None  # a lane header
    phase_id: str | None = None  # a phase band
    emotion: tuple[str, str] | None = None  # (lane_id, stage_id) of an emotion point
    cell: tuple[str, str] | None = None  # (stage_id, lane_id)

    @property
    def is_empty(self) -> bool:
        return not (self.cards or self.stage_id or self.lane_id or self.phase_id or self.emotion or self.cell)
