"""Native text boxes sized with the layout's font metrics (app.layout.fonts), so no text overflows.

Every frame names the bundled font (DejaVu Sans), wraps words, never auto-fits, has fixed insets and an
exact line spacing of `LINE_SPACING` x the size: the height a frame needs is then the number of lines
`wrap_text` gives times that spacing, plus the insets, the same sum the layout engine makes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from app.layout.fonts import FONT_FAMILY, LINE_SPACING, wrap_text

EMU_PER_POINT = 12700
INSET = 6.0  # points, every side of a frame
WIDTH_SLACK = 0.97
"""Lines are wrapped 3 % narrower than the frame: PowerPoint and LibreOffice round glyph advances
slightly differently from the font's own metrics, and a word must never wrap later than we measured."""
MIN_FONT_SIZE = 1.0  # PowerPoint's smallest


@dataclass(frozen=True)
class Run:
    text: str
    color: str | None = None
    bold: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph: runs of one size; its wrapped height is measured from the joined text."""

    runs: tuple[Run, ...]
    size: float
    bold: bool = False
    color: str = "#1f2633"
    align: str = "left"
    space_after: float = 0.0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def para(text: str, size: float, *, bold: bool = False, color: str = "#1f2633", align: str = "left",
         space_after: float = 0.0) -> Para:
    return Para((Run(text, color, bold),), size, bold, color, align, space_after)


@dataclass
class Frame:
    """Paragraphs to put in a box of `width` points; `height()` is what they need.

    `insets` are left, top, right, bottom in points."""

    paras: list[Para] = field(default_factory=list)
    insets: tuple[float, float, float, float] = (INSET, INSET, INSET, INSET)

    def lines(self, width: float) -> list[tuple[Para, tuple[str, ...]]]:
        inner = max(1.0, (width - self.insets[0] - self.insets[2]) * WIDTH_SLACK)
        return [(p, wrap_text(p.text, inner, p.size, p.bold)) for p in self.paras]

    def height(self, width: float) -> float:
        return self.insets[1] + self.insets[3] + sum(len(lines) * p.size * LINE_SPACING + p.space_after
                                                     for p, lines in self.lines(width))


def text_paras(text: str, size: float, **style) -> list[Para]:
    """One paragraph per line the user typed (a frame's paragraphs are its hard line breaks)."""
    return [para(line, size, **style) for line in clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def clean(text: str) -> str:
    """Text an XML part can hold: tabs become spaces, other control and non-characters become U+FFFD."""
    text = text.replace("\t", "    ")
    return "".join(char if _xml_char(char) else "\ufffd" for char in text) if not _all_xml(text) else text


def _all_xml(text: str) -> bool:
    return all(_xml_char(char) for char in text)


def _xml_char(char: str) -> bool:
    code = ord(char)
    return (code in (0x0A, 0x0D) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def emu(points: float) -> Emu:
    return Emu(round(points * EMU_PER_POINT))


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#")[:6].upper())


def add_box(shapes, x: float, y: float, width: float, height: float, frame: Frame | None = None, *,
            fill: str | None = None, line: str | None = None, rounded: bool = False, anchor: str = "top",
            name: str | None = None):
    """A rectangle (rounded on request) at x, y (points), filled or not, holding `frame`'s text."""
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE
    shape = shapes.add_shape(kind, emu(x), emu(y), emu(width), emu(height))
    if rounded:
        shape.adjustments[0] = min(0.5, 4.0 / max(1.0, min(width, height)))
    if name:
        shape.name = name
    shape.shadow.inherit = False
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
    else:
        shape.fill.background()
    if line:
        shape.line.color.rgb = rgb(line)
        shape.line.width = Pt(0.75)
    else:
        shape.line.fill.background()
    fill_text(shape.text_frame, frame or Frame(), anchor)
    return shape


def fill_text(text_frame, frame: Frame, anchor: str = "top") -> None:
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    text_frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE}[anchor]
    for side, inset in zip(("left", "top", "right", "bottom"), frame.insets, strict=True):
        setattr(text_frame, f"margin_{side}", emu(inset))
    paragraphs: Sequence[Para] = frame.paras or [para("", 10)]
    for index, p in enumerate(paragraphs):
        target = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
        target.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[p.align]
        target.line_spacing = Pt(p.size * LINE_SPACING)
        target.space_before = Pt(0)
        target.space_after = Pt(p.space_after)
        for r in p.runs:
            run = target.add_run()
            run.text = clean(r.text)
            font = run.font
            font.name = FONT_FAMILY
            font.size = Pt(max(MIN_FONT_SIZE, p.size))
            font.bold = r.bold
            font.color.rgb = rgb(r.color or p.color)
