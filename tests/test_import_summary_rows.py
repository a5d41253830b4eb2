"""Summary rows under (or over) the lanes: 'Total', 'Average', 'Score (avg)', 'Notes', or a row of sums of the rows
above, are not lanes (and never an emotion curve), as summary columns are not stages; what they hold is kept in the
map's description and the report names the row. Each sheet is a real workbook (or CSV) built here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.io.sheet_import.report import GUESSED, group_of
from tests.import_helpers import cells, emotions, make_workbook, names, read, rewrite_parts

STAGES = ["", "Awareness", "Consideration", "Decision"]
ACTIONS = ["Actions", "Sees an ad", "Compares", "Buys"]


def row_lines(report: list[str]) -> list[str]:
    return [line for line in report if "not a lane" in line]


def kinds(journey) -> dict[str, str]:
    return {lane.name: str(lane.kind) for lane in journey.lanes}


def with_results(path: Path, target: Path, results: dict[str, float]) -> Path:
    """The workbook openpyxl wrote (formulas without a result) with each formula cell's result saved, as Excel
    saves it: `<f>SUM(B3:B4)</f><v>7</v>`."""
    def edit(name: str, data: bytes) -> bytes:
        if not name.endswith("sheet1.xml"):
            return data
        text = data.decode()
        for ref, value in results.items():
            text, count = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1>\g<2><v>{value}</v>",
                                  text)
            assert count == 1, ref
        return text.encode()

    return rewrite_parts(path, target, edit)


# --- by what the cells hold ------------------------------------------------------------------------------------


def test_a_total_row_of_cached_sums_is_not_a_lane_nor_a_curve(tmp_path):
    """'Total' =SUM(B3:B4) under two score rows, saved by Excel with its results: it was a third row of numbers
    (and, beside one score row, the emotion curve itself)."""
    rows = [STAGES, ACTIONS, ["Emotions", 3, 2, 4], ["Effort", 1, 4, 2],
            ["Total", "=SUM(B3:B4)", "=SUM(C3:C4)", "=SUM(D3:D4)"]]
    plain = make_workbook(tmp_path / "plain.xlsx", rows)
    result = read(with_results(plain, tmp_path / "total.xlsx", {"B5": 4, "C5": 6, "D5": 6}))
    journey = result.journey
    assert names(journey.lanes) == ["Actions", "Emotions", "Effort"]
    assert emotions(journey) == [3, 2, 4] and (journey.emotion_scale.min, journey.emotion_scale.max) == (1, 5)
    assert journey.metadata.description == "Total (row 5, not a lane): Awareness: 4; Consideration: 6; Decision: 6"
    [line] = row_lines(result.report)
    assert line.startswith("Map!A5: row 5 'Total' is a summary, not a lane (its cells sum up the rows above")
    assert line.endswith("its 3 value(s) are kept in the map's description")
    assert group_of(line) == GUESSED
    assert not [line for line in result.report if "not part of the map" in line or "saved without" in line]


def test_a_row_of_sums_is_a_summary_whatever_its_label(tmp_path):
    """No summary word ('Q3'), but each cell is the sum of the numbers above it: the structure says it."""
    rows = [STAGES, ACTIONS, ["Satisfaction", 3, 2, 4], ["Effort", 1, 4, 2], ["Q3", 4, 6, 6]]
    result = read(make_workbook(tmp_path / "q3.xlsx", rows))
    assert names(result.journey.lanes) == ["Actions", "Satisfaction", "Effort"]
    assert "row 5 'Q3' is a summary, not a lane (its cells sum up the rows above" in row_lines(result.report)[0]
    assert result.journey.metadata.description == "Q3 (row 5, not a lane): Awareness: 4; Consideration: 6; Decision: 6"


def test_a_total_row_of_formulas_without_results_is_not_an_empty_lane(tmp_path):
    """A script wrote '=SUM(B3:B4)' under the scores and saved no results: it was an empty lane 'Total'."""
    rows = [STAGES, ACTIONS, ["Emotions", 3, 2, 4], ["Effort", 1, 4, 2],
            ["Total", "=SUM(B3:B4)", "=SUM(C3:C4)", "=SUM(D3:D4)"]]
    result = read(make_workbook(tmp_path / "script.xlsx", rows))
    assert names(result.journey.lanes) == ["Actions", "Emotions", "Effort"]
    [line] = row_lines(result.report)
    assert line == ("Map!A5: row 5 'Total' is a summary, not a lane (its cells sum up the rows above: each is the "
                    "total or average of the numbers above it, or such a formula): its 3 formula(s) have no saved "
                    "result")
    assert [line for line in result.report if line.startswith("Map!B5, C5, D5: 3 formula(s) saved without")]


def test_an_average_score_row_under_the_personas_scores_is_no_third_curve(tmp_path):
    """'Score (avg)' =AVERAGE over two personas' score rows: the mean, with decimals, not a lane."""
    rows = [STAGES, ACTIONS, ["Feeling (Ana)", 3, 2, 4], ["Feeling (Bo)", 4, 1, 5],
            ["Score (avg)", "=AVERAGE(B3:B4)", "=AVERAGE(C3:C4)", "=AVERAGE(D3:D4)"]]
    plain = make_workbook(tmp_path / "plain.xlsx", rows)
    journey = read(with_results(plain, tmp_path / "avg.xlsx", {"B5": 3.5, "C5": 1.5, "D5": 4.5})).journey
    assert names(journey.lanes) == ["Actions", "Feeling (Ana)", "Feeling (Bo)"]
    assert [lane.name for lane in journey.lanes if lane.kind == "emotions"] == ["Feeling (Ana)", "Feeling (Bo)"]
    assert journey.metadata.description == (
        "Score (avg) (row 5, not a lane): Awareness: 3.5; Consideration: 1.5; Decision: 4.5")


def test_an_average_row_of_scores_from_elsewhere_is_a_summary_by_its_label(tmp_path):
    """'Score (avg)' whose means come from a survey, not from the rows above (no sums to check): its label says
    average and there are rows of scores beside it, so it is no third curve."""
    rows = [STAGES, ACTIONS, ["Feeling (Ana)", 3, 2, 4], ["Feeling (Bo)", 4, 1, 5], ["Score (avg)", 3.2, 2.9, 4.1]]
    result = read(make_workbook(tmp_path / "survey.xlsx", rows))
    assert [lane.name for lane in result.journey.lanes if lane.kind == "emotions"] == ["Feeling (Ana)", "Feeling (Bo)"]
    assert "(its label says it is an average or total of the rows of numbers beside it)" in \
        row_lines(result.report)[0]


def test_a_summary_row_over_the_lanes_is_not_a_lane(tmp_path):
    rows = [STAGES, ["Total", 7, 3, 9], ACTIONS, ["Emotions", 3, 2, 4], ["Effort", 4, 1, 5]]
    result = read(make_workbook(tmp_path / "top.xlsx", rows))
    assert names(result.journey.lanes) == ["Actions", "Emotions", "Effort"]
    assert "row 2 'Total' is a summary, not a lane (its cells sum up the rows below" in row_lines(result.report)[0]
    assert cells(result.journey, "Awareness", "Actions") == ["Sees an ad"]


# --- by its label ------------------------------------------------------------------------------------------------


def test_a_total_row_beside_text_lanes_is_no_emotion_curve(tmp_path):
    """The only row of numbers is read as the emotion curve; a 'Total' row of counts was that bogus curve."""
    rows = [STAGES, ACTIONS, ["Pain points", "Slow", "Pricey", "Queue"], ["Total", 12, 30, 21]]
    result = read(make_workbook(tmp_path / "counts.xlsx", rows))
    journey = result.journey
    assert kinds(journey) == {"Actions": "actions", "Pain points": "pain_points"}
    assert not journey.emotions
    assert journey.metadata.description == "Total (row 4, not a lane): Awareness: 12; Consideration: 30; Decision: 21"
    assert "(its label says so)" in row_lines(result.report)[0]


@pytest.mark.parametrize("label", ["Total", "Sum", "Average", "Overall", "Summary", "Média", "Gesamt", "Итого", "合計"])
def test_summary_labels_in_several_languages(tmp_path, label):
    rows = [STAGES, ACTIONS, ["Emotions", 3, 2, 4], [label, 9, 8, 7]]
    journey = read(make_workbook(tmp_path / "lang.xlsx", rows)).journey
    assert names(journey.lanes) == ["Actions", "Emotions"]
    assert emotions(journey) == [3, 2, 4]
    assert journey.metadata.description == f"{label} (row 4, not a lane): Awareness: 9; Consideration: 8; Decision: 7"


def test_a_notes_row_at_the_end_holding_one_remark_is_kept_in_the_description(tmp_path):
    """A 'Notes' row under the lanes with one remark (about the whole map, in its first cell) is no lane of one
    card in the first stage: its words go to the description, with the stage it sat under."""
    rows = [STAGES, ACTIONS, ["Emotions", 3, 2, 4], ["Notes", "scores from the May workshop,\nto recheck"]]
    result = read(make_workbook(tmp_path / "notes.xlsx", rows))
    assert names(result.journey.lanes) == ["Actions", "Emotions"]
    assert result.journey.metadata.description == (
        "Notes (row 4, not a lane): Awareness: scores from the May workshop, to recheck")
    assert "(its label says so, and it holds one remark, not notes per stage)" in row_lines(result.report)[0]
    assert not [c for c in result.journey.cards if "recheck" in c.text]


def test_a_notes_row_at_the_end_with_notes_per_stage_is_a_lane(tmp_path):
    """Unlike a 'Notes' column (no step of the journey), 'Notes' under several stages is a kind of content: a lane
    of cards, as before."""
    rows = [STAGES, ACTIONS, ["Emotions", 3, 2, 4], ["Notes", "ad ran in May", None, "ask the team"]]
    result = read(make_workbook(tmp_path / "notes.xlsx", rows))
    assert names(result.journey.lanes) == ["Actions", "Emotions", "Notes"]
    assert cells(result.journey, "Decision", "Notes") == ["ask the team"]
    assert not row_lines(result.report) and not result.journey.metadata.description


def test_a_notes_lane_between_lanes_stays_a_lane(tmp_path):
    """Only the ends of the lane block are summaries (as only the ends of the stage row are)."""
    rows = [STAGES, ACTIONS, ["Notes", "a", "b", "c"], ["Emotions", 3, 2, 4]]
    journey = read(make_workbook(tmp_path / "mid.xlsx", rows)).journey
    assert names(journey.lanes) == ["Actions", "Notes", "Emotions"]
    assert cells(journey, "Decision", "Notes") == ["c"] and not journey.metadata.description


# --- emotions lanes stay emotions lanes ----------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["Emotion score", "Score", "Overall score", "Average satisfaction"])
def test_an_emotions_lane_at_the_bottom_stays_one(tmp_path, label):
    """'Score', 'Overall score', 'Average satisfaction' name a curve as often as a summary: alone (no other rows
    of numbers to sum up), with per-stage scores, they are the emotions lane."""
    rows = [STAGES, ACTIONS, ["Pain points", "Slow", "Pricey", "Queue"], [label, 3, 2, 4.5]]
    result = read(make_workbook(tmp_path / "emo.xlsx", rows))
    assert kinds(result.journey)[label] == "emotions"
    assert emotions(result.journey) == [3, 2, 4.5]
    assert not row_lines(result.report) and not result.journey.metadata.description


def test_a_last_score_row_that_is_no_sum_stays_a_curve(tmp_path):
    """Two score rows: the last one's scores are no sum or mean of the one above, so it is a second curve."""
    rows = [STAGES, ACTIONS, ["Emotions (Ana)", 3, 2, 4], ["Emotions (Bo)", 3, 4, 5]]
    journey = read(make_workbook(tmp_path / "two.xlsx", rows)).journey
    assert emotions(journey, "Emotions (Bo)") == [3, 4, 5]


# --- CSV, stages in rows, the preview --------------------------------------------------------------------------


def test_a_csv_with_a_total_row_and_a_notes_row(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text(",Awareness,Consideration,Decision\nActions,Sees an ad,Compares,Buys\nEmotions,3,2,4\n"
                    "Effort,1,4,2\nTotal,4,6,6\nComments,,,checked with the team\n", encoding="utf-8")
    result = read(path)
    assert names(result.journey.lanes) == ["Actions", "Emotions", "Effort"]
    assert emotions(result.journey) == [3, 2, 4]
    assert result.journey.metadata.description == (
        "Total (row 5, not a lane): Awareness: 4; Consideration: 6; Decision: 6\n"
        "Comments (row 6, not a lane): Decision: checked with the team")
    assert [line.split(": ", 1)[0] for line in row_lines(result.report)] == ["map!A5", "map!A6"]


def test_a_total_column_with_stages_in_rows_is_not_a_lane(tmp_path):
    """Stages down the rows, lanes across: a 'Total' column of each stage's sums is the summary."""
    rows = [["Stage", "Actions", "Emotions", "Effort", "Total"], ["Awareness", "Sees an ad", 3, 1, 4],
            ["Consideration", "Compares", 2, 4, 6], ["Decision", "Buys", 4, 2, 6]]
    result = read(make_workbook(tmp_path / "rows.xlsx", rows))
    journey = result.journey
    assert names(journey.stages) == ["Awareness", "Consideration", "Decision"]
    assert names(journey.lanes) == ["Actions", "Emotions", "Effort"]
    assert journey.metadata.description == (
        "Total (column E, not a lane): Awareness: 4; Consideration: 6; Decision: 6")
    assert "Map!E1: column E 'Total' is a summary, not a lane (its cells sum up the columns to its left" in \
        row_lines(result.report)[0]


def test_a_grand_total_where_a_total_row_meets_a_total_column_is_kept(tmp_path):
    rows = [STAGES + ["Total"], ACTIONS + [None], ["Emotions", 3, 2, 4, 9], ["Effort", 1, 4, 2, 7],
            ["Total", 4, 6, 6, 16]]
    result = read(make_workbook(tmp_path / "grand.xlsx", rows))
    assert result.journey.metadata.description.splitlines() == [
        "Total (column E, not a stage): Emotions: 9; Effort: 7",
        "Total (row 5, not a lane): Awareness: 4; Consideration: 6; Decision: 6; Total: 16"]
    assert not [line for line in result.report if "not part of the map" in line]


def test_a_chosen_header_row_keeps_a_total_row_as_a_lane(tmp_path):
    """With the header row and label column chosen by the user, the sheet is read as told (as summary columns)."""
    from app.io.sheet_import.read_xlsx import read_xlsx

    rows = [STAGES, ACTIONS, ["Emotions", 3, 2, 4], ["Total", 9, 8, 7]]
    journey = read_xlsx(make_workbook(tmp_path / "forced.xlsx", rows), header_row=0, label_column=0).journey
    assert "Total" in names(journey.lanes)


def test_the_preview_shows_a_summary_row_as_description_like_a_summary_column(tmp_path):
    from app.io.sheet_import.preview import EMOTION, LANE, META, load_sheets, preview

    rows = [STAGES + ["Total"], ACTIONS + [None], ["Emotions", 3, 2, 4, 9], ["Total", 3, 2, 4, 9],
            ["Notes", None, None, "first pass, to check"]]
    found = preview(load_sheets(make_workbook(tmp_path / "roles.xlsx", rows)))
    assert found.roles[(1, 0)] == LANE and found.roles[(2, 1)] == EMOTION
    assert [found.roles[(3, c)] for c in range(5)] == [META] * 5  # as the 'Total' column's cells: description
    assert [found.roles[(4, c)] for c in (0, 3)] == [META] * 2
    assert not found.left_out
