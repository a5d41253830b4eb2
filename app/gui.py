"""Start the editor window (the only entry point that imports Qt)."""

from __future__ import annotations

import sys
from pathlib import Path

from app import RESOURCES

EXAMPLE_MAP = RESOURCES / "examples" / "example.journey"


def run_editor(path: Path | None) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QTextBrowser

    from app.io.errors import JourneyFileError
    from app.io.formats import read_map
    from app.model.summary import describe

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Journey Canvas")
    window = QMainWindow()
    view = QTextBrowser()
    window.setCentralWidget(view)
    try:
        journey = read_map(path or EXAMPLE_MAP).journey
    except JourneyFileError as exc:
        QMessageBox.critical(None, "Journey Canvas", str(exc))
        return 1
    window.setWindowTitle(f"{(path or EXAMPLE_MAP).name} - Journey Canvas")
    view.setPlainText(describe(journey))
    window.resize(900, 600)
    window.show()
    return app.exec()
