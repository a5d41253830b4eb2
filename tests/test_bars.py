"""The bars above the canvas (compare mode, an unfinished git merge, a sync tool's conflict copy, Find) each take
their own row under the toolbar: none hides the toolbar's buttons, another bar's, or the canvas."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolBar

from app.io.journey.file import save_journey
from tests.test_main_window import menu_action


def _top_bars(window) -> list[QToolBar]:
    return [bar for bar in window.findChildren(QToolBar)
            if bar.isVisible() and window.toolBarArea(bar) == Qt.ToolBarArea.TopToolBarArea]


def _assert_every_bar_whole_on_its_own_row(window) -> None:
    bars = _top_bars(window)
    canvas_top = window.centralWidget().geometry().top()
    for bar in bars:
        hidden = [action.text() for action in bar.actions()
                  if action.isVisible() and not action.isSeparator() and bar.widgetForAction(action) is not None
                  and not bar.widgetForAction(action).isVisible()]
        assert not hidden, f"{bar.windowTitle()}: {hidden} pushed behind the » menu"
        assert bar.geometry().bottom() < canvas_top, bar.windowTitle()
        for other in bars:
            if other is not bar:
                assert not bar.geometry().intersects(other.geometry()), (bar.windowTitle(), other.windowTitle())
                assert bar.geometry().top() != other.geometry().top(), (bar.windowTitle(), other.windowTitle())


def test_compare_banner_takes_its_own_row_under_the_toolbar(window, qtbot, dialog_script, example_map, tmp_path):
    window.resize(1280, 720)
    window.load(example_map, None)
    old = tmp_path / "before.journey"
    save_journey(example_map, old)
    document = window.document
    document.edit_card(document.journey.cards[0].id, text="Opens a bill that is much higher")
    dialog_script.open_paths.append(old)
    menu_action(window, "File", "Compare with File").trigger()
    banner = window.workshop.compare.banner
    qtbot.waitUntil(lambda: banner.isVisible())
    qtbot.waitUntil(lambda: window.toolbar.widgetForAction(window.toolbar.actions()[-1]) is not None)
    _assert_every_bar_whole_on_its_own_row(window)
    assert banner.widgetForAction(banner.exit_action).isVisible()

    window.workshop.git_merge.bar.show()  # an unfinished git merge too, and Find
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    QTest.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.find.is_open)
    QApplication.processEvents()
    assert len(_top_bars(window)) == 4
    _assert_every_bar_whole_on_its_own_row(window)
