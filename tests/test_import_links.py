"""A cell whose words link to a web page ('Comparison site' -> https://...): the address is the card's note, from
.xlsx (both readers) and .ods; it was dropped without a word."""

from __future__ import annotations

import pytest

from app.io.formats import read_map
from tests.ods_helpers import Raw, make_ods

STAGES = ["Discover", "Compare", "Sign up"]
ADDRESS = "https://example.com/compare?plan=basic"


def _linked_workbook(path):
    import openpyxl
    from openpyxl.comments import Comment

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["", *STAGES], ["Touchpoints", "Google", "Comparison site", "https://example.com/form"],
                ["Emotions", 1, 0, -1]):
        sheet.append(row)
    sheet["C2"].hyperlink = ADDRESS
    sheet["D2"].hyperlink = "https://example.com/form"  # the cell shows its address: nothing to add
    sheet["B2"].hyperlink = "https://google.com"
    sheet["B2"].comment = Comment("most users start here", "UX")
    book.save(path)
    return path


def _notes(journey) -> dict[str, str]:
    return {card.text: card.note for card in journey.cards}


@pytest.mark.parametrize("reader", ["lean", "openpyxl"])
def test_a_linked_cell_keeps_its_address_as_the_cards_note(tmp_path, monkeypatch, reader):
    if reader == "openpyxl":
        from app.io.sheet_import import source_xlsx

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise ValueError("not understood")

        monkeypatch.setattr(source_xlsx, "read_raw", refuse)
    journey = read_map(_linked_workbook(tmp_path / "links.xlsx")).journey
    assert _notes(journey) == {"Google": "most users start here\nhttps://google.com", "Comparison site": ADDRESS,
                               "https://example.com/form": ""}


def test_a_linked_cell_in_an_ods_keeps_its_address(tmp_path):
    linked = Raw('office:value-type="string"', '<text:p><text:a xmlns:xlink="http://www.w3.org/1999/xlink" '
                 f'xlink:type="simple" xlink:href="{ADDRESS.replace("&", "&amp;")}">Comparison site</text:a></text:p>')
    path = make_ods(tmp_path / "links.ods", [["", *STAGES], ["Touchpoints", "Google", linked, "Web form"],
                                             ["Emotions", 1, 0, -1]])
    journey = read_map(path).journey
    assert _notes(journey) == {"Google": "", "Comparison site": ADDRESS, "Web form": ""}
