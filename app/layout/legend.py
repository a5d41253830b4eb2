"""A one-line legend for a map's markers: evidence (observed / assumed / proposed) and KPI colours.

Pure shapes, so the PDF footer (and any other exporter) draws exactly the markers the cards use.
"""

from __future__ import annotations

from app.layout import theme
from app.layout.fonts import text_width
from app.layout.icons import evidence_marker
from app.layout.shapes import RectShape, Shape, TextShape
from app.model.enums import EvidenceStatus, LaneKind
from app.model.journey import JourneyContent

KPI_ITEMS = (("met", "target met"), ("near", "within 10 %"), ("missed", "missed"))


def legend_items(content: JourneyContent) -> tuple[bool, bool]:
    """(evidence, kpis): which parts of the legend the map needs."""
    evidence = any(card.evidence is not None for card in content.cards)
    kpis = any(lane.kind == LaneKind.KPIS for lane in content.lanes) and any(s.kpis for s in content.stages)
    return evidence, kpis


def legend_shapes(x: float, baseline: float, size: float, *, evidence: bool = True, kpis: bool = False,
                  color: str = theme.CARD_MUTED_TEXT) -> tuple[list[Shape], float]:
    """The legend starting at x on a text baseline; returns its shapes and its width."""
    shapes: list[Shape] = []
    marker = size * 0.95
    top = baseline - size * 0.78  # a marker centred on the text's x-height band
    cursor = x

    def text(label: str, bold: bool = False, gap: float = 0.0) -> None:
        nonlocal cursor
        shapes.append(TextShape(cursor, baseline, label, size, bold, color))
        cursor += text_width(label, size, bold) + gap

    if evidence:
        text("Evidence:", True, size * 0.5)
        for status in EvidenceStatus:
            shapes.extend(evidence_marker(status, cursor, top, marker, theme.EVIDENCE_COLOR[status]))
            cursor += marker + size * 0.35
            text(status.label, gap=size * 0.9)
    if kpis:
        if evidence:
            cursor += size * 0.6
        text("KPI:", True, size * 0.5)
        for status, label in KPI_ITEMS:
            shapes.append(RectShape(cursor, top + marker * 0.2, marker * 1.6, marker * 0.6,
                                    theme.KPI_STATUS_COLOR[status], None, 0, marker * 0.3))
            cursor += marker * 1.6 + size * 0.35
            text(label, gap=size * 0.9)
    width = max(0.0, cursor - x - size * 0.9) if (evidence or kpis) else 0.0
    return shapes, width
