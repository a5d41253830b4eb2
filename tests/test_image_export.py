"""convert OUT.png / OUT.svg render the map offscreen with the canvas's painter."""

from __future__ import annotations

import shutil

from app.io.formats import write_map


def test_png_shows_the_map(example_map, tmp_path, artifacts_dir):
    from PySide6.QtGui import QImage

    out = tmp_path / "map.png"
    write_map(example_map, out, scale=100)
    image = QImage(str(out))
    from app.io.image.page import FOOTER_ROOM, MARGIN, TITLE_ROOM
    from app.layout import compute_layout

    layout = compute_layout(example_map.content())
    # Framed like a page: a margin all round, the title above the map, the legend below it.
    assert (image.width(), image.height()) == (round(layout.width + 2 * MARGIN),
                                               round(layout.height + 2 * MARGIN + TITLE_ROOM + FOOTER_ROOM))
    assert image.pixelColor(3, 3).lightness() == 255
    ox, oy = MARGIN, MARGIN + TITLE_ROOM
    # The header row is dark, a pain-point card is red-ish, the background is white.
    header = image.pixelColor(int(ox + layout.columns[0].x + 100), int(oy + layout.header_height - 5))
    assert header.lightness() < 90
    pain_lane = next(lane for lane in example_map.lanes if lane.kind == "pain_points")
    card_id = next(c.id for c in example_map.cards if c.lane_id == pain_lane.id)
    box = layout.cards[card_id].rect
    pixel = image.pixelColor(int(ox + box.x + 30), int(oy + box.bottom - 4))
    assert pixel.red() > pixel.blue() + 20
    shutil.copy(out, artifacts_dir / "example-map.png")


def test_svg_is_vector_with_text(example_map, tmp_path):
    out = tmp_path / "map.svg"
    write_map(example_map, out)
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "Awareness" in svg and "Orders a SIM online" in svg
