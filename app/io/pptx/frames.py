"""Native text boxes sized with the layout's font metrics (app.layout.fonts), so no text overflows.

Every frame names the bundled font (DejaVu Sans), wraps words, never auto-fits, has fixed insets and an
exact line spacing of `LINE_SPACING` x the size: the height a frame needs is then the number of lines
`wrap_text` gives times that spacing, plus the insets, the same sum the layout engine makes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pptx.dml.color import RGBColor
from pptx.util import Emu

from app.layout.fonts import FONT_FAMILY, LINE_SPACING, is_rtl, one_line_break, wrap_text

EMU_PER_POINT = 12700
INSET = 6.0  # points, every side of a frame
WIDTH_SLACK = 0.97
"""Lines are wrapped 3 % narrower than the frame: PowerPoint and LibreOffice round glyph advances
slightly differently from the font's own metrics, and a word must never wrap later than we measured."""
MIN_FONT_SIZE = 1.0  # PowerPoint's smallest


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one colour and weight."""

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
    upright: bool = False  # turned a quarter left, reading upwards (a lane group's band); lines run along the height

    def lines(self, width: float) -> list[tuple[Para, tuple[str, ...]]]:
        inner = max(1.0, (width - self.insets[0] - self.insets[2]) * WIDTH_SLACK)
        return [(p, wrap_text(p.text, inner, p.size, p.bold or any(r.bold for r in p.runs))) for p in self.paras]

    def height(self, width: float) -> float:
        return self.insets[1] + self.insets[3] + sum(len(lines) * p.size * LINE_SPACING + p.space_after
                                                     for p, lines in self.lines(width))


def text_paras(text: str, size: float, **style) -> list[Para]:
    """One paragraph per line the user typed (a frame's paragraphs are its hard line breaks)."""
    return [para(line, size, **style) for line in clean(one_line_break(text)).split("\n")]


_NOT_XML = re.compile("[^\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """Text an XML part can hold: tabs become spaces, other control and non-characters become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text.replace("\t", "    "))


def emu(points: float) -> Emu:
    return Emu(round(points * EMU_PER_POINT))


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#")[:6].upper())


_NAMESPACES = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr"}
_VERT = ' vert="vert270"'


class ShapeBatch:
    """The shapes of one slide, written as DrawingML and appended to the slide in one parse.

    python-pptx's `add_shape` looks up the next free shape id by scanning the whole slide, which makes
    a slide of 2,000 cards quadratic (tens of seconds); these are plain `p:sp` elements, identical to
    what it writes, with ids numbered after the slide's highest when `flush` appends them."""

    def __init__(self, slide) -> None:
        self.slide = slide
        self.shapes = slide.shapes
        self._pending: list[str] = []

    def box(self, x: float, y: float, width: float, height: float, frame: Frame | None = None, *,
            fill: str | None = None, line: str | None = None, rounded: bool = False, anchor: str = "top",
            name: str = "Box", geometry: str | None = None, line_width: float = 0.75) -> None:
        """A rectangle (rounded on request, or any preset `geometry`) at x, y (points) holding `frame`'s text."""
        prst = geometry or ("roundRect" if rounded else "rect")
        adjust = ""
        if prst == "roundRect":
            adjust = f'<a:gd name="adj" fmla="val {round(min(0.5, 4.0 / max(1.0, min(width, height))) * 100000)}"/>'
        fill_xml = f'<a:solidFill><a:srgbClr val="{_hex(fill)}"/></a:solidFill>' if fill else "<a:noFill/>"
        line_xml = (f'<a:ln w="{emu(line_width)}"><a:solidFill><a:srgbClr val="{_hex(line)}"/></a:solidFill></a:ln>'
                    if line else "<a:ln><a:noFill/></a:ln>")
        text = _text_body(frame, anchor) if frame is not None else ""
        self._pending.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{{id}}" name="{_attr(name)}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(x, y, width, height)}<a:prstGeom prst="{prst}"><a:avLst>{adjust}</a:avLst>'
            f'</a:prstGeom>{fill_xml}{line_xml}</p:spPr>{text}</p:sp>')

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, width: float, name: str = "Line") -> None:
        flips = (' flipH="1"' if x2 < x1 else "") + (' flipV="1"' if y2 < y1 else "")
        self._pending.append(
            f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{{id}}" name="{_attr(name)}"/><p:cNvCxnSpPr/><p:nvPr/>'
            f'</p:nvCxnSpPr><p:spPr>{_xfrm(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1), flips)}'
            f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="{emu(width)}" cap="rnd"><a:solidFill>'
            f'<a:srgbClr val="{_hex(color)}"/></a:solidFill></a:ln></p:spPr></p:cxnSp>')

    def flush(self) -> None:
        """Append the pending shapes to the slide (ids after the slide's highest)."""
        if not self._pending:
            return
        from lxml import etree

        tree = self.slide.shapes._spTree
        next_id = max((int(i) for i in tree.xpath("//p:cNvPr/@id")), default=1) + 1
        parts = [xml.replace("{id}", str(next_id + n), 1) for n, xml in enumerate(self._pending)]
        fragment = etree.fromstring(f"<p:spTree {_NAMESPACES}>{''.join(parts)}</p:spTree>")
        for element in list(fragment):
            tree.append(element)
        self._pending = []


def _xfrm(x: float, y: float, width: float, height: float, flips: str = "") -> str:
    return (f'<a:xfrm{flips}><a:off x="{emu(x)}" y="{emu(y)}"/>'
            f'<a:ext cx="{emu(max(0.0, width))}" cy="{emu(max(0.0, height))}"/></a:xfrm>')


def _text_body(frame: Frame, anchor: str) -> str:
    left, top, right, bottom = (emu(inset) for inset in frame.insets)
    paras = []
    for p in frame.paras or [para("", 10)]:
        size = _centipoints(max(MIN_FONT_SIZE, p.size))
        # A paragraph whose first letter is Hebrew or Arabic reads right to left, set flush right as on the canvas
        # and in the PDF: without rtl="1" PowerPoint laid it out left to right, a mixed line's words misordered.
        rtl = not p.text.isascii() and is_rtl(p.text)
        align = "right" if rtl and p.align == "left" else p.align
        direction = ' rtl="1"' if rtl else ""
        ppr = (f'<a:pPr algn="{_ALIGN[align]}"{direction}><a:lnSpc>'
               f'<a:spcPts val="{_centipoints(p.size * LINE_SPACING)}"/></a:lnSpc>'
               f'<a:spcBef><a:spcPts val="0"/></a:spcBef><a:spcAft><a:spcPts '
               f'val="{_centipoints(p.space_after)}"/></a:spcAft></a:pPr>')
        runs = "".join(_run(r, p, size) for r in p.runs if r.text)
        end = f'<a:endParaRPr lang="en-US" sz="{size}" dirty="0">{_font()}</a:endParaRPr>'
        paras.append(f"<a:p>{ppr}{runs}{end}</a:p>")
    return (f'<p:txBody><a:bodyPr wrap="square" lIns="{left}" tIns="{top}" rIns="{right}" bIns="{bottom}" '
            f'anchor="{_ANCHOR[anchor]}" rtlCol="0"{_VERT if frame.upright else ""}><a:noAutofit/></a:bodyPr>'
            f'<a:lstStyle/>{"".join(paras)}</p:txBody>')


def _run(run: Run, p: Para, size: int) -> str:
    bold = ' b="1"' if run.bold else ' b="0"'
    color = _hex(run.color or p.color)
    return (f'<a:r><a:rPr lang="en-US" sz="{size}"{bold} dirty="0"><a:solidFill><a:srgbClr val="{color}"/>'
            f'</a:solidFill>{_font()}</a:rPr><a:t>{_text(clean(run.text))}</a:t></a:r>')


def _font() -> str:
    return (f'<a:latin typeface="{FONT_FAMILY}"/><a:ea typeface="{FONT_FAMILY}"/>'
            f'<a:cs typeface="{FONT_FAMILY}"/>')


def _centipoints(points: float) -> int:
    return max(0, int(points * 100))  # rounded down: never larger than measured


def _hex(color: str | None) -> str:
    return (color or "#000000").lstrip("#")[:6].upper()


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _text(clean(text)[:200]).replace('"', "&quot;")
