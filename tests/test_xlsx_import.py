"""The layouts the Excel importer understands, each in a small workbook built here."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from app.io.errors import JourneyFileError
from app.io.sheet_import.read_xlsx import detect, read_xlsx
from tests.import_helpers import cells, emotions, make_workbook, names, read

BASIC = [
    [None, "Awareness", "Consideration", "Purchase"],
    ["Doing", "Sees an ad", "Compares prices", "Pays online"],
    ["Touchpoints", "Instagram", "Website", "Mobile app"],
    ["Pain points", "Too many ads", "Hidden fees", "Card declined"],
]


def test_offset_start_with_title_instructions_and_placeholders(tmp_path):
    rows = [
        ["Instructions: fill in every cell, then send it back"],
        [],
        ["Title:", "Buying a bike"],
        ["Persona:", "Maria, commuter"],
        [],
        [],
        [None, "Discover >>", "Compare >>", "Buy"],
        ["Doing", "Reads a blog", "Fill in", "Orders"],
        ["Thinking", "xxxx", "Which one?", None],
    ]
    path = make_workbook(tmp_path / "offset.xlsx", rows, start="C4")
    result = read(path)
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Compare", "Buy"]
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [("Doing", "actions"), ("Thinking", "thoughts")]
    assert cells(journey, "Compare", "Doing") == []
    assert journey.metadata.title == "Buying a bike"  # key/value lines above the grid
    assert journey.persona is not None and journey.persona.name == "Maria, commuter"
    report = "\n".join(result.report)
    assert "Map!C4: 'Instructions: fill in every cell, then send it back' not part of the map (above the map" in report
    assert "Map!E11: 'Fill in' skipped (a placeholder)" in report
    assert "Map!D12: 'xxxx' skipped (a placeholder)" in report


def test_title_and_persona_lines_above_the_grid(tmp_path):
    rows = [["Title", "Commuter journey"], ["Persona", "Maria"], ["Scenario", "Buys a bike"]] + BASIC
    journey = read(make_workbook(tmp_path / "meta.xlsx", rows)).journey
    assert journey.metadata.title == "Commuter journey"
    assert journey.persona is not None and journey.persona.name == "Maria"
    assert journey.metadata.description == "Buys a bike"
    assert len(journey.stages) == 3


def test_basic_columns_and_source_file_untouched(tmp_path):
    path = make_workbook(tmp_path / "basic.xlsx", BASIC)
    before = (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    journey = read_xlsx(path).journey
    assert (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()) == before
    assert names(journey.stages) == ["Awareness", "Consideration", "Purchase"]
    assert [lane.kind.value for lane in journey.lanes] == ["actions", "touchpoints", "pain_points"]
    channels = [c.channel for c in journey.cards if c.lane_id == journey.lanes[1].id]
    assert channels == ["social_media", "website", "mobile_app"]


def test_transposed(tmp_path):
    rows = [["Stage", "Actions", "Thoughts", "Pain points"],
            ["Awareness", "Sees an ad", "Nice", "Noise"],
            ["Purchase", "Pays", "Expensive?", "Fees"]]
    result = read(make_workbook(tmp_path / "t.xlsx", rows))
    assert result.journey.stages[1].name == "Purchase"
    assert names(result.journey.lanes) == ["Actions", "Thoughts", "Pain points"]
    assert cells(result.journey, "Purchase", "Pain points") == ["Fees"]
    assert any("stages-in-rows" in line for line in result.report)


def test_long_format(tmp_path):
    rows = [["Stage", "Lane", "Text"],
            ["Awareness", "Actions", "Sees an ad"],
            ["Awareness", "Actions", "Asks a friend"],
            ["Purchase", "Pain points", "Fees"],
            ["Awareness", "Pain points", "Noise"],
            ["Purchase", "Emotions", "3"],
            ["Awareness", "Emotions", "-1"]]
    result = read(make_workbook(tmp_path / "long.xlsx", rows))
    journey = result.journey
    assert names(journey.stages) == ["Awareness", "Purchase"]
    assert names(journey.lanes) == ["Actions", "Pain points", "Emotions"]
    assert cells(journey, "Awareness", "Actions") == ["Sees an ad", "Asks a friend"]
    assert emotions(journey) == [-1, 3]
    assert any(", long:" in line for line in result.report)


def test_merged_stage_headers_gather_columns(tmp_path):
    rows = [[None, "Research", None, "Buy"],
            ["Actions", "Blogs", "Forums", "Pays"]]
    journey = read(make_workbook(tmp_path / "m.xlsx", rows, merged=("B1:C1",))).journey
    assert names(journey.stages) == ["Research", "Buy"]
    assert cells(journey, "Research", "Actions") == ["Blogs", "Forums"]


def test_phase_band_and_merged_lane_labels_and_group_column(tmp_path):
    rows = [[None, None, "Before", None, "During"],
            [None, "Step", "Search", "Compare", "Buy"],
            ["Frontstage", "Actions", "Googles", "Reads reviews", "Pays"],
            [None, "Channel", "Web", "Web", "Store"],
            ["Backstage", "Systems", None, "Price engine", "Till"]]
    path = make_workbook(tmp_path / "blueprint.xlsx", rows, merged=("C1:D1", "A3:A4"))
    journey = read(path).journey
    assert names(journey.stages) == ["Search", "Compare", "Buy"]
    assert [(p.name, len(journey.stages_of_phase(p.id))) for p in journey.phases] == [("Before", 2), ("During", 1)]
    assert [g.name for g in journey.lane_groups] == ["Frontstage", "Backstage"]
    assert names(journey.lanes) == ["Actions", "Channel", "Systems"]
    assert journey.lanes[0].group_id == journey.lanes[1].group_id != journey.lanes[2].group_id


def test_lane_label_merged_down_rows(tmp_path):
    rows = [[None, "A", "B"], ["Actions", "one", "two"], [None, "three", "four"]]
    journey = read(make_workbook(tmp_path / "ml.xlsx", rows, merged=("A2:A3",))).journey
    assert names(journey.lanes) == ["Actions"]
    assert cells(journey, "A", "Actions") == ["one", "three"]


def test_bullets_lines_and_separators_split_into_cards(tmp_path):
    rows = [[None, "A", "B", "C"],
            ["Actions", "• first\n• second", "1. one\n2. two", "left | right"],
            ["Thoughts", "- dash\n* star", "line one\nline two", "plain"]]
    journey = read(make_workbook(tmp_path / "b.xlsx", rows)).journey
    assert cells(journey, "A", "Actions") == ["first", "second"]
    assert cells(journey, "B", "Actions") == ["one", "two"]
    assert cells(journey, "C", "Actions") == ["left", "right"]
    assert cells(journey, "A", "Thoughts") == ["dash", "star"]
    assert cells(journey, "B", "Thoughts") == ["line one", "line two"]


def test_fills_become_colours_and_comments_notes(tmp_path):
    path = make_workbook(tmp_path / "f.xlsx", BASIC, fills={"B2": "FFCC00", "A3": "3366FF", "C1": "00AA00"},
                         comments={"C4": "Seen in 4 of 5 interviews"})
    journey = read(path).journey
    assert journey.cards[0].color == "#ffcc00"
    assert journey.lanes[1].color == "#3366ff"
    assert journey.stages[1].color == "#00aa00"
    card = next(c for c in journey.cards if c.text == "Hidden fees")
    assert card.note == "Seen in 4 of 5 interviews"


@pytest.mark.parametrize(
    ("values", "scale"),
    [
        ([1, 3, 5, 4], (1, 5)),
        ([-3, 0, 2, 3], (-3, 3)),
        ([0, 7, 10, 4], (0, 10)),
        ([10, 55, 100, 80], (0, 100)),
        (["2,5", "4,5", "1,5", "3"], (1, 5)),
    ],
)
def test_emotion_numbers_keep_their_scale(tmp_path, values, scale):
    rows = [[None, "A", "B", "C", "D"], ["Actions", "a", "b", "c", "d"], ["Emotion", *values]]
    journey = read(make_workbook(tmp_path / "e.xlsx", rows)).journey
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == scale
    expected = [float(str(v).replace(",", ".")) for v in values]
    assert emotions(journey) == expected


def test_emotion_words_in_several_languages_and_emoji(tmp_path):
    rows = [[None, "A", "B", "C", "D", "E", "F"],
            ["Actions", "a", "b", "c", "d", "e", "f"],
            ["Feeling", "Frustrated", "feliz", "enttäuscht", "😡", "😊", "в восторге"]]
    journey = read(make_workbook(tmp_path / "w.xlsx", rows)).journey
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == (-2, 2)
    assert emotions(journey) == [-2, 1, -1, -2, 1, 2]
    assert journey.emotions[0].label == "Frustrated"


def test_emoji_pictures_anchored_to_cells(tmp_path):
    from openpyxl import load_workbook
    from openpyxl.drawing.image import Image
    from PIL import Image as PilImage

    rows = [[None, "A", "B", "C"], ["Actions", "a", "b", "c"], ["Emotions", None, None, "😐"]]
    path = make_workbook(tmp_path / "pic.xlsx", rows)
    book = load_workbook(path)
    PilImage.new("RGB", (8, 8), "yellow").save(tmp_path / "face.png")
    for anchor in ("B3", "C3", "D3"):
        book["Map"].add_image(Image(tmp_path / "face.png"), anchor)
    book.save(path)
    # give two pictures descriptions the way Excel's alt text does
    rewritten = tmp_path / "pic2.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/drawings/drawing"):
                text = data.decode()
                text = text.replace('name="Image 1" descr="Picture"', 'name="Image 1" descr="😀 happy face"', 1)
                text = text.replace('name="Image 2" descr="Picture"', 'name="Image 2" descr="sad"', 1)
                data = text.encode()
            target.writestr(item, data)
    result = read(rewritten)
    assert emotions(result.journey) == [1, -1, 0]
    assert any("D3: picture 'Picture' is not recognisable as a feeling" in line for line in result.report)


def test_two_tables_on_a_sheet_picks_the_map(tmp_path):
    rows = BASIC + [[], [], [], ["Budget", "Q1", "Q2"], ["Ads", 100, 200], ["Staff", 300, 400]]
    result = read(make_workbook(tmp_path / "two.xlsx", rows))
    assert names(result.journey.stages) == ["Awareness", "Consideration", "Purchase"]
    assert any("Map!A8: 'Budget' not part of the map (below the map, a separate table" in line
               for line in result.report)


def test_several_sheets_pick_the_map_and_sheet_option(tmp_path):
    path = make_workbook(tmp_path / "s.xlsx", [["Notes"], ["nothing here"]],
                         sheets={"Journey": BASIC, "Other": [["Stage", "Actions"], ["Only", "one"]]})
    result = read(path)
    assert names(result.journey.stages) == ["Awareness", "Consideration", "Purchase"]
    assert "read sheet 'Journey'" in result.report[0]
    other = read(path, sheet="Other")
    assert names(other.journey.stages) == ["Only"]
    with pytest.raises(JourneyFileError, match="has no sheet named 'Nope'; its sheets are: 'Map', 'Journey', 'Other'"):
        read(path, sheet="Nope")


def test_hidden_rows_are_reported_not_read(tmp_path):
    rows = BASIC + [["Secret", "a", "b", "c"]]
    result = read(make_workbook(tmp_path / "h.xlsx", rows, hidden_rows=(5,)))
    assert "Secret" not in names(result.journey.lanes)
    assert any("Map!A5: 'Secret' not part of the map (in a hidden row)" in line for line in result.report)


def test_detect_and_overrides_for_the_preview_dialog(tmp_path):
    rows = [["Notes at the top", None, None], [None, "Awareness", "Purchase"], ["Doing", "x1", "x2"],
            ["Notes", "good", "bad"]]
    path = make_workbook(tmp_path / "d.xlsx", rows)
    detection = detect(path)
    assert detection.orientation == "stages-in-columns"
    assert (detection.header_row, detection.label_column) == (1, 0)
    assert [s.name for s in detection.stages] == ["Awareness", "Purchase"]
    assert [(lane.name, lane.kind.value) for lane in detection.lanes] == [("Doing", "actions"), ("Notes", "text")]
    journey = read_xlsx(path, lane_kinds={1: "emotions"}).journey
    assert journey.lanes[1].kind == "emotions" and len(journey.emotions) == 2
    rows_way = read_xlsx(path, orientation="stages-in-rows", header_row=1, label_column=0).journey
    assert names(rows_way.stages) == ["Doing", "Notes"]
    forced = read_xlsx(path, header_row=2, label_column=0).journey
    assert names(forced.stages) == ["x1", "x2"]


def test_hidden_journey_sheet_is_used_unless_the_sheet_was_edited(tmp_path, example_map):
    from openpyxl import load_workbook

    from app.io.journey.file import dumps_journey

    path = make_workbook(tmp_path / "exp.xlsx", BASIC)
    layout = read(path).journey
    layout.metadata.title = "From the hidden sheet"
    layout.metadata.description = ("word \u00a0 " * 2400) + "  end  "  # with spaces a trim would eat
    for card in layout.cards:
        card.note = "x  " * 3000
    book = load_workbook(path)
    hidden = book.create_sheet("_journey_canvas")
    hidden.sheet_state = "veryHidden"
    text = dumps_journey(layout)
    assert len(text) > 32_000
    for n, start in enumerate(range(0, len(text), 32_000), 1):  # split across A1, A2, ...
        hidden.cell(row=n, column=1, value=text[start:start + 32_000])
    book.save(path)
    result = read(path)
    assert result.journey.model_dump() == layout.model_dump()
    assert [c.id for c in result.journey.cards] == [c.id for c in layout.cards]
    assert "hidden sheet" in result.report[0]

    book = load_workbook(path)
    book["Map"]["B2"] = "Sees a billboard"
    book.save(path)
    edited = read(path)
    assert cells(edited.journey, "Awareness", "Doing") == ["Sees a billboard"]
    assert "edited after export" in edited.report[0]

    book = load_workbook(path)
    book["_journey_canvas"]["A1"] = "{ not json"
    book.save(path)
    damaged = read(path)
    assert len(damaged.journey.stages) == 3
    assert any("damaged" in line for line in damaged.report)


def test_cli_convert_prints_the_report(tmp_path, capsys):
    from app.cli import main

    rows = [["Instructions here"], [], []] + BASIC
    source = make_workbook(tmp_path / "in.xlsx", rows)
    assert main(["convert", str(source), str(tmp_path / "out.journey")]) == 0
    err = capsys.readouterr().err
    assert "import: Map!A1: 'Instructions here' not part of the map" in err
    assert (tmp_path / "out.journey").exists()
    assert main(["info", str(source), "--sheet", "Nope"]) == 1
    assert "its sheets are: 'Map'" in capsys.readouterr().err


def test_the_kind_of_a_lane_from_a_separate_score_table_can_be_chosen(tmp_path):
    """A Stage | Score table beside the map becomes an emotions lane; the user may make it a text lane."""
    import openpyxl

    from app.io.sheet_import.read_xlsx import read_xlsx
    from app.model import LaneKind

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["", "Discover", "Compare", "Buy", "Use"])
    sheet.append(["Customer actions", "Searches online", "Reads reviews", "Pays by card", "Installs the app"])
    sheet.append(["Touchpoints", "Search engine", "Review site", "Checkout page", "App store"])
    sheet.append(["Thoughts", "Which one?", "So many options", "Is it safe?", "Finally"])
    sheet.append(["Pain points", "Too many ads", "Fake reviews", "Hidden fees", "Slow setup"])
    sheet.append([])
    sheet.append([])
    sheet.append(["Stage", "Score"])
    for name, score in (("Discover", 3), ("Compare", 2), ("Buy", 1), ("Use", 5)):
        sheet.append([name, score])
    path = tmp_path / "scores.xlsx"
    book.save(path)
    journey = read_xlsx(path).journey
    assert [lane.kind for lane in journey.lanes][-1] == LaneKind.EMOTIONS and len(journey.lanes) == 5
    assert [p.value for p in journey.emotions] == [3, 2, 1, 5]
    chosen = read_xlsx(path, lane_kinds={4: "text"}).journey
    assert chosen.lanes[4].kind == LaneKind.TEXT and not chosen.emotions
    assert sorted(c.text for c in chosen.cards if c.lane_id == chosen.lanes[4].id) == ["1", "2", "3", "5"]


def test_a_big_sheet_validated_in_chunks_gives_the_same_map(tmp_path, monkeypatch):
    """Above `CARD_CHUNK` cards the cards are validated a chunk at a time (their dicts let go as they go, for
    memory): the map is the one whole validation gives, card for card and field for field."""
    from app.io.sheet_import import build

    rows = [["", "Awareness", "Decision", "Loyalty"], ["Actions", "a1\na2", "b1", "c1 [Website]"],
            ["Thoughts", "t1", "t2\n• t3", "t4"], ["Feelings", 2, 4, 5], ["Confidence", 2, 3, 1]]
    path = make_workbook(tmp_path / "chunks.xlsx", rows, comments={"B3": "asked twice"}, fills={"C2": "FFCC00"})

    def cards_of(journey):
        return [(c.text, c.note, c.color, c.tags, c.channel, c.votes, c.personas, sorted(c.model_fields_set))
                for c in journey.cards]

    whole = read(path).journey
    monkeypatch.setattr(build, "CARD_CHUNK", 2)
    chunked = read(path).journey
    assert len(whole.cards) > 2 * build.CARD_CHUNK
    assert cards_of(chunked) == cards_of(whole)
    assert all(type(c).__name__ == "Card" for c in chunked.cards)
