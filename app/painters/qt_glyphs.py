"""Which characters Qt cannot draw with any installed font (they would show as empty boxes)."""

from __future__ import annotations

from functools import lru_cache

from app.layout.fonts import has_glyph


def missing_glyphs(texts: list[str]) -> list[str]:
    """Characters of `texts` that neither the bundled font nor any font Qt falls back to can draw."""
    from app.painters.pdf_fonts import unicodedata_printable

    missing: dict[str, None] = {}
    for text in texts:
        for char in text:
            if not has_glyph(char) and not char.isspace() and unicodedata_printable(char) and _missing(char):
                missing.setdefault(char, None)
    return list(missing)


@lru_cache(maxsize=4096)
def _missing(char: str) -> bool:
    """Lay the character out with Qt's own font fallback; glyph 0 is the empty box."""
    from PySide6.QtGui import QTextLayout

    from app.painters.qt_fonts import layout_font

    layout = QTextLayout(char, layout_font(12))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    return not runs or any(index == 0 for run in runs for index in run.glyphIndexes())


def glyph_warnings(texts: list[str], content=None) -> list[str]:
    """The warning naming characters no font draws, and where in `content` (the map) they are."""
    from app.model.text_places import places_with

    chars = missing_glyphs(texts)
    if not chars:
        return []
    listed = " ".join(f"{c} (U+{ord(c):04X})" for c in chars[:20])
    more = f" and {len(chars) - 20} more" if len(chars) > 20 else ""
    where = f" ({places_with(content, chars)})" if content is not None and places_with(content, chars) else ""
    return [f"no glyph for: {listed}{more}; no installed font has them, so they show as empty boxes{where}"]
