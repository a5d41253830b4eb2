"""A comparison PDF: the newer map drawn as in the PDF export, with what changed marked on it, then
pages that list every change (`MapDiff.summary()`).

Added cards are outlined green with "+", changed ones amber with "~", moved ones blue with "→"
and where they came from; cells that lost cards say how many, and the removed cards are listed;
the old emotion curve is drawn faint and dashed behind the new one. Marks are the pure shapes
of `app.layout.compare_marks`, so the canvas can draw the same ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.io.errors import JourneyFileError
from app.io.pdf.export import FURNITURE_TEXT, PdfDocument, Progress
from app.io.pdf.extras import MUTED, TEXT, Flow
from app.io.pdf.pages import PdfOptionError, PdfOptions, pdf_options
from app.layout.model import MapLayout
from app.layout.shapes import Shape
from app.model.diff import MapDiff
from app.model.journey import JourneyContent


def write_comparison_pdf(old_content: JourneyContent, new_journey: JourneyContent, diff: MapDiff, path: Path | str,
                         *, old_label: str = "the old version", new_label: str = "the new version",
                         page_size: str | None = None, orientation: str | None = None, fit: str | None = None,
                         scale: float | None = None, margin: float | None = None, cover: bool | None = None,
                         appendix: bool | None = None, channels: bool | None = None,
                         progress: Progress | None = None, embed: bool = True) -> list[str]:
    """Write the comparison of `old_content` with `new_journey` (their `diff`) to `path`, atomically;
    returns warnings. Page options are those of `write_pdf`; like every PDF it carries the map it draws
    (the new version) unless `embed` is False."""
    from app.io.atomic import atomic_path
    from app.io.formats import verifying
    from app.io.verify import verify_pdf

    try:
        options = pdf_options(page_size, orientation, fit, scale, margin, cover, appendix, channels)
    except PdfOptionError as exc:
        raise JourneyFileError(None, str(exc)) from exc
    path = Path(path)
    if not path.parent.exists():
        raise JourneyFileError(path, f"cannot be written: the folder {path.parent} does not exist")
    document = ComparisonDocument(new_journey, options, old_content, diff, old_label, new_label)
    try:
        with atomic_path(path, verify=verifying(verify_pdf, path)) as temp:
            warnings = document.write(temp, progress)
            if embed:
                from app.io.embedded.pdf import embed_in_pdf

                embed_in_pdf(temp, new_journey)
            return warnings
    except OSError as exc:
        raise JourneyFileError(path, f"could not be written: {exc.strerror or exc}") from exc


class ComparisonDocument(PdfDocument):
    def __init__(self, journey: JourneyContent, options: PdfOptions, old: JourneyContent, diff: MapDiff,
                 old_label: str, new_label: str) -> None:
        self.old, self.diff = old, diff
        self.old_label, self.new_label = old_label, new_label
        super().__init__(journey, options)  # type: ignore[arg-type]
        self.title = f"{self.title} \u2014 changes since {old_label}"

    def _make_picture(self):
        from app.layout.painting import map_picture

        marks = change_marks(self.layout, self.content, self.old, self.diff)
        picture = map_picture(self.layout, self.title, underlay=marks["underlay"], overlay=marks["cards"])
        picture.stage_headers += marks["stages"]
        picture.lane_headers += marks["lanes"]
        return picture

    def _extra_pages(self) -> list[tuple[str, list[Shape]]]:
        pages = [("changes", shapes) for shapes in summary_pages(self.diff, self.options, self.old_label,
                                                                  self.new_label)]
        return pages + super()._extra_pages()

    def _sheet_furniture(self, sheet, window) -> list[Shape]:
        shapes = super()._sheet_furniture(sheet, window)
        if not self.plan.tiled:  # the marks' legend at the right of the title line
            from app.layout.compare_marks import mark_legend_shapes

            m = self.options.margin_pt
            _, width = mark_legend_shapes(0, 0, 8.5)
            legend, _ = mark_legend_shapes(self.options.page[0] - m - width, m + 13, 8.5, FURNITURE_TEXT)
            shapes += legend
        return shapes


# --- marks on the map -------------------------------------------------------------------


def change_marks(layout: MapLayout, new: JourneyContent, old: JourneyContent, diff: MapDiff) -> dict[str, list[Any]]:
    """Shapes for every change visible on the new map: "cards" (over the body), "underlay" (the old
    emotion curves), "stages" and "lanes" (over the header bands)."""
    from app.layout.compare_marks import compare_mark_shapes, old_curve_shapes, removed_mark_shapes

    cards: list[Shape] = []
    badges: dict[str, int] = {}

    def mark(card_id: str, kind: str, note: str = "") -> None:
        box = layout.cards.get(card_id)
        if box is None:
            return
        slot = badges.get(card_id, 0)
        badges[card_id] = slot + 1
        cards.extend(compare_mark_shapes(box, kind, note, slot))

    for ref in diff.cards_added:
        mark(ref.id, "added")
    for move in diff.cards_moved:
        note = (f"from {move.old.stage} / {move.old.lane}" if move.kind == "cell"
                else f"was #{move.old.index + 1} in cell")
        mark(move.new.id, "moved", note)
    for change in diff.cards_changed:
        mark(change.new.id, "changed", ", ".join(f.field for f in change.fields) if change.new.id not in badges
             else "")

    stage_of, lane_of = _id_maps(new, old, diff)
    removed: dict[tuple[str, str], int] = {}
    for ref in diff.cards_removed:
        cell = (stage_of.get(ref.stage_id), lane_of.get(ref.lane_id))
        if cell in layout.cells:
            removed[cell] = removed.get(cell, 0) + 1  # type: ignore[index]
    for cell, count in removed.items():
        ids = layout.cell_cards.get(cell, [])  # type: ignore[arg-type]
        below = layout.cards[ids[-1]].rect.bottom if ids else None
        cards.extend(removed_mark_shapes(layout.cells[cell].rect, count, below))

    stages = _header_marks(diff.stages, {h.stage_id: h.rect for h in layout.stage_headers})
    lanes = _header_marks(diff.lanes, {h.lane_id: h.rect for h in layout.lane_headers})

    underlay: list[Shape] = []
    if diff.emotions_added or diff.emotions_removed or diff.emotions_changed:
        for lane_id, points in old_emotions(layout, new, diff, stage_of, lane_of).items():
            underlay += old_curve_shapes(layout.emotion_lanes[lane_id], points)
    return {"cards": cards, "underlay": underlay, "stages": stages, "lanes": lanes}


def old_emotions(layout: MapLayout, new: JourneyContent, diff: MapDiff, stage_of: dict[str, str],
                 lane_of: dict[str, str]) -> dict[str, list[tuple[float, float]]]:
    """Per emotions lane of the new map: (x, old value) of each stage that had a point in the old map."""
    centre = {column.stage_id: column.x + column.width / 2 for column in layout.columns}
    old: dict[tuple[str, str], float] = {(p.lane_id, p.stage_id): p.value for p in new.emotions}
    for ref in diff.emotions_added:
        old.pop((ref.lane_id, ref.stage_id), None)
    for change in diff.emotions_changed:
        old[(change.new.lane_id, change.new.stage_id)] = change.old.value
    for ref in diff.emotions_removed:
        key = (lane_of.get(ref.lane_id), stage_of.get(ref.stage_id))
        if key[0] in layout.emotion_lanes and key[1] in centre:
            old[key] = ref.value  # type: ignore[index]
    lanes: dict[str, list[tuple[float, float]]] = {}
    for (lane_id, stage_id), value in old.items():
        if lane_id in layout.emotion_lanes and stage_id in centre:
            lanes.setdefault(lane_id, []).append((centre[stage_id], value))
    return lanes


def _id_maps(new: JourneyContent, old: JourneyContent, diff: MapDiff) -> tuple[dict[str, str], dict[str, str]]:
    """Old stage and lane ids -> new ones: same id, a paired change, else the same name."""

    def build(old_items: list[Any], new_items: list[Any], changes: Any) -> dict[str, str]:
        ids = {item.id for item in new_items}
        by_name = {item.name: item.id for item in new_items}
        paired = {change.old.id: change.new.id for change in changes}
        result = {}
        for item in old_items:
            target = item.id if item.id in ids else paired.get(item.id) or by_name.get(item.name)
            if target is not None:
                result[item.id] = target
        return result

    return build(old.stages, new.stages, diff.stages.changed), build(old.lanes, new.lanes, diff.lanes.changed)


# --- the summary pages ------------------------------------------------------------------


def summary_pages(diff: MapDiff, options: PdfOptions, old_label: str, new_label: str) -> list[list[Shape]]:
    """"What changed": from/to, counts, the removed cards (not on the map), then every change."""
    from app.layout.compare_marks import MARK_COLOR, mark_legend_shapes
    from app.model.diff_text import matching_note, quote

    flow = Flow(options)
    flow.para("What changed", 20, True)
    flow.para(f"From {old_label} to {new_label}.", 11, False, MUTED)
    note = matching_note(diff)
    if note:
        flow.para(f"Note: {note}.", 9.5, False, MUTED)
    flow.space(8)
    if diff.is_empty:
        flow.para("No differences: the two versions show the same map.", 12, True)
        return flow.pages
    legend, _ = mark_legend_shapes(flow.x, flow.y + 9, 9.5, TEXT)
    flow.pages[-1].extend(legend)
    flow.y += 16
    counts = [(len(diff.cards_added), "card added", "cards added"),
              (len(diff.cards_removed), "card removed", "cards removed"),
              (len(diff.cards_moved), "card moved", "cards moved"),
              (len(diff.cards_changed), "card changed", "cards changed"),
              (len(diff.stages.added) + len(diff.stages.removed) + len(diff.stages.changed), "stage change",
               "stage changes"),
              (len(diff.lanes.added) + len(diff.lanes.removed) + len(diff.lanes.changed), "lane change",
               "lane changes"),
              (len(diff.emotions_added) + len(diff.emotions_removed) + len(diff.emotions_changed),
               "emotion change", "emotion changes")]
    flow.para(", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n) + ".", 11)
    if diff.cards_removed:
        flow.space(10)
        flow.para("Removed cards (no longer on the map)", 13, True, keep=30)
        for ref in diff.cards_removed:
            text = quote(ref.text, 90) if ref.text.strip() else "(an empty card)"
            flow.para(f"\u2212 {text} \u2014 was in {ref.stage} / {ref.lane}", 10, False, MARK_COLOR["removed"],
                      indent=8)
    lines = diff.summary()
    flow.space(10)
    flow.para(f"Every change ({len(lines)})", 13, True, keep=30)
    for line in lines:
        flow.para(f"\u2022 {line}", 10, indent=8)
    return flow.pages


def _header_marks(changes, rects: dict) -> list[Shape]:
    """Outlines on the headers of added, changed and moved stages (or lanes)."""
    from app.layout.compare_marks import compare_mark_shapes

    shapes: list[Shape] = []
    for ref in changes.added:
        shapes += compare_mark_shapes(rects[ref.id].inset(3), "added")
    for change in changes.changed:
        shapes += compare_mark_shapes(rects[change.new.id].inset(3), "moved" if change.moved else "changed")
    return shapes
