"""Workbooks written by the Excel export come back: exactly from the hidden sheet, or by layout."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from app.io.formats import read_map, write_map
from app.io.xlsx_export.hidden_sheet import visible_fingerprint
from tests.strategies import journey_maps


def cells_of(journey):
    stage = {s.id: i for i, s in enumerate(journey.stages)}
    lane = {x.id: i for i, x in enumerate(journey.lanes)}
    return sorted((stage[c.stage_id], lane[c.lane_id], c.text, c.channel, c.evidence and c.evidence.status, c.votes)
                  for c in journey.cards)


def test_exported_map_comes_back_identical(tmp_path, example_map):
    path = tmp_path / "map.xlsx"
    write_map(example_map, path)
    result = read_map(path)
    assert result.journey.model_dump() == example_map.model_dump()
    assert "hidden sheet" in result.report[0]


def test_export_without_hidden_sheet_is_read_by_layout(tmp_path, example_map):
    import openpyxl

    path = tmp_path / "map.xlsx"
    write_map(example_map, path)
    book = openpyxl.load_workbook(path)
    del book["_journey_canvas"]
    book.save(path)
    journey = read_map(path).journey
    assert [s.name for s in journey.stages] == [s.name for s in example_map.stages]
    assert [p.name for p in journey.phases] == [p.name for p in example_map.phases]
    assert [(x.name, x.kind) for x in journey.lanes] == [(x.name, x.kind) for x in example_map.lanes]
    assert cells_of(journey) == cells_of(example_map)  # texts, channels, votes and evidence markers
    assert sorted((p.value, p.label) for p in journey.emotions) == sorted(
        (p.value, p.label) for p in example_map.emotions)
    assert [s.description for s in journey.stages] == [s.description for s in example_map.stages]
    assert [[(k.name, k.value, k.target, k.unit) for k in s.kpis] for s in journey.stages] == [
        [(k.name, k.value, k.target, k.unit) for k in s.kpis] for s in example_map.stages]
    persona = journey.persona
    assert persona is not None and persona.name == example_map.persona.name
    assert persona.goals == example_map.persona.goals
    assert persona.frustrations == example_map.persona.frustrations
    assert persona.preferred_channels == example_map.persona.preferred_channels
    assert journey.metadata.title == example_map.metadata.title
    assert visible_fingerprint(journey) == visible_fingerprint(example_map)


def test_export_edited_by_hand_is_read_by_layout(tmp_path, example_map):
    import openpyxl

    path = tmp_path / "map.xlsx"
    write_map(example_map, path)
    book = openpyxl.load_workbook(path)
    sheet = book[book.sheetnames[0]]
    stage_cell = next(c for row in sheet.iter_rows() for c in row if c.value == example_map.stages[1].name)
    stage_cell.value = "Comparison"
    book.save(path)
    result = read_map(path)
    assert result.journey.stages[1].name == "Comparison"
    assert "edited after export" in result.report[0]
    assert len(result.journey.cards) == len(example_map.cards)


def test_an_emotion_score_or_label_typed_over_the_exported_one_is_read(tmp_path, example_map):
    """The fingerprint of the visible sheet leaves emotions out: a score or a label changed by hand (and nothing
    else) was ignored, the hidden map read as if nobody had edited the sheet."""
    import openpyxl

    path = tmp_path / "map.xlsx"
    write_map(example_map, path)
    book = openpyxl.load_workbook(path)
    sheet = book[book.sheetnames[0]]
    score = next(c for row in sheet.iter_rows() for c in row if c.value == "Emotions")
    sheet.cell(row=score.row, column=score.column + 2, value=2)  # Consideration: 0 -> 2
    sheet.cell(row=score.row + 1, column=score.column + 3, value="Terrified")  # Decision's label
    book.save(path)
    result = read_map(path)
    stage = {s.id: s.name for s in result.journey.stages}
    points = {stage[p.stage_id]: (p.value, p.label) for p in result.journey.emotions}
    assert points["Consideration"][0] == 2 and points["Decision"][1] == "Terrified"
    assert "emotion scores or labels were changed" in result.report[0]


def test_a_channel_marker_typed_over_the_exported_one_is_read(tmp_path, example_map):
    """'[Website] ' retyped as '[Email] ' (the fingerprint leaves markers out: the edit was ignored)."""
    import openpyxl

    path = tmp_path / "map.xlsx"
    write_map(example_map, path)
    book = openpyxl.load_workbook(path)
    sheet = book[book.sheetnames[0]]
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "[Website] " in c.value)
    text = cell.value.split("[Website] ", 1)[1].split("\n", 1)[0]
    cell.value = cell.value.replace("[Website] ", "[Email] ", 1)
    book.save(path)
    result = read_map(path)
    assert [c.channel for c in result.journey.cards if c.text == text] == ["email"]
    assert "card channels, votes or evidence were changed" in result.report[0]


def test_an_evidence_marker_retyped_keeps_the_cards_source(tmp_path, example_map):
    """' [observed]' retyped as ' [assumed]': the status is the sheet's, the source (which the sheet does not
    show) stays the map's; it was dropped without a word."""
    import openpyxl

    card = next(c for c in example_map.cards if c.evidence is not None and c.evidence.source
                and c.evidence.status.value == "observed")
    path = tmp_path / "map.xlsx"
    write_map(example_map, path)
    book = openpyxl.load_workbook(path)
    sheet = book[book.sheetnames[0]]
    cell = next(c for row in sheet.iter_rows() for c in row
                if isinstance(c.value, str) and card.text in c.value and " [observed]" in c.value)
    line = next(x for x in cell.value.split("\n") if card.text in x and x.endswith(" [observed]"))
    cell.value = cell.value.replace(line, line.removesuffix(" [observed]") + " [assumed]", 1)
    book.save(path)
    read = next(c for c in read_map(path).journey.cards if c.text == card.text)
    assert read.evidence is not None
    assert (read.evidence.status.value, read.evidence.source) == ("assumed", card.evidence.source)


def test_a_title_phase_or_persona_retyped_in_an_exported_workbook_is_read(tmp_path, example_map):
    """The title in the corner, a phase of the band and the persona's name (none in the fingerprint: each edit
    alone was ignored, the hidden map read as if untouched)."""
    import openpyxl

    path = tmp_path / "map.xlsx"
    write_map(example_map, path)
    book = openpyxl.load_workbook(path)
    sheet = book[book.sheetnames[0]]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    cells[example_map.metadata.title].value = "Switching broadband plans"
    cells[example_map.phases[0].name].value = "Pre-sale"
    persona = book["Persona"]
    next(c for row in persona.iter_rows() for c in row if c.value == example_map.personas[0].name).value = "Maya Smith"
    book.save(path)
    journey = read_map(path).journey
    assert journey.metadata.title == "Switching broadband plans"
    assert journey.phases[0].name == "Pre-sale" and journey.personas[0].name == "Maya Smith"


def test_a_small_map_edited_by_hand_is_read_from_its_map_sheet_not_its_persona_sheet(tmp_path):
    """One stage and three lanes beside two personas: the Persona sheet (personas side by side, a row per field)
    looks like a larger map than the map sheet, and was read as the map after any edit ('Personas', the
    personas as stages). It is the personas, read into the map read from the map sheet."""
    import openpyxl

    from app.model.journey import Card, JourneyMap, Lane, Metadata, Persona, Stage

    ana, kai = Persona(name="Ana", role="Buyer", goals=["Save money"], quote="Cheap, please"), Persona(name="Kai")
    stage = Stage(name="Buy")
    lanes = [Lane(name="Actions", kind="actions"), Lane(name="Thoughts", kind="thoughts"),
             Lane(name="Pain points", kind="pain_points")]
    journey = JourneyMap(metadata=Metadata(title="Marketplace"), personas=[ana, kai], stages=[stage], lanes=lanes,
                         cards=[Card(stage_id=stage.id, lane_id=lanes[0].id, text="Compares prices",
                                     personas=[ana.id])])
    path = tmp_path / "small.xlsx"
    write_map(journey, path)
    book = openpyxl.load_workbook(path)
    book["Journey map"]["B2"] = "Compares prices online [for Ana]"
    book.save(path)
    read = read_map(path).journey
    assert read.metadata.title == "Marketplace"
    assert [s.name for s in read.stages] == ["Buy"] and [lane.name for lane in read.lanes] == [
        "Actions", "Thoughts", "Pain points"]
    assert [(p.name, p.role, p.goals) for p in read.personas] == [("Ana", "Buyer", ["Save money"]), ("Kai", "", [])]
    assert [(c.text, [read.persona_by_id(p).name for p in c.personas]) for c in read.cards] == [
        ("Compares prices online", ["Ana"])]


def test_a_stage_typed_beside_the_exported_ones_is_one_more_stage(tmp_path, example_map):
    """A new stage typed into the empty (unfilled) cell right of the last stage, with a card under it: one more
    stage. It turned the map's title into a stage, every lane into 'Lane N' and the title into the sheet's name,
    because the phase band's header row had to be filled in every cell."""
    import openpyxl

    path = tmp_path / "map.xlsx"
    write_map(example_map, path)
    book = openpyxl.load_workbook(path)
    sheet = book[book.sheetnames[0]]
    last = next(c for row in sheet.iter_rows() for c in row if c.value == example_map.stages[-1].name)
    sheet.cell(row=last.row, column=last.column + 1, value="Loyalty")
    sheet.cell(row=last.row + 2, column=last.column + 1, value="Renews the plan")
    book.save(path)
    journey = read_map(path).journey
    assert [s.name for s in journey.stages] == [s.name for s in example_map.stages] + ["Loyalty"]
    assert [lane.name for lane in journey.lanes] == [lane.name for lane in example_map.lanes]
    assert journey.metadata.title == example_map.metadata.title
    assert "Renews the plan" in [c.text for c in journey.cards]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey=journey_maps())
def test_any_map_survives_export_then_import(journey):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.xlsx"
        write_map(journey, path)
        assert read_map(path).journey.model_dump() == journey.model_dump()
