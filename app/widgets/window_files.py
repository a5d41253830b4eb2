"""The main window's files in: new from a template, open, import (through the preview for spreadsheets), a
crashed session's recovery, recent files, files dropped on the window. A source that is not a .journey file is
never written: the map opens untitled and Save asks for a .journey path.

Mixed into MainWindow (app/widgets/main_window.py); questions go through app.widgets.dialogs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog

from app.autosave import discard, read_recovery
from app.io import formats
from app.io.errors import JourneyFileError
from app.io.formats import FileFormat, ImportResult, format_for, read_map
from app.model.journey import JourneyMap
from app.model.templates import map_from_template
from app.widgets import dialogs

NATIVE_FORMAT = "journey"
NATIVE_SUFFIX = ".journey"
NATIVE_FILTER = "Journey Canvas maps (*.journey)"


def filters_of(formats: list[FileFormat]) -> str:
    return ";;".join(f"{f.description} ({' '.join('*' + e for e in f.extensions)})" for f in formats)


def readable_formats() -> list[FileFormat]:
    return [f for f in formats.FORMATS if f.reader]


def ask_readable_path(window, caption: str, folder: str | None = None) -> Path | None:
    """Ask for a file of any format Journey Canvas reads (starting in the last folder used)."""
    return dialogs.ask_open_path(window, caption, folder or window.settings.last_folder(),
                                 filters_of(readable_formats()))


def import_formats() -> list[FileFormat]:
    return [f for f in formats.FORMATS if f.reader and f.name != NATIVE_FORMAT]


def export_formats() -> list[FileFormat]:
    return [f for f in formats.FORMATS if f.writer and f.name != NATIVE_FORMAT]


def is_readable(path: Path) -> bool:
    try:
        format_for(path, for_writing=False)
    except JourneyFileError:
        return False
    return True


class WindowFilesMixin:
    """MainWindow's opening of files; uses its document, settings, autosaver, workshop and status bar."""

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
        filters = f"All supported files ({everything});;{filters_of(readable)}"
        path = dialogs.ask_open_path(self, "Open Map", self.settings.last_folder(), filters)
        return self.open_path(path) if path else False

    def import_file(self) -> bool:
        formats = import_formats()
        if not formats:
            return False
        everything = " ".join("*" + e for f in formats for e in f.extensions)
        filters = f"All importable files ({everything});;{filters_of(formats)}"  # .ods beside .xlsx and .csv
        path = dialogs.ask_open_path(self, "Import", self.settings.last_folder(), filters)
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
    def for_file(cls, path: Path, result: ImportResult):  # -> MainWindow
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
        from app.io.sheet_import.sniff import sniff_sheet_file

        if path.suffix.lower() not in SHEET_SUFFIXES or sniff_sheet_file(path).kind == "journey":
            return read_map(path)  # a map saved under a table's name needs no preview (the report says what it was)
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
