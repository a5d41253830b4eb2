"""Fonts for the PDF: the bundled DejaVu Sans (embedded as a subset), a fallback for CJK and one for emoji.

Text is split into runs by which font has each character: DejaVu Sans covers Latin, Greek and
Cyrillic; characters it lacks go to the first of the fallback TrueType fonts found on the system that has
them (Droid Sans Fallback, WenQuanYi, a Korean font, then what fontconfig names for Thai, Hindi, ...), and
the rest to a monochrome emoji and symbol font (Symbola, Noto Emoji).
Characters no font has are collected so the export can name them.
Only TrueType outlines work in reportlab (CFF-flavoured .otf/.ttc such as Noto Sans CJK do not).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from app.layout.fonts import BOLD_FONT, REGULAR_FONT, covered_chars, has_glyph, is_invisible, text_width


@lru_cache(maxsize=2)
def font_face(bold: bool = False):  # -> reportlab TTFontFace
    """The bundled font as a reportlab face, once per process (from `font_faces`' cache): the PDF embeds it."""
    from app.painters.font_faces import load_face

    return load_face(BOLD_FONT if bold else REGULAR_FONT)


REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FALLBACK = "JourneyCanvasFallback"
EMOJI = "JourneyCanvasEmoji"

EMOJI_ENV = "JOURNEY_CANVAS_EMOJI_FONT"
"""Set to a monochrome TrueType emoji font (e.g. Symbola), or to an empty string to use none."""

EMOJI_CANDIDATES = (
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",  # Debian fonts-symbola
    "/usr/share/fonts/truetype/symbola/Symbola.ttf",
    "/usr/share/fonts/TTF/Symbola.ttf",
    "/usr/share/fonts/truetype/noto/NotoEmoji-Regular.ttf",  # Noto Emoji (monochrome)
    "C:/Windows/Fonts/seguiemj.ttf",
    "C:/Windows/Fonts/seguisym.ttf",
)
EMOJI_HINT = ("install a monochrome emoji font (Debian/Ubuntu: apt install fonts-symbola) or set "
              f"{EMOJI_ENV}=/path/to/font.ttf")

FALLBACK_ENV = "JOURNEY_CANVAS_FALLBACK_FONT"
"""Set to a TrueType file to choose the fallback font (several, joined by os.pathsep, are tried in turn for each
character), or to an empty string to use none."""

FALLBACK_CANDIDATES = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf",
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/msyh.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/malgun.ttf",
)


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register DejaVu Sans regular and bold with reportlab (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from app.painters.pdf_text import install_cmap

    install_cmap()
    for name, bold, path in ((REGULAR, False, REGULAR_FONT), (BOLD, True, BOLD_FONT)):
        try:
            font = _font_with_face(name, font_face(bold))
        except Exception:  # noqa: BLE001 - a reportlab whose TTFont differs: parse the file again
            font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)


def _font_with_face(name: str, face):
    """A reportlab TTFont around an already parsed face (the layout's), so the file is parsed once.

    Mirrors TTFont.__init__ of reportlab 4 and 5 except for parsing; checked by the PDF tests.
    """
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = False  # no HarfBuzz shaping: the layout measured plain advances
    font.stringWidth("probe", 10)  # fail here, not in the middle of an export, if the shape differs
    return font


def fallback_font() -> tuple[str, frozenset[int]] | None:
    """(registered name, covered code points) of the first usable fallback font, or None."""
    return _fallback(0)


_CHAIN: list[tuple[str, frozenset[int]]] = []
_PATHS: list[Iterator[Path]] = []


def _fallback(index: int) -> tuple[str, frozenset[int]] | None:
    """The index-th usable fallback font (registered as FALLBACK-<file name>), each loaded only when asked for:
    a character the first lacks (Korean when it is a Chinese font) is looked for in the next ones."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not _PATHS:
        _PATHS.append(_fallback_paths())
    while len(_CHAIN) <= index:
        path = next(_PATHS[0], None)
        if path is None:
            return None
        name = f"{FALLBACK}-{re.sub('[^A-Za-z0-9]', '', path.stem)}"  # one name per file, whatever its place
        try:
            font = TTFont(name, str(path))
        except Exception:  # noqa: BLE001 - CFF outlines, broken files: try the next one
            continue
        pdfmetrics.registerFont(font)
        _CHAIN.append((name, frozenset(code for code, glyph in font.face.charToGlyph.items() if glyph)))
    return _CHAIN[index]


def fallback_for(code: int) -> str | None:
    """The registered name of the first fallback font that draws the character, or None."""
    index = 0
    while (font := _fallback(index)) is not None:
        if code in font[1]:
            return font[0]
        index += 1
    return None


@lru_cache(maxsize=1)
def emoji_font() -> tuple[str, frozenset[int]] | None:
    """(registered name, covered code points) of a monochrome emoji font found on the system, or None.

    Colour emoji fonts (bitmap tables) cannot be embedded by reportlab; Symbola and Noto Emoji can."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    chosen = os.environ.get(EMOJI_ENV)
    paths = ([Path(chosen)] if chosen else []) if chosen is not None else [Path(p) for p in EMOJI_CANDIDATES]
    for path in paths:
        if not path.is_file():
            continue
        try:
            font = TTFont(EMOJI, str(path))
        except Exception:  # noqa: BLE001 - CFF outlines, colour bitmaps, broken files: try the next one
            continue
        pdfmetrics.registerFont(font)
        return EMOJI, frozenset(code for code, glyph in font.face.charToGlyph.items() if glyph)
    return None


def is_emoji(char: str) -> bool:
    """Pictographs and symbols that an emoji font draws (and a missing one should name)."""
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF


FALLBACK_LANGUAGES = ("zh-cn", "ja", "ko", "th", "hi", "ar", "he")
"""Languages fontconfig is asked for, in turn, once the candidate files are used up."""


def _fallback_paths() -> Iterator[Path]:
    """Fallback font files, best first: the chosen ones (FALLBACK_ENV, several joined by os.pathsep), else the
    known candidates that exist, then what fontconfig names for each of FALLBACK_LANGUAGES (asked lazily)."""
    chosen = os.environ.get(FALLBACK_ENV)
    if chosen is not None:
        yield from (Path(p) for p in chosen.split(os.pathsep) if p)
        return
    seen: set[Path] = set()
    for path in (Path(p) for p in FALLBACK_CANDIDATES):
        if path.is_file():
            seen.add(path)
            yield path
    bundled = {REGULAR_FONT.name, BOLD_FONT.name}  # what fontconfig names when it has nothing better
    for language in FALLBACK_LANGUAGES:
        found = _fc_match(language)
        if found is not None and found not in seen and found.name not in bundled:
            seen.add(found)
            yield found


def _fc_match(language: str) -> Path | None:
    import shutil
    import subprocess  # only when looking for a fallback font: most maps need none

    if not shutil.which("fc-match"):
        return None
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", f":lang={language}:fontformat=TrueType"],
                               capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(found) if found.lower().endswith((".ttf", ".ttc")) else None


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a string drawn in one font."""

    font: str
    text: str
    width: float  # the width the layout reserved for this run
    actual: float  # the width the run really has in `font`


@dataclass
class FontSplitter:
    """Splits strings into runs per font and remembers characters that no font has."""

    missing: dict[str, None] = field(default_factory=dict)  # an ordered set

    def runs(self, text: str, size: float, bold: bool) -> tuple[Run, ...]:
        runs, missing = _runs(text, size, bold)
        for char in missing:
            self.missing.setdefault(char, None)
        return runs

    def warnings(self, content=None) -> list[str]:
        """The warning naming the characters no font has, and where in `content` (the map) they are."""
        if not self.missing:
            return []
        from app.model.text_places import places_with

        chars = list(self.missing)
        listed = " ".join(f"{c} (U+{ord(c):04X})" for c in chars[:20])
        more = f" and {len(chars) - 20} more" if len(chars) > 20 else ""
        where = places_with(content, chars) if content is not None else ""
        where = f" ({where})" if where else ""
        hint = f"; {EMOJI_HINT}" if any(is_emoji(c) for c in chars) and emoji_font() is None else ""
        return [f"no glyph for: {listed}{more}; these characters print as empty boxes{where}{hint}"]


@lru_cache(maxsize=32768)
def _runs(text: str, size: float, bold: bool) -> tuple[tuple[Run, ...], tuple[str, ...]]:
    """The runs of `text` at `size` with their widths, and the characters no font has."""
    runs, missing = _split(text, bold)
    return tuple(Run(font, part, text_width(part, size, bold), _actual(font, part, size, bold))
                 for font, part in runs), missing


@lru_cache(maxsize=32768)
def _split(text: str, bold: bool) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """((font, part), ...) runs and the characters no font has."""
    main = BOLD if bold else REGULAR
    if covered_chars(bold).issuperset(text):
        return ((main, text),), ()
    runs: list[tuple[str, str]] = []
    missing: list[str] = []
    for char in text:
        if is_invisible(char):
            continue  # a soft hyphen, a bidi isolate, a control character: nothing to draw
        if has_glyph(char, bold) or char.isspace():
            font = main
        elif (other := fallback_for(ord(char))) is not None:
            font = other
        elif (emoji := emoji_font()) is not None and ord(char) in emoji[1]:
            font = emoji[0]  # emoji, and the other symbols and letters such a font has (math letters, Gothic)
        else:
            font = main  # draws the empty box, but the character stays in the text layer
            _keep_in_text_layer(main, char)
            if unicodedata_printable(char):
                missing.append(char)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return tuple(runs), tuple(dict.fromkeys(missing))


def _keep_in_text_layer(font_name: str, char: str) -> None:
    """Give a character the font lacks a code of its own in the font's subsets, drawn as the empty box:
    reportlab codes every such character as the one .notdef code, so the PDF's text (copy, search,
    pdftotext) lost them all; with its own code the subset's ToUnicode map names it."""
    from reportlab.pdfbase.pdfmetrics import getFont

    getFont(font_name).face.charToGlyph.setdefault(ord(char), 0)


def unicodedata_printable(char: str) -> bool:
    """Control and format characters (zero-width joiners, variation selectors) are not worth a warning."""
    import unicodedata

    return unicodedata.category(char) not in ("Cc", "Cf", "Mn", "Zl", "Zp")


def _actual(font: str, text: str, size: float, bold: bool) -> float:
    if font in (REGULAR, BOLD):
        return text_width(text, size, bold)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)
