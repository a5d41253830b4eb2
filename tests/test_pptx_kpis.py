"""The PowerPoint KPI table: every row names its stage, and a KPI too long for a slide continues on the next
slide (its stage named again) instead of running out of its box."""

from __future__ import annotations

from pptx import Presentation

from app.io.formats import write_map
from app.model.journey import Kpi
from app.model.templates import map_from_template
from tests.pptx_helpers import frame_overflow, squash, text_shapes

LONG = " ".join(f"w{i}" for i in range(120))  # a KPI name of 470 characters (the model allows 500)
UNIT = " ".join(f"u{i}" for i in range(120))  # and as long a unit, which the value shows twice


def _kpi_deck(tmp_path):
    journey = map_from_template("five-stage", "KPIs")
    journey.stages[1].kpis = [Kpi(name="Sign-ups", value=10, target=12, unit="%"),
                              Kpi(name="Trial starts", value=30, target=25, unit="%"),
                              Kpi(name=LONG, value=3, target=5, unit=UNIT)]
    journey.stages[3].kpis = [Kpi(name=f"Renewal check {i}", value=i, target=5) for i in range(12)]
    path = tmp_path / "kpis.pptx"
    write_map(journey, path)
    return journey, Presentation(str(path))


def _kpi_slides(deck) -> list[list]:
    """The shapes named "KPI" (table cells, row by row: stage, KPI, value) of each KPI slide."""
    slides = [s for s in deck.slides if s.shapes[0].has_text_frame
              and s.shapes[0].text_frame.text.startswith("KPIs against their targets")]
    return [[shape for shape in slide.shapes if shape.name == "KPI"] for slide in slides]


def test_every_kpi_row_names_its_stage_and_a_long_kpi_continues_on_the_next_slide(tmp_path):
    journey, deck = _kpi_deck(tmp_path)
    slides = _kpi_slides(deck)
    assert len(slides) >= 2
    stages = {stage.name for stage in journey.stages}
    pieces: list[str] = []
    for cells in slides:
        for stage_cell, kpi_cell, value_cell in zip(cells[0::3], cells[1::3], cells[2::3], strict=True):
            stage_text = squash(stage_cell.text_frame.text).removesuffix(" (continued)")
            assert stage_text in stages, stage_cell.text_frame.text  # never a row without its stage
            if stage_text == journey.stages[1].name and (squash(kpi_cell.text_frame.text).startswith("w")
                                                         or not kpi_cell.text_frame.text.strip()):
                pieces.append((squash(kpi_cell.text_frame.text), squash(value_cell.text_frame.text)))
    assert len(pieces) >= 2  # the long KPI continues on the next slide
    assert " ".join(k for k, _ in pieces if k) == LONG  # all of it, in order
    assert " ".join(v for _, v in pieces) == f"3 {UNIT} / 5 {UNIT} target missed"
    assert max(frame_overflow(shape) for _, _, shape in text_shapes(deck)) <= 0.5  # no text leaves its box
    for _, _, shape in text_shapes(deck):  # and no box leaves its slide
        assert shape.top + shape.height <= deck.slide_height
