"""A file named at start that does not open (not JSON, not a map, missing, a folder): one line in a message box,
then the start page, usable at once; never a traceback or a window on nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


def _answer_message_boxes(seen: list[str]) -> QTimer:
    """Press Enter on every message box that comes up (recording its text), as the user would."""

    def answer() -> None:
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible():
                seen.append(box.text())
                QTest.keyClick(box, Qt.Key.Key_Return)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(answer)
    timer.start()
    return timer


def _broken(tmp_path, kind: str):
    if kind == "not json":
        path = tmp_path / "broken.journey"
        path.write_text("{ not json", encoding="utf-8")
    elif kind == "not a map":
        path = tmp_path / "broken.journey"
        path.write_text('{"stages": 3}', encoding="utf-8")
    elif kind == "missing":
        path = tmp_path / "missing.journey"
    else:
        path = tmp_path / "folder.journey"
        path.mkdir()
    return path


@pytest.mark.parametrize("kind", ["not json", "not a map", "missing", "folder"])
def test_a_broken_file_named_at_start_says_why_then_shows_the_start_page(kind, qtbot, clean_settings,
                                                                         recovery_home, tmp_path, monkeypatch):
    from app import cli
    from app.widgets.main_window import MainWindow

    path = _broken(tmp_path, kind)
    seen: list[str] = []
    shown: list[MainWindow] = []

    def run_loop(_app) -> int:  # instead of app.exec(): what the user sees once the event loop would run
        shown.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", run_loop)
    timer = _answer_message_boxes(seen)
    try:
        assert cli.main([str(path)]) == 0
    finally:
        timer.stop()
    assert len(seen) == 1 and seen[0].startswith(path.name + ":") and "\n" not in seen[0], seen
    assert "Traceback" not in seen[0]
    [window] = shown
    try:
        assert window.start_pages.showing and window.document.path is None
        qtbot.waitExposed(window)
        window.activateWindow()
        QTest.mouseClick(window.start_pages.page.template_buttons["five-stage"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.view.hasFocus(), timeout=2000)
        QTest.keyClicks(window.view, "Sees an ad")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert "Sees an ad" in [card.text for card in window.document.journey.cards]
    finally:
        window.document.undo_stack.setClean()  # nothing to ask at teardown
        window.close()
