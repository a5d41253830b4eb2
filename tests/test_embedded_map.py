"""Deliverables that reopen: every PDF, SVG and PPTX carries the map and reads back as the same map."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.io.errors import JourneyFileError
from app.io.formats import read_map, write_map
from app.io.journey.file import dumps_journey, save_journey
from app.model.personas import filter_personas
from app.model.snapshots import take_snapshot
from tests.strategies import journey_maps

DELIVERABLES = ("pdf", "svg", "pptx")


def _without_snapshots(journey):
    return journey.model_copy(update={"snapshots": []})


@settings(max_examples=9, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(journey=journey_maps(max_stages=3, max_lanes=3, max_cards=6), suffix=st.sampled_from(DELIVERABLES))
def test_a_deliverable_reads_back_as_exactly_the_same_map(tmp_path, journey, suffix):
    path = tmp_path / f"map.{suffix}"
    write_map(journey, path)
    back = read_map(path).journey
    assert dumps_journey(back) == dumps_journey(_without_snapshots(journey))


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(journey=journey_maps(max_stages=3, max_lanes=3, max_cards=6), suffix=st.sampled_from(DELIVERABLES),
       data=st.data())
def test_a_filtered_deliverable_reads_back_as_the_filtered_map(tmp_path, journey, suffix, data):
    """A --persona filter embeds what the deliverable shows: the chosen personas, their cards and curves."""
    assume(journey.personas)
    chosen = data.draw(st.lists(st.sampled_from([p.id for p in journey.personas]), min_size=1, unique=True))
    path = tmp_path / f"map.{suffix}"
    shown = filter_personas(journey, chosen)
    write_map(shown, path)
    back = read_map(path).journey
    assert dumps_journey(back) == dumps_journey(_without_snapshots(shown))
    assert {p.id for p in back.personas} == set(chosen)
    assert all(p.persona_id is None or p.persona_id in chosen for p in back.emotions)


@pytest.mark.parametrize("suffix", DELIVERABLES)
def test_convert_back_and_diff_says_no_differences(example_path, tmp_path, capsys, suffix):
    deliverable, back = tmp_path / f"client.{suffix}", tmp_path / "back.journey"
    assert main(["convert", str(example_path), str(deliverable)]) == 0
    assert main(["convert", str(deliverable), str(back)]) == 0
    capsys.readouterr()
    assert main(["diff", str(example_path), str(back)]) == 0
    assert capsys.readouterr().out.strip() == "no differences"


@pytest.mark.parametrize("suffix", DELIVERABLES)
def test_no_embed_leaves_the_map_out_and_reading_says_so_in_one_line(example_path, tmp_path, capsys, suffix):
    deliverable = tmp_path / f"client.{suffix}"
    assert main(["convert", str(example_path), str(deliverable), "--no-embed"]) == 0
    capsys.readouterr()
    assert main(["convert", str(deliverable), str(tmp_path / "back.journey")]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "has no editable map inside" in error and "Traceback" not in error


@pytest.mark.parametrize("suffix", DELIVERABLES)
def test_snapshots_are_left_out_unless_asked_for(example_map, tmp_path, suffix):
    journey = take_snapshot(example_map, "Workshop 1")
    plain, full = tmp_path / f"plain.{suffix}", tmp_path / f"full.{suffix}"
    write_map(journey, plain)
    write_map(journey, full, embed_snapshots=True)
    assert read_map(plain).journey.snapshots == []
    assert [s.name for s in read_map(full).journey.snapshots] == ["Workshop 1"]


@pytest.mark.parametrize(("suffix", "content", "message"), [
    ("pdf", b"%PDF-1.4\n garbage", "is not a readable PDF: it is cut short or damaged"),
    ("pdf", b"", "is not a readable PDF"),
    ("svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>", "has no editable map inside"),
    ("svg", b"<svg", "is not a readable SVG file: damaged or cut short"),
    ("svg", b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><svg>&b;</svg>',
     r"declares XML entities or a document type, which Journey Canvas refuses \(a possible attack\)"),
    ("pptx", b"PK\x03\x04 not really", "is not a readable PowerPoint file"),
])
def test_foreign_or_damaged_files_get_one_line(tmp_path, suffix, content, message):
    path = tmp_path / f"other.{suffix}"
    path.write_bytes(content)
    with pytest.raises(JourneyFileError, match=message) as error:
        read_map(path)
    assert "\n" not in str(error.value)


def test_a_pdf_without_an_attachment_is_refused(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "someone-else.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(100, 100, "Hello")
    canvas.save()
    with pytest.raises(JourneyFileError, match="has no editable map inside"):
        read_map(path)


def test_a_tampered_map_inside_is_a_clear_error(example_map, tmp_path):
    path = tmp_path / "client.svg"
    write_map(example_map, path)
    path.write_text(path.read_text(encoding="utf-8").replace('"stages"', '"stagez"', 1), encoding="utf-8")
    with pytest.raises(JourneyFileError, match="carries a damaged map"):
        read_map(path)


def test_pdf_attachment_is_named_after_the_map(example_map, tmp_path):
    from pypdf import PdfReader

    path = tmp_path / "client.pdf"
    write_map(example_map, path)
    assert list(PdfReader(path).attachments) == [f"{example_map.metadata.title}.journey"]


def test_opening_a_deliverable_in_the_editor_gives_an_untitled_map(window, example_map, tmp_path):
    path = tmp_path / "client.pptx"
    write_map(example_map, path)
    save_journey(example_map, tmp_path / "unused.journey")
    assert window.open_path(path) is True
    assert window.document.path is None
    assert dumps_journey(window.document.journey) == dumps_journey(_without_snapshots(example_map))


def test_the_comparison_pdf_carries_the_new_version(example_map, tmp_path, capsys):
    from app.model.templates import map_from_template

    old, new = tmp_path / "old.journey", tmp_path / "new.journey"
    save_journey(map_from_template("four-stage"), old)
    save_journey(example_map, new)
    out = tmp_path / "changes.pdf"
    assert main(["diff", str(old), str(new), "--pdf", str(out)]) == 0
    capsys.readouterr()
    assert main(["diff", str(new), str(out)]) == 0
    assert capsys.readouterr().out.strip() == "no differences"


@pytest.mark.parametrize("suffix", DELIVERABLES)
def test_a_fifo_named_like_a_deliverable_is_refused_without_blocking(tmp_path, suffix):
    import os

    path = tmp_path / f"pipe.{suffix}"
    os.mkfifo(path)
    with pytest.raises(JourneyFileError, match="not a regular file"):
        read_map(path)


def test_the_pdf_attachment_is_appended_without_touching_reportlabs_bytes(example_map, tmp_path):
    """The map goes in as an incremental update written directly (no PDF parser): the pages' bytes are kept,
    any title survives as the attachment's name, and pypdf and poppler read the result."""
    import shutil
    import subprocess

    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    from app.io.embedded.pdf_append import append_attachment

    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(72, 720, "Page one")
    canvas.save()
    before = plain.read_bytes()
    name = "Café (Nord) \\ Reise.journey"
    updated = append_attachment(before, name, b'{"a": 1}')
    assert updated is not None and updated.startswith(before)
    out = tmp_path / "attached.pdf"
    out.write_bytes(updated)
    reader = PdfReader(out)
    assert reader.attachments == {name: [b'{"a": 1}']} and len(reader.pages) == 1
    assert append_attachment(updated, name, b"{}") is None  # updated once already: pypdf's turn
    if shutil.which("pdfdetach"):
        listing = subprocess.run(["pdfdetach", "-list", str(out)], capture_output=True, text=True, check=True)
        assert "1 embedded files" in listing.stdout and not listing.stderr

    example_map.metadata.title = "Ünïcode (test)"
    path = tmp_path / "map.pdf"
    write_map(example_map, path)
    assert path.read_bytes().count(b"%%EOF") == 2  # reportlab's file, then the one update
    assert read_map(path).journey.model_dump() == _without_snapshots(example_map).model_dump()
