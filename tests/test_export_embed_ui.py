"""The export dialogs: "Include the editable map" (on by default, remembered) and File > Export > PowerPoint."""

from __future__ import annotations

import pytest
from pptx import Presentation
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.io import formats
from app.io.errors import JourneyFileError
from app.io.formats import read_map
from app.widgets.embed_option import SETTINGS_KEY


@pytest.fixture
def fresh_embed_setting(qapp):
    QSettings().remove(SETTINGS_KEY)
    yield
    QSettings().remove(SETTINGS_KEY)


def test_pdf_dialog_includes_the_map_by_default_and_remembers_turning_it_off(qtbot, example_map, tmp_path,
                                                                              fresh_embed_setting):
    from app.widgets.pdf_export_dialog import PdfExportDialog

    dialog = PdfExportDialog(example_map)
    qtbot.addWidget(dialog)
    dialog.show_messages = False
    assert dialog.embed_map.isChecked()
    assert "notes" in dialog.embed_map.explanation.text() and "evidence sources" in dialog.embed_map.explanation.text()
    with_map = tmp_path / "with.pdf"
    assert dialog.export_to(with_map, wait=True)
    assert read_map(with_map).journey.metadata.title == example_map.metadata.title

    dialog.show()
    qtbot.waitExposed(dialog)
    check = dialog.embed_map.check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(6, check.height() // 2))  # on the box itself
    assert not dialog.embed_map.isChecked()
    without = tmp_path / "without.pdf"
    assert dialog.export_to(without, wait=True)
    with pytest.raises(JourneyFileError, match="has no editable map inside"):
        read_map(without)
    again = PdfExportDialog(example_map)
    qtbot.addWidget(again)
    assert not again.embed_map.isChecked()


def test_file_export_powerpoint_writes_the_chosen_slide_size(window, dialog_script, qtbot, tmp_path,
                                                            fresh_embed_setting):
    fmt = formats.format_for("x.pptx", for_writing=True)
    target = tmp_path / "deck.pptx"
    dialog_script.save_paths.append(target)
    seen = {}

    def choose_options():
        dialog = QApplication.activeModalWidget()
        seen["embed"] = dialog.embed_map.isChecked()
        dialog.slide_size.setCurrentText("4:3")
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose_options)
    assert window.export(fmt)
    assert seen["embed"] is True
    deck = Presentation(str(target))
    assert deck.slide_width == 720 * 12700
    assert read_map(target).journey.metadata.title == window.document.journey.metadata.title
    assert window.settings.export_options("pptx")["slide_size"] == "4:3"


def test_svg_export_follows_the_remembered_choice(window, dialog_script, tmp_path, fresh_embed_setting):
    from app.widgets.embed_option import set_embed_map_setting

    fmt = formats.format_for("x.svg", for_writing=True)
    with_map, without = tmp_path / "with.svg", tmp_path / "without.svg"
    dialog_script.save_paths += [with_map, without]
    assert window.export(fmt)
    set_embed_map_setting(False)
    assert window.export(fmt)
    assert read_map(with_map).journey.metadata.title == window.document.journey.metadata.title
    with pytest.raises(JourneyFileError, match="has no editable map inside"):
        read_map(without)
