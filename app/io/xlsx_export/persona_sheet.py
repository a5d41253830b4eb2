"""The workbook's "Persona" sheet: every field of every persona, one column each, with their photos."""

from __future__ import annotations

import io
from typing import Any

from app.io.xlsx_export.card_markers import EXCEL_CELL_LIMIT
from app.io.xlsx_export.cells import LINE_HEIGHT, MAX_ROW_HEIGHT, CellWriter, line_count, print_setup, style_key
from app.layout import theme
from app.model.journey import Persona


def write_persona_sheet(writer: CellWriter, sheet: Any, personas: list[Persona], title: str,
                        page_size: str) -> None:
    """Every field of every persona: labels in column A, one column per persona from B; `title` and `page_size`
    are the print-out's (the map's title in the header, the paper)."""
    from openpyxl.utils import get_column_letter

    sheet.column_dimensions["A"].width = 18
    width = 70 if len(personas) <= 1 else max(30, 120 // len(personas))
    heading = "Persona" if len(personas) <= 1 else "Personas"
    writer.text(sheet, 1, 1, heading, style_key(size=16, bold=True, wrap=False))
    sheet.row_dimensions[1].height = 24
    if not personas:
        writer.text(sheet, 3, 1, "This map has no persona.", style_key(italic=True, wrap=False))
        return
    labels = ["Name", "Role", "Quote", "Goals", "Needs", "Expectations", "Frustrations", "Preferred channels"]
    label_style = style_key(bold=True, color=theme.CARD_MUTED_TEXT, fill=theme.LANE_HEADER_FILL, border=True)
    columns = [[[persona.name], [persona.role], [persona.quote], *_cells(persona.goals), *_cells(persona.needs),
                *_cells(persona.expectations), *_cells(persona.frustrations),
                ["\n".join(c.label for c in persona.preferred_channels)]] for persona in personas]
    row = 3
    for offset, label in enumerate(labels):
        for part in range(max(len(column[offset]) for column in columns)):  # a list too long for one cell: more rows
            height = 0.0
            for column, values in enumerate(columns, start=2):
                sheet.column_dimensions[get_column_letter(column)].width = width
                value = values[offset][part] if part < len(values[offset]) else ""
                writer.text(sheet, row, column, value, style_key(border=True, italic=label == "Quote"))
                height = max(height, line_count(value, width) * LINE_HEIGHT + 6)
            writer.text(sheet, row, 1, label, label_style)  # the same key again: import joins its items
            sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, height)
            row += 1
    print_setup(sheet, landscape=len(personas) > 1, title=title, page_size=page_size)
    photo_row = row + 1
    for column, persona in enumerate(personas, start=2):
        if persona.photo is not None:  # one persona: beside its fields, as before; several: under each column
            anchor = "D3" if len(personas) == 1 else f"{get_column_letter(column)}{photo_row}"
            _photo(writer, sheet, persona.photo.image_bytes(), anchor, persona.name)

def _cells(items: list[str]) -> list[list[str]]:
    """A list field as the texts of its cells, one item a line: as few cells as hold it, each within what an
    Excel cell holds (a persona's three 20,000-character goals were cut at 32,767 characters, the rest lost)."""
    cells: list[str] = []
    for item in items:
        if cells and _units(cells[-1]) + 1 + _units(item) <= EXCEL_CELL_LIMIT:
            cells[-1] += "\n" + item
        else:
            cells.append(item)
    return [cells or [""]]


def _units(text: str) -> int:
    """What Excel counts of a text: UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _photo(writer: CellWriter, sheet: Any, data: bytes, anchor: str = "D3", owner: str = "") -> None:
    """Place the persona photo beside the fields; a picture Pillow cannot read is left out."""
    from openpyxl.drawing.image import Image as SheetImage

    from app.io.image.photo import PhotoError, photo_thumbnail, whose

    try:
        image = SheetImage(io.BytesIO(photo_thumbnail(data, 240)))
    except PhotoError as exc:
        writer.add_warning(whose(str(exc) if exc.too_large else "the persona photo was left out: it is not an "
                                 "image Excel can show", owner))
        return
    except Exception:  # noqa: BLE001 - openpyxl refusing the picture: the fields are what matter
        writer.add_warning(whose("the persona photo was left out: it is not an image Excel can show", owner))
        return
    sheet.add_image(image, anchor)
