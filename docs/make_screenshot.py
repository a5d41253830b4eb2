"""Regenerate docs/screenshot.png: the editor on the example map, rendered offscreen.

Run: .venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_sandbox = tempfile.mkdtemp()
os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = _sandbox  # never touch real settings


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.io.journey.file import load_journey
    from app.painters.qt_fonts import ensure_fonts
    from app.widgets.main_window import MainWindow

    ensure_fonts()
    journey = load_journey(ROOT / "resources" / "examples" / "example.journey")
    window = MainWindow(journey)
    window.resize(1600, 1000)
    window.show()
    view = window.findChild(__import__("app.widgets.canvas", fromlist=["MapView"]).MapView)
    pain = next(c for c in journey.cards if c.text.startswith("Promotional prices"))
    view.map_scene.select_cards([pain.id])
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(ROOT / "docs" / "screenshot.png"))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
