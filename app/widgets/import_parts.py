"""Parts of the import preview dialog: the table of detected lanes with a kind per lane, and the colour legend."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.io.sheet_import.detect_result import DetectedLane
from app.io.sheet_import.grid import cell_name
from app.io.sheet_import.preview import LEFT_OUT as LEFT_OUT_ROLE
from app.io.sheet_import.preview import ROLE_LABELS, Preview
from app.io.sheet_import.report import FOUND, GUESSED, HEADINGS, LEFT_OUT, grouped
from app.model.enums import LaneKind
from app.widgets.plain_text import plain_tooltip
from app.widgets.sheet_model import LEGEND_ORDER, ROLE_COLOURS

POS_ROLE = Qt.ItemDataRole.UserRole
COMBO_BATCH = 40
GUESS_COLOUR = "#fff1b8"
"""Lanes (and report lines) whose kind was guessed from weak evidence: pale amber, check these first."""


class LanesTable(QTableWidget):
    """One row per detected lane: its label and a combo with its kind."""

    kindChosen = Signal(int, str)  # lane number, LaneKind value  # noqa: N815
    cellChosen = Signal(object)  # the (row, col) of the lane's label cell  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setAccessibleName("Detected lanes")
        self.setHorizontalHeaderLabels(["Lane", "Kind"])
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(1, _kind_combo("").sizeHint().width() + 4)  # headers do not measure cell widgets
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cellClicked.connect(self._on_cell_clicked)
        self._generation = 0

    def show_lanes(self, lanes: list[DetectedLane]) -> None:
        """Labels at once; the kind combos in batches, so a wrong reading with hundreds of lanes
        (a long map read the other way round) never stalls the window."""
        self._generation += 1
        self.setRowCount(len(lanes))
        for row, lane in enumerate(lanes):
            item = QTableWidgetItem(("? " if lane.guess else "") + (lane.name or "(no label)"))
            where = cell_name(*lane.label) if lane.label is not None else "no label cell"
            tip = f"{lane.name} ({where})" + (f", group {lane.group}" if lane.group else "")
            if lane.guess:  # a kind from weak evidence: marked, so the user looks here first
                tip += f"\nKind guessed: {lane.guess}. Change it if it is wrong."
                item.setBackground(QColor(GUESS_COLOUR))
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, "kind guessed")
            item.setToolTip(plain_tooltip(tip))
            item.setData(POS_ROLE, lane.label)
            self.setItem(row, 0, item)
        self._add_combos(self._generation, lanes, 0)

    def _add_combos(self, generation: int, lanes: list[DetectedLane], start: int) -> None:
        if generation != self._generation:
            return  # another reading arrived meanwhile
        end = min(start + COMBO_BATCH, len(lanes))
        for row in range(start, end):
            lane = lanes[row]
            combo = _kind_combo(lane.name)
            combo.setCurrentIndex(combo.findData(lane.kind.value))
            combo.activated.connect(lambda _index, row=row, combo=combo: self.kindChosen.emit(row, combo.currentData()))
            self.setCellWidget(row, 1, combo)
        if end < len(lanes):
            QTimer.singleShot(0, self, lambda: self._add_combos(generation, lanes, end))

    def kind_combo(self, lane: int) -> QComboBox:
        widget = self.cellWidget(lane, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def _on_cell_clicked(self, row: int, _column: int) -> None:
        item = self.item(row, 0)
        pos = item.data(POS_ROLE) if item is not None else None
        if pos is not None:
            self.cellChosen.emit(tuple(pos))


def _kind_combo(lane_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(f"Kind of lane {lane_name}")
    for kind in LaneKind:
        combo.addItem(kind.label, kind.value)
    return combo


def legend() -> QWidget:
    """A swatch and a name for each colour the sheet preview uses."""
    widget = QWidget()
    rows = QVBoxLayout(widget)
    rows.setContentsMargins(0, 6, 0, 0)
    rows.setSpacing(2)
    for role in LEGEND_ORDER:
        swatch = QLabel()
        swatch.setFixedSize(22, 12)
        colour = ROLE_COLOURS[role]
        fill = (f"qlineargradient(x1:0, y1:1, x2:1, y2:0, stop:0 #ffffff, stop:0.45 #ffffff, stop:0.5 {colour}, "
                "stop:0.55 #ffffff)") if role == LEFT_OUT_ROLE else colour
        swatch.setStyleSheet(f"background: {fill}; border: 1px solid #888;")
        row = QHBoxLayout()
        row.addWidget(swatch)
        row.addWidget(QLabel(ROLE_LABELS[role]), 1)
        rows.addLayout(row)
    return widget


def fill_report(report_list: QListWidget, found: Preview) -> str:
    """The report grouped as found / guessed / left out (why), each under a bold heading; a left-out
    cell's line carries its cell (a click shows it). Returns the text for the report's toggle."""
    report_list.clear()
    groups = dict(grouped(found.notes))
    left = [(item.describe(), item.pos) for item in found.left_out]
    left += [(line, None) for line in groups.get(LEFT_OUT, [])]
    sections = [(FOUND, [(line, None) for line in groups.get(FOUND, [])]),
                (GUESSED, [(line, None) for line in groups.get(GUESSED, [])]), (LEFT_OUT, left)]
    for group, lines in sections:
        if not lines:
            continue
        heading = QListWidgetItem(f"{HEADINGS[group]}: {len(lines)}")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
        report_list.addItem(heading)
        for text, pos in lines:
            item = QListWidgetItem("    " + text)
            if pos is not None:
                item.setData(POS_ROLE, pos)
                item.setToolTip("Click to show the cell")
            elif group == GUESSED:
                item.setBackground(QColor(GUESS_COLOUR))
            else:
                item.setForeground(Qt.GlobalColor.darkGray)
            report_list.addItem(item)
    count = len(found.left_out)
    guesses = len(groups.get(GUESSED, []))
    notes = len(found.notes)
    return (f"Import report: {count} cell{'' if count == 1 else 's'} left out, "
            f"{guesses} guess{'' if guesses == 1 else 'es'}, {notes} note{'' if notes == 1 else 's'}")


def kinds_again(detection, lane_kinds: dict[int, LaneKind], by_name: dict[str, LaneKind]) -> dict[int, LaneKind]:
    """The lane kinds to ask of a new reading (another orientation, header row, label column or sheet, which
    numbers its lanes anew): the kinds chosen, by lane name, for its lanes of those names. A new reading used to
    drop every choice without a word."""
    wanted = dict(lane_kinds)
    for index, lane in enumerate(detection.lanes if detection is not None else ()):
        kind = by_name.get(lane.name)
        if kind is not None and lane.kind != kind and index not in wanted:
            wanted[index] = kind
    return wanted
