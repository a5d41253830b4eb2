"""The Excel export's frozen panes hold only the grid's header rows and the lane label column: the title sits in
the corner above the lane labels, the description in a row under the grid, and both read back from the sheet."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from app.io.formats import read_map, write_map
from app.io.xlsx_export.hidden_sheet import HIDDEN_SHEET
from app.model import JourneyMap
from app.model.journey import Card, Lane, LaneGroup, Metadata, Phase, Stage

DESCRIPTION = "Ana renews her parking permit online before the old one runs out at the end of the month."


def grouped_map(description: str = DESCRIPTION, author: str = "City services team") -> JourneyMap:
    """Lane groups (labels in column B) and phases: the widest header the sheet has."""
    return JourneyMap(
        metadata=Metadata(title="Permit renewal", description=description, author=author),
        phases=[Phase(id="p1", name="Before")],
        stages=[Stage(id="s1", name="Notice", phase_id="p1"), Stage(id="s2", name="Apply", phase_id="p1"),
                Stage(id="s3", name="Receive")],
        lane_groups=[LaneGroup(id="g1", name="Frontstage")],
        lanes=[Lane(id="l1", name="Actions", group_id="g1"), Lane(id="l2", name="Thoughts", group_id="g1")],
        cards=[Card(stage_id="s1", lane_id="l1", text="Gets the reminder letter"),
               Card(stage_id="s3", lane_id="l2", text="Relieved it came in time")],
    )


def _split(sheet) -> tuple[int, int]:
    letters, row = coordinate_from_string(sheet.freeze_panes)
    return row, column_index_from_string(letters)


@pytest.mark.parametrize("make", [grouped_map, lambda: grouped_map(description="", author="")],
                         ids=["described", "bare"])
def test_only_the_grid_headers_and_lane_labels_are_frozen(make, tmp_path):
    journey = make()
    write_map(journey, tmp_path / "m.xlsx")
    sheet = load_workbook(tmp_path / "m.xlsx")["Journey map"]
    row, col = _split(sheet)
    assert col == 3  # group names in A, lane labels in B, stages from C
    assert sheet.cell(row=row, column=2).value == "Actions"  # the first lane row
    frozen = [[sheet.cell(row=r, column=c).value for c in range(1, 6)] for r in range(1, row)]
    assert [r[2:] for r in frozen][:2] == [["Before", None, None], ["Notice", "Apply", "Receive"]]
    assert frozen[1][0] == "Permit renewal"  # the title: the corner above the lane labels
    words = [str(v) for r in frozen for v in r if v]
    assert not any(DESCRIPTION in w or "City services" in w for w in words)
    assert all(any(r[2:]) for r in frozen)  # every frozen row belongs to the grid's header
    about = [r for r in range(row, sheet.max_row + 1) if sheet.cell(row=r, column=2).value == "Description"]
    assert about == ([sheet.max_row] if journey.metadata.description else [])  # nothing to say: no row


def test_the_visible_sheet_alone_keeps_title_and_description(tmp_path):
    path = tmp_path / "m.xlsx"
    journey = grouped_map()
    write_map(journey, path)
    book = load_workbook(path)
    del book[HIDDEN_SHEET]
    book["Journey map"]["C2"] = "Noticed"  # and a word changed by hand
    book.save(path)
    result = read_map(path)
    back = result.journey
    assert back.metadata.title == "Permit renewal"
    assert back.metadata.description.split("\n") == [DESCRIPTION, "By City services team"]
    assert [s.name for s in back.stages] == ["Noticed", "Apply", "Receive"]
    assert [p.name for p in back.phases] == ["Before"]
    assert [lane.name for lane in back.lanes] == ["Actions", "Thoughts"]  # the description row is no lane
    assert sorted(c.text for c in back.cards) == sorted(c.text for c in journey.cards)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler-utils are needed to print the sheet")
def test_the_printed_sheet_shows_title_and_description(tmp_path):
    workbook = tmp_path / "permit.xlsx"
    write_map(grouped_map(), workbook)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(workbook)], capture_output=True, timeout=180, check=True)
    pdf = Path(tmp_path / "permit.pdf")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "Permit renewal" in flat and "page 1 of" in flat
    assert all(word in flat for word in DESCRIPTION.split()) and "By City services team" in flat
