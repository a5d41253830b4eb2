"""The inspector: real typing and clicking; every finished edit is exactly one undo command."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from app.document import JourneyDocument
from app.model import Channel, EvidenceStatus, LaneKind
from app.widgets.selection import Selection


@pytest.fixture
def doc(example_map):
    return JourneyDocument(example_map)


@pytest.fixture
def inspector(qtbot, doc, dialog_script):
    from app.widgets.inspector import InspectorPanel

    panel = InspectorPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(420, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    return panel


def retype(qtbot, field, text: str) -> None:
    """Focus a text field, select everything in it and type over it (like a user would)."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def commands(doc) -> int:
    return doc.undo_stack.count()


def test_nothing_selected_shows_the_map(inspector, doc, qtbot):
    page = inspector.map_page
    assert inspector.current_page is page and inspector.heading.text() == "Map"
    assert page.title.text() == "Switching mobile plans"
    retype(qtbot, page.title, "Switching plans")
    assert commands(doc) == 0  # typing alone is not an edit
    qtbot.keyClick(page.title, Qt.Key.Key_Return)
    assert doc.journey.metadata.title == "Switching plans" and commands(doc) == 1
    assert doc.undo_stack.text(0) == "Change title of the map"
    qtbot.keyClick(page.title, Qt.Key.Key_Tab)  # focus leaves after Enter: still one command
    assert commands(doc) == 1
    retype(qtbot, page.author, "Research team")
    qtbot.keyClick(page.author, Qt.Key.Key_Tab)
    assert doc.journey.metadata.author == "Research team" and commands(doc) == 2
    doc.undo_stack.undo()
    assert page.author.text() == "Journey Canvas example"  # the panel follows the document


def test_card_text_commits_once_on_focus_out(inspector, doc, qtbot):
    card = doc.journey.cards[0]
    inspector.set_selection(Selection(cards=(card.id,)))
    page = inspector.card_page
    assert inspector.current_page is page
    assert inspector.heading.text() == "Card in Awareness · Customer actions"
    assert page.text.toPlainText() == card.text
    retype(qtbot, page.text, "First line")
    qtbot.keyClick(page.text, Qt.Key.Key_Return)
    qtbot.keyClicks(page.text, "second line")
    assert commands(doc) == 0 and doc.card(card.id).text != "First line\nsecond line"
    qtbot.keyClick(page.text, Qt.Key.Key_Tab)  # Tab moves focus on, committing the text
    assert doc.card(card.id).text == "First line\nsecond line"
    assert commands(doc) == 1 and doc.undo_stack.text(0).startswith("Edit card text '")


def test_card_fields_each_one_command(inspector, doc, qtbot, dialog_script):
    card = doc.journey.cards[0]
    inspector.set_selection(Selection(cards=(card.id,)))
    page = inspector.card_page

    dialog_script.color = "#123456"
    qtbot.mouseClick(page.color.choose_button, Qt.MouseButton.LeftButton)
    assert doc.card(card.id).color == "#123456" and commands(doc) == 1
    assert page.color.choose_button.text() == "#123456"
    qtbot.mouseClick(page.color.reset_button, Qt.MouseButton.LeftButton)
    assert doc.card(card.id).color is None and commands(doc) == 2

    page.channel.setFocus()
    qtbot.keyClick(page.channel, Qt.Key.Key_Down)  # (none) -> Website
    assert doc.card(card.id).channel == Channel.WEBSITE and commands(doc) == 3

    retype(qtbot, page.tags, "pricing,  billing , ,trust")
    qtbot.keyClick(page.tags, Qt.Key.Key_Return)
    assert doc.card(card.id).tags == ["pricing", "billing", "trust"] and commands(doc) == 4
    assert page.tags.text() == "pricing, billing, trust"

    page.evidence.setFocus()
    qtbot.keyClick(page.evidence, Qt.Key.Key_End)  # the last status
    assert doc.card(card.id).evidence.status == EvidenceStatus.PROPOSED and commands(doc) == 5
    retype(qtbot, page.source, "Workshop 2")
    qtbot.keyClick(page.source, Qt.Key.Key_Return)
    evidence = doc.card(card.id).evidence
    assert (evidence.status, evidence.source) == (EvidenceStatus.PROPOSED, "Workshop 2") and commands(doc) == 6

    retype(qtbot, page.votes, "7")
    assert commands(doc) == 6  # keyboard tracking is off: typing digits is not yet an edit
    qtbot.keyClick(page.votes, Qt.Key.Key_Return)
    assert doc.card(card.id).votes == 7 and commands(doc) == 7
    qtbot.keyClick(page.votes, Qt.Key.Key_Up)
    assert doc.card(card.id).votes == 8 and commands(doc) == 8

    retype(qtbot, page.note, "Ask the call centre")
    qtbot.keyClick(page.note, Qt.Key.Key_Tab)
    assert doc.card(card.id).note == "Ask the call centre" and commands(doc) == 9

    page.evidence.setFocus()
    qtbot.keyClick(page.evidence, Qt.Key.Key_Home)  # (none) clears the evidence
    assert doc.card(card.id).evidence is None and not page.source.isEnabled() and commands(doc) == 10
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.card(card.id) == card and page.tags.text() == ", ".join(card.tags)


def test_several_cards_change_in_one_step(inspector, doc, qtbot, dialog_script):
    ids = tuple(c.id for c in doc.journey.cards[:3])
    inspector.set_selection(Selection(cards=ids))
    page = inspector.card_page
    assert inspector.heading.text() == "3 cards" and not page.text.isEnabled()
    dialog_script.color = "#abcdef"
    qtbot.mouseClick(page.color.choose_button, Qt.MouseButton.LeftButton)
    assert [doc.card(i).color for i in ids] == ["#abcdef"] * 3
    assert commands(doc) == 1 and doc.undo_stack.text(0) == "Change colour of 3 cards"
    doc.undo_stack.undo()
    assert [doc.card(i).color for i in ids] == [None] * 3


def test_typing_then_selecting_elsewhere_commits_to_the_first_card(inspector, doc, qtbot):
    first, second = doc.journey.cards[0], doc.journey.cards[1]
    inspector.set_selection(Selection(cards=(first.id,)))
    retype(qtbot, inspector.card_page.note, "half-typed")
    inspector.set_selection(Selection(cards=(second.id,)))
    assert doc.card(first.id).note == "half-typed" and doc.card(second.id).note == second.note
    assert inspector.card_page.note.toPlainText() == second.note


def test_deleted_selection_falls_back_to_the_map(inspector, doc):
    card = doc.journey.cards[0]
    inspector.set_selection(Selection(cards=(card.id,)))
    doc.remove_cards([card.id])
    assert inspector.current_page is inspector.map_page
    doc.undo_stack.undo()
    assert doc.has_card(card.id)


def test_stage_fields_and_kpis(inspector, doc, qtbot):
    stage = doc.journey.stages[0]
    inspector.set_selection(Selection(stage_id=stage.id))
    page = inspector.stage_page
    assert inspector.heading.text() == "Stage: Awareness"
    retype(qtbot, page.name, "Noticing")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert doc.journey.stages[0].name == "Noticing" and commands(doc) == 1
    assert inspector.heading.text() == "Stage: Noticing"
    retype(qtbot, page.description, "She notices.")
    qtbot.keyClick(page.description, Qt.Key.Key_Tab)
    assert doc.journey.stages[0].description == "She notices." and commands(doc) == 2

    page.phase.setFocus()
    qtbot.keyClick(page.phase, Qt.Key.Key_Home)
    assert doc.journey.stages[0].phase_id is None and commands(doc) == 3

    kpis_before = len(stage.kpis)
    qtbot.mouseClick(page.add_kpi, Qt.MouseButton.LeftButton)
    assert len(doc.journey.stages[0].kpis) == kpis_before + 1 and commands(doc) == 4
    row = page.kpis.rowCount() - 1
    page.kpis.item(row, 1).setText("12.5")  # what the table's editor does on commit
    assert doc.journey.stages[0].kpis[-1].value == 12.5 and commands(doc) == 5
    page.kpis.item(row, 2).setText("not a number")
    assert doc.journey.stages[0].kpis[-1].target is None and commands(doc) == 5
    assert page.kpis.item(row, 2).text() == ""  # reverted to the stored value
    page.kpis.item(row, 3).setText("%")
    assert doc.journey.stages[0].kpis[-1].unit == "%" and commands(doc) == 6
    # Lower is better (churn, drop-off): untick the direction box with a click.
    direction = page.kpis.visualItemRect(page.kpis.item(row, 4))
    box = direction.topLeft() + QPoint(10, direction.height() // 2)
    qtbot.mouseClick(page.kpis.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert doc.journey.stages[0].kpis[-1].higher_is_better is False and commands(doc) == 7
    page.kpis.selectRow(row)
    qtbot.mouseClick(page.remove_kpi, Qt.MouseButton.LeftButton)
    assert len(doc.journey.stages[0].kpis) == kpis_before and commands(doc) == 8


def test_lane_kind_colour_and_name(inspector, doc, qtbot, dialog_script):
    lane = doc.journey.lanes[0]
    inspector.set_selection(Selection(lane_id=lane.id))
    page = inspector.lane_page
    page.kind.setFocus()
    qtbot.keyClick(page.kind, Qt.Key.Key_End)  # the last kind: Text
    assert doc.journey.lanes[0].kind == LaneKind.TEXT and commands(doc) == 1
    dialog_script.color = "#00ff00"
    qtbot.mouseClick(page.color.choose_button, Qt.MouseButton.LeftButton)
    assert doc.journey.lanes[0].color == "#00ff00" and commands(doc) == 2
    retype(qtbot, page.name, "Doing")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert doc.journey.lanes[0].name == "Doing" and commands(doc) == 3


def test_phase_name(inspector, doc, qtbot):
    phase = doc.journey.phases[0]
    inspector.set_selection(Selection(phase_id=phase.id))
    retype(qtbot, inspector.phase_page.name, "Earlier")
    qtbot.keyClick(inspector.phase_page.name, Qt.Key.Key_Return)
    assert doc.journey.phases[0].name == "Earlier" and commands(doc) == 1


def test_emotion_point(inspector, doc, qtbot):
    point = doc.journey.emotions[0]
    start = point.value
    inspector.set_selection(Selection(emotion=(point.lane_id, point.stage_id)))
    page = inspector.emotion_page
    assert page.value.value() == start
    assert (page.value.minimum(), page.value.maximum()) == (-2.0, 2.0)
    page.value.setFocus()
    qtbot.keyClick(page.value, Qt.Key.Key_Up)
    assert doc.journey.emotions[0].value == start + 0.5 and commands(doc) == 1
    retype(qtbot, page.label, "Cross")
    qtbot.keyClick(page.label, Qt.Key.Key_Return)
    assert doc.journey.emotions[0].label == "Cross" and commands(doc) == 2


def test_emotion_scale_narrowing_clamps_points_in_one_step(inspector, doc, qtbot):
    before = [p.value for p in doc.journey.emotions]
    page = inspector.map_page
    retype(qtbot, page.scale_max, "1")
    qtbot.keyClick(page.scale_max, Qt.Key.Key_Return)
    assert (doc.journey.emotion_scale.min, doc.journey.emotion_scale.max) == (-2.0, 1.0)
    assert max(p.value for p in doc.journey.emotions) == 1.0 and commands(doc) == 1
    retype(qtbot, page.scale_min, "3")  # above the maximum: refused, shown as it was
    qtbot.keyClick(page.scale_min, Qt.Key.Key_Return)
    assert doc.journey.emotion_scale.min == -2.0 and page.scale_min.value() == -2.0 and commands(doc) == 1
    doc.undo_stack.undo()
    assert [p.value for p in doc.journey.emotions] == before and doc.journey.emotion_scale.max == 2.0


def test_every_field_has_an_accessible_name(inspector):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTableWidget,
        QWidget,
    )

    fields = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton, QTableWidget)
    inner = (QAbstractSpinBox, QComboBox)  # a spin box's own line edit is named through its spin box
    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in inspector.findChildren(QWidget)
               if isinstance(w, fields) and not w.accessibleName() and not isinstance(w.parent(), inner)
               and not w.objectName().startswith(("qt_dockwidget_", "qt_tableview_"))]
    assert unnamed == []


def test_emotion_scale_moved_past_every_point_undoes_and_redoes(doc):
    """The scale widens, points clamp, then it narrows: every step and its undo stay valid."""
    before = [p.value for p in doc.journey.emotions]
    doc.edit_emotion_scale(3.0, 5.0)
    assert [p.value for p in doc.journey.emotions] == [3.0] * len(before)
    assert doc.undo_stack.count() == 1 and doc.undo_stack.text(0) == "Change emotion scale"
    doc.undo_stack.undo()
    assert [p.value for p in doc.journey.emotions] == before
    assert (doc.journey.emotion_scale.min, doc.journey.emotion_scale.max) == (-2.0, 2.0)
    doc.undo_stack.redo()
    assert (doc.journey.emotion_scale.min, doc.journey.emotion_scale.max) == (3.0, 5.0)
    doc.journey.model_validate(doc.journey.model_dump())  # the map is still a valid document
