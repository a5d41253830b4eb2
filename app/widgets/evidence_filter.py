"""View > Show evidence: dim the cards whose evidence status does not match (observed, assumed,
proposed, or not marked), so a team sees at a glance what research backs the map."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QWidget

from app.layout.theme import EVIDENCE_COLOR
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


def evidence_legend(parent: QWidget) -> QLabel:
    """The evidence markers the cards carry, in their colour-blind-safe colours (also in PDFs)."""
    glyphs = {EvidenceStatus.OBSERVED: "●", EvidenceStatus.ASSUMED: "○", EvidenceStatus.PROPOSED: "◆"}
    parts = [f'<span style="color:{EVIDENCE_COLOR[s]}">{glyphs[s]}</span> {s.label}' for s in EvidenceStatus]
    label = QLabel("Evidence: " + " &nbsp; ".join(parts), parent)
    label.setAccessibleName("Evidence legend: filled circle observed, hollow circle assumed, diamond proposed")
    label.setToolTip("View ▸ Show evidence filters the canvas by it")
    return label
