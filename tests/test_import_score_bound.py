"""The importer skips a reading of a sheet whose `score_bound` is below a score another reading reached:
the bound must hold for every reading, or a skipped reading might have won."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import app.io.sheet_import.detect as detect
from app.io.formats import read_map
from app.io.sheet_import.grid import Grid
from tests.conftest import SAMPLES
from tests.test_import_fuzz import grids

STAGES = ["Stage 1", "Awareness", "Purchase", "Step 2", "Actions", "3", "Phase: Before", "Onboarding >>", "Fill in"]
LABELS = ["Actions", "Touchpoints", "Emotions", "Pain points", "Stage", "Customer", "Notes", "Feeling", "Confidence",
          "4", "Line of visibility", "Persona", "Title", ""]
CELLS = ["Reads reviews", "• a\n• b", "Website", "App", "frustrated", "😊", "TBD", "x", "-2", "3", "80%", "long " * 30,
         "a | b", "Stage 3", "happy", "#A0B0C0", ""]


@st.composite
def maps(draw) -> Grid:
    """A map-like sheet: maybe a title, a corner, a group column, lane labels, stage names and cells."""
    grid = Grid(draw(st.sampled_from(["Sheet1", "Journey"])))
    top = draw(st.integers(0, 2))
    if top:
        grid.cells[(0, 0)] = "Title"
    left = draw(st.integers(0, 1))  # a group column before the labels
    stages = draw(st.lists(st.sampled_from(STAGES), min_size=1, max_size=6))
    lanes = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=6))
    corner = draw(st.sampled_from(["", "Stage", "Stages", "Phase", "My map"]))
    if corner:
        grid.cells[(top, left)] = corner
    for c, name in enumerate(stages, left + 1):
        grid.cells[(top, c)] = name
    for r, label in enumerate(lanes, top + 1):
        if left and draw(st.booleans()):
            grid.cells[(r, 0)] = draw(st.sampled_from(["Customer", "Frontstage", "Backstage", "1"]))
        if label:
            grid.cells[(r, left)] = label
        for c in range(left + 1, left + 1 + len(stages)):
            value = draw(st.one_of(st.sampled_from(CELLS), st.integers(-3, 10)))
            if value != "":
                grid.cells[(r, c)] = value
    return grid


def read_in_full(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, float]]:
    """From now on every reading is read in full; each one's (score, bound) goes into the list returned."""
    pairs: list[tuple[float, float]] = []
    score_bound, read_rest = detect.score_bound, detect._read_rest

    def rest(grid, block, view, head):  # noqa: ANN001, ANN202
        bound = score_bound(view, head.detection, head.header, head.label_col)  # before the lanes are read
        found = read_rest(grid, block, view, head)
        if found is not None:
            pairs.append((found.score, bound))
        return found

    monkeypatch.setattr(detect, "score_bound", lambda *_args: math.inf)
    monkeypatch.setattr(detect, "_read_rest", rest)
    return pairs


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, float]]:
    return read_in_full(monkeypatch)


def test_the_bound_holds_for_every_reading_of_the_samples(checked):
    samples = sorted(p for p in SAMPLES.glob("*") if p.suffix in (".xlsx", ".csv")) if SAMPLES.is_dir() else []
    if not samples:
        pytest.skip("real samples not present")
    for path in samples:
        read_map(Path(path))
    assert len(checked) > len(samples)
    assert all(score <= bound for score, bound in checked), [pair for pair in checked if pair[0] > pair[1]]


@settings(max_examples=60, deadline=None)
@given(grid=st.one_of(maps(), grids()), transpose=st.booleans())
def test_the_bound_holds_for_every_reading_of_generated_sheets(grid, transpose):
    with pytest.MonkeyPatch.context() as patch:
        pairs = read_in_full(patch)
        detect.detect_grid(grid.transposed() if transpose else grid)
    assert all(score <= bound for score, bound in pairs), pairs
