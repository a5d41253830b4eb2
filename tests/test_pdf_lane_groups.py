"""Lane groups on PDF spreads: a page whose lanes continue from (or on) another page still names the group of
every lane it shows, whole and inside the page, or cut with a note number whose note gives it in full."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pypdf import PdfReader

from app.io.formats import write_map
from app.model.journey import Card, JourneyMap, LaneGroup, Stage
from app.model.templates import map_from_template
from tests.test_pdf_export import squash

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def blueprint(stages: int, cards: int, names: tuple[str, str, str]) -> JourneyMap:
    """The service-blueprint template with `stages` stages, `cards` cards in each text cell, and three lane
    groups: the five customer lanes, the frontstage lane, the backstage and support lanes."""
    journey = map_from_template("service-blueprint", "Blueprint")
    while len(journey.stages) < stages:
        journey.stages.append(Stage(name=f"Stage {len(journey.stages) + 1}"))
    groups = [LaneGroup(name=name) for name in names]
    journey.lane_groups = groups
    for index, lane in enumerate(journey.lanes):
        lane.group_id = groups[0 if index < 5 else 1 if index == 5 else 2].id
    journey.cards = [Card(stage_id=stage.id, lane_id=lane.id, text=f"{lane.name} {k} in {stage.name}, some words")
                     for stage in journey.stages for lane in journey.lanes if lane.kind.value != "emotions"
                     for k in range(cards)]
    return JourneyMap.model_validate(journey.model_dump())


def _lanes_on_page(text: str, journey: JourneyMap) -> list[int]:
    """The lanes a spread page shows, from its footer ("lanes 3–5 of 8"), or all of them."""
    found = re.search(r"lanes (\d+)\u2013(\d+) of", text)
    return list(range(int(found[1]) - 1, int(found[2]))) if found else list(range(len(journey.lanes)))


def _check_every_page_names_its_groups(journey: JourneyMap, out: Path) -> list[str]:
    pages = [squash(page.extract_text() or "") for page in PdfReader(out).pages]
    groups = {group.id: group.name for group in journey.lane_groups}
    map_pages = [text for text in pages if "Blueprint \u2014" in text and "Notes" not in text[:40]]
    assert len(map_pages) > 1  # a spread
    for text in map_pages:
        for lane in _lanes_on_page(text, journey):
            name = groups[journey.lanes[lane].group_id]
            cut = re.search(r"\u2026 \[(\d+)\]", text)
            assert name in text or cut is not None, (name, text[:300])
    return pages


@needs_pdftotext
@pytest.mark.parametrize("stages, cards", [(6, 12), (30, 2)], ids=["tall: a lane a page", "wide and tall"])
def test_every_page_of_a_spread_names_the_group_of_each_of_its_lanes_whole(tmp_path, stages, cards):
    journey = blueprint(stages, cards, ("Customer journey", "Frontstage", "Backstage and support"))
    out = tmp_path / "groups.pdf"
    warnings = write_map(journey, out)
    cut = [w for w in warnings if "lane group" in w]
    if cards == 12:  # lanes a page tall: every part of a band holds its group's name
        assert not cut, warnings
    else:  # the Pain points lane alone on the pages of lanes 5-8 is too short for 'Customer journey'
        assert cut == ["lane group name 'Customer journey' is cut on PDF pages 6\u201310, where only some of its "
                       "lanes are; given in full in note 1 on page 11"]
    _check_every_page_names_its_groups(journey, out)
    # each group name is drawn inside its page's map, never across the page's edge into the footer
    reader = PdfReader(out)
    for number in range(1, len(reader.pages) + 1):
        page_height = float(reader.pages[number - 1].mediabox.height)
        layout = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-bbox", str(out), "-"],
                                capture_output=True, text=True, check=True).stdout
        footer_top = min((float(m[1]) for m in re.finditer(r'yMin="([\d.]+)"[^>]*>page<', layout)), default=None)
        for word in ("journey", "Backstage", "support"):
            for m in re.finditer(rf'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{word}<', layout):
                assert float(m[2]) <= (footer_top or page_height) - 2, (number, word, m[0])


def test_a_part_of_a_band_too_short_for_the_name_gives_it_in_a_note(tmp_path):
    long_name = "Customer journey"  # the Pain points lane alone on the pages of lanes 5-8 is too short for it
    journey = blueprint(30, 2, (long_name, "Frontstage", "Backstage"))
    out = tmp_path / "groups.pdf"
    warnings = write_map(journey, out)
    said = [w for w in warnings if "lane group name" in w]
    assert len(said) == 1 and "is cut on PDF page" in said[0] and "given in full in note" in said[0], warnings
    number = int(re.search(r"note (\d+) on page", said[0])[1])
    pages = _check_every_page_names_its_groups(journey, out)
    assert any(f"\u2026 [{number}]" in text for text in pages)
    notes = next(text for text in pages if text.startswith("Notes"))
    assert f"{number}. Lane group name" in notes and long_name in notes


def test_each_poster_sheet_of_the_left_column_names_the_groups_of_the_lanes_on_it(tmp_path):
    from app.io.pdf.export import PdfDocument
    from app.io.pdf.pages import pdf_options

    journey = blueprint(6, 12, ("Customer journey", "Frontstage", "Backstage and support"))
    out = tmp_path / "poster.pdf"
    write_map(journey, out, fit="tile", scale=60)
    plan = PdfDocument(journey, pdf_options(fit="tile", scale=60)).plan
    pages = [squash(page.extract_text() or "") for page in PdfReader(out).pages]
    names = {group.id: group.name for group in journey.lane_groups}
    overlap = plan.overlap / plan.scale
    rows = PdfDocument(journey, pdf_options()).layout.rows
    checked = 0
    for sheet in plan.sheets:
        if sheet.column:
            continue
        text = next(t for t in pages if f"row {sheet.row + 1} / column 1" in t)
        _, y0, _, y1 = sheet.window
        bands = {}  # group -> its rows' extent on this sheet, beyond the overlaps with the sheets above and below
        for lane, row in zip(journey.lanes, rows, strict=True):
            top = max(row.y, y0 + (overlap if sheet.has_above else 0))
            bottom = min(row.y + row.height, y1 - (overlap if sheet.has_below else 0))
            if bottom > top:
                bands.setdefault(lane.group_id, []).append((top, bottom))
        for group_id in bands:
            assert names[group_id] in text or re.search(r"\u2026 \[\d+\]", text), (sheet.row, names[group_id])
            checked += 1
    assert checked > plan.rows  # some sheets show two groups


def test_poster_sheets_right_of_the_first_name_each_lane_with_its_group_in_the_margin(tmp_path):
    journey = blueprint(30, 2, ("Customer journey", "Frontstage", "Backstage and support"))
    out = tmp_path / "poster.pdf"
    write_map(journey, out, fit="tile", scale=200)  # the default poster scale
    texts = [squash(page.extract_text() or "") for page in PdfReader(out).pages]
    inner = [t for t in texts if re.search(r"row \d+ / column ([2-9]|\d\d)\b", t)]
    assert inner
    named = " ".join(inner)
    for lane in journey.lanes:
        group = next(g.name for g in journey.lane_groups if g.id == lane.group_id)
        assert f"{group} \u203a {lane.name}" in named, lane.name


def test_poster_margins_name_long_stages_and_lanes_whole_never_cut(tmp_path):
    """The names in a poster sheet's margins are set smaller or over more lines, never cut with a silent '…'."""
    journey = blueprint(12, 1, ("Customer journey", "Frontstage", "Backstage and support"))
    for index, stage in enumerate(journey.stages):
        stage.name = f"Stage {index + 1}: the customer compares every offer and reads the reviews again"
    journey.lanes[1].name = "Touchpoints across every channel the company runs, from shop to app"
    out = tmp_path / "poster.pdf"
    write_map(journey, out, fit="tile", scale=200)
    from app.io.pdf.export import PdfDocument
    from app.io.pdf.furniture import margin_labels
    from app.io.pdf.pages import pdf_options

    document = PdfDocument(journey, pdf_options(fit="tile", scale=200))
    plan = document.plan
    margins = [shape for sheet in plan.sheets
               for shape in margin_labels(sheet, plan, document.layout, document.content)]
    assert any(len(shape.text) < len(journey.stages[0].name) for shape in margins)  # some are set on two lines
    assert margins and not any(shape.text.endswith("\u2026") for shape in margins)
    inner = " ".join(squash(page.extract_text() or "") for page in PdfReader(out).pages[1:]
                     if re.search(r"row ([2-9]|\d\d) / column", page.extract_text() or ""))
    for stage in journey.stages:
        assert squash(stage.name) in inner or stage.name.split(":")[0] in inner, stage.name


@given(heights=st.lists(st.floats(0, 300), max_size=30), gaps=st.lists(st.floats(0, 40), min_size=30, max_size=30),
       height=st.floats(0, 2000), shuffled=st.booleans(), edge=st.integers(0, 59), offset=st.floats(-10, 10),
       free_top=st.none() | st.floats(-100, 3000))
@example(heights=[100.0, 100.0], gaps=[0.0] * 30, height=200.0, shuffled=False, edge=1, offset=-2.0, free_top=None)
def test_each_page_finds_the_bands_a_scan_of_every_band_finds(heights, gaps, height, shuffled, edge, offset, free_top):
    """The first band of a page is found by bisection when the bands follow one another down the map; bands in
    any other order are scanned. Either way a page gets what comparing it with every band gives."""
    from app.io.pdf.lane_groups import page_group_boxes
    from app.layout.geometry import Rect
    from app.layout.model import LaneGroupBox

    y, groups = 0.0, []
    for index, (band, gap) in enumerate(zip(heights, gaps, strict=False)):
        groups.append(LaneGroupBox(f"g{index}", Rect(0.0, y, 30.0, band), f"Group {index}", "#eeeeee"))
        y += band + gap
    edges = [y for box in groups for y in (box.rect.y, box.rect.bottom)] or [0.0]
    top = free_top if free_top is not None else edges[edge % len(edges)] + offset  # often at a band edge
    if shuffled:
        groups.reverse()
    layout = SimpleNamespace(lane_groups=groups)
    window = (0.0, top, 500.0, top + height)
    expected = []
    for box in groups:
        upper, lower = max(box.rect.y, top), min(box.rect.bottom, top + height)
        if lower - upper > 0.5:
            expected.append(box._replace(rect=Rect(box.rect.x, upper, box.rect.width, lower - upper)))
    assert page_group_boxes(layout, window) == expected
