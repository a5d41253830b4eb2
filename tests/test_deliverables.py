"""Deliverables never lose or garble a word: the stress maps through PDF, Excel, PNG and SVG, read back.

PDF text is read with pdftotext (poppler-utils), as a client's viewer would copy it; the printed Excel
sheet with LibreOffice. Tests that need one of them skip when it is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.io.formats import write_map
from app.io.pdf.export import PdfDocument
from app.io.pdf.pages import MIN_CARD_TEXT_PT, pdf_options
from app.layout import theme
from app.model import JourneyMap
from tests import stress_maps

DIRECTION_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.translate(DIRECTION_MARKS)


def every_text(journey: JourneyMap) -> list[str]:
    """Every text the map shows: card texts, lane, stage and phase names, emotion labels."""
    texts = [card.text for card in journey.cards] + [lane.name for lane in journey.lanes]
    texts += [stage.name for stage in journey.stages] + [phase.name for phase in journey.phases]
    return texts + [point.label for point in journey.emotions if point.label]


def missing_words(journey: JourneyMap, text: str) -> list[str]:
    """Words (spaces removed for scripts without them) of the map that `text` lacks."""
    flat = "".join(text.split())
    return [word for item in every_text(journey) for word in item.split() if word not in flat]


@needs_pdftotext
@pytest.mark.parametrize("name", ["long_texts", "crowded_cell", "wide", "tall", "scripts"])
def test_every_word_of_a_stress_map_is_in_the_pdf_text(name, tmp_path, artifacts_dir):
    journey = stress_maps.ALL[name]()
    out = tmp_path / f"{name}.pdf"
    write_map(journey, out)
    assert missing_words(journey, pdf_text(out)) == []
    shutil.copy(out, artifacts_dir / f"stress-{name}.pdf")


@pytest.mark.parametrize("name", ["long_texts", "crowded_cell", "wide", "tall", "scripts"])
def test_card_text_is_never_below_six_points_on_the_default_page(name):
    plan = PdfDocument(stress_maps.ALL[name](), pdf_options()).plan
    assert plan.scale * theme.CARD_FONT_SIZE >= MIN_CARD_TEXT_PT - 0.01


def test_a_lane_taller_than_a_page_shares_its_last_page_and_no_card_is_cut_across_pages():
    """Twelve cards in one cell: the lane goes over two pages, cut between cards, and the next lane follows
    on the second page (it used to get a page of its own, and a card was cut in two)."""
    document = PdfDocument(stress_maps.crowded_cell(), pdf_options())
    plan, layout = document.plan, document.layout
    windows = [sheet.window for sheet in plan.sheets]
    assert len(windows) == 2
    for box in layout.cards.values():
        top, bottom = box.rect.y, box.rect.y + box.rect.height
        assert any(y0 - 0.01 <= top and bottom <= y1 + 0.01 for _, y0, _, y1 in windows), box.card_id
    last_lane = layout.rows[-1]
    assert windows[-1][1] < last_lane.y  # the last lane shares the page with the end of the tall one


def test_wide_maps_go_on_spreads_of_whole_stages_with_the_lane_headers_repeated(tmp_path):
    from pypdf import PdfReader

    journey = stress_maps.wide(30, 4)
    out = tmp_path / "wide.pdf"
    warnings = write_map(journey, out)
    assert any("pages of stages" in w and "choose page size A" in w for w in warnings)
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) > 1
    for page in pages:
        assert all(lane.name in page for lane in journey.lanes)  # every spread names the lanes
    assert "stages 1\u2013" in pages[0] and "of 30" in pages[-1]


@needs_pdftotext
def test_right_to_left_text_reads_back_in_logical_order(tmp_path):
    journey = stress_maps.scripts()
    out = tmp_path / "rtl.pdf"
    write_map(journey, out)
    flat = "".join(pdf_text(out).split())
    for key in ("arabic", "hebrew"):
        assert "".join(stress_maps.SCRIPTS[key].split()) in flat  # the whole card, word after word


def test_right_to_left_cards_are_set_flush_right():
    from app.layout import compute_layout

    layout = compute_layout(stress_maps.scripts())
    aligns = {card.card_id: card.text.align for card in layout.cards.values()}
    assert aligns["c3"] == aligns["c4"] == "right" and aligns["c0"] == "left"


def test_arabic_is_drawn_joined_and_in_visual_order():
    from app.painters.pdf_text import visual_order

    drawn = visual_order("سلام")
    assert drawn != "سلام" and all(0xFE70 <= ord(c) <= 0xFEFF for c in drawn)  # presentation forms
    assert visual_order("abc") == "abc"


@needs_pdftotext
def test_a_long_card_continues_in_a_numbered_note_and_convert_says_so(tmp_path, capsys):
    from app.check import check_map
    from app.cli import main
    from app.io.journey.file import save_journey

    journey = stress_maps.long_texts()
    source, out = tmp_path / "long.journey", tmp_path / "long.pdf"
    save_journey(journey, source)
    assert main(["convert", str(source), str(out)]) == 0
    err = capsys.readouterr().err
    cut = [f.message for f in check_map(journey) if f.code == "text-cut"]
    assert len(cut) == 6  # three capped cards, a stage name, a lane name and an emotion label
    for message in cut:  # convert warns about exactly what check finds, saying where the text went
        assert f"warning: {message}; given in full in note" in err
    text = pdf_text(out)
    assert "Notes: text continued from the map" in text
    assert "\u2192 note 4, page 2" in text  # the card's mark on the map
    assert "[1]" in text and "[2]" in text  # cut names carry their note's number


@needs_pdftotext
def test_empty_and_persona_only_maps_print_something_sensible(tmp_path):
    empty, persona = tmp_path / "empty.pdf", tmp_path / "persona.pdf"
    write_map(stress_maps.empty(), empty)
    write_map(stress_maps.persona_only(), persona)
    assert "No stages yet" in pdf_text(empty)
    text = pdf_text(persona)
    assert "Dana Levi" in text and "I just want it to work." in text and "No stages yet" in text

    appendix = tmp_path / "appendix.pdf"
    write_map(stress_maps.empty(), appendix, appendix=True)
    after = pdf_text(appendix).split("Appendix", 1)[1]
    assert "No stages yet." in after.split("Notes")[0]  # the Stages heading is never over nothing


def test_png_and_svg_name_characters_no_font_draws(tmp_path):
    journey = stress_maps.crowded_cell()
    journey.cards[0].text = "private \U0010fffd sign"
    for suffix in ("png", "svg"):
        warnings = write_map(journey, tmp_path / f"map.{suffix}", scale=20)
        assert any("U+10FFFD" in w for w in warnings), suffix


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler-utils are needed to print the sheet")
def test_the_printed_excel_sheet_shows_every_word_of_long_cards(tmp_path):
    journey = stress_maps.long_texts()
    workbook = tmp_path / "long.xlsx"
    assert write_map(journey, workbook) == []
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(workbook)], capture_output=True, timeout=180, check=True)
    text = pdf_text(tmp_path / "long.pdf")
    flat = "".join(text.split())
    assert [w for card in journey.cards for w in card.text.split() if w not in flat] == []


def test_excel_shows_card_notes_as_comments_and_prints_with_header_footer_and_paper(example_map, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "map.xlsx"
    write_map(example_map, out, page_size="A3")
    sheet = load_workbook(out)["Journey map"]
    comments = [cell.comment.text for row in sheet.iter_rows() for cell in row if cell.comment]
    noted = [card for card in example_map.cards if card.note.strip()]
    assert noted and all(any(card.note.strip() in text for text in comments) for card in noted)
    assert sheet.page_setup.paperSize == 8  # A3, the same option as the PDF's
    assert example_map.metadata.title in sheet.oddHeader.center.text
    assert sheet.oddFooter.right.text == "page &P of &N"


def test_kpi_text_is_the_same_on_the_map_in_the_appendix_and_in_excel(example_map, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    churn = next(k for s in example_map.stages for k in s.kpis if not k.higher_is_better)
    pdf, xlsx = tmp_path / "map.pdf", tmp_path / "map.xlsx"
    write_map(example_map, pdf, appendix=True)
    write_map(example_map, xlsx)
    wanted = "7 % / \u2264 5 %"
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert any(wanted in page for page in pages[:-1]) and f"{churn.name}: {wanted}" in pages[-1]
    cells = [c.value for row in load_workbook(xlsx)["Journey map"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(churn.name in value and "\u2264 5" in value for value in cells)


def _edit_cell(path: Path, old: str, new: str) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    for row in workbook["Journey map"].iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and old in cell.value:
                cell.value = cell.value.replace(old, new)
    workbook.save(path)


def test_a_hand_edited_export_keeps_everything_the_sheet_does_not_show(example_map, tmp_path):
    from app.io.formats import read_map
    from app.model.diff import diff_contents

    out = tmp_path / "client.xlsx"
    write_map(example_map, out)
    card = next(c for c in example_map.cards if c.note and c.tags)
    _edit_cell(out, card.text, card.text + " today")
    result = read_map(out)
    assert "carried over from the hidden sheet" in result.report[0]
    assert any(line.startswith("edited: Card") and "now reads" in line for line in result.report)
    # The one edit is the only difference: notes, tags, evidence, kinds, KPI directions and ids survive.
    diff = diff_contents(example_map.content(), result.journey.content())
    assert len(diff.summary()) == 1 and "now reads" in diff.summary()[0]
    edited = next(c for c in result.journey.cards if c.id == card.id)
    assert (edited.text, edited.note, edited.tags) == (card.text + " today", card.note, card.tags)
    assert result.journey.snapshots == example_map.snapshots


def test_continuation_rows_of_an_edited_export_stay_in_their_lane(tmp_path):
    from app.io.formats import read_map

    journey = stress_maps.long_texts()
    out = tmp_path / "long.xlsx"
    write_map(journey, out)
    assert read_map(out).journey == journey  # untouched: exactly the map
    _edit_cell(out, "short card", "short edited card")
    edited = read_map(out).journey
    assert [lane.name for lane in edited.lanes] == [lane.name for lane in journey.lanes]
    flat = "".join(" ".join(card.text for card in edited.cards).split())
    assert [w for card in journey.cards for w in card.text.split() if w not in flat] == []
    # Each long card comes back whole, as one card with its notes and ids: the continuation rows are
    # joined to the cell they carry on ("(continued below)" ... "(continued) ").
    expected = [card.text.replace("short card", "short edited card") for card in journey.cards]
    assert sorted(card.text for card in edited.cards) == sorted(expected)
    long_ids = {card.id for card in journey.cards if len(card.text) > 1000}
    assert long_ids and long_ids <= {card.id for card in edited.cards}


def test_a_split_cell_says_where_it_continues_and_joins_back_exactly():
    from app.io.xlsx_export.card_markers import CONTINUED, CONTINUED_BELOW, join_continued
    from app.io.xlsx_export.overflow import split_cell

    text = "Opening words " + " ".join(f"word{i}" for i in range(900)) + "\n\nA last paragraph " + "z" * 300
    pieces = split_cell(text, 30.0)
    assert len(pieces) > 2
    assert all(piece.endswith(CONTINUED_BELOW) for piece in pieces[:-1])
    assert all(piece.startswith(CONTINUED) for piece in pieces[1:])
    whole = pieces[0]
    for piece in pieces[1:]:
        whole = join_continued(whole, piece)
    assert whole == text
    assert join_continued("a cell", CONTINUED + "more") is None  # not a continued pair


def test_poster_sheets_are_even_and_the_guide_stays_readable_for_a_long_map():
    from app.io.pdf.extras import guide_shapes
    from app.io.pdf.pages import minimum_sheets
    from app.layout.shapes import TextShape

    document = PdfDocument(stress_maps.wide(60, 4), pdf_options("A4", "landscape", "tile", 100))
    plan = document.plan
    widths = {round(s.window[2] - s.window[0], 1) for s in plan.sheets}
    assert len(widths) == 1  # every sheet shows as much of the map: no sliver at the end
    assert len(plan.sheets) <= 2 * minimum_sheets(plan)
    labels = [s for s in guide_shapes(plan, document.layout, "t", 2) if isinstance(s, TextShape) and
              s.text.startswith("R1 C")]
    assert len(labels) == plan.columns and min(label.size for label in labels) >= 6


def test_the_comparison_pdf_keeps_the_notes_right_after_the_map(tmp_path):
    from pypdf import PdfReader

    from app.io.pdf.compare import write_comparison_pdf
    from app.model.diff import diff_contents

    old = stress_maps.long_texts()
    new = old.model_copy(deep=True)
    new.cards[3].text = "short card edited"
    out = tmp_path / "changes.pdf"
    warnings = write_comparison_pdf(old.content(), new, diff_contents(old.content(), new.content()), out)
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert any("note 4 on page 2" in w for w in warnings)
    assert pages[1].startswith("Notes: text continued from the map") and "What changed" in pages[-1]
