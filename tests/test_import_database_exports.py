"""Journey maps kept as a database and exported (Notion, Airtable): one record per row, its Name the card, a Stage
column, a Type column whose values name the lanes, a Description, an Emotion written as a feeling, Tags."""

from __future__ import annotations

from app.io.formats import read_map
from tests.board_layouts import curve, notes_of, write_csv


def test_a_notion_export_of_records_is_a_long_table_of_named_cards(tmp_path):
    """The records were read as a map with stages down the rows and the columns as lanes (a 'Type' lane of
    'Action', 'Touchpoint'...); now each record is a card named by its Name, in the lane its Type names, with its
    Description as its note, its Tags as tags and its Emotion word on the curve."""
    path = write_csv(tmp_path / "notion.csv", [
        ["Name", "Stage", "Type", "Description", "Emotion", "Tags"],
        ["Sees Instagram ad", "Awareness", "Action", "Scrolls feed in the evening", "Curious", "mobile"],
        ["Instagram", "Awareness", "Touchpoint", "", "", ""],
        ["Compares plans", "Consideration", "Action", "Opens three tabs", "Confused", "web, pricing"],
        ["Pricing page", "Consideration", "Touchpoint", "", "", "web"],
        ["Too many plans", "Consideration", "Pain point", "Can't tell basic from plus", "", ""],
        ["Signs up", "Purchase", "Action", "", "Relieved", ""],
    ])
    result = read_map(path)
    journey = result.journey
    assert [s.name for s in journey.stages] == ["Awareness", "Consideration", "Purchase"]
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [
        ("Action", "actions"), ("Emotion", "emotions"), ("Touchpoint", "touchpoints"), ("Pain point", "pain_points")]
    [compares] = notes_of(journey, "Consideration", "Action")
    assert compares.text == "Compares plans" and compares.note == "Opens three tabs"
    assert compares.tags == ["web", "pricing"]
    [pain] = notes_of(journey, "Consideration", "Pain point")
    assert pain.note == "Can't tell basic from plus"
    assert curve(journey) == [("Awareness", 1, "Curious"), ("Consideration", -1, "Confused"),
                              ("Purchase", 1, "Relieved")]
    assert not any("Left out" in line for line in result.report)


def test_a_name_column_without_a_type_column_is_no_long_table(tmp_path):
    """'Stage | Name | Channel | Feeling': no column names lanes, so a map with stages down the rows, as before."""
    path = write_csv(tmp_path / "rows.csv", [
        ["Stage", "Name", "Channel", "Feeling"],
        ["Awareness", "Sees ad", "Instagram", "Curious"],
        ["Purchase", "Pays", "Web", "Relieved"],
    ])
    journey = read_map(path).journey
    assert [s.name for s in journey.stages] == ["Awareness", "Purchase"]
    assert [lane.name for lane in journey.lanes] == ["Name", "Channel", "Feeling"]


def test_phase_and_step_columns_repeated_for_each_persona(tmp_path):
    """Persona | Phase | Step | ...: each persona's steps, the phase typed on each. The phases repeat once per
    persona, so they were taken for the stages and the steps made an actions lane; now the steps are the stages,
    in their phases, each persona with its own curve, and every phase cell is read."""
    path = write_csv(tmp_path / "personas.csv", [
        ["Persona", "Phase", "Step", "Touchpoint", "Activity", "Emotion score", "Quote"],
        ["Anna", "Before", "Research", "Google", "Searches", "1", "Where to start?"],
        ["Anna", "Before", "Compare", "Comparison site", "Compares", "-1", "So many!"],
        ["Anna", "During", "Buy", "Web", "Pays", "2", "Easy"],
        ["Ben", "Before", "Research", "Friend", "Asks", "0", "What do you use?"],
        ["Ben", "Before", "Compare", "Web", "Reads", "-2", "Confusing"],
        ["Ben", "During", "Buy", "Shop", "Pays", "1", "Fine"],
    ])
    result = read_map(path)
    journey = result.journey
    assert [s.name for s in journey.stages] == ["Research", "Compare", "Buy"]
    phase = {p.id: p.name for p in journey.phases}
    assert [phase[s.phase_id] for s in journey.stages] == ["Before", "Before", "During"]
    assert [lane.name for lane in journey.lanes] == ["Touchpoint", "Activity", "Emotion score", "Quote"]
    assert [p.name for p in journey.personas] == ["Anna", "Ben"]
    by_persona = {p.id: p.name for p in journey.personas}
    order = {s.id: n for n, s in enumerate(journey.stages)}
    curves = {name: [e.value for e in sorted(journey.emotions, key=lambda e: order[e.stage_id])
                     if by_persona[e.persona_id] == name] for name in ("Anna", "Ben")}
    assert curves == {"Anna": [1, -1, 2], "Ben": [0, -2, 1]}
    assert not any("Left out" in line for line in result.report)
