"""A sheet (`Grid`) as a table model, coloured by what the importer made of each cell.

The model answers from the grid's dict of non-empty cells, so a sheet of any size costs nothing
until its cells scroll into view (no item object per cell). Row headers are sheet row numbers,
column headers column letters.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.io.sheet_import.grid import Grid, Pos, as_text, cell_name
from app.io.sheet_import.preview import (
    CARD,
    DIVIDER,
    EMOTION,
    EMOTION_LANE,
    HIDDEN,
    LANE,
    LEFT_OUT,
    META,
    ORDER,
    PERSONA,
    PHASE,
    ROLE_LABELS,
    STAGE,
)
from app.widgets.plain_text import plain_tooltip

ROLE_COLOURS: dict[str, str] = {
    STAGE: "#f9c74f",  # amber: the stage names
    PHASE: "#f8961e",  # orange: the phase band over them
    LANE: "#90cdf4",  # blue: the lane labels
    EMOTION_LANE: "#f4978e",  # coral: the emotion row's label and its scores
    EMOTION: "#f8c3bd",
    CARD: "#e3f4d7",  # light green: cells that became cards
    META: "#ddd0f2",  # lavender: title, persona and description lines
    LEFT_OUT: "#9a9a9a",  # grey hatching: left out (the reason is the tooltip)
    HIDDEN: "#c8c8c8",
    DIVIDER: "#7fb3a8",  # teal: a blueprint line between lane groups
    PERSONA: "#e7a6d4",  # pink: a Persona column, whose each row is
    ORDER: "#fbe3a2",  # pale amber: a Step column ordering the stages
}
LEGEND_ORDER = (STAGE, ORDER, PHASE, LANE, EMOTION_LANE, CARD, PERSONA, DIVIDER, META, LEFT_OUT)
MAX_DISPLAY_TEXT = 200


def column_letters(col: int) -> str:
    return cell_name(0, col)[:-1]


def role_brush(role: str) -> QBrush:
    if role in (LEFT_OUT, HIDDEN):
        return QBrush(QColor(ROLE_COLOURS[role]), Qt.BrushStyle.BDiagPattern)
    return QBrush(QColor(ROLE_COLOURS[role]))


class SheetTableModel(QAbstractTableModel):
    """Read-only view of one grid plus the roles and reasons of the current detection."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._grid: Grid | None = None
        self._rows = 0
        self._cols = 0
        self._roles: dict[Pos, str] = {}
        self._reasons: dict[Pos, str] = {}
        self._brushes = {role: role_brush(role) for role in ROLE_COLOURS}
        self._grey = QBrush(QColor("#6b6b6b"))

    @property
    def grid(self) -> Grid | None:
        return self._grid

    def set_grid(self, grid: Grid | None) -> None:
        self.beginResetModel()
        self._grid = grid
        shown = [*grid.cells, *grid.uncalculated, *grid.formula_errors, *grid.damaged] if grid else []  # unread too
        self._rows = max((r for r, _ in shown), default=-1) + 1
        self._cols = max((c for _, c in shown), default=-1) + 1
        self._roles, self._reasons = {}, {}
        self.endResetModel()

    def set_roles(self, roles: dict[Pos, str], reasons: dict[Pos, str]) -> None:
        """Recolour without resetting (the view keeps its scroll position and selection)."""
        self._roles, self._reasons = roles, reasons
        if self._rows and self._cols:
            self.dataChanged.emit(self.index(0, 0), self.index(self._rows - 1, self._cols - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole,
                                   Qt.ItemDataRole.ForegroundRole])

    def role_at(self, pos: Pos) -> str | None:
        return self._roles.get(pos)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._cols

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if self._grid is None or not index.isValid():
            return None
        pos = (index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._grid.cells.get(pos)
            if value is None:
                formula = self._grid.uncalculated.get(pos)  # no result saved: the formula, greyed as left out
                if formula:
                    return f"={formula}"
                return self._grid.formula_errors.get(pos) or ("(damaged)" if pos in self._grid.damaged else None)
            text = as_text(value)
            return text if len(text) <= MAX_DISPLAY_TEXT else text[:MAX_DISPLAY_TEXT] + "…"
        if role == Qt.ItemDataRole.BackgroundRole:
            kind = self._roles.get(pos)
            return self._brushes[kind] if kind is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._grey if self._roles.get(pos) in (LEFT_OUT, HIDDEN) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(pos)
            return plain_tooltip(tip) if tip else None
        return None

    def _tooltip(self, pos: Pos) -> str | None:
        assert self._grid is not None
        value = self._grid.cells.get(pos)
        kind = self._roles.get(pos)
        if value is None and kind is None:
            return None
        lines = [cell_name(*pos)]
        if kind is not None:
            lines[0] += f" — {ROLE_LABELS[kind]}"
        if pos in self._reasons:
            lines.append(f"left out: {self._reasons[pos]}")
        if value is not None:
            text = as_text(value)
            lines.append(text if len(text) <= 600 else text[:600] + "…")
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_letters(section)
        return str(section + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
