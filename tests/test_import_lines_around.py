"""The lines people type around a map: a persona or title typed as 'Key: value' in one cell, a title sharing its row
with a date far to the right, a legend or a source note under the map. Each built as a real file and imported."""

from __future__ import annotations

import pytest

from app.io.formats import read_map
from tests.import_helpers import emotions, make_workbook, names

STAGES = ["Discover", "Compare", "Sign up", "Onboard", "Use"]


def test_a_persona_typed_in_one_cell_above_the_map_is_its_persona_not_its_title(tmp_path):
    """Template instructions, then 'Persona: Busy parent, 38' merged across the map: the persona's name; the map
    has no title line (named after its sheet), and the instructions are left out and said."""
    path = make_workbook(tmp_path / "persona_line.xlsx", [
        ["HOW TO USE THIS TEMPLATE: replace the example text in each cell with your own findings."],
        ["Tip: keep each cell short. Rate emotions from 1 (very negative) to 5 (very positive)."],
        ["Persona: Busy parent, 38"],
        [],
        ["Stages", "Awareness", "Consideration", "Purchase"],
        ["Actions", "Hears from a friend", "Visits the site", "Buys a plan"],
        ["Emotions (1-5)", 3, 4, 2],
    ], merged=("A1:D1", "A2:D2", "A3:D3"))
    result = read_map(path)
    journey = result.journey
    assert [p.name for p in journey.personas] == ["Busy parent, 38"]
    assert journey.metadata.title == "Map"
    assert names(journey.stages) == ["Awareness", "Consideration", "Purchase"]
    assert emotions(journey) == [3, 4, 2]
    assert any("A1: 'HOW TO USE" in line for line in result.report)
    assert any("A2: 'Tip: keep" in line for line in result.report)


def test_a_persona_typed_in_the_corner_is_the_persona(tmp_path):
    path = make_workbook(tmp_path / "corner.xlsx", [
        ["Persona: Anna (32, teacher)", *STAGES],
        ["Actions", "a1", "a2", "a3", "a4", "a5"],
        ["Emotions", 1, 0, -1, 1, 2],
    ])
    journey = read_map(path).journey
    assert [p.name for p in journey.personas] == ["Anna (32, teacher)"]
    assert journey.metadata.title == "Map"
    assert names(journey.lanes) == ["Actions", "Emotions"]


@pytest.mark.parametrize("corner", ["Journey map: Onboarding", "Customer journey of Anna, buying a car",
                                    "BUYER'S JOURNEY"])
def test_a_corner_naming_the_map_in_journey_words_is_its_title(tmp_path, corner):
    """Only a persona key makes the corner a persona, and only a few words ('Journey stage') make it the stages'
    heading: a corner naming the map stays its title, whole (it was dropped without a word)."""
    path = make_workbook(tmp_path / "corner_title.xlsx", [
        [corner, *STAGES[:3]],
        ["Actions", "a1", "a2", "a3"],
    ])
    journey = read_map(path).journey
    assert journey.metadata.title == corner
    assert journey.personas == []


def test_a_title_sharing_its_row_with_a_date_far_right_is_the_title(tmp_path):
    """'Customer Journey: Home Insurance' in A1 with 'Last updated: | 2024-03-01' at the far right, 'Owner: CX team'
    under it: the first is the title (not the owner line), the owner line its description, the date said."""
    path = make_workbook(tmp_path / "title_date.xlsx", [
        ["Customer Journey: Home Insurance", None, None, None, "Last updated:", "2024-03-01"],
        ["Owner: CX team"],
        [],
        ["", *STAGES],
        ["Actions", "a1", "a2", "a3", "a4", "a5"],
        ["Emotions", 1, 0, -1, 1, 2],
    ])
    result = read_map(path)
    journey = result.journey
    assert journey.metadata.title == "Customer Journey: Home Insurance"
    assert journey.metadata.description == "Owner: CX team"
    assert any("E1: 'Last updated:'" in line for line in result.report)
    assert any("F1: '2024-03-01'" in line for line in result.report)


def test_title_and_scenario_typed_in_one_cell_each(tmp_path):
    path = make_workbook(tmp_path / "typed_keys.xlsx", [
        ["Title: Renewing a passport"],
        ["Scenario: the passport runs out next month"],
        [],
        ["", *STAGES[:3]],
        ["Actions", "a1", "a2", "a3"],
    ])
    journey = read_map(path).journey
    assert journey.metadata.title == "Renewing a passport"
    assert journey.metadata.description == "the passport runs out next month"


def test_a_legend_under_the_map_after_a_blank_row_is_its_description_not_lanes(tmp_path):
    """'Legend' / '5 = very happy' / '1 = very unhappy' under the map, one blank row below the lanes: three empty
    lanes before; now lines of the description, each named in the report."""
    path = make_workbook(tmp_path / "legend.xlsx", [
        ["", *STAGES],
        ["Actions", "a1", "a2", "a3", "a4", "a5"],
        ["Touchpoints", "Web", "App", "Store", "Phone", "Email"],
        ["Emotion", 4, 3, 1, 4, 5],
        [],
        ["Legend"],
        ["5 = very happy"],
        ["1 = very unhappy"],
    ])
    result = read_map(path)
    journey = result.journey
    assert names(journey.lanes) == ["Actions", "Touchpoints", "Emotion"]
    assert journey.metadata.description == "Legend\n5 = very happy\n1 = very unhappy"
    assert emotions(journey) == [4, 3, 1, 4, 5]
    assert any("A7: row 7 '5 = very happy' is a note under the map, not a lane" in line for line in result.report)


def test_a_source_line_under_the_map_is_kept_whole_in_the_description(tmp_path):
    note = "Source: 12 customer interviews, March 2024. Prepared by the CX team."
    path = make_workbook(tmp_path / "source.xlsx", [
        ["", *STAGES[:3]], ["Actions", "a1", "a2", "a3"], ["Emotions", 1, 0, -1], [], [note]])
    journey = read_map(path).journey
    assert names(journey.lanes) == ["Actions", "Emotions"]
    assert journey.metadata.description == note


@pytest.mark.parametrize(("rows", "gap"), [
    ([["Opportunities"]], True),  # one line naming a lane kind: a lane left to fill in
    ([["Pain points"], ["Opportunities"]], True),  # a template's lanes left to fill in
    ([["Ideas", "i1"], ["Misc"]], False),  # a line right under the lanes, no blank line between
])
def test_an_empty_lane_under_the_map_stays_a_lane(tmp_path, rows, gap):
    gap = [[]] if gap else []
    path = make_workbook(tmp_path / "empty_lane.xlsx", [
        ["", *STAGES[:3]], ["Actions", "a1", "a2", "a3"], ["Emotions", 1, 0, -1], *gap, *rows])
    journey = read_map(path).journey
    assert names(journey.lanes) == ["Actions", "Emotions", *(row[0] for row in rows)]
    assert not journey.metadata.description


def test_a_banner_merged_down_the_first_column_groups_the_lanes_beside_it(tmp_path):
    """'CUSTOMER JOURNEY' merged down A1:A5 (turned on its side), the lane labels in B: the banner's journey word made
    it read as the stages' heading, and the map as one lane of that name with every label left out."""
    path = make_workbook(tmp_path / "banner.xlsx", [
        ["CUSTOMER JOURNEY", None, *STAGES],
        [None, "Actions", "a1", "a2", "a3", "a4", "a5"],
        [None, "Touchpoints", "t1", "t2", "t3", "t4", "t5"],
        [None, "Emotions", 1, 0, -1, 1, 2],
        [None, "Pain points", "p1", None, "p3", None, None],
    ], merged=("A1:A5",))
    result = read_map(path)
    journey = result.journey
    assert names(journey.lanes) == ["Actions", "Touchpoints", "Emotions", "Pain points"]
    assert names(journey.stages) == STAGES
    assert names(journey.lane_groups) == ["CUSTOMER JOURNEY"]
    assert emotions(journey) == [1, 0, -1, 1, 2]
    assert not any("Left out" in line for line in result.report)


def test_comments_on_stage_names_lane_labels_scores_and_cells_left_out_are_kept_or_said(tmp_path):
    """Comments (Excel notes) were read only on card cells: one on a stage's name is now the stage's description,
    on a score the point's note, on a lane's label or the title a line of the map's description, and one on a
    cell left out of the map is named in the report."""
    path = make_workbook(tmp_path / "comments.xlsx", [
        ["Onboarding journey"],
        [],
        ["", *STAGES[:3]],
        ["Actions", "a1", "a2", "a3"],
        ["Emotions", 1, 0, -1],
        [],
        [None, None, None, None, None, "scratch"],
    ], comments={"B3": "Includes ads and word of mouth", "A4": "From the diary study",
                 "C5": "Two of five users gave up here", "A1": "Draft for the May workshop", "B4": "card note",
                 "F7": "delete before sending"})
    result = read_map(path)
    journey = result.journey
    assert journey.stages[0].description == "Includes ads and word of mouth"
    assert [p.note for p in journey.emotions if p.value == 0] == ["Two of five users gave up here"]
    assert [c.note for c in journey.cards if c.text == "a1"] == ["card note"]
    assert "Actions (comment on the lane's label): From the diary study" in journey.metadata.description
    assert "Onboarding journey (comment on A1): Draft for the May workshop" in journey.metadata.description
    assert any("F7: comment 'delete before sending' not read" in line for line in result.report)


def test_a_template_placeholder_above_the_map_is_not_its_title(tmp_path):
    """'[LOGO]' in A1 (a company name far right of it), 'Customer Journey Map' under it: the second is the title,
    the placeholder is left out and said."""
    path = make_workbook(tmp_path / "logo.xlsx", [
        ["[LOGO]", None, None, "ACME Insurance"],
        ["Customer Journey Map"],
        ["Version 2.1 – draft"],
        [],
        [None, None, "Stage", *STAGES],
        [None, None, "Actions", "a1", "a2", "a3", "a4", "a5"],
    ])
    result = read_map(path)
    assert result.journey.metadata.title == "Customer Journey Map"
    assert result.journey.metadata.description == "Version 2.1 – draft"
    assert any("A1: '[LOGO]' not part of the map" in line for line in result.report)
    assert any("D1: 'ACME Insurance' not part of the map" in line for line in result.report)


def test_colons_after_names_and_words_broken_after_a_hyphen(tmp_path):
    """'Discover:' and 'Actions:' are names marked as labels; 'Touch-\\npoints' is one word broken over two lines."""
    path = make_workbook(tmp_path / "colons.xlsx", [
        ["Stages:", "Discover:", "Buy →", "Use"],
        ["Actions:", "a1", "a2", "a3"],
        ["Touch-\npoints", "Web", "Shop", "App"],
        ["Emotional\nstate", 1, 0, 2],
    ])
    journey = read_map(path).journey
    assert names(journey.stages) == ["Discover", "Buy", "Use"]
    assert names(journey.lanes) == ["Actions", "Touch-points", "Emotional state"]
    assert [lane.kind.value for lane in journey.lanes] == ["actions", "touchpoints", "emotions"]


def test_a_label_over_the_stage_names_repeated_groups_the_lanes_under_it(tmp_path):
    """'BACKSTAGE | Discover | Compare ...' typed again over the lower lanes: those lanes' group (here also their
    blueprint layer); the repeated names are left out and said. A repeat under the header's own corner stays a
    repeat."""
    path = make_workbook(tmp_path / "repeat.xlsx", [
        ["Stage", *STAGES[:3]],
        ["Actions", "a1", "a2", "a3"],
        ["Emotions", 1, 0, -1],
        ["BACKSTAGE", *STAGES[:3]],
        ["Systems", "s1", "s2", "s3"],
        ["Teams", "m1", "m2", "m3"],
        ["Stage", *STAGES[:3]],
        ["Notes", "n1", "n2", "n3"],
    ])
    result = read_map(path)
    journey = result.journey
    groups = {g.id: g.name for g in journey.lane_groups}
    assert [(lane.name, groups.get(lane.group_id)) for lane in journey.lanes] == [
        ("Actions", None), ("Emotions", None), ("Systems", "BACKSTAGE"), ("Teams", "BACKSTAGE"),
        ("Notes", "BACKSTAGE")]
    assert any("A4: 'BACKSTAGE' over the stage names repeated" in line for line in result.report)
    assert any("B4: 'Discover' not part of the map (repeats the stage names)" in line for line in result.report)
    assert any("A7: 'Stage' not part of the map (repeats the stage names)" in line for line in result.report)


def test_persona_and_goal_typed_far_right_on_the_title_line(tmp_path):
    """'Onboarding journey' at the left, 'Persona: Anna (34, nurse)' and 'Goal: ...' far right on the same line:
    the title, the persona and her goal (the two were left out)."""
    path = make_workbook(tmp_path / "title_line.xlsx", [
        ["Onboarding journey", None, None, "Persona: Anna (34, nurse)", None, None, "Goal: open an account fast"],
        [],
        ["", *STAGES[:3]],
        ["Actions", "a1", "a2", "a3"],
    ])
    result = read_map(path)
    journey = result.journey
    assert journey.metadata.title == "Onboarding journey"
    [anna] = journey.personas
    assert anna.name == "Anna (34, nurse)" and anna.goals == ["open an account fast"]
    assert not any("Left out" in line for line in result.report)


def test_lane_labels_typed_again_after_the_last_stage_are_those_labels(tmp_path):
    """A wide map with its labels at both ends (to read a print): the right-hand ones are the same labels, said
    once, not cells left out; a different word there is still left out."""
    path = make_workbook(tmp_path / "both_sides.xlsx", [
        ["", *STAGES[:3], ""],
        ["Actions", "a1", "a2", "a3", "Actions"],
        ["Touchpoints", "t1", "t2", "t3", "touchpoints"],
        ["Emotions", 1, 0, -1, "see notes"],
    ])
    result = read_map(path)
    assert names(result.journey.lanes) == ["Actions", "Touchpoints", "Emotions"]
    assert any("E2: the lane labels typed again after the last stage" in line for line in result.report)
    assert not any("E2: 'Actions'" in line or "E3:" in line for line in result.report)
    assert any("E4: 'see notes' not part of the map" in line for line in result.report)


def test_a_cover_sheet_before_the_map_names_and_describes_it(tmp_path):
    """A 'Cover' sheet of a few lines before the map's sheet: its first line the map's title (the map has none of
    its own), the rest the description; it was 'not read'. A sheet of notes after the map stays unread, said."""
    import openpyxl

    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    for row, line in enumerate(["Customer Journey Map", "Project: Home insurance renewal",
                                "Prepared by: CX team, March 2024"], 1):
        cover.cell(row=row, column=1, value=line)
    sheet = book.create_sheet("Sheet1")
    for row in (["", *STAGES[:3]], ["Actions", "a1", "a2", "a3"], ["Emotions", 1, 0, -1]):
        sheet.append(row)
    notes = book.create_sheet("Sheet2")
    notes["A1"], notes["A2"] = "Schemas", "borrow"
    book.save(tmp_path / "cover.xlsx")
    result = read_map(tmp_path / "cover.xlsx")
    journey = result.journey
    assert journey.metadata.title == "Customer Journey Map"
    assert journey.metadata.description == "Project: Home insurance renewal\nPrepared by: CX team, March 2024"
    assert any("sheet 'Cover': a cover of 3 line(s)" in line for line in result.report)
    assert any("sheet 'Sheet2' not read" in line for line in result.report)
    assert not any("no title cell" in line for line in result.report)
    sheet.title = "Renewal journey"  # a sheet name that means something stays the title; the cover describes
    book.save(tmp_path / "named.xlsx")
    named = read_map(tmp_path / "named.xlsx").journey
    assert named.metadata.title == "Renewal journey"
    assert named.metadata.description.startswith("Customer Journey Map\nProject: Home insurance renewal")


@pytest.mark.parametrize("corner", ["Stage", "Journey stage", "Customer journey", "Stage / Activity", "Phase →"])
def test_a_corner_heading_the_axes_is_no_title(tmp_path, corner):
    path = make_workbook(tmp_path / "heading.xlsx", [[corner, *STAGES[:3]], ["Actions", "a1", "a2", "a3"]])
    assert read_map(path).journey.metadata.title == "Map"
