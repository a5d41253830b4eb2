"""Tooltips that give a header's text in full where the canvas shows it cut ("…"): a stage's name,
description and KPIs, a phase's or a lane's name. The PDF and the images give such text in numbered notes;
on the canvas, hovering the header shows it."""

from __future__ import annotations

from typing import Any

from app.check import is_cut
from app.layout.engine import has_kpi_lane, kpi_text


def _inside(rect: Any, x: float, y: float) -> bool:
    return rect.x <= x <= rect.right and rect.y <= y <= rect.bottom


def header_tooltip(layout: Any, kind: str, x: float, y: float) -> str:
    """The full text of the header at (x, y) of the stage header row (kind 'stages') or the lane header column
    ('lanes') when the canvas cuts some of it; '' when it shows all of it."""
    content = layout.content
    if kind == "lanes":
        for lane in content.lanes:
            header = layout.lane_headers.get(lane.id)
            if header is not None and _inside(header.rect, x, y):
                return lane.name if is_cut(header.name.lines, lane.name) else ""
        return ""
    for phase_box in layout.frame.phases:
        if _inside(phase_box.rect, x, y):
            name = content.phase(phase_box.phase_id).name
            return name if is_cut(phase_box.label.lines, name) else ""
    for header in layout.frame.stage_headers:
        if not _inside(header.rect, x, y):
            continue
        stage = content.stage(header.stage_id)
        details = header.details.lines if header.details else ()
        kpis = [] if has_kpi_lane(content) else stage.kpis
        described = details[: len(details) - len(kpis)]
        cut = (is_cut(header.name.lines, stage.name)
               or (stage.description.strip() and is_cut(described, stage.description))
               or any(is_cut((line,), kpi_text(kpi)) for kpi, line in zip(kpis, details[len(described):],
                                                                          strict=False)))
        if not cut:
            return ""
        return "\n\n".join(part for part in (stage.name, stage.description.strip(),
                                             "\n".join(kpi_text(kpi) for kpi in kpis)) if part)
    return ""
