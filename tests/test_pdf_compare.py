"""The comparison PDF: the new map with its changes marked, and a summary page listing every change."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from app.io.pdf.compare import ComparisonDocument, change_marks, summary_pages, write_comparison_pdf
from app.io.pdf.pages import pdf_options
from app.layout import compute_layout
from app.layout.compare_marks import MARK_COLOR, compare_mark_shapes, old_curve_shapes, removed_mark_shapes
from app.layout.geometry import Rect
from app.layout.shapes import EllipseShape, PathShape, RectShape, TextShape
from app.model import Card
from app.model.diff import diff_contents
from tests.conftest import PROJECT_ROOT
from tests.test_diff import edited_pairs


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _outlines(shapes, kind: str) -> list[tuple[float, float]]:
    return [(s.x, s.y) for s in shapes if isinstance(s, RectShape) and s.stroke == MARK_COLOR[kind] and s.fill is None]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_pairs())
def test_generated_pairs_mark_and_list_every_known_change(pair):
    old, new, expected = pair
    diff = diff_contents(old.content(), new.content())
    layout = compute_layout(new.content())
    marks = change_marks(layout, new.content(), old.content(), diff)
    for kind, card_ids in (("added", expected["added"]), ("moved", expected["moved"])):
        outlined = set(_outlines(marks["cards"], kind))
        for card_id in card_ids:
            if diff.matching["cards"] == "id":
                rect = layout.cards[card_id].rect
                assert (rect.x - 2.5, rect.y - 2.5) in outlined, f"{kind} card {card_id} is not marked"
    if diff.matching["cards"] == "id":
        pills = [s.text for s in marks["cards"] if isinstance(s, TextShape) and s.text.endswith(" removed")]
        assert sum(int(text.split()[1]) for text in pills) == len(expected["removed"])
    if expected["emotion_changed"] or expected["emotion_removed"]:
        assert any(isinstance(s, PathShape) and s.dash for s in marks["underlay"]) or any(
            isinstance(s, EllipseShape) for s in marks["underlay"])
    pages = summary_pages(diff, pdf_options(), "A", "B")
    text = _squeezed(" ".join(s.text for page in pages for s in page if isinstance(s, TextShape)))
    for line in diff.summary():
        assert _squeezed(line) in text
    if diff.is_empty:
        assert "Nodifferences" in text


def _pair(example_map):
    old = example_map.model_copy(deep=True)
    new = example_map
    new.cards.append(Card(stage_id="st-decide", lane_id="ln-pain", text="Porting code arrives by SMS only"))
    removed = next(c for c in new.cards if c.lane_id == "ln-opps")
    new.cards.remove(removed)
    moved = [c for c in new.cards if c.lane_id == "ln-actions"][1]
    moved.stage_id = "st-decide"
    for point in new.emotions:
        if point.stage_id == "st-decide":
            point.value = 0.0
    return old, new, removed, moved


def test_comparison_pdf_of_a_known_pair(example_map, tmp_path):
    old, new, removed, moved = _pair(example_map)
    diff = diff_contents(old.content(), new.content())
    path = tmp_path / "changes.pdf"
    assert write_comparison_pdf(old.content(), new, diff, path, old_label="Workshop 1", new_label="Workshop 2",
                                page_size="A3") == []  # on A4 the map would go on two spreads
    reader = PdfReader(str(path))
    assert len(reader.pages) == 2
    first, summary = (page.extract_text() for page in reader.pages)
    assert "changes since Workshop 1" in first and "from Awareness / Customer actions" in first
    assert "\u2212 1 removed" in first
    assert summary.startswith("What changed") and "From Workshop 1 to Workshop 2." in summary
    assert "1 card added, 1 card removed, 1 card moved, 1 emotion change." in summary
    flat = _squeezed(summary)
    for line in ("Card 'Porting code arrives by SMS only' added to Decision/Pain points",
                 f"Card '{removed.text}' removed from Awareness/Opportunities",
                 f"Card '{moved.text}' moved from Awareness/Customer actions to Decision/Customer actions",
                 "Emotion at Decision/Emotions changed from -2 to 0"):
        assert _squeezed(line) in flat
    assert _squeezed(f"\u2212 '{removed.text}' \u2014 was in Awareness / Opportunities") in flat
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[-1] == "What changed"


def test_marks_geometry_and_old_curve(example_map):
    rect = Rect(10, 20, 164, 40)  # a card's size
    added = compare_mark_shapes(rect, "added")
    outline = added[0]
    assert isinstance(outline, RectShape) and outline.stroke == MARK_COLOR["added"]
    assert (outline.x, outline.y, outline.width, outline.height) == (7.5, 17.5, 169, 45)
    assert [s.text for s in added if isinstance(s, TextShape)] == ["+"]
    moved = compare_mark_shapes(rect, "moved", "from Awareness / Touchpoints")
    assert [s.text for s in moved if isinstance(s, TextShape)] == ["\u2192", "from Awareness / Touchpoints"]
    second = compare_mark_shapes(rect, "changed", slot=1)  # a badge beside the first, no second outline
    assert not any(isinstance(s, RectShape) and s.fill is None for s in second)
    pill = removed_mark_shapes(rect, 2, below=40)
    assert [s.text for s in pill if isinstance(s, TextShape)] == ["\u2212 2 removed"]
    assert removed_mark_shapes(rect, 0) == []
    layout = compute_layout(example_map)
    lane = next(iter(layout.emotion_lanes.values()))
    points = [(p.x, -2.0) for p in lane.points]
    shapes = old_curve_shapes(lane, points)
    curve = [s for s in shapes if isinstance(s, PathShape)]
    assert curve and curve[-1].dash and curve[-1].fill is None
    dots = [s for s in shapes if isinstance(s, EllipseShape)]
    assert len(dots) == len(points) and all(abs(d.cy - lane.y_for(-2.0)) < 1e-6 for d in dots)


def test_no_differences(example_map, tmp_path):
    path = tmp_path / "same.pdf"
    content = example_map.content()
    write_comparison_pdf(content, example_map, diff_contents(content, content), path)
    assert "No differences" in PdfReader(str(path)).pages[-1].extract_text()


def test_tiled_comparison_has_the_guide_the_sheets_and_the_summary(example_map, tmp_path):
    old, new, _, _ = _pair(example_map)
    document = ComparisonDocument(new, pdf_options(fit="tile", scale=100), old.content(),
                                  diff_contents(old.content(), new.content()), "A", "B")
    kinds = [kind for kind, _ in document._pages()]
    assert kinds[0] == "guide" and kinds[-1] == "changes" and kinds.count("sheet") >= 2


@pytest.mark.parametrize("spec", ["plain", "snapshot"])
def test_cli_diff_pdf(example_map, tmp_path, spec):
    from app.io.journey.file import save_journey
    from app.model.snapshots import take_snapshot

    old, new, removed, _ = _pair(example_map)
    a, b, out = tmp_path / "a.journey", tmp_path / "b.journey", tmp_path / "out.pdf"
    save_journey(old, a)
    if spec == "snapshot":  # FILE@NAME against the file itself
        journey = take_snapshot(old, "Workshop 1")
        journey = journey.model_copy(update={"cards": new.cards, "emotions": new.emotions})
        save_journey(journey, b)
        args = [f"{b}@Workshop 1", str(b)]
    else:
        save_journey(new, b)
        args = [str(a), str(b)]
    result = subprocess.run([sys.executable, "-m", "app.cli", "diff", *args, "--pdf", str(out)], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "removed from Awareness/Opportunities" in result.stdout and "wrote" in result.stderr
    summary = PdfReader(str(out)).pages[-1].extract_text()
    assert _squeezed(f"Card '{removed.text}' removed from Awareness/Opportunities") in _squeezed(summary)
    bad = subprocess.run([sys.executable, "-m", "app.cli", "diff", *args, "--pdf", str(tmp_path / "out.png")],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "ending in .pdf" in bad.stderr
