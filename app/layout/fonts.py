"""Text measurement and line wrapping with the bundled font's own advance widths.

Widths come from the TrueType file itself (read with reportlab's pure-Python parser), so
the layout, the Qt canvas (which draws the same font with hinting and kerning off) and the
PDF agree on where every line breaks. Characters the font lacks (e.g. Chinese) are
measured as a full em when wide, half an em otherwise.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app import RESOURCES

FONT_DIR = RESOURCES / "fonts"
REGULAR_FONT = FONT_DIR / "DejaVuSans.ttf"
BOLD_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_FAMILY = "DejaVu Sans"

ASCENT = 0.928
"""DejaVu Sans ascender (hhea 1901/2048 em): the baseline sits this far below a line's top."""
DESCENT = 0.236
LINE_SPACING = 1.22
"""Line height as a multiple of the font size."""


@dataclass(frozen=True)
class _Metrics:
    widths: dict[int, float]  # code point -> advance in 1/1000 em
    default: float


@lru_cache(maxsize=2)
def font_face(bold: bool = False):  # -> reportlab TTFontFace
    """The bundled font parsed by reportlab, once per process: the PDF exporter embeds this same face."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    return TTFontFace(str(BOLD_FONT if bold else REGULAR_FONT))


@lru_cache(maxsize=2)
def _metrics(bold: bool) -> _Metrics:
    font = font_face(bold)
    return _Metrics(dict(font.charWidths), float(font.defaultWidth))


def has_glyph(char: str, bold: bool = False) -> bool:
    return ord(char) in _metrics(bold).widths


def char_width(char: str, size: float, bold: bool = False) -> float:
    metrics = _metrics(bold)
    advance = metrics.widths.get(ord(char))
    if advance is None:
        advance = 1000.0 if unicodedata.east_asian_width(char) in ("W", "F") else metrics.default
    return advance * size / 1000.0


@lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False) -> float:
    metrics = _metrics(bold)
    widths = metrics.widths
    total = 0.0
    for char in text:
        advance = widths.get(ord(char))
        if advance is None:
            advance = 1000.0 if unicodedata.east_asian_width(char) in ("W", "F") else metrics.default
        total += advance
    return total * size / 1000.0


def line_height(size: float) -> float:
    return size * LINE_SPACING


@lru_cache(maxsize=65536)
def wrap_text(text: str, width: float, size: float, bold: bool = False, max_lines: int = 0) -> tuple[str, ...]:
    """Break text into lines no wider than `width`; newlines are kept, long words are split.

    With `max_lines`, the last kept line ends in an ellipsis when text was cut.
    """
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(_wrap_paragraph(paragraph.replace("\t", "    "), width, size, bold))
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _with_ellipsis(lines[-1], width, size, bold)
    return tuple(lines)


def elide(text: str, width: float, size: float, bold: bool = False) -> str:
    """The text cut with an ellipsis so it fits on one line of `width`."""
    text = " ".join(text.split())
    if text_width(text, size, bold) <= width:
        return text
    return _with_ellipsis(text, width, size, bold)


def _with_ellipsis(line: str, width: float, size: float, bold: bool) -> str:
    ellipsis = "…"
    while line and text_width(line.rstrip() + ellipsis, size, bold) > width:
        line = line[:-1]
    return line.rstrip() + ellipsis


def _wrap_paragraph(paragraph: str, width: float, size: float, bold: bool) -> list[str]:
    if not paragraph.strip():
        return [""]
    words = paragraph.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        # The word alone may still be too wide (a URL, CJK text): split it by characters.
        current = ""
        for char in word:
            if current and text_width(current + char, size, bold) > width:
                lines.append(current)
                current = char
            else:
                current += char
    lines.append(current)
    return lines
