"""Start the editor window (the only entry point that imports Qt)."""

from __future__ import annotations

import sys
from pathlib import Path

from app import RESOURCES
from app.io.errors import JourneyFileError
from app.io.formats import read_map  # before Qt: PySide6 reads the source of every module imported after it

EXAMPLE_MAP = RESOURCES / "examples" / "example.journey"


def create_application():
    """The QApplication with the names QSettings uses, and the bundled font registered."""
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
    return app


def open_windows(path: Path | None) -> list:
    """The windows to show at start: the given file; else crashed sessions the user restores;
    else the start page (whose "example" opens the bundled map as an untitled copy, never overwritten)."""
    from app import autosave
    from app.widgets import dialogs
    from app.widgets.main_window import MainWindow

    if path is not None:
        try:  # read before the window exists, so its canvas lays out this map only
            return [MainWindow.for_file(path, read_map(path))]
        except JourneyFileError:  # the window says why, as File > Open would
            window = MainWindow()
            window.open_path(path)
            return [window]

    windows = []
    orphans = autosave.orphaned_recoveries()
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
    if not windows:  # the start page: templates, recent files, open, import, the example
        window = MainWindow()
        window.start_pages.show_start()
        windows.append(window)
    return windows


def run_editor(path: Path | None) -> int:
    app = create_application()
    windows = open_windows(path)
    for window in windows:
        window.show()
    return app.exec()
