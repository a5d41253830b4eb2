"""Layouts facilitators make outside a plain grid: whiteboard exports (Miro, Mural: one sticky note per row, the
columns named the board's way), emotion rows given as a score and a note, numbered lists typed on one line, an
owner column beside the lane labels, a map written as a list of `Stage:` / `Actions:` lines, and a persona block
right beside the map. Each built here as a real file and imported with read_map."""

from __future__ import annotations

from app.io.formats import read_map
from tests.board_layouts import curve, groups, notes_of, one_column, sorted_points, workbook, write_csv
from tests.import_helpers import cells, names


def test_a_board_export_with_section_type_text_columns_is_a_long_table(tmp_path):
    """`Section | Type | Text`: no column says Stage or Lane; the one holding lane names (Actions, Touchpoints,
    Emotion) is the lanes, the other the stages."""
    rows = [["Section", "Type", "Text"]]
    for stage in ("Discover", "Compare", "Buy"):
        rows += [[stage, "Actions", f"acts in {stage}"], [stage, "Touchpoints", f"Website {stage}"],
                 [stage, "Emotion", "frustrated" if stage == "Compare" else "happy"]]
    result = read_map(write_csv(tmp_path / "board.csv", rows))
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Compare", "Buy"]
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [
        ("Actions", "actions"), ("Touchpoints", "touchpoints"), ("Emotion", "emotions")]
    assert cells(journey, "Compare", "Actions") == ["acts in Compare"]
    by_stage = {s.id: s.name for s in journey.stages}
    assert {by_stage[p.stage_id]: p.label for p in journey.emotions} == {
        "Discover": "happy", "Compare": "frustrated", "Buy": "happy"}
    assert not any("not part of the map" in line for line in result.report)


def test_a_sticky_note_export_reads_its_colour_and_votes_and_finds_the_stage_column(tmp_path):
    """Mural-like: ID | Type | Text | Area | Column | Color | Votes. Area holds the lane names, Column the stages;
    a colour name or hex colours the card, the votes are the card's votes; the ID and Type are left out, named."""
    rows = [["ID", "Type", "Text", "Area", "Column", "Color", "Votes"]]
    n = 0
    for stage in ("Discover", "Research", "Buy"):
        for lane, colour in (("Doing", "yellow"), ("Thinking", "#A6CCF5"), ("Pain points", "pink")):
            n += 1
            rows.append([n, "sticky note", f"{lane} at {stage}", lane, stage, colour, n % 3])
    result = read_map(write_csv(tmp_path / "mural.csv", rows))
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Research", "Buy"]
    assert names(journey.lanes) == ["Doing", "Thinking", "Pain points"]
    card = notes_of(journey, "Research", "Thinking")[0]
    assert card.text == "Thinking at Research"
    assert card.color == "#a6ccf5" and card.votes == 5 % 3
    assert notes_of(journey, "Discover", "Doing")[0].color == "#fff9b1"  # 'yellow'
    left = "\n".join(result.report)
    assert "mural!B1:B10: 10 cells of column B ('Type', 'sticky note', 'sticky note', … 'sticky note') not part of " \
           "the map" in left  # nothing dropped silently: the column is named in one line
    assert "mural!F2" not in left and "mural!G2" not in left  # colour and votes were read


def test_two_columns_of_runs_without_a_stage_header_are_not_guessed(tmp_path):
    """Author | Type | Text: two columns sort the rows but neither is headed like a place on the board and the
    lanes are found by content: which one is the stages is not known, so no long table is made of it (the table is
    read as before, the people as rows)."""
    rows = [["Author", "Team", "Type", "Text"]]
    for author, team in (("Ann", "Red"), ("Bo", "Blue")):
        rows += [[author, team, "Actions", "a"], [author, team, "Thoughts", "b"]]
    journey = read_map(write_csv(tmp_path / "t.csv", rows)).journey
    assert names(journey.lanes) != ["Actions", "Thoughts"]
    assert names(journey.stages) == ["Ann", "Bo"]


def test_an_owner_column_between_the_lane_labels_and_the_stages_is_the_lanes_metadata(tmp_path):
    """Section (merged down each group) | Lane | Owner | stages...: the Owner column says who owns each lane; it is
    not the first stage, and every card of the lane carries its owner."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Section", "Lane", "Owner", "Discover", "Sign up", "Use"],
                ["Customer", "Actions", "Marketing", "Searches", "Fills the form", "Logs in"],
                [None, "Thoughts", "Research", "For me?", "Too long", "Nice"],
                ["Company", "Touchpoints", "Digital", "Google ad", "Website", "App"],
                [None, "Backstage systems", "IT", "SEO", "CRM entry", "Servers"]):
        sheet.append(row)
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("A4:A5")
    path = tmp_path / "owners.xlsx"
    book.save(path)
    result = read_map(path)
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Sign up", "Use"]
    assert names(journey.lanes) == ["Actions", "Thoughts", "Touchpoints", "Backstage systems"]
    groups = {g.id: g.name for g in journey.lane_groups}
    assert [groups[lane.group_id] for lane in journey.lanes] == ["Customer", "Customer", "Company", "Company"]
    assert cells(journey, "Sign up", "Actions") == ["Fills the form"]
    assert notes_of(journey, "Use", "Backstage systems")[0].tags == ["owner: IT"]
    assert notes_of(journey, "Discover", "Thoughts")[0].tags == ["owner: Research"]
    assert any("'Owner' read as the owner of each lane's cards" in line for line in result.report)


def test_a_numbered_list_typed_on_one_line_is_several_cards(tmp_path):
    """'1. adds to cart 2. pays 3. gets the receipt' in one line: three cards (numbers in order); '• a • b' too;
    'Step 2. Pay' and '1. Go to the 2nd floor' stay one card each."""
    path = workbook(tmp_path / "inline.xlsx", [
        ["Stage", "Discover", "Buy", "Use"],
        ["Actions", "• sees an ad • clicks the link", "1. adds to cart 2. pays 3. gets the receipt",
         "1) opens the app 2) logs in"],
        ["Thoughts", "Step 2. Pay", "1. Go to the 2nd floor", "Wait 10 min. 2. Pay"],
    ])
    journey = read_map(path).journey
    assert cells(journey, "Discover", "Actions") == ["sees an ad", "clicks the link"]
    assert cells(journey, "Buy", "Actions") == ["adds to cart", "pays", "gets the receipt"]
    assert cells(journey, "Use", "Actions") == ["opens the app", "logs in"]
    assert cells(journey, "Discover", "Thoughts") == ["Step 2. Pay"]
    assert cells(journey, "Buy", "Thoughts") == ["Go to the 2nd floor"]
    assert cells(journey, "Use", "Thoughts") == ["Wait 10 min. 2. Pay"]


def test_a_persona_card_right_beside_the_map_is_its_persona(tmp_path):
    """Persona / Name / Age / Quote / Job lines in columns A:B and the map from column C on, no blank column
    between: the map's lanes start at column C (not 'Name', 'Age' lanes with a stage called 'Stage'), and the
    card is the map's persona."""
    path = workbook(tmp_path / "persona.xlsx", [
        ["Persona", None, "Stage", "Discover", "Research", "Buy"],
        ["Name", "Maria", "Actions", "sees an ad", "reads a blog", "checks out"],
        ["Age", 34, "Touchpoints", "Instagram", "Blog", "Shop"],
        ["Quote", "I want it simple", "Thoughts", "cool", "hmm", "pricey"],
        ["Job", "Teacher", "Emotions", 3, 2, 1],
    ])
    result = read_map(path)
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Research", "Buy"]
    assert names(journey.lanes) == ["Actions", "Touchpoints", "Thoughts", "Emotions"]
    assert cells(journey, "Buy", "Thoughts") == ["pricey"]
    [maria] = journey.personas
    assert maria.name == "Maria" and maria.quote == "I want it simple"
    assert maria.role == "Teacher; Age: 34"
    assert not [line for line in result.report if "not part of the map" in line]


def test_lanes_named_like_persona_fields_are_still_lanes(tmp_path):
    """A map whose lanes are Goals / Needs / Quote (persona words) is no persona card: its first stage stays."""
    path = workbook(tmp_path / "goals.xlsx", [
        ["Stage", "Discover", "Buy", "Use"],
        ["Goals", "learn the options", "save money", "enjoy it"],
        ["Needs", "clear prices", "fast checkout", "good manual"],
        ["Quote", "What is this?", "Finally!", "Love it"],
        ["Actions", "reads", "pays", "plays"],
    ])
    journey = read_map(path).journey
    assert names(journey.stages) == ["Discover", "Buy", "Use"]
    assert names(journey.lanes) == ["Goals", "Needs", "Quote", "Actions"]


def test_a_map_written_as_a_list_of_stage_lines_and_key_value_lines(tmp_path):
    """'Stage 1: Awareness', then 'Actions: ...', 'Touchpoints: ...', 'Emotion: ...' lines, then the next stage:
    one stage per record, one lane per key, a bullet line under a key is more of it; the line above is the title."""
    path = one_column(tmp_path / "list.xlsx", [
        "Customer journey – bank account", None,
        "Stage 1: Awareness", "Actions: sees an ad on TV", "Touchpoints: TV, billboard", "Emotion: curious", None,
        "Stage 2: Onboarding", "Actions: opens the app", "- uploads an ID photo", "Touchpoints: App",
        "Emotion: frustrated", "Pain points: the ID upload fails", None,
        "Stage 3: Use", "Actions: pays with the card", "Touchpoints: Card, App", "Emotion: happy",
    ])
    result = read_map(path)
    journey = result.journey
    assert journey.metadata.title == "Customer journey – bank account"
    assert names(journey.stages) == ["Awareness", "Onboarding", "Use"]
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [
        ("Actions", "actions"), ("Touchpoints", "touchpoints"), ("Emotion", "emotions"),
        ("Pain points", "pain_points")]
    assert cells(journey, "Onboarding", "Actions") == ["opens the app", "uploads an ID photo"]
    assert cells(journey, "Onboarding", "Pain points") == ["the ID upload fails"]
    assert [(p.label, p.value < 0) for p in sorted_points(journey)] == [
        ("curious", False), ("frustrated", True), ("happy", False)]
    assert not [line for line in result.report if "not part of the map" in line]


def test_a_list_in_two_columns_key_beside_value(tmp_path):
    """Stage | Awareness, Actions | ..., in two columns, the Stage row repeated for each stage: three stages, not one
    stage with lanes named 'Stage'."""
    path = workbook(tmp_path / "two.xlsx", [
        ["Stage", "Awareness"], ["Actions", "sees an ad"], ["Emotion", 4], [None, None],
        ["Stage", "Onboarding"], ["Actions", "opens the app"], ["Emotion", 2], [None, None],
        ["Stage", "Use"], ["Actions", "pays"], ["Emotion", 5],
    ])
    journey = read_map(path).journey
    assert names(journey.stages) == ["Awareness", "Onboarding", "Use"]
    assert names(journey.lanes) == ["Actions", "Emotion"]
    assert [p.value for p in sorted_points(journey)] == [4, 2, 5]
    assert cells(journey, "Use", "Actions") == ["pays"]


def test_a_two_column_table_without_repeated_stage_lines_is_not_a_list(tmp_path):
    """A Stage | Score table (one 'Stage' header) stays what it was: stages down the rows."""
    path = workbook(tmp_path / "scores.xlsx", [["Stage", "Score"], ["Awareness", 3], ["Purchase", 4],
                                                ["Use", 5]])
    journey = read_map(path).journey
    assert names(journey.stages) == ["Awareness", "Purchase", "Use"]


def test_lanes_spaced_two_blank_rows_apart_are_one_map(tmp_path):
    """Stage names, then each lane two blank rows under the one before (a map spaced out for printing): one map of
    three lanes, not the last lane alone with the rest left out."""
    path = workbook(tmp_path / "spaced.xlsx", [
        [None, "Discover", "Research", "Buy"], [], [],
        ["Actions", "sees an ad", "reads", "pays"], [], [],
        ["Thoughts", "cool", "hmm", "pricey"], [], [],
        ["Emotions", 3, 2, 4],
    ])
    result = read_map(path)
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Research", "Buy"]
    assert names(journey.lanes) == ["Actions", "Thoughts", "Emotions"]
    assert cells(journey, "Research", "Thoughts") == ["hmm"]
    assert not [line for line in result.report if "not part of the map" in line]


def test_two_maps_two_blank_rows_apart_stay_two_maps(tmp_path):
    """Two maps stacked two blank rows apart: the second has rows of its own (its header again), so it is another
    map, not lanes of the first."""
    rows = [[None, "Discover", "Buy"], ["Actions", "a", "b"], ["Thoughts", "c", "d"], [], [],
            [None, "Discover", "Buy"], ["Actions", "e", "f"], ["Thoughts", "g", "h"]]
    result = read_map(workbook(tmp_path / "two.xlsx", rows))
    assert names(result.journey.lanes) == ["Actions", "Thoughts"]
    assert len(result.journey.cards) == 4


def test_section_rows_merged_across_the_map_are_lane_groups(tmp_path):
    """'CUSTOMER' merged across the map over its lanes, then 'BUSINESS' over the staff's: two lane groups, not two
    empty lanes; the blueprint roles still come from the lane names."""
    import openpyxl

    book = openpyxl.Workbook()
    for row in ([None, "Discover", "Research", "Buy"], ["CUSTOMER"], ["Actions", "sees an ad", "reads", "pays"],
                ["Thoughts", "cool", "hmm", "pricey"], ["BUSINESS"], ["Frontstage", "ad", "blog", "cashier"],
                ["Backstage", "SEO", "CMS", "ERP"]):
        book.active.append(row)
    book.active.merge_cells("A2:D2")
    book.active.merge_cells("A5:D5")
    path = tmp_path / "sections.xlsx"
    book.save(path)
    result = read_map(path)
    journey = result.journey
    assert groups(journey) == [("Actions", "CUSTOMER"), ("Thoughts", "CUSTOMER"), ("Frontstage", "BUSINESS"),
                                ("Backstage", "BUSINESS")]
    assert [lane.role.value if lane.role else None for lane in journey.lanes] == [
        "customer", None, "frontstage", "backstage"]
    assert any("'CUSTOMER' read as the lane group of the lanes under it (Actions, Thoughts)" in line
               for line in result.report)


def test_section_rows_in_capitals_are_lane_groups_but_an_empty_lane_stays_a_lane(tmp_path):
    """Not merged, but two empty rows in capitals over lanes that are not: groups. An empty 'Opportunities' lane
    (a template's row left to fill in) stays a lane."""
    path = workbook(tmp_path / "caps.xlsx", [
        [None, "Discover", "Buy"], ["USER"], ["Actions", "sees an ad", "pays"], ["Opportunities"],
        ["Thoughts", "cool", "pricey"], ["SYSTEM"], ["Backend", "CMS", "ERP"],
    ])
    journey = read_map(path).journey
    assert groups(journey) == [("Actions", "USER"), ("Opportunities", "USER"), ("Thoughts", "USER"),
                                ("Backend", "SYSTEM")]


def test_one_empty_lane_in_capitals_is_a_lane(tmp_path):
    path = workbook(tmp_path / "one.xlsx", [
        [None, "Discover", "Buy"], ["Actions", "sees an ad", "pays"], ["NOTES"], ["Thoughts", "cool", "pricey"],
    ])
    journey = read_map(path).journey
    assert names(journey.lanes) == ["Actions", "NOTES", "Thoughts"]
    assert journey.lane_groups == []


def test_persona_keys_typed_with_colons_keep_one_colon(tmp_path):
    """'Persona: | Maria | Age: | 34' above the map: the role line says 'Age: 34', not 'Age:: 34'."""
    path = workbook(tmp_path / "keys.xlsx", [
        ["Persona:", "Maria", "Age:", 34, "Goal:", "get fit"], [],
        ["Stage", "Discover", "Join", "Train"], ["Actions", "sees a flyer", "signs up", "works out"],
    ])
    [maria] = read_map(path).journey.personas
    assert maria.name == "Maria" and maria.role == "Age: 34" and maria.goals == ["get fit"]


def test_checkbox_rows_of_channels_mark_the_stages_where_each_is_used(tmp_path):
    """Google Sheets / Excel checkboxes (TRUE / FALSE) in rows named after channels: a ticked box is a mark (a
    card named after its channel, the row a touchpoints lane), an unticked one is left out and named."""
    path = workbook(tmp_path / "boxes.xlsx", [
        ["Stage", "Discover", "Research", "Buy"], ["Actions", "sees an ad", "reads", "pays"],
        ["Website", False, True, True], ["App", True, False, True],
    ])
    result = read_map(path)
    journey = result.journey
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [
        ("Actions", "actions"), ("Website", "touchpoints"), ("App", "touchpoints")]
    assert cells(journey, "Research", "Website") == ["Website"] and cells(journey, "Discover", "Website") == []
    assert cells(journey, "Discover", "App") == ["App"]
    assert "Sheet!B3: 'FALSE' not part of the map (an unticked checkbox)" in result.report


def test_a_list_whose_stages_are_names_alone_on_their_lines(tmp_path):
    """'AWARENESS' alone after a blank line, its 'Actions: ...' lines under it, then 'JOINING'...: stages by
    their names; the line above the first is the title."""
    path = one_column(tmp_path / "caps.xlsx", [
        "Gym membership journey", None,
        "AWARENESS", "Actions: sees a flyer", "Emotion: curious", None,
        "JOINING", "Actions: signs up online", "- pays the fee", "Emotion: annoyed", None,
        "TRAINING", "Actions: works out", "Emotion: happy",
    ])
    journey = read_map(path).journey
    assert journey.metadata.title == "Gym membership journey"
    assert names(journey.stages) == ["AWARENESS", "JOINING", "TRAINING"]
    assert names(journey.lanes) == ["Actions", "Emotion"]
    assert cells(journey, "JOINING", "Actions") == ["signs up online", "pays the fee"]


def test_two_people_listed_one_under_the_other_are_no_map(tmp_path):
    """'MARIA' / Age / Job, then 'BEN' / Age / Job: keys that name no lane's kind, so no list of stages."""
    from app.io.errors import JourneyFileError

    path = workbook(tmp_path / "people.xlsx", [
        ["MARIA"], ["Age", 34], ["Job", "teacher"], [], ["BEN"], ["Age", 40], ["Job", "nurse"]])
    try:
        journey = read_map(path).journey
    except JourneyFileError:
        return
    assert names(journey.stages) != ["MARIA", "BEN"]


def test_an_excel_tables_default_header_row_is_not_the_stages(tmp_path):
    """A range made an Excel Table without a header row gets 'Column1 | Column2 | ...' over it: those names are
    left out (and named), the map's own stage row under them is the stages."""
    import openpyxl
    from openpyxl.worksheet.table import Table

    book = openpyxl.Workbook()
    for row in (["Column1", "Column2", "Column3", "Column4"], [None, "Discover", "Research", "Buy"],
                ["Actions", "sees an ad", "reads", "pays"], ["Emotions", 3, 2, 4]):
        book.active.append(row)
    book.active.add_table(Table(displayName="Journey", ref="A1:D4"))
    path = tmp_path / "table.xlsx"
    book.save(path)
    result = read_map(path)
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Research", "Buy"]
    assert names(journey.lanes) == ["Actions", "Emotions"]
    assert journey.metadata.title != "Column1"
    assert sum("Excel's name for a column of a table that had no header row" in line for line in result.report) == 4


def test_a_lane_label_over_its_prompt_is_named_by_its_first_line(tmp_path):
    """'Actions\\nWhat does the customer do?' (a template's prompt under the label): the lane is 'Actions', and
    the report gives the whole cell; '(online)' under a label is more of its name."""
    path = workbook(tmp_path / "prompts.xlsx", [
        [None, "Discover", "Buy"], ["Actions\nWhat does the customer do?", "sees an ad", "pays"],
        ["Feelings\nHow do they feel?", "curious", "relieved"], ["Touchpoints\n(online)", "Instagram", "Shop"],
    ])
    result = read_map(path)
    assert [(lane.name, lane.kind.value) for lane in result.journey.lanes] == [
        ("Actions", "actions"), ("Feelings", "emotions"), ("Touchpoints (online)", "touchpoints")]
    assert "lane label shortened to 'Actions' (the cell says 'Actions What does the customer do?')" in result.report


def test_a_stage_typed_on_each_of_its_steps_is_the_phase_of_the_steps(tmp_path):
    """Stage | Step | Action | Emotion, one row per step, the stage typed again on each of its steps: the steps
    are the stages, the stages their phases (a score per step, none averaged). The same across columns."""
    rows = [["Stage", "Step", "Action", "Emotion"], ["Discover", "See an ad", "scrolls", 3],
            ["Discover", "Click", "taps the ad", 4], ["Buy", "Cart", "adds an item", 3], ["Buy", "Pay", "pays", 2],
            ["Use", "Unbox", "opens the box", 5]]
    for name, table in (("rows", rows), ("columns", [list(col) for col in zip(*rows, strict=True)])):
        journey = read_map(workbook(tmp_path / f"{name}.xlsx", table)).journey
        assert names(journey.stages) == ["See an ad", "Click", "Cart", "Pay", "Unbox"], name
        phase = {p.id: p.name for p in journey.phases}
        assert [phase[s.phase_id] for s in journey.stages] == ["Discover", "Discover", "Buy", "Buy", "Use"]
        assert names(journey.lanes) == ["Action", "Emotion"]
        assert [value for _stage, value, _label in curve(journey)] == [3, 4, 3, 2, 5]


def test_every_line_of_the_title_area_above_an_offset_map_is_kept(tmp_path):
    """A map placed at D7 under a title, a date line and a version line (a logo beside them): the title, and the
    date and version lines as the description (the version line was left out)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row, line in ((3, "Acme – customer journey"), (4, "Date: 12 March 2025"), (5, "Version 2 – draft")):
        sheet.cell(row=row, column=4, value=line)
    for r, row in enumerate(([None, "Discover", "Buy"], ["Actions", "sees an ad", "pays"], ["Emotions", 3, 4]), 7):
        for c, value in enumerate(row, 4):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    path = tmp_path / "offset.xlsx"
    book.save(path)
    result = read_map(path)
    assert result.journey.metadata.title == "Acme – customer journey"
    assert result.journey.metadata.description == "Date: 12 March 2025\nVersion 2 – draft"
    assert not [line for line in result.report if "not part of the map" in line]


def test_lists_of_stages_in_german_and_japanese(tmp_path):
    """'Phase: Bewusstsein' / 'Aktionen: ...' and 'ステージ：認知' / '行動：...' (a full-width colon): the same list."""
    for name, lines, stages, lanes in (
            ("de", ["Phase: Bewusstsein", "Aktionen: sieht Werbung", "Gefühle: neugierig", None, "Phase: Kauf",
                    "Aktionen: bezahlt", "Gefühle: frustriert"], ["Bewusstsein", "Kauf"], ["Aktionen", "Gefühle"]),
            ("ja", ["ステージ：認知", "行動：広告を見る", "感情：楽しい", None, "ステージ：検討", "行動：比較する",
                    "感情：不安"], ["認知", "検討"], ["行動", "感情"])):
        journey = read_map(one_column(tmp_path / f"{name}.xlsx", lines)).journey
        assert names(journey.stages) == stages and names(journey.lanes) == lanes, name
        assert [lane.kind.value for lane in journey.lanes] == ["actions", "emotions"]
        assert [value > 0 for _stage, value, _label in curve(journey)] == [True, False]


def test_a_long_table_with_description_and_owner_columns(tmp_path):
    """Phase | Category | Details | Owner: one item per row, the text in 'Details', the owner a tag of its card."""
    rows = [["Phase", "Category", "Details", "Owner"], ["Discover", "Actions", "sees an ad", "Ann"],
            ["Discover", "Pain points", "too many ads", "Bo"], ["Buy", "Actions", "pays", "Ann"],
            ["Buy", "Pain points", "fees", "Bo"]]
    result = read_map(write_csv(tmp_path / "long.csv", rows))
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Buy"]
    assert names(journey.lanes) == ["Actions", "Pain points"]
    [card] = notes_of(journey, "Buy", "Pain points")
    assert card.text == "fees" and card.tags == ["owner: Bo"]
    assert not [line for line in result.report if "not part of the map" in line]


def test_a_description_column_beside_the_lane_labels_is_no_stage(tmp_path):
    """Lane | Description | stages...: what each lane is for goes to the map's description, not a stage named
    'Description' holding the lanes' explanations as cards."""
    path = workbook(tmp_path / "described.xlsx", [
        ["Lane", "Description", "Discover", "Research", "Buy"],
        ["Actions", "What the customer does", "sees an ad", "reads", "pays"],
        ["Thoughts", "What they think", "cool", "hmm", "pricey"],
    ])
    journey = read_map(path).journey
    assert names(journey.stages) == ["Discover", "Research", "Buy"]
    assert "Actions: What the customer does; Thoughts: What they think" in journey.metadata.description
    assert len(journey.cards) == 6


def test_a_persona_card_right_of_the_map_without_a_blank_column(tmp_path):
    """The map in A:D and Persona / Name / Age / Quote lines in E:F: no stage called 'Persona', and the card is
    the map's persona."""
    path = workbook(tmp_path / "right.xlsx", [
        ["Stage", "Discover", "Research", "Buy", "Persona"],
        ["Actions", "sees an ad", "reads", "pays", "Name", "Maria"],
        ["Thoughts", "cool", "hmm", "pricey", "Age", 34], ["Emotions", 3, 2, 4, "Quote", "Keep it simple"],
    ])
    result = read_map(path)
    assert names(result.journey.stages) == ["Discover", "Research", "Buy"]
    [maria] = result.journey.personas
    assert (maria.name, maria.quote, maria.role) == ("Maria", "Keep it simple", "Age: 34")
    assert not [line for line in result.report if "not part of the map" in line]


def test_a_type_column_between_the_lane_labels_and_the_stages_names_the_lane_kinds(tmp_path):
    """Lane | Type | stages (a tool's export, or a facilitator's note of each lane's kind): no stage called 'Type';
    each lane takes the kind its Type cell names ('Channels' touchpoints, 'Emotional journey' a curve of the
    feeling words, 'Text' plain text, not reported as a guess)."""
    path = workbook(tmp_path / "typed.xlsx", [
        ["Lane", "Type", "Discover", "Research", "Buy"],
        ["What Maria does", "Actions", "sees an ad", "reads", "pays"],
        ["Where she meets us", "Channels", "Instagram", "Blog", "Shop"],
        ["How it went", "Emotional journey", "curious", "confused", "relieved"],
        ["Pain points seen", "Text", None, "jargon", "fees"],
    ])
    result = read_map(path)
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Research", "Buy"]
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [
        ("What Maria does", "actions"), ("Where she meets us", "touchpoints"), ("How it went", "emotions"),
        ("Pain points seen", "text")]
    assert [label for _stage, _value, label in curve(journey)] == ["curious", "confused", "relieved"]
    assert not any("kept as plain text" in line or "not part of the map" in line for line in result.report)


def test_a_kind_column_left_of_the_lane_names(tmp_path):
    """Type | Lane | stages: the first column the lanes' kinds, the 'Lane' column their names; no stage called
    'Lane' holding the names as cards, and 'Type' is not the title."""
    path = workbook(tmp_path / "kinds.xlsx", [
        ["Type", "Lane", "Discover", "Research", "Buy"],
        ["Actions", "What Maria does", "sees an ad", "reads", "pays"],
        ["Thoughts", "What she thinks", "cool", "hmm", "pricey"],
        ["Emotions", "How she feels", 3, 2, 4],
    ])
    result = read_map(path)
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Research", "Buy"]
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [
        ("What Maria does", "actions"), ("What she thinks", "thoughts"), ("How she feels", "emotions")]
    assert journey.metadata.title != "Type"
    assert cells(journey, "Buy", "What she thinks") == ["pricey"]
    assert not [line for line in result.report if "not part of the map" in line]



def test_a_long_column_left_out_is_one_line_of_the_report_and_a_short_one_a_line_a_cell(tmp_path):
    """200 notes' ID and Type columns made 400 lines of the report; a run of cells left out for one reason in one
    column is named once, by its range, with its first and last words."""
    rows = [["ID", "Type", "Text", "Area", "Column"]]
    lanes, stages = ("Actions", "Touchpoints", "Pain points"), ("Awareness", "Consideration", "Purchase")
    rows += [[n, "sticky", f"note {n}", lanes[n % 3], stages[(n // 3) % 3]] for n in range(30)]
    result = read_map(write_csv(tmp_path / "board.csv", rows))
    left = [line for line in result.report if "not part of the map" in line]
    assert left == [
        "board!A1:A31: 31 cells of column A ('ID', '0', '1', … '29') not part of the map (inside the grid but not "
        "under a stage and beside a lane)",
        "board!B1:B31: 31 cells of column B ('Type', 'sticky', 'sticky', … 'sticky') not part of the map (inside the "
        "grid but not under a stage and beside a lane)"], left
    short = read_map(write_csv(tmp_path / "short.csv", rows[:7])).report
    assert sum("not part of the map" in line for line in short) == 14  # 7 a column: a line a cell
