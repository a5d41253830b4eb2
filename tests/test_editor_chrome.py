"""The window around the canvas (issue 12): toolbar, start page, room for the canvas on a laptop,
text size and the high-contrast theme (WCAG AA for every text on the canvas), projector-size vote badges."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from app.layout import theme, theme_variants
from app.layout.colors import contrast_ratio
from app.layout.shapes import RectShape, TextShape
from tests.shell_fixtures import close_window


@pytest.fixture(autouse=True)
def normal_theme():
    yield
    theme_variants.apply()  # the theme is process-wide: leave it as found


def click_tool(window, text: str) -> None:
    action = next(a for a in window.toolbar.actions() if a.text().replace("&", "").startswith(text))
    button = window.toolbar.widgetForAction(action)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_toolbar_adds_a_stage_and_a_lane_named_by_typing(window, qtbot):
    journey = window.document.journey
    view = window.view
    x, y, _w, _h = view.map_scene.layout.cell_rect(journey.stages[1].id, journey.lanes[0].id)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(QPointF(x + 20, y + 20)))
    click_tool(window, "+ Stage")
    assert view.editing.active
    QTest.keyClicks(view.viewport(), "Onboarding")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert [s.name for s in journey.stages][2] == "Onboarding"
    click_tool(window, "+ Lane")
    QTest.keyClicks(view.viewport(), "Backstage")
    QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert "Backstage" in [lane.name for lane in journey.lanes]
    click_tool(window, "Undo")
    assert "Backstage" not in [lane.name for lane in journey.lanes]
    click_tool(window, "Redo")
    assert "Backstage" in [lane.name for lane in journey.lanes]
    click_tool(window, "Inspector")
    assert window.inspector.isVisible()


def test_start_page_blank_map_with_the_mouse(dialog_script, clean_settings, recovery_home, tmp_path, qtbot):
    from app.gui import open_windows

    recent = tmp_path / "workshop.journey"
    from app.io.journey.file import save_journey
    from app.model.templates import map_from_template

    save_journey(map_from_template("four-stage", "Workshop"), recent)
    from app.settings import Settings

    Settings().add_recent_file(recent)
    windows = open_windows(None)
    window = windows[0]
    try:
        window.show()
        qtbot.waitExposed(window)
        pages = window.start_pages
        assert pages.showing and not window.toolbar.isEnabled()
        assert pages.page.recent.count() == 1 and "workshop.journey" in pages.page.recent.item(0).text()
        QTest.mouseClick(pages.page.template_buttons["blank"], Qt.MouseButton.LeftButton)
        assert not pages.showing and window.toolbar.isEnabled()
        assert [s.name for s in window.document.journey.stages] == ["Stage 1", "Stage 2", "Stage 3"]
        pages.show_start()
        item = pages.page.recent.item(0)
        rect = pages.page.recent.visualItemRect(item)
        QTest.mouseClick(pages.page.recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.document.journey.metadata.title == "Workshop" and not pages.showing
    finally:
        for win in windows:
            close_window(win, dialog_script)


def test_canvas_keeps_most_of_a_laptop_window(window, qtbot):
    window.resize(1280, 720)
    qtbot.wait(10)
    view = window.view
    share = view.width() * view.height() / (window.width() * window.height())
    assert share >= 0.70, share


def _text_backgrounds(shapes):
    """Each text with the fill painted last under its anchor point (what it is read against)."""
    fills: list[RectShape] = []
    for shape in shapes:
        if isinstance(shape, RectShape) and shape.fill:
            fills.append(shape)
        elif isinstance(shape, TextShape) and shape.text.strip():
            x = shape.x if shape.align == "left" else shape.x - 1
            y = shape.y - shape.size * 0.35
            under = next((f for f in reversed(fills) if f.x <= x <= f.x + f.width and f.y <= y <= f.y + f.height),
                         None)
            yield shape, under.fill if under else theme.BACKGROUND


def test_high_contrast_theme_passes_wcag_aa_for_every_canvas_text(example_map):
    from app.layout import compute_layout
    from app.layout.painting import map_picture
    from app.model import Channel, Evidence, EvidenceStatus

    theme_variants.apply(high_contrast=True)
    journey = example_map
    lane = next(lane for lane in journey.lanes if lane.kind.value == "touchpoints")
    for channel in Channel:  # every channel label, every evidence mark, a vote badge
        journey.cards.append(journey.cards[0].model_copy(update={
            "id": f"c-{channel.value}", "lane_id": lane.id, "channel": channel, "votes": 3,
            "evidence": Evidence(status=EvidenceStatus.ASSUMED)}))
    layout = compute_layout(journey)
    picture = map_picture(layout, journey.metadata.title)
    checked = 0
    for part in (picture.body, picture.stage_headers, picture.lane_headers, picture.corner):
        for text, fill in _text_backgrounds(part):
            large = text.size >= 18 or (text.bold and text.size >= 14)
            # The map's own colours (a phase or stage coloured by the team) are theirs; the theme's must pass.
            if fill not in theme_variants.values(True).values() and fill not in theme.LANE_KIND_FILL.values() \
                    and fill != theme.BACKGROUND:
                continue
            ratio = contrast_ratio(text.color, fill)
            assert ratio >= (3.0 if large else 4.5), (text.text, text.color, fill, ratio)
            checked += 1
    assert checked > 50


def test_text_size_and_high_contrast_are_remembered(window, dialog_script, qtbot):
    from app.widgets.main_window import MainWindow

    normal = theme.CARD_FONT_SIZE
    card_id = window.document.add_card(window.document.journey.stages[0].id, window.document.journey.lanes[0].id,
                                       "A card to read from the back of the room")
    small = window.view.map_scene.cards[card_id].box.rect.height
    window.view_options.size_actions["Larger"].trigger()
    window.view_options.contrast_action.trigger()
    assert normal < theme.CARD_FONT_SIZE and theme.HEADER_FILL == "#000000"
    assert window.view.map_scene.cards[card_id].box.rect.height > small
    close_window(window, dialog_script)
    theme_variants.apply()
    second = MainWindow()
    try:
        assert round(normal * 1.5) == theme.CARD_FONT_SIZE and theme.HEADER_FILL == "#000000"
        assert second.view_options.contrast_action.isChecked()
    finally:
        close_window(second, dialog_script)


def test_vote_badges_stay_readable_when_zoomed_out(window, qtbot):
    view = window.view
    document = window.document
    card_id = document.add_card(document.journey.stages[0].id, document.journey.lanes[0].id, "Vote for me", votes=7)
    view.set_zoom(0.55)
    view.scroll_home()
    qtbot.wait(10)
    item = view.map_scene.cards[card_id]
    rect = view.mapFromScene(item.mapRectToScene(item.boundingRect())).boundingRect()
    image = view.viewport().grab().toImage()
    dot = QColor(theme.VOTE_DOT)
    rows = [y for y in range(max(0, rect.top()), min(image.height(), rect.bottom() + 1))
            if any(QColor(image.pixel(x, y)) == dot for x in range(max(0, rect.left()), min(image.width(),
                                                                                           rect.right() + 1)))]
    assert rows and rows[-1] - rows[0] + 1 >= 16, rows


def test_overview_shows_the_whole_map_right_after_it_shrinks(window, qtbot, example_path):
    from app.io.formats import read_map
    from app.widgets.overview import OverviewWidget

    window.load(read_map(example_path).journey, None)
    overview = OverviewWidget(window.view)
    qtbot.addWidget(overview)
    overview.resize(400, 300)
    overview.show()
    qtbot.waitExposed(overview)
    overview.redraw()
    overview.resize(200, 120)  # smaller, before the delayed sharp redraw
    window.view.set_zoom(4.0)  # the outline of the visible part stays small, at the top-left
    window.view.scroll_home()
    image = overview.grab().toImage()
    background = overview.palette().window().color()
    # The picture was shrunk to fit: a strip of the widget's own background is left at the right or the bottom.
    right = all(image.pixelColor(image.width() - 1, y) == background for y in range(image.height() // 2,
                                                                                      image.height()))
    bottom = all(image.pixelColor(x, image.height() - 1) == background for x in range(image.width() // 2,
                                                                                     image.width()))
    assert right or bottom


def test_exports_ignore_the_screens_text_size_and_high_contrast(window, tmp_path, qtbot):
    """Projector settings are for the room: the SVG and PDF a client gets are the same as with the
    normal theme, the PDF dialog's preview shows that page, and the screen keeps its variant."""
    from pypdf import PdfReader

    from app.io.formats import format_for
    from app.widgets.pdf_export_dialog import PdfExportDialog

    svg = format_for(tmp_path / "a.svg", for_writing=True)
    assert window.export_to(tmp_path / "normal.svg", svg, {"embed": False})
    dialog = PdfExportDialog(window.document.journey, window)
    dialog.show_messages = False
    assert dialog.export_to(tmp_path / "normal.pdf", wait=True)
    normal_preview = dialog._map_thumbnail().size()

    window.view_options.size_actions["Larger"].trigger()
    window.view_options.contrast_action.trigger()
    assert window.export_to(tmp_path / "projector.svg", svg, {"embed": False})
    dialog = PdfExportDialog(window.document.journey, window)
    dialog.show_messages = False
    assert dialog.export_to(tmp_path / "projector.pdf", wait=True)

    assert (tmp_path / "projector.svg").read_bytes() == (tmp_path / "normal.svg").read_bytes()
    readers = [PdfReader(tmp_path / name) for name in ("normal.pdf", "projector.pdf")]
    pages = [[page.mediabox for page in reader.pages] for reader in readers]
    texts = [[page.extract_text() for page in reader.pages] for reader in readers]
    assert pages[0] == pages[1] and texts[0] == texts[1]
    assert dialog._map_thumbnail().size() == normal_preview
    assert theme.HEADER_FILL == "#000000" and theme_variants.current == {"high_contrast": True, "text_scale": 1.5}


def test_start_page_fits_a_laptop_window_with_every_template_readable(dialog_script, clean_settings, recovery_home,
                                                                      qtbot):
    """At 1280x720 the start page needs no sideways scrolling and every template tile shows its whole
    description (tiles wrap their text instead of widening the page)."""
    from app.gui import open_windows

    windows = open_windows(None)
    window = windows[0]
    try:
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        pages = window.start_pages
        assert pages.showing
        qtbot.waitUntil(lambda: not pages.scroll.horizontalScrollBar().isVisible())
        assert pages.page.width() <= pages.scroll.viewport().width()
        for tile in pages.page.template_buttons.values():
            label = tile.label
            assert label.geometry().right() <= tile.width() and label.height() >= label.heightForWidth(label.width())
            assert tile.mapTo(pages.page, tile.rect().topRight()).x() <= pages.scroll.viewport().width()
        QTest.mouseClick(pages.page.template_buttons["service-blueprint"], Qt.MouseButton.LeftButton)
        assert not pages.showing and window.document.journey.metadata.title == "Service blueprint"
    finally:
        for win in windows:
            close_window(win, dialog_script)
