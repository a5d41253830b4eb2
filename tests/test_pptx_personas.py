"""PowerPoint with several personas: a slide each, the chart's series per persona, the --persona filter, and
the map a filtered PDF/SVG/PPTX embeds (only what it shows)."""

from __future__ import annotations

import pytest
from pptx import Presentation
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.cli import main
from app.io import formats
from app.io.formats import read_map, write_map
from app.io.journey.file import dumps_journey, save_journey
from app.model.enums import LaneKind
from app.model.personas import filter_personas, persona_colors
from app.model.snapshots import take_snapshot
from app.widgets.embed_option import SETTINGS_KEY
from tests.persona_maps import three_persona_blueprint
from tests.pptx_helpers import frame_overflow, squash, text_shapes


def _titles(deck) -> list[str]:
    return [squash(slide.shapes[0].text_frame.text) if slide.shapes[0].has_text_frame else "" for slide in deck.slides]


def _stage_slide_text(deck) -> str:
    """Every text on the stage slides (after the chart), where cards are whole."""
    texts = []
    for number, _, shape in text_shapes(deck):
        if number > len(deck.slides) - 5 - 1:  # the five stages of the clinic map come last (no KPIs)
            texts.append(squash(shape.text_frame.text))
    return " | ".join(texts)


def _chart(deck):
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    return charts[0]


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clinic")
    journey = three_persona_blueprint()
    save_journey(journey, folder / "clinic.journey")
    return journey, folder


def test_a_deck_of_three_personas_has_a_slide_and_a_series_each_in_their_colours(clinic):
    journey, folder = clinic
    path = folder / "all.pptx"
    assert write_map(journey, path) == []
    deck = Presentation(str(path))
    titles = _titles(deck)
    assert [t for t in titles if t.startswith("Persona:")] == ["Persona: Maya", "Persona: Kai", "Persona: Jo"]
    chart = _chart(deck)
    lane = next(lane for lane in journey.lanes if lane.kind == LaneKind.EMOTIONS)
    colors = persona_colors(journey)
    series = list(chart.plots[0].series)
    assert [s.name for s in series] == ["Maya", "Kai", "Jo"]
    for persona, s in zip(journey.personas, series, strict=True):
        expected = [p.value if (p := journey.emotion(lane.id, stage.id, persona.id)) else None
                    for stage in journey.stages]
        assert list(s.values) == expected
        assert str(s.format.line.color.rgb) == colors[persona.id].lstrip("#").upper()
    assert chart.has_legend
    stage_text = _stage_slide_text(deck)
    assert "For Kai Asks a friend" in stage_text and "For Maya and Jo Books online" in stage_text
    assert "Kai Anxious: -2" in stage_text  # each persona's emotion on the stage slide, named
    for _, _, shape in text_shapes(deck):
        assert frame_overflow(shape) <= 0.5, shape.text_frame.text


def test_convert_with_persona_shows_and_embeds_only_that_persona(clinic, capsys):
    journey, folder = clinic
    out = folder / "kai.pptx"
    assert main(["convert", str(folder / "clinic.journey"), str(out), "--persona", "kai"]) == 0
    deck = Presentation(str(out))
    assert [t for t in _titles(deck) if t.startswith("Persona:")] == ["Persona: Kai"]
    every_text = " | ".join(squash(shape.text_frame.text) for _, _, shape in text_shapes(deck))
    assert "Asks a friend" in every_text and "Long wait" in every_text and "Searches for a clinic" in every_text
    assert "Books online" not in every_text and "Patient records system" not in every_text
    assert "Maya" not in every_text and "Jo" not in every_text.replace("Journey", "")
    series = list(_chart(deck).plots[0].series)
    assert [s.name for s in series] == ["Kai"] and list(series[0].values) == [-1, 0, -2, -1, 1]
    back = read_map(out).journey
    assert [p.name for p in back.personas] == ["Kai"]
    assert dumps_journey(back) == dumps_journey(filter_personas(journey, ["Kai"]))


@pytest.mark.parametrize("suffix", ["pdf", "svg", "pptx"])
def test_a_filtered_deliverable_embeds_only_the_personas_it_shows(clinic, suffix):
    journey, folder = clinic
    out = folder / f"jo-maya.{suffix}"
    assert main(["convert", str(folder / "clinic.journey"), str(out), "--persona", "Jo", "--persona", "Maya"]) == 0
    back = read_map(out).journey
    assert [p.name for p in back.personas] == ["Maya", "Jo"]
    assert "Asks a friend" not in [c.text for c in back.cards]
    kai = journey.personas[1].id
    assert all(p.persona_id != kai for p in back.emotions) and all(kai not in c.personas for c in back.cards)
    assert dumps_journey(back) == dumps_journey(filter_personas(journey, ["Maya", "Jo"]))


def test_embedded_snapshots_of_a_filtered_deliverable_are_filtered_too(clinic):
    journey, folder = clinic
    source = folder / "with-snapshot.journey"
    save_journey(take_snapshot(journey, "Workshop 1"), source)
    out = folder / "maya.svg"
    assert main(["convert", str(source), str(out), "--persona", "Maya", "--embed-snapshots"]) == 0
    snapshot = read_map(out).journey.snapshots[0].content
    assert [p.name for p in snapshot.personas] == ["Maya"]
    texts = [c.text for c in snapshot.cards]
    assert "Asks a friend" not in texts and "Long wait" not in texts and "Books online" in texts


@pytest.fixture
def fresh_embed_setting(qapp):
    QSettings().remove(SETTINGS_KEY)
    yield
    QSettings().remove(SETTINGS_KEY)


def test_the_powerpoint_dialog_starts_from_the_view_filter_and_exports_the_personas_ticked(
        window, dialog_script, qtbot, tmp_path, fresh_embed_setting):
    journey = three_persona_blueprint()
    window.load(journey, None)
    window.document.set_persona_filter([journey.personas[1].id])  # View > Show personas: Kai
    fmt = formats.format_for("x.pptx", for_writing=True)
    target = tmp_path / "deck.pptx"
    dialog_script.save_paths.append(target)
    seen = {}

    def choose():
        dialog = QApplication.activeModalWidget()
        boxes = dict((box.text(), box) for _, box in dialog.persona_boxes)
        seen["start"] = sorted(name for name, box in boxes.items() if box.isChecked())
        seen["hint before"] = dialog.embed_map.explanation.text()
        maya = boxes["Maya"]
        qtbot.mouseClick(maya, Qt.MouseButton.LeftButton, pos=QPoint(6, maya.height() // 2))
        seen["hint after"] = dialog.embed_map.explanation.text()
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose)
    assert window.export(fmt)
    assert seen["start"] == ["Kai"]
    assert "only the cards and curves of Kai," in seen["hint before"]
    assert "other personas (Maya and Jo) and their cards are left out" in seen["hint before"]
    assert "of Maya and Kai," in seen["hint after"] and "other persona (Jo) and its cards" in seen["hint after"]
    deck = Presentation(str(target))
    assert [t for t in _titles(deck) if t.startswith("Persona:")] == ["Persona: Maya", "Persona: Kai"]
    assert [p.name for p in read_map(target).journey.personas] == ["Maya", "Kai"]
    assert window.document.persona_filter == (journey.personas[1].id,)  # the view's filter is left as it was


def test_the_pdf_dialog_hint_says_which_personas_a_filtered_export_leaves_out(window, dialog_script, tmp_path):
    journey = three_persona_blueprint()
    window.load(journey, None)
    window.document.set_persona_filter([journey.personas[2].id])
    dialog_script.save_paths.append(tmp_path / "jo.pdf")
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        seen["hint"] = dialog.embed_map.explanation.text()
        dialog.reject()

    QTimer.singleShot(0, look)
    window.export(formats.format_for("x.pdf", for_writing=True))
    assert "only the cards and curves of Jo," in seen["hint"] and "(Maya and Kai) and their cards" in seen["hint"]


def test_the_dialog_cannot_export_with_no_persona_ticked(qtbot, qapp):
    from app.widgets.pptx_export_dialog import PptxExportDialog

    dialog = PptxExportDialog(three_persona_blueprint())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.shown_persona_ids() == [] and dialog.deck_journey() is dialog.journey  # all ticked: no filter
    for _, box in dialog.persona_boxes:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert not dialog.export_button.isEnabled()


def test_a_chart_of_more_curves_than_it_draws_says_so_and_its_notes_give_every_value(tmp_path):
    """60 personas' curves: the chart draws the first 48 (python-pptx orders series in n² steps; 1,000 took 8 s
    and the 3,000-persona deck two minutes), its subtitle says so, and the slide's notes hold all 60 curves."""
    from app.io.pptx.extras import MAX_CHART_SERIES
    from app.model.journey import EmotionPoint, JourneyMap, Lane, Persona, Stage

    stages = [Stage(name=name) for name in ("Discover", "Buy", "Use")]
    lane = Lane(name="Feeling", kind=LaneKind.EMOTIONS)
    personas = [Persona(name=f"Person {n}") for n in range(60)]
    points = [EmotionPoint(stage_id=s.id, lane_id=lane.id, persona_id=p.id, value=(n + i) % 5 - 2)
              for n, p in enumerate(personas) for i, s in enumerate(stages)]
    write_map(JourneyMap(stages=stages, lanes=[lane], personas=personas, emotions=points), tmp_path / "many.pptx")
    deck = Presentation(str(tmp_path / "many.pptx"))
    chart = _chart(deck)
    assert len(list(chart.plots[0].series)) == MAX_CHART_SERIES == 48
    slide = next(s for s in deck.slides for shape in s.shapes if shape.has_chart)
    texts = " ".join(squash(shape.text_frame.text) for shape in slide.shapes if shape.has_text_frame)
    assert "the first 48 of 60 curves, every value in the notes" in texts
    notes = slide.notes_slide.notes_text_frame.text
    assert "Person 59, Use: " in notes and "Person 0, Discover: -2" in notes
    assert notes.count("\n") + 1 == 180
