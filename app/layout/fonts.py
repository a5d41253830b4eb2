"""Text measurement and line wrapping with the bundled font's own advance widths.

Widths come from the TrueType files themselves, extracted once into `resources/fonts/metrics.json`
(`python -m app.painters.font_metrics`; a test checks it matches the fonts), so the layout, the Qt
canvas (which draws the same font with hinting and kerning off) and the PDF agree on where every
line breaks. Characters the font lacks (e.g. Chinese) are measured as a full em when wide, half an
em otherwise; invisible ones (soft hyphens, format and control characters such as the bidi isolates)
take no room, and no painter draws them (`is_invisible`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache, reduce
from operator import add
from typing import NamedTuple

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


class _Metrics(NamedTuple):
    """A font's advance widths."""

    widths: dict[int, float]  # code point -> advance in 1/1000 em
    default: float


METRICS_CACHE = FONT_DIR / "metrics.json"
"""Advance widths of both bundled fonts, extracted once (`python -m app.painters.font_metrics`):
reading this small file is about thirty times faster than parsing the TrueType files at every start,
and keeps the layout free of any font parser. A test checks that it matches the fonts."""


@lru_cache(maxsize=1)
def _metrics_file() -> dict:
    """The whole cache, read and parsed once for both weights (a start-up cost: the canvas needs both)."""
    return json.loads(METRICS_CACHE.read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def _font_entry(bold: bool) -> dict:
    """One weight's entry of the cache: "chars", every character the font draws in code point order, and
    "advances", their advance widths in the same order (a string and a list parse in a third of the
    instructions of a dictionary keyed by code point), checked against the font file's size."""
    key = "bold" if bold else "regular"
    font_file = BOLD_FONT if bold else REGULAR_FONT
    try:
        cached = _metrics_file()[key]
        cached["chars"], cached["advances"]  # noqa: B018 - a file in another shape is damaged
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise RuntimeError(f"{METRICS_CACHE} is missing or damaged ({error}); "
                           "run python -m app.painters.font_metrics") from error
    if cached.get("font_bytes") != font_file.stat().st_size:
        raise RuntimeError(f"{METRICS_CACHE} does not match {font_file.name}; run python -m app.painters.font_metrics")
    return cached


@lru_cache(maxsize=2)
def _metrics(bold: bool) -> _Metrics:
    cached = _font_entry(bold)
    return _Metrics(dict(zip(map(ord, cached["chars"]), cached["advances"], strict=True)), float(cached["default"]))


@lru_cache(maxsize=65536)
def is_rtl(text: str) -> bool:
    """Whether the text reads right to left: its first strong character is Hebrew, Arabic, ..."""
    if text.isascii():
        return False
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return False
        if direction in ("R", "AL"):
            return True
    return False


SOFT_HYPHEN = "\u00ad"


@lru_cache(maxsize=4096)
def is_invisible(char: str) -> bool:
    """Drawn as nothing and taking no room: a soft hyphen (the font has a visible hyphen for it, which
    belongs only where a line breaks), and a format or control character the font has no glyph for
    (U+2066..U+2069 bidi isolates, emoji tag characters, a bell typed by accident), which would print as
    an empty box. Tabs and line breaks never reach a painter (`wrap_text` turns them into spaces and lines)."""
    if char == SOFT_HYPHEN:
        return True
    return unicodedata.category(char) in ("Cc", "Cf") and ord(char) not in _metrics(False).widths


def has_glyph(char: str, bold: bool = False) -> bool:
    return ord(char) in _metrics(bold).widths


@lru_cache(maxsize=2)
def covered_chars(bold: bool = False) -> frozenset[str]:
    """Every character the bundled font draws: `covered_chars(bold).issuperset(text)` checks a whole
    string at C speed where `has_glyph` per character is a Python call each."""
    return frozenset(_char_advances(bold))


def char_width(char: str, size: float, bold: bool = False) -> float:
    return _advance(char, bold) * size / 1000.0


def _advance(char: str, bold: bool) -> float:
    """A character's advance in 1/1000 em: the font's, none for an invisible one, a guess for one it lacks."""
    if char == SOFT_HYPHEN:
        return 0.0
    metrics = _metrics(bold)
    advance = metrics.widths.get(ord(char))
    if advance is None:
        if is_invisible(char):
            return 0.0
        advance = 1000.0 if unicodedata.east_asian_width(char) in ("W", "F") else metrics.default
    return advance


@lru_cache(maxsize=2)
def _char_advances(bold: bool) -> dict[str, float]:
    """Character -> advance for every character the bundled font draws (the metrics keyed by `str`)."""
    cached = _font_entry(bold)
    advances = dict(zip(cached["chars"], cached["advances"], strict=True))
    advances.pop(SOFT_HYPHEN, None)  # measured as nothing (`_advance`): the font's hyphen shows only at a break
    return advances


@lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False) -> float:
    try:  # every character in the font (almost all text): the advances added up left to right, at C speed
        return reduce(add, map(_char_advances(bold).__getitem__, text), 0.0) * size / 1000.0
    except KeyError:
        pass
    advances = _char_advances(bold)
    return sum(advances[char] if char in advances else _advance(char, bold) for char in text) * size / 1000.0


_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""Every character that breaks a line as Python's str.splitlines() reads them: CRLF, a lone CR (old Mac text),
a vertical tab (Word's Shift+Enter, pasted), a form feed, the Unicode line and paragraph separators."""


def one_line_break(text: str) -> str:
    """The text with every kind of line break as "\\n": the painters draw nothing for a lone CR or a vertical
    tab, and a workbook cannot hold them, so the words either side of one ran together."""
    return _LINE_BREAK.sub("\n", text)


def line_height(size: float) -> float:
    return size * LINE_SPACING


@lru_cache(maxsize=65536)
def wrap_text(text: str, width: float, size: float, bold: bool = False, max_lines: int = 0) -> tuple[str, ...]:
    """Break text into lines no wider than `width`; newlines are kept, long words are split.

    With `max_lines`, the last kept line ends in an ellipsis when text was cut.
    """
    lines: list[str] = []
    for paragraph in one_line_break(text).split("\n"):
        wrapped = _wrap_paragraph(paragraph.replace("\t", "    "), width, size, bold)
        lines.extend(wrapped if paragraph.isascii() or len(wrapped) == 1 else _in_direction(wrapped, paragraph))
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _with_ellipsis(lines[-1], width, size, bold)
    return tuple(lines)


LRM, RLM = "\u200e", "\u200f"


def _in_direction(lines: list[str], paragraph: str) -> list[str]:
    """A wrapped paragraph's lines, each read in the paragraph's direction: a painter takes each line's
    direction from its own first letter, so a line of an English paragraph that starts with a Hebrew word
    was set right to left, its last words drawn first ("via… [7] $99.50 بسعر"). A line whose first letter
    reads the other way starts with an invisible direction mark (no width; check.is_cut ignores it)."""
    rtl = is_rtl(paragraph)
    return [(RLM if rtl else LRM) + line if line and is_rtl(line) != rtl and (rtl or not line.isascii()) else line
            for line in lines]


def elide(text: str, width: float, size: float, bold: bool = False) -> str:
    """The text cut with an ellipsis so it fits on one line of `width`."""
    text = " ".join(text.split())
    if text_width(text, size, bold) <= width:
        return text
    return _with_ellipsis(text, width, size, bold)


def _with_ellipsis(line: str, width: float, size: float, bold: bool) -> str:
    ellipsis = "…"
    parts = clusters(line)
    while parts and text_width("".join(parts).rstrip() + ellipsis, size, bold) > width:
        parts.pop()  # a whole character with its accents, never a bare accent or half an emoji
    return "".join(parts).rstrip() + ellipsis


def _wrap_paragraph(paragraph: str, width: float, size: float, bold: bool) -> list[str]:
    """Greedy line breaking. Advances add up (no kerning), so a line's width is the sum of its
    words' widths and spaces: each word is measured once."""
    if not paragraph.strip():
        return [""]
    space = text_width(" ", size, bold)
    lines: list[str] = []
    current, current_width = "", 0.0
    for word in paragraph.split(" "):
        word_width = text_width(word, size, bold)
        if current and current_width + space + word_width <= width:
            current, current_width = f"{current} {word}", current_width + space + word_width
            continue
        if not current and word_width <= width:
            current, current_width = word, word_width
            continue
        if current:
            lines.append(current)
        if word_width <= width:
            current, current_width = word, word_width
            continue
        # The word alone is too wide (a URL, CJK or Thai text): split it between characters.
        *pieces, last = split_word(word, width, size, bold)
        lines.extend(pieces)
        current, current_width = last, text_width(last, size, bold)
    lines.append(current)
    return lines




_VIRAMAS = frozenset("\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0dca\u1039\u17d2\u1a60")
"""Indic viramas (Devanagari, Bengali, ..., Sinhala, Myanmar, Khmer): the consonant after one is part of
its conjunct (क्ष), which a line break must not split."""
_NO_LINE_START = frozenset("、。，．・：；！？）］｝〕〉》」』】〙〗〟’”ゝゞー"
                           "ァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ,.;:!?)]}%")
"""Closing punctuation and small kana that never begin a line (Japanese kinsoku): the character before
them goes down with them."""
_BREAK_AFTER = frozenset("/\\-.?&=_@,;:|+\u00ad")
"""Where a long URL, e-mail address or path breaks best when it must: after a slash, a dot, a hyphen..."""


def _extends(char: str) -> bool:
    """Whether `char` belongs to the character before it: a combining mark (accents, Thai vowels and tone
    marks, Indic vowel signs), a joiner, a variation selector, a skin tone, an emoji tag character."""
    code = ord(char)
    return (unicodedata.category(char) in ("Mn", "Mc", "Me") or code in (0x200C, 0x200D)
            or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F
            or 0xE0100 <= code <= 0xE01EF)


def clusters(text: str) -> list[str]:
    """The text as user-perceived characters (an approximation of Unicode's grapheme clusters): a letter
    with its combining marks, an Indic conjunct, a ZWJ emoji sequence, a flag's two regional indicators."""
    parts: list[str] = []
    for char in text:
        if parts and (_extends(char) or parts[-1][-1] == "\u200d" or parts[-1][-1] in _VIRAMAS
                      or (0x1F1E6 <= ord(char) <= 0x1F1FF and len(parts[-1]) == 1
                          and 0x1F1E6 <= ord(parts[-1]) <= 0x1F1FF)):
            parts[-1] += char
        else:
            parts.append(char)
    return parts


def split_word(word: str, width: float, size: float, bold: bool = False) -> list[str]:
    """A word too wide for one line, in pieces no wider than `width` (a single character wider than a
    line stays whole): cut between user-perceived characters, at the last place in the line's second
    half where a URL breaks well ('/', '.', '-', ...) when there is one, where a soft hyphen is shown as
    '-', and never before closing punctuation."""
    pieces: list[str] = []
    current: list[str] = []
    widths: list[float] = []
    total, hyphen = 0.0, text_width("-", size, bold)
    for part in clusters(word):
        part_width = text_width(part, size, bold)
        if current and total + part_width > width:
            cut = _cut(current, widths, width, part, part_width, hyphen)
            line = "".join(current[:cut])
            if line.endswith(SOFT_HYPHEN) and sum(widths[:cut]) + hyphen <= width:
                line = line[:-1] + "-"  # the soft hyphen shows where it breaks the word
            pieces.append(line)
            current, widths = current[cut:], widths[cut:]
            total = sum(widths)
        current.append(part)
        widths.append(part_width)
        total += part_width
    pieces.append("".join(current))
    return pieces


def _cut(parts: list[str], widths: list[float], width: float, following: str, following_width: float,
         hyphen: float) -> int:
    """How many of a full line's characters to keep before `following` (which does not fit): up to the
    last good break of a URL or a soft hyphen, when that keeps at least half the line and what goes down
    fits on the next; else all of them,
    less the last when `following` may not begin a line and the two fit on the next."""
    total = kept = sum(widths)
    for index in range(len(parts), 0, -1):
        if kept < width / 2:
            break
        last = parts[index - 1][-1]
        if (last in _BREAK_AFTER and total - kept + following_width <= width
                and (last != SOFT_HYPHEN or kept + hyphen <= width)):
            return index
        kept -= widths[index - 1]
    if following[0] in _NO_LINE_START and len(parts) > 1 and widths[-1] + following_width <= width:
        return len(parts) - 1
    return len(parts)
