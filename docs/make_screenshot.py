"""Regenerate the screenshots in docs/: the editor on the example map, rendered offscreen.

docs/screenshot.png (the README's first picture), and docs/screens/: the start page and the editor at
1280x720 (a laptop) and 1920x1080 (a projector), each in the normal and the high-contrast theme (the
1920x1080 high-contrast one with Large text, as on a projector).

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

SIZES = ((1280, 720), (1920, 1080))


def _settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def _editor(app, journey, size: tuple[int, int], high_contrast: bool, text_scale: float = 1.0):
    from app.widgets.main_window import MainWindow
    from app.widgets.view_options import apply_theme

    window = MainWindow(journey.model_copy(deep=True))
    window.resize(*size)
    window.show()
    apply_theme(high_contrast, text_scale)
    window.view_options.contrast_action.setChecked(high_contrast)
    pain = next(c for c in window.document.journey.cards if c.text.startswith("Promotional prices"))
    window.view.map_scene.select_cards([pain.id])
    _settle(app)
    return window


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.io.journey.file import load_journey
    from app.painters.qt_fonts import ensure_fonts
    from app.widgets.main_window import MainWindow
    from app.widgets.view_options import apply_theme

    ensure_fonts()
    journey = load_journey(ROOT / "resources" / "examples" / "example.journey")
    out = ROOT / "docs" / "screens"
    out.mkdir(exist_ok=True)

    window = MainWindow()
    window.resize(*SIZES[0])
    window.show()
    window.start_pages.show_start()
    _settle(app)
    window.grab().save(str(out / "start-page-1280x720.png"))
    window.close()

    for width, height in SIZES:
        for contrast in (False, True):
            projector = width >= 1920 and contrast  # as on a projector: high contrast and Large text
            window = _editor(app, journey, (width, height), contrast, 1.25 if projector else 1.0)
            name = f"editor-{width}x{height}{'-high-contrast' if contrast else ''}.png"
            window.grab().save(str(out / name))
            if (width, height, contrast) == (1280, 720, False):
                window.grab().save(str(ROOT / "docs" / "screenshot.png"))
            window.close()
    apply_theme(False, 1.0)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
