"""What is selected on the canvas, by id: the canvas emits it, panels and menus read it."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from app.document import JourneyDocument


class Selection(NamedTuple):
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


def describe_selection(document: JourneyDocument, selection: Selection) -> str:
    """What screen readers hear about the current selection."""
    journey = document.journey
    if selection.cards:
        card = document.card(selection.cards[-1])
        where = f"{journey.stage(card.stage_id).name} / {journey.lane(card.lane_id).name}"
        more = f" (and {len(selection.cards) - 1} more)" if len(selection.cards) > 1 else ""
        return f"Card '{card.text}' in {where}{more}"
    if selection.stage_id:
        return f"Stage '{journey.stage(selection.stage_id).name}'"
    if selection.lane_id:
        return f"Lane '{journey.lane(selection.lane_id).name}'"
    if selection.phase_id:
        return f"Phase '{journey.phase(selection.phase_id).name}'"
    if selection.emotion:
        point = document.emotion(*selection.emotion)
        return f"Emotion {point.value:g} in {journey.stage(point.stage_id).name}" if point else ""
    if selection.cell:
        stage_id, lane_id = selection.cell
        count = len(document.cards_in(stage_id, lane_id))
        return f"Cell {journey.stage(stage_id).name} / {journey.lane(lane_id).name}, {count} cards"
    return "Nothing selected"
