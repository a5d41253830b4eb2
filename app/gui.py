"""Start the editor window (the only entry point that imports Qt)."""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path

from app import RESOURCES
from app.io.errors import JourneyFileError

EXAMPLE_MAP = RESOURCES / "examples" / "example.journey"

_collector_paused = False


def _pause_collector() -> None:
    """Start-up makes some hundred thousand objects that live as long as the editor (modules, classes, pydantic's
    validators, Qt's wrappers); the cycle collector would scan them about a hundred times before the first window
    shows (35-45 ms of a 0.7 s start). It waits for `_resume_collector`."""
    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True


def _resume_collector() -> None:
    """The collector back on, with what start-up made moved to its oldest generation (scanned again only once
    that generation has grown by a quarter), unless something in the process froze objects on purpose."""
    global _collector_paused
    if not _collector_paused:
        return
    _collector_paused = False
    if gc.get_freeze_count() == 0:
        gc.freeze()  # every tracked object to the permanent generation, the young counts to zero
        gc.unfreeze()  # ... and from there into the oldest generation
    gc.enable()


def _answer_pyside_use_from_bytes() -> None:
    """PySide6 asks of every module imported after it, and of every module an import statement names again,
    whether its source mentions "PySide6" (`shibokensupport.feature._mod_uses_pyside`, which scopes
    `from __feature__ import ...`). It asks through `inspect.getsource`, which locates, reads, decodes and splits
    the file into linecache: some 110 modules before the first paint, 2 % of the start's instructions. The same
    question is answered here from the .py file's bytes (an ASCII word: found in the bytes exactly when in the
    decoded text); any module without a readable .py file gets PySide's own answer."""
    feature = sys.modules.get("shibokensupport.feature") or sys.modules.get("PySide6.support.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_bytes", False):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.reads_bytes = True
    feature._mod_uses_pyside = uses_pyside


def create_application():
    """The QApplication with the names QSettings uses, and the bundled font registered. The cycle collector
    pauses until `open_windows` returns (or the event loop first runs)."""
    _pause_collector()
    # Before Qt: PySide6 reads the source of every module imported after it.
    importlib.import_module("app.io.formats")
    from PySide6.QtCore import QTimer

    _answer_pyside_use_from_bytes()
    from PySide6.QtWidgets import QApplication

    from app.painters.qt_fonts import ensure_fonts
    from app.painters.raster_threads import prefer_serial_fills
    from app.settings import APPLICATION, ORGANIZATION

    prefer_serial_fills()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    ensure_fonts()  # high-DPI scaling is on by default in Qt 6
    from app.widgets.canvas_editing import release_clipboard

    app.aboutToQuit.connect(release_clipboard)
    QTimer.singleShot(0, _resume_collector)  # in case no window is opened through `open_windows`
    return app


def open_windows(path: Path | None) -> list:
    """The windows to show at start: the given file; else crashed sessions the user restores;
    else the start page (whose "example" opens the bundled map as an untitled copy, never overwritten)."""
    try:
        return _open_windows(path)
    finally:
        _resume_collector()


def _open_windows(path: Path | None) -> list:
    from app import autosave
    from app.io.formats import read_map
    from app.widgets.main_window import MainWindow

    if path is not None:
        restored = _offer_recovery(_orphans_of(path))  # the file's own crashed edits, before its saved copy
        if restored:
            return restored
        try:  # read before the window exists, so its canvas lays out this map only
            return [MainWindow.for_file(path, read_map(path))]
        except JourneyFileError:  # the window says why in one line, as File > Open would, then offers the start page
            window = MainWindow()
            if not window.open_path(path):
                window.start_pages.show_start()
            return [window]

    windows = _offer_recovery(autosave.orphaned_recoveries())
    if not windows:  # the start page: templates, recent files, open, import, the example
        window = MainWindow()
        window.start_pages.show_start()
        windows.append(window)
    return windows


def _orphans_of(path: Path) -> list:
    """Recovery files a crashed editor left for this very file (other files' wait for a plain start)."""
    from app import autosave

    if not autosave.recovery_dir().is_dir():
        return []
    target = path.resolve()
    return [info for info in autosave.orphaned_recoveries()
            if info.original_path is not None and info.original_path.resolve() == target]


def _offer_recovery(orphans: list) -> list:
    """Ask Restore / Discard / Later about crashed sessions; the windows of the restored ones."""
    from app import autosave
    from app.widgets import dialogs
    from app.widgets.main_window import MainWindow

    windows = []
    if orphans:
        answer = dialogs.ask_recovery(None, [info.describe() for info in orphans])
        if answer == "restore":
            for info in orphans:
                window = MainWindow()
                if window.restore_recovery(info.path):
                    windows.append(window)
                else:
                    window.close()
        elif answer == "discard":
            for info in orphans:
                autosave.discard(info.path)
    return windows


def run_editor(path: Path | None) -> int:
    app = create_application()
    windows = open_windows(path)
    for window in windows:
        window.show()
    return app.exec()
