"""View > Show evidence: dim the cards whose evidence status does not match (observed, assumed,
proposed, or not marked), so a team sees at a glance what research backs the map."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.model import EvidenceStatus

UNMARKED = "unmarked"
DIMMED = 0.2

Filter = EvidenceStatus | str | None  # None: every card; UNMARKED: cards with no evidence status


def matches(card, wanted: Filter) -> bool:
    if wanted is None:
        return True
    status = card.evidence.status if card.evidence is not None else None
    return status is None if wanted == UNMARKED else status == wanted


def apply_filter(scene, wanted: Filter) -> None:
    """Full opacity for matching cards, DIMMED for the rest (all full with None)."""
    document = scene.document
    for card_id, item in scene.cards.items():
        if document.has_card(card_id):
            item.setOpacity(1.0 if matches(document.card(card_id), wanted) else DIMMED)


class EvidenceFilter(QObject):
    """Keeps a filter applied to a scene while cards come, go and change."""

    def __init__(self, scene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.wanted: Filter = None
        self._was_filtering = False
        document = scene.document
        # Connected after the scene's own slots, so new card items exist when this runs.
        for signal in (document.replaced, document.structureChanged, document.cardsChanged):
            signal.connect(self.reapply)
        scene.canvasSelectionChanged.connect(self.reapply)  # after a drag put opacity back to 1

    def set_filter(self, wanted: Filter) -> None:
        self.wanted = wanted
        self.reapply()

    def reapply(self, *_args) -> None:
        if self.wanted is None and not self._was_filtering:
            return  # nothing dimmed, nothing to undo
        apply_filter(self.scene, self.wanted)
        self._was_filtering = self.wanted is not None
