"""The parts of an OpenDocument spreadsheet's styles the importer needs: each cell style's background colour and
whether its number format shows a number otherwise than plainly (a percentage, a currency, fixed decimals), and
which sheets are hidden. Read with expat from styles.xml (named styles) and content.xml's automatic styles.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0 "
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0 "
NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0 "
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0 "
CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0 "

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_PLAIN_NUMBER_STYLES = frozenset({NUMBER + "number-style"})
_SHOWN_NUMBER_STYLES = {NUMBER + "percentage-style": 100.0, NUMBER + "currency-style": 1.0}


@dataclass
class _CellStyle:
    parent: str | None = None
    fill: str | None = None  # '#rrggbb', '' for explicitly none
    data_style: str | None = None


@dataclass
class OdsStyles:
    """Cell styles by name (named and automatic ones share one name space in a spreadsheet)."""

    cells: dict[str, _CellStyle] = field(default_factory=dict)
    scales: dict[str, float | None] = field(default_factory=dict)  # data style -> None when it shows numbers
    # plainly, else what its display multiplies them by (100 for a percentage, 0.001 for a display factor of 1000)
    hidden_tables: set[str] = field(default_factory=set)  # table styles with table:display="false"
    _fills: dict[str, str | None] = field(default_factory=dict)
    _scales: dict[str, float | None] = field(default_factory=dict)

    def fill(self, name: str | None) -> str | None:
        """The style's background colour ('#rrggbb'), following its parents; None for none or white."""
        if not name:
            return None
        if name not in self._fills:
            style = self._nearest(name, "fill")
            colour = (style.fill or None) if style is not None else None
            self._fills[name] = None if colour is None or colour.lower() == "#ffffff" else colour.lower()
        return self._fills[name]

    def number_scale(self, name: str | None) -> float | None:
        """None when numbers in this cell style show plainly (LibreOffice's General), else the scale of what its
        number format shows: 100 for a percentage, 1 for a currency or fixed decimals."""
        if not name:
            return None
        if name not in self._scales:
            style = self._nearest(name, "data_style")
            self._scales[name] = self.scales.get(style.data_style) if style is not None else None
        return self._scales[name]

    def _nearest(self, name: str, attribute: str) -> _CellStyle | None:
        """Style `name`, or the nearest of its parents (20 at most: a loop of parents ends), that sets `attribute`."""
        current = self.cells.get(name)
        for _ in range(20):
            if current is None or getattr(current, attribute) is not None:
                return current
            current = self.cells.get(current.parent or "")
        return None


class StyleReader:
    """Expat callbacks gathering styles; content.xml's reader hands it the elements met before the body."""

    def __init__(self, styles: OdsStyles) -> None:
        self.styles = styles
        self.current: _CellStyle | None = None
        self.table_style: str | None = None
        self.data_style: str | None = None  # the number style being read
        self.data_parts: list[str] = []
        self.factor = 1.0  # a number style's display factor, as a scale

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == STYLE + "style":
            family = attrs.get(STYLE + "family")
            name = attrs.get(STYLE + "name", "")
            if family == "table-cell":
                self.current = self.styles.cells[name] = _CellStyle(attrs.get(STYLE + "parent-style-name"),
                                                                      None, attrs.get(STYLE + "data-style-name"))
            elif family == "table":
                self.table_style = name
        elif tag == STYLE + "default-style" and attrs.get(STYLE + "family") == "table-cell":
            self.current = self.styles.cells.setdefault("", _CellStyle())
        elif tag == STYLE + "table-cell-properties" and self.current is not None:
            colour = attrs.get(FO + "background-color")
            if colour is not None:
                self.current.fill = colour if _COLOUR.fullmatch(colour) else ""  # 'transparent'
        elif tag == STYLE + "table-properties" and self.table_style is not None:
            if attrs.get(TABLE + "display") == "false":
                self.styles.hidden_tables.add(self.table_style)
        elif tag in _SHOWN_NUMBER_STYLES:
            self.styles.scales[attrs.get(STYLE + "name", "")] = _SHOWN_NUMBER_STYLES[tag]
        elif tag in _PLAIN_NUMBER_STYLES:
            self.data_style = attrs.get(STYLE + "name", "")
            self.data_parts = []
            self.factor = 1.0
        elif self.data_style is not None:
            self.data_parts.append(tag.rsplit(" ", 1)[-1] + _number_attributes(attrs))
            with contextlib.suppress(ValueError, ZeroDivisionError):
                self.factor = 1 / float(attrs.get(NUMBER + "display-factor", "1"))

    def end(self, tag: str) -> None:
        if tag == STYLE + "style" or tag == STYLE + "default-style":
            self.current = None
            self.table_style = None
        elif tag in _PLAIN_NUMBER_STYLES and self.data_style is not None:
            # LibreOffice's "General" is one plain <number:number min-integer-digits="1"/>
            plain = self.data_parts in ([], ["number"], ["number:1"])
            self.styles.scales[self.data_style] = None if plain else self.factor
            self.data_style = None


def _number_attributes(attrs: dict[str, str]) -> str:
    """What a number:number element asks for, beyond at least one integer digit ('' or ':1' for General)."""
    kept = sorted((k.rsplit(" ", 1)[-1], v) for k, v in attrs.items())
    if kept == [("min-integer-digits", "1")]:
        return ":1"
    return "".join(f" {k}={v}" for k, v in kept)
