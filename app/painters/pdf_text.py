"""Right-to-left text for the PDF: shaping, visual order and a text layer that reads back logically.

reportlab draws the characters of a string left to right, as given, with no shaping. Qt (canvas,
PNG, SVG) does its own bidi and shaping, so only the PDF needs this. A line with Hebrew or Arabic is
shaped with arabic-reshaper (Arabic letters to their joined presentation forms, lam-alef ligatures) and
put in visual order with python-bidi (the Unicode bidi algorithm, via the Rust unicode-bidi crate), using
the line's first strong character as its direction. PDF readers (pdftotext, viewers' copy and search)
rebuild logical order from the glyph positions; `to_unicode_cmap` makes each presentation form read
back as the plain letters it stands for, so copied text is ordinary Arabic.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_RTL_CLASSES = ("R", "AL")


def has_rtl(text: str) -> bool:
    """Whether the text has any right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko...)."""
    return not text.isascii() and any(ord(c) >= 0x590 and unicodedata.bidirectional(c) in _RTL_CLASSES for c in text)


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202d\u202e\u2066\u2067\u2068")
"""Embeddings, overrides and isolates: a typed U+202E (right-to-left override) reverses even Latin letters,
as the canvas (Qt) shows them; without reordering the PDF printed them in typed order."""


@lru_cache(maxsize=8192)
def visual_order(text: str) -> str:
    """The line as reportlab must draw it: shaped and reordered when it holds right-to-left letters or
    explicit direction controls."""
    if not has_rtl(text) and (text.isascii() or _BIDI_CONTROLS.isdisjoint(text)):
        return text
    import arabic_reshaper
    from bidi import get_display

    from app.layout.fonts import is_rtl

    shaped = arabic_reshaper.reshape(text) if _has_arabic(text) else text
    return get_display(shaped, base_dir="R" if is_rtl(text) else "L")


def _has_arabic(text: str) -> bool:
    return any(0x600 <= ord(c) <= 0x6FF or 0x750 <= ord(c) <= 0x77F or 0x8A0 <= ord(c) <= 0x8FF for c in text)


def _unicode_of(code: int) -> str:
    """What a glyph's code point should read back as: Arabic presentation forms as their letters
    (a lam-alef ligature as alef + lam, since readers reverse the glyph's text with the word)."""
    char = chr(code)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        letters = unicodedata.normalize("NFKC", char).strip()
        if letters and letters != char:
            return letters[::-1] if len(letters) > 1 and all(has_rtl(c) for c in letters) else letters
    return char


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """A ToUnicode CMap for a reportlab TrueType subset (its own writes presentation forms as they are
    and code points above U+FFFF as invalid 4-digit values)."""
    def hex_of(code: int) -> str:
        return _unicode_of(code).encode("utf-16-be").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar",
        *[f"<{i:02X}> <{hex_of(code)}>" for i, code in enumerate(subset)],
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


def install_cmap() -> None:
    """Make reportlab write `to_unicode_cmap` for every TrueType subset (it calls a module function)."""
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = to_unicode_cmap
