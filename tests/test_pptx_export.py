"""PowerPoint export: native, editable text that fits, stage slides readable from the back of a room."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from pptx import Presentation

from app.io.errors import JourneyFileError
from app.io.formats import write_map
from app.model.enums import LaneKind
from app.model.journey import Card, Evidence, EvidenceStatus, JourneyMap, Lane, Metadata, Stage
from tests.pptx_helpers import EMU, frame_overflow, paragraph_size, squash, text_shapes
from tests.strategies import journey_maps


@pytest.fixture(scope="module")
def example_deck(tmp_path_factory):
    from app.io.journey.file import load_journey
    from tests.conftest import EXAMPLE_MAP

    journey = load_journey(EXAMPLE_MAP)
    path = tmp_path_factory.mktemp("deck") / "example.pptx"
    assert write_map(journey, path) == []
    return journey, path, Presentation(str(path))


def _all_text(presentation) -> list[str]:
    return [squash(shape.text_frame.text) for _, _, shape in text_shapes(presentation)]


def test_every_card_text_is_in_a_native_text_frame_on_its_stage_slide(example_deck):
    journey, _, deck = example_deck
    frames = _all_text(deck)
    for card in journey.cards:
        assert any(squash(card.text) in text for text in frames), card.text
    assert not any(shape.shape_type == 13 for slide in deck.slides for shape in slide.shapes
                   if shape.name == "Card")  # 13: picture; cards are never pictures of text


def test_no_text_frame_overflows_its_shape(example_deck):
    _, _, deck = example_deck
    worst = max(((frame_overflow(shape), number, shape.text_frame.text[:40])
                 for number, _, shape in text_shapes(deck)), key=lambda item: item[0])
    assert worst[0] <= 0.5, worst


def test_stage_slides_use_at_least_12_point_text_and_the_theme_font(example_deck):
    journey, _, deck = example_deck
    stage_cards = 0
    for slide in list(deck.slides)[2:]:
        for shape in slide.shapes:
            if shape.name == "Card":
                stage_cards += 1
                for paragraph in shape.text_frame.paragraphs:
                    assert paragraph_size(paragraph) >= 12
                    assert all(run.font.name == "DejaVu Sans" for run in paragraph.runs)
    assert stage_cards >= len(journey.cards)


def test_slides_are_16_9_and_the_deck_has_title_overview_persona_chart_stages_and_kpis(example_deck):
    journey, _, deck = example_deck
    assert (deck.slide_width / EMU, deck.slide_height / EMU) == (960, 540)
    titles = [squash(slide.shapes[0].text_frame.text) if slide.shapes[0].has_text_frame else ""
              for slide in deck.slides]
    joined = " | ".join(titles)
    assert journey.metadata.title in _all_text(deck)[0]
    assert "Overview" in joined and f"Persona: {journey.persona.name}" in joined
    assert "KPIs against their targets" in joined
    for stage in journey.stages:
        assert any(title.startswith(stage.name) for title in titles), stage.name
    kpi_text = " ".join(_all_text(deck))
    assert "Checkout conversion" in kpi_text and "61 % / 70 %" in kpi_text


def test_emotion_chart_series_are_the_maps_values(example_deck):
    journey, _, deck = example_deck
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    lanes = [lane for lane in journey.lanes if lane.kind == LaneKind.EMOTIONS]
    plot = charts[0].plots[0]
    assert list(plot.categories) == [stage.name for stage in journey.stages]
    for lane, series in zip(lanes, plot.series, strict=True):
        expected = [p.value if (p := journey.emotion(lane.id, stage.id)) else None for stage in journey.stages]
        assert list(series.values) == expected


def test_speaker_notes_carry_card_notes_and_evidence_sources(example_deck):
    journey, _, deck = example_deck
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide)
    for card in journey.cards:
        if card.note:
            assert squash(card.note) in squash(notes)
        if card.evidence is not None and card.evidence.source:
            assert card.evidence.source in notes


def _crowded_map(cards: int, words: int = 8) -> JourneyMap:
    stage, lane = Stage(id="s", name="Onboarding"), Lane(id="l", name="Actions", kind=LaneKind.ACTIONS)
    texts = [" ".join(f"w{i}x{j}" for j in range(words)) for i in range(cards)]
    return JourneyMap(metadata=Metadata(title="Crowded"), stages=[stage], lanes=[lane],
                      cards=[Card(id=f"c{i}", stage_id="s", lane_id="l", text=text,
                                  evidence=Evidence(status=EvidenceStatus.OBSERVED, source=f"interview {i}"))
                             for i, text in enumerate(texts)])


def test_a_crowded_stage_continues_on_more_slides_instead_of_shrinking(tmp_path):
    journey = _crowded_map(40)
    path = tmp_path / "crowded.pptx"
    write_map(journey, path, slide_size="4:3")
    deck = Presentation(str(path))
    assert (deck.slide_width / EMU, deck.slide_height / EMU) == (720, 540)
    titles = [squash(slide.shapes[0].text_frame.text) for slide in deck.slides]
    assert sum(title.startswith("Onboarding (continued") for title in titles) >= 2
    frames = _all_text(deck)
    assert all(any(squash(card.text) in text for text in frames) for card in journey.cards)
    assert max(frame_overflow(shape) for _, _, shape in text_shapes(deck)) <= 0.5


def test_a_card_taller_than_a_slide_is_split_and_keeps_every_word(tmp_path):
    journey = _crowded_map(1, words=900)
    path = tmp_path / "long.pptx"
    write_map(journey, path)
    deck = Presentation(str(path))
    words = " ".join(_all_text(deck)).split()
    assert all(f"w0x{j}" in words for j in range(900))
    assert max(frame_overflow(shape) for _, _, shape in text_shapes(deck)) <= 0.5


def test_bad_slide_size_is_one_line(tmp_path):
    with pytest.raises(JourneyFileError, match="unknown slide size '5:4'; choose 16:9 or 4:3"):
        write_map(_crowded_map(1), tmp_path / "x.pptx", slide_size="5:4")
    assert not (tmp_path / "x.pptx").exists()


def test_personas_of_makes_one_slide_per_persona_in_a_list(example_map, tmp_path, monkeypatch):
    from app.io.pptx import export

    second = example_map.persona.model_copy(update={"name": "Second Persona"})
    monkeypatch.setattr(export, "personas_of", lambda content: [content.persona, second])
    path = tmp_path / "two.pptx"
    write_map(example_map, path)
    titles = [squash(s.shapes[0].text_frame.text) for s in Presentation(str(path)).slides if s.shapes[0].has_text_frame]
    assert f"Persona: {example_map.persona.name}" in titles and "Persona: Second Persona" in titles


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_impress_converts_the_deck_to_pdf(example_deck, tmp_path, artifacts_dir):
    _, path, deck = example_deck
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                            capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "example.pdf"
    assert pdf.exists(), result.stderr
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) == len(deck.slides)
    assert "Compares four plans" in reader.pages[1].extract_text() + reader.pages[5].extract_text()
    shutil.copy(pdf, artifacts_dir / "example-deck.pdf")  # for a person to look at (pdftoppm -png -r 60)


def test_long_persona_lists_and_descriptions_keep_every_word_and_fit(example_map, tmp_path):
    long_goal = " ".join(f"goal{j}" for j in range(700))
    long_description = " ".join(f"desc{j}" for j in range(1500))
    persona = example_map.persona.model_copy(update={"goals": [long_goal, "Short goal"]})
    stages = [example_map.stages[0].model_copy(update={"description": long_description}), *example_map.stages[1:]]
    journey = example_map.model_copy(update={"personas": [persona, *example_map.personas[1:]], "stages": stages})
    path = tmp_path / "long.pptx"
    write_map(journey, path)
    deck = Presentation(str(path))
    shown = " ".join(_all_text(deck)).split()
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide).split()
    assert all(f"goal{j}" in shown for j in range(700)) and "Short goal" in " ".join(shown)
    assert all(f"desc{j}" in shown or f"desc{j}" in notes for j in range(1500))
    assert max(frame_overflow(shape) for _, _, shape in text_shapes(deck)) <= 0.5
    for slide in deck.slides:  # nothing runs off the bottom of a slide
        assert all(shape.top + shape.height <= deck.slide_height + 12700 for shape in slide.shapes)


def test_the_deck_theme_has_the_maps_colours_and_font(example_deck):
    import zipfile

    from app.layout import theme

    _, path, _ = example_deck
    xml = zipfile.ZipFile(path).read("ppt/theme/theme1.xml").decode()
    for slot in ("minorFont", "majorFont"):
        assert f'<a:{slot}><a:latin typeface="DejaVu Sans"/>' in xml
    assert f'<a:accent1><a:srgbClr val="{theme.LANE_KIND_ACCENT[LaneKind.ACTIONS][1:].upper()}"/>' in xml


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(journey=journey_maps(max_stages=3, max_lanes=4, max_cards=12))
def test_any_map_gives_a_deck_whose_frames_fit_and_hold_every_card(tmp_path, journey):
    path = tmp_path / "any.pptx"
    write_map(journey, path)
    deck = Presentation(str(path))
    frames = [text.replace(" ", "") for text in _all_text(deck)]
    for card in journey.cards:
        assert any(squash(card.text).replace(" ", "") in text for text in frames), card.text
    assert max((frame_overflow(shape) for _, _, shape in text_shapes(deck)), default=0.0) <= 0.5


def test_many_kpis_continue_on_more_slides_with_every_name(tmp_path):
    from app.model.journey import Kpi

    journey = _crowded_map(1)
    kpis = [Kpi(name=f"kpi number {i}", value=i, target=20, unit="%") for i in range(40)]
    journey = journey.model_copy(update={"stages": [journey.stages[0].model_copy(update={"kpis": kpis})]})
    path = tmp_path / "kpis.pptx"
    write_map(journey, path)
    deck = Presentation(str(path))
    titles = [squash(s.shapes[0].text_frame.text) for s in deck.slides if s.shapes[0].has_text_frame]
    assert "KPIs against their targets (continued, part 2)" in titles
    text = " | ".join(_all_text(deck))
    assert all(f"kpi number {i}" in text for i in range(40))
    assert max(frame_overflow(shape) for _, _, shape in text_shapes(deck)) <= 0.5


def test_a_stage_name_the_canvas_cuts_is_whole_on_the_overview_or_marked_and_in_its_notes(example_map, tmp_path):
    """The layout cuts a stage name after three lines; the overview wraps it on more, smaller lines, and only a
    name even that cannot hold ends in "… [n]" with the slide's notes giving it in full under [n]."""
    long_name = "Decision and the long wait for the number transfer code from the old provider, again and again"
    too_long = " ".join(f"word{i}" for i in range(70))  # 480 characters: the longest a name may be is 500
    for name, whole in ((long_name, True), (too_long, False)):
        stages = [*example_map.stages[:2], example_map.stages[2].model_copy(update={"name": name}),
                  *example_map.stages[3:]]
        path = tmp_path / "long-name.pptx"
        write_map(example_map.model_copy(update={"stages": stages}), path)
        deck = Presentation(str(path))
        overview = deck.slides[1]
        header = [squash(shape.text_frame.text) for shape in overview.shapes if shape.name == "Stage"][2]
        notes = overview.notes_slide.notes_text_frame.text if overview.has_notes_slide else ""
        if whole:
            assert header.startswith(long_name) and "\u2026" not in header and "stage 3" not in notes
        else:
            assert "\u2026 [1]" in header and f"[1] the name of stage 3: {too_long}" in notes
        assert any(squash(t).startswith(name) for t in _all_text(deck))  # the stage slide's heading


def test_a_map_too_tall_for_the_overview_says_so_instead_of_overflowing(tmp_path):
    path = tmp_path / "tall.pptx"
    write_map(_crowded_map(150, words=12), path)
    deck = Presentation(str(path))
    overview = deck.slides[1]
    assert "every card is on its stage slide" in overview.shapes[0].text_frame.text
    assert "too small to print on this overview" in overview.notes_slide.notes_text_frame.text
    assert max(frame_overflow(shape) for _, _, shape in text_shapes(deck)) <= 0.5


def test_lane_group_names_reach_the_stage_slides(tmp_path):
    """A service blueprint's lane groups ("Channels", "Backstage processes") were only unnamed bands on the
    overview: no slide carried their names. Each lane label on a stage slide names its group above it."""
    from app.model.journey import LaneGroup

    journey = _crowded_map(2)
    channels = LaneGroup(name="Channels we own")
    other = Lane(id="o", name="Thoughts", kind=LaneKind.THOUGHTS)
    journey.lane_groups, journey.lanes = [channels], [journey.lanes[0], other]
    journey.lanes[0].group_id = channels.id
    journey.cards.append(Card(stage_id="s", lane_id="o", text="Hmm"))
    path = tmp_path / "groups.pptx"
    write_map(journey, path)
    deck = Presentation(str(path))
    labels = [squash(shape.text_frame.text) for slide in deck.slides for shape in slide.shapes
              if shape.name == "Lane"]
    assert "Channels we own Actions" in labels and "Thoughts" in labels
    bands = [shape for shape in deck.slides[1].shapes if shape.name.startswith("Lane group")]  # the overview
    assert [squash(band.text_frame.text) for band in bands] == ["Channels we own"]
    assert bands[0].text_frame._txBody.bodyPr.get("vert") == "vert270"  # upright, reading upwards, as on the canvas
    assert max(frame_overflow(shape) for _, _, shape in text_shapes(deck)) <= 0.5


def test_a_deck_past_the_most_slides_is_refused_in_one_line_and_the_old_file_kept(example_map, tmp_path, monkeypatch):
    """A map of 100,000 stages grew a deck to 24 GB before it was stopped: past `MAX_SLIDES` the export stops and
    says so, leaving the previous file as it was."""
    from app.io.pptx import export

    target = tmp_path / "deck.pptx"
    write_map(example_map, target)
    before = target.read_bytes()
    monkeypatch.setattr(export, "MAX_SLIDES", 8)  # the example map needs more: its stages' cards continue
    with pytest.raises(JourneyFileError, match=r"deck.pptx: was not written: the map would need more than 8 slides"):
        write_map(example_map, target)
    assert target.read_bytes() == before
    monkeypatch.setattr(export, "MAX_SLIDES", 4)  # fewer than its 5 stages: refused before any slide is made
    with pytest.raises(JourneyFileError, match=r"would need 5 stages, a slide each at least, more than the 4"):
        write_map(example_map, target)
    assert target.read_bytes() == before
