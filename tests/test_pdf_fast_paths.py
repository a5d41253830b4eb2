"""The shortcuts of the PDF export give what the slow ways give: cached font faces, ASCII text, moved card boxes,
and a command line that ends its process without tearing it down."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.layout.fonts import BOLD_FONT, REGULAR_FONT
from tests.conftest import PROJECT_ROOT


def _face_state(face) -> dict:
    """Every attribute of the face but its scale function; what a cached face reads on demand, read."""
    for key in getattr(face, "_on_demand", {}).copy():
        getattr(face, key)
    return {key: value for key, value in vars(face).items() if key not in ("_pdfScale", "_on_demand")}


@pytest.mark.parametrize("path", [REGULAR_FONT, BOLD_FONT])
def test_cached_font_faces_equal_freshly_parsed_ones(path, tmp_path, monkeypatch):
    """resources/fonts/faces.bin must be rewritten (python -m app.painters.font_metrics) when a font or reportlab
    changes; until then the fonts are parsed, as this test shows by comparing."""
    from reportlab import Version

    from app.painters import font_faces

    font_faces._cache_file.cache_clear()
    committed = font_faces._cache_file()
    assert committed is not None, "resources/fonts/faces.bin is missing or unreadable"
    if committed["reportlab"] != Version:  # a newer reportlab installed: the committed cache is (rightly) not
        # used; the mechanism must still give what a parse gives, so check a cache written by this version
        monkeypatch.setattr(font_faces, "FACES_CACHE", tmp_path / "faces.bin")
        font_faces.write_faces_cache()
    cached = font_faces._cached_face(path, path.read_bytes())
    assert cached is not None, "faces.bin is stale: run python -m app.painters.font_metrics"
    parsed = font_faces.parse_face(path)
    assert "glyphToChar" not in vars(cached)  # read only when used (reportlab uses it only while parsing)
    assert _face_state(cached) == _face_state(parsed)
    assert cached.name.ustr == parsed.name.ustr
    assert [cached._pdfScale(v) for v in (0, 1, 1229, 2048)] == [parsed._pdfScale(v) for v in (0, 1, 1229, 2048)]


def test_a_cache_that_does_not_match_the_font_is_not_used(tmp_path, monkeypatch):
    from app.painters import font_faces

    changed = tmp_path / REGULAR_FONT.name
    changed.write_bytes(REGULAR_FONT.read_bytes())
    font_faces._cache_file.cache_clear()
    assert font_faces._cached_face(changed, changed.read_bytes()) is not None
    changed.write_bytes(REGULAR_FONT.read_bytes()[:-4] + b"\0\0\0\1")  # same size, another checksum
    assert font_faces._cached_face(changed, changed.read_bytes()) is None
    assert font_faces.load_face(changed).numGlyphs == font_faces.parse_face(REGULAR_FONT).numGlyphs
    monkeypatch.setattr(font_faces, "FACES_CACHE", tmp_path / "broken.bin")
    (tmp_path / "broken.bin").write_bytes(b"not a cache")
    font_faces._cache_file.cache_clear()
    try:
        assert font_faces._cached_face(REGULAR_FONT, REGULAR_FONT.read_bytes()) is None
        assert font_faces.load_face(REGULAR_FONT).numGlyphs > 1000
    finally:
        font_faces._cache_file.cache_clear()


def test_printable_ascii_is_written_as_reportlab_would_split_it(tmp_path):
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfgen.canvas import Canvas

    from app.painters.pdf_fonts import BOLD, REGULAR, register_fonts
    from app.painters.pdf_painter import PdfPainter

    register_fonts()
    canvas = Canvas(str(tmp_path / "x.pdf"), initialFontName=REGULAR)
    painter = PdfPainter(canvas)
    for name in (REGULAR, BOLD):
        font = getFont(name)
        font.splitString("caf\u00e9 \u4e2d", canvas._doc)  # other characters first: ASCII keeps its codes
        assert painter._plain_ascii(name, font)
        for text in ("Customer pays (S1/L2) \\ 100 % ~", " ", "".join(map(chr, range(32, 127)))):
            assert font.splitString(text, canvas._doc) == [(0, text.encode("ascii"))]


def test_moved_card_boxes_equal_boxes_built_with_the_moved_fields():
    from app.layout.engine import _moved, cell_stack, translate_card
    from app.model import Card, Channel, Lane, LaneKind, Stage

    stage, lane = Stage(name="S"), Lane(name="Touchpoints", kind=LaneKind.TOUCHPOINTS)
    cards = [Card(stage_id=stage.id, lane_id=lane.id, text="Calls the hotline", channel=Channel.PHONE),
             Card(stage_id=stage.id, lane_id=lane.id, text="Reads the FAQ")]
    for box in cell_stack(cards, lane).boxes:
        moved = translate_card(box, 12.5, 40.0)
        assert moved == type(box)(**{**box._asdict(), "rect": box.rect.translated(12.5, 40.0),
                                     "text": _moved(box.text, 12.5, 40.0),
                                     "channel_label": _moved(box.channel_label, 12.5, 40.0)})
        assert moved.text.x == box.text.x + 12.5 and moved.rect.y == box.rect.y + 40.0


def test_map_layout_places_each_card_where_moving_its_card_local_box_puts_it(example_map):
    """The map layout makes each card's box in place: the same numbers, to the last bit, as the cell's card-local
    box moved by `translate_card` (channel labels, evidence, capped print text too)."""
    from app.layout import compute_layout
    from app.layout.engine import cards_by_cell, cell_stack, lane_top, translate_card
    from app.layout.theme import CELL_PADDING, PRINT_CARD_MAX_LINES
    from app.model.personas import persona_colors

    content = example_map.content()
    colors = persona_colors(content) if content.personas else None
    for max_lines in (0, PRINT_CARD_MAX_LINES):
        layout = compute_layout(content, max_lines)
        rows = {row.lane_id: row.y for row in layout.rows}
        by_cell = cards_by_cell(content)
        for stage, column in zip(content.stages, layout.columns, strict=True):
            for lane in content.lanes:
                stack = cell_stack(by_cell.get((stage.id, lane.id), []), lane, lane_top(content, lane), max_lines,
                                   colors)
                for box, offset in zip(stack.boxes, stack.offsets, strict=True):
                    expected = translate_card(box, column.x + CELL_PADDING, rows[lane.id] + offset)
                    assert layout.cards[box.card_id] == expected
        assert len(layout.cards) == len(content.cards)


def test_a_finished_command_flushes_all_its_output_and_keeps_its_exit_code(tmp_path):
    example = PROJECT_ROOT / "resources" / "examples" / "example.journey"
    shown = subprocess.run([sys.executable, "-m", "app.cli", "show-text", str(example)], capture_output=True,
                           text=True, cwd=PROJECT_ROOT, timeout=120)
    from app.cli import main

    assert shown.returncode == 0 and shown.stdout.rstrip().endswith(_show_text_in_process(main, example))
    failed = subprocess.run([sys.executable, "-m", "app.cli", "convert", str(tmp_path / "none.journey"),
                             str(tmp_path / "out.pdf")], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert failed.returncode == 1 and failed.stderr.startswith("journey-canvas: error:")


def _show_text_in_process(main, example) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["show-text", str(example)]) == 0
    return out.getvalue().rstrip()


def test_rounded_rectangles_of_one_size_share_an_outline_moved_into_place(tmp_path, monkeypatch):
    """The outline is the one `_round_rect` draws at the origin; a translation puts each copy where the shape is:
    the first written out (here one copy, see `_INLINE_COPIES`), the next ones a form XObject with that outline."""
    from reportlab.pdfgen.canvas import Canvas

    from app.layout.shapes import RectShape
    from app.painters import pdf_painter
    from app.painters.pdf_fonts import REGULAR, register_fonts
    from app.painters.pdf_painter import PdfPainter, _round_rect

    monkeypatch.setattr(pdf_painter, "_INLINE_COPIES", 1)
    register_fonts()
    canvas = Canvas(str(tmp_path / "x.pdf"), initialFontName=REGULAR)
    painter = PdfPainter(canvas)
    painter.paint([RectShape(10, 20, 164, 42.84, "#cbcdd1", None, 0, 4.0),
                   RectShape(200.5, 20, 164, 42.84, "#cbcdd1", None, 0, 4.0),
                   RectShape(10, 90, 20, 6, None, "#000000", 1.0, 4.0)])  # radius capped at half the height
    code = "\n".join(canvas._code)
    outline = _round_rect(0.0, 0.0, 164, 42.84, 4.0)
    assert f"q 1 0 0 1 10.00 -62.84 cm {outline} f* Q" in code
    # The second copy invokes a form XObject holding the outline and its painting operator.
    (name,) = canvas._formsinuse
    form = canvas._doc.idToObject[canvas._doc.getXObjectName(name)]
    assert form.stream == f"{outline} f*".encode() and form.BBoxList() == [-1.0, -1.0, 165.0, 43.84]
    assert f"q 1 0 0 1 200.50 -62.84 cm /{canvas._doc.getXObjectName(name)} Do Q" in code
    assert f"q 1 0 0 1 10.00 -96.00 cm {_round_rect(0.0, 0.0, 20, 6, 3.0)} S Q" in code


def test_paths_of_one_outline_share_it_moved_to_their_first_point(tmp_path, monkeypatch):
    """A path is written relative to its first point inside a translation: the same outline for every copy, and
    each point lands where the layout put it (to the hundredth of a point the content stream keeps)."""
    import re

    from reportlab.pdfgen.canvas import Canvas

    from app.layout.painting import _left_rounded
    from app.layout.shapes import PathShape
    from app.painters import pdf_painter
    from app.painters.pdf_fonts import REGULAR, register_fonts
    from app.painters.pdf_painter import PdfPainter

    monkeypatch.setattr(pdf_painter, "_INLINE_COPIES", 1)
    register_fonts()
    canvas = Canvas(str(tmp_path / "x.pdf"), initialFontName=REGULAR)
    painter = PdfPainter(canvas)

    def triangle(x: float, y: float) -> PathShape:
        return PathShape((("M", x, y), ("L", x + 5.5, y), ("L", x + 5.5, y + 3.25), ("Z",)), "#336699")

    shapes = [triangle(10, 20), triangle(300.25, 80.5), PathShape(_left_rounded(10, 20, 6, 40, 4), "#336699"),
              PathShape(_left_rounded(300.257, 80.5, 6, 40, 4), None, "#000000", 1.0)]
    painter.paint(shapes)
    doc = canvas._doc
    forms = {f"/{doc.getXObjectName(name)} Do": doc.idToObject[doc.getXObjectName(name)].stream.decode()
             for name in canvas._formsinuse}
    assert len(forms) == 1  # the second triangle invokes the first one's outline
    code = "\n".join(canvas._code)
    for invoke, outline in forms.items():
        code = code.replace(invoke, outline)
    drawn = re.findall(r"q 1 0 0 1 (\S+) (\S+) cm (.*?) (f\*|S) Q", code)
    assert len(drawn) == 4 and drawn[0][2] == drawn[1][2] and drawn[0][3] == "f*" and drawn[3][3] == "S"
    for shape, (dx, dy, outline, _) in zip(shapes, drawn, strict=True):
        numbers = [float(v) for v in re.findall(r"-?\d+\.\d+", outline)]
        expected = [v for op in shape.ops for v in op[1:]]
        assert len(numbers) == len(expected)
        for index, (number, value) in enumerate(zip(numbers, expected, strict=True)):
            placed = number + float(dx) if index % 2 == 0 else -(number + float(dy))
            assert abs(placed - value) <= 0.011


def test_fill_alpha_written_directly_names_the_state_reportlab_registered(tmp_path):
    """Alternating alphas (a card's shadow, then its body) give the operators reportlab's own calls give."""
    from reportlab.pdfgen.canvas import Canvas

    from app.layout.shapes import RectShape
    from app.painters.pdf_fonts import REGULAR, register_fonts
    from app.painters.pdf_painter import PdfPainter

    register_fonts()
    shapes = [RectShape(0, 10 * i, 5, 5, "#1f263326" if i % 2 else "#ffffff") for i in range(6)]
    canvas = Canvas(str(tmp_path / "x.pdf"), initialFontName=REGULAR)
    PdfPainter(canvas).paint(shapes)
    states = [op for op in canvas._code if op.endswith(" gs")]
    reference = Canvas(str(tmp_path / "y.pdf"), initialFontName=REGULAR)
    for i in range(6):
        reference.setFillAlpha(0.149 if i % 2 else 1.0)
    assert len(states) == 5 and states == [op for op in reference._code if op.endswith(" gs")]
    assert canvas._extgstate._d["ca"] == 0.149


def test_shape_boxes_equal_shape_box_and_text_width_the_sum_of_advances():
    import unicodedata

    from app.layout import fonts
    from app.layout.shapes import EllipseShape, LineShape, PathShape, RectShape, TextShape
    from app.painters.shape_index import shape_box, shape_boxes

    shapes = [RectShape(1, 2, 3, 4), RectShape(1, 2, 3, 4, None, "#000000", 2.0, 1.0), LineShape(5, 9, 1, 2, "#000000"),
              LineShape(1, 2, 5, 9, "#000000", 0.5), EllipseShape(3, 3, 2, 1, None, "#000000"),
              PathShape((("M", 1, 2), ("C", 0, 9, 4, -3, 7, 7), ("Z",))), TextShape(4, 5, "Wide text", 8.0, True),
              PathShape((("M", 3, 4), ("L", 8, -1), ("L", 2.5, 2)), None, "#000000", 1.5),
              TextShape(40, 5, "centred", 7.5, False, "#000000", "center"), TextShape(40, 5, "right", 6.0, True,
                                                                                    "#000000", "right"),
              TextShape(40, 5, "turned", 6.0, False, "#000000", "center", 90.0), TextShape(1, 1, "", 6.0)]
    assert shape_boxes(shapes) == [shape_box(shape) for shape in shapes]
    for text, bold in (("Customer pays (S1/L1)", False), ("naïve café ☕ 日本", True), ("", False)):
        metrics = fonts._metrics(bold)
        total = 0.0
        for char in text:
            advance = metrics.widths.get(ord(char))
            if advance is None:
                advance = 1000.0 if unicodedata.east_asian_width(char) in ("W", "F") else metrics.default
            total += advance
        assert fonts.text_width(text, 7.5, bold) == total * 7.5 / 1000.0


def test_outlines_stay_inline_in_a_batch_with_text_and_in_rare_shapes(tmp_path):
    """Forms only for outlines used more than `_INLINE_COPIES` times, and never between words (a footer's legend):
    text extractors end a line at a form."""
    from reportlab.pdfgen.canvas import Canvas

    from app.layout.shapes import RectShape, TextShape
    from app.painters.pdf_fonts import REGULAR, register_fonts
    from app.painters.pdf_painter import _INLINE_COPIES, PdfPainter

    register_fonts()
    canvas = Canvas(str(tmp_path / "x.pdf"), initialFontName=REGULAR)
    painter = PdfPainter(canvas)
    cards = [RectShape(10 * i, 0, 8, 5, "#cbcdd1", None, 0, 2.0) for i in range(_INLINE_COPIES + 3)]
    painter.paint([TextShape(0, 0, "Key:", 8.0), *cards, TextShape(0, 9, "end", 8.0)])
    assert canvas._formsinuse == [] and sum(" cm " in op and " f* Q" in op for op in canvas._code) == len(cards)
    painter.paint(cards[:_INLINE_COPIES + 1])  # a batch of graphics only: the outline's next copy is a form
    assert len(canvas._formsinuse) == 1 and sum(op.endswith(" Do Q") for op in canvas._code) == _INLINE_COPIES + 1


def test_shape_index_finds_what_a_scan_of_every_box_finds():
    """Small shapes sit in the cell of their top-left corner (a float key, looked up as an int), larger ones are
    checked on every query: the same shapes, in the same order, as a scan of every box (negative places, shapes
    the size of a cell and shapes and queries on the cells' edges too)."""
    import random

    from app.layout.shapes import LineShape, RectShape
    from app.painters.shape_index import ShapeIndex, shape_box

    rng = random.Random(7)
    shapes = [RectShape(rng.uniform(-900, 2000), rng.uniform(-900, 2000), rng.uniform(0, 900), rng.uniform(0, 60))
              for _ in range(400)] + [LineShape(-0.0, 5, 800, 5, "#000000"), RectShape(400, 400, 0, 0)]
    edges = [RectShape(400.0 * rng.randint(-3, 4), 400.0 * rng.randint(-3, 4), 400.0 * rng.randint(0, 2),
                       400.0 * rng.randint(0, 2)) for _ in range(100)]
    edges += [RectShape(400.0 * rng.randint(-3, 4) + rng.choice((-0.3, 0.0, 0.2)), 400.0 * rng.randint(-3, 4) - 0.1,
                        rng.choice((399.5, 399.7, 399.9, 400.1)), rng.choice((0.0, 399.6))) for _ in range(100)]
    shapes = shapes[:-1] + edges + shapes[-1:]
    index = ShapeIndex(shapes)
    for attempt in range(120):
        if attempt % 2:
            x0, y0 = rng.uniform(-1000, 2000), rng.uniform(-1000, 2000)
            box = (x0, y0, x0 + rng.uniform(0, 1500), y0 + rng.uniform(0, 1500))
        else:  # on the edges of cells
            x0, y0 = 400.0 * rng.randint(-3, 4), 400.0 * rng.randint(-3, 4)
            box = (x0, y0, x0 + 400.0 * rng.randint(0, 3), y0 + 400.0 * rng.randint(0, 3))
        expected = [shape for shape in shapes if (b := shape_box(shape))[2] >= box[0] and b[0] <= box[2]
                    and b[3] >= box[1] and b[1] <= box[3]]
        assert index.visible(box) == expected
    assert shapes[-1] in index.visible((399, 399, 401, 401))


def test_remembered_number_texts_equal_formatting_each_time():
    """The painter's cache of two-decimal texts gives what formatting gives, zeros of both signs included."""
    import random

    from app.painters.pdf_painter import _F2, _f2

    rng = random.Random(11)
    values = [0.0, -0.0, 0.0, 1e-9, -1e-9, 0.005, -0.005, 1254.0, -124.26, 0.125, 2.675, 1e300, -1e-300]
    values += [rng.uniform(-3000, 3000) for _ in range(500)] + [rng.choice(values) for _ in range(200)]
    for value in values + values:
        assert (_F2(value) or _f2(value)) == f"{value:.2f}"


LAZY_PIL = r"""
import io, sys
from app.cli import main
assert main(["convert", "resources/examples/example.journey", sys.argv[1]]) == 0  # imports reportlab, PIL.Image
assert "reportlab.lib.utils" in sys.modules and "PIL._imaging" not in sys.modules, "Pillow was loaded"
from PIL import Image
from reportlab.lib.utils import ImageReader
picture = io.BytesIO()
Image.new("RGB", (3, 2), (255, 0, 0)).save(picture, "PNG")
reader = ImageReader(io.BytesIO(picture.getvalue()))
assert reader.getSize() == (3, 2) and reader.getRGBData()[:3] == b"\xff\x00\x00"
assert sys.modules["PIL.Image"] is Image and type(Image).__name__ == "module"
print("ok")
"""


def test_pillow_is_loaded_by_convert_when_a_picture_is_drawn_not_when_reportlab_is_imported(tmp_path):
    result = subprocess.run([sys.executable, "-c", LAZY_PIL, str(tmp_path / "map.pdf")], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
