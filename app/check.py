"""Check a map before sharing it: gaps in content and text the PDF layout will cut.

`check_map(content)` returns Findings in a stable order; "warning" findings are worth fixing
before a map goes to a client, "info" ones are suggestions. The text checks compare what the
layout engine (the same one the PDF uses) actually places with the full text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, NamedTuple

from app.model.enums import EvidenceStatus, LaneKind, LaneRole
from app.model.journey import JourneyContent

Severity = Literal["warning", "info"]

CONTENT_KINDS = (LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES)


class Finding(NamedTuple):
    """One problem `check` found, and where it is on the map."""

    severity: Severity
    code: str
    message: str
    stage_id: str | None = None
    lane_id: str | None = None
    card_id: str | None = None

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "message": self.message, "stage_id": self.stage_id,
                "lane_id": self.lane_id, "card_id": self.card_id}


CODES: dict[str, str] = {
    "no-pain-or-opportunity-lane": "the map has no pain points or opportunities lane",
    "stage-without-pain-or-opportunity": "a stage has no pain points or opportunities",
    "empty-lane": "a lane has no cards (or no emotion points)",
    "emotion-without-evidence": "an emotion point has no observed card in its stage",
    "duplicate-stage-name": "two stages have the same name",
    "duplicate-lane-name": "two lanes have the same name",
    "touchpoint-without-channel": "a touchpoint card names no channel",
    "text-cut": "text the PDF layout cuts with an ellipsis (the PDF gives it in full on its notes page)",
    "backstage-without-customer-action": "a stage has backstage or support cards but no customer action",
}
"""Every finding code, with what it means (stable: tools may filter on them)."""


def check_map(content: JourneyContent, layout: Any = None, *, text: bool = True) -> list[Finding]:
    """All findings for a map. `layout` is the MapLayout the PDF uses (computed when not given);
    `text=False` skips the layout-based text checks."""
    findings: list[Finding] = []
    findings += _duplicate_names("stage", content.stages)
    findings += _duplicate_names("lane", content.lanes)
    findings += _empty_lanes(content)
    findings += _stages_without_pain_or_opportunity(content)
    findings += _emotions_without_evidence(content)
    findings += _touchpoints_without_channel(content)
    findings += _backstage_without_customer_action(content)
    if text:
        findings += _cut_text(content, layout)
    return findings


def has_warnings(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "warning" for f in findings)


def _q(text: str) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= 60 else flat[:59].rstrip() + "…")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _duplicate_names(kind: str, items: list[Any]) -> list[Finding]:
    seen: dict[str, Any] = {}
    findings = []
    for item in items:
        key = _key(item.name)
        if key in seen:
            ids = {"stage_id": item.id} if kind == "stage" else {"lane_id": item.id}
            findings.append(Finding("warning", f"duplicate-{kind}-name",
                                    f"{kind} name {_q(item.name)} is used more than once", **ids))
        else:
            seen[key] = item
    return findings


def _empty_lanes(content: JourneyContent) -> list[Finding]:
    filled = {card.lane_id for card in content.cards} | {point.lane_id for point in content.emotions}
    has_kpis = any(stage.kpis for stage in content.stages)
    findings = []
    for lane in content.lanes:
        if lane.id in filled or (lane.kind == LaneKind.KPIS and has_kpis):
            continue
        what = "emotion points" if lane.kind == LaneKind.EMOTIONS else "cards"
        findings.append(Finding("warning", "empty-lane", f"lane {_q(lane.name)} has no {what}", lane_id=lane.id))
    return findings


def _stages_without_pain_or_opportunity(content: JourneyContent) -> list[Finding]:
    lanes = {lane.id for lane in content.lanes if lane.kind in CONTENT_KINDS}
    if not content.stages:
        return []
    if not lanes:
        return [Finding("warning", "no-pain-or-opportunity-lane", "the map has no pain points or opportunities lane")]
    covered = {card.stage_id for card in content.cards if card.lane_id in lanes}
    return [
        Finding("warning", "stage-without-pain-or-opportunity",
                f"stage {_q(stage.name)} has no pain points or opportunities", stage_id=stage.id)
        for stage in content.stages
        if stage.id not in covered
    ]


def _backstage_without_customer_action(content: JourneyContent) -> list[Finding]:
    """In a service blueprint, work behind the line of visibility serves a customer action in the same stage."""
    behind = {lane.id for lane in content.lanes if lane.role in (LaneRole.BACKSTAGE, LaneRole.SUPPORT)}
    if not behind:
        return []
    customer = {lane.id for lane in content.lanes if lane.role == LaneRole.CUSTOMER}
    busy = {card.stage_id for card in content.cards if card.lane_id in behind}
    acted = {card.stage_id for card in content.cards if card.lane_id in customer}
    return [
        Finding("warning", "backstage-without-customer-action",
                f"stage {_q(stage.name)} has backstage or support cards but no customer action", stage_id=stage.id)
        for stage in content.stages
        if stage.id in busy and stage.id not in acted
    ]


def _emotions_without_evidence(content: JourneyContent) -> list[Finding]:
    observed = {c.stage_id for c in content.cards if c.evidence and c.evidence.status == EvidenceStatus.OBSERVED}
    findings = []
    stage_order = {s.id: i for i, s in enumerate(content.stages)}
    lane_order = {lane.id: i for i, lane in enumerate(content.lanes)}
    for point in sorted(content.emotions, key=lambda p: (lane_order[p.lane_id], stage_order[p.stage_id])):
        if point.stage_id in observed:
            continue
        stage, lane = content.stage(point.stage_id), content.lane(point.lane_id)
        owner = content.curve_owner(point.persona_id)
        whose = f", {content.persona_by_id(owner).name}" if len(content.personas) > 1 and owner else ""
        findings.append(Finding(
            "warning", "emotion-without-evidence",
            f"emotion at {_q(stage.name)} ({lane.name}{whose}) has no observed card in that stage to back it",
            stage_id=stage.id, lane_id=lane.id))
    return findings


def _touchpoints_without_channel(content: JourneyContent) -> list[Finding]:
    lanes = {lane.id: lane for lane in content.lanes if lane.kind == LaneKind.TOUCHPOINTS}
    findings = []
    for card in content.cards:
        if card.lane_id in lanes and card.channel is None:
            stage = content.stage(card.stage_id)
            findings.append(Finding("info", "touchpoint-without-channel",
                                    f"touchpoint {_q(card.text) if card.text.strip() else '(empty card)'} "
                                    f"in {_q(stage.name)} names no channel",
                                    stage_id=stage.id, lane_id=card.lane_id, card_id=card.id))
    return findings


# --- text the layout cuts ---------------------------------------------------------------


_WRAP_MARKS = dict.fromkeys(map(ord, "\u00ad-\u200e\u200f"))
"""What wrapping may add or change besides whitespace: a soft hyphen shown as '-' where it breaks a word, a
direction mark that keeps a wrapped line in its paragraph's direction."""


def is_cut(lines: Iterable[str], full: str) -> bool:
    """Whether placed lines lose some of `full`: wrapping only drops whitespace, cutting drops text."""
    placed = "".join("".join(lines).split()).translate(_WRAP_MARKS)
    return placed != "".join(full.split()).translate(_WRAP_MARKS)


class CutText(NamedTuple):
    """A text the printed layout shortens: what it is, where, its full wording, and the finding."""

    what: str  # "card", "stage name", "stage description", "phase name", "lane name", "emotion label", "KPI"
    where: str  # e.g. "Decision / Thoughts"
    text: str  # the full text
    finding: Finding
    target: tuple[str, ...]  # what to mark on the layout: ("card", id), ("lane", id), ("emotion", lane, stage), ...


def cut_texts(content: JourneyContent, layout: Any = None) -> list[CutText]:
    """Every text the printed layout (cards capped at `PRINT_CARD_MAX_LINES`) shortens, in map order."""
    from app.layout import theme
    from app.layout.engine import compute_layout, has_kpi_lane, kpi_text
    from app.layout.kpis import kpi_label
    from app.layout.painting import lane_group_label

    if layout is None:
        layout = compute_layout(content, theme.PRINT_CARD_MAX_LINES)
    cuts: list[CutText] = []

    def add(what: str, where: str, text: str, message: str, target: tuple[str, ...], **ids: str) -> None:
        cuts.append(CutText(what, where, text, Finding("warning", "text-cut", message, **ids), target))

    stages = {stage.id: stage for stage in content.stages}
    kpis_in_lane = has_kpi_lane(content)  # then KPIs are bars in that lane, not lines in the stage headers
    for phase_box in layout.phases:
        phase = content.phase(phase_box.phase_id)
        if is_cut(phase_box.label.lines, phase.name):
            add("phase name", "phase band", phase.name, f"phase name {_q(phase.name)} is cut in the PDF layout",
                ("phase", phase.id))
    for header in layout.stage_headers:
        stage = stages[header.stage_id]
        if is_cut(header.name.lines, stage.name):
            add("stage name", f"stage {header.index + 1}", stage.name,
                f"stage name {_q(stage.name)} is cut in the PDF layout", ("stage", stage.id), stage_id=stage.id)
        details = header.details.lines if header.details else ()
        header_kpis = [] if kpis_in_lane else stage.kpis
        description_lines = details[: len(details) - len(header_kpis)]
        if stage.description.strip() and is_cut(description_lines, stage.description):
            add("stage description", stage.name, stage.description,
                f"the description of stage {_q(stage.name)} is cut in the PDF layout "
                f"(it shows {len(description_lines)} lines)", ("description", stage.id), stage_id=stage.id)
        for kpi, line in zip(header_kpis, details[len(description_lines):], strict=False):
            if is_cut((line,), kpi_text(kpi)):
                cuts.append(CutText("KPI", stage.name, kpi_text(kpi), _kpi_cut(kpi, stage), ("kpi", stage.id, kpi.id)))
    seen: set[tuple[str, str]] = set()
    for bars in getattr(layout, "kpi_lanes", {}).values():
        for bar in bars:
            stage = stages[bar.stage_id]
            kpi = next(k for k in stage.kpis if k.id == bar.kpi_id)
            cut = is_cut(bar.name.lines, kpi.name) or is_cut(bar.label.lines, kpi_label(kpi))
            if cut and (stage.id, kpi.id) not in seen:  # two KPI lanes show the same bars: say it once
                seen.add((stage.id, kpi.id))
                cuts.append(CutText("KPI", stage.name, f"{kpi.name}: {kpi_label(kpi)}", _kpi_cut(kpi, stage),
                                    ("kpi", stage.id, kpi.id)))
    lanes = {lane.id: lane for lane in content.lanes}
    for header in layout.lane_headers:
        lane = lanes[header.lane_id]
        if is_cut(header.name.lines, lane.name):
            add("lane name", f"lane {header.index + 1}", lane.name,
                f"lane name {_q(lane.name)} is cut in the PDF layout", ("lane", lane.id), lane_id=lane.id)
    groups_seen: set[str] = set()
    for group_box in getattr(layout, "lane_groups", ()):  # the band's upright name is cut to the band's height
        if group_box.group_id not in groups_seen and is_cut((lane_group_label(group_box),), group_box.name):
            groups_seen.add(group_box.group_id)
            add("lane group name", "lane group band", group_box.name,
                f"lane group name {_q(group_box.name)} is cut in the PDF layout", ("group", group_box.group_id))
    for lane_box in layout.emotion_lanes.values():
        for point_box in lane_box.points:
            if point_box.label is None:
                continue
            point = content.emotion(point_box.lane_id, point_box.stage_id)
            if point is not None and point.label and is_cut(point_box.label.lines, point.label):
                stage_name = stages[point.stage_id].name
                add("emotion label", f"{stage_name} / {lanes[point.lane_id].name}", point.label,
                    f"emotion label {_q(point.label)} at {_q(stage_name)} is cut in the PDF layout",
                    ("emotion", point.lane_id, point.stage_id), stage_id=point.stage_id, lane_id=point.lane_id)
    cards = {card.id: card for card in content.cards}
    for lane in content.lanes:
        for stage in content.stages:
            for card_id in layout.cell_cards.get((stage.id, lane.id), ()):
                box = layout.cards[card_id]
                if box.cut:
                    card = cards[card_id]
                    add("card", f"{stage.name} / {lane.name}", card.text,
                        f"card {_q(card.text)} in {_q(stage.name)} is longer than {theme.PRINT_CARD_MAX_LINES} "
                        "lines; the PDF continues it in a note", ("card", card_id),
                        stage_id=stage.id, lane_id=lane.id, card_id=card_id)
    return cuts


def _cut_text(content: JourneyContent, layout: Any) -> list[Finding]:
    findings = [cut.finding for cut in cut_texts(content, layout)]
    title = content.metadata.title
    if title and not _title_fits_default_page(title):
        findings.insert(0, title_cut(title, " (on A4 landscape: the notes page gives it in full)").finding)
    return findings


def _title_fits_default_page(title: str) -> bool:
    """Whether the title fits the title line above the map of a PDF with the default page and margin."""
    from app.io.pdf.furniture import title_fits
    from app.io.pdf.pages import pdf_options

    options = pdf_options()
    return title_fits(title, options.page[0] - 2 * options.margin_pt)


def title_cut(title: str, page: str = "") -> CutText:
    """The map's title, too long for the title line above a PDF page's map (`page`: what to add about which
    page, when the caller does not know the one the PDF will use)."""
    return CutText("map title", "the title line", title,
                   Finding("warning", "text-cut", f"the map title {_q(title)} is cut in the PDF's title line{page}"),
                   ("title",))


def _kpi_cut(kpi: Any, stage: Any) -> Finding:
    return Finding("warning", "text-cut", f"KPI {_q(kpi.name)} of stage {_q(stage.name)} is cut in the PDF layout",
                   stage_id=stage.id)
