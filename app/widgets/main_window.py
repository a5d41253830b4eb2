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
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QWidget,
)

from app.autosave import Autosaver
from app.document import JourneyDocument
from app.io.errors import JourneyFileError
from app.io.formats import FileFormat, write_map
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
from app.widgets.window_files import (
    NATIVE_FILTER,
    NATIVE_SUFFIX,
    WindowFilesMixin,
    export_formats,
    filters_of,
    import_formats,
)

APP_NAME = "Journey Canvas"
PANELS_OPEN = "panels_open"
"""View setting: a panel showed when the last window closed, so the next one builds them before its first paint."""

ExportDialog = Callable[["MainWindow", FileFormat, Path], None]
EXPORT_DIALOGS: dict[str, ExportDialog] = {}
"""Format name -> a dialog that asks for options and a path, then calls `window.export_to(...)`.

Formats without an entry export with a plain save dialog and their last used options
(`Settings.export_options`). The PDF exporter registers its PdfExportDialog here.
"""


def key_sequences(shortcut) -> list[QKeySequence]:
    """All the platform's bindings of standard keys (Redo is Ctrl+Y and Ctrl+Shift+Z), plus any
    explicit ones (so Close is Ctrl+W and Quit Ctrl+Q even where the platform names none), deduplicated."""
    out: list[QKeySequence] = []
    for item in shortcut if isinstance(shortcut, list) else [shortcut]:
        keys = QKeySequence.keyBindings(item) if isinstance(item, QKeySequence.StandardKey) else [QKeySequence(item)]
        out += [k for k in keys if not k.isEmpty() and k not in out]
    return out


class MainWindow(WindowFilesMixin, QMainWindow):
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
        self.autosaver.draft = self._draft_journey  # a card or a note half typed is in the recovery file too
        self.view.editing.on_draft = self.autosaver.schedule
        QApplication.instance().focusChanged.connect(self._watch_typing)
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
        dialogs.fit_on_screen(self, 1280, 800)  # a 1280x720 laptop: the whole window on its screen
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
            self.start_pages.panels_built()  # on the start page, the new panels and menu entries wait for a map
        return self._startup == "painting"

    def schedule_startup(self) -> None:
        """Start the panels' steps on the next pass of the event loop (once)."""
        if self._startup == "painting" and not self._panels_scheduled:
            self._panels_scheduled = True
            QTimer.singleShot(0, self._step_startup)

    def _draft_journey(self):
        """The map with what is typed and not yet added: on the canvas, and in the panel field being typed in."""
        from app.widgets.form_fields import CommitTextEdit

        journey = self.view.editing.draft_journey()
        field = QApplication.focusWidget()
        if isinstance(field, CommitTextEdit) and field.draft is not None and field.uncommitted \
                and field.window() is self:
            journey = journey if journey is not None else self.document.journey.model_copy(deep=True)
            field.draft(journey, field.toPlainText())
        return journey

    def _watch_typing(self, _old, new) -> None:
        """Typing in a panel's text field asks autosave to write too (it commits only when the field is left)."""
        if getattr(new, "draft", None) is not None and not getattr(new, "_autosave_watched", False) \
                and shiboken6.isValid(self) and new.window() is self:
            new._autosave_watched = True
            new.textChanged.connect(self.autosaver.schedule)

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
        self.save_action = self._action(file_menu, "&Save", self.save, keys.Save)
        self.save_as_action = self._action(file_menu, "Save &As...", self.save_as, keys.SaveAs)
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
        path = dialogs.ask_save_path_as(self, f"Export {fmt.description}", str(suggested), filters_of([fmt]),
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
