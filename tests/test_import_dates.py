"""A date or time cell imports as the text the sheet shows ('05 Jan', 'Jan 5, 2026', '2:30 PM'), not as ISO text,
and the import still reads it as a date: never a score, a rating or a stage number."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest

from app.io.sheet_import import preview as import_preview
from app.io.sheet_import.grid import ShownDate
from app.io.sheet_import.source import load_workbook
from tests.conftest import PROJECT_ROOT
from tests.import_helpers import cells, read
from tests.ods_helpers import Raw, content_xml, table_xml, write_ods
from tests.test_xlsx_raw import same_grids

STAGES = [datetime(2026, 1, 5), datetime(2026, 1, 12), datetime(2026, 1, 19)]
ROWS = [  # (lane, values, number format, what Excel shows)
    ("Due", [date(2026, 2, 3), date(2026, 3, 4), date(2026, 4, 5)], "mmm d, yyyy",
     ["Feb 3, 2026", "Mar 4, 2026", "Apr 5, 2026"]),
    ("Call at", [time(14, 30), time(9, 5), time(17, 0)], "h:mm AM/PM", ["2:30 PM", "9:05 AM", "5:00 PM"]),
    ("Weekday", [date(2026, 2, 3), date(2026, 3, 4), date(2026, 4, 5)], "dddd", ["Tuesday", "Wednesday", "Sunday"]),
    ("Short date", [date(2026, 2, 3), date(2026, 3, 4), date(2026, 4, 5)], "mm-dd-yy",  # built-in 14
     ["2/3/2026", "3/4/2026", "4/5/2026"]),
    ("Took", [1.5, 0.25, 2.75], "[h]:mm", ["36:00", "6:00", "66:00"]),
    ("KPIs", [5, 12, 1], '0 "days"', ["5 days", "12 days", "1 days"]),  # a number: its letters are quoted
]
STAGE_NAMES = ["05 Jan", "12 Jan", "19 Jan"]


def _dated_map(path: Path, *, date1904: bool = False) -> Path:
    """Stages named by dates shown 'dd mmm', a lane of actions and a lane for each format of ROWS."""
    import openpyxl
    from openpyxl.utils.datetime import MAC_EPOCH

    book = openpyxl.Workbook()
    if date1904:
        book.epoch = MAC_EPOCH
    sheet = book.active
    sheet.title = "Map"
    sheet.append(["Date", *STAGES])
    sheet.append(["Doing", "Sees ad", "Visits site", "Signs up"])
    for label, values, _code, _shown in ROWS:
        sheet.append([label, *values])
    for col in range(2, 5):
        sheet.cell(row=1, column=col).number_format = "dd mmm"
        for row, (_label, _values, code, _shown) in enumerate(ROWS, start=3):
            sheet.cell(row=row, column=col).number_format = code
    book.save(path)
    return path


def _check(journey) -> None:  # noqa: ANN001
    assert [stage.name for stage in journey.stages] == STAGE_NAMES
    for label, _values, _code, shown in ROWS:
        assert [text for stage in STAGE_NAMES for text in cells(journey, stage, label)] == shown, label
    assert cells(journey, "12 Jan", "Doing") == ["Visits site"]


def test_cards_and_stage_names_read_as_the_sheet_shows_them(tmp_path):
    path = _dated_map(tmp_path / "dates.xlsx")
    _check(read(path).journey)
    grid = load_workbook(path).grids[0]
    assert isinstance(grid.cells[(0, 1)], ShownDate) and grid.cells[(0, 1)].iso == "2026-01-05"
    assert grid.cells[(3, 1)].iso == "14:30"  # still the time: what reads the cell for its meaning has it


def test_the_openpyxl_reader_and_the_preview_show_the_same(tmp_path, monkeypatch):
    """The lean reader and openpyxl (taken when the lean one balks) give the same cells, and the same map."""
    from app.io.sheet_import import source_xlsx

    path = _dated_map(tmp_path / "dates.xlsx")
    same_grids(path)
    found = import_preview.preview(import_preview.load_sheets(path))
    assert found.ok
    _check(found.result.journey)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ValueError("not understood")

    monkeypatch.setattr(source_xlsx, "read_raw", refuse)
    _check(read(path).journey)


def test_a_1904_workbook_shows_the_same_dates(tmp_path):
    """An old Mac workbook counts its serials from 1904: the same dates, times and durations are shown."""
    path = _dated_map(tmp_path / "mac.xlsx", date1904=True)
    assert b'date1904="1"' in _part(path, "xl/workbook.xml")
    same_grids(path)
    _check(read(path).journey)


def _part(path: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def test_show_text_prints_the_dates_as_shown(tmp_path):
    path = _dated_map(tmp_path / "dates.xlsx")
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "main.py"), "show-text", str(path)],
                            capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "## Stages\n- 05 Jan\n- 12 Jan\n- 19 Jan\n" in out
    assert "## 05 Jan / Due\n* Feb 3, 2026\n" in out and "## 12 Jan / Call at\n* 9:05 AM\n" in out
    assert "## 19 Jan / Weekday\n* Sunday\n" in out and "## 05 Jan / Short date\n* 2/3/2026\n" in out
    assert "## 19 Jan / Took\n* 66:00\n" in out and "## 05 Jan / KPIs\n* 5 days\n" in out
    assert "2026-0" not in out  # no ISO text left


def test_dates_in_an_emotions_lane_are_not_scores(tmp_path):
    """'5', '12' (a day of the month) and '05 Jan' (a number beside a word) read as scores once dates showed
    as typed; a date is a date: the lane keeps them as cards, as it did their ISO text."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Stage", "Awareness", "Consideration", "Purchase", "Use"])
    sheet.append(["Doing", "Sees ad", "Visits site", "Signs up", "Pays"])
    days = [datetime(2026, 1, day) for day in (5, 12, 19, 26)]
    for row, code in ((3, "d"), (4, "dd mmm"), (5, "m/d")):
        sheet.append(["Feeling" if row == 3 else "Emotion" if row == 4 else "Mood", *days])
        for col in range(2, 6):
            sheet.cell(row=row, column=col).number_format = code
    book.save(tmp_path / "feel.xlsx")
    journey = read(tmp_path / "feel.xlsx").journey
    assert not journey.emotions
    assert cells(journey, "Purchase", "Feeling") == ["19"]
    assert cells(journey, "Purchase", "Emotion") == ["19 Jan"]
    assert cells(journey, "Purchase", "Mood") == ["1/19"]


def test_distinct_dates_shown_alike_stay_distinct_stages(tmp_path):
    """Four columns of January days shown 'mmm' are four stages named 'Jan' (as four ISO dates were four),
    not one stage gathering every card; the same date twice is still one stage."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", *[datetime(2026, 1, day) for day in (5, 12, 19, 19)]])
    sheet.append(["Doing", "Sees ad", "Visits site", "Signs up", "Pays"])
    for col in range(2, 6):
        sheet.cell(row=1, column=col).number_format = "mmm"
    book.save(tmp_path / "months.xlsx")
    journey = read(tmp_path / "months.xlsx").journey
    assert [stage.name for stage in journey.stages] == ["Jan", "Jan", "Jan"]
    assert [[card.text for card in journey.cards if card.stage_id == stage.id] for stage in journey.stages] == [
        ["Sees ad"], ["Visits site"], ["Signs up", "Pays"]]


def test_an_ods_date_reads_as_its_cell_shows_it(tmp_path):
    """LibreOffice saves the shown text beside the ISO value: that text is the card; without one, the ISO text."""
    rows = [["Date", Raw('office:value-type="date" office:date-value="2026-01-05"', "<text:p>05 Jan</text:p>"),
             Raw('office:value-type="date" office:date-value="2026-01-12T00:00:00"', "<text:p>12 Jan</text:p>")],
            ["Doing", "Sees ad", "Visits site"],
            ["Call at", Raw('office:value-type="time" office:time-value="PT14H30M00S"', "<text:p>02:30 PM</text:p>"),
             Raw('office:value-type="time" office:time-value="PT09H05M00S"')],
            ["Due", Raw('office:value-type="date" office:date-value="2026-02-03"'),
             Raw('office:value-type="date" office:date-value="2026-03-04"', "<text:p>Wednesday</text:p>")]]
    path = write_ods(tmp_path / "dates.ods", content_xml([table_xml("Map", rows)]))
    grid = load_workbook(path).grids[0]
    assert [grid.cells[(0, 1)], grid.cells[(0, 2)]] == ["05 Jan", "12 Jan"]
    assert [grid.cells[(0, 1)].iso, grid.cells[(2, 2)].iso] == ["2026-01-05", "09:05"]
    journey = read(path).journey
    assert [stage.name for stage in journey.stages] == ["05 Jan", "12 Jan"]
    assert cells(journey, "05 Jan", "Call at") == ["02:30 PM"] and cells(journey, "12 Jan", "Call at") == ["09:05"]
    assert cells(journey, "05 Jan", "Due") == ["2026-02-03"] and cells(journey, "12 Jan", "Due") == ["Wednesday"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_workbook_saved_by_libreoffice_as_ods_shows_the_same(tmp_path):
    """The workbook above saved by LibreOffice as .ods: its cells read as LibreOffice shows them, which for these
    formats is what Excel shows (the number format 'mm-dd-yy' aside: LibreOffice keeps the code as written)."""
    path = _dated_map(tmp_path / "dates.xlsx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "ods", "--outdir",
                    str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    journey = read(tmp_path / "dates.ods").journey
    assert [stage.name for stage in journey.stages] == STAGE_NAMES
    for label, _values, _code, shown in ROWS:
        if label != "Short date":
            assert [text for stage in STAGE_NAMES for text in cells(journey, stage, label)] == shown, label
