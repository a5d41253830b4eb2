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


def test_text_the_image_shortens_is_given_in_full_under_the_map(tmp_path):
    """A lane name or emotion label cut with "…" on the PNG/SVG was cut silently: no mark, no warning, no
    full text anywhere in the image. Now it carries "… [n]" and the note under the legend gives it in full."""
    from app.model.journey import EmotionPoint, JourneyMap, Lane, Metadata, Stage

    long_lane = "Customer " + " ".join(f"word{i}" for i in range(30))
    stage = Stage(name="Visit")
    lanes = [Lane(name=long_lane), Lane(name="Feelings", kind="emotions")]
    label = "Frustrated " + " ".join(f"because{i}" for i in range(12))
    journey = JourneyMap(metadata=Metadata(title="Cut"), stages=[stage], lanes=lanes,
                         emotions=[EmotionPoint(stage_id=stage.id, lane_id=lanes[1].id, value=-1, label=label)])
    out = tmp_path / "map.svg"
    write_map(journey, out, embed=False)  # the carried map would hold every word anyway
    svg = " ".join(out.read_text(encoding="utf-8").split())
    assert "jc:map" not in svg
    assert "\u2026 [1]" in svg and "\u2026 [2]" in svg
    for word in [*long_lane.split(), *label.split()]:
        assert word in svg, word
    assert "[1] Lane name" in svg


def test_a_title_wider_than_the_image_is_marked_and_given_in_full_under_the_map(tmp_path):
    from app.model.journey import JourneyMap, Lane, Metadata, Stage

    title = "Moving house " + " ".join(f"step{i}" for i in range(60))
    journey = JourneyMap(metadata=Metadata(title=title), stages=[Stage(name="Visit")], lanes=[Lane(name="Do")])
    out = tmp_path / "map.svg"
    write_map(journey, out, embed=False)
    svg = " ".join(out.read_text(encoding="utf-8").split())
    assert "\u2026 [1]" in svg and "[1] Map title" in svg
    for word in title.split():
        assert word in svg, word
