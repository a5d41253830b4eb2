"""Hostile and broken files get one clear line, fast, and nothing is inflated first."""

from __future__ import annotations

import zipfile

from tests.import_helpers import make_workbook, refuse, rewrite_parts

BASIC = [[None, "Awareness", "Purchase"], ["Doing", "Sees an ad", "Pays"]]


def test_zip_bomb_declared_huge_member_is_refused_fast(tmp_path):
    path = make_workbook(tmp_path / "bomb.xlsx", BASIC)
    bomb = tmp_path / "bomb2.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        with target.open("xl/worksheets/sheet2.xml", "w") as member:  # 300 MB of zeros, about 300 KB packed
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    refuse(bomb, "would inflate to 3.. MB")


def test_zip_member_with_extreme_ratio_is_refused(tmp_path):
    path = make_workbook(tmp_path / "r.xlsx", BASIC)
    bomb = tmp_path / "ratio.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/media/blank.bin", b"\0" * (50 << 20))
    refuse(bomb, "compressed .*:1 \\(a zip bomb\\?\\)")


def test_lying_declared_size_is_caught_while_streaming(tmp_path):
    path = make_workbook(tmp_path / "lie.xlsx", BASIC)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # shrink the declared size in the central directory: the real content is larger
    central = data.rfind(b"PK\x01\x02" + data[data.find(b"PK\x01\x02") + 4: data.find(b"PK\x01\x02") + 4][:0])
    name = b"xl/worksheets/sheet1.xml"
    index = data.find(b"PK\x01\x02")
    while index >= 0:
        name_length = int.from_bytes(data[index + 28:index + 30], "little")
        if data[index + 46:index + 46 + name_length] == name:
            data[index + 24:index + 28] = (info.file_size // 4).to_bytes(4, "little")
        index = data.find(b"PK\x01\x02", index + 4)
    assert central >= 0
    lying = tmp_path / "lying.xlsx"
    lying.write_bytes(bytes(data))
    refuse(lying, "inflates beyond its declared size|damaged")


def test_billion_laughs_in_shared_strings_is_refused(tmp_path):
    path = make_workbook(tmp_path / "x.xlsx", BASIC)
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    )
    bomb = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # make B1 use the shared string
                data = data.replace(b'<c r="B1" t="inlineStr"><is><t>Awareness</t></is></c>',
                                    b'<c r="B1" t="s"><v>0</v></c>')
            if item.filename != "xl/sharedStrings.xml":
                target.writestr(item, data)
        target.writestr("xl/sharedStrings.xml", laughs)
    refuse(bomb, "declares XML entities")

    # and openpyxl, should the archive check ever miss one, parses with defusedxml
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


def test_old_xls_and_encrypted_and_empty_and_truncated(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000
    encrypted = tmp_path / "secret.xlsx"
    encrypted.write_bytes(ole)
    refuse(encrypted, "is encrypted or an old .xls .*save it as .xlsx")
    xls = tmp_path / "old.xls"
    xls.write_bytes(ole)
    refuse(xls, "old binary Excel file .*save it as .xlsx")
    refuse(tmp_path / "missing.xls", "missing.xls: does not exist")  # not 'an old binary Excel file'
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    refuse(empty, "is empty")
    good = make_workbook(tmp_path / "good.xlsx", BASIC).read_bytes()
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes(good[: len(good) // 2])
    refuse(truncated, "damaged or truncated")


def test_random_bytes_text_file_and_other_zips(tmp_path):
    import random

    noise = tmp_path / "noise.xlsx"
    noise.write_bytes(random.Random(4).randbytes(5000))
    refuse(noise, "is not an Excel workbook")
    html = tmp_path / "download.xlsx"  # what some web tools hand out as an "Excel" file
    html.write_text("<html><body><table><tr><td>Awareness</td></tr></table></body></html>")
    refuse(html, "is a web page \\(an HTML table")
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    refuse(other, "zip archive but not an Excel workbook")


def test_valid_workbook_that_is_not_a_journey_map(tmp_path):
    rows = [["Item", "Q1", "Q2", "Q3"], ["Rent", 1200, 1200, 1250], ["Salaries", 8000, 8100, 8200],
            ["Travel", 300, 450, 120]]
    message = refuse(make_workbook(tmp_path / "budget.xlsx", rows), "does not look like a journey map: ")
    assert message.startswith("budget.xlsx: does not look like a journey map")
    empty_book = make_workbook(tmp_path / "blank.xlsx", [])
    refuse(empty_book, "does not look like a journey map: every sheet is empty")


def test_too_many_cells_refused_before_loading(tmp_path, monkeypatch):
    from app.io.sheet_import import source as sheet_source

    monkeypatch.setattr(sheet_source, "MAX_CELLS", 5)
    refuse(make_workbook(tmp_path / "many.xlsx", BASIC + [["More", "a", "b"]]), "more than 5 cells")


def test_a_worksheet_with_broken_cell_references_is_named_whole(tmp_path):
    """openpyxl's 'Unable to read workbook ... This is most probably because the workbook source' was cut
    mid-sentence; the line says what is damaged and why."""
    good = make_workbook(tmp_path / "good.xlsx", BASIC)

    def break_a_reference(name: str, data: bytes) -> bytes:
        if not name.endswith("sheet1.xml"):
            return data
        return data.replace(b"</sheetData>", b'<row r="5"><c r="!!" t="inlineStr"><is><t>x</t></is></c>'
                                             b"</row></sheetData>")

    bad = rewrite_parts(good, tmp_path / "bad.xlsx", break_a_reference)
    message = refuse(bad, "its worksheets are damaged")
    assert "most probably" not in message and message.endswith("save it as .xlsx, then import that")
