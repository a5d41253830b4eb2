"""Where a drawing object sits: a sheet's column widths and row heights in EMU (DrawingML's unit).

Anchors name a cell plus an offset in EMU; which cells a shape covers depends on how wide the
columns and how tall the rows really are, read from the sheet's <col width> and <row ht>.
"""

from __future__ import annotations

import zipfile


class SheetMetrics:
    """Column widths and row heights of a sheet in EMU, to tell which cells a drawing object covers."""

    def __init__(self, widths: dict[int, int], heights: dict[int, int], width: int, height: int) -> None:
        self.widths, self.heights = widths, heights
        self.default_width, self.default_height = width, height

    def col_width(self, col: int) -> int:
        return self.widths.get(col, self.default_width)

    def row_height(self, row: int) -> int:
        return self.heights.get(row, self.default_height)

    def x(self, col: int) -> int:
        return self._offset(col, self.widths, self.default_width)

    def y(self, row: int) -> int:
        return self._offset(row, self.heights, self.default_height)

    @staticmethod
    def _offset(index: int, sizes: dict[int, int], default: int) -> int:
        index = max(0, min(index, 1_048_576))
        return index * default + sum(size - default for at, size in sizes.items() if at < index)

    def covered(self, start: int, end: int, size_of) -> tuple[int, int]:  # noqa: ANN001
        """First and last line (column or row) that [start, end] covers at least half of; the line of its
        centre when it covers none that much."""
        start, end = min(start, end), max(start, end)
        is_col = size_of == self.col_width
        sizes = self.widths if is_col else self.heights
        default = self.default_width if is_col else self.default_height
        low, high = 0, 1_048_576  # the last line starting at or before `start` (offsets only grow)
        while low < high:
            middle = (low + high + 1) // 2
            if self._offset(middle, sizes, default) <= start:
                low = middle
            else:
                high = middle - 1
        line = low
        edge = self._offset(line, sizes, default)
        first = last = None
        centre_line = None
        centre = (start + end) // 2
        for _ in range(20_000):
            size = size_of(line)
            if edge <= centre < edge + size:
                centre_line = line
            overlap = min(end, edge + size) - max(start, edge)
            if size and overlap * 2 >= size:
                first = line if first is None else first
                last = line
            if edge >= end:
                break
            edge += size
            line += 1
        if first is None or last is None:
            line = centre_line if centre_line is not None else max(0, line - 1)
            return line, line
        return first, last


_EMU_PER_PIXEL = 9525


def sheet_metrics(archive: zipfile.ZipFile, part: str) -> SheetMetrics:
    """Custom column widths (<col width>) and row heights (<row ht>) of a sheet, read in one streaming pass."""
    from xml.parsers import expat

    widths: dict[int, int] = {}
    heights: dict[int, int] = {}
    defaults = {"width": 64 * _EMU_PER_PIXEL, "height": 190_500}

    def start(tag: str, attrs: dict[str, str]) -> None:
        tag = tag.rsplit(":", 1)[-1]
        if tag == "col" and attrs.get("width") and len(widths) < 16_384:
            width = _width_emu(attrs["width"])
            for col in range(_int(attrs.get("min")) - 1, min(_int(attrs.get("max")), _int(attrs.get("min")) + 16_384)):
                widths[max(col, 0)] = 0 if attrs.get("hidden") in ("1", "true") else width
        elif tag == "row" and (attrs.get("ht") or attrs.get("hidden") in ("1", "true")) and len(heights) < 100_000:
            row = _int(attrs.get("r")) - 1
            heights[row] = 0 if attrs.get("hidden") in ("1", "true") else _points_emu(attrs.get("ht", "15"))
        elif tag == "sheetFormatPr":
            if attrs.get("defaultColWidth"):
                defaults["width"] = _width_emu(attrs["defaultColWidth"])
            if attrs.get("defaultRowHeight"):
                defaults["height"] = _points_emu(attrs["defaultRowHeight"])

    def refuse(*_args: object) -> None:
        raise ValueError("XML declares a document type or entities")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        with archive.open(part) as source:
            parser.ParseFile(source)
    except (expat.ExpatError, ValueError):
        pass  # sizes are a refinement: the defaults still place shapes
    return SheetMetrics(widths, heights, defaults["width"], defaults["height"])


def _width_emu(text: str) -> int:
    try:
        chars = float(text)
    except ValueError:
        chars = 8.43
    return max(0, int(chars * 7 + 5)) * _EMU_PER_PIXEL


def _points_emu(text: str) -> int:
    try:
        points = float(text)
    except ValueError:
        points = 15.0
    return max(0, int(points * 12_700))


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0
