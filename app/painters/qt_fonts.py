"""The bundled font, registered with Qt once, and QFonts that measure like the layout engine."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase

from app.layout.fonts import BOLD_FONT, FONT_FAMILY, REGULAR_FONT

_registered = False


def ensure_fonts() -> str:
    """Register the bundled DejaVu Sans with Qt (needs a QGuiApplication); returns the family."""
    global _registered
    if not _registered:
        from PySide6.QtCore import QLoggingCategory

        # Qt warns once per installed font for each script it cannot shape without OpenType tables
        # ("OpenType support missing for 'DejaVu Sans', script 11"): a Hindi card made 250 such lines on
        # stderr, burying the one warning that says which characters print as boxes. QT_LOGGING_RULES
        # still overrides this.
        QLoggingCategory.setFilterRules("qt.text.font.db=false")
        for path in (REGULAR_FONT, BOLD_FONT):
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                raise RuntimeError(f"Qt could not load the bundled font {path}")
        _registered = True
    return FONT_FAMILY


@lru_cache(maxsize=64)
def layout_font(size: float, bold: bool = False) -> QFont:
    """A QFont for layout text: pixel size = point size (1 layout point is 1 scene unit),
    hinting and kerning off so advances match the TrueType widths the layout measured."""
    ensure_fonts()
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
