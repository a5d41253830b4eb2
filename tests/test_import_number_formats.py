"""A number cell imports as the text Excel shows ('45%', '$1,200.00', '(1,200.00)'), and still counts as its
number where the import reads scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.io.sheet_import import preview as import_preview
from app.io.sheet_import.source import load_workbook
from tests.import_helpers import cells, emotions, read

FORMATS = [  # (value, number format, what Excel shows)
    (0.45, "0%", "45%"),
    (0.125, "0.0%", "12.5%"),
    (1234567, "#,##0", "1,234,567"),
    (1234.5, "#,##0.00", "1,234.50"),
    (1200, '"$"#,##0.00', "$1,200.00"),
    (1234.5, "[$€-407] #,##0.00", "€ 1,234.50"),
    (-1200, "0.00;(0.00)", "(1200.00)"),
    (3.5, "0.00", "3.50"),
]


def _formatted_map(path: Path) -> Path:
    """A journey map with a KPI lane whose numbers carry the formats of FORMATS, one per stage."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Map"
    stages = [f"Stage {i + 1}" for i in range(len(FORMATS))]
    sheet.append([None, *stages])
    sheet.append(["Actions", *[f"step {i + 1}" for i in range(len(FORMATS))]])
    sheet.append(["Pain points", *[f"pain {i + 1}" for i in range(len(FORMATS))]])
    sheet.append(["KPIs", *[value for value, _code, _shown in FORMATS]])
    for col, (_value, code, _shown) in enumerate(FORMATS, start=2):
        sheet.cell(row=4, column=col).number_format = code
    book.save(path)
    return path


def _kpi_texts(journey) -> list[str]:  # noqa: ANN001
    return [text for i in range(len(FORMATS)) for text in cells(journey, f"Stage {i + 1}", "KPIs")]


def test_cards_read_as_excel_shows_them(tmp_path):
    journey = read(_formatted_map(tmp_path / "kpis.xlsx")).journey
    assert _kpi_texts(journey) == [shown for _v, _c, shown in FORMATS]


def test_the_openpyxl_reader_shows_the_same(tmp_path, monkeypatch):
    """The fallback reader (for workbooks the lean one cannot read) gives the same texts."""
    from app.io.sheet_import import source_xlsx

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ValueError("not understood")

    monkeypatch.setattr(source_xlsx, "read_raw", refuse)
    path = _formatted_map(tmp_path / "kpis.xlsx")
    grid = load_workbook(path).grids[0]
    assert grid.cells[(3, 1)] == 0.45  # still the number
    journey = read(path).journey
    assert _kpi_texts(journey) == [shown for _v, _c, shown in FORMATS]


def test_the_preview_shows_the_same_text(tmp_path):
    path = _formatted_map(tmp_path / "kpis.xlsx")
    found = import_preview.preview(import_preview.load_sheets(path))
    assert found.ok
    assert _kpi_texts(found.result.journey) == [shown for _v, _c, shown in FORMATS]
    grid = found.grid
    from app.io.sheet_import.grid import as_text

    assert [as_text(grid.cells[(3, c)]) for c in range(1, len(FORMATS) + 1)] == [s for _v, _c, s in FORMATS]


def _scores(path: Path, label: str, values: list[float], code: str) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([None, "Discover", "Sign up", "Use", "Renew"])
    sheet.append(["Actions", "reads", "fills the form", "works", "pays"])
    sheet.append([label, *values])
    for col in range(2, 6):
        sheet.cell(row=3, column=col).number_format = code
    book.save(path)
    return path


def test_a_decimal_formatted_score_row_is_still_emotions(tmp_path):
    journey = read(_scores(tmp_path / "s.xlsx", "Emotion", [3, 4.5, 2, 5], "0.0")).journey
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == (1, 5)
    assert emotions(journey) == [3, 4.5, 2, 5]
    assert not journey.cards_in(journey.stages[0].id, journey.lanes[-1].id)


@pytest.mark.parametrize("values", [[0.2, 0.55, 0.9, 0.75], [0, 1, 1, 0.5]])
def test_a_percent_formatted_satisfaction_row_reads_on_0_to_100(tmp_path, values):
    """0.55 shown as '55%' is the score 55 on a 0-100 scale, as a cell holding the text '55%' is."""
    journey = read(_scores(tmp_path / "p.xlsx", "Satisfaction", values, "0%")).journey
    assert journey.lanes[-1].kind == "emotions"
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == (0, 100)
    assert emotions(journey) == pytest.approx([v * 100 for v in values])


def test_a_formatted_kpi_lane_changed_to_emotions_keeps_its_numbers(tmp_path):
    """Cards '$1,200.00' made into scores by choosing the emotions kind: the cell's number is the score."""
    from app.io.sheet_import.read_xlsx import read_xlsx

    journey = read_xlsx(_formatted_map(tmp_path / "kpis.xlsx"), lane_kinds={2: "emotions"}).journey
    assert journey.lanes[2].kind == "emotions"
    assert len(journey.emotions) == len(FORMATS)
    assert sorted(p.value for p in journey.emotions)[0] == pytest.approx(-1200)


def test_an_average_column_keeps_the_digits_the_sheet_shows(tmp_path):
    """A '0.0' Average of 3, 2, 4, 4 reads '3.3' in Excel: the map's description says '3.3', not '3.25'."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([None, "Awareness", "Consideration", "Decision", "Use", "Average"])
    sheet.append(["Actions", "Sees an ad", "Compares", "Buys", "Uses", None])
    sheet.append(["Emotions", 3, 2, 4, 4, 3.25])
    sheet.append(["Conversion", 0.5, 0.25, 0.125, 0.75, 0.40625])
    sheet["F3"].number_format = "0.0"
    for col in "BCDEF":
        sheet[f"{col}4"].number_format = "0.0%"
    book.save(tmp_path / "avg.xlsx")
    journey = read(tmp_path / "avg.xlsx").journey
    assert [s.name for s in journey.stages] == ["Awareness", "Consideration", "Decision", "Use"]
    assert emotions(journey, "Emotions") == [3, 2, 4, 4]
    assert "Emotions: 3.3" in journey.metadata.description
    assert "Conversion: 40.6%" in journey.metadata.description
    assert [t for s in journey.stages for t in cells(journey, s.name, "Conversion")] == ["50.0%", "25.0%", "12.5%",
                                                                                          "75.0%"]
