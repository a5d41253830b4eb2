"""Cold start (issue #18): the editor paints the map first and builds its panels just after; nothing a
user reaches is missing or broken by that, and a file given at start is read once, before the window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget

from tests.shell_fixtures import close_window


def _toolbar_button(win, text: str):
    action = next(a for a in win.toolbar.actions() if a.text() == text)
    return win.toolbar.widgetForAction(action)


def test_panels_follow_the_first_paint_and_work(qtbot, dialog_script, clean_settings, recovery_home, example_path):
    from app.gui import open_windows

    [win] = open_windows(example_path)
    try:
        assert not win.started  # nothing painted yet: no panel built
        assert win.document.path == example_path.absolute() and not win.document.modified
        assert win.windowTitle().startswith("example.journey")
        assert not any(isinstance(w, QDockWidget) for w in win.findChildren(QDockWidget))
        win.show()
        qtbot.waitExposed(win)
        qtbot.waitUntil(lambda: win.started)  # the canvas's first paint scheduled them
        view_entries = [a.text() for a in win.view_menu.actions()]
        for entry in ("Inspector", "Persona", "Undo History", "Overview", "&Check Map", "&Versions",
                      "Text &size", "&High contrast"):
            assert any(text.startswith(entry) for text in view_entries), (entry, view_entries)
        assert not win.inspector.isVisible()  # panels start closed, as before
        QTest.mouseClick(_toolbar_button(win, "Inspector"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(win.inspector.isVisible)
        assert _toolbar_button(win, "Inspector").isChecked()
        # The inspector follows the canvas's selection: click the first card.
        card = win.document.journey.cards[0]
        item = win.view.map_scene.cards[card.id]
        point = win.view.mapFromScene(item.sceneBoundingRect().center())
        QTest.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(point.x(), point.y()))
        qtbot.waitUntil(lambda: win.inspector.selection.cards == (card.id,))
    finally:
        close_window(win, dialog_script)


def test_a_panel_asked_for_before_the_first_paint_is_built_then(qtbot, dialog_script, clean_settings, recovery_home):
    from app.widgets.main_window import MainWindow

    win = MainWindow()
    try:
        assert not win.started
        assert win.workshop.check_panel is not None  # asking builds every panel at once
        assert win.started and win.persona_panel.document is win.document
        win.finish_startup()  # once only
        assert len([d for d in win.findChildren(QDockWidget) if d.objectName() == "undo_history"]) == 1
    finally:
        close_window(win, dialog_script)


def test_a_file_that_does_not_open_at_start_says_why(qtbot, dialog_script, clean_settings, recovery_home, tmp_path):
    from app.gui import open_windows

    bad = tmp_path / "broken.journey"
    bad.write_text("{ not json", encoding="utf-8")
    [win] = open_windows(bad)
    try:
        assert len(dialog_script.errors) == 1 and "broken.journey" in dialog_script.errors[0]
        assert win.document.path is None  # the window still opens, on a new map
    finally:
        close_window(win, dialog_script)


def test_a_spreadsheet_given_at_start_opens_untitled_and_modified(qtbot, dialog_script, clean_settings,
                                                                   recovery_home, tmp_path):
    from app.gui import open_windows

    sheet = tmp_path / "journey.csv"
    sheet.write_text("Stage,Discover,Buy\nActions,Search the web,Pay online\n", encoding="utf-8")
    [win] = open_windows(sheet)
    try:
        assert win.document.path is None and win.document.modified  # Save asks for a .journey path
        assert win.import_source == sheet.absolute()
        texts = {card.text for card in win.document.journey.cards}
        assert {"Search the web", "Pay online"} <= texts
        assert win.windowTitle().startswith("Untitled")
    finally:
        close_window(win, dialog_script)


def test_panels_the_user_left_open_come_back_after_the_first_paint(qtbot, dialog_script, clean_settings,
                                                                    recovery_home, example_path):
    from PySide6.QtWidgets import QTabBar

    from app.gui import open_windows

    [first] = open_windows(example_path)
    first.show()
    qtbot.waitUntil(lambda: first.started)
    QTest.mouseClick(_toolbar_button(first, "Persona"), Qt.MouseButton.LeftButton)
    first.history_dock.show()
    qtbot.waitUntil(lambda: first.persona_panel.isVisible() and first.history_dock.isVisible())
    close_window(first, dialog_script)  # saves the layout

    [second] = open_windows(example_path)
    try:
        assert second.started  # panels were left open: built before the first paint, so the canvas does not jump
        second.show()
        qtbot.waitUntil(lambda: second.started)
        qtbot.waitUntil(lambda: second.persona_panel.isVisible() and second.history_dock.isVisible())
        assert not second.inspector.isVisible() and not second.workshop.check_panel.isVisible()
        assert _toolbar_button(second, "Persona").isChecked() and not _toolbar_button(second, "Inspector").isChecked()
        qtbot.wait(20)  # the tab bars' tidy-up runs on a timer
        for bar in second.findChildren(QTabBar):
            if bar.parent() is second and bar.isVisible() and bar.count():  # tabs of at least one open panel
                assert any(not dock.isHidden() for dock in second.findChildren(QDockWidget)
                           if dock.windowTitle() in {bar.tabText(i) for i in range(bar.count())})
    finally:
        close_window(second, dialog_script)


def test_the_start_page_also_brings_the_panels(qtbot, dialog_script, clean_settings, recovery_home):
    from app.gui import open_windows

    [win] = open_windows(None)  # no file: the start page instead of the canvas
    try:
        win.show()
        qtbot.waitUntil(lambda: win.started)
        assert win.start_pages.showing
        assert any(a.text().startswith("Inspector") for a in win.view_menu.actions())
    finally:
        close_window(win, dialog_script)


def test_panels_closed_last_time_wait_for_the_first_paint_again(qtbot, dialog_script, clean_settings,
                                                                 recovery_home, example_path):
    from app.gui import open_windows

    [first] = open_windows(example_path)
    first.show()
    qtbot.waitUntil(lambda: first.started)
    first.inspector.show()
    qtbot.waitUntil(first.inspector.isVisible)
    first.inspector.toggleViewAction().trigger()  # closed again before quitting
    qtbot.waitUntil(lambda: not first.inspector.isVisible())
    close_window(first, dialog_script)
    [second] = open_windows(example_path)
    try:
        assert not second.started
    finally:
        close_window(second, dialog_script)


def test_a_size_set_before_the_panels_are_built_is_kept(qtbot, dialog_script, clean_settings, recovery_home,
                                                         example_path):
    """The panels come after the first paint with the docks' saved places, not the window's saved size: a
    window resized in between (by the user, the window manager, a script) keeps its new size."""
    from app.gui import open_windows

    [first] = open_windows(example_path)
    first.resize(700, 500)
    first.show()
    qtbot.waitUntil(lambda: first.started)
    close_window(first, dialog_script)  # saves 700x500
    [second] = open_windows(example_path)
    try:
        assert (second.width(), second.height()) == (700, 500)  # the saved size, before the first paint
        second.resize(760, 540)
        second.show()
        qtbot.waitUntil(lambda: second.started)
        qtbot.wait(20)
        assert (second.width(), second.height()) == (760, 540)
    finally:
        close_window(second, dialog_script)


def test_the_view_menu_built_after_the_first_paint_shows_the_theme_in_use(qtbot, dialog_script, clean_settings,
                                                                         recovery_home):
    """Text size and contrast entries come with the panels; they show (and keep) the theme the canvas uses."""
    from app.layout import theme_variants
    from app.widgets.main_window import MainWindow
    from app.widgets.view_options import apply_theme

    win = MainWindow()
    try:
        apply_theme(True, 1.25)  # changed before the panels exist (settings still say normal)
        win.finish_startup()
        assert win.view_options.contrast_action.isChecked()
        assert win.view_options.size_actions["Large"].isChecked()
        assert (theme_variants.current["high_contrast"], theme_variants.current["text_scale"]) == (True, 1.25)
    finally:
        apply_theme(False, 1.0)
        close_window(win, dialog_script)


def test_the_cycle_collector_waits_for_start_up_only(qtbot, dialog_script, clean_settings, recovery_home,
                                                      example_path):
    import gc

    from app.gui import create_application, open_windows

    was_enabled = gc.isenabled()
    gc.enable()  # an in-process CLI test may have left it off
    try:
        create_application()
        assert not gc.isenabled()  # start-up's imports and the window: no collection
        [win] = open_windows(example_path)
        try:
            assert gc.isenabled() and gc.get_freeze_count() == 0  # back on once the windows exist
        finally:
            close_window(win, dialog_script)
        create_application()  # no window through open_windows: the event loop's first turn resumes it
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled)
    finally:
        (gc.enable if was_enabled else gc.disable)()


def test_pyside_learns_which_modules_use_it_from_their_bytes(tmp_path):
    """The start answers PySide's per-module question from the file's bytes; the answer is PySide's own."""
    import importlib.util
    import sys

    from app.gui import _answer_pyside_use_from_bytes

    feature = sys.modules.get("shibokensupport.feature") or sys.modules.get("PySide6.support.feature")
    _answer_pyside_use_from_bytes()
    fast = feature._mod_uses_pyside
    assert fast.reads_bytes
    original = fast.__closure__[0].cell_contents if fast.__closure__ else None
    assert callable(original) and not getattr(original, "reads_bytes", False)
    (tmp_path / "uses_qt.py").write_text("# é\nimport PySide6.QtCore\n", encoding="utf-8")
    (tmp_path / "plain.py").write_text("# PySide 6 is not named here\nX = 1\n", encoding="utf-8")
    modules = [module for name, module in list(sys.modules.items()) if name.startswith(("app.", "json", "PySide6"))]
    for name in ("uses_qt", "plain"):
        spec = importlib.util.spec_from_file_location(name, tmp_path / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    assert [fast(m) for m in modules] == [original(m) for m in modules]
    assert fast(modules[-2]) and not fast(modules[-1])
    _answer_pyside_use_from_bytes()  # once: not wrapped twice
    assert feature._mod_uses_pyside is fast


def test_input_is_handled_between_the_panel_steps(qtbot, dialog_script, clean_settings, recovery_home, example_path,
                                                  monkeypatch):
    """The panels come in several zero-delay steps: a key press queued during the first one is handled (the
    canvas's cursor moves) before the last step runs, and every panel is built in the end."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QKeyEvent

    from app.gui import open_windows
    from app.widgets import main_panels

    done: list[str] = []
    moved_at: list[int] = []  # how many steps had run when the key press moved the cursor

    def recorded(step):
        def run(window):
            step(window)
            done.append(step.__name__)
            if len(done) == 1:  # the user presses → while the panels are still being built
                QCoreApplication.postEvent(window.view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right,
                                                                  Qt.KeyboardModifier.NoModifier))
        return run

    monkeypatch.setattr(main_panels, "STEPS", tuple(recorded(step) for step in main_panels.STEPS))
    [win] = open_windows(example_path)
    try:
        win.view.selectionChanged.connect(lambda _selection: moved_at.append(len(done)))
        win.show()
        qtbot.waitUntil(lambda: win.started)
        assert len(done) == len(main_panels.STEPS) >= 5
        assert moved_at and 1 <= moved_at[0] < len(done)  # handled between two steps, before the last one
        cell = win.view.selection().cell
        assert cell is not None
        assert win.inspector.selection.cell == cell  # the inspector, built after the key press, shows it
        for dock in (win.inspector, win.persona_panel, win.history_dock, win.overview_dock,
                     win.workshop.versions_panel, win.workshop.channel_panel, win.workshop.check_panel):
            assert isinstance(dock, QDockWidget) and dock.parent() is win and dock.isHidden()
        assert win.workshop.compare is not None and win.view_options is not None
    finally:
        close_window(win, dialog_script)


def test_a_panel_button_clicked_between_steps_finishes_them_and_stays_open(qtbot, dialog_script, clean_settings,
                                                                           recovery_home, example_path, monkeypatch):
    """A click on a panel's toolbar button before the last step builds the rest at once; the restored layout
    does not close the panel again."""
    from app.gui import open_windows
    from app.widgets import main_panels

    done: list[str] = []

    def recorded(step):
        def run(window):
            step(window)
            done.append(step.__name__)
        return run

    monkeypatch.setattr(main_panels, "STEPS", tuple(recorded(step) for step in main_panels.STEPS))
    [win] = open_windows(example_path)
    try:
        win.show()
        qtbot.waitUntil(lambda: "add_inspector" in done)
        assert not win.started
        QTest.mouseClick(_toolbar_button(win, "Inspector"), Qt.MouseButton.LeftButton)
        assert win.started and len(done) == len(main_panels.STEPS)
        qtbot.waitUntil(win.inspector.isVisible)
        qtbot.wait(20)  # any step timer still pending finds nothing left to do
        assert win.inspector.isVisible() and _toolbar_button(win, "Inspector").isChecked()
        assert len(done) == len(main_panels.STEPS)
    finally:
        close_window(win, dialog_script)
