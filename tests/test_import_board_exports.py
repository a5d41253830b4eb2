"""Layouts facilitators make outside a plain grid: whiteboard exports (Miro, Mural: one sticky note per row, the
columns named the board's way), emotion rows given as a score and a note, numbered lists typed on one line, an
owner column beside the lane labels, a map written as a list of `Stage:` / `Actions:` lines, and a persona block
right beside the map. Each built here as a real file and imported with read_map."""

from __future__ import annotations

import csv
from pathlib import Path

from app.io.formats import read_map
from tests.import_helpers import cells, names


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def notes_of(journey, stage: str, lane: str) -> list:
    stage_id = next(s.id for s in journey.stages if s.name == stage)
    lane_id = next(item.id for item in journey.lanes if item.name == lane)
    return list(journey.cards_in(stage_id, lane_id))


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
    assert "mural!B2: 'sticky note' not part of the map" in left  # nothing dropped silently
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


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _curve(journey) -> list[tuple[str, float, str | None]]:
    order = {s.id: (n, s.name) for n, s in enumerate(journey.stages)}
    points = sorted(journey.emotions, key=lambda p: order[p.stage_id][0])
    return [(order[p.stage_id][1], p.value, p.label) for p in points]


def test_an_emotion_score_row_and_an_emotion_note_row_are_one_curve(tmp_path):
    """'Emotion score' (numbers) over 'Emotion note' (words): one emotions lane, each point the number with the
    note as its label (not a second curve guessed from the feeling words)."""
    path = _workbook(tmp_path / "pair.xlsx", [
        ["Stage", "Discover", "Research", "Buy", "Deliver"],
        ["Doing", "sees an ad", "reads reviews", "checks out", "waits"],
        ["Emotion score", 4, 3, 2, 1],
        ["Emotion note", "curious", "overwhelmed", "anxious about fees", None],
        ["Pain points", None, "too much info", "hidden fees", "late"],
    ])
    result = read_map(path)
    journey = result.journey
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [
        ("Doing", "actions"), ("Emotion score", "emotions"), ("Pain points", "pain_points")]
    assert _curve(journey) == [("Discover", 4, "curious"), ("Research", 3, "overwhelmed"),
                               ("Buy", 2, "anxious about fees"), ("Deliver", 1, None)]
    assert any("'Emotion note' read as the labels of the points of 'Emotion score'" in line for line in result.report)


LONG = " ".join(["the courier called twice, the parcel came two days late and the box was open"] * 8)


def test_a_why_row_of_sentences_above_the_scores_labels_them(tmp_path):
    """'Feeling (why)' holds sentences, not feeling words, above a 'Feeling' row of -2..2 scores: still the labels
    of those points; a comment on a note cell becomes the point's note; no lane of text is left over."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    path = _workbook(tmp_path / "why.xlsx", [
        ["Stage", "Discover", "Research", "Buy"],
        ["Doing", "sees an ad", "reads reviews", "checks out"],
        ["Feeling (why)", "the parcel was late", None, LONG],
        ["Feeling", -1, 0, 2],
    ])
    book = load_workbook(path)
    book.active["B3"].comment = Comment("said by 3 of 5", "me")
    book.save(path)
    journey = read_map(path).journey
    assert names(journey.lanes) == ["Doing", "Feeling"]
    curve = {name: (value, label) for name, value, label in _curve(journey)}
    assert curve == {"Discover": (-1, "the parcel was late"), "Research": (0, None), "Buy": (2, None)}
    notes = {p.value: p.note for p in journey.emotions}
    assert notes[-1] == "said by 3 of 5"
    assert notes[2] == LONG  # too long for a label: the whole text is the point's note


def test_two_rows_of_scores_stay_two_curves(tmp_path):
    """'Emotion score' and 'Emotion note' both of numbers: two curves, as the sheet has them."""
    path = _workbook(tmp_path / "two.xlsx", [
        ["Stage", "Discover", "Research", "Buy"],
        ["Doing", "sees an ad", "reads reviews", "checks out"],
        ["Emotion score", 4, 3, 2],
        ["Emotion note", 1, 2, 3],
    ])
    journey = read_map(path).journey
    assert names(journey.lanes) == ["Doing", "Emotion score", "Emotion note"]


def test_a_numbered_list_typed_on_one_line_is_several_cards(tmp_path):
    """'1. adds to cart 2. pays 3. gets the receipt' in one line: three cards (numbers in order); '• a • b' too;
    'Step 2. Pay' and '1. Go to the 2nd floor' stay one card each."""
    path = _workbook(tmp_path / "inline.xlsx", [
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
    path = _workbook(tmp_path / "persona.xlsx", [
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
    path = _workbook(tmp_path / "goals.xlsx", [
        ["Stage", "Discover", "Buy", "Use"],
        ["Goals", "learn the options", "save money", "enjoy it"],
        ["Needs", "clear prices", "fast checkout", "good manual"],
        ["Quote", "What is this?", "Finally!", "Love it"],
        ["Actions", "reads", "pays", "plays"],
    ])
    journey = read_map(path).journey
    assert names(journey.stages) == ["Discover", "Buy", "Use"]
    assert names(journey.lanes) == ["Goals", "Needs", "Quote", "Actions"]


def _one_column(path: Path, lines: list[str | None]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for row, line in enumerate(lines, 1):
        if line:
            book.active.cell(row=row, column=1, value=line)
    book.save(path)
    return path


def test_a_map_written_as_a_list_of_stage_lines_and_key_value_lines(tmp_path):
    """'Stage 1: Awareness', then 'Actions: ...', 'Touchpoints: ...', 'Emotion: ...' lines, then the next stage:
    one stage per record, one lane per key, a bullet line under a key is more of it; the line above is the title."""
    path = _one_column(tmp_path / "list.xlsx", [
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
    assert [(p.label, p.value < 0) for p in _sorted_points(journey)] == [
        ("curious", False), ("frustrated", True), ("happy", False)]
    assert not [line for line in result.report if "not part of the map" in line]


def _sorted_points(journey) -> list:
    order = {s.id: n for n, s in enumerate(journey.stages)}
    return sorted(journey.emotions, key=lambda p: order[p.stage_id])


def test_a_list_in_two_columns_key_beside_value(tmp_path):
    """Stage | Awareness, Actions | ..., in two columns, the Stage row repeated for each stage: three stages, not one
    stage with lanes named 'Stage'."""
    path = _workbook(tmp_path / "two.xlsx", [
        ["Stage", "Awareness"], ["Actions", "sees an ad"], ["Emotion", 4], [None, None],
        ["Stage", "Onboarding"], ["Actions", "opens the app"], ["Emotion", 2], [None, None],
        ["Stage", "Use"], ["Actions", "pays"], ["Emotion", 5],
    ])
    journey = read_map(path).journey
    assert names(journey.stages) == ["Awareness", "Onboarding", "Use"]
    assert names(journey.lanes) == ["Actions", "Emotion"]
    assert [p.value for p in _sorted_points(journey)] == [4, 2, 5]
    assert cells(journey, "Use", "Actions") == ["pays"]


def test_a_two_column_table_without_repeated_stage_lines_is_not_a_list(tmp_path):
    """A Stage | Score table (one 'Stage' header) stays what it was: stages down the rows."""
    path = _workbook(tmp_path / "scores.xlsx", [["Stage", "Score"], ["Awareness", 3], ["Purchase", 4],
                                                ["Use", 5]])
    journey = read_map(path).journey
    assert names(journey.stages) == ["Awareness", "Purchase", "Use"]


def test_lanes_spaced_two_blank_rows_apart_are_one_map(tmp_path):
    """Stage names, then each lane two blank rows under the one before (a map spaced out for printing): one map of
    three lanes, not the last lane alone with the rest left out."""
    path = _workbook(tmp_path / "spaced.xlsx", [
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
    result = read_map(_workbook(tmp_path / "two.xlsx", rows))
    assert names(result.journey.lanes) == ["Actions", "Thoughts"]
    assert len(result.journey.cards) == 4


def _groups(journey) -> list[tuple[str, str | None]]:
    by_id = {g.id: g.name for g in journey.lane_groups}
    return [(lane.name, by_id.get(lane.group_id)) for lane in journey.lanes]


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
    assert _groups(journey) == [("Actions", "CUSTOMER"), ("Thoughts", "CUSTOMER"), ("Frontstage", "BUSINESS"),
                                ("Backstage", "BUSINESS")]
    assert [lane.role.value if lane.role else None for lane in journey.lanes] == [
        "customer", None, "frontstage", "backstage"]
    assert any("'CUSTOMER' read as the lane group of the lanes under it (Actions, Thoughts)" in line
               for line in result.report)


def test_section_rows_in_capitals_are_lane_groups_but_an_empty_lane_stays_a_lane(tmp_path):
    """Not merged, but two empty rows in capitals over lanes that are not: groups. An empty 'Opportunities' lane
    (a template's row left to fill in) stays a lane."""
    path = _workbook(tmp_path / "caps.xlsx", [
        [None, "Discover", "Buy"], ["USER"], ["Actions", "sees an ad", "pays"], ["Opportunities"],
        ["Thoughts", "cool", "pricey"], ["SYSTEM"], ["Backend", "CMS", "ERP"],
    ])
    journey = read_map(path).journey
    assert _groups(journey) == [("Actions", "USER"), ("Opportunities", "USER"), ("Thoughts", "USER"),
                                ("Backend", "SYSTEM")]


def test_one_empty_lane_in_capitals_is_a_lane(tmp_path):
    path = _workbook(tmp_path / "one.xlsx", [
        [None, "Discover", "Buy"], ["Actions", "sees an ad", "pays"], ["NOTES"], ["Thoughts", "cool", "pricey"],
    ])
    journey = read_map(path).journey
    assert names(journey.lanes) == ["Actions", "NOTES", "Thoughts"]
    assert journey.lane_groups == []


def test_persona_keys_typed_with_colons_keep_one_colon(tmp_path):
    """'Persona: | Maria | Age: | 34' above the map: the role line says 'Age: 34', not 'Age:: 34'."""
    path = _workbook(tmp_path / "keys.xlsx", [
        ["Persona:", "Maria", "Age:", 34, "Goal:", "get fit"], [],
        ["Stage", "Discover", "Join", "Train"], ["Actions", "sees a flyer", "signs up", "works out"],
    ])
    [maria] = read_map(path).journey.personas
    assert maria.name == "Maria" and maria.role == "Age: 34" and maria.goals == ["get fit"]


def _traffic_light_map(path: Path) -> Path:
    import openpyxl
    from openpyxl.styles import PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Stage", "Discover", "Research", "Buy", "Use"], ["Actions", "sees an ad", "reads", "pays", "logs in"],
                ["Emotion"], ["Notes", None, None, None, "blue cell below"], ["Pain points", None, "jargon", "fees"]):
        sheet.append(row)
    for ref, colour in (("B3", "00B050"), ("C3", "FFFF00"), ("D3", "FF0000"), ("E3", "92D050"),
                        ("B5", "5B9BD5"), ("C5", "5B9BD5")):
        sheet[ref].fill = PatternFill("solid", fgColor=colour)
    book.save(path)
    return path


def test_an_emotions_row_of_traffic_light_colours_is_the_curve(tmp_path, monkeypatch):
    """'Emotion' with its cells left empty and filled green, yellow, red, light green: the curve +1, 0, -1, +0.5
    (as a guess, reported); blue cells in another lane are no feeling. Both .xlsx readers alike."""
    from app.io.sheet_import import source_xlsx
    from tests.test_xlsx_raw import same_grids

    path = _traffic_light_map(tmp_path / "lights.xlsx")
    same_grids(path)
    for reader in ("lean", "openpyxl"):
        if reader == "openpyxl":
            monkeypatch.setattr(source_xlsx, "read_raw", _refuse)
        result = read_map(path)
        journey = result.journey
        scale = journey.emotion_scale
        assert (scale.min, scale.max) == (-2, 2)
        assert [(name, value) for name, value, _label in _curve(journey)] == [
            ("Discover", 2), ("Research", 0), ("Buy", -2), ("Use", 1)], reader
        assert [lane.name for lane in journey.lanes if lane.kind.value == "emotions"] == ["Emotion"]
        assert any("lane 'Emotion' holds no text; its cells' colours read as its curve" in line
                   for line in result.report)


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise ValueError("not understood")


def test_checkbox_rows_of_channels_mark_the_stages_where_each_is_used(tmp_path):
    """Google Sheets / Excel checkboxes (TRUE / FALSE) in rows named after channels: a ticked box is a mark (a
    card named after its channel, the row a touchpoints lane), an unticked one is left out and named."""
    path = _workbook(tmp_path / "boxes.xlsx", [
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
    path = _one_column(tmp_path / "caps.xlsx", [
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

    path = _workbook(tmp_path / "people.xlsx", [
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


def test_an_emotion_grid_of_marks_is_one_curve(tmp_path):
    """Rows Positive / Neutral / Negative under an empty EMOTIONS row, an 'x' in each stage's column where the
    customer's feeling was: one curve (top +2, middle 0, bottom -2 on the -2..2 scale), labelled with the row."""
    path = _workbook(tmp_path / "grid.xlsx", [
        ["STAGE", "AWARENESS", "CONSIDERATION", "PURCHASE", "RETENTION"],
        ["CUSTOMER ACTIONS", "sees an ad", "compares", "buys", "uses"],
        ["EMOTIONS"], ["Positive", "x", None, None, "x"], ["Neutral", None, "x"], ["Negative", None, None, "x"],
        ["PAIN POINTS", None, "price", "checkout"],
    ])
    result = read_map(path)
    journey = result.journey
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [
        ("CUSTOMER ACTIONS", "actions"), ("EMOTIONS", "emotions"), ("PAIN POINTS", "pain_points")]
    assert _curve(journey) == [("AWARENESS", 2, "Positive"), ("CONSIDERATION", 0, "Neutral"),
                               ("PURCHASE", -2, "Negative"), ("RETENTION", 2, "Positive")]
    assert not any("marks (x) became cards" in line for line in result.report)


def test_an_emotion_grid_of_faces_with_dots_and_the_worst_on_top(tmp_path):
    """Rows labelled 🙁 / 😐 / 😀 (worst first), dots in them, no header row: a lane 'Emotions' of the same
    curve, the top row now the bottom of the scale."""
    path = _workbook(tmp_path / "faces.xlsx", [
        [None, "Discover", "Research", "Buy"], ["Actions", "sees an ad", "compares", "buys"],
        ["🙁", None, None, "●"], ["😐", None, "●"], ["😀", "●"],
    ])
    journey = read_map(path).journey
    assert names(journey.lanes) == ["Actions", "Emotions"]
    assert _curve(journey) == [("Discover", 2, "😀"), ("Research", 0, "😐"), ("Buy", -2, "🙁")]


def test_rows_of_priority_marks_stay_lanes(tmp_path):
    """High / Medium / Low rows with marks are no feelings: they stay lanes of marks."""
    path = _workbook(tmp_path / "priority.xlsx", [
        [None, "Discover", "Buy"], ["Actions", "sees an ad", "buys"], ["High", "x"], ["Medium", None, "x"],
        ["Low"],
    ])
    journey = read_map(path).journey
    assert names(journey.lanes)[:3] == ["Actions", "High", "Medium"]
    assert not journey.emotions


def test_a_lane_label_over_its_prompt_is_named_by_its_first_line(tmp_path):
    """'Actions\\nWhat does the customer do?' (a template's prompt under the label): the lane is 'Actions', and
    the report gives the whole cell; '(online)' under a label is more of its name."""
    path = _workbook(tmp_path / "prompts.xlsx", [
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
        journey = read_map(_workbook(tmp_path / f"{name}.xlsx", table)).journey
        assert names(journey.stages) == ["See an ad", "Click", "Cart", "Pay", "Unbox"], name
        phase = {p.id: p.name for p in journey.phases}
        assert [phase[s.phase_id] for s in journey.stages] == ["Discover", "Discover", "Buy", "Buy", "Use"]
        assert names(journey.lanes) == ["Action", "Emotion"]
        assert [value for _stage, value, _label in _curve(journey)] == [3, 4, 3, 2, 5]


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
        journey = read_map(_one_column(tmp_path / f"{name}.xlsx", lines)).journey
        assert names(journey.stages) == stages and names(journey.lanes) == lanes, name
        assert [lane.kind.value for lane in journey.lanes] == ["actions", "emotions"]
        assert [value > 0 for _stage, value, _label in _curve(journey)] == [True, False]


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
    path = _workbook(tmp_path / "described.xlsx", [
        ["Lane", "Description", "Discover", "Research", "Buy"],
        ["Actions", "What the customer does", "sees an ad", "reads", "pays"],
        ["Thoughts", "What they think", "cool", "hmm", "pricey"],
    ])
    journey = read_map(path).journey
    assert names(journey.stages) == ["Discover", "Research", "Buy"]
    assert "Actions: What the customer does; Thoughts: What they think" in journey.metadata.description
    assert len(journey.cards) == 6


def test_only_a_whole_run_of_level_rows_is_an_emotion_grid(tmp_path):
    """Happy / OK / Sad / Happy rows of marks: the levels repeat, so no grid, and no part of the run is taken as
    one (its last three rows alone would look like a grid)."""
    path = _workbook(tmp_path / "repeat.xlsx", [
        [None, "Discover", "Buy", "Use"], ["Actions", "sees an ad", "buys", "uses"],
        ["Happy", "x"], ["OK", None, "x"], ["Sad", None, None, "x"], ["Happy", None, "x"],
    ])
    journey = read_map(path).journey
    assert not journey.emotions
    assert names(journey.lanes) == ["Actions", "Happy", "OK", "Sad", "Happy"]


def test_a_persona_card_right_of_the_map_without_a_blank_column(tmp_path):
    """The map in A:D and Persona / Name / Age / Quote lines in E:F: no stage called 'Persona', and the card is
    the map's persona."""
    path = _workbook(tmp_path / "right.xlsx", [
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
    path = _workbook(tmp_path / "typed.xlsx", [
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
    assert [label for _stage, _value, label in _curve(journey)] == ["curious", "confused", "relieved"]
    assert not any("kept as plain text" in line or "not part of the map" in line for line in result.report)


def test_the_preview_colours_a_lists_keys_and_an_emotion_grids_levels(tmp_path):
    """In the import preview, a two-column list's 'Stage' keys are stage cells and its lane keys lane labels (in
    every record); an emotion grid's level labels are the emotion lane's."""
    from app.io.sheet_import import preview as import_preview
    from app.io.sheet_import.preview import EMOTION, EMOTION_LANE, LANE, STAGE

    listed = _workbook(tmp_path / "list.xlsx", [
        ["Stage", "Awareness"], ["Actions", "sees an ad"], ["Emotion", 4], [None],
        ["Stage", "Use"], ["Actions", "pays"], ["Emotion", 5]])
    roles = import_preview.preview(import_preview.load_sheets(listed)).roles
    assert [roles[(r, 0)] for r in (0, 1, 2, 4, 5, 6)] == [STAGE, LANE, EMOTION_LANE, STAGE, LANE, EMOTION_LANE]
    assert roles[(4, 1)] == STAGE and roles[(6, 1)] == EMOTION
    grid = _workbook(tmp_path / "grid.xlsx", [
        [None, "Discover", "Buy"], ["Actions", "sees an ad", "buys"], ["😀", "x"], ["😐"], ["🙁", None, "x"]])
    roles = import_preview.preview(import_preview.load_sheets(grid)).roles
    assert [roles[(r, 0)] for r in (2, 3, 4)] == [EMOTION_LANE] * 3
    assert roles[(2, 1)] == EMOTION and roles[(4, 2)] == EMOTION


def test_score_and_note_rows_and_emotion_grids_in_other_languages(tmp_path):
    """'Puntuación emocional' over 'Emoción (por qué)'; a French grid 'Positif / Neutre / Négatif' under
    'ÉMOTIONS'; a Spanish one 'Positivo / Neutral / Negativo'."""
    pair = _workbook(tmp_path / "es.xlsx", [
        ["Etapa", "Descubrir", "Comprar"], ["Acciones", "ve un anuncio", "paga"], ["Puntuación emocional", 4, 2],
        ["Emoción (por qué)", "curioso", "caro"]])
    journey = read_map(pair).journey
    assert names(journey.lanes) == ["Acciones", "Puntuación emocional"]
    assert _curve(journey) == [("Descubrir", 4, "curioso"), ("Comprar", 2, "caro")]
    french = _workbook(tmp_path / "fr.xlsx", [
        ["Étape", "Découvrir", "Acheter"], ["Actions", "voit la pub", "paie"], ["ÉMOTIONS"], ["Positif", "x"],
        ["Neutre"], ["Négatif", None, "x"]])
    journey = read_map(french).journey
    assert names(journey.lanes) == ["Actions", "ÉMOTIONS"]
    assert _curve(journey) == [("Découvrir", 2, "Positif"), ("Acheter", -2, "Négatif")]
    spanish = _workbook(tmp_path / "es2.xlsx", [
        ["Etapa", "Descubrir", "Comprar"], ["Acciones", "ve un anuncio", "paga"], ["Positivo", "x"], ["Neutral"],
        ["Negativo", None, "x"]])
    assert [label for _s, _v, label in _curve(read_map(spanish).journey)] == ["Positivo", "Negativo"]


def test_a_kind_column_left_of_the_lane_names(tmp_path):
    """Type | Lane | stages: the first column the lanes' kinds, the 'Lane' column their names; no stage called
    'Lane' holding the names as cards, and 'Type' is not the title."""
    path = _workbook(tmp_path / "kinds.xlsx", [
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
