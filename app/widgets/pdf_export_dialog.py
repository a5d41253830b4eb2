"""File > Export > PDF: page setup with a live preview, and the export in a worker thread.

Usage from the main window::

    dialog = PdfExportDialog(lambda: document.journey, parent=window)   # or a JourneyMap
    if dialog.exec_export(path):                                          # modal; True when written
        status_bar.showMessage(f"Exported {path}")

`exec_export` shows the dialog; on Export it writes the PDF in a worker thread (the window keeps
repainting) with a progress dialog that can cancel, remembers the options in QSettings (group
"pdf_export") and returns whether the file was written. Warnings (e.g. characters no font has)
are shown once the file is written and kept in `last_warnings`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSettings, QSize, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.io.pdf.pages import (
    CARD_TEXT_PT,
    DEFAULT_MARGIN_MM,
    MAX_SCALE,
    MIN_CARD_TEXT_PT,
    MIN_SCALE,
    PAGE_SIZES,
    MapPlan,
    PdfOptionError,
    PdfOptions,
    page_for_one_sheet,
    pdf_options,
    plan_map,
)
from app.model.journey import JourneyMap
from app.widgets import dialogs
from app.widgets.embed_option import EmbedMapOption, persona_split
from app.widgets.plain_text import plain

SETTINGS_GROUP = "pdf_export"
PREVIEW_SIZE = QSize(420, 300)
MAP_IMAGE_MAX_PIXELS = 1600  # the cached map thumbnail's longest side


class _Cancelled(Exception):
    pass


class PdfExportWorker(QObject):
    """Writes one PDF; lives in a worker thread. Signals carry results back to the GUI thread."""

    progress = Signal(int, int)
    finished = Signal(list)  # warnings
    failed = Signal(str)

    def __init__(self, journey: JourneyMap, path: Path, options: PdfOptions, embed: bool = True) -> None:
        super().__init__()
        self._journey, self._path, self._options, self._embed = journey, path, options, embed
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True  # read by the worker thread at the next page

    @Slot()
    def run(self) -> None:
        from app.io.errors import JourneyFileError
        from app.io.formats import write_map

        def report(done: int, total: int) -> None:
            if self._cancel:
                raise _Cancelled
            self.progress.emit(done, total)

        o = self._options
        try:
            warnings = write_map(self._journey, self._path, page_size=o.page_size, orientation=o.orientation,
                                 fit=o.fit, scale=o.scale, margin=o.margin, cover=o.cover, appendix=o.appendix,
                                 channels=o.channels, embed=self._embed, progress=report)
        except _Cancelled:
            self.failed.emit("")
        except JourneyFileError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - reported in the dialog, never a crash of the editor
            self.failed.emit(f"{self._path.name}: the PDF could not be written ({exc})")
        else:
            self.finished.emit(warnings)


class PdfExportDialog(QDialog):
    """Page size, orientation, fit, scale, margin, cover and appendix, with a live preview."""

    export_finished = Signal(bool)  # True when the file was written

    def __init__(self, journey: JourneyMap | Callable[[], JourneyMap], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        self._journey_getter = journey if callable(journey) and not isinstance(journey, JourneyMap) else None
        self._journey = None if self._journey_getter else journey
        self._layout_cache = None
        self._map_image: QImage | None = None
        self._thread: QThread | None = None
        self._theme_guard = ExitStack()  # holds the normal theme while an export runs
        self._worker: PdfExportWorker | None = None
        self._progress: QProgressDialog | None = None
        self.last_warnings: list[str] = []
        self.last_error = ""
        self.show_messages = True  # message boxes for warnings and errors after an export
        self._build()
        self._load_settings()
        self._update_preview()

    # --- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.page_size = QComboBox()
        self.page_size.addItems(list(PAGE_SIZES))
        self.landscape = QRadioButton("Landscape")
        self.portrait = QRadioButton("Portrait")
        orientation = QButtonGroup(self)
        orientation.addButton(self.landscape)
        orientation.addButton(self.portrait)
        self.fit_page = QRadioButton("Whole map on one page")
        self.fit_tile = QRadioButton("Poster tiled across pages")
        self.fit_poster = QRadioButton("One poster sheet (A1, A0)")
        fit = QButtonGroup(self)
        fit.addButton(self.fit_page)
        fit.addButton(self.fit_tile)
        fit.addButton(self.fit_poster)
        self.scale = QSpinBox()
        self.scale.setRange(int(MIN_SCALE), int(MAX_SCALE))
        self.scale.setSuffix(" %")
        self.scale.setSingleStep(10)
        self.margin = QDoubleSpinBox()
        self.margin.setRange(0.0, 50.0)
        self.margin.setDecimals(1)
        self.margin.setSuffix(" mm")
        self.cover = QCheckBox("Cover page (title, persona, date, author)")
        self.appendix = QCheckBox("Appendix (card notes, stage descriptions and KPIs)")
        self.channels = QCheckBox("Channel matrix (stages \u00d7 channels, the persona's gaps)")
        self.embed_map = EmbedMapOption()
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = plain(QLabel())
        self.summary.setWordWrap(True)

        orientation_row = QHBoxLayout()
        orientation_row.addWidget(self.landscape)
        orientation_row.addWidget(self.portrait)
        fit_box = QVBoxLayout()
        fit_box.addWidget(self.fit_page)
        fit_box.addWidget(self.fit_tile)
        fit_box.addWidget(self.fit_poster)
        form = QFormLayout()
        form.addRow("Page size:", self.page_size)
        form.addRow("Orientation:", orientation_row)
        form.addRow("Fit:", fit_box)
        form.addRow("Poster scale:", self.scale)
        form.addRow("Margins:", self.margin)
        form.addRow("", self.cover)
        form.addRow("", self.appendix)
        form.addRow("", self.channels)
        form.addRow("", self.embed_map)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        # Enter exports wherever the focus is: Cancel is never the button Enter presses.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(self.preview)
        right.addWidget(self.summary)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addLayout(right)
        outer = QVBoxLayout(self)
        outer.addLayout(columns)
        outer.addWidget(self.buttons)

        self.page_size.currentIndexChanged.connect(self._update_preview)
        self.fit_poster.toggled.connect(self._on_fit_poster_toggled)
        for button in (self.landscape, self.portrait, self.fit_page, self.fit_tile, self.fit_poster, self.cover,
                       self.appendix, self.channels):
            button.toggled.connect(self._update_preview)
        self.scale.valueChanged.connect(self._update_preview)
        self.margin.valueChanged.connect(self._update_preview)

    # --- options and settings ---------------------------------------------------------

    def options(self) -> PdfOptions:
        """The options as set in the dialog (raises PdfOptionError if they cannot work)."""
        return pdf_options(self.page_size.currentText(), "portrait" if self.portrait.isChecked() else "landscape",
                           self._fit(), float(self.scale.value()),
                           self.margin.value(), self.cover.isChecked(), self.appendix.isChecked(),
                           self.channels.isChecked())

    def _fit(self) -> str:
        return "tile" if self.fit_tile.isChecked() else "poster" if self.fit_poster.isChecked() else "page"

    @Slot(bool)
    def _on_fit_poster_toggled(self, checked: bool) -> None:
        """A poster sheet on office paper makes no sense: move to A1 unless a big size is chosen."""
        if checked and self.page_size.currentText() not in ("A2", "A1", "A0", "Tabloid"):
            self.page_size.setCurrentText("A1")

    def set_options(self, options: PdfOptions) -> None:
        self.page_size.setCurrentText(options.page_size)
        (self.portrait if options.orientation == "portrait" else self.landscape).setChecked(True)
        {"tile": self.fit_tile, "poster": self.fit_poster}.get(options.fit, self.fit_page).setChecked(True)
        self.scale.setValue(round(options.scale))
        self.margin.setValue(options.margin)
        self.cover.setChecked(options.cover)
        self.appendix.setChecked(options.appendix)
        self.channels.setChecked(options.channels)

    def _load_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        try:
            options = pdf_options(
                settings.value("page_size", "A4", str), settings.value("orientation", "landscape", str),
                settings.value("fit", "page", str), float(settings.value("scale", 100.0)),
                float(settings.value("margin", DEFAULT_MARGIN_MM)),
                settings.value("cover", False, bool), settings.value("appendix", False, bool),
                settings.value("channels", False, bool))
        except (PdfOptionError, TypeError, ValueError):
            options = PdfOptions()
        finally:
            settings.endGroup()
        self.set_options(options)

    def _save_settings(self, options: PdfOptions) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        for key in ("page_size", "orientation", "fit", "scale", "margin", "cover", "appendix", "channels"):
            settings.setValue(key, getattr(options, key))
        settings.endGroup()

    # --- preview ----------------------------------------------------------------------

    def journey(self) -> JourneyMap:
        return self._journey_getter() if self._journey_getter else self._journey  # type: ignore[return-value]

    def _map_layout(self):
        if self._layout_cache is None:
            from app.layout import compute_layout, theme
            from app.layout.theme_variants import deliverable_theme

            with deliverable_theme():  # the preview shows the page as printed, not the screen's variant
                self._layout_cache = compute_layout(self.journey().content(), theme.PRINT_CARD_MAX_LINES)
        return self._layout_cache

    def _map_thumbnail(self) -> QImage:
        """The map rendered once, small; each preview only scales it."""
        if self._map_image is None:
            from app.layout.painting import map_picture
            from app.painters.qt_painter import paint_shapes

            layout = self._map_layout()
            k = min(1.0, MAP_IMAGE_MAX_PIXELS / max(layout.width, layout.height))
            image = QImage(max(1, round(layout.width * k)), max(1, round(layout.height * k)),
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            painter.scale(k, k)
            from app.layout.theme_variants import deliverable_theme

            with deliverable_theme():
                paint_shapes(painter, map_picture(layout, self.journey().metadata.title).all())
            painter.end()
            self._map_image = image
        return self._map_image

    def plan(self) -> MapPlan:
        layout = self._map_layout()
        return plan_map(self.options(), layout.width, layout.height, layout.header_height, layout.lane_header_width,
                        [column.x for column in layout.columns], [row.y for row in layout.rows])

    @Slot()
    def _update_preview(self) -> None:
        self.scale.setEnabled(self.fit_tile.isChecked())
        try:
            plan = self.plan()
        except PdfOptionError as exc:
            self.summary.setText(str(exc))
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        pixmap = QPixmap(PREVIEW_SIZE)
        pixmap.fill(QColor("#e6e9ef"))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if plan.clipped:
            self._paint_tiles(painter, plan)
        else:
            self._paint_page(painter, plan)
        painter.end()
        self.preview.setPixmap(pixmap)
        self.summary.setText(self._describe(plan))

    def _describe(self, plan: MapPlan) -> str:
        o = plan.options
        text = f"{o.page_size} {o.orientation}: "
        if plan.tiled:
            text += (f"{len(plan.sheets)} sheet(s), {plan.rows} row(s) \u00d7 {plan.columns} column(s) "
                     f"at {o.scale:g} %")
        elif plan.spreads:
            what = "stages" if plan.columns > 1 else "lanes"
            text += (f"{len(plan.sheets)} pages of {what} at {plan.scale * 100:.0f} % (card text "
                     f"{plan.scale * CARD_TEXT_PT:.1f} pt; on one page it would be too small to read)")
            paper = page_for_one_sheet(o, *plan.map_size)
            text += (f"; for one page choose {paper} or larger, or a poster" if paper
                     else "; for a wall chart choose a poster")
        else:
            text += f"the whole map on one {'sheet' if o.fit == 'poster' else 'page'} at {plan.scale * 100:.0f} %"
            if plan.scale * CARD_TEXT_PT < MIN_CARD_TEXT_PT:
                text += f" (card text {plan.scale * CARD_TEXT_PT:.1f} pt: too small to read; choose a bigger page)"
        extras = [name for name, wanted in (("a cover", o.cover),
                                            ("an assembly guide", plan.tiled and len(plan.sheets) > 1),
                                            ("the channel matrix", o.channels),
                                            ("the appendix", o.appendix)) if wanted]
        if extras:
            text += ", with " + (", ".join(extras[:-1]) + " and " if len(extras) > 1 else "") + extras[-1]
        return text + "."

    def _paint_page(self, painter: QPainter, plan: MapPlan) -> None:
        page_width, page_height = plan.options.page
        k = min((PREVIEW_SIZE.width() - 20) / page_width, (PREVIEW_SIZE.height() - 20) / page_height)
        painter.translate((PREVIEW_SIZE.width() - page_width * k) / 2, (PREVIEW_SIZE.height() - page_height * k) / 2)
        painter.scale(k, k)
        painter.fillRect(QRectF(3 / k, 3 / k, page_width, page_height), QColor(0, 0, 0, 50))
        painter.fillRect(QRectF(0, 0, page_width, page_height), Qt.GlobalColor.white)
        m = plan.options.margin_pt
        pen = QPen(QColor("#9aa5b8"), 0)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRect(QRectF(m, m, page_width - 2 * m, page_height - 2 * m))
        painter.fillRect(QRectF(m, m + 4, min(page_width / 3, 200), 10), QColor("#2f3b52"))  # the title line
        sheet = plan.sheets[0]
        width, height = plan.map_size
        painter.drawImage(QRectF(sheet.origin[0], sheet.origin[1], width * plan.scale, height * plan.scale),
                          self._map_thumbnail())

    def _paint_tiles(self, painter: QPainter, plan: MapPlan) -> None:
        width, height = plan.map_size
        k = min((PREVIEW_SIZE.width() - 20) / width, (PREVIEW_SIZE.height() - 20) / height)
        painter.translate((PREVIEW_SIZE.width() - width * k) / 2, (PREVIEW_SIZE.height() - height * k) / 2)
        painter.drawImage(QRectF(0, 0, width * k, height * k), self._map_thumbnail())
        painter.setPen(QPen(QColor("#2563eb"), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for sheet in plan.sheets:
            x0, y0, x1, y1 = sheet.window
            painter.drawRect(QRectF(x0 * k, y0 * k, (x1 - x0) * k, (y1 - y0) * k))

    # --- export -----------------------------------------------------------------------

    def exec_export(self, path: Path | str) -> bool:
        """Show the dialog; on Export write `path` without blocking the window. True when written."""
        if self.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.export_to(path, wait=True)

    def export_to(self, path: Path | str, wait: bool = False) -> bool:
        """Start writing `path` with the current options in a worker thread.

        Emits `export_finished(ok)`. With wait=True, runs a local event loop (the window keeps
        painting and the progress dialog can cancel) until the export ends and returns `ok`.
        """
        from PySide6.QtCore import QEventLoop

        options = self.options()
        self._save_settings(options)
        self.embed_map.remember()
        self.last_warnings, self.last_error = [], ""
        journey = self.journey().model_copy(deep=True)  # the editor may change the map meanwhile
        self._thread = QThread(self)
        self._worker = PdfExportWorker(journey, Path(path), options, embed=self.embed_map.isChecked())
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_worker_progress)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self._progress = QProgressDialog("Writing PDF\u2026", "Cancel", 0, 0, self.parentWidget() or self)
        self._progress.setWindowTitle("Export PDF")
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(400)
        self._progress.canceled.connect(self._on_progress_canceled)
        result: list[bool] = []
        loop = QEventLoop() if wait else None
        if loop is not None:
            self.export_finished.connect(lambda ok: (result.append(ok), loop.quit()))
        # The worker reads the theme while it lays the map out: switch the screen's variant (text size,
        # high contrast) off here, on the painting thread, for as long as it runs (see deliverable_theme).
        from app.layout.theme_variants import deliverable_theme

        self._theme_guard = ExitStack()
        self._theme_guard.enter_context(deliverable_theme())
        self._thread.start()
        if loop is not None:
            loop.exec()
            return bool(result and result[0])
        return True

    @Slot()
    def _on_progress_canceled(self) -> None:
        if self._worker is not None:
            self._worker.cancel()  # a plain flag: the worker's thread is busy, so no queued call

    @Slot(int, int)
    def _on_worker_progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(total)
            self._progress.setValue(done)

    @Slot(list)
    def _on_worker_finished(self, warnings: list) -> None:
        self.last_warnings = list(warnings)
        self._end_export(True)
        if warnings and self.show_messages:
            dialogs.message_box(self.parentWidget() or self, QMessageBox.Icon.Warning, "The PDF was written.\n\n"
                                + "\n".join(warnings), buttons=QMessageBox.StandardButton.Ok, title="Export PDF").exec()

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self.last_error = message
        self._end_export(False)
        if message and self.show_messages:
            dialogs.message_box(self.parentWidget() or self, QMessageBox.Icon.Critical, message,
                                buttons=QMessageBox.StandardButton.Ok, title="Export PDF").exec()

    def _end_export(self, ok: bool) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
            self._thread = None
        if self._worker is not None:
            self._worker.deleteLater()
            self._worker = None
        self._theme_guard.close()
        self.export_finished.emit(ok)


def export_pdf(window, fmt, suggested: Path) -> None:
    """File > Export > PDF: choose where, then the page setup dialog with its live preview."""
    from app.widgets import dialogs

    path = dialogs.ask_save_path_as(window, "Export PDF", str(suggested), "PDF document (*.pdf)", (".pdf",))
    if path is None:
        return
    dialog = PdfExportDialog(window.document.visible_journey, parent=window)  # as the persona filter shows it
    dialog.embed_map.show_filter(*persona_split(window.document.journey, window.document.persona_filter))
    if dialog.exec_export(path):
        window.settings.set_last_folder(path.absolute().parent)
        note = f" ({len(dialog.last_warnings)} warnings)" if dialog.last_warnings else ""
        window.statusBar().showMessage(f"Exported {path.name}{note}", 8000)
