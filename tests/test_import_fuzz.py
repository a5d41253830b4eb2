"""Fuzz the importer: mutated real samples and random sheets give a valid map or one JourneyFileError."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.io.errors import JourneyFileError
from app.io.formats import read_map
from app.io.sheet_import.grid import Grid
from app.io.sheet_import.read_sheet import import_grids
from app.model.journey import JourneyMap
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.glob("*") if p.suffix in (".xlsx", ".csv")) if SAMPLES.is_dir() else []
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(path: Path) -> None:
    try:
        result = read_map(path)
    except JourneyFileError as exc:
        assert "\n" not in str(exc)
        return
    JourneyMap.model_validate(result.journey.model_dump())  # the map is valid as a whole
    assert all(isinstance(line, str) for line in result.report)


@pytest.mark.skipif(not SAMPLE_FILES, reason="real samples not present")
@FUZZ
@given(data=st.data())
def test_mutated_sample_bytes(data):
    source = data.draw(st.sampled_from(SAMPLE_FILES), label="sample")
    raw = bytearray(source.read_bytes())
    for _ in range(data.draw(st.integers(1, 8), label="mutations")):
        position = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            raw[position] ^= data.draw(st.integers(1, 255))
        elif action == "cut":
            del raw[position:position + data.draw(st.integers(1, 64))]
        else:
            raw[position:position] = data.draw(st.binary(min_size=1, max_size=16))
        if not raw:
            break
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / source.name
        path.write_bytes(bytes(raw))
        check(path)


@pytest.mark.skipif(not [p for p in SAMPLE_FILES if p.suffix == ".xlsx"], reason="real samples not present")
@FUZZ
@given(data=st.data())
def test_mutated_sheet_xml_inside_samples(data):
    """Mutate the XML inside the archive (where a plain byte flip would only break the zip)."""
    source = data.draw(st.sampled_from([p for p in SAMPLE_FILES if p.suffix == ".xlsx"]), label="sample")
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        members = [i.filename for i in archive.infolist() if i.filename.endswith(".xml")]
        victim = data.draw(st.sampled_from(members), label="member")
        for info in archive.infolist():
            content = archive.read(info.filename)
            if info.filename == victim and content:
                text = bytearray(content)
                for _ in range(data.draw(st.integers(1, 5))):
                    position = data.draw(st.integers(0, len(text) - 1))
                    replacement = data.draw(st.sampled_from([b"<", b">", b'"', b"&", b"", b"9", b"x", b"</c>",
                                                             b"\xff", b"A1048576", b"-1"]))
                    text[position:position + data.draw(st.integers(0, 8))] = replacement
                content = bytes(text)
            target.writestr(info.filename, content)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.xlsx"
        path.write_bytes(out.getvalue())
        check(path)


WORDS = ["Awareness", "Purchase", "Stage", "Actions", "Touchpoints", "Pain points", "Emotion", "Fill in", "xxxx",
         "x", "• a\n• b", "a | b", ">>", "Title", "Persona", "😊", "frustrated", "TITLE_BLOCK", "#A0B0C0", "Lane",
         "Text", "Step 1", "", "  ", "Долго", "Ações"]
values = st.one_of(st.sampled_from(WORDS), st.integers(-200, 200), st.floats(-1e6, 1e6, allow_nan=False),
                   st.text(max_size=30), st.sampled_from(["3,5", "80%", "-2", "1e400"]))


@st.composite
def grids(draw):
    positions = draw(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 7)), max_size=45, unique=True))
    grid = Grid("Fuzz")
    for pos in positions:
        value = draw(values)
        if isinstance(value, str):
            value = value.strip()
        if value != "":
            grid.cells[pos] = value
    for _ in range(draw(st.integers(0, 3))):
        r1, c1 = draw(st.integers(0, 9)), draw(st.integers(0, 7))
        grid.merged.append((r1, c1, r1 + draw(st.integers(0, 3)), c1 + draw(st.integers(0, 3))))
    for pos in draw(st.lists(st.sampled_from(positions), max_size=5)) if positions else []:
        grid.fills[pos] = "#ffcc00"
        grid.comments[pos] = "note"
    grid.hidden_rows = set(draw(st.lists(st.integers(0, 9), max_size=2)))
    return grid


@settings(max_examples=150, deadline=None)
@given(grid=grids(), transpose=st.booleans(), orientation=st.sampled_from([None, "stages-in-columns",
                                                                           "stages-in-rows", "long"]))
def test_random_sheets(grid, transpose, orientation):
    if transpose:
        grid = grid.transposed()
    options = {"orientation": orientation} if orientation else {}
    try:
        result = import_grids(Path("fuzz.xlsx"), [grid], **options)
    except JourneyFileError:
        return
    JourneyMap.model_validate(result.journey.model_dump())
