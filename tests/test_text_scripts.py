"""Text from every corner of Unicode in the PDF: characters no font has stay in its text, invisible
characters (soft hyphens, bidi isolates, control characters) are neither drawn nor measured, a symbol font
draws what it has, typed direction overrides read as the canvas shows them."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.io.formats import write_map
from app.layout.fonts import char_width, is_invisible, text_width, wrap_text
from app.model import Card, JourneyMap, Lane, Metadata, Stage

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def one_card_map(*texts: str) -> JourneyMap:
    stage, lane = Stage(name="Only stage"), Lane(name="Only lane")
    return JourneyMap(metadata=Metadata(title="Scripts"), stages=[stage], lanes=[lane],
                      cards=[Card(stage_id=stage.id, lane_id=lane.id, text=text) for text in texts])


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@needs_pdftotext
def test_characters_no_font_has_stay_in_the_pdf_text(tmp_path):
    """Drawn as empty boxes, but copy, search and pdftotext still find them: every such character was coded
    as the one .notdef code, so a Korean or Thai card with no font installed read back as nothing."""
    word = "\U000f0041\U000f0042\U000f0043"  # private-use letters: no font anywhere draws them
    out = tmp_path / "boxes.pdf"
    warnings = write_map(one_card_map(f"before {word} after", f"{word[::-1]} again"), out)
    assert any("no glyph for" in w and "U+F0041" in w for w in warnings)  # still said
    text = pdf_text(out)
    assert f"before {word} after" in text and f"{word[::-1]} again" in text


@needs_pdftotext
def test_soft_hyphens_are_not_printed_inside_words(tmp_path):
    out = tmp_path / "shy.pdf"
    write_map(one_card_map("co\u00adop\u00aderation in\u00adter\u00adnational"), out)
    text = pdf_text(out)
    assert "cooperation international" in text and "\u00ad" not in text and "co-op" not in text


def test_invisible_characters_take_no_room_and_are_not_drawn():
    from app.painters.pdf_fonts import _split, register_fonts

    register_fonts()
    for text in ("a\u2067b\u2069c", "bell\x07 esc\x1b", "co\u00adop", "flag \U0001f3f4\U000e0067\U000e007f"):
        visible = "".join(c for c in text if not is_invisible(c))
        assert text_width(text, 10) == text_width(visible, 10)
        runs, missing = _split(text, False)
        assert "".join(part for _, part in runs) == visible and not set(missing) & set(text) - set(visible)


def test_a_typed_direction_override_reads_as_the_canvas_shows_it():
    from app.painters.pdf_text import visual_order

    assert visual_order("abc \u202eXYZ\u202c def").replace("\u202e", "").replace("\u202c", "") == "abc ZYX def"
    assert visual_order("abc \u2067XYZ\u2069 def") == "abc \u2067XYZ\u2069 def"  # an isolate of Latin stays
    assert visual_order("plain text") == "plain text"


def test_a_symbol_font_draws_every_character_it_has_not_only_emoji():
    """Mathematical letters, Fraktur, musical symbols: the canvas draws them with the symbol font Qt falls
    back to; the PDF used that font only for emoji, so '𝐌𝐚𝐭𝐡' was empty boxes unless its text had an emoji."""
    from app.painters.pdf_fonts import EMOJI, _split, emoji_font, fallback_font, register_fonts

    register_fonts()
    symbols = emoji_font()
    wanted = [c for c in "𝐌𝐚𝐭𝐡 𝔉𝔯 𝄞" if not c.isspace()]
    fallback = fallback_font()
    wanted = [c for c in wanted if fallback is None or ord(c) not in fallback[1]]
    if symbols is None or not all(ord(c) in symbols[1] for c in wanted):
        pytest.skip("no symbol font with these characters is installed")
    runs, missing = _split("𝐌𝐚𝐭𝐡 𝔉𝔯 𝄞", False)
    assert missing == ()
    assert {c for font, part in runs if font == EMOJI for c in part} == set(wanted)


visible_or_not = st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    "\u00ad\u200b\u200d\u2066\u2067\u2068\u2069\u202e\x07\x1b\U000e0067"), max_size=60)


@given(visible_or_not)
def test_a_text_is_as_wide_as_its_characters_and_invisible_ones_add_nothing(text):
    assert text_width(text, 10) == pytest.approx(sum(char_width(c, 10) for c in text))
    assert text_width(text, 10) == pytest.approx(text_width("".join(c for c in text if not is_invisible(c)), 10))


def _visible(text: str) -> list[str]:
    """The characters a reader sees, in order: no spaces, and a soft hyphen alike whether shown or not."""
    return [c for c in text.replace("\u00ad", "-") if not c.isspace()]


@given(visible_or_not)
def test_wrapping_keeps_every_visible_character_in_order(text):
    lines = wrap_text(text, 40.0, 10)
    assert _visible("".join(lines)) == _visible(text)


_PIECES = ("a", "W", "क", "ष", "ก", "お", "\U0001f468", "\U0001f469", "\U0001f1e9", "\U0001f1ea", "/", ".", "-",
           "\u00ad", "、", "。", "\u0301", "\u0323", "\u094d", "\u093f", "\u0e31", "\u0e48", "\u200d", "\ufe0f",
           "\U0001f3fd")
words = st.text(alphabet=st.sampled_from(_PIECES) | st.characters(
    blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=80)
"""Words of letters and the marks that belong to them (accents, Indic and Thai vowel signs, viramas, joiners,
skin tones, flag halves), URL punctuation, soft hyphens and Japanese punctuation, among any other letters."""


@given(words, st.floats(min_value=8.0, max_value=80.0))
@example("ग्राहकऑर्डरकीपुष्टिकाइंतज़ार", 40.0)
@example("ลูกค้ารอการยืนยันคำสั่งซื้อทางอีเมล", 40.0)
@example("\U0001f468\u200d\U0001f469\u200d\U0001f467" * 4, 25.0)
def test_a_long_word_is_split_between_whole_characters(word, width):
    """A line never starts with a bare accent, a Thai vowel mark, the second half of a Hindi conjunct or of a
    ZWJ emoji, or a skin tone: it was cut between code points, which printed garbled letters."""
    from app.layout.fonts import clusters

    lines = wrap_text(word, width, 10)
    assert _visible("".join(lines)) == _visible(word)
    restored = [part.replace("\u00ad", "-") for line in lines for part in clusters(line)]
    assert restored == [part.replace("\u00ad", "-") for part in clusters(word)]
    assert all(text_width(line, 10) <= width + 1e-9 or len(clusters(line)) == 1 for line in lines)


def test_long_words_break_where_a_reader_expects():
    url = "https://example.com/" + "/".join(f"segment{i}-with-some-path" for i in range(4))
    lines = wrap_text(url, 120, 10)
    assert "".join(lines) == url and all(line[-1] in "/-" for line in lines[:-1])
    assert wrap_text("in\u00adter\u00adna\u00adtion\u00adal", 40, 10)[0].endswith("-")  # shown where it breaks
    japanese = wrap_text("お客様は注文の確認メールを待っていますが、システムから通知が届かないため。", 60, 10)
    assert not any(line[0] in "、。" for line in japanese)
    hindi = wrap_text("ग्राहकऑर्डरकीपुष्टिकाइंतज़ारकररहाहै", 40, 10)
    assert "".join(hindi) == "ग्राहकऑर्डरकीपुष्टिकाइंतज़ारकररहाहै"
    assert not any(unicodedata.category(line[0]).startswith("M") or line[0] == "\u094d" for line in hindi)
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert set(wrap_text(family * 6, 25, 10)) == {family}


def test_control_characters_are_not_drawn_as_boxes_on_the_canvas_or_in_images(qapp):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    from app.layout.shapes import TextShape
    from app.painters.qt_painter import paint_shapes

    def drawn(text: str) -> bytes:
        image = QImage(200, 30, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        paint_shapes(painter, [TextShape(5, 20, text, 12)])
        painter.end()
        return bytes(image.constBits())

    assert drawn("bell\x07 esc\x1b end\x7f") == drawn("bell esc end")
    assert drawn("bell esc end") != drawn("")


def test_a_hindi_card_exported_as_an_image_prints_no_qt_font_chatter(tmp_path):
    """Qt wrote 'OpenType support missing for "DejaVu Sans", script 11' once per installed font and line:
    hundreds of lines on stderr around the one warning that matters."""
    from app.io.journey.file import save_journey
    from tests.hostile import run_cli

    source = tmp_path / "hindi.journey"
    save_journey(one_card_map("ग्राहक ऑर्डर की पुष्टि का इंतज़ार कर रहा है"), source)
    outcome = run_cli("convert", source, tmp_path / "hindi.png")
    assert outcome.code == 0, outcome.stderr
    assert "qt.text.font" not in outcome.stderr and len(outcome.stderr.splitlines()) <= 2, outcome.stderr


@pytest.mark.parametrize("suffix", ["pdf", "png", "svg"])
def test_the_no_glyph_warning_says_where_the_characters_are(tmp_path, suffix, qapp):
    journey = one_card_map("plain words", "Order \U000f0041 here")
    journey.stages[0].name, journey.lanes[0].name = "Decide", "Actions"
    journey.lanes[0].name = "Actions \U000f0041"
    warnings = write_map(journey, tmp_path / f"boxes.{suffix}", scale=20)
    warning = next(w for w in warnings if "no glyph for" in w)
    assert "in lane 'Actions \U000f0041', card 'Order \U000f0041 here' (Decide / Actions \U000f0041))" in warning
    assert "plain words" not in warning


def test_a_name_broken_at_its_soft_hyphens_is_whole_not_cut():
    from app.check import check_map
    from app.layout import compute_layout

    journey = one_card_map("card")
    journey.stages[0].name = "Kunden\u00adzufriedenheits\u00admessungs\u00adprogramm\u00adauswertung"
    lines = compute_layout(journey).stage_headers[0].name.lines
    assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1])
    assert [f.message for f in check_map(journey) if f.code == "text-cut"] == []


def test_every_line_of_a_paragraph_reads_in_the_paragraph_s_direction():
    """A wrapped English paragraph whose second line starts with an Arabic word: the painters took that
    line's direction from its first letter and set it right to left, 'the' drawn before the price."""
    from app.check import is_cut
    from app.painters.pdf_text import visual_order

    english = "Order 12345 paid بسعر 99 via the shop"
    lines = wrap_text(english, 100, 10)
    assert len(lines) == 3 and "بسعر" in lines[1]
    assert visual_order(lines[1]).rstrip().endswith("via the")  # read left to right, as its paragraph
    hebrew = "הלקוח מחכה לאישור ההזמנה via the shop website today."
    lines = wrap_text(hebrew, 80, 10)
    assert lines[-1].strip("\u200f") == "website today."
    assert visual_order(lines[-1]).strip("\u200f").startswith(".")  # the full stop at the left end
    assert not is_cut(wrap_text(english, 100, 10), english) and not is_cut(lines, hebrew)


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_text_the_bundled_font_lacks_stays_inside_its_room_on_the_canvas(qapp, align):
    """Qt draws what DejaVu lacks with a fallback font or as empty boxes; a Hindi line's boxes took 264 px of
    the 153 the layout gave it and ran into the next column. Now squeezed to its room, as in the PDF."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    from app.layout.shapes import TextShape
    from app.painters.qt_painter import paint_shapes

    for text in ("ग्राहक ऑर्डर की पुष्टि", "ลูกค้ารอการยืนยัน", "𝐌𝐚𝐭𝐡 𝔉𝔯𝔞𝔨", "고객은 주문", "客户在结账", "plain words"):
        image = QImage(700, 40, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        paint_shapes(painter, [TextShape(350, 25, text, 12, align=align)])
        painter.end()
        inked = [x for x in range(700) if any(image.pixelColor(x, y).lightness() < 200 for y in range(40))]
        width = text_width(text, 12)
        left = {"left": 350, "center": 350 - width / 2, "right": 350 - width}[align]
        assert inked and left - 1 <= min(inked) and max(inked) <= left + width + 1, (text, min(inked), max(inked))


BREAKS = "one\rtwo\x0bthree\x0cfour\u2028five\r\nsix\nseven"
"""A lone CR (old Mac text), a vertical tab (Word's Shift+Enter), a form feed, a Unicode line separator."""


def test_every_kind_of_line_break_starts_a_line_on_the_canvas_and_in_the_pdf():
    assert wrap_text(BREAKS, 200, 10) == ("one", "two", "three", "four", "five", "six", "seven")


def test_every_kind_of_line_break_keeps_the_words_apart_in_excel_and_powerpoint(tmp_path):
    """Excel cannot hold a lone CR or a vertical tab: they were dropped and 'two' ran into 'three'."""
    from openpyxl import load_workbook
    from pptx import Presentation

    journey = one_card_map(BREAKS)
    assert not [w for w in write_map(journey, tmp_path / "breaks.xlsx") if "control character" in w]
    cells = [c.value for row in load_workbook(tmp_path / "breaks.xlsx")["Journey map"].iter_rows() for c in row
             if isinstance(c.value, str) and "one" in c.value]
    assert cells and cells[0].split() == ["one", "two", "three", "four", "five", "six", "seven"]
    assert not [w for w in write_map(journey, tmp_path / "breaks.pptx") if "control character" in w]
    frames = [shape.text_frame.text for slide in Presentation(tmp_path / "breaks.pptx").slides
              for shape in slide.shapes if shape.has_text_frame and "seven" in shape.text_frame.text]
    assert frames and all(frame.split() == ["one", "two", "three", "four", "five", "six", "seven"]
                          for frame in frames)


def test_a_persona_s_long_goals_are_whole_on_the_persona_sheet(tmp_path):
    """Three goals of 20,000 characters joined in one cell were cut at Excel's 32,767: the third goal lost."""
    from openpyxl import load_workbook

    from app.model import Persona

    goals = [f"goal{n} " + " ".join(f"w{n}x{i}" for i in range(3000)) for n in range(3)]
    goals = [goal[:20_000] for goal in goals]
    journey = one_card_map("card")
    journey.personas = [Persona(name="Dana", goals=goals, frustrations=["slow"])]
    warnings = write_map(journey, tmp_path / "goals.xlsx")
    assert not [w for w in warnings if "cut" in w]
    sheet = load_workbook(tmp_path / "goals.xlsx")["Persona"]
    rows = [(sheet.cell(row=r, column=1).value, sheet.cell(row=r, column=2).value) for r in range(1, sheet.max_row + 1)]
    shown = [line for label, value in rows if label == "Goals" and value for line in value.split("\n")]
    assert shown == goals
    assert ("Frustrations", "slow") in rows and ("Name", "Dana") in rows


def test_hebrew_and_arabic_paragraphs_read_right_to_left_in_powerpoint(tmp_path):
    """Without rtl="1" PowerPoint lays a Hebrew or Arabic paragraph out left to right, flush left: a mixed
    line's words in the wrong order. The canvas and the PDF set such cards flush right."""
    from pptx import Presentation

    from tests import stress_maps

    journey = stress_maps.scripts()
    write_map(journey, tmp_path / "scripts.pptx")
    paragraphs = [p for slide in Presentation(tmp_path / "scripts.pptx").slides for shape in slide.shapes
                  if shape.has_text_frame for p in shape.text_frame.paragraphs if p.text.strip()]
    for key in ("arabic", "hebrew"):
        found = [p for p in paragraphs if p.text == stress_maps.SCRIPTS[key]]
        assert found and all(p._p.pPr.get("rtl") == "1" and p._p.pPr.get("algn") == "r" for p in found), key
    latin = [p for p in paragraphs if p.text == stress_maps.SCRIPTS["greek"]]
    assert latin and all(p._p.pPr.get("rtl") is None for p in latin)


def test_a_character_the_first_fallback_font_lacks_is_drawn_by_the_next(monkeypatch):
    """Only the first fallback font found was used: with a Chinese font first (Microsoft YaHei, Droid Sans
    Fallback) Korean printed as boxes though a Korean font was installed. Here: a CJK font, then a math font."""
    from pathlib import Path

    from app.painters import pdf_fonts

    cjk = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
    math = Path("/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf")
    if not (cjk.is_file() and math.is_file()):
        pytest.skip("needs Droid Sans Fallback and DejaVu Math TeX Gyre (fonts-droid-fallback, fonts-dejavu-extra)")
    pdf_fonts.register_fonts()
    monkeypatch.setenv(pdf_fonts.FALLBACK_ENV, f"{cjk}{os.pathsep}{math}")
    monkeypatch.setenv(pdf_fonts.EMOJI_ENV, "")
    monkeypatch.setattr(pdf_fonts, "_CHAIN", [])
    monkeypatch.setattr(pdf_fonts, "_PATHS", [])
    for cached in (pdf_fonts.emoji_font, pdf_fonts._split, pdf_fonts._runs):
        cached.cache_clear()
    try:
        runs, missing = pdf_fonts._split("客户 𝐌𝐚𝐭𝐡", False)
    finally:
        for cached in (pdf_fonts.emoji_font, pdf_fonts._split, pdf_fonts._runs):
            cached.cache_clear()
    fonts = {part: font for font, part in runs}
    assert missing == ()
    assert "DroidSansFallbackFull" in fonts["客户"] and "DejaVuMathTeXGyre" in fonts["𝐌𝐚𝐭𝐡"]
