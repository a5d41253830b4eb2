"""The main window: one document, the canvas in the middle, panels docked around it, menus.

The window owns file handling (new, open, import, save, export, recent files, drops, the
unsaved-changes question) and wires the canvas, panels and autosave to one JourneyDocument.
It asks the user everything through app.widgets.dialogs, so tests replace those functions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QWidget,
)

from app.autosave import Autosaver, discard, read_recovery
from app.document import JourneyDocument
from app.io import formats
from app.io.errors import JourneyFileError
from app.io.formats import FileFormat, ImportResult, format_for, read_map, write_map
from app.model.journey import JourneyMap
from app.model.templates import TEMPLATES, map_from_template
from app.settings import Settings
from app.widgets import dialogs
from app.widgets.canvas import MapView
from app.widgets.disk_watch import DiskWatch
from app.widgets.evidence_filter import evidence_legend
from app.widgets.start_page import install_start_page
from app.widgets.toolbar import install_toolbar
from app.widgets.view_options import apply_theme, saved_theme

APP_NAME = "Journey Canvas"
NATIVE_FORMAT = "journey"
NATIVE_SUFFIX = ".journey"
NATIVE_FILTER = "Journey Canvas maps (*.journey)"
PANELS_OPEN = "panels_open"
"""View setting: a panel showed when the last window closed, so the next one builds them before its first paint."""

ExportDialog = Callable[["MainWindow", FileFormat, Path], None]
EXPORT_DIALOGS: dict[str, ExportDialog] = {}
"""Format name -> a dialog that asks for options and a path, then calls `window.export_to(...)`.

Formats without an entry export with a plain save dialog and their last used options
(`Settings.export_options`). The PDF exporter registers its PdfExportDialog here.
"""


def _filters(formats: list[FileFormat]) -> str:
    return ";;".join(f"{f.description} ({' '.join('*' + e for e in f.extensions)})" for f in formats)


def readable_formats() -> list[FileFormat]:
    return [f for f in formats.FORMATS if f.reader]


def ask_readable_path(window, caption: str, folder: str | None = None) -> Path | None:
    """Ask for a file of any format Journey Canvas reads (starting in the last folder used)."""
    return dialogs.ask_open_path(window, caption, folder or window.settings.last_folder(),
                                 _filters(readable_formats()))


def import_formats() -> list[FileFormat]:
    return [f for f in formats.FORMATS if f.reader and f.name != NATIVE_FORMAT]


def export_formats() -> list[FileFormat]:
    return [f for f in formats.FORMATS if f.writer and f.name != NATIVE_FORMAT]


def key_sequences(shortcut) -> list[QKeySequence]:
    """All the platform's bindings of standard keys (Redo is Ctrl+Y and Ctrl+Shift+Z), plus any
    explicit ones (so Close is Ctrl+W and Quit Ctrl+Q even where the platform names none), deduplicated."""
    out: list[QKeySequence] = []
    for item in shortcut if isinstance(shortcut, list) else [shortcut]:
        keys = QKeySequence.keyBindings(item) if isinstance(item, QKeySequence.StandardKey) else [QKeySequence(item)]
        out += [k for k in keys if not k.isEmpty() and k not in out]
    return out


def is_readable(path: Path) -> bool:
    try:
        format_for(path, for_writing=False)
    except JourneyFileError:
        return False
    return True


class MainWindow(QMainWindow):
    """The editor window. What the first paint of the map needs is built here; the panels and what hangs
    on them (`app.widgets.main_panels`) right after that paint, or as soon as anything asks for them."""

    def __init__(self, journey: JourneyMap | None = None, path: Path | None = None,
                 settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._startup = "building"  # then "painting" (panels pending), "panels" (being built), "done"
        self._panels_scheduled = False
        self._steps_done = 0  # of main_panels.STEPS
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings = settings or Settings()
        apply_theme(*saved_theme(self.settings))  # text size and contrast before the canvas is laid out
        self.document = JourneyDocument(journey or map_from_template(), path, self)
        self.import_source: Path | None = None  # the file an untitled map was imported from
        self.import_report: list[str] = []
        self.autosaver = Autosaver(self.document, self)

        self.view = MapView(self.document, self)
        self.view.viewport().installEventFilter(self)
        self.setCentralWidget(self.view)
        self.setAcceptDrops(True)

        self.view.zoomChanged.connect(self._on_view_zoom_changed)
        self.document.modifiedChanged.connect(self.setWindowModified)
        self.document.pathChanged.connect(self._update_title)
        self.document.replaced.connect(self._update_title)

        self._build_status_bar()
        self._build_menus()
        self.disk_watch = DiskWatch(self)  # the open file changed on disk: reload / keep mine / compare
        self.toolbar = install_toolbar(self)  # and the side panels start closed: the canvas keeps the room
        install_start_page(self)
        self._update_title()
        screen = self.screen().availableGeometry() if self.screen() else None  # a 1280x720 laptop: fit it
        self.resize(min(1280, screen.width()) if screen else 1280, min(800, screen.height()) if screen else 800)
        self._restore_layout()
        self._startup = "painting"
        if self.settings.view_option(PANELS_OPEN, False):  # left open last time: shown with the map, no jump
            self.finish_startup()

    def __getattr__(self, name: str):
        """A panel (or anything else `finish_startup` adds) asked for before the first paint built it."""
        if self.__dict__.get("_startup") == "painting":
            self.finish_startup()
            return getattr(self, name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    @property
    def started(self) -> bool:
        """True once the panels, their menu entries and toolbar buttons exist."""
        return self._startup == "done"

    def finish_startup(self) -> None:
        """Build what is left of the panels at once (called when something needs one of them before its step)."""
        while self._startup_step():
            pass

    def _step_startup(self) -> None:
        """One step of the panels (`main_panels.STEPS`), then back to the event loop, which handles the input
        waiting for it before the next step's zero-delay timer fires."""
        if shiboken6.isValid(self) and self._startup_step():  # a timer may outlive a closed window
            QTimer.singleShot(0, self._step_startup)

    def _startup_step(self) -> bool:
        """Run the next panel step; whether any is left. After the last one, the docks go where they were."""
        if self._startup != "painting" or not shiboken6.isValid(self):  # done, or inside a step already
            return False
        from app.widgets.main_panels import STEPS

        self._startup = "panels"
        try:
            STEPS[self._steps_done](self)
        finally:
            self._steps_done += 1
            self._startup = "painting" if self._steps_done < len(STEPS) else "done"
        if self._startup == "done":
            self._restore_layout(geometry=False)  # where the docks were; the window's size and place were set
            # before its first paint and may have changed since (the user, the window manager, a script): keep them
        return self._startup == "painting"

    def schedule_startup(self) -> None:
        """Start the panels' steps on the next pass of the event loop (once)."""
        if self._startup == "painting" and not self._panels_scheduled:
            self._panels_scheduled = True
            QTimer.singleShot(0, self._step_startup)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.report_button = QPushButton(self)
        self.report_button.setFlat(True)
        self.report_button.setAccessibleName("Show import report")
        self.report_button.clicked.connect(self.show_import_report)
        self.report_button.hide()
        self.zoom_label = QLabel("100 %", self)
        self.zoom_label.setAccessibleName("Zoom level")
        bar.addPermanentWidget(self.report_button)
        bar.addPermanentWidget(evidence_legend(self))
        bar.addPermanentWidget(self.zoom_label)

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | list | None = None,
                canvas: bool = False) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcuts(key_sequences(shortcut))
        if canvas:  # only while the canvas has focus, so text fields keep Ctrl+C, Delete, ...
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        keys = QKeySequence.StandardKey

        file_menu = self.file_menu = bar.addMenu("&File")
        new_menu = file_menu.addMenu("&New from Template")
        for template in TEMPLATES:
            action = self._action(new_menu, template.title, lambda name=template.name: self.new_from_template(name))
            action.setStatusTip(template.description)
            action.setData(template.name)
        new_menu.actions()[0].setShortcuts(key_sequences(keys.New))  # Ctrl+N: the first template
        self.new_menu = new_menu
        self._action(file_menu, "&Open...", self.open_file, keys.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        self._action(file_menu, "&Save", self.save, keys.Save)
        self._action(file_menu, "Save &As...", self.save_as, keys.SaveAs)
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, "&Import...", self.import_file, "Ctrl+I")
        self.import_action.setEnabled(bool(import_formats()))
        self.export_menu = file_menu.addMenu("&Export")
        for fmt in export_formats():
            action = self._action(self.export_menu, f"{fmt.description} ({', '.join(fmt.extensions)})...",
                                  lambda fmt=fmt: self.export(fmt))
            action.setData(fmt.name)
        file_menu.addSeparator()
        self._action(file_menu, "&Close", self.close, [keys.Close, "Ctrl+W"])
        self._action(file_menu, "&Quit", self.quit_application, [keys.Quit, "Ctrl+Q"])

        edit_menu = self.edit_menu = bar.addMenu("&Edit")  # Find joins it with the panels (main_panels)
        self.undo_action = self.document.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(key_sequences(keys.Undo))
        self.redo_action = self.document.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(key_sequences([keys.Redo, "Ctrl+Shift+Z", "Ctrl+Y"]))  # every platform
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._action(edit_menu, "Cu&t", self.view.cut_selection, keys.Cut, canvas=True)
        self._action(edit_menu, "&Copy", self.view.copy_selection, keys.Copy, canvas=True)
        self._action(edit_menu, "&Paste", self.view.paste, keys.Paste, canvas=True)
        self._action(edit_menu, "D&uplicate", self.view.duplicate_selection, "Ctrl+D", canvas=True)
        # Some platforms also bind Ctrl+D to Delete: that would make Duplicate's Ctrl+D ambiguous (neither fires).
        delete_keys = [k for k in key_sequences(keys.Delete) if k != QKeySequence("Ctrl+D")]
        self._action(edit_menu, "&Delete", self.view.delete_selection, delete_keys, canvas=True)
        edit_menu.addSeparator()
        self._action(edit_menu, "Select &All", self.view.select_all, keys.SelectAll, canvas=True)
        self._action(edit_menu, "&Edit Card", self.view.edit_selection, "F2", canvas=True)

        view_menu = self.view_menu = bar.addMenu("&View")
        self._action(view_menu, "Zoom &In", self.view.zoom_in, [keys.ZoomIn, "Ctrl+="])
        self._action(view_menu, "Zoom &Out", self.view.zoom_out, keys.ZoomOut)
        self._action(view_menu, "Zoom to &Fit", self.view.zoom_to_fit, "Ctrl+Shift+F")
        self._action(view_menu, "Zoom &100 %", self.view.zoom_reset, "Ctrl+0")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard Shortcuts", self.show_shortcuts, keys.HelpContents)
        self._action(help_menu, "&About Journey Canvas", self.show_about)

    def _restore_layout(self, geometry: bool = True) -> None:
        saved_geometry, state = self.settings.window_geometry() if geometry else None, self.settings.window_state()
        if saved_geometry is not None:
            self.restoreGeometry(saved_geometry)
        if state is not None:
            self.restoreState(state)

    # --- title and status ------------------------------------------------------------------

    def display_name(self) -> str:
        return self.document.path.name if self.document.path else "Untitled"

    def _update_title(self, *_args) -> None:
        self.setWindowTitle(f"{self.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(self.document.modified)

    def _on_view_zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    def _set_import_report(self, source: Path | None, lines: list[str]) -> None:
        self.import_source = source
        self.import_report = list(lines)
        count = len(self.import_report)
        self.report_button.setText(f"{count} import note{'s' if count != 1 else ''}")
        self.report_button.setVisible(count > 0)

    def show_import_report(self) -> None:
        from app.widgets.help_dialogs import ReportDialog  # dialogs load when first opened, not at start

        name = self.import_source.name if self.import_source else "the file"
        ReportDialog(name, self.import_report, self).exec()

    def show_shortcuts(self) -> None:
        from app.widgets.help_dialogs import ShortcutsDialog

        ShortcutsDialog(self.menuBar(), self).exec()

    def show_about(self) -> None:
        from app.widgets.help_dialogs import AboutDialog

        AboutDialog(self).exec()

    # --- asking before losing work ----------------------------------------------------------

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current map (saved, discarded or unchanged)."""
        if not self.document.modified:
            return True
        answer = dialogs.ask_unsaved_changes(self, self.display_name())
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.autosaver.remove()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.maybe_save():
            event.ignore()
            return
        self.finish_startup()  # closed before its first paint: the saved layout still names every panel
        self.settings.set_window_layout(self.saveGeometry(), self.saveState())
        docks = self.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        self.settings.set_view_option(PANELS_OPEN, any(not dock.isHidden() for dock in docks))
        self.autosaver.remove()
        event.accept()

    def quit_application(self) -> None:
        QApplication.closeAllWindows()

    # --- new, open, import --------------------------------------------------------------------

    def load(self, journey: JourneyMap, path: Path | None, *, modified: bool = False) -> None:
        """Show another map in this window (no question asked: call maybe_save first)."""
        self.autosaver.remove()
        self.document.replace(journey, path)
        self._set_import_report(None, [])
        if modified:
            self.document.undo_stack.resetClean()
        self._update_title()

    def new_from_template(self, name: str) -> bool:
        if not self.maybe_save():
            return False
        self.load(map_from_template(name), None)
        return True

    def open_file(self) -> bool:
        readable = readable_formats()
        everything = " ".join("*" + e for f in readable for e in f.extensions)
        filters = f"All supported files ({everything});;{_filters(readable)}"
        path = dialogs.ask_open_path(self, "Open Map", self.settings.last_folder(), filters)
        return self.open_path(path) if path else False

    def import_file(self) -> bool:
        formats = import_formats()
        if not formats:
            return False
        path = dialogs.ask_open_path(self, "Import", self.settings.last_folder(), _filters(formats))
        return self.open_path(path, preview=True) if path else False

    def open_path(self, path: Path, *, preview: bool = False) -> bool:
        """Open a .journey file, or import any other readable file as an untitled map
        (a spreadsheet through the import preview dialog when `preview`)."""
        path = Path(path)
        try:  # read first: "Save changes?" only once the chosen file is known to open
            fmt = format_for(path, for_writing=False)
            result = self._preview_import(path) if preview else read_map(path)
            if result is None:  # the user cancelled the preview
                return False
        except JourneyFileError as exc:
            if self._offer_git_merge(path, exc):
                return True
            dialogs.show_error(self, str(exc))
            if not path.exists():
                self.settings.remove_recent_file(path.absolute())
            return False
        if not self.maybe_save():
            return False
        self._opened(path, fmt.name == NATIVE_FORMAT, result)
        return True

    def _offer_git_merge(self, path: Path, problem: JourneyFileError) -> bool:
        """A map that does not open because its git merge is not finished (git's conflict markers): offer our
        version with theirs merged in by ids; whether it opened so."""
        if path.suffix.lower() != NATIVE_SUFFIX:
            return False
        from app.io.journey.git_merge import unmerged_map

        try:
            unmerged = unmerged_map(path)
        except JourneyFileError:
            return False
        if unmerged is None or not dialogs.ask_git_merge(self, path.name, unmerged.their_side, problem.problem):
            return False
        if not self.maybe_save():
            return False
        return self.workshop.git_merge.open_unmerged(unmerged)

    @classmethod
    def for_file(cls, path: Path, result: ImportResult) -> MainWindow:
        """A window on a file read before it existed, as `open_path` would show it: the editor's start,
        which so lays out the file's map once (not a template first, then the map)."""
        path = Path(path)
        native = format_for(path, for_writing=False).name == NATIVE_FORMAT
        window = cls(result.journey, path.absolute() if native else None)
        window.disk_watch.remember()
        window._opened(path, native, result, shown=True)
        return window

    def _opened(self, path: Path, native: bool, result: ImportResult, *, shown: bool = False) -> None:
        """Show a file's map read as `result` (unless the window already `shown` it), and note where it came from."""
        self.settings.set_last_folder(path.absolute().parent)
        if native:
            if not shown:
                self.load(result.journey, path.absolute())
            self.settings.add_recent_file(path)
            self._set_import_report(None, result.report)
        else:  # the source is never written: Save asks for a .journey path
            if shown:
                self.document.undo_stack.resetClean()
                self._update_title()
            else:
                self.load(result.journey, None, modified=True)
            self._set_import_report(path.absolute(), result.report)
        self.statusBar().showMessage(f"Opened {path.name}", 5000)

    def _preview_import(self, path: Path) -> ImportResult | None:
        """A spreadsheet through the import preview dialog: the map read with the user's choices, None
        when cancelled; any other file is read directly."""
        from app.io.sheet_import.preview import SHEET_SUFFIXES

        if path.suffix.lower() not in SHEET_SUFFIXES:
            return read_map(path)
        from app.widgets.import_dialog import ImportDialog

        dialog = ImportDialog(path, self)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            if dialog.load_error:
                raise JourneyFileError(path, dialog.load_error.removeprefix(f"{path.name}: "))
            return dialog.import_result if accepted else None
        finally:
            dialog.deleteLater()

    def restore_recovery(self, recovery_path: Path) -> bool:
        """Open a crashed session's map, marked modified, with its original path."""
        try:
            info, journey = read_recovery(recovery_path)
        except (JourneyFileError, OSError) as exc:
            dialogs.show_error(self, str(exc))
            return False
        self.load(journey, info.original_path, modified=True)
        self.autosaver.write_now()  # our own recovery file exists before the old one goes
        discard(recovery_path)
        self.statusBar().showMessage(f"Restored {info.describe()}", 8000)
        return True

    # --- recent files -------------------------------------------------------------------------

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.settings.recent_files()
        for number, path in enumerate(files, start=1):
            action = menu.addAction(f"&{number % 10} {path.name}   —   {path.parent}")
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not files:
            menu.addAction("No recent files").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear List")
        clear.setEnabled(bool(files))
        clear.triggered.connect(self.settings.clear_recent_files)

    # --- save and export ------------------------------------------------------------------------

    def save(self) -> bool:
        path = self.document.path
        if path is None or path.suffix.lower() != NATIVE_SUFFIX:
            return self.save_as()
        return self._write_native(path)

    def save_as(self) -> bool:
        path = dialogs.ask_save_path_as(self, "Save Map As", str(self._suggested_path(NATIVE_SUFFIX)), NATIVE_FILTER,
                                        (NATIVE_SUFFIX,))
        return False if path is None else self._write_native(path)

    def _suggested_path(self, suffix: str) -> Path:
        if self.document.path is not None:
            return self.document.path.with_suffix(suffix)
        if self.import_source is not None:
            return self.import_source.with_suffix(suffix)
        stem = "".join(c for c in self.document.journey.metadata.title if c not in '/\\:*?"<>|').strip()
        return Path(self.settings.last_folder()) / f"{stem or 'Untitled'}{suffix}"

    def _write_native(self, path: Path) -> bool:
        if not self.disk_watch.check_before_save(path):
            return False
        try:
            notes = write_map(self.document.journey, path)
        except JourneyFileError as exc:
            dialogs.show_error(self, str(exc))
            return False
        path = path.absolute()
        self.document.mark_saved(path)
        self._set_import_report(None, [])
        self.autosaver.remove()
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(path.parent)
        self.statusBar().showMessage(f"Saved {path.name}" + (f" ({notes[0]})" if notes else ""), 8000)
        return True

    def export(self, fmt: FileFormat) -> bool:
        suggested = self._suggested_path(fmt.extensions[0])
        dialog = EXPORT_DIALOGS.get(fmt.name)
        if dialog is not None:
            dialog(self, fmt, suggested)
            return True
        path = dialogs.ask_save_path_as(self, f"Export {fmt.description}", str(suggested), _filters([fmt]),
                                        fmt.extensions)
        if path is None:
            return False
        options = self.settings.export_options(fmt.name)
        if fmt.embedder:  # a deliverable without its own dialog (SVG) follows "Include the editable map"
            from app.widgets.embed_option import embed_map_setting

            options["embed"] = embed_map_setting()
        return self.export_to(path, fmt, options)

    def export_to(self, path: Path, fmt: FileFormat, options: dict, journey: JourneyMap | None = None) -> bool:
        """Write the map (`journey`, or as the persona filter shows it) to `path` in `fmt`; remembers the options."""
        try:
            warnings = write_map(journey if journey is not None else self.document.visible_journey(), path, **options)
        except JourneyFileError as exc:
            dialogs.show_error(self, str(exc))
            return False
        self.settings.set_export_options(fmt.name, options)
        self.settings.set_last_folder(path.absolute().parent)
        note = f" ({len(warnings)} warning{'s' if len(warnings) != 1 else ''}: {warnings[0]})" if warnings else ""
        self.statusBar().showMessage(f"Exported {path.name}{note}", 8000)
        return True

    # --- drag and drop a file onto the window ------------------------------------------------------

    @staticmethod
    def _dropped_file(event: QDropEvent | QDragEnterEvent) -> Path | None:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and is_readable(Path(url.toLocalFile())):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_path(path, preview=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Files dropped on the canvas open too; the canvas keeps its own drags (cards). The canvas's first
        paint schedules the panels: the timer fires once that paint is done."""
        if self._startup == "painting" and event.type() == QEvent.Type.Paint:
            self.schedule_startup()
        drag = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
        if watched is self.view.viewport() and event.type() in drag and self._dropped_file(event) is not None:
            if event.type() == QEvent.Type.Drop:
                self.dropEvent(event)
            else:
                event.acceptProposedAction()
            return True
        return super().eventFilter(watched, event)


def _loaded_when_used(module: str, name: str) -> ExportDialog:
    """An export dialog whose module is imported when it is first opened: not before the first paint."""

    def dialog(window: MainWindow, fmt: FileFormat, path: Path) -> None:
        import importlib

        getattr(importlib.import_module(module), name)(window, fmt, path)

    return dialog


EXPORT_DIALOGS["pdf"] = _loaded_when_used("app.widgets.pdf_export_dialog", "export_pdf")
EXPORT_DIALOGS["pptx"] = _loaded_when_used("app.widgets.pptx_export_dialog", "export_pptx")
