"""File > Import for spreadsheets: a preview of what the importer found on the sheet, with the choices
to correct it (sheet, orientation, header row, label column, each lane's kind) before importing.

Usage from the main window::

    dialog = ImportDialog(path, window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        result = dialog.import_result        # the ImportResult of read_xlsx/read_csv with the choices
    elif dialog.load_error:                  # the file could not be read at all (one line)
        ...

Reading the file, every re-detection and the final import run on the thread pool
(`app.widgets.background`), so the window keeps painting while a big sheet is read; a busy bar
says what is running. Changes to the controls are debounced and re-detected one at a time. The
source file is only ever read.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.io.formats import ImportResult
from app.io.sheet_import.detect import map_cell
from app.io.sheet_import.detect_result import Detection
from app.io.sheet_import.grid import Grid, Pos
from app.io.sheet_import.preview import Preview, SheetFile, import_sheets, load_sheets, preview, unread_reasons
from app.model.enums import LaneKind
from app.widgets.background import Progress, bridge, run_in_background
from app.widgets.dialogs import fit_on_screen
from app.widgets.import_controls import build_controls
from app.widgets.import_parts import POS_ROLE, LanesTable, fill_report, kinds_again, legend
from app.widgets.plain_text import plain
from app.widgets.sheet_model import SheetTableModel, column_letters

DEBOUNCE_MS = 250
MAX_SPANS = 5_000


class ImportDialog(QDialog):
    def __init__(self, path: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.source: SheetFile | None = None
        self.current: Preview | None = None
        self.import_result: ImportResult | None = None
        self.load_error: str | None = None
        # the user's choices (None: let the importer decide); rows and columns are 0-based
        self.sheet: str | None = None
        self.orientation: str | None = None
        self.header_row: int | None = None
        self.label_column: int | None = None
        self.lane_kinds: dict[int, LaneKind] = {}
        self.kinds_by_name: dict[str, LaneKind] = {}  # the kinds chosen, by lane name: kept across readings
        self.map_at: str | None = None  # with several maps on the sheet: the top-left cell of the one to import
        self.all_maps = False  # with several maps on the sheet: all of them, one persona each
        self._jobs: dict[int, str] = {}  # job number -> "load" | "detect" | "import"
        self._pending = False  # the choices changed while a detection ran
        self._first_view = True

        self.setWindowTitle(f"Import {self.path.name}")
        self.setAccessibleName("Import preview")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start_detection)
        self._build()
        carrier = bridge()
        carrier.finished.connect(self._on_job_finished)
        carrier.failed.connect(self._on_job_failed)
        carrier.progress.connect(self._on_job_progress)
        fit_on_screen(self, 1120, 720)
        self._start("load", lambda progress: _load(self.path, progress), f"Reading {self.path.name}…")

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        controls = build_controls(self)

        self.model = SheetTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Sheet preview")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setDefaultSectionSize(120)
        self.table.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

        self.lanes_table = LanesTable()
        self.lanes_table.kindChosen.connect(self._on_kind_chosen)
        self.lanes_table.cellChosen.connect(self.select_cell)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel("Lanes (change a kind if the guess is wrong):"))
        side_layout.addWidget(self.lanes_table, 1)
        side_layout.addWidget(legend())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 300])

        self.summary_label = plain(QLabel(""))
        self.summary_label.setAccessibleName("Import summary")
        self.summary_label.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # busy: no percentage is known while a sheet is read
        self.busy_bar.setMaximumWidth(260)
        self.busy_bar.setTextVisible(True)
        self.busy_bar.setAccessibleName("Working")
        status = QHBoxLayout()
        status.addWidget(self.summary_label, 1)
        status.addWidget(self.busy_bar)

        self.report_toggle = QToolButton()
        self.report_toggle.setCheckable(True)
        self.report_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.report_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.report_toggle.setAutoRaise(True)
        self.report_toggle.setAccessibleName("Show import report")
        self.report_toggle.toggled.connect(self._on_report_toggled)
        self.report_list = QListWidget()
        self.report_list.setAccessibleName("Import report")
        self.report_list.setMaximumHeight(150)
        self.report_list.hide()
        self.report_list.itemClicked.connect(self._on_report_clicked)
        self.report_list.itemActivated.connect(self._on_report_clicked)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Import")
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        layout.addLayout(status)
        layout.addWidget(self.report_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.report_list)
        layout.addWidget(self.buttons)

    # --- the user's choices ---------------------------------------------------------------------

    def overrides(self) -> dict[str, Any]:
        """The choices made, as `read_xlsx`/`read_csv` keyword arguments (nothing for 'auto')."""
        chosen: dict[str, Any] = {"sheet": self.sheet, "orientation": self.orientation,
                                  "header_row": self.header_row, "label_column": self.label_column,
                                  "lane_kinds": dict(self.lane_kinds) or None,
                                  "map_at": None if self.all_maps else self.map_at, "all_maps": self.all_maps or None}
        return {k: v for k, v in chosen.items() if v is not None}

    def _changed(self, *, keep_kinds: bool = False) -> None:
        if not keep_kinds:
            self.lane_kinds = {}  # lane numbers belong to one reading; a new reading has its own lanes
        self._timer.start()  # debounce: typing "12" in the header row detects once

    def _on_sheet_activated(self, index: int) -> None:
        name = self.sheet_combo.itemText(index)
        if self.current is not None and self.current.grid is not None and name == self.current.grid.name \
                and self.sheet is None:
            return
        self.sheet = name
        self.header_row = self.label_column = None  # rows and columns of another sheet mean something else
        self.map_at = None
        self._set_quietly(self.header_spin, 0)
        self.label_combo.setCurrentIndex(0)
        self._changed()

    def _on_orientation_activated(self, index: int) -> None:
        self.orientation = self.orientation_combo.itemData(index)
        self._changed()

    def _on_header_changed(self, value: int) -> None:
        self.header_row = value - 1 if value > 0 else None
        self._changed()

    def _on_label_activated(self, index: int) -> None:
        self.label_column = self.label_combo.itemData(index)
        self._changed()

    def _on_all_maps_toggled(self, checked: bool) -> None:
        self.all_maps = checked
        self.map_combo.setEnabled(not checked)
        self.header_row = self.label_column = None  # each map has its own header row and label column
        self._set_quietly(self.header_spin, 0)
        self.label_combo.setCurrentIndex(0)
        self._changed()

    def _on_map_activated(self, index: int) -> None:
        self.map_at = self.map_combo.itemData(index)
        self.header_row = self.label_column = None  # the header row and label column of the other map are its own
        self._set_quietly(self.header_spin, 0)
        self.label_combo.setCurrentIndex(0)
        self._changed()

    def _on_kind_chosen(self, lane: int, kind: str) -> None:
        self.lane_kinds[lane] = LaneKind(kind)
        detection = self.current.detection if self.current is not None else None
        if detection is not None and lane < len(detection.lanes) and detection.lanes[lane].name:
            self.kinds_by_name[detection.lanes[lane].name] = LaneKind(kind)
        self._changed(keep_kinds=True)

    def _reapply_kinds(self, found: Preview) -> None:
        """A new reading numbers its lanes anew: the kinds chosen for lanes of those names are chosen again."""
        wanted = kinds_again(found.detection if found.ok else None, self.lane_kinds, self.kinds_by_name)
        if wanted != self.lane_kinds:
            self.lane_kinds = wanted
            self._timer.start()

    @staticmethod
    def _set_quietly(spin: QSpinBox, value: int) -> None:
        spin.blockSignals(True)
        spin.setValue(value)
        spin.blockSignals(False)

    # --- jobs -----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    @property
    def settled(self) -> bool:
        """A reading is shown and no change is waiting or being read (tests wait for this)."""
        return self.current is not None and not self._jobs and not self._pending and not self._timer.isActive()

    def _start(self, kind: str, work, message: str) -> None:
        number = run_in_background(work)
        self._jobs[number] = kind
        self.busy_bar.setFormat(message)
        self._show_busy()

    def _show_busy(self) -> None:
        self.busy_bar.setVisible(self.busy)
        importing = "import" in self._jobs.values()
        for widget in (self.sheet_combo, self.orientation_combo, self.header_spin, self.label_combo,
                       self.lanes_table, self.all_maps_box):
            widget.setEnabled(not importing and self.source is not None)
        self.ok_button.setEnabled(not importing and self.current is not None and self.current.ok)

    def _start_detection(self) -> None:
        if self.source is None:
            return
        if "detect" in self._jobs.values():
            self._pending = True
            return
        source, sheet, chosen = self.source, self.sheet, self.overrides()
        chosen.pop("sheet", None)
        self._start("detect", lambda progress: _detect(source, sheet, chosen, progress), "Finding the map…")

    def _on_job_progress(self, number: int, text: str) -> None:
        if number in self._jobs:
            self.busy_bar.setFormat(text)

    def _on_job_finished(self, number: int, value: object) -> None:
        kind = self._jobs.pop(number, None)
        if kind is None:
            return  # another dialog's job
        self._show_busy()
        if kind == "load":
            assert isinstance(value, SheetFile)
            self.source = value
            self._fill_sheets()
            self._start_detection()
        elif kind == "detect":
            if self._pending:
                self._pending = False
                self._start_detection()  # the choices changed meanwhile: this reading is already stale
                return
            assert isinstance(value, Preview)
            self._show_preview(value)
            self._reapply_kinds(value)
        elif kind == "import":
            assert isinstance(value, ImportResult)
            self.import_result = value
            super().accept()
        self._show_busy()

    def _on_job_failed(self, number: int, message: str) -> None:
        kind = self._jobs.pop(number, None)
        if kind is None:
            return
        self._show_busy()
        if kind == "load":
            self.load_error = message
            self.reject()
            return
        self._show_summary(message.removeprefix(f"{self.path.name}: "), False)
        if kind == "detect" and self._pending:
            self._pending = False
            self._start_detection()

    # --- showing a reading ---------------------------------------------------------------------

    def _fill_sheets(self) -> None:
        assert self.source is not None
        self.sheet_combo.clear()
        self.sheet_combo.addItems(self.source.sheet_names)
        several = not self.source.is_csv
        self.sheet_label.setVisible(several)
        self.sheet_combo.setVisible(several)

    def _show_preview(self, found: Preview) -> None:
        self.current = found
        if found.grid is not self.model.grid:
            self._show_grid(found.grid)
        reasons = unread_reasons(found.grid) | {item.pos: item.reason for item in found.left_out}
        self.model.set_roles(found.roles, reasons)
        detection = found.detection
        if found.grid is not None:
            self.sheet_combo.setCurrentText(found.grid.name)
        auto_way = detection.orientation.replace("-", " ") if detection is not None else ""
        self.orientation_combo.setItemText(0, f"auto ({auto_way})" if auto_way else "auto")
        header = detection.header_row if detection is not None else None
        self.header_spin.setSpecialValueText(f"auto (row {header + 1})" if header is not None else "auto")
        label = detection.label_column if detection is not None else None
        self.label_combo.setItemText(0, f"auto ({column_letters(label)})" if label is not None else "auto")
        self.lanes_table.show_lanes(found.detection.lanes if found.detection is not None and found.ok else [])
        self._fill_maps(detection)
        self._fill_report(found)
        self._show_summary(found.summary(), found.ok)
        self._show_busy()
        if self._first_view and detection is not None:
            self._first_view = False
            self.table.scrollTo(self.model.index(detection.block.r1, detection.block.c1),
                                QAbstractItemView.ScrollHint.PositionAtTop)

    def _fill_maps(self, detection: Detection | None) -> None:
        """The maps on the shown sheet, in sheet order, the one read selected; hidden when there is one."""
        maps = sorted([detection, *detection.other_maps], key=lambda d: (d.block.r1, d.block.c1)) if (
            detection is not None) else []
        several = len(maps) > 1
        sheets = detection is not None and not several and bool(detection.sibling_sheets)
        self.map_label.setVisible(several)
        self.map_combo.setVisible(several)
        self.all_maps_box.setVisible(several or sheets)
        self.all_maps_box.setToolTip(("Its sheets" if sheets else "The maps on this sheet") + " share their stages: "
                                     "import them as one map, a persona each (its cards, its emotion curve)")
        if not (several or sheets) and self.all_maps:
            self.all_maps = False
            self.all_maps_box.blockSignals(True)
            self.all_maps_box.setChecked(False)
            self.all_maps_box.blockSignals(False)
            self.map_combo.setEnabled(True)
        self.map_combo.clear()
        for found in maps if several else []:
            title = f" {found.title}" if found.title else ""
            self.map_combo.addItem(f"{map_cell(found)}:{title} ({len(found.stages)} stages)", map_cell(found))
        if several:
            self.map_combo.setCurrentIndex(max(0, self.map_combo.findData(map_cell(detection))))

    def _show_grid(self, grid: Grid | None) -> None:
        self.model.set_grid(grid)
        self.table.clearSpans()
        if grid is not None:
            for r1, c1, r2, c2 in grid.merged[:MAX_SPANS]:
                if (r2 > r1 or c2 > c1) and r1 < self.model.rowCount() and c1 < self.model.columnCount():
                    self.table.setSpan(r1, c1, min(r2, self.model.rowCount() - 1) - r1 + 1,
                                       min(c2, self.model.columnCount() - 1) - c1 + 1)
        self._set_quietly(self.header_spin, 0)
        self.header_spin.blockSignals(True)
        self.header_spin.setMaximum(self.model.rowCount())
        self.header_spin.setValue(self.header_row + 1 if self.header_row is not None else 0)
        self.header_spin.blockSignals(False)
        self.label_combo.blockSignals(True)
        while self.label_combo.count() > 1:
            self.label_combo.removeItem(1)
        for col in range(self.model.columnCount()):
            self.label_combo.addItem(column_letters(col), col)
        chosen = self.label_combo.findData(self.label_column) if self.label_column is not None else 0
        self.label_combo.setCurrentIndex(max(chosen, 0))
        self.label_combo.blockSignals(False)

    def _fill_report(self, found: Preview) -> None:
        self.report_toggle.setText(fill_report(self.report_list, found))

    def _show_summary(self, text: str, ok: bool) -> None:
        sheet = f"{self.current.grid.name}: " if ok and self.current and self.current.grid and self.source \
            and not self.source.is_csv else ""
        self.summary_label.setText(sheet + text)
        self.summary_label.setStyleSheet("" if ok else "color: #b00020;")

    # --- report and lanes point at cells ---------------------------------------------------------

    def _on_report_toggled(self, shown: bool) -> None:
        self.report_list.setVisible(shown)
        self.report_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _on_report_clicked(self, item: QListWidgetItem) -> None:
        pos = item.data(POS_ROLE)
        if pos is not None:
            self.select_cell(tuple(pos))

    def select_cell(self, pos: Pos) -> None:
        index: QModelIndex = self.model.index(pos[0], pos[1])
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # --- OK and Cancel ------------------------------------------------------------------------------

    def accept(self) -> None:
        """Import with the choices made (in the background); the dialog closes when the map is read."""
        if self.import_result is not None:
            super().accept()
            return
        if self.source is None or "import" in self._jobs.values():
            return
        path, chosen = self.path, self.overrides()
        self._start("import", lambda progress: import_sheets(path, **chosen), f"Importing {path.name}…")

    def done(self, result: int) -> None:
        self._timer.stop()
        carrier = bridge()
        for signal, slot in ((carrier.finished, self._on_job_finished), (carrier.failed, self._on_job_failed),
                             (carrier.progress, self._on_job_progress)):
            with contextlib.suppress(RuntimeError, TypeError):  # never connected, or already gone
                signal.disconnect(slot)
        self._jobs.clear()
        super().done(result)


def _load(path: Path, progress: Progress) -> SheetFile:
    progress(f"Reading {path.name}…")
    return load_sheets(path)


def _detect(source: SheetFile, sheet: str | None, chosen: dict[str, Any], progress: Progress) -> Preview:
    progress("Finding the map…")
    return preview(source, sheet, **chosen)
