"""Defects found running the editor in a real X window as a workshop facilitator would (keyboard first, at
workshop pace), each reproduced here with the real mouse and key events that showed it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.shell_fixtures import close_window


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_the_start_page_takes_enter_on_the_focused_template(dialog_script, clean_settings, recovery_home, qtbot,
                                                            key):
    """Tab to a template and press Enter: a push button outside a dialog took only Space, so Enter did nothing."""
    from app.gui import open_windows

    windows = open_windows(None)
    window = windows[0]
    try:
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        pages = window.start_pages
        qtbot.waitUntil(lambda: pages.page.template_buttons["blank"].hasFocus(), timeout=2000)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert pages.page.template_buttons["five-stage"].hasFocus()
        QTest.keyClick(QApplication.focusWidget(), key)
        assert not pages.showing
        assert [s.name for s in window.document.journey.stages][:2] == ["Awareness", "Consideration"]
    finally:
        for win in windows:
            close_window(win, dialog_script)


def test_enter_on_the_start_page_buttons_opens_the_example(dialog_script, clean_settings, recovery_home, qtbot):
    from app.gui import open_windows

    windows = open_windows(None)
    window = windows[0]
    try:
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        page = window.start_pages.page
        page.example_button.setFocus()
        qtbot.waitUntil(page.example_button.hasFocus, timeout=2000)
        QTest.keyClick(page.example_button, Qt.Key.Key_Return)
        assert not window.start_pages.showing and window.document.journey.cards
    finally:
        for win in windows:
            close_window(win, dialog_script)
