"""The PDF's channel matrix page (--channels) and the evidence legend on map pages, read back with pypdf."""

from __future__ import annotations

import re
import subprocess
import sys

from pypdf import PdfReader

from app.io.formats import write_map
from app.io.pdf.channels import channel_pages
from app.io.pdf.pages import pdf_options
from app.layout.shapes import TextShape
from app.model import Card, Channel, JourneyMap, Lane, LaneKind, Persona, Stage
from tests.conftest import PROJECT_ROOT


def _map(stages: int = 3) -> JourneyMap:
    persona = Persona(name="Maya", preferred_channels=[Channel.WEBSITE, Channel.CHAT, Channel.PHONE])
    stage_list = [Stage(id=f"s{i}", name=f"Stage {i + 1}") for i in range(stages)]
    lanes = [Lane(id="tp", name="Touchpoints", kind=LaneKind.TOUCHPOINTS)]
    cards = [
        Card(stage_id="s0", lane_id="tp", text="Home page", channel=Channel.WEBSITE),
        Card(stage_id="s0", lane_id="tp", text="Pricing page", channel=Channel.WEBSITE),
        Card(stage_id="s1", lane_id="tp", text="Welcome mail", channel=Channel.EMAIL),
        Card(stage_id="s1", lane_id="tp", text="Receipt", channel=Channel.EMAIL),
        Card(stage_id="s1", lane_id="tp", text="Reminder", channel=Channel.EMAIL),
        Card(stage_id="s1", lane_id="tp", text="Somewhere"),
    ]
    return JourneyMap(personas=[persona], stages=stage_list, lanes=lanes, cards=cards)


def _texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_channel_page_counts_and_gaps(tmp_path):
    path = tmp_path / "map.pdf"
    write_map(_map(), path, channels=True)
    pages = _texts(path)
    assert len(pages) == 2
    page = pages[1]
    assert page.startswith("Channel matrix")
    assert "Preferred but unused: Chat, Phone" in page
    assert "Touchpoint cards that name no channel: 1" in page
    assert "Stages with no touchpoint on a named channel: Stage 3" in page
    # Rows in reading order: the stage's name, then its count in each column (Website, Email, Phone, Chat, none, all).
    rows = {line.split()[0] + " " + line.split()[1]: line.split()[2:] for line in page.splitlines()
            if re.match(r"^(Stage \d|All stages)\b", line)}
    assert rows["Stage 1"] == ["2", "\u00b7", "\u00b7", "\u00b7", "\u00b7", "2"]
    assert rows["Stage 2"] == ["\u00b7", "3", "\u00b7", "\u00b7", "1", "4"]
    assert rows["Stage 3"] == ["\u00b7"] * 5 + ["0"]
    assert rows["All stages"] == ["2", "3", "\u00b7", "\u00b7", "1", "6"]
    outline = [item.title for item in PdfReader(str(path)).outline if not isinstance(item, list)]
    assert "Channel matrix" in outline


def test_no_channel_page_without_the_option_and_every_preferred_channel_used(tmp_path):
    path = tmp_path / "map.pdf"
    write_map(_map(), path)
    assert len(_texts(path)) == 1
    journey = _map()
    journey.persona.preferred_channels = [Channel.WEBSITE]
    pages = channel_pages(journey, pdf_options(channels=True))
    text = " ".join(s.text for s in pages[0] if isinstance(s, TextShape))
    assert "Every preferred channel is used at some stage." in text and "Preferred but unused" not in text


def test_many_stages_continue_on_more_pages_with_the_header_repeated():
    pages = channel_pages(_map(stages=60), pdf_options(channels=True))
    assert len(pages) >= 2
    table_pages = 0
    for shapes in pages:
        texts = [s.text for s in shapes if isinstance(s, TextShape)]
        if any(re.fullmatch(r"Stage \d+", t) for t in texts):
            table_pages += 1
            assert "Stage" in texts and "Website" in texts  # the header row, repeated
    assert table_pages >= 2
    names = [s.text for shapes in pages for s in shapes
             if isinstance(s, TextShape) and re.fullmatch(r"Stage \d+", s.text)]
    assert names == [f"Stage {i + 1}" for i in range(60)]  # each stage once, in order


def test_example_map_legend_on_every_map_page(example_map, tmp_path):
    """Page mode and every tile of a poster carry the evidence (and KPI) legend in the footer."""
    for fit, extra in (("page", {}), ("tile", {"scale": 100})):
        path = tmp_path / f"{fit}.pdf"
        write_map(example_map, path, fit=fit, **extra)
        pages = _texts(path)
        map_pages = pages[1:] if fit == "tile" else pages  # a poster starts with its assembly guide
        assert len(map_pages) >= (2 if fit == "tile" else 1)
        for text in map_pages:
            assert "Evidence:" in text and "Observed" in text and "Assumed" in text and "Proposed" in text
            assert "KPI:" in text and "target met" in text and "within 10 %" in text
        if fit == "tile":
            assert "Evidence:" not in pages[0]


def test_no_legend_when_no_card_has_evidence(tmp_path):
    path = tmp_path / "map.pdf"
    write_map(_map(), path)
    assert "Evidence:" not in _texts(path)[0]


def test_cli_convert_with_channels(example_path, tmp_path):
    out = tmp_path / "map.pdf"
    result = subprocess.run([sys.executable, "-m", "app.cli", "convert", str(example_path), str(out), "--channels"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    pages = _texts(out)
    assert pages[-1].startswith("Channel matrix") and "Every preferred channel is used at some stage." in pages[-1]


def test_a_stage_name_too_long_for_its_row_is_numbered_in_reading_order_and_given_in_full(tmp_path):
    """Long stage names were cut with a silent "…" in the matrix's rows. Their numbers follow the map's own notes,
    so a number means one text in the whole PDF."""
    journey = _map(stages=70)
    long_rows = (1, 4, 5, 40, 66)  # the last ones on the matrix's continuation page
    for i in long_rows:
        journey.stages[i].name = f"Stage {i + 1}: the customer compares every offer in the region before deciding"
    path = tmp_path / "map.pdf"
    warnings = write_map(journey, path, channels=True)
    map_notes = len([w for w in warnings if "given in full in note" in w])
    assert map_notes == len(long_rows)  # the map's stage headers cut them too, with notes 1-5
    pages = _texts(path)
    first = next(i for i, page in enumerate(pages) if page.startswith("Channel matrix"))
    text = " ".join(pages[first:])
    marks = [int(n) for n in re.findall(r"\u2026 \[(\d+)\]", text)]
    expected = list(range(map_notes + 1, map_notes + len(long_rows) + 1))
    assert marks == expected  # consecutive, unique in the PDF, top to bottom
    for number, i in zip(expected, long_rows, strict=True):
        row = re.search(rf"\n(Stage {i + 1}:[^\n]*?)\u2026 \[{number}\]", text)
        assert row is not None, number  # the number sits on its own stage's row
        note = re.sub(r"\s+", " ", text[text.index(f"[{number}] Stage {i + 1}:"):])
        assert note.startswith(f"[{number}] {journey.stages[i].name}")  # and its note gives the whole name
    assert "\u2026" not in text.replace("\u2026 [", "")  # no other text cut
    earlier = " ".join(pages[:first])
    assert not any(f"[{n}]" in earlier or f"\n{n}. " in earlier for n in expected)  # no other note has them
