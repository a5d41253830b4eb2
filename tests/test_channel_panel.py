"""The channel matrix dock follows the map: counts, preferred channels, gaps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.model import Channel


def column_of(table, label: str) -> int:
    return next(c for c in range(table.columnCount()) if table.horizontalHeaderItem(c).text() == label)


def test_matrix_counts_preferred_channels_and_gaps(window, example_map, qtbot, artifacts_dir):
    window.load(example_map, None)
    QTest.keyClick(window.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.workshop.channel_panel
    assert panel.isVisible()
    table = panel.table
    journey = window.document.journey
    assert [table.verticalHeaderItem(r).text() for r in range(table.rowCount())] == [s.name for s in journey.stages]
    website = column_of(table, "Website")
    assert table.item(1, website).text() == "2"  # Consideration: plan comparison page and coverage map
    # Preferred channels are bold and coloured in the header; others are not.
    chat = table.horizontalHeaderItem(column_of(table, "Chat"))
    assert chat.font().bold() and chat.foreground().color().name() == "#1c7ed6"
    assert not table.horizontalHeaderItem(website).font().bold()
    assert "Gap" not in panel.gaps_label.text()

    # The persona now prefers the phone too... and nobody offers email any more: a gap.
    window.document.edit_persona(preferred_channels=[*journey.persona.preferred_channels, Channel.PRINT_MAIL])
    qtbot.waitUntil(lambda: "Gap" in panel.gaps_label.text())
    assert "Print / mail" in panel.gaps_label.text()
    assert table.horizontalHeaderItem(column_of(table, "Print / mail")).font().bold()

    # A new touchpoint card with a channel is counted at once.
    touch = next(lane for lane in journey.lanes if lane.kind == "touchpoints")
    flyer = window.document.add_card(journey.stages[0].id, touch.id, "Flyer", channel=Channel.PRINT_MAIL)
    qtbot.waitUntil(lambda: table.item(0, column_of(table, "Print / mail")).text() == "1")
    assert "Gap" not in panel.gaps_label.text()
    window.document.remove_cards([flyer])
    qtbot.waitUntil(lambda: "Gap" in panel.gaps_label.text())
    panel.grab().save(str(artifacts_dir / "channel_panel.png"))


def test_matrix_shows_the_preferred_channels_of_every_shown_persona(window, qtbot):
    from tests.persona_maps import three_persona_blueprint
    from tests.test_main_window import menu_action

    journey = three_persona_blueprint()
    maya, kai, jo = journey.personas
    maya.preferred_channels, kai.preferred_channels, jo.preferred_channels = (
        [Channel.CHAT], [Channel.PHONE], [Channel.EMAIL, Channel.CHAT])
    window.load(journey, None)
    QTest.keyClick(window.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.workshop.channel_panel
    table = panel.table
    headers = {table.horizontalHeaderItem(c).text(): table.horizontalHeaderItem(c) for c in range(table.columnCount())}
    assert all(headers[name].font().bold() for name in ("Chat", "Phone", "Email"))
    assert headers["Chat"].toolTip() == "Preferred by Maya, Jo"
    assert "Phone (Kai)" in panel.gaps_label.text()
    menu_action(window, "View", "Show personas", "Kai").trigger()
    qtbot.waitUntil(lambda: panel.matrix.preferred == (Channel.PHONE,), timeout=2000)
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert "Email" not in headers and "the persona prefers Phone" in panel.gaps_label.text()
