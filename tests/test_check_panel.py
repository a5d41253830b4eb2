"""View > Check Map: findings listed, double-click shows the thing on the canvas, follows edits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.model.templates import map_from_template


def row_of(panel, code: str) -> int:
    return next(i for i, f in enumerate(panel.findings) if f.code == code)


def test_check_panel_lists_findings_and_selects_them(window, example_map, qtbot, artifacts_dir):
    journey = example_map
    touch = next(lane for lane in journey.lanes if lane.kind == "touchpoints")
    card = next(c for c in journey.cards if c.lane_id == touch.id)
    card.channel = None  # a touchpoint without a channel: a finding about one card
    window.load(journey, None)
    view_menu = window.view_menu
    check = next(a for a in view_menu.actions() if a.text() == "&Check Map")
    check.trigger()
    panel = window.workshop.check_panel
    assert panel.isVisible()
    codes = [f.code for f in panel.findings]
    assert "touchpoint-without-channel" in codes
    assert panel.list.count() == len(panel.findings)
    assert not panel.list.item(0).icon().isNull()

    row = row_of(panel, "touchpoint-without-channel")
    item = panel.list.item(row)
    panel.list.scrollToItem(item)
    where = panel.list.visualItemRect(item).center()
    QTest.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double-click starts with one
    QTest.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.view.selection().cards == (card.id,)
    window.grab().save(str(artifacts_dir / "check_panel.png"))

    # Fixing it from the canvas refreshes the list (debounced).
    window.document.edit_card(card.id, channel="website")
    qtbot.waitUntil(lambda: "touchpoint-without-channel" not in [f.code for f in panel.findings], timeout=3000)


def test_empty_lane_finding_selects_the_lane(window, qtbot):
    window.load(map_from_template("five-stage"), None)
    window.workshop.check_action.trigger()
    panel = window.workshop.check_panel
    row = row_of(panel, "empty-lane")
    finding = panel.findings[row]
    panel.list.setCurrentRow(row)
    QTest.keyClick(panel.list, Qt.Key.Key_Return)
    selection = window.view.selection()
    assert selection.lane_id == finding.lane_id or selection.cell is not None
    assert "warning" in panel.summary.text()
