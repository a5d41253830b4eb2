"""Emotion curves facilitators draw in other ways than a row of scores: a score row beside a row of notes, a row of
traffic-light colours, a grid of marks under feeling levels; in other languages too. Each built here as a real
file and imported with read_map."""

from __future__ import annotations

from pathlib import Path

from app.io.formats import read_map
from tests.board_layouts import curve, refuse, workbook
from tests.import_helpers import names


def test_an_emotion_score_row_and_an_emotion_note_row_are_one_curve(tmp_path):
    """'Emotion score' (numbers) over 'Emotion note' (words): one emotions lane, each point the number with the
    note as its label (not a second curve guessed from the feeling words)."""
    path = workbook(tmp_path / "pair.xlsx", [
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
    assert curve(journey) == [("Discover", 4, "curious"), ("Research", 3, "overwhelmed"),
                               ("Buy", 2, "anxious about fees"), ("Deliver", 1, None)]
    assert any("'Emotion note' read as the labels of the points of 'Emotion score'" in line for line in result.report)


LONG = " ".join(["the courier called twice, the parcel came two days late and the box was open"] * 8)


def test_a_why_row_of_sentences_above_the_scores_labels_them(tmp_path):
    """'Feeling (why)' holds sentences, not feeling words, above a 'Feeling' row of -2..2 scores: still the labels
    of those points; a comment on a note cell becomes the point's note; no lane of text is left over."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    path = workbook(tmp_path / "why.xlsx", [
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
    points = {name: (value, label) for name, value, label in curve(journey)}
    assert points == {"Discover": (-1, "the parcel was late"), "Research": (0, None), "Buy": (2, None)}
    notes = {p.value: p.note for p in journey.emotions}
    assert notes[-1] == "said by 3 of 5"
    assert notes[2] == LONG  # too long for a label: the whole text is the point's note


def test_two_rows_of_scores_stay_two_curves(tmp_path):
    """'Emotion score' and 'Emotion note' both of numbers: two curves, as the sheet has them."""
    path = workbook(tmp_path / "two.xlsx", [
        ["Stage", "Discover", "Research", "Buy"],
        ["Doing", "sees an ad", "reads reviews", "checks out"],
        ["Emotion score", 4, 3, 2],
        ["Emotion note", 1, 2, 3],
    ])
    journey = read_map(path).journey
    assert names(journey.lanes) == ["Doing", "Emotion score", "Emotion note"]


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
            monkeypatch.setattr(source_xlsx, "read_raw", refuse)
        result = read_map(path)
        journey = result.journey
        scale = journey.emotion_scale
        assert (scale.min, scale.max) == (-2, 2)
        assert [(name, value) for name, value, _label in curve(journey)] == [
            ("Discover", 2), ("Research", 0), ("Buy", -2), ("Use", 1)], reader
        assert [lane.name for lane in journey.lanes if lane.kind.value == "emotions"] == ["Emotion"]
        assert any("lane 'Emotion' holds no text; its cells' colours read as its curve" in line
                   for line in result.report)


def test_a_traffic_light_row_in_an_ods_file_is_the_curve_as_in_its_xlsx_twin(tmp_path):
    """The same map saved by LibreOffice: its empty cells carry only their style's background colour, and read
    as the .xlsx's do (the same curve, the same report); a map without colours has no curve."""
    from tests.ods_helpers import make_ods

    rows = [["Stage", "Discover", "Research", "Buy", "Use"], ["Actions", "sees an ad", "reads", "pays", "logs in"],
            ["Emotion"], ["Notes", None, None, None, "blue cell below"], ["Pain points", None, "jargon", "fees"]]
    fills = {"B3": "00B050", "C3": "FFFF00", "D3": "FF0000", "E3": "92D050", "B5": "5B9BD5", "C5": "5B9BD5"}
    ods, xlsx = read_map(make_ods(tmp_path / "lights.ods", rows, fills=fills)), read_map(
        _traffic_light_map(tmp_path / "lights.xlsx"))
    assert curve(ods.journey) == curve(xlsx.journey) == [("Discover", 2, None), ("Research", 0, None),
                                                          ("Buy", -2, None), ("Use", 1, None)]
    assert [line.split("!")[1] for line in ods.report if "colours read as its curve" in line] == [
        line.split("!")[1] for line in xlsx.report if "colours read as its curve" in line] != []
    assert curve(read_map(make_ods(tmp_path / "plain.ods", rows)).journey) == []


def test_a_coloured_band_repeated_over_a_whole_ods_sheet_keeps_a_bounded_number_of_colours(tmp_path):
    """A row style repeated over 16,384 columns and a million rows (a sheet formatted to its end): the colours of
    empty cells are kept up to the grid's cap, as an .xlsx's are, and the map beside them still reads."""
    from app.io.sheet_import.grid import BLANK_FILLS
    from app.io.sheet_import.source import load_workbook
    from tests.ods_helpers import content_xml, table_xml, write_ods

    table = table_xml("Map", [["Stage", "Discover", "Buy"], ["Actions", "sees an ad", "pays"]], fills={"D5": "ffcc00"})
    band = ('<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:style-name="fillffcc00" '
            'table:number-columns-repeated="16384"/></table:table-row>')
    table = table.replace("</table:table>", band + "</table:table>")
    path = write_ods(tmp_path / "band.ods", content_xml([table], {"ffcc00"}))
    grid = load_workbook(path).grids[0]
    assert (4, 3) in grid.blank_fills and len(grid.blank_fills) == BLANK_FILLS
    assert names(read_map(path).journey.stages) == ["Discover", "Buy"]


def test_an_emotion_grid_of_marks_is_one_curve(tmp_path):
    """Rows Positive / Neutral / Negative under an empty EMOTIONS row, an 'x' in each stage's column where the
    customer's feeling was: one curve (top +2, middle 0, bottom -2 on the -2..2 scale), labelled with the row."""
    path = workbook(tmp_path / "grid.xlsx", [
        ["STAGE", "AWARENESS", "CONSIDERATION", "PURCHASE", "RETENTION"],
        ["CUSTOMER ACTIONS", "sees an ad", "compares", "buys", "uses"],
        ["EMOTIONS"], ["Positive", "x", None, None, "x"], ["Neutral", None, "x"], ["Negative", None, None, "x"],
        ["PAIN POINTS", None, "price", "checkout"],
    ])
    result = read_map(path)
    journey = result.journey
    assert [(lane.name, lane.kind.value) for lane in journey.lanes] == [
        ("CUSTOMER ACTIONS", "actions"), ("EMOTIONS", "emotions"), ("PAIN POINTS", "pain_points")]
    assert curve(journey) == [("AWARENESS", 2, "Positive"), ("CONSIDERATION", 0, "Neutral"),
                               ("PURCHASE", -2, "Negative"), ("RETENTION", 2, "Positive")]
    assert not any("marks (x) became cards" in line for line in result.report)


def test_an_emotion_grid_of_faces_with_dots_and_the_worst_on_top(tmp_path):
    """Rows labelled 🙁 / 😐 / 😀 (worst first), dots in them, no header row: a lane 'Emotions' of the same
    curve, the top row now the bottom of the scale."""
    path = workbook(tmp_path / "faces.xlsx", [
        [None, "Discover", "Research", "Buy"], ["Actions", "sees an ad", "compares", "buys"],
        ["🙁", None, None, "●"], ["😐", None, "●"], ["😀", "●"],
    ])
    journey = read_map(path).journey
    assert names(journey.lanes) == ["Actions", "Emotions"]
    assert curve(journey) == [("Discover", 2, "😀"), ("Research", 0, "😐"), ("Buy", -2, "🙁")]


def test_rows_of_priority_marks_stay_lanes(tmp_path):
    """High / Medium / Low rows with marks are no feelings: they stay lanes of marks."""
    path = workbook(tmp_path / "priority.xlsx", [
        [None, "Discover", "Buy"], ["Actions", "sees an ad", "buys"], ["High", "x"], ["Medium", None, "x"],
        ["Low"],
    ])
    journey = read_map(path).journey
    assert names(journey.lanes)[:3] == ["Actions", "High", "Medium"]
    assert not journey.emotions


def test_only_a_whole_run_of_level_rows_is_an_emotion_grid(tmp_path):
    """Happy / OK / Sad / Happy rows of marks: the levels repeat, so no grid, and no part of the run is taken as
    one (its last three rows alone would look like a grid)."""
    path = workbook(tmp_path / "repeat.xlsx", [
        [None, "Discover", "Buy", "Use"], ["Actions", "sees an ad", "buys", "uses"],
        ["Happy", "x"], ["OK", None, "x"], ["Sad", None, None, "x"], ["Happy", None, "x"],
    ])
    journey = read_map(path).journey
    assert not journey.emotions
    assert names(journey.lanes) == ["Actions", "Happy", "OK", "Sad", "Happy"]


def test_the_preview_colours_a_lists_keys_and_an_emotion_grids_levels(tmp_path):
    """In the import preview, a two-column list's 'Stage' keys are stage cells and its lane keys lane labels (in
    every record); an emotion grid's level labels are the emotion lane's."""
    from app.io.sheet_import import preview as import_preview
    from app.io.sheet_import.preview import EMOTION, EMOTION_LANE, LANE, STAGE

    listed = workbook(tmp_path / "list.xlsx", [
        ["Stage", "Awareness"], ["Actions", "sees an ad"], ["Emotion", 4], [None],
        ["Stage", "Use"], ["Actions", "pays"], ["Emotion", 5]])
    roles = import_preview.preview(import_preview.load_sheets(listed)).roles
    assert [roles[(r, 0)] for r in (0, 1, 2, 4, 5, 6)] == [STAGE, LANE, EMOTION_LANE, STAGE, LANE, EMOTION_LANE]
    assert roles[(4, 1)] == STAGE and roles[(6, 1)] == EMOTION
    grid = workbook(tmp_path / "grid.xlsx", [
        [None, "Discover", "Buy"], ["Actions", "sees an ad", "buys"], ["😀", "x"], ["😐"], ["🙁", None, "x"]])
    roles = import_preview.preview(import_preview.load_sheets(grid)).roles
    assert [roles[(r, 0)] for r in (2, 3, 4)] == [EMOTION_LANE] * 3
    assert roles[(2, 1)] == EMOTION and roles[(4, 2)] == EMOTION


def test_score_and_note_rows_and_emotion_grids_in_other_languages(tmp_path):
    """'Puntuación emocional' over 'Emoción (por qué)'; a French grid 'Positif / Neutre / Négatif' under
    'ÉMOTIONS'; a Spanish one 'Positivo / Neutral / Negativo'."""
    pair = workbook(tmp_path / "es.xlsx", [
        ["Etapa", "Descubrir", "Comprar"], ["Acciones", "ve un anuncio", "paga"], ["Puntuación emocional", 4, 2],
        ["Emoción (por qué)", "curioso", "caro"]])
    journey = read_map(pair).journey
    assert names(journey.lanes) == ["Acciones", "Puntuación emocional"]
    assert curve(journey) == [("Descubrir", 4, "curioso"), ("Comprar", 2, "caro")]
    french = workbook(tmp_path / "fr.xlsx", [
        ["Étape", "Découvrir", "Acheter"], ["Actions", "voit la pub", "paie"], ["ÉMOTIONS"], ["Positif", "x"],
        ["Neutre"], ["Négatif", None, "x"]])
    journey = read_map(french).journey
    assert names(journey.lanes) == ["Actions", "ÉMOTIONS"]
    assert curve(journey) == [("Découvrir", 2, "Positif"), ("Acheter", -2, "Négatif")]
    spanish = workbook(tmp_path / "es2.xlsx", [
        ["Etapa", "Descubrir", "Comprar"], ["Acciones", "ve un anuncio", "paga"], ["Positivo", "x"], ["Neutral"],
        ["Negativo", None, "x"]])
    assert [label for _s, _v, label in curve(read_map(spanish).journey)] == ["Positivo", "Negativo"]
