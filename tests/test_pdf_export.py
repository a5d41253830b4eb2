"""PDF export: text, fonts, page setup, tiling, fallback fonts, metadata, extras, atomicity, rendering."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.io.errors import JourneyFileError
from app.io.formats import write_map
from app.io.pdf.pages import MM, PAGE_SIZES
from app.model.journey import Card, JourneyMap, Lane, Metadata, Stage
from tests.conftest import PROJECT_ROOT


def squash(text: str) -> str:
    return " ".join(text.split())


def all_text(path: Path) -> str:
    return squash(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def small_map(texts: list[str], title: str = "Small map") -> JourneyMap:
    stage = Stage(name="Only stage")
    lane = Lane(name="Only lane")
    return JourneyMap(metadata=Metadata(title=title), stages=[stage], lanes=[lane],
                      cards=[Card(stage_id=stage.id, lane_id=lane.id, text=t) for t in texts])


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> Path:
    from app.io.journey.file import load_journey
    from tests.conftest import EXAMPLE_MAP

    out = tmp_path_factory.mktemp("pdf") / "example.pdf"
    write_map(load_journey(EXAMPLE_MAP), out)
    return out


def test_every_card_text_is_in_the_extracted_text(example_map, example_pdf):
    text = all_text(example_pdf)
    for card in example_map.cards:
        assert squash(card.text) in text, card.text
    for stage in example_map.stages:
        assert stage.name in text
    for lane in example_map.lanes:
        assert lane.name in text


def test_reading_order_puts_headers_first_then_lanes_top_to_bottom(example_map, example_pdf):
    text = all_text(example_pdf)
    stage_positions = [text.index(stage.name) for stage in example_map.stages]
    assert stage_positions == sorted(stage_positions)
    lane_positions = [text.index(lane.name) for lane in example_map.lanes]
    assert lane_positions == sorted(lane_positions)
    assert max(stage_positions) < min(lane_positions)
    # Each lane's cards come after its header and before the next lane's header.
    first_lane, second_lane = example_map.lanes[0], example_map.lanes[1]
    card = next(c for c in example_map.cards if c.lane_id == first_lane.id)
    assert text.index(first_lane.name) < text.index(squash(card.text)) < text.index(second_lane.name)


def test_tiles_repeat_lane_headers_even_when_stage_headers_are_too_tall(tmp_path):
    from app.model.journey import Kpi

    stages = [Stage(name=f"Stage {i}") for i in range(8)]
    stages[0].kpis = [Kpi(name=f"Measure number {k}", value=k, target=k + 1) for k in range(10)]
    lanes = [Lane(name=f"Lane {i}") for i in range(6)]
    cards = [Card(stage_id=s.id, lane_id=lane.id, text=f"{s.name} / {lane.name}") for s in stages for lane in lanes]
    journey = JourneyMap(metadata=Metadata(title="Tall headers"), stages=stages, lanes=lanes, cards=cards)
    out = tmp_path / "tall.pdf"
    write_map(journey, out, fit="tile", scale=150)
    pages = [page.extract_text() or "" for page in PdfReader(out).pages]
    lower = [text for text in pages if re.search(r"row [2-9] / column [2-9]", text)]
    assert lower
    for text in lower:
        assert "Measure number" not in text  # the tall stage header row is not repeated
        assert re.search(r"Lane \d\n", text)  # the lane header column is


def test_fonts_are_embedded_subsets(example_pdf):
    reader = PdfReader(example_pdf)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert re.match(r"/[A-Z]{6}\+DejaVuSans", font["/BaseFont"])


@pytest.mark.parametrize("size", list(PAGE_SIZES))
def test_page_size_and_orientation(example_map, tmp_path, size):
    short, long = sorted(PAGE_SIZES[size])
    for orientation, expected in (("landscape", (long, short)), ("portrait", (short, long))):
        out = tmp_path / f"{size}-{orientation}.pdf"
        write_map(example_map, out, page_size=size.lower(), orientation=orientation)
        box = PdfReader(out).pages[0].mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(expected, abs=0.5)


def test_page_mode_is_one_page_and_tile_mode_a_grid_in_reading_order(example_map, tmp_path):
    page = tmp_path / "page.pdf"
    write_map(example_map, page, fit="page", page_size="A3")  # on A4 its card text would be under 6 pt
    assert len(PdfReader(page).pages) == 1

    tiled = tmp_path / "tiled.pdf"
    write_map(example_map, tiled, fit="tile", scale=100, page_size="A4", orientation="landscape")
    pages = PdfReader(tiled).pages
    # The example map is 1070 pt wide; an A4 landscape sheet holds 785 pt of it, so 2 columns.
    labels = [re.search(r"row (\d+) / column (\d+)", page.extract_text() or "") for page in pages[1:]]
    cells = [(int(m.group(1)), int(m.group(2))) for m in labels if m]
    assert len(cells) == len(pages) - 1  # page 1 is the assembly guide
    rows, columns = max(r for r, _ in cells), max(c for _, c in cells)
    assert columns == 2 and rows >= 2
    assert cells == [(r, c) for r in range(1, rows + 1) for c in range(1, columns + 1)]
    assert "Assembly guide" in (pages[0].extract_text() or "")
    # Every card can be read somewhere on the wall.
    text = all_text(tiled)
    for card in example_map.cards:
        assert squash(card.text) in text or all(word in text for word in card.text.split())

    # The outline sends each stage to the sheet where its header starts.
    reader = PdfReader(tiled)
    entries = {item.title: reader.get_destination_page_number(item)
               for group in reader.outline if isinstance(group, list) for item in group}
    for index, stage in enumerate(example_map.stages, start=1):
        page_text = reader.pages[entries[f"{index}. {stage.name}"]].extract_text() or ""
        assert stage.name in page_text and "row 1 / column" in page_text

    small = tmp_path / "small.pdf"
    write_map(example_map, small, fit="tile", scale=20)
    assert len(PdfReader(small).pages) == 1
    big = tmp_path / "big.pdf"
    write_map(example_map, big, fit="tile", scale=200)
    assert len(PdfReader(big).pages) > len(pages)


def test_tiles_name_their_stages_in_the_margin_on_lower_rows(example_map, tmp_path):
    out = tmp_path / "tiled.pdf"
    write_map(example_map, out, fit="tile", scale=150, orientation="portrait")
    pages = PdfReader(out).pages
    lower = [p.extract_text() or "" for p in pages[1:] if re.search(r"row [2-9] / column 1\b", p.extract_text() or "")]
    assert lower
    first_stage = example_map.stages[0]
    for text in lower:  # the stage names come back in the top margin, not as a repeated header band
        assert first_stage.name in text and first_stage.description not in text


def test_greek_and_cyrillic_round_trip(tmp_path):
    texts = ["Καλημέρα κόσμε, ψυχή", "Привет, мир! Щука и ёж"]
    out = tmp_path / "scripts.pdf"
    assert write_map(small_map(texts), out) == []
    text = all_text(out)
    for expected in texts:
        assert expected in text


def test_chinese_and_japanese_use_the_fallback_font(tmp_path):
    from app.painters.pdf_fonts import fallback_font

    if fallback_font() is None:
        pytest.skip("no CJK fallback font on this system")
    texts = ["你好世界，旅程地图", "こんにちは、カスタマージャーニー", "Mixed 中文 and Latin"]
    out = tmp_path / "cjk.pdf"
    assert write_map(small_map(texts), out) == []
    text = all_text(out)
    for expected in texts:
        assert squash(expected).replace(" ", "") in text.replace(" ", "")
    fonts = {str(ref.get_object()["/BaseFont"]) for ref in PdfReader(out).pages[0]["/Resources"]["/Font"].values()}
    assert any("JourneyCanvasFallback" in name or "Droid" in name for name in fonts) or len(fonts) > 2


def test_a_character_no_font_has_is_reported(tmp_path):
    """A private-use character of plane 16: no font draws it (the G clef 𝄞 used here before is drawn once
    a symbol font such as Symbola is installed, which the PDF now uses for every character it has)."""
    out = tmp_path / "private.pdf"
    warnings = write_map(small_map(["Music \U0010fffd here"]), out)
    assert any("no glyph for" in w and "U+10FFFD" in w for w in warnings)
    assert "Music" in all_text(out)


def test_cli_prints_missing_glyph_warnings_and_rejects_bad_options(tmp_path, capsys):
    from app.cli import main
    from app.io.journey.file import write_journey_file

    source = tmp_path / "clef.journey"
    write_journey_file(small_map(["\U0010fffd private"]), source)
    assert main(["convert", str(source), str(tmp_path / "out.pdf")]) == 0
    assert "warning: no glyph for: \U0010fffd (U+10FFFD)" in capsys.readouterr().err

    assert main(["convert", str(source), str(tmp_path / "bad.pdf"), "--page-size", "B5"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "unknown page size 'B5'" in err and "A4, A3" in err and "Tabloid" in err
    assert not (tmp_path / "bad.pdf").exists()
    assert main(["convert", str(source), str(tmp_path / "bad.pdf"), "--margin", "200"]) == 1
    assert "margin" in capsys.readouterr().err


def test_metadata_and_outline(example_map, example_pdf):
    reader = PdfReader(example_pdf)
    meta = reader.metadata
    assert meta.title == example_map.metadata.title
    assert meta.author == example_map.metadata.author
    assert meta.creator == "Journey Canvas"
    assert "journey map" in meta.subject.lower()

    def titles(items) -> list[str]:
        found = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    outline = titles(reader.outline)
    for index, stage in enumerate(example_map.stages, start=1):
        assert f"{index}. {stage.name}" in outline
    assert f"page 1 of {len(reader.pages)}" in (reader.pages[0].extract_text() or "")


def test_cover_and_appendix_add_pages(example_map, tmp_path):
    out = tmp_path / "full.pdf"
    write_map(example_map, out, cover=True, appendix=True)
    pages = PdfReader(out).pages
    assert len(pages) >= 3
    cover = squash(pages[0].extract_text() or "")
    assert example_map.metadata.title in cover and example_map.persona.name in cover
    appendix = squash(" ".join(p.extract_text() or "" for p in pages[2:]))
    assert "Appendix" in appendix
    noted = [c for c in example_map.cards if c.note.strip()]
    assert noted and squash(noted[0].note) in appendix
    kpis = [k for s in example_map.stages for k in s.kpis]
    assert not kpis or kpis[0].name in appendix


def test_cover_shows_the_persona_photo(example_map, tmp_path):
    from app.model.journey import Photo

    png = (PROJECT_ROOT / "tests" / "data" / "persona.png").read_bytes() if (
        PROJECT_ROOT / "tests" / "data" / "persona.png").exists() else _tiny_png()
    import base64

    example_map.persona.photo = Photo(mime_type="image/png", data=base64.b64encode(png).decode())
    out = tmp_path / "cover.pdf"
    assert write_map(example_map, out, cover=True, page_size="A3") == []
    images = list(PdfReader(out).pages[0].images)
    assert len(images) == 1


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes([200, 80, 40]) * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_a_failed_export_leaves_the_existing_file_alone(example_map, tmp_path, monkeypatch):
    from app.io.pdf import export as pdf_export

    out = tmp_path / "keep.pdf"
    out.write_bytes(b"%PDF-1.4 the old file")
    with pytest.raises(JourneyFileError, match="unknown page size"):
        write_map(example_map, out, page_size="B5")

    def broken(self, sheet):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pdf_export.PdfDocument, "_draw_sheet", broken)
    with pytest.raises(RuntimeError):
        write_map(example_map, out)
    assert out.read_bytes() == b"%PDF-1.4 the old file"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]


def test_progress_is_reported_per_page(example_map, tmp_path):
    from app.io.pdf.export import write_pdf

    calls = []
    write_pdf(example_map, tmp_path / "p.pdf", fit="tile", cover=True, progress=lambda d, t: calls.append((d, t)))
    total = len(PdfReader(tmp_path / "p.pdf").pages)
    assert calls == [(i, total) for i in range(1, total + 1)]


def test_long_texts_and_full_cells_stay_inside_their_cards(monkeypatch, tmp_path):
    """Every text line the painter writes for a card lies inside that card's rectangle."""
    from app.io.pdf.export import PdfDocument
    from app.io.pdf.pages import pdf_options
    from app.layout.fonts import ASCENT, DESCENT
    from app.layout.painting import card_shapes
    from app.layout.shapes import TextShape
    from app.painters import pdf_painter
    from app.painters.pdf_fonts import FontSplitter

    long_text = ("A very long card text that goes on and on about the customer's experience " * 30).strip()
    texts = [long_text, "W" * 300, "汉字" * 80 + " mixed 中文 text",
             *[f"Card number {i} in a full cell" for i in range(12)]]
    journey = small_map(texts)
    painted: list[TextShape] = []
    original = pdf_painter.PdfPainter.paint_text

    def recording(self, shapes):
        painted.extend(shapes)
        return original(self, shapes)

    monkeypatch.setattr(pdf_painter.PdfPainter, "paint_text", recording)
    document = PdfDocument(journey, pdf_options(fit="tile", scale=100, page_size="A3", orientation="portrait"))
    document.write(tmp_path / "full.pdf")
    splitter = FontSplitter()
    drawn = set(painted)
    for card in document.layout.cards.values():
        rect = card.rect
        for shape in card_shapes(card):
            if not isinstance(shape, TextShape):
                continue
            assert shape in drawn
            runs = splitter.runs(shape.text, shape.size, shape.bold)
            width = sum(min(run.width, run.actual) for run in runs)
            left = shape.x - (width / 2 if shape.align == "center" else width if shape.align == "right" else 0)
            assert rect.x <= left and left + width <= rect.right + 0.01, shape.text
            assert rect.y <= shape.y - ASCENT * shape.size and shape.y + DESCENT * shape.size <= rect.bottom
    text = all_text(tmp_path / "full.pdf")
    for i in range(12):
        assert f"Card number {i} in a full cell" in text


def test_the_command_line_does_not_load_qt_for_pdf(tmp_path, example_path):
    out = tmp_path / "cli.pdf"
    code = ("import sys; from app.cli import main; "
            f"rc = main(['convert', {str(example_path)!r}, {str(out)!r}, '--fit', 'tile']); "
            "assert rc == 0; assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PROJECT_ROOT, capture_output=True)
    assert out.read_bytes().startswith(b"%PDF")


def _render(pdf: Path, page: int, dpi: int) -> tuple[int, int, bytes]:
    """pdftoppm a page to raw RGB: (width, height, pixels)."""
    result = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf)],
                            capture_output=True, check=True)
    data = result.stdout
    header = data.split(b"\n", 3)
    assert header[0] == b"P6"
    width, height = map(int, header[1].split())
    return width, height, header[3]


def test_pages_render_with_the_map_colours(example_map, example_pdf, artifacts_dir):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from app.io.pdf.pages import pdf_options, plan_map
    from app.layout import compute_layout
    from app.layout.theme import PRINT_CARD_MAX_LINES

    dpi = 72
    layout = compute_layout(example_map.content(), PRINT_CARD_MAX_LINES)
    plan = plan_map(pdf_options(), layout.width, layout.height, layout.header_height, layout.lane_header_width,
                    [c.x for c in layout.columns], [r.y for r in layout.rows])
    # On A4 the example is two spreads of lanes (one page would print 5.3 pt text): look at the one with
    # the pain points.
    pain_lane = next(lane for lane in example_map.lanes if lane.kind == "pain_points")
    card = layout.cards[next(c.id for c in example_map.cards if c.lane_id == pain_lane.id)]
    number, sheet = next((i, s) for i, s in enumerate(plan.sheets, start=1) if s.window[1] <= card.rect.y < s.window[3])
    width, height, pixels = _render(example_pdf, number, dpi)
    assert abs(width - 842) <= 1 and abs(height - 595) <= 1

    def pixel(x: float, y: float) -> tuple[int, int, int]:
        px, py = sheet.to_page(x, y, plan.scale)
        offset = (int(py) * width + int(px)) * 3
        return pixels[offset], pixels[offset + 1], pixels[offset + 2]

    header = pixel(layout.columns[0].x + 100, sheet.window[1] - 4)  # the stage headers, repeated
    assert sum(header) < 3 * 90  # dark stage header
    r, g, b = pixel(card.rect.x + 30, card.rect.bottom - 3)
    assert r > b + 20  # pain points are red-ish
    assert pixel(layout.width - 5, sheet.window[3] - 5) >= (240, 240, 240)  # the map's background
    corner = pixels[(5 * width + 5) * 3:(5 * width + 5) * 3 + 3]
    assert tuple(corner) == (255, 255, 255)  # the page margin is blank
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(example_pdf),
                    str(artifacts_dir / "example-map-pdf")], check=True)


def test_tiles_render_with_marks_in_the_margins(example_map, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    out = tmp_path / "tiled.pdf"
    write_map(example_map, out, fit="tile", margin=10)
    width, height, pixels = _render(out, 2, 72)  # row 1 / column 1
    margin = round(10 * MM)
    dark_in_top_margin = sum(1 for x in range(width) for y in range(2, margin - 2)
                             if sum(pixels[(y * width + x) * 3:(y * width + x) * 3 + 3]) < 300)
    assert dark_in_top_margin > 10  # crop marks and registration targets


def test_a_lane_group_name_cut_to_its_band_is_given_in_a_note(tmp_path):
    """A group's upright name was cut with "…" to its band's height with no note, no warning, no check."""
    from app.check import check_map
    from app.model.journey import LaneGroup

    journey = small_map(["Calls the hotline"])
    group = LaneGroup(name="Customer support and operations backstage team of the regional office")
    journey.lane_groups = [group]
    journey.lanes[0].group_id = group.id
    out = tmp_path / "group.pdf"
    warnings = write_map(journey, out)
    assert any("lane group name 'Customer support" in w and "given in full in note 1 on page 2" in w
               for w in warnings), warnings
    pages = [squash(page.extract_text() or "") for page in PdfReader(out).pages]
    assert "\u2026 [1]" in pages[0]
    assert group.name in pages[1]
    assert any(f.code == "text-cut" and "lane group name" in f.message for f in check_map(journey))


def test_a_margin_too_wide_for_the_paper_is_one_line_in_good_english(tmp_path):
    with pytest.raises(JourneyFileError, match="margin 200 mm does not leave room on an A4 page"):
        write_map(small_map(["x"]), tmp_path / "m.pdf", margin=200)
    with pytest.raises(JourneyFileError, match="margin 150 mm does not leave room on a Letter page"):
        write_map(small_map(["x"]), tmp_path / "m.pdf", margin=150, page_size="Letter")


def test_a_long_title_is_set_smaller_or_on_two_lines_and_a_longer_one_is_noted_in_full(tmp_path):
    phrase = "how a family of four moves from its old provider to a new one after a third bill too high"
    for repeats, noted in ((1, False), (2, False), (5, True)):
        journey = JourneyMap(metadata=Metadata(title=" and ".join([phrase] * repeats)),
                             stages=[Stage(name="Awareness")], lanes=[Lane(name="Actions")])
        out = tmp_path / f"title{repeats}.pdf"
        warnings = write_map(journey, out)
        pages = [squash(page.extract_text() or "") for page in PdfReader(out).pages]
        title = journey.metadata.title
        if not noted:
            assert title in pages[0], repeats  # whole on the map's page
            assert not any("map title" in warning for warning in warnings)
            continue
        assert "\u2026 [1]" in pages[0] and title not in pages[0]
        assert any(title in page for page in pages[1:])  # the notes page gives it in full
        assert any("map title" in warning and "note 1" in warning for warning in warnings)
