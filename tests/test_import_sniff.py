"""A table or map is read by what its bytes hold, not by the name its sender gave it; the report says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.io.errors import JourneyFileError
from app.io.formats import read_map
from app.io.journey.file import save_journey
from app.io.sheet_import.preview import import_sheets, load_sheets
from app.io.sheet_import.sniff import bytes_kind
from app.model.templates import map_from_template
from tests.import_helpers import make_workbook

TABLE = "Stage,Awareness,Purchase\nActions,Sees an ad,Pays\nPain points,Too many ads,Card refused\n"
EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "example.journey"


def texts(result) -> set[str]:
    return {card.text for card in result.journey.cards}


def test_csv_text_named_xlsx_is_read_as_csv_and_said(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text(TABLE, encoding="utf-8")
    result = read_map(path)
    assert {"Sees an ad", "Pays", "Too many ads", "Card refused"} <= texts(result)
    assert [stage.name for stage in result.journey.stages] == ["Awareness", "Purchase"]
    assert result.report[0] == ("export.xlsx holds a text table (CSV), not an Excel workbook as its name says: "
                                "read as CSV")
    assert path.read_text(encoding="utf-8") == TABLE  # the source is only read


def test_utf16_table_named_xlsx_is_read_as_csv(tmp_path):
    path = tmp_path / "unicode.xlsx"
    path.write_bytes(TABLE.replace(",", "\t").encode("utf-16"))  # Excel's "Unicode text", with its BOM
    assert {"Sees an ad", "Card refused"} <= texts(read_map(path))


def test_workbook_named_csv_is_read_as_workbook_and_said(tmp_path):
    book = make_workbook(tmp_path / "book.xlsx", [[None, "Awareness", "Purchase"], ["Actions", "Sees an ad", "Pays"]])
    path = tmp_path / "book.csv"
    shutil.copy(book, path)
    result = read_map(path)
    assert {"Sees an ad", "Pays"} <= texts(result)
    assert result.report[0].startswith("book.csv holds an Excel workbook, not a text table (CSV)")


def test_map_saved_under_a_table_name_opens_as_the_map(tmp_path):
    journey = map_from_template("five-stage", title="Saved as xlsx")
    native = tmp_path / "map.journey"
    save_journey(journey, native)
    path = tmp_path / "map.xlsx"
    shutil.copy(native, path)
    result = read_map(path)
    assert result.journey.metadata.title == "Saved as xlsx"
    assert [s.id for s in result.journey.stages] == [s.id for s in journey.stages]
    assert "holds a Journey Canvas map" in result.report[0]
    with pytest.raises(JourneyFileError, match="holds a Journey Canvas map, not a table; open it with File > Open"):
        load_sheets(path)  # the import preview is not the place for it


def test_preview_and_import_read_by_content_too(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text(TABLE, encoding="utf-8")
    sheets = load_sheets(path)
    assert sheets.notes[0].startswith("export.xlsx holds a text table (CSV)")
    result = import_sheets(path)
    assert "Card refused" in texts(result) and result.report[0].startswith("export.xlsx holds a text table")


def test_unclear_bytes_go_to_the_extension_reader(tmp_path):
    assert bytes_kind(b"") is None
    assert bytes_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00") is None  # .xls or encrypted: named by the reader
    assert bytes_kind(b"<?xml version='1.0'?><Workbook>") is None
    assert bytes_kind(b'{"name": "not a map"}') is None
    assert bytes_kind(b"\xef\xbb\xbf  {\n \"schema_version\": 4") == "journey"
    assert bytes_kind(b"PK\x03\x04") == "xlsx"
    assert bytes_kind(b"a;b;c\n1;2;3") == "csv"
    xml = tmp_path / "old.xlsx"
    xml.write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>')
    with pytest.raises(JourneyFileError, match="is an Excel 2003 XML spreadsheet, not an .xlsx workbook; open it"):
        read_map(xml)


def test_editor_opens_a_map_named_as_a_table_without_the_preview(window, tmp_path):
    path = tmp_path / "shared.xlsx"
    shutil.copy(EXAMPLE, path)
    before = path.read_bytes()
    assert window.open_path(path, preview=True)  # the preview dialog would block: it must not be shown
    assert window.document.path is None  # untitled: Save asks for a .journey name, the .xlsx is never written
    assert len(window.document.journey.cards) == len(read_map(EXAMPLE).journey.cards)
    assert any("holds a Journey Canvas map" in line for line in window.import_report)
    assert path.read_bytes() == before
