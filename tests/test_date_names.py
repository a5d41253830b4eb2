"""Month and day names in the language a date format's locale names ([$-407] German...), as LibreOffice shows
them; English without one."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from app.io.formats import read_map
from app.io.sheet_import.date_format import format_date

MOMENT = datetime(2026, 3, 6)  # a Friday in March


@pytest.mark.parametrize(("code", "shown"), [
    ("[$-407]d. mmmm yyyy", "6. März 2026"), ("[$-407]ddd, d. mmm", "Fr, 6. Mär"), ("[$-407]dddd", "Freitag"),
    ("[$-40C]dddd d mmmm", "vendredi 6 mars"), ("[$-40C]mmm", "mars"), ("[$-80C]ddd", "ven."),
    ("[$-C0A]d \\de mmmm", "6 de marzo"), ("[$-410]dddd", "venerdì"), ("[$-416]mmmm", "março"),
    ("[$-413]ddd d mmm", "vr 6 mrt"), ("[$-409]dddd, mmmm d", "Friday, March 6"), ("dddd, mmm d", "Friday, Mar 6"),
    ("[$€-407]mmmm", "€März"), ("[$-x-sysdate]mmmm", "March"), ("[$-411]mmmm", "March"), ("[$-407]mmmmm", "M"),
])
def test_names_in_the_locales_language(code, shown):
    assert format_date(MOMENT, code) == shown


def test_a_german_sheet_imports_with_its_german_month_names(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["", datetime(2026, 1, 5), datetime(2026, 3, 2), datetime(2026, 12, 7)])
    for cell in sheet[1][1:]:
        cell.number_format = "[$-407]d. mmmm"
    sheet.append(["Aktionen", "Anzeige sehen", "Vergleichen", "Kaufen"])
    book.save(tmp_path / "plan.xlsx")
    assert [s.name for s in read_map(tmp_path / "plan.xlsx").journey.stages] == ["5. Januar", "2. März", "7. Dezember"]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_every_name_agrees_with_libreoffice(tmp_path):
    book = Workbook()
    sheet = book.active
    codes = [f"[$-{lcid}]{part}" for lcid in ("407", "40C", "C0A", "410", "416", "413", "409")
             for part in ("mmmm", "mmm", "dddd", "ddd")]
    for row, code in enumerate(codes, start=1):
        for month in range(1, 13):
            cell = sheet.cell(row, month, datetime(2026, month, 1 + month % 7))
            cell.number_format = code
    book.save(tmp_path / "names.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', "--outdir", str(tmp_path),
                    str(tmp_path / "names.xlsx")], capture_output=True, timeout=180, check=False)
    shown = list(csv.reader((tmp_path / "names.csv").open(encoding="utf-8")))
    ours = [[format_date(cell.value, cell.number_format) for cell in row]
            for row in load_workbook(tmp_path / "names.xlsx").active.iter_rows()]
    assert ours == shown
