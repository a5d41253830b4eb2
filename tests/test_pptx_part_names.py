"""A deck's slides and notes pages are named, related and numbered as python-pptx does it, without walking the
whole package or every slide id for each one (which made a 2,300-slide deck take a minute)."""

from __future__ import annotations

import zipfile

from pptx import Presentation

from app.io.pptx.part_names import name_parts_quickly, slide_adder


def _deck_parts(presentation, path, add_slide=None) -> dict[str, bytes]:
    add_slide = add_slide or presentation.slides.add_slide
    for number in range(40):
        if number == 20:  # one added the library's way in between: the counting starts again from the deck
            presentation.slides.add_slide(presentation.slide_layouts[6])
        slide = add_slide(presentation.slide_layouts[6 if number % 4 else 1])
        if number % 3:  # notes on some slides only: the numbers must still follow on
            slide.notes_slide.notes_text_frame.text = f"notes of slide {number + 1}"
    presentation.save(path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_parts_relationships_and_ids_are_exactly_python_pptx_s(tmp_path):
    plain = _deck_parts(Presentation(), tmp_path / "plain.pptx")
    quick_deck = Presentation()
    name_parts_quickly(quick_deck)
    quick = _deck_parts(quick_deck, tmp_path / "quick.pptx", slide_adder(quick_deck))
    assert sorted(quick) == sorted(plain)
    assert [name for name in plain if quick[name] != plain[name]] == []  # every part byte for byte, rels included
    assert sum(name.startswith("ppt/notesSlides/notesSlide") and name.endswith(".xml") for name in quick) == 26


def test_a_name_taken_before_is_skipped(tmp_path):
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    slide.notes_slide.notes_text_frame.text = "first"  # notesSlide1, named the library's way
    name_parts_quickly(deck)
    for number in range(3):
        deck.slides.add_slide(deck.slide_layouts[6]).notes_slide.notes_text_frame.text = f"more {number}"
    names = [str(s.notes_slide.part.partname) for s in deck.slides]
    assert names == [f"/ppt/notesSlides/notesSlide{n}.xml" for n in range(1, 5)]
    deck.save(tmp_path / "deck.pptx")
    reopened = Presentation(str(tmp_path / "deck.pptx"))
    assert [s.notes_slide.notes_text_frame.text for s in reopened.slides] == ["first", "more 0", "more 1", "more 2"]
