"""Every persona the filter shows reaches the PDF's cover and channel matrix, not only the first one."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from app.io.formats import write_map
from app.model.channels import channel_matrix
from app.model.enums import Channel, LaneKind
from app.model.journey import Card
from app.model.personas import filter_personas
from tests.persona_maps import three_persona_blueprint


def squash(text: str) -> str:
    return " ".join(text.split())


def persona_map():
    journey = three_persona_blueprint()
    maya, kai, jo = journey.personas
    maya.role, maya.goals, maya.preferred_channels = "Night-shift nurse", ["Book in two minutes"], [Channel.CHAT]
    kai.quote, kai.frustrations, kai.preferred_channels = "Just call me back", ["Hold music"], [Channel.PHONE]
    jo.needs, jo.preferred_channels = ["Step-free access"], [Channel.EMAIL, Channel.CHAT]
    touch = next(lane for lane in journey.lanes if lane.kind == LaneKind.TOUCHPOINTS) if any(
        lane.kind == LaneKind.TOUCHPOINTS for lane in journey.lanes) else journey.lanes[0]
    touch.kind = LaneKind.TOUCHPOINTS
    journey.cards.append(Card(stage_id=journey.stages[0].id, lane_id=touch.id, text="Chat widget",
                              channel=Channel.CHAT))
    return journey


def test_channel_matrix_prefers_the_channels_of_every_shown_persona():
    journey = persona_map()
    matrix = channel_matrix(journey)
    assert matrix.preferred == (Channel.CHAT, Channel.PHONE, Channel.EMAIL)
    assert matrix.who_prefers(Channel.CHAT) == ("Maya", "Jo")
    assert set(matrix.gaps) == {Channel.PHONE, Channel.EMAIL}
    only_kai = channel_matrix(filter_personas(journey, ["Kai"]))
    assert only_kai.preferred == (Channel.PHONE,) and only_kai.who_prefers(Channel.PHONE) == ("Kai",)


def test_cover_and_channel_page_show_every_persona_and_the_filter_keeps_one(tmp_path: Path):
    journey = persona_map()
    out = tmp_path / "all.pdf"
    write_map(journey, out, cover=True, channels=True)
    pages = [squash(page.extract_text() or "") for page in PdfReader(out).pages]
    cover = pages[0]
    for word in ("Maya", "Kai", "Jo", "Night-shift nurse", "Book in two minutes", "Just call me back", "Hold music",
                 "Step-free access"):
        assert word in cover, word
    assert "Lowest point: Arrive (Kai, Anxious)" in cover  # whose curve, with several personas
    channels = next(p for p in pages if "Channel matrix" in p)
    assert "Maya: Chat" in channels and "Kai: Phone" in channels and "Jo: Chat, Email" in channels
    assert "Phone (Kai)" in channels

    one = tmp_path / "kai.pdf"
    write_map(filter_personas(journey, ["Kai"]), one, cover=True, channels=True)
    pages = [squash(page.extract_text() or "") for page in PdfReader(one).pages]
    assert "Just call me back" in pages[0] and "Night-shift nurse" not in pages[0]
    channels = next(p for p in pages if "Channel matrix" in p)
    assert "the channels Kai prefers (Phone)" in channels and "Maya" not in channels


def test_personas_that_do_not_fit_the_cover_are_given_in_full_in_the_appendix(tmp_path: Path):
    from app.model.journey import Persona

    journey = persona_map()
    journey.personas += [Persona(name=f"Extra {i}", role="Commuter", goals=[f"Goal {i}.{k} " + "word " * 12
                                                                             for k in range(6)])
                         for i in range(6)]
    out = tmp_path / "many.pdf"
    write_map(journey, out, cover=True, appendix=True)
    pages = [squash(page.extract_text() or "") for page in PdfReader(out).pages]
    assert "Not everything fits on this cover: it is given in full in the appendix." in pages[0]
    appendix = " ".join(pages[2:])
    for i in range(6):
        for k in range(6):
            assert f"Goal {i}.{k}" in appendix
    assert "Night-shift nurse" in appendix and "Hold music" in appendix
    write_map(journey, out, cover=True)
    cover = squash(PdfReader(out).pages[0].extract_text() or "")
    assert "export with the appendix to have it in full" in cover


def test_one_persona_too_long_for_the_cover_is_in_the_appendix_and_the_date_stays_on_the_cover(tmp_path: Path):
    """The note's promise holds for a single persona too (the appendix listed personas only when several),
    and the date and author sit under the title, where the persona cannot push them off the page."""
    from app.model.journey import JourneyMap
    from tests.conftest import EXAMPLE_MAP

    journey = JourneyMap.model_validate_json(EXAMPLE_MAP.read_text(encoding="utf-8"))
    journey.metadata.author = "Ann Consultant"
    journey.personas[0].goals = [f"Goal {k} " + "word " * 10 for k in range(40)]
    out = tmp_path / "one.pdf"
    write_map(journey, out, cover=True, appendix=True)
    pages = [squash(page.extract_text() or "") for page in PdfReader(out).pages]
    assert "Not everything fits on this cover: it is given in full in the appendix." in pages[0]
    assert "Author: Ann Consultant" in pages[0]
    appendix = " ".join(pages[next(i for i, page in enumerate(pages) if page.startswith("Appendix")):])
    for k in range(40):
        assert f"Goal {k} " in appendix, k
    assert "At a glance" not in pages[0] and "Summary" in appendix and "stages," in appendix


def test_the_example_cover_fits_with_its_date_and_author(tmp_path: Path):
    from app.io.pdf.extras import cover_overflows
    from app.io.pdf.pages import PdfOptions
    from app.model.journey import JourneyMap
    from tests.conftest import EXAMPLE_MAP

    journey = JourneyMap.model_validate_json(EXAMPLE_MAP.read_text(encoding="utf-8"))
    assert not cover_overflows(journey, PdfOptions(cover=True))  # A4 landscape, the default paper
    out = tmp_path / "example.pdf"
    write_map(journey, out, cover=True, appendix=True)
    cover = squash(PdfReader(out).pages[0].extract_text() or "")
    assert "Date: 20 November 2026" in cover and "Author: Journey Canvas example" in cover
    assert "Not everything fits" not in cover and "5 stages, 7 lanes, 44 cards" in cover


def test_no_photo_of_a_persona_left_off_the_cover_is_drawn(tmp_path: Path):
    """Photos of the personas after the one the page cut were drawn at their would-be places, over the
    footer and past the page's edge, without their names."""
    import base64

    from app.io.pdf.extras import cover_shapes
    from app.io.pdf.pages import PdfOptions
    from app.layout.shapes import TextShape
    from app.model.journey import JourneyMap, Persona, Photo
    from tests.conftest import EXAMPLE_MAP

    journey = JourneyMap.model_validate_json(EXAMPLE_MAP.read_text(encoding="utf-8"))
    from tests.test_pdf_export import _tiny_png

    photo = Photo(mime_type="image/png", data=base64.b64encode(_tiny_png()).decode())
    journey.personas = [Persona(name=f"Persona {i}", role="Commuter", photo=photo,
                                goals=[f"Goal {k} " + "word " * 12 for k in range(3 + i)]) for i in range(9)]
    options = PdfOptions(cover=True, appendix=True)
    shapes, images = cover_shapes(journey, options)
    note = next(s for s in shapes if isinstance(s, TextShape) and s.text.startswith("Not everything fits"))
    names = [s for s in shapes if isinstance(s, TextShape) and s.text.startswith("Persona ")]
    assert 0 < len(images) <= len(names) < 9
    for image in images:
        assert image.y + image.height < note.y  # above the note, so above the footer and on the page
        assert any(abs(name.x - (image.x + image.width + 8)) < 1 and 0 <= name.y - image.y < 20 for name in names)


def test_the_pdf_subject_names_every_persona_shown(tmp_path):
    from pypdf import PdfReader

    from app.io.formats import write_map
    from app.model.personas import filter_personas
    from tests.persona_maps import three_persona_blueprint

    journey = three_persona_blueprint()
    names = [persona.name for persona in journey.personas]
    write_map(journey, tmp_path / "all.pdf", embed=False)
    subject = PdfReader(tmp_path / "all.pdf").metadata.subject
    assert subject.startswith("Customer journey map of " + ", ".join(names[:-1]) + " and " + names[-1])
    one = filter_personas(journey, [names[1]])
    write_map(one, tmp_path / "one.pdf", embed=False)
    assert PdfReader(tmp_path / "one.pdf").metadata.subject.startswith(f"Customer journey map of {names[1]}")


def test_a_photo_that_cannot_be_read_is_named_by_its_persona_in_every_format(tmp_path: Path):
    """With several personas, "the persona photo could not be read" did not say whose it was."""
    import base64

    from app.model.journey import JourneyMap, Persona, Photo
    from tests.conftest import EXAMPLE_MAP

    journey = JourneyMap.model_validate_json(EXAMPLE_MAP.read_text(encoding="utf-8"))
    broken = Photo(mime_type="image/png", data=base64.b64encode(b"\x89PNG broken").decode())
    journey.personas = [journey.personas[0], Persona(name="Kai", role="Commuter", photo=broken)]
    for suffix in ("pdf", "pptx", "xlsx"):
        warnings = write_map(journey, tmp_path / f"map.{suffix}", cover=True)
        photo = [w for w in warnings if "photo" in w]
        assert len(photo) == 1 and "the photo of Kai " in photo[0], (suffix, warnings)


def test_a_photo_that_cannot_be_read_leaves_no_hole_beside_the_persona(tmp_path: Path):
    """The cover kept a blank square where an unreadable photo would have been, pushing the text aside
    (and, with one persona, the rest of the cover past the page)."""
    import base64

    from app.io.pdf.extras import cover_shapes
    from app.io.pdf.pages import PdfOptions
    from app.layout.shapes import TextShape
    from app.model.journey import JourneyMap, Photo
    from tests.conftest import EXAMPLE_MAP

    journey = JourneyMap.model_validate_json(EXAMPLE_MAP.read_text(encoding="utf-8"))
    shapes, _ = cover_shapes(journey, PdfOptions(cover=True))
    left = next(s.x for s in shapes if isinstance(s, TextShape) and s.text == "Maya Okafor")
    journey.personas[0].photo = Photo(mime_type="image/png", data=base64.b64encode(b"\x89PNG broken").decode())
    shapes, images = cover_shapes(journey, PdfOptions(cover=True))
    assert next(s.x for s in shapes if isinstance(s, TextShape) and s.text == "Maya Okafor") == left
    assert not any(isinstance(s, TextShape) and s.text.startswith("Not everything fits") for s in shapes)
    assert [(image.width, image.height) for image in images] == [(0.0, 0.0)]
    warnings = write_map(journey, tmp_path / "broken.pdf", cover=True)
    assert any("the photo of Maya Okafor could not be read" in w for w in warnings), warnings
