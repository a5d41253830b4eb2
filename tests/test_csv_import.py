"""CSV import: delimiters, encodings, decimal commas, layouts."""

from __future__ import annotations

import hashlib

import pytest

from app.io.errors import JourneyFileError
from app.io.formats import read_map
from app.io.sheet_import.read_csv import read_csv
from app.io.sheet_import.source_csv import read_csv_grid
from tests.import_helpers import cells, emotions, names

TABLE = [
    ["", "Awareness", "Consideration", "Purchase"],
    ["Ações", "Vê um anúncio", "Compara preços", "Paga"],
    ["Emoção", "3,5", "2", "4,5"],
    ["Barreiras", "Muitos anúncios", "Taxas", "Cartão recusado"],
]


def write(path, rows, delimiter=",", encoding="utf-8", bom=False):
    text = "\r\n".join(delimiter.join(_quote(cell, delimiter) for cell in row) for row in rows) + "\r\n"
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _quote(cell: str, delimiter: str) -> str:
    if delimiter in cell or "\n" in cell or "\"" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom", "suffix"),
    [
        (",", "utf-8", False, ".csv"),
        (";", "utf-8", True, ".csv"),
        ("\t", "cp1252", False, ".tsv"),
        ("\t", "utf-8", False, ".csv"),
        (";", "cp1252", False, ".csv"),
        (",", "utf-16-le", False, ".csv"),  # UTF-16 without a byte order mark: was refused as a binary file
        ("\t", "utf-16-be", False, ".csv"),
    ],
)
def test_delimiters_and_encodings(tmp_path, delimiter, encoding, bom, suffix):
    path = write(tmp_path / f"map{suffix}", TABLE, delimiter, encoding, bom)
    before = (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    result = read_map(path)
    journey = result.journey
    assert (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()) == before
    assert names(journey.stages) == ["Awareness", "Consideration", "Purchase"]
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [
        ("Ações", "actions"), ("Emoção", "emotions"), ("Barreiras", "pain_points")]
    assert emotions(journey) == [3.5, 2, 4.5]
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == (1, 5)
    assert cells(journey, "Purchase", "Barreiras") == ["Cartão recusado"]
    assert journey.metadata.title == "map"
    expected = {"utf-8": "UTF-8 with BOM" if bom else "UTF-8", "cp1252": "Windows-1252",
                "utf-16-le": "UTF-16-LE (no byte order mark)", "utf-16-be": "UTF-16-BE (no byte order mark)"}[encoding]
    assert result.report[0].startswith(f"read as {expected} text")


def test_quoted_multiline_cells_and_separators(tmp_path):
    rows = [["Stage", "Actions", "Thoughts"],
            ["Search", "• Googles\n• Asks friends", "Which one? | Is it safe?"],
            ["Buy", "Pays", ""]]
    journey = read_csv(write(tmp_path / "t.csv", rows)).journey
    assert names(journey.stages) == ["Search", "Buy"]
    assert cells(journey, "Search", "Actions") == ["Googles", "Asks friends"]
    assert cells(journey, "Search", "Thoughts") == ["Which one?", "Is it safe?"]


def test_long_format_csv(tmp_path):
    rows = [["stage", "lane", "text"], ["A", "Doing", "x one"], ["B", "Doing", "y two"], ["A", "Feeling", "happy"]]
    journey = read_csv(write(tmp_path / "l.csv", rows)).journey
    assert names(journey.stages) == ["A", "B"] and names(journey.lanes) == ["Doing", "Feeling"]
    assert journey.emotions[0].label == "happy"


def test_sniffer_prefers_the_consistent_delimiter(tmp_path):
    rows = [["", "Step 1", "Step 2"], ["Thoughts", "Hmm, ok", "Well, fine"], ["Actions", "a, b", "c"]]
    path = write(tmp_path / "s.csv", rows, ";")
    grid, notes = read_csv_grid(path)
    assert grid.cells[(1, 1)] == "Hmm, ok"
    assert "semicolons" in notes[0]


def test_unusable_csv_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(JourneyFileError, match="is empty"):
        read_csv(empty)
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(JourneyFileError, match="binary"):
        read_csv(binary)
    zipped = tmp_path / "book.csv"
    zipped.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(JourneyFileError, match="rename it to .xlsx"):
        read_csv(zipped)
    numbers = write(tmp_path / "n.csv", [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]])
    with pytest.raises(JourneyFileError, match="does not look like a journey map"):
        read_csv(numbers)


def test_a_quote_never_closed_is_named_in_the_report(tmp_path):
    """csv reads the rest of the file into a cell whose quote is never closed: the report says where, under
    the guesses, instead of the lanes below vanishing into one card without a word."""
    from app.io.sheet_import.report import GUESSED, group_of

    path = tmp_path / "open.csv"
    path.write_text(',Awareness,Decision\nActions,a,b\nThoughts,"unclosed,y\nPain points,p,q\n', encoding="utf-8")
    lines = [line for line in read_map(path).report if "never closed" in line]
    assert len(lines) == 1 and "open!B3: a quote opened on line 3 is never closed" in lines[0]
    assert "(lines 3-4)" in lines[0] and group_of(lines[0]) == GUESSED
    closed = tmp_path / "closed.csv"
    closed.write_text(',Awareness,Decision\nActions,a,"two\nlines"\n', encoding="utf-8")
    assert not [line for line in read_map(closed).report if "never closed" in line]


def test_a_row_without_its_label_under_a_lane_is_more_of_that_lane(tmp_path):
    """A lane label merged down two rows, saved as CSV, leaves the second row's label empty: its cards are the
    lane's (they were left out, 'no lane label beside it'); a row of scores there is still its own lane."""
    path = tmp_path / "rows.csv"
    path.write_text(",Awareness,Decision\nActions,a1,b1\n,a2,b2\nThoughts,t1,t2\n", encoding="utf-8")
    journey = read_map(path).journey
    assert names(journey.lanes) == ["Actions", "Thoughts"]
    assert cells(journey, "Awareness", "Actions") == ["a1", "a2"] and cells(journey, "Decision", "Actions") == [
        "b1", "b2"]


def test_a_phase_band_saved_as_csv_is_the_phases_not_the_stages(tmp_path):
    """A map with phases (merged over their stages in the workbook) saved as CSV: the band has no merges left.
    The phases were read as the stages and the stage names as a lane named after the corner's title."""
    path = tmp_path / "phases.csv"
    path.write_text(",Before,,During,After,\nMobile plans,Awareness,Consideration,Decision,Retention,Advocacy\n"
                    "Actions,a,b,c,d,e\nThoughts,t1,t2,t3,t4,t5\n", encoding="utf-8")
    journey = read_map(path).journey
    assert names(journey.stages) == ["Awareness", "Consideration", "Decision", "Retention", "Advocacy"]
    assert names(journey.phases) == ["Before", "During", "After"] and names(journey.lanes) == ["Actions", "Thoughts"]
    assert journey.metadata.title == "Mobile plans"


@pytest.mark.parametrize(("delimiter", "encoding", "bom"), [
    ("\t", "cp1252", False),  # Excel's "Text (Tab delimited) (*.txt)"
    ("\t", "utf-16-le", True),  # Excel's "Unicode Text (*.txt)": UTF-16 with a byte order mark
    (",", "utf-8", False),  # a comma-separated table someone named .txt
])
def test_a_text_table_saved_as_txt_is_read_like_a_csv(tmp_path, delimiter, encoding, bom):
    """A .txt table ('cannot read .txt files' before): the command line converts it and `info` reads it, its
    delimiter and encoding sniffed as for a .csv."""
    import json

    from tests.test_cli import run_cli

    rows = [["", "Awareness", "Purchase"], ["Actions", "Sees an ad, likes it", "Pays"], ["Thoughts", "Café?", "Ok"]]
    text = "\r\n".join(delimiter.join(_quote(cell, delimiter) for cell in row) for row in rows) + "\r\n"
    data = ("\ufeff" if bom else "").encode(encoding) + text.encode(encoding)
    source = tmp_path / "map.txt"
    source.write_bytes(data)
    out = tmp_path / "out.journey"
    converted = run_cli("convert", str(source), str(out))
    assert converted.returncode == 0, converted.stderr
    separated = "tabs" if delimiter == "\t" else "commas"
    assert f"columns separated by {separated}" in converted.stderr
    journey = read_map(out).journey
    assert names(journey.stages) == ["Awareness", "Purchase"] and names(journey.lanes) == ["Actions", "Thoughts"]
    assert cells(journey, "Awareness", "Actions") == ["Sees an ad, likes it"]
    assert cells(journey, "Awareness", "Thoughts") == ["Café?"]
    info = run_cli("info", str(source), "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["stages"] == ["Awareness", "Purchase"]


def test_a_csv_cell_starting_with_equals_is_text_not_a_formula(tmp_path):
    """CSV has no formulas: '=SUM(B2:C2)' typed in a cell is the user's words, a card, and the report says
    nothing about formulas (the workbook readers report formulas without a saved result)."""
    path = tmp_path / "eq.csv"
    path.write_text(',Awareness,Decision\nActions,"=SUM(B2:C2)",= pay now\nThoughts,"=cheap?",ok\n', encoding="utf-8")
    result = read_map(path)
    assert cells(result.journey, "Awareness", "Actions") == ["=SUM(B2:C2)"]
    assert cells(result.journey, "Decision", "Actions") == ["= pay now"]
    assert cells(result.journey, "Awareness", "Thoughts") == ["=cheap?"]
    assert not [line for line in result.report if "formula" in line]


def test_a_score_column_in_a_long_table_is_the_emotion_curve(tmp_path):
    """One row per item with Stage / Lane / Text and a Score column: the scores were left out cell by cell."""
    from app.io.formats import read_map

    on_lane = tmp_path / "on_lane.csv"
    on_lane.write_text("Stage,Lane,Item,Score\nAwareness,Actions,Sees a billboard,\nAwareness,Emotions,Curious,3\n"
                       "Purchase,Actions,Buys,\nPurchase,Emotions,,5\n", encoding="utf-8")
    result = read_map(on_lane)
    points = {p.stage_id: (p.value, p.label) for p in result.journey.emotions}
    stages = {s.name: s.id for s in result.journey.stages}
    assert points[stages["Awareness"]] == (3, "Curious") and points[stages["Purchase"]] == (5, None)
    assert not any("not part of the map" in line for line in result.report)
    beside = tmp_path / "beside.csv"  # a score on each item's row, and no emotions lane: one made for them
    beside.write_text("Stage,Lane,Text,Emotion score\nAwareness,Actions,Sees a billboard,4\nAwareness,Actions,"
                      "Asks a friend,2\nPurchase,Actions,Buys in store,5\n", encoding="utf-8")
    result = read_map(beside)
    curve = next(lane for lane in result.journey.lanes if lane.kind == "emotions")
    assert curve.name == "Emotion score"
    assert sorted(p.value for p in result.journey.emotions) == [3, 5]  # 4 and 2 averaged, as the report says
    assert any("2 scores (D2, D3) averaged to 3" in line for line in result.report)
    assert {c.text for c in result.journey.cards} == {"Sees a billboard", "Asks a friend", "Buys in store"}


def test_excel_sep_line_names_the_delimiter_and_is_no_row(tmp_path):
    """Excel's 'sep=;' first line became the map's title."""
    from app.io.formats import read_map

    path = tmp_path / "export.csv"
    path.write_text("sep=;\nStage;Discover;Buy\nActions;Searches, compares;Pays\n", encoding="utf-8")
    result = read_map(path)
    assert result.journey.metadata.title == "export"
    assert [s.name for s in result.journey.stages] == ["Discover", "Buy"]
    assert {c.text for c in result.journey.cards} == {"Searches, compares", "Pays"}
    assert "separated by semicolons (as its first line, 'sep=', says)" in result.report[0]
    assert "export!A2:C3" in result.report[1]  # cell names still count the file's lines
