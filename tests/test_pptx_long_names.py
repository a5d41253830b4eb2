"""PowerPoint export: long names (lane groups, phases, stages, lanes, KPIs, emotion labels) reach the deck whole.

The overview draws the map at the layout's sizes, where such names are cut with "…". Each must be set whole
there (wrapped, smaller), or end in "… [n]" with the slide's speaker notes giving it in full under [n]."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pptx import Presentation

from app.io.formats import write_map
from app.model.enums import LaneKind, LaneRole
from app.model.journey import Card, EmotionPoint, JourneyMap, Kpi, Lane, LaneGroup, Metadata, Phase, Stage
from tests.pptx_helpers import frame_overflow, paragraph_size, squash, text_shapes

GROUP_NAMES = ["Frontstage", "Backstage processes run by the regional fulfilment partner",
               "Support processes and systems " + " ".join(f"supplier{i}" for i in range(30))]
LONG_STAGE = "Decision and the long wait for the number transfer code from the old provider, again and again"
LONG_LANE = "What the customer does and says when nobody from the company is watching them"
TOO_LONG_LANE = "Tools and systems: " + ", ".join(f"system{i}" for i in range(40))
LONG_PHASE = "Before the purchase, while the customer is still comparing offers from several providers"
LONG_DESCRIPTION = " ".join(f"description{i}" for i in range(60))
LONG_KPI = "Share of customers who finish the number transfer in under three days without calling us"
LONG_LABEL = "Relieved but still wary that the old provider will charge for the final month anyway"


def long_names_map() -> JourneyMap:
    """A service blueprint whose every kind of name is too long for its place on the canvas."""
    groups = [LaneGroup(id=f"g{i}", name=name) for i, name in enumerate(GROUP_NAMES)]
    phase = Phase(id="p", name=LONG_PHASE)
    stages = [Stage(id="s0", name="Discover", phase_id="p"),
              Stage(id="s1", name=LONG_STAGE, description=LONG_DESCRIPTION, phase_id="p",
                    kpis=[Kpi(name=LONG_KPI, value=61, target=70, unit="%")]),
              Stage(id="s2", name="Use")]
    lanes = [Lane(id="a", name="Actions", kind=LaneKind.ACTIONS, group_id="g0", role=LaneRole.CUSTOMER),
             Lane(id="e", name="Feelings", kind=LaneKind.EMOTIONS, group_id="g0"),
             Lane(id="k", name="KPIs", kind=LaneKind.KPIS),
             Lane(id="b", name=LONG_LANE, group_id="g1", role=LaneRole.BACKSTAGE),
             Lane(id="d", name="Partner systems", group_id="g1", role=LaneRole.BACKSTAGE),
             Lane(id="c", name=TOO_LONG_LANE, group_id="g2", role=LaneRole.SUPPORT)]
    cards = [Card(stage_id=s.id, lane_id=lane.id, text=f"{lane.name[:12]} at {s.name[:8]}")
             for s in stages for lane in lanes if lane.kind != LaneKind.EMOTIONS]
    cards += [Card(stage_id=s.id, lane_id="d", text="The partner's warehouse picks, packs and ships the SIM card")
              for s in stages]  # the partner's lanes hold a few cards: their band is about 190 points tall
    emotions = [EmotionPoint(stage_id="s0", lane_id="e", value=1), EmotionPoint(stage_id="s1", lane_id="e", value=-1,
                                                                                    label=LONG_LABEL)]
    return JourneyMap(metadata=Metadata(title="Number transfer"), phases=[phase], stages=stages, lanes=lanes,
                      lane_groups=groups, cards=cards, emotions=emotions)


def names(journey: JourneyMap) -> list[str]:
    return ([g.name for g in journey.lane_groups] + [p.name for p in journey.phases] + [s.name for s in journey.stages]
            + [s.description for s in journey.stages] + [k.name for s in journey.stages for k in s.kpis]
            + [lane.name for lane in journey.lanes] + [e.label for e in journey.emotions if e.label])


@pytest.fixture(scope="module")
def long_deck(tmp_path_factory):
    journey = long_names_map()
    path = tmp_path_factory.mktemp("long") / "long-names.pptx"
    write_map(journey, path)
    return journey, path, Presentation(str(path))


def _notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def test_every_word_of_every_name_is_on_the_overview_or_its_notes(long_deck):
    journey, _, deck = long_deck
    overview = deck.slides[1]
    shown = " ".join(shape.text_frame.text for shape in overview.shapes if shape.has_text_frame)
    words = set(re.findall(r"\w+", shown + " " + _notes(overview)))
    for name in names(journey):
        missing = [word for word in re.findall(r"\w+", name) if word not in words]
        assert not missing, (name, missing)


def test_no_ellipsis_on_any_slide_goes_without_a_note_number(long_deck):
    _, _, deck = long_deck
    for number, slide, shape in text_shapes(deck):
        for paragraph in shape.text_frame.paragraphs:
            for match in re.finditer("\u2026", paragraph.text):
                tag = re.match(r" \[(\d+)\]", paragraph.text[match.end():])
                assert tag, (number, paragraph.text)
                assert f"[{tag.group(1)}] " in _notes(slide), (number, tag.group(0))


def test_lane_group_names_are_whole_on_the_overview_wrapped_and_no_smaller_than_its_smallest_text(long_deck):
    _, _, deck = long_deck
    overview = deck.slides[1]
    bands = {shape.name.removeprefix("Lane group: "): shape for shape in overview.shapes
             if shape.name.startswith("Lane group")}
    frontstage, partner = bands["Frontstage"], bands[GROUP_NAMES[1]]
    assert squash(frontstage.text_frame.text) == "Frontstage"
    assert squash(partner.text_frame.text) == GROUP_NAMES[1]  # whole, on two lines beside its two lanes
    assert len(partner.text_frame.paragraphs) == 1 and frame_overflow(partner) <= 0.5
    card_small = min(paragraph_size(p) for shape in overview.shapes if shape.name == "Card"
                     for p in shape.text_frame.paragraphs)
    assert paragraph_size(partner.text_frame.paragraphs[0]) >= card_small * 9 / 11 - 0.01
    suppliers = bands[GROUP_NAMES[2][:200 - len("Lane group: ")]]  # its one lane's band cannot hold 34 words
    assert re.search(r"\u2026 \[\d+\]$", suppliers.text_frame.text)
    assert GROUP_NAMES[2] in _notes(overview)


def test_long_stage_lane_and_phase_names_are_whole_on_the_overview(long_deck):
    _, _, deck = long_deck
    overview = deck.slides[1]
    by_name: dict[str, list[str]] = {}
    for shape in overview.shapes:
        if shape.has_text_frame:
            by_name.setdefault(shape.name, []).append(squash(shape.text_frame.text))
    assert squash(LONG_PHASE) in by_name["Phase"]
    assert any(text.startswith(LONG_STAGE) for text in by_name["Stage"])
    assert squash(LONG_LANE) in by_name["Lane"]
    cut = next(text for text in by_name["Lane"] if text.startswith("Tools and systems"))  # too long for its header
    number = re.search(r"\u2026 \[(\d+)\]$", cut).group(1)
    assert f"[{number}] the name of lane 6: {TOO_LONG_LANE}" in _notes(overview)


def test_the_deck_still_fits_every_frame(long_deck):
    _, _, deck = long_deck
    assert max(frame_overflow(shape) for _, _, shape in text_shapes(deck)) <= 0.5


def test_names_of_500_characters_keep_every_word_and_every_frame_fits(tmp_path):
    """The longest names the model allows: the stage slide's heading and the title slide's title are set smaller,
    never cut; the footer, one line, cuts the title and says slide 1 gives it whole."""
    journey = long_names_map()
    longest = {i: " ".join(f"{kind}{j}" for j in range(60))[:500].rsplit(" ", 1)[0]
               for i, kind in enumerate(("title", "stage", "lane", "phase", "group"))}
    journey.metadata.title, journey.stages[1].name, journey.lanes[0].name = longest[0], longest[1], longest[2]
    journey.phases[0].name, journey.lane_groups[0].name = longest[3], longest[4]
    path = tmp_path / "longest.pptx"
    write_map(journey, path)
    deck = Presentation(str(path))
    slides = [(" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame), _notes(slide))
              for slide in deck.slides]
    for name in names(journey) + [journey.metadata.title]:
        words = re.findall(r"\w+", name)
        on_slides = set(re.findall(r"\w+", " ".join(shown for shown, _ in slides)))
        in_notes = set(re.findall(r"\w+", " ".join(notes for _, notes in slides)))
        assert all(word in on_slides or word in in_notes for word in words), name[:40]
    assert squash(journey.metadata.title) in squash(slides[0][0])  # the title slide: whole
    stage_slide = next(shown for shown, _ in slides if squash(shown).startswith(squash(longest[1])))
    assert squash(longest[1]) in squash(stage_slide)
    for number, slide, shape in text_shapes(deck):
        for paragraph in shape.text_frame.paragraphs:
            for match in re.finditer("\u2026", paragraph.text):
                after = paragraph.text[match.end():]
                tag = re.match(r" \[(\d+)\]", after)
                assert (tag and f"[{tag.group(1)}] " in _notes(slide)) or after.startswith(
                    " (full title: slide 1)"), (number, paragraph.text[-60:])
    footers = [shape.text_frame.text for _, _, shape in text_shapes(deck) if shape.name == "Footer"]
    assert footers and all("\u2026 (full title: slide 1)  ·  " in footer for footer in footers)
    assert max(frame_overflow(shape) for _, _, shape in text_shapes(deck)) <= 0.5


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_draws_the_wrapped_lane_group_name_whole(long_deck, tmp_path, artifacts_dir):
    """Impress lays the upright, two-line band out as we measured: every word of the long group name is on the
    overview page of its PDF."""
    _, path, _ = long_deck
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, text=True, timeout=180)
    from pypdf import PdfReader

    overview = PdfReader(tmp_path / "long-names.pdf").pages[1].extract_text()
    assert all(word in overview for word in GROUP_NAMES[1].split()), overview
    shutil.copy(tmp_path / "long-names.pdf", artifacts_dir / "long-names-deck.pdf")  # pdftoppm -png -r 60
