"""The persona panel: typed fields, checkable channels and the photo, each one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from app.document import JourneyDocument
from app.model import Channel
from app.model.templates import map_from_template


@pytest.fixture
def doc():
    return JourneyDocument(map_from_template())  # no persona yet


@pytest.fixture
def panel(qtbot, doc, dialog_script):
    from app.widgets.persona_panel import PersonaPanel

    widget = PersonaPanel(doc)
    qtbot.addWidget(widget)
    widget.resize(420, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def test_typing_fields_creates_the_persona(panel, doc, qtbot):
    assert doc.journey.persona is None
    panel.name.setFocus()
    qtbot.keyClicks(panel.name, "Maya")
    qtbot.keyClick(panel.name, Qt.Key.Key_Tab)
    assert doc.journey.persona.name == "Maya" and doc.undo_stack.count() == 1
    panel.lists["goals"].setFocus()
    qtbot.keyClicks(panel.lists["goals"], "Pay less")
    qtbot.keyClick(panel.lists["goals"], Qt.Key.Key_Return)
    qtbot.keyClick(panel.lists["goals"], Qt.Key.Key_Return)  # blank lines are dropped
    qtbot.keyClicks(panel.lists["goals"], "  Keep her number ")
    qtbot.keyClick(panel.lists["goals"], Qt.Key.Key_Tab)
    assert doc.journey.persona.goals == ["Pay less", "Keep her number"] and doc.undo_stack.count() == 2
    panel.quote.setFocus()
    qtbot.keyClicks(panel.quote, "Why is it so hard?")
    qtbot.keyClick(panel.quote, Qt.Key.Key_Tab)
    assert doc.journey.persona.quote == "Why is it so hard?" and doc.undo_stack.count() == 3
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert panel.lists["goals"].toPlainText() == "" and panel.quote.toPlainText() == ""
    doc.undo_stack.undo()
    assert doc.journey.persona is None and panel.name.text() == ""


def test_channels_toggle_with_the_keyboard(panel, doc, qtbot):
    channels = panel.channels
    channels.setFocus()
    channels.setCurrentRow(2)  # Email
    qtbot.keyClick(channels.viewport(), Qt.Key.Key_Space)
    assert doc.journey.persona.preferred_channels == [Channel.EMAIL] and doc.undo_stack.count() == 1
    channels.setCurrentRow(0)
    qtbot.keyClick(channels.viewport(), Qt.Key.Key_Space)
    assert doc.journey.persona.preferred_channels == [Channel.EMAIL, Channel.WEBSITE]  # in the order chosen
    doc.undo_stack.undo()
    assert channels.item(0).checkState() == Qt.CheckState.Unchecked
    assert channels.item(2).checkState() == Qt.CheckState.Checked


def _png(path, width=300, height=200):
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(path), "PNG")
    return path


def test_photo_choose_show_and_remove(panel, doc, qtbot, dialog_script, tmp_path):
    dialog_script.open_paths.append(_png(tmp_path / "maya.png"))
    qtbot.mouseClick(panel.choose_photo, Qt.MouseButton.LeftButton)
    photo = doc.journey.persona.photo
    assert photo is not None and photo.mime_type == "image/png" and doc.undo_stack.count() == 1
    shown = panel.photo_label.pixmap()
    assert not shown.isNull() and shown.width() / shown.devicePixelRatio() <= 120
    assert panel.remove_photo.isEnabled()
    qtbot.mouseClick(panel.remove_photo, Qt.MouseButton.LeftButton)
    assert doc.journey.persona.photo is None and panel.photo_label.text() == "No photo"
    assert doc.undo_stack.count() == 2


def test_photo_jpeg_is_accepted(panel, doc, qtbot, dialog_script, tmp_path):
    path = tmp_path / "maya.jpg"
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("#cc6633"))
    assert image.save(str(path), "JPEG")
    dialog_script.open_paths.append(path)
    qtbot.mouseClick(panel.choose_photo, Qt.MouseButton.LeftButton)
    assert doc.journey.persona.photo.mime_type == "image/jpeg"


@pytest.mark.parametrize("kind", ["too-big", "not-an-image"])
def test_bad_photo_is_one_line_error_and_no_edit(panel, doc, qtbot, dialog_script, tmp_path, kind):
    path = tmp_path / "photo.png"
    if kind == "too-big":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024 + 1))
    else:
        path.write_bytes(b"GIF89a not really")
    dialog_script.open_paths.append(path)
    qtbot.mouseClick(panel.choose_photo, Qt.MouseButton.LeftButton)
    assert doc.undo_stack.count() == 0
    assert len(dialog_script.errors) == 1 and "\n" not in dialog_script.errors[0]
    expected = "at most 2 MB" if kind == "too-big" else "is not a PNG or JPEG image"
    assert expected in dialog_script.errors[0] and dialog_script.errors[0].startswith("photo.png: ")


def test_panel_shows_a_loaded_persona(panel, doc, example_map):
    doc.replace(example_map, None)
    persona = example_map.persona
    assert panel.name.text() == persona.name
    assert panel.lists["frustrations"].toPlainText().splitlines() == persona.frustrations
    checked = [panel.channels.item(r).data(Qt.ItemDataRole.UserRole) for r in range(panel.channels.count())
               if panel.channels.item(r).checkState() == Qt.CheckState.Checked]
    assert set(checked) == set(persona.preferred_channels) and len(checked) == len(persona.preferred_channels)
