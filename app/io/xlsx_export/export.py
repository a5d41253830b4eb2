"""Excel export: a "Journey map" sheet that reads like the canvas, a "Persona" sheet, and the
whole map in a very-hidden sheet (see xlsx_hidden) so export-then-import loses nothing.

Layout of the map sheet (1-based rows, columns):
- the grid from row 1 (the frozen panes hold only its header rows and the lane label column; the
  persona is on its own sheet): an optional phases row (each phase merged over its adjacent stages), the stage
  header row, an optional stage details row (description and KPIs, no label), then one row
  per lane. Lane labels are in column A, or in column B when the map has lane groups
  (group names then sit in column A, merged down over their lanes);
- an emotions lane takes a row of numbers (unless it has only cards), plus a row of the
  points' labels when any, plus a row of its cards when any, the lane label merged over them;
- the title in the corner of the stage header row, above the lane labels (as on the canvas);
- a "Description" row under the grid with the description and author, when there are any;
- a line chart of the emotion curve under the grid.
Cell text follows app.io.xlsx_export.card_markers (one card per line, markers an importer can strip);
cells, styles and size estimates are app.io.xlsx_export.cells. Card notes are cell comments (only on
cells whose cards have notes: openpyxl writes comments slowly); tags and ids are kept in the hidden sheet.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

from app.io.journey.file import gc_paused
from app.io.xlsx_export.card_markers import cell_text, clean_text
from app.io.xlsx_export.cells import (
    CHARS_PER_UNIT,
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    PAPER_SIZES,
    CellWriter,
    line_count,
    pages_across,
    print_setup,
    style_key,
    use_default_font,
)
from app.io.xlsx_export.emotion_chart import add_emotion_chart
from app.io.xlsx_export.hidden_sheet import write_hidden_map
from app.io.xlsx_export.overflow import notes_comment, row_height, split_cell
from app.io.xlsx_export.persona_sheet import write_persona_sheet
from app.io.xlsx_export.sheet_grid import SheetGrid
from app.layout import theme
from app.layout.colors import mix, readable_text_color
from app.model.blueprint import blueprint_lines
from app.model.enums import LaneKind
from app.model.journey import Card, JourneyMap, Kpi, Lane
from app.model.personas import persona_colors, persona_label

MAP_SHEET = "Journey map"
PERSONA_SHEET = "Persona"
STAGE_WIDTH_RANGE = (22.0, 38.0)  # column width in Excel units (about one digit each)
TITLE_SIZE = 14.0  # the title in the corner above the lane labels
BOLD_WIDER = 1.3  # bold text (lane labels, the title) takes about this much more width than the estimate
ABOUT_LABEL = "Description"  # the row under the grid with the map's description and author
GROUP_WIDTH = 5.0  # the lane-group column, its names turned 90 degrees


def write_xlsx(journey: JourneyMap, path: Path, page_size: str | None = None, **options: Any) -> list[str]:
    """The format registry's writer for .xlsx; returns warnings (text cut or characters dropped).
    `page_size` is the PDF export's option (A4, A3, ..., Letter): the paper the sheets print on."""
    with gc_paused():
        return _write_workbook(journey, path, page_size or "A4")


def _write_workbook(journey: JourneyMap, path: Path, page_size: str = "A4") -> list[str]:
    from openpyxl import Workbook

    workbook = Workbook()
    use_default_font(workbook)
    writer = _Writer(workbook)
    writer.page_size = next((name for name in PAPER_SIZES if name.casefold() == page_size.casefold()), "A4")
    writer.title = clean_text(journey.metadata.title)[0] or "Journey map"
    map_sheet = workbook.active
    map_sheet.title = MAP_SHEET
    writer.map_sheet(map_sheet, journey)
    write_persona_sheet(writer, workbook.create_sheet(PERSONA_SHEET), journey.personas, writer.title,
                        writer.page_size)
    write_hidden_map(workbook, journey)
    workbook.active = 0
    workbook.properties.title = clean_text(journey.metadata.title)[0]
    workbook.properties.creator = clean_text(journey.metadata.author)[0] or "Journey Canvas"
    buffer = io.BytesIO()  # built in memory, written by Python: a full disk is one OSError, no openpyxl noise
    try:
        workbook.save(buffer)
    except Exception as exc:
        # openpyxl still writes each sheet to a temporary file; with lxml installed (python-pptx needs it) a
        # full disk there raises lxml's SerialisationError (e.g. IO_EFBIG) instead of an OSError.
        if type(exc).__name__ != "SerialisationError":
            raise
        raise OSError(f"the disk is full or the file too large ({exc})") from exc
    Path(path).write_bytes(buffer.getvalue())
    return writer.warnings()


class _Writer(CellWriter):
    """Lays out the map sheet and the persona sheet."""

    page_size = "A4"
    title = ""

    # --- the map sheet -------------------------------------------------------------------
    def map_sheet(self, sheet: Any, journey: JourneyMap) -> None:
        grouped = any(lane.group_id for lane in journey.lanes)
        grid = SheetGrid(label_col=2 if grouped else 1, first_stage_col=3 if grouped else 2)
        cells = _cells_by_lane(journey)
        grid.widths = _stage_widths(journey, cells)
        label_width = min(28.0, max(14.0, max((len(lane.name) for lane in journey.lanes), default=0) * 1.0 + 3))
        grid.labels_width = label_width + (GROUP_WIDTH if grouped else 0)
        grid.label_width = label_width
        self._grid(sheet, journey, grid, 1, cells)
        self._corner_title(sheet, journey, grid)
        self._about_row(sheet, journey, grid)
        self._columns(sheet, grid, label_width, grouped)
        add_emotion_chart(sheet, journey, grid)
        sheet.freeze_panes = sheet.cell(row=grid.first_lane_row, column=grid.first_stage_col).coordinate
        print_setup(sheet, landscape=True, title=self.title, page_size=self.page_size)
        # a wide map prints on pages across (its labels repeated) rather than shrunk to one page's width
        sheet.page_setup.fitToWidth = pages_across([grid.labels_width, *grid.widths], grid.labels_width,
                                                   page_size=self.page_size)
        sheet.print_title_rows = f"{grid.first_title_row}:{grid.header_row}"
        last_label = "B" if grouped else "A"
        sheet.print_title_cols = f"A:{last_label}"
        sheet.sheet_view.zoomScale = 100

    def _corner_title(self, sheet: Any, journey: JourneyMap, grid: SheetGrid) -> None:
        """The map's title in the corner above the lane labels (as on the canvas), on the stage header row:
        the frozen panes then hold only the grid's headers. Not on the phases row: a band with a label
        would not read back as phases."""
        style = style_key(size=TITLE_SIZE, bold=True, h_align="left", v_align="center")
        self.text(sheet, grid.header_row, 1, journey.metadata.title, style)
        if grid.label_col > 1:
            self.merge(sheet, grid.header_row, 1, grid.header_row, grid.label_col, style)
        _fit_label(sheet, journey.metadata.title, grid.labels_width, grid.header_row, grid.header_row, TITLE_SIZE)

    def _about_row(self, sheet: Any, journey: JourneyMap, grid: SheetGrid) -> None:
        """The description and author in a "Description" row right under the grid (out of the frozen panes,
        so it is never cut short); the importer reads that row back as the map's description."""
        about = "\n".join(
            part
            for part in (
                journey.metadata.description,
                f"By {journey.metadata.author}" if journey.metadata.author else "",
            )
            if part
        )
        if not about:
            return
        row = grid.last_row + 1
        label_style = style_key(bold=True, color=theme.CARD_MUTED_TEXT)
        self.text(sheet, row, grid.label_col, ABOUT_LABEL, label_style)
        last = grid.first_stage_col + max(1, len(journey.stages)) - 1
        style = style_key(italic=True)
        self.text(sheet, row, grid.first_stage_col, about, style)
        if last > grid.first_stage_col:
            self.merge(sheet, row, grid.first_stage_col, row, last, style)
        lines = line_count(about, sum(grid.widths) or STAGE_WIDTH_RANGE[0])
        sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 4)
        grid.last_row = row

    def _grid(self, sheet: Any, journey: JourneyMap, grid: SheetGrid, row: int, cells: _Cells) -> None:
        stages = journey.stages
        first = grid.first_stage_col
        grid.first_title_row = row
        if any(stage.phase_id for stage in stages):
            self._phases(sheet, journey, row, first)
            sheet.row_dimensions[row].height = 20
            row += 1
        grid.header_row = row
        header_lines = 1
        for index, stage in enumerate(stages):
            fill = stage.color or theme.HEADER_FILL
            color = _readable(fill, theme.HEADER_TEXT, theme.LANE_HEADER_TEXT)
            self.text(
                sheet,
                row,
                first + index,
                stage.name,
                style_key(size=12, bold=True, color=color, fill=fill, h_align="center", v_align="center", border=True),
            )
            header_lines = max(header_lines, line_count(stage.name, grid.widths[index] / 1.25))
        sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, header_lines * 16 + 8)
        row += 1
        details = [_stage_details(stage.description, stage.kpis) for stage in stages]
        if any(details):
            detail_style = style_key(size=9, italic=True, color=theme.CARD_MUTED_TEXT, fill="#f5f6f8", border=True)
            lines = 1
            for index, text in enumerate(details):
                self.text(sheet, row, first + index, text, detail_style)
                lines = max(lines, line_count(text, grid.widths[index] * 1.15))
            self.style(sheet.cell(row=row, column=grid.label_col), detail_style + (False,))
            sheet.row_dimensions[row].height = min(MAX_ROW_HEIGHT, lines * 11.5 + 5)
            row += 1
        grid.first_lane_row = row
        group_runs: list[tuple[str, int, int]] = []
        dividers = blueprint_lines(journey.lanes)
        for lane_index, lane in enumerate(journey.lanes):
            if lane_index in dividers:
                self._divider(sheet, journey, grid, row, dividers[lane_index])
                row += 1
            top = row
            row = self._lane(sheet, journey, lane, cells.get(lane.id, {}), grid, row)
            if lane.group_id:
                if group_runs and group_runs[-1][0] == lane.group_id and group_runs[-1][2] == top - 1:
                    group_runs[-1] = (lane.group_id, group_runs[-1][1], row - 1)
                else:
                    group_runs.append((lane.group_id, top, row - 1))
        grid.last_row = row - 1
        groups = {group.id: group for group in journey.lane_groups}
        for group_id, top, bottom in group_runs:
            group = groups[group_id]
            fill = group.color or theme.LANE_GROUP_FILL
            color = _readable(fill, theme.HEADER_TEXT, theme.LANE_HEADER_TEXT)
            style = style_key(
                bold=True,
                color=color,
                fill=fill,
                h_align="center",
                v_align="center",
                border=True,
                rotation=90,
            )
            self.text(sheet, top, 1, group.name, style)
            self.merge(sheet, top, 1, bottom, 1, style)
            # Turned text needs the rows' height: grow the group's last row when they are too short.
            needed = min(MAX_ROW_HEIGHT, len(group.name) * 7.0 + 12)
            heights = [sheet.row_dimensions[r].height or LINE_HEIGHT for r in range(top, bottom + 1)]
            if sum(heights) < needed:
                sheet.row_dimensions[bottom].height = min(MAX_ROW_HEIGHT, heights[-1] + needed - sum(heights))

    def _divider(self, sheet: Any, journey: JourneyMap, grid: SheetGrid, row: int, name: str) -> None:
        """A service-blueprint line as a thin row: its name in the label column, a dashed line across the grid."""
        from openpyxl.styles import Border, Side

        line = Side(style="mediumDashed", color=theme.BLUEPRINT_LINE.lstrip("#").upper())
        self.text(sheet, row, grid.label_col, name,
                  style_key(size=9, bold=True, italic=True, color=theme.BLUEPRINT_LINE, wrap=False))
        for column in range(grid.label_col, grid.first_stage_col + len(journey.stages)):
            sheet.cell(row=row, column=column).border = Border(bottom=line)
        sheet.row_dimensions[row].height = 14

    def _phases(self, sheet: Any, journey: JourneyMap, row: int, first: int) -> None:
        phases = {phase.id: phase for phase in journey.phases}
        index = 0
        stages = journey.stages
        while index < len(stages):
            phase_id = stages[index].phase_id
            end = index
            while end + 1 < len(stages) and stages[end + 1].phase_id == phase_id:
                end += 1
            if phase_id is not None:
                phase = phases[phase_id]
                fill = phase.color or theme.PHASE_FILL
                color = _readable(fill, theme.PHASE_TEXT, theme.LANE_HEADER_TEXT)
                style = style_key(
                    size=11, bold=True, color=color, fill=fill, h_align="center", v_align="center", border=True
                )
                self.text(sheet, row, first + index, phase.name, style)
                self.merge(sheet, row, first + index, row, first + end, style)
            index = end + 1

    def _lane(
        self,
        sheet: Any,
        journey: JourneyMap,
        lane: Lane,
        cells: dict[str, tuple[list[Card], str]],
        grid: SheetGrid,
        row: int,
    ) -> int:
        """Write one lane from `row`; returns the next free row."""
        top = row
        first = grid.first_stage_col
        stages = journey.stages
        fill = theme.lane_fill(lane.kind, lane.color)
        accent = theme.LANE_KIND_ACCENT[lane.kind]
        label_color = _readable(fill, theme.HEADER_TEXT, theme.LANE_HEADER_TEXT)
        label_style = style_key(
            size=11, bold=True, color=label_color, fill=fill, v_align="center", border=True, accent=accent
        )
        points = {p.stage_id: p for p in journey.emotions if p.lane_id == lane.id}
        if lane.kind == LaneKind.EMOTIONS and (points or not cells):
            curves = _curves(journey, lane)
            for title, curve, color in curves:
                start = row
                row = self._emotion_rows(sheet, journey, curve, grid, row)
                grid.emotion_rows.append((lane, start, title, color))
                if len(curves) > 1:  # one label per persona's rows: "Emotions – Maya", which the import reads back
                    self.text(sheet, start, grid.label_col, title, label_style)
                    self.merge(sheet, start, grid.label_col, row - 1, grid.label_col, label_style)
                    _fit_label(sheet, title, grid.label_width, start, row - 1)
            if len(curves) > 1:
                if not cells:
                    return row
                top = row
            elif not cells:  # one persona's curve of several: its row says whose ("Emotions – Kai")
                title = curves[0][0] if len(journey.personas) > 1 else lane.name
                self.text(sheet, top, grid.label_col, title, label_style)
                self.merge(sheet, top, grid.label_col, row - 1, grid.label_col, label_style)
                _fit_label(sheet, title, grid.label_width, top, row - 1)
                return row
        style = style_key(border=True)
        # A cell taller than a row continues in the rows below (see overflow.py).
        pieces = [split_cell(cells.get(stage.id, _EMPTY_CELL)[1], width) for stage, width in zip(stages, grid.widths,
                                                                                                  strict=True)]
        depth = max([1] + [len(p) for p in pieces])
        for offset in range(depth):
            texts = [p[offset] if offset < len(p) else "" for p in pieces]
            for index, stage in enumerate(stages):
                cards = cells.get(stage.id, _EMPTY_CELL)[0]
                colors = {card.color for card in cards}
                own = style_key(fill=colors.pop(), border=True) if len(colors) == 1 and None not in colors else style
                self.text(sheet, row + offset, first + index, texts[index], own, where=(stage.name, lane.name))
            sheet.row_dimensions[row + offset].height = row_height(texts, grid.widths, depth > 1)
        for index, stage in enumerate(stages):
            note = notes_comment(cells.get(stage.id, _EMPTY_CELL)[0])
            if note:
                self.comment(sheet.cell(row=row, column=first + index), note)
        row += depth - 1
        if depth > 1:  # a lane over several rows (and maybe pages): its name at the top, where it starts
            label_style = style_key(size=11, bold=True, color=label_color, fill=fill, v_align="top", border=True,
                                    accent=accent)
        self.text(sheet, top, grid.label_col, lane.name, label_style)
        self.merge(sheet, top, grid.label_col, row, grid.label_col, label_style)
        _fit_label(sheet, lane.name, grid.label_width, top, row)
        return row + 1

    def _emotion_rows(self, sheet: Any, journey: JourneyMap, points: dict[str, Any], grid: SheetGrid, row: int) -> int:
        """A row of one curve's scores (and a row of their labels when any); returns the next free row."""
        first = grid.first_stage_col
        scale = journey.emotion_scale
        for index, stage in enumerate(journey.stages):
            cell = sheet.cell(row=row, column=first + index)
            point = points.get(stage.id)
            if point is None:
                self.style(cell, style_key(border=True) + (False,))
                continue
            cell.value = point.value
            face = _pale(theme.face_color(scale.normalized(point.value)))
            self.style(
                cell,
                style_key(
                    size=12,
                    bold=True,
                    fill=face,
                    h_align="center",
                    v_align="center",
                    border=True,
                    number_format="0.0#",
                )
                + (False,),
            )
        sheet.row_dimensions[row].height = 22
        row += 1
        if any(p.label for p in points.values()):
            style = style_key(italic=True, h_align="center", border=True)
            labels = [(points[stage.id].label or "") if stage.id in points else "" for stage in journey.stages]
            for index, label in enumerate(labels):
                self.text(sheet, row, first + index, label, style)
            # a long label wraps: the row grows with it (italic runs a little wider than the estimate)
            sheet.row_dimensions[row].height = row_height(labels, [w / 1.1 for w in grid.widths], False)
            row += 1
        return row

    def _columns(self, sheet: Any, grid: SheetGrid, label_width: float, grouped: bool) -> None:
        from openpyxl.utils import get_column_letter

        if grouped:
            sheet.column_dimensions["A"].width = GROUP_WIDTH
        sheet.column_dimensions[get_column_letter(grid.label_col)].width = label_width
        for index, width in enumerate(grid.widths):
            sheet.column_dimensions[get_column_letter(grid.first_stage_col + index)].width = width

# --- helpers ------------------------------------------------------------------------------


@functools.cache
def _readable(fill: str, light: str, dark: str) -> str:
    return readable_text_color(fill, light, dark)


@functools.cache
def _pale(color: str) -> str:
    return mix(color, "#ffffff", 0.55)


def _stage_widths(journey: JourneyMap, cells: _Cells) -> list[float]:
    """Each stage column just wide enough for its longest line, within STAGE_WIDTH_RANGE."""
    wanted = {stage.id: len(stage.name) * 1.3 + 2 for stage in journey.stages}
    for lane_cells in cells.values():
        for stage_id, (_, text) in lane_cells.items():
            longest = max(map(len, text.split("\n"))) / CHARS_PER_UNIT + 4
            if longest > wanted[stage_id]:
                wanted[stage_id] = longest
    low, high = STAGE_WIDTH_RANGE
    return [round(max(low, min(high, wanted[stage.id])), 1) for stage in journey.stages]


_Cells = dict[str, dict[str, tuple[list[Card], str]]]
"""lane id -> stage id -> (the cell's cards, the cell's text)."""
_EMPTY_CELL: tuple[list[Card], str] = ([], "")


def _cells_by_lane(journey: JourneyMap) -> _Cells:
    cards: dict[str, dict[str, list[Card]]] = {}
    for card in journey.cards:
        cards.setdefault(card.lane_id, {}).setdefault(card.stage_id, []).append(card)
    names = {p.id: persona_label(p, i) for i, p in enumerate(journey.personas)} or None
    cells = {
        lane_id: {stage_id: (group, cell_text(group, persona_names=names)) for stage_id, group in by_stage.items()}
        for lane_id, by_stage in cards.items()
    }
    for lane in journey.lanes:  # a KPI lane shows each stage's KPIs above its cards, as on the canvas
        if lane.kind == LaneKind.KPIS:
            by_stage = cards.get(lane.id, {})
            cells[lane.id] = {stage.id: (by_stage.get(stage.id, []),
                                         cell_text(by_stage.get(stage.id, []), stage.kpis, names))
                              for stage in journey.stages if stage.kpis or stage.id in by_stage}
    return cells


def _curves(journey: JourneyMap, lane: Lane) -> list[tuple[str, dict[str, Any], str | None]]:
    """An emotions lane's curves as (row title, points by stage, colour): one per persona with points when the
    map has several personas, else the lane's one curve (titled with the lane's name, as before)."""
    points = [p for p in journey.emotions if p.lane_id == lane.id]
    if len(journey.personas) > 1:
        colors = persona_colors(journey)
        by_owner: dict[str | None, dict[str, Any]] = {}  # grouped once: 3,000 personas took 24 s one by one
        for point in points:
            by_owner.setdefault(journey.curve_owner(point.persona_id), {})[point.stage_id] = point
        curves = []
        for index, persona in enumerate(journey.personas):
            mine = by_owner.get(persona.id)
            if mine:
                curves.append((f"{lane.name} – {persona_label(persona, index)}", mine, colors[persona.id]))
        if curves:
            return curves
    own = persona_colors(journey).get(journey.personas[0].id) if journey.personas else None
    return [(lane.name, {p.stage_id: p for p in points}, own)]


def _fit_label(sheet: Any, text: str, width: float, top: int, bottom: int, size: float = 11.0) -> None:
    """Grow the last of the rows `top`..`bottom` a bold label is merged over until the label fits."""
    scale = size / 11.0
    lines = line_count(text, width / (BOLD_WIDER * scale))
    needed = lines * LINE_HEIGHT * scale + 8
    heights = [sheet.row_dimensions[r].height or LINE_HEIGHT for r in range(top, bottom + 1)]
    if sum(heights) < needed:
        sheet.row_dimensions[bottom].height = min(MAX_ROW_HEIGHT, heights[-1] + needed - sum(heights))


def _stage_details(description: str, kpis: list[Kpi]) -> str:
    from app.layout.engine import kpi_text

    return "\n".join(([description] if description else []) + [kpi_text(kpi) for kpi in kpis])
