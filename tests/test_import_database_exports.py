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
