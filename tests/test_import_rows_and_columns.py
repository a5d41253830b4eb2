"""Rows and columns people add around a journey map: summary columns ('Average', 'Total', 'Notes') beside the
stages, two rows with the same label, rows that continue a lane without its label. Each sheet is a real workbook
(or CSV) built here; every word must reach the map, and the report says where it went."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.io.sheet_import.report import GUESSED, group_of
from tests.import_helpers import cells, emotions, make_workbook, names, read

STAGES = ["", "Awareness", "Consideration", "Decision"]


def summary_lines(report: list[str]) -> list[str]:
    return [line for line in report if "not a stage" in line]


# --- summary columns ---------------------------------------------------------------------------------------


def test_an_average_column_of_formulas_is_not_a_stage(tmp_path):
    """A script wrote '=AVERAGE(B3:D3)' beside the scores: it became a stage 'Average' with nothing in it."""
    rows = [STAGES + ["Average"], ["Actions", "Sees an ad", "Compares", "Buys", None],
            ["Emotions", 3, 2, 4, "=AVERAGE(B3:D3)"], ["Pain points", "Slow site", "Pricey", "Queue", None]]
    result = read(make_workbook(tmp_path / "avg.xlsx", rows))
    assert names(result.journey.stages) == ["Awareness", "Consideration", "Decision"]
    assert emotions(result.journey) == [3, 2, 4]
    [line] = summary_lines(result.report)
    assert line.startswith("Map!E1: 'Average' heads a summary column, not a stage: its 1 formula(s) have no saved")
    assert group_of(line) == GUESSED
    assert [line for line in result.report if "formula" in line and "Map!E3" in line]


def test_a_total_column_of_numbers_keeps_its_values_in_the_description_and_off_the_curve(tmp_path):
    """'Total' 9 was read as a fourth stage's score: an emotion point at 9 that stretched the scale to 0..10."""
    rows = [STAGES + ["Total"], ["Actions", "Sees an ad", "Compares", "Buys", None],
            ["Emotions", 3, 2, 4, 9], ["Touchpoints", "TV", "Web", "Shop", None]]
    result = read(make_workbook(tmp_path / "total.xlsx", rows))
    journey = result.journey
    assert names(journey.stages) == ["Awareness", "Consideration", "Decision"]
    assert emotions(journey) == [3, 2, 4] and (journey.emotion_scale.min, journey.emotion_scale.max) == (1, 5)
    assert journey.metadata.description == "Total (column E, not a stage): Emotions: 9"
    assert "its 1 value(s) beside the lanes are kept in the map's description" in summary_lines(result.report)[0]


def test_a_notes_column_keeps_every_word_beside_its_lane(tmp_path):
    rows = [STAGES + ["Notes"], ["Actions", "Sees an ad", "Compares", "Buys", "first pass,\nto check"],
            ["Touchpoints", "TV", "Web", "Shop", "verify with the team"]]
    result = read(make_workbook(tmp_path / "notes.xlsx", rows))
    assert names(result.journey.stages) == ["Awareness", "Consideration", "Decision"]
    assert result.journey.metadata.description == (
        "Notes (column E, not a stage): Actions: first pass, to check; Touchpoints: verify with the team")
    assert not [c for c in result.journey.cards if "first" in c.text or "verify" in c.text]


@pytest.mark.parametrize("heading", ["Média", "Promedio", "Moyenne", "Durchschnitt", "Gesamt", "Totale", "Totaal",
                                     "Итого", "合計", "Ø", "Overall score", "Sum", "Comments", "Observações"])
def test_summary_headings_in_several_languages(tmp_path, heading):
    rows = [STAGES + [heading], ["Actions", "Sees an ad", "Compares", "Buys", "x y"],
            ["Emotions", 3, 2, 4, 3]]
    journey = read(make_workbook(tmp_path / "lang.xlsx", rows)).journey
    assert names(journey.stages) == ["Awareness", "Consideration", "Decision"]
    assert journey.metadata.description.startswith(f"{heading} (column E, not a stage): Actions: x y; Emotions: 3")


def test_a_summary_column_at_the_left_end_is_not_a_stage(tmp_path):
    rows = [["", "Overall", "Awareness", "Consideration", "Decision"],
            ["Actions", "smooth", "Sees an ad", "Compares", "Buys"], ["Emotions", 3.5, 3, 2, 4]]
    journey = read(make_workbook(tmp_path / "left.xlsx", rows)).journey
    assert names(journey.stages) == ["Awareness", "Consideration", "Decision"]
    assert cells(journey, "Awareness", "Actions") == ["Sees an ad"]
    assert journey.metadata.description == "Overall (column B, not a stage): Actions: smooth; Emotions: 3.5"


def test_a_column_of_row_sums_is_a_summary_whatever_its_heading(tmp_path):
    """No summary word, but every cell is the sum (or mean) of its row's numbers: the structure says it."""
    rows = [STAGES + ["Q3"], ["Actions", "Sees an ad", "Compares", "Buys", None],
            ["Emotions", 3, 2, 4, 9], ["Effort", 1, 4, 2, 2.33]]
    result = read(make_workbook(tmp_path / "sums.xlsx", rows))
    assert names(result.journey.stages) == ["Awareness", "Consideration", "Decision"]
    assert "'Q3' sums up each row" in summary_lines(result.report)[0]
    assert result.journey.metadata.description == "Q3 (column E, not a stage): Emotions: 9; Effort: 2.33"


def test_a_last_stage_whose_scores_happen_to_match_the_row_stays_a_stage(tmp_path):
    """Only scores in the last stage, each the largest or the mean of its row by chance: a real stage."""
    rows = [["", "Awareness", "Consideration", "Decision", "Advocacy"],
            ["Actions", "Sees an ad", "Compares", "Buys", None], ["Emotions", 3, 4, 5, 4], ["Trust", 2, 3, 1, 2]]
    result = read(make_workbook(tmp_path / "real.xlsx", rows))
    assert names(result.journey.stages) == ["Awareness", "Consideration", "Decision", "Advocacy"]
    assert not summary_lines(result.report)


def test_a_summary_row_under_stages_in_rows_is_not_a_stage(tmp_path):
    rows = [["Stage", "Actions", "Emotions"], ["Awareness", "Sees an ad", 3], ["Consideration", "Compares", 2],
            ["Decision", "Buys", 4], ["Decision time", "Hesitates", 1], ["Average", None, 2.5]]
    result = read(make_workbook(tmp_path / "rows.xlsx", rows))
    assert names(result.journey.stages) == ["Awareness", "Consideration", "Decision", "Decision time"]
    assert result.journey.metadata.description == "Average (row 6, not a stage): Emotions: 2.5"


_STAGE_NAMES = ["Discover", "Research", "Compare", "Buy", "Unbox", "Use", "Renew", "Recommend", "Onboarding",
                "Support", "Feedback", "Review", "Checkout", "Delivery"]
_HEADINGS = ["Average", "Total", "Notes", "Comments", "Overall score", "Summary", "Média", "Moyenne", "Summe", "Итого"]


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(stages=st.lists(st.sampled_from(_STAGE_NAMES), min_size=2, max_size=5, unique=True),
       heading=st.sampled_from(_HEADINGS), left=st.booleans(),
       words=st.lists(st.text(alphabet="abcdefgh xyz", min_size=1, max_size=12).filter(str.strip), min_size=2,
                      max_size=2))
def test_a_summary_column_is_never_a_stage_and_keeps_its_words(tmp_path, stages, heading, left, words):
    """Wherever the summary column sits (either end) and whatever it holds, the stages are the sheet's stages,
    every card stays where it was, and every word of the summary column is in the description."""
    def place(row: list, extra: object) -> list:
        return [row[0], extra, *row[1:]] if left else [*row, extra]

    rows = [place([""] + stages, heading),
            place(["Actions"] + [f"act {n}" for n in range(len(stages))], words[0]),
            place(["Thoughts"] + [f"think {n}" for n in range(len(stages))], words[1])]
    journey = read(make_workbook(tmp_path / f"prop-{len(stages)}-{left}.xlsx", rows)).journey
    assert names(journey.stages) == stages
    assert cells(journey, stages[-1], "Actions") == [f"act {len(stages) - 1}"]
    for word in words:
        assert " ".join(word.split()) in journey.metadata.description
    assert heading in journey.metadata.description


# --- two rows with the same label ----------------------------------------------------------------------------


def test_a_label_typed_again_on_the_next_row_is_one_lane_holding_both_rows(tmp_path):
    """Two 'Touchpoints' rows one under the other were two lanes of the same name: one lane is what the sheet
    means (as a label merged down both rows), each cell with the cards of both rows in order."""
    rows = [STAGES, ["Actions", "Sees an ad", "Compares", "Buys"], ["Touchpoints", "TV", "Website", "Shop"],
            ["touchpoints ", "Radio", "App", "Phone"], ["Pain points", "Slow", "Pricey", "Queue"]]
    result = read(make_workbook(tmp_path / "dup.xlsx", rows))
    journey = result.journey
    assert names(journey.lanes) == ["Actions", "Touchpoints", "Pain points"]
    assert cells(journey, "Awareness", "Touchpoints") == ["TV", "Radio"]
    assert cells(journey, "Decision", "Touchpoints") == ["Shop", "Phone"]
    assert "Map!A3, A4: 2 rows labelled 'Touchpoints' one under the other read as one lane" in "\n".join(result.report)
    assert not [line for line in result.report if "not part of the map" in line]


def test_the_same_label_side_by_side_with_stages_in_rows_is_one_lane(tmp_path):
    rows = [["Stage", "Actions", "Touchpoints", "Touchpoints", "Thoughts"], ["Awareness", "a", "TV", "Radio", "hm"],
            ["Decision", "b", "Web", "App", "ok"]]
    result = read(make_workbook(tmp_path / "side.xlsx", rows))
    assert names(result.journey.lanes) == ["Actions", "Touchpoints", "Thoughts"]
    assert cells(result.journey, "Decision", "Touchpoints") == ["Web", "App"]
    assert "Map!C1, D1: 2 columns labelled 'Touchpoints' side by side read as one lane" in "\n".join(result.report)


def test_a_label_used_twice_apart_is_two_lanes_and_the_report_says_so(tmp_path):
    """'Pain points' above and below 'Ideas': the user's structure is two lanes; both keep every card."""
    rows = [STAGES, ["Pain points", "Slow", "Pricey", "Queue"], ["Ideas", "Faster", "Cheaper", "Tills"],
            ["Pain points", "Ads", "Fees", "Card refused"], ["Emotions", 1, 2, 3], ["Emotions", 3, 4, 5]]
    result = read(make_workbook(tmp_path / "apart.xlsx", rows))
    journey = result.journey
    assert names(journey.lanes) == ["Pain points", "Ideas", "Pain points", "Emotions", "Emotions"]
    pains = [lane.id for lane in journey.lanes if lane.name == "Pain points"]
    assert [[c.text for c in journey.cards if c.lane_id == lane] for lane in pains] == [
        ["Slow", "Pricey", "Queue"], ["Ads", "Fees", "Card refused"]]
    curves = [lane.id for lane in journey.lanes if lane.name == "Emotions"]  # two rows of scores: two curves
    assert [[p.value for p in journey.emotions if p.lane_id == lane] for lane in curves] == [[1, 2, 3], [3, 4, 5]]
    report = "\n".join(result.report)
    assert "Map!A2, A4: 2 lanes are named 'Pain points': kept as 2 lanes" in report
    assert "Map!A5, A6: 2 lanes are named 'Emotions': kept as 2 lanes" in report


# --- rows without their label ---------------------------------------------------------------------------------


def test_a_row_without_its_label_in_a_lane_group_is_more_of_the_lane_above(tmp_path):
    """A blueprint whose group names are merged down their rows: a label-less row under 'Actions' became a lane
    named after the group ('Frontstage'), not more of 'Actions'."""
    rows = [["", "", "Awareness", "Consideration", "Decision"], ["Frontstage", "Actions", "Sees an ad", "Compares",
            "Buys"], ["", "", "Reads a blog", "Asks a friend", "Pays"], ["Backstage", "Systems", "CRM", "ERP", "POS"],
            ["", "Staff", "Marketer", "Sales", "Cashier"]]
    journey = read(make_workbook(tmp_path / "bp.xlsx", rows, merged=("A2:A3", "A4:A5"))).journey
    assert names(journey.lanes) == ["Actions", "Systems", "Staff"]
    assert cells(journey, "Awareness", "Actions") == ["Sees an ad", "Reads a blog"]


def test_a_blank_row_between_sections_never_glues_them(tmp_path):
    """A label-less row after a blank spacer row is not the lane above the spacer: it is left out, by name."""
    path = tmp_path / "spaced.csv"
    path.write_text(",Awareness,Decision\nActions,a1,b1\n,a2,b2\n\n,orphan,row\nThoughts,t1,t2\n", encoding="utf-8")
    result = read(path)
    assert names(result.journey.lanes) == ["Actions", "Thoughts"]
    assert cells(result.journey, "Awareness", "Actions") == ["a1", "a2"]
    assert cells(result.journey, "Awareness", "Thoughts") == ["t1"]
    assert [line for line in result.report if "not part of the map" in line] == [
        "spaced!B5: 'orphan' not part of the map (no lane label beside it)",
        "spaced!C5: 'row' not part of the map (no lane label beside it)"]


def test_the_preview_colours_a_repeated_label_as_a_lane_and_a_summary_column_as_description(tmp_path):
    from app.io.sheet_import.preview import LANE, META, STAGE, load_sheets, preview

    rows = [STAGES + ["Total"], ["Touchpoints", "TV", "Website", "Shop", None],
            ["Touchpoints", "Radio", "App", "Phone", None], ["Emotions", 3, 2, 4, 9]]
    found = preview(load_sheets(make_workbook(tmp_path / "roles.xlsx", rows)))
    assert [found.roles[(r, 0)] for r in (1, 2)] == [LANE, LANE]  # the label typed again was 'description'
    assert found.roles[(0, 3)] == STAGE and found.roles[(0, 4)] == META and found.roles[(3, 4)] == META
    assert not found.left_out
