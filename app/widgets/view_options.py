"""View ▸ Text size and View ▸ High contrast (remembered in the settings), and the canvas's one-line
notices (an edit refused and why, a channel guessed) in the status bar."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow

from app.layout import theme_variants
from app.layout.theme_variants import TEXT_SCALES


def apply_theme(high_contrast: bool, text_scale: float) -> None:
    """Make the variant the theme and redraw every open canvas."""
    if (theme_variants.current["high_contrast"], theme_variants.current["text_scale"]) == (high_contrast,
                                                                                            text_scale):
        return
    theme_variants.apply(high_contrast, text_scale)
    for widget in QApplication.topLevelWidgets():
        view = getattr(widget, "view", None)
        scene = getattr(view, "map_scene", None)
        if scene is None:
            continue
        for item in scene.cards.values():
            item.forget_look()  # its pixels and picture were drawn in the old theme
        scene.rebuild()
        scene.update()
        view._pin_headers()


def saved_theme(settings) -> tuple[bool, float]:
    """(high contrast, text scale) as the user left them."""
    scale = settings.view_option("text_scale", 1.0)
    return bool(settings.view_option("high_contrast", False)), scale if scale in TEXT_SCALES.values() else 1.0


class ViewOptions:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        menu = window.view_menu
        menu.addSeparator()
        size_menu = menu.addMenu("Text &size")
        self.size_group = QActionGroup(window)
        self.size_actions: dict[str, QAction] = {}
        # The menu shows the theme in use: the window applied the saved one before its first paint, and the
        # panels and these entries come after it (re-reading the settings here would undo a change made since).
        scale = theme_variants.current["text_scale"]
        for name, value in TEXT_SCALES.items():
            action = size_menu.addAction(f"{name} ({value * 100:.0f} %)")
            action.setCheckable(True)
            action.setChecked(abs(value - scale) < 1e-6)
            action.triggered.connect(lambda _checked=False, v=value: self.set_text_scale(v))
            self.size_group.addAction(action)
            self.size_actions[name] = action
        self.contrast_action = window._action(menu, "&High contrast", self.toggle_contrast)
        self.contrast_action.setCheckable(True)
        self.contrast_action.setChecked(bool(theme_variants.current["high_contrast"]))
        window.view.notice.connect(lambda text: window.statusBar().showMessage(text, 8000))

    def set_text_scale(self, scale: float) -> None:
        self.window.settings.set_view_option("text_scale", scale)
        apply_theme(self.contrast_action.isChecked(), scale)

    def toggle_contrast(self) -> None:
        on = self.contrast_action.isChecked()
        self.window.settings.set_view_option("high_contrast", on)
        apply_theme(on, theme_variants.current["text_scale"])


def install_view_options(window: QMainWindow) -> ViewOptions:
    window.view_options = ViewOptions(window)
    return window.view_options
