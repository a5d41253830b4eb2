"""Writing cells for the Excel export: text that is always text, shared styles, merges, and the
estimates (lines, heights) that stand in for the text measurement a spreadsheet file cannot do.

Styles are described by hashable keys (`style_key`); each distinct one is built once with
openpyxl's style objects and then copied to cells as a style array, which is what keeps a
300-stage map quick to write.
"""

from __future__ import annotations

import math
from copy import copy
from typing import Any

from app.io.xlsx_export.card_markers import cap_text, clean_text
from app.layout import theme

FONT = "Arial"  # Liberation Sans has the same metrics, so LibreOffice wraps like Excel
FONT_SIZE = 10
LINE_HEIGHT = 13.0  # points per line of FONT_SIZE text
MAX_ROW_HEIGHT = 409.0  # Excel's limit
CHARS_PER_UNIT = 1.15  # average characters of FONT_SIZE text per width unit, after word wrap losses


class CellWriter:
    """Writes cells of one workbook and collects the warnings to report."""

    def __init__(self, workbook: Any) -> None:
        self._workbook = workbook
        self._styles: dict[tuple[Any, ...], Any] = {}
        self._dropped = 0
        self._cut: list[str] = []
        self._other: list[str] = []

    def add_warning(self, warning: str) -> None:
        """A warning of the export that is not about one cell's text (a photo left out, ...)."""
        self._other.append(warning)

    def warnings(self) -> list[str]:
        out = []
        if self._dropped:
            out.append(
                f"left out {self._dropped} control character{'s' if self._dropped > 1 else ''} that Excel cannot hold"
            )
        for where in self._cut[:10]:
            out.append(f"{where} was cut to 32,767 characters, the most an Excel cell holds")
        if len(self._cut) > 10:
            out.append(f"... and {len(self._cut) - 10} more cells were cut to 32,767 characters")
        return out + self._other

    def text(
        self, sheet: Any, row: int, col: int, value: str, style: tuple[Any, ...], where: tuple[str, str] | None = None
    ) -> Any:
        """Write `value` as a string (never a formula), cleaned and capped, with a shared style."""
        value, dropped = clean_text(value)
        self._dropped += dropped
        value, cut = cap_text(value)
        if cut:
            self._cut.append(
                f"cell {where[0]} / {where[1]}" if where else f"cell {sheet.cell(row=row, column=col).coordinate}"
            )
        cell = sheet.cell(row=row, column=col)
        if value:
            # Straight into the cell, as a string: never a formula or an error code, and openpyxl's
            # own check for illegal characters (a slow regex) is not needed after clean_text.
            cell._value = value
            cell.data_type = "s"
        quote = bool(value) and value[0] in "=+-@"
        self.style(cell, style + (quote,))
        return cell

    def comment(self, cell: Any, text: str) -> None:
        """A cell comment (card notes), cleaned and capped like cell text, sized to be read."""
        from openpyxl.comments import Comment

        text, dropped = clean_text(text)
        self._dropped += dropped
        text, _ = cap_text(text)
        comment = Comment(text, "Journey Canvas")
        comment.width, comment.height = 300, min(600, 40 + 15 * (len(text) // 40 + text.count("\n")))
        cell.comment = comment

    def style(self, cell: Any, key: tuple[Any, ...]) -> None:
        """Apply a style described by `key`; each distinct style is built once and shared."""
        cached = self._styles.get(key)
        if cached is None:
            from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

            (
                size,
                bold,
                italic,
                color,
                fill,
                h_align,
                v_align,
                wrap,
                border,
                accent,
                rotation,
                number_format,
                quote,
            ) = key
            cell.font = Font(name=FONT, size=size, bold=bold, italic=italic, color=argb(color))
            if fill:
                cell.fill = PatternFill("solid", fgColor=argb(fill))
            cell.alignment = Alignment(horizontal=h_align, vertical=v_align, wrap_text=wrap, text_rotation=rotation)
            if border:
                thin = Side(style="thin", color=argb(theme.GRID_LINE))
                left = Side(style="thick", color=argb(accent)) if accent else thin
                cell.border = Border(left=left, right=thin, top=thin, bottom=thin)
            if number_format:
                cell.number_format = number_format
            cell.quotePrefix = quote
            self._styles[key] = copy(cell._style)
        else:
            cell._style = copy(cached)

    def merge(self, sheet: Any, row: int, col: int, end_row: int, end_col: int, style: tuple[Any, ...]) -> None:
        """Merge a range; every cell in it gets the style so borders and fills show everywhere.

        Done by hand rather than with `merge_cells`, which re-creates the borders of every edge
        cell one by one (a third of the export time of a 300-stage map)."""
        if (row, col) == (end_row, end_col):
            return
        from openpyxl.cell.cell import MergedCell
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.merge import MergedCellRange

        coord = f"{get_column_letter(col)}{row}:{get_column_letter(end_col)}{end_row}"
        sheet.merged_cells.add(MergedCellRange(sheet, coord))  # before the MergedCells: it copies no borders
        for r in range(row, end_row + 1):
            for c in range(col, end_col + 1):
                if (r, c) != (row, col):
                    merged = MergedCell(sheet, row=r, column=c)
                    self.style(merged, style + (False,))
                    sheet._cells[(r, c)] = merged


_DEFAULTS = (FONT_SIZE, False, False, theme.CARD_TEXT, None, "general", "top", True, False, None, 0, None)
_FIELDS = (
    "size",
    "bold",
    "italic",
    "color",
    "fill",
    "h_align",
    "v_align",
    "wrap",
    "border",
    "accent",
    "rotation",
    "number_format",
)


def style_key(**values: Any) -> tuple[Any, ...]:
    """A hashable style description (the quote-prefix flag is appended when the style is used)."""
    return tuple(values.get(name, default) for name, default in zip(_FIELDS, _DEFAULTS, strict=True))


def argb(color: str) -> str:
    return "FF" + color.lstrip("#")[:6].upper()


def line_count(text: str, width: float) -> int:
    """About how many lines `text` wraps to in a column `width` units wide."""
    per_line = max(4, int(width * CHARS_PER_UNIT))
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n")) if text else 1


def use_default_font(workbook: Any) -> None:
    """Make FONT the workbook's default: column widths are counted in its digit width, and
    with Arial (Liberation Sans in LibreOffice) Excel and LibreOffice agree on them."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=FONT, sz=FONT_SIZE, family=2)
    workbook._fonts = IndexedList([font])
    for style in workbook._named_styles:
        if style.name == "Normal":
            style.font = copy(font)


PAPER_SIZES = {"Letter": 1, "Tabloid": 3, "Legal": 5, "A3": 8, "A4": 9, "A2": 66}
"""Excel's paper size codes (ECMA-376 ST_PaperSize) for the PDF export's page sizes; A1 and A0 have none."""


MIN_PRINT_SCALE = 0.6
"""The smallest print scale a wide sheet is fitted to: FONT_SIZE text at 6 pt, the PDF's floor for card text."""


def pages_across(column_widths: list[float], repeated: float, *, page_size: str = "A4",
                 landscape: bool = True) -> int:
    """How many pages wide a sheet prints so that fitting it to their width keeps MIN_PRINT_SCALE: 1 when one
    page does. `column_widths` and `repeated` (the label columns printed on every page) are Excel width units."""
    from app.io.pdf.pages import PAGE_SIZES

    def points(width: float) -> float:  # Excel's width unit: about 7 pixels of the default font, plus 5 pixels
        return (width * 7 + 5) * 0.75

    paper = PAGE_SIZES.get(page_size if page_size in PAPER_SIZES else "A2", PAGE_SIZES["A4"])
    printable = (max(paper) if landscape else min(paper)) - 0.8 * 72  # the 0.4-inch side margins below
    total = sum(points(width) for width in column_widths)
    if total * MIN_PRINT_SCALE <= printable:
        return 1
    room = printable / MIN_PRINT_SCALE - points(repeated)  # what a page holds beside the repeated labels
    return max(1, math.ceil((total - points(repeated)) / max(room, 1.0)))


def print_setup(sheet: Any, *, landscape: bool, title: str = "", page_size: str = "A4") -> None:
    """Fit to the page width, the paper the PDF export would use, the title in the page header and
    "page N of M" in the footer."""
    from openpyxl.worksheet.page import PageMargins

    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = PAPER_SIZES.get(page_size, PAPER_SIZES["A2"])
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.55, bottom=0.55, header=0.2, footer=0.2)
    if title:
        sheet.oddHeader.center.text = title.replace("&", "&&")[:200]
        sheet.oddHeader.center.size = 9
    sheet.oddFooter.left.text = "&A"  # the sheet's name
    sheet.oddFooter.right.text = "page &P of &N"
    sheet.oddFooter.left.size = sheet.oddFooter.right.size = 8
