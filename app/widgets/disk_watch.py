"""Noticing that the open `.journey` file changed on disk (another program, a sync tool, the command line).

The hash of the bytes last read or written is kept. A QFileSystemWatcher reports changes while the map
is open, and every save checks the hash again first (a watcher can miss a change); when the file holds
something else, the user chooses: reload it, keep mine (the next save overwrites it), or compare it
with the map on screen (compare mode), so no update is lost without a word.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject

from app.io.errors import JourneyFileError
from app.widgets import dialogs

if TYPE_CHECKING:
    from app.widgets.main_window import MainWindow

NATIVE_SUFFIX = ".journey"


def disk_hash(path: Path) -> str | None:
    """The content hash of the file at `path`, or None when it cannot be read (gone, a folder...)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        return None


class DiskWatch(QObject):
    """Watches the document's file; asks the user when it changes behind the editor's back."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.known: str | None = None  # hash of the bytes last read or written
        self._watched: Path | None = None
        self._asking = False
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        window.document.pathChanged.connect(lambda _path: self.remember())

    def remember(self) -> None:
        """Take the file's current content as the one the editor knows (after opening or saving it)."""
        path = self.window.document.path
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        native = path is not None and path.suffix.lower() == NATIVE_SUFFIX
        self._watched = path if native else None
        self.known = disk_hash(path) if native else None
        if native and path.is_file():
            self.watcher.addPath(str(path))

    def changed_on_disk(self) -> bool:
        path = self._watched
        if path is None or self.known is None:
            return False
        current = disk_hash(path)
        return current is not None and current != self.known

    def check_before_save(self, path: Path) -> bool:
        """True when saving to `path` may go ahead; asks first if the file changed since it was read."""
        if self._watched is None or Path(path).absolute() != self._watched.absolute() or not self.changed_on_disk():
            return True
        return self._ask(at_save=True)

    def _on_file_changed(self, _name: str) -> None:
        path = self._watched
        if path is None:
            return
        if path.is_file() and str(path) not in self.watcher.files():
            self.watcher.addPath(str(path))  # an atomic save replaced the file: watch the new one
        if self.changed_on_disk() and not self._asking:
            self._ask(at_save=False)

    def _ask(self, *, at_save: bool) -> bool:
        """Reload, keep mine or compare; True when the caller may overwrite the file."""
        path = self._watched
        assert path is not None
        self._asking = True
        try:
            answer = dialogs.ask_file_changed(self.window, path.name, self.window.document.modified, at_save)
        finally:
            self._asking = False
        if answer == "keep":
            self.known = disk_hash(path)  # overwrite it at the next save, without asking again
            return True
        if answer == "reload":
            self._reload(path)
        elif answer == "compare":
            self.window.workshop.compare_with_file(path)
        return False

    def _reload(self, path: Path) -> None:
        from app.io.formats import read_map

        try:
            journey = read_map(path).journey
        except JourneyFileError as exc:
            dialogs.show_error(self.window, str(exc))
            return
        self.window.load(journey, path.absolute())
        self.window.statusBar().showMessage(f"Reloaded {path.name} from disk", 5000)
