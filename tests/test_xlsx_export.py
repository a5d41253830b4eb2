"""Excel export: the visible journey map sheet, the Persona sheet, the very-hidden map, safety."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from app.cli import main as cli_main
from app.io.errors import JourneyFileError
from app.io.formats import write_map
from app.io.xlsx_export.card_markers import cell_text, split_cell_text, strip_card_markers
from app.io.xlsx_export.hidden_sheet import HIDDEN_SHEET, read_hidden_map, visible_fingerprint, write_hidden_map
from app.model import Card, Channel, Evidence, EvidenceStatus, JourneyMap, Lane, LaneGroup, LaneKind, Photo, Stage
from tests.strategies import journey_maps


def _export(journey: JourneyMap, path: Path) -> tuple[object, list[str]]:
    warnings = write_map(journey, path)
    return load_workbook(path), warnings


def _rows(sheet) -> dict[int, list[object]]:
    return {row[0].row: [cell.value for cell in row] for row in sheet.iter_rows()}


def _header_row(sheet, journey: JourneyMap, first_col: int = 2) -> int:
    names = [s.name for s in journey.stages]
    for number, values in _rows(sheet).items():
        if values[first_col - 1 : first_col - 1 + len(names)] == names:
            return number
    raise AssertionError("no row holds the stage names")


def _lane_rows(sheet, label_col: int = 1) -> dict[str, int]:
    """Lane label -> its first row, for labels below the header row (merged cells count once)."""
    out: dict[str, int] = {}
    for row in sheet.iter_rows(min_col=label_col, max_col=label_col):
        if isinstance(row[0].value, str):
            out.setdefault(row[0].value, row[0].row)
    return out


# --- the visible sheet ---------------------------------------------------------------------


def test_example_map_sheet_looks_like_a_journey_map(example_map, tmp_path):
    workbook, warnings = _export(example_map, tmp_path / "map.xlsx")
    assert warnings == []
    assert workbook.sheetnames == ["Journey map", "Persona", HIDDEN_SHEET]
    sheet = workbook["Journey map"]
    assert workbook.active.title == "Journey map"

    header = _header_row(sheet, example_map)
    # The title in the corner above the lane labels, as on the canvas; the description under the grid.
    corner = sheet.cell(row=header, column=1)
    assert corner.value == example_map.metadata.title and corner.font.b and corner.font.sz >= 14
    assert all(sheet.cell(row=r, column=1).value != "Persona" for r in range(1, 14))
    for index in range(len(example_map.stages)):
        cell = sheet.cell(row=header, column=2 + index)
        assert cell.font.b and cell.fill.fgColor.rgb == "FF2F3B52" and cell.font.color.rgb == "FFFFFFFF"

    # Phases: one merged cell per phase, over exactly its stages, filled with the phase colour.
    phase_row = header - 1
    merged = {str(r) for r in sheet.merged_cells.ranges if r.min_row == phase_row == r.max_row}
    assert merged == {f"B{phase_row}:C{phase_row}", f"E{phase_row}:F{phase_row}"}  # "During" has one stage
    assert sheet.cell(row=phase_row, column=2).value == "Before"
    assert sheet.cell(row=phase_row, column=2).fill.fgColor.rgb == "FFDBE7F5"
    assert sheet.cell(row=phase_row, column=4).value == "During"

    # Stage details under the headers: description and KPIs.
    details = sheet.cell(row=header + 1, column=2).value
    assert example_map.stages[0].description in details and "Ad reach: 52 % / 50 %" in details

    lanes = _lane_rows(sheet)
    for lane in example_map.lanes:
        assert lanes[lane.name] > header
        label = sheet.cell(row=lanes[lane.name], column=1)
        assert label.font.b and label.border.left.style == "thick"
    for card in example_map.cards:
        column = 2 + example_map.stage_index(card.stage_id)
        lane = example_map.lane(card.lane_id)
        value = sheet.cell(row=lanes[lane.name], column=column).value
        assert card.text in value
        cell_cards = example_map.cards_in(card.stage_id, card.lane_id)
        assert value.split("\n")[cell_cards.index(card)].startswith("• " if len(cell_cards) > 1 else card.text[:3])
        assert sheet.cell(row=lanes[lane.name], column=column).alignment.wrap_text

    touch = next(c for c in example_map.cards if c.channel is Channel.WEBSITE)
    touch_value = sheet.cell(row=lanes["Touchpoints"], column=2 + example_map.stage_index(touch.stage_id)).value
    assert f"[Website] {touch.text}" in touch_value

    # Emotions: numbers in the lane row, the labels in the row under it.
    emotions_row = lanes["Emotions"]
    for point in example_map.emotions:
        column = 2 + example_map.stage_index(point.stage_id)
        assert sheet.cell(row=emotions_row, column=column).value == point.value
        assert sheet.cell(row=emotions_row + 1, column=column).value == point.label

    # Frozen: only the grid's header rows (phases, stages, details) and the lane labels; nothing above them.
    assert sheet.freeze_panes == f"B{lanes[example_map.lanes[0].name]}" and phase_row == 1
    assert lanes[example_map.lanes[0].name] == 4
    about = lanes["Description"]
    assert about == max(lanes.values()) and sheet.cell(row=about, column=2).value == (
        f"{example_map.metadata.description}\nBy {example_map.metadata.author}")
    assert f"B{about}:F{about}" in {str(r) for r in sheet.merged_cells.ranges}
    for index in range(len(example_map.stages)):
        letter = "BCDEF"[index]
        assert 20 <= sheet.column_dimensions[letter].width <= 40
    card_row = lanes["Customer actions"]
    assert sheet.row_dimensions[card_row].height > 3 * 12  # three cards, wrapped

    assert len(sheet._charts) == 1
    with zipfile.ZipFile(tmp_path / "map.xlsx") as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "<lineChart>" in chart and f"<f>'Journey map'!$B${emotions_row}:$F${emotions_row}</f>" in chart
    assert f"<strRef><f>'Journey map'!$B${header}:$F${header}</f></strRef>" in chart

    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == f"${phase_row}:${header}"
    assert sheet.print_title_cols == "$A:$A"

    persona = workbook["Persona"]
    fields = {persona.cell(row=r, column=1).value: persona.cell(row=r, column=2).value for r in range(3, 11)}
    assert fields["Name"] == "Maya Okafor"
    assert fields["Goals"] == "\n".join(example_map.persona.goals)
    assert fields["Preferred channels"].split("\n")[0] == example_map.persona.preferred_channels[0].label

    assert workbook[HIDDEN_SHEET].sheet_state == "veryHidden"


def test_lane_groups_emotion_cards_and_card_colours(tmp_path):
    journey = JourneyMap(
        stages=[Stage(id="s1", name="One"), Stage(id="s2", name="Two")],
        lane_groups=[LaneGroup(id="g1", name="Frontstage", color="#204060")],
        lanes=[
            Lane(id="l1", name="Doing", kind=LaneKind.ACTIONS, group_id="g1"),
            Lane(id="l2", name="Seeing", kind=LaneKind.TOUCHPOINTS, group_id="g1"),
            Lane(id="l3", name="Feeling", kind=LaneKind.EMOTIONS),
        ],
        cards=[
            Card(id="c1", stage_id="s1", lane_id="l1", text="Yellow", color="#ffee00", votes=3),
            Card(id="c2", stage_id="s2", lane_id="l3", text="A card on the emotions lane"),
        ],
    )
    workbook, _ = _export(journey, tmp_path / "g.xlsx")
    sheet = workbook["Journey map"]
    header = _header_row(sheet, journey, first_col=3)
    assert [sheet.cell(row=header + i, column=2).value for i in (1, 2, 3)] == ["Doing", "Seeing", "Feeling"]
    assert sheet.cell(row=header + 1, column=1).value == "Frontstage"
    assert f"A{header + 1}:A{header + 2}" in {str(r) for r in sheet.merged_cells.ranges}
    yellow = sheet.cell(row=header + 1, column=3)
    assert yellow.value == "Yellow (+3)" and yellow.fill.fgColor.rgb == "FFFFEE00"
    # no points: no number row, the lane's cards in its row; and no chart without points
    assert sheet.cell(row=header + 3, column=4).value == "A card on the emotions lane"
    assert sheet._charts == []
    assert sheet.freeze_panes == f"C{header + 1}" and sheet.print_title_cols == "$A:$B"


def test_map_without_persona_still_has_a_persona_sheet(tmp_path):
    journey = JourneyMap(stages=[Stage(name="Only")], lanes=[Lane(name="Lane")])
    workbook, _ = _export(journey, tmp_path / "p.xlsx")
    assert workbook["Persona"]["A3"].value == "This map has no persona."


# --- the hidden sheet ------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(journey=journey_maps())
def test_hidden_sheet_gives_back_exactly_the_same_map(journey, tmp_path):
    path = tmp_path / "any.xlsx"
    write_map(journey, path)
    again, stored = read_hidden_map(load_workbook(path))
    assert again is not None
    assert again.model_dump() == journey.model_dump()
    assert stored == visible_fingerprint(journey) == visible_fingerprint(again)


def test_big_map_is_split_into_cells_excel_accepts(tmp_path):
    text = "😀 Ünïcode and a long card. " * 700  # astral characters count twice in Excel
    journey = JourneyMap(
        stages=[Stage(id="s", name="S")],
        lanes=[Lane(id="l", name="L")],
        cards=[Card(id=f"c{i}", stage_id="s", lane_id="l", text=text[: 19_000 + i]) for i in range(4)],
    )
    path = tmp_path / "big.xlsx"
    write_map(journey, path)
    workbook = load_workbook(path, read_only=True)
    chunks = [row[0] for row in workbook[HIDDEN_SHEET].iter_rows(max_col=1, values_only=True) if row[0]]
    assert len(chunks) > 2
    assert all(len(chunk.encode("utf-16-le")) // 2 <= 32_000 for chunk in chunks)
    assert read_hidden_map(workbook)[0] == journey


def test_read_hidden_map_tolerates_absence_and_damage(example_map, tmp_path):
    from openpyxl import Workbook

    assert read_hidden_map(Workbook()) == (None, None)
    workbook = Workbook()
    write_hidden_map(workbook, example_map)
    workbook[HIDDEN_SHEET]["A1"] = workbook[HIDDEN_SHEET]["A1"].value[:-40]
    journey, stored = read_hidden_map(workbook)
    assert journey is None and stored == visible_fingerprint(example_map)
    workbook[HIDDEN_SHEET]["A1"] = 42
    assert read_hidden_map(workbook) == (None, stored)
    assert read_hidden_map(object()) == (None, None)


def test_fingerprint_sees_text_edits_but_not_how_cells_are_split(example_map):
    base = visible_fingerprint(example_map)
    split = example_map.model_copy(deep=True)
    first = split.cards[0]
    first.text = first.text.replace(" ", "\n", 1)  # same words, one more line
    assert visible_fingerprint(split) == base
    edited = example_map.model_copy(deep=True)
    edited.cards[0].text += " (changed)"
    assert visible_fingerprint(edited) != base
    renamed = example_map.model_copy(deep=True)
    renamed.stages[0].name = "Discovery"
    assert visible_fingerprint(renamed) != base


def test_card_markers_can_be_taken_off_again():
    cards = [
        Card(
            stage_id="s",
            lane_id="l",
            text="Plan page",
            channel=Channel.WEBSITE,
            votes=3,
            evidence=Evidence(status=EvidenceStatus.OBSERVED),
        ),
        Card(stage_id="s", lane_id="l", text="Two\nlines", evidence=Evidence(status=EvidenceStatus.PROPOSED)),
        Card(stage_id="s", lane_id="l", text="Plain [assumed] in the middle (+1) too"),
    ]
    text = cell_text(cards)
    assert text.split("\n") == [
        "• [Website] Plan page (+3) [observed]",
        "• Two",
        "  lines [proposed]",
        "• Plain [assumed] in the middle (+1) too",
    ]
    parsed = [strip_card_markers(part) for part in split_cell_text(text)]
    assert parsed == [
        ("Plan page", Channel.WEBSITE, 3, EvidenceStatus.OBSERVED),
        ("Two\nlines", None, 0, EvidenceStatus.PROPOSED),
        ("Plain [assumed] in the middle (+1) too", None, 0, None),
    ]
    assert split_cell_text(cell_text(cards[:1])) == ["[Website] Plan page (+3) [observed]"]


# --- safety ----------------------------------------------------------------------------------

DANGEROUS = ["=1+2", "+SUM(A1:A2)", "-2+3", "@cmd", '=HYPERLINK("http://x","y")', "#N/A", "=cmd|' /C calc'!A0"]


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path):
    journey = JourneyMap(
        metadata={"title": "=TITLE()"},
        stages=[Stage(id="s1", name="=STAGE()"), Stage(id="s2", name="@two")],
        lanes=[Lane(id="l1", name="+LANE"), Lane(id="l2", name="-lane")],
        cards=[
            Card(id=f"c{i}", stage_id="s1", lane_id="l1" if i % 2 else "l2", text=t) for i, t in enumerate(DANGEROUS)
        ]
        + [Card(id="solo", stage_id="s2", lane_id="l1", text="=1+2")],
    )
    path = tmp_path / "f.xlsx"
    workbook, _ = _export(journey, path)
    sheet = workbook["Journey map"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    solo = next(cell for cell in cells if cell.value == "=1+2")
    assert solo.data_type == "s" and solo.quotePrefix
    assert next(cell for cell in cells if cell.value == "=TITLE()").quotePrefix
    assert next(cell for cell in cells if cell.value == "#N/A" or cell.value == "=STAGE()").data_type == "s"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(name).decode()
    assert read_hidden_map(workbook)[0] == journey


def test_characters_excel_refuses_are_left_out_with_a_warning(tmp_path):
    nasty = "bad\x00\x07 text\x1b\ufffe\uffff\r\nnext"
    journey = JourneyMap(
        metadata={"title": "T\x01itle"},
        stages=[Stage(id="s", name="St\x08age")],
        lanes=[Lane(id="l", name="L\x0bane")],
        cards=[Card(id="c", stage_id="s", lane_id="l", text=nasty)],
    )
    workbook, warnings = _export(journey, tmp_path / "c.xlsx")
    sheet = workbook["Journey map"]
    assert sheet["A1"].value == "Title"
    header = _header_row(sheet, JourneyMap(stages=[Stage(name="Stage")], lanes=[Lane(name="x")]))
    assert sheet.cell(row=header + 1, column=1).value == "L\nane"  # a vertical tab breaks the line, as on the canvas
    assert sheet.cell(row=header + 1, column=2).value == "bad text\nnext"
    assert len(warnings) == 1 and "control characters" in warnings[0]
    assert read_hidden_map(workbook)[0] == journey  # the hidden sheet keeps them, escaped


def test_a_cell_longer_than_excel_allows_continues_in_the_rows_below(tmp_path):
    journey = JourneyMap(
        stages=[Stage(id="s", name="S")],
        lanes=[Lane(id="l", name="L")],
        cards=[Card(id=f"c{i}", stage_id="s", lane_id="l", text="x" * 20_000) for i in range(2)],
    )
    workbook, warnings = _export(journey, tmp_path / "long.xlsx")
    sheet = workbook["Journey map"]
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert max(len(v) for v in values) < 32_767 and warnings == []
    assert "".join(values).count("x") == 40_000  # nothing cut: the cell continues over rows of its lane
    assert all((sheet.row_dimensions[r].height or 0) <= 409 for r in range(1, sheet.max_row + 1))
    assert read_hidden_map(workbook)[0] == journey


@pytest.mark.parametrize("junk", [False, True])
def test_a_failed_export_leaves_the_existing_file_alone(example_map, tmp_path, monkeypatch, junk):
    from openpyxl.workbook.workbook import Workbook

    target = tmp_path / "client.xlsx"
    target.write_bytes(b"the old workbook")

    def failing_save(self, filename):
        if junk:  # the workbook is built in memory, then written: either may hold half a zip
            (filename.write if hasattr(filename, "write") else Path(filename).write_bytes)(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", failing_save)
    with pytest.raises(JourneyFileError, match="No space left on device"):
        write_map(example_map, target)
    assert target.read_bytes() == b"the old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["client.xlsx"]


def test_cli_converts_a_map_to_xlsx(example_path, tmp_path, capsys):
    out = tmp_path / "map.xlsx"
    assert cli_main(["convert", str(example_path), str(out)]) == 0
    assert "wrote" in capsys.readouterr().err
    assert load_workbook(out)["Journey map"]["A2"].value == "Switching mobile plans"  # the corner of the stage row


# --- LibreOffice -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_export_and_prints_it(example_map, tmp_path, artifacts_dir):
    source = tmp_path / "example.xlsx"
    write_map(example_map, source)
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "example.pdf"
    assert pdf.exists(), result.stdout + result.stderr
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    first = reader.pages[0]
    assert first.mediabox.width > first.mediabox.height  # landscape
    text = first.extract_text()
    for expected in ("Switching mobile plans", "Awareness", "Advocacy", "Customer actions", "Opportunities"):
        assert expected in text
    assert "Orders a SIM online" in text
    all_text = "".join(page.extract_text() for page in reader.pages)
    assert "_journey_canvas" not in all_text and '"schema_version"' not in all_text  # hidden sheet not printed
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
            check=True,
            timeout=60,
        )
        shutil.copy(next(tmp_path.glob("page*.png")), artifacts_dir / "example-xlsx-libreoffice.png")


def test_persona_photo_is_placed_on_the_persona_sheet(example_map, tmp_path):
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "#3b5bdb").save(buffer, format="PNG")
    example_map.persona.photo = Photo(data=base64.b64encode(buffer.getvalue()).decode())
    workbook, warnings = _export(example_map, tmp_path / "photo.xlsx")
    assert warnings == []
    images = workbook["Persona"]._images
    assert len(images) == 1 and max(images[0].width, images[0].height) <= 240

    example_map.persona.photo = Photo(data=base64.b64encode(b"not an image").decode())
    workbook, warnings = _export(example_map, tmp_path / "broken.xlsx")
    assert warnings == ["the photo of Maya Okafor was left out: it is not an image Excel can show"]
    assert read_hidden_map(workbook)[0] == example_map  # the photo itself is kept in the hidden map


@pytest.mark.parametrize(
    "journey",
    [
        JourneyMap(),
        JourneyMap(lanes=[Lane(name="Feelings", kind=LaneKind.EMOTIONS)]),
        JourneyMap(stages=[Stage(name="S")]),
    ],
)
def test_maps_without_stages_or_lanes_still_export(journey, tmp_path):
    workbook, warnings = _export(journey, tmp_path / "empty.xlsx")
    assert warnings == [] and read_hidden_map(workbook)[0] == journey


def test_long_lane_names_emotion_labels_and_titles_get_rows_tall_enough(tmp_path):
    """A wrapped lane label, emotion label or corner title grows its rows (they were cut on the print-out)."""
    from app.io.xlsx_export.cells import LINE_HEIGHT
    from tests import stress_maps

    journey = stress_maps.long_texts()
    journey = journey.model_copy(update={"metadata": journey.metadata.model_copy(
        update={"title": "A title long enough to wrap over several lines in the corner"})})
    workbook, _ = _export(journey, tmp_path / "long.xlsx")
    sheet = workbook["Journey map"]

    def height(row: int) -> float:
        return sheet.row_dimensions[row].height or LINE_HEIGHT

    def span(row: int) -> range:
        merged = next((r for r in sheet.merged_cells.ranges if r.min_row == row and r.min_col == 1), None)
        return range(row, (merged.max_row if merged else row) + 1)

    lanes = _lane_rows(sheet)
    per_line = sheet.column_dimensions["A"].width * 0.85  # bold characters a line of the label column holds
    for lane in journey.lanes:
        lines = int(len(lane.name) / per_line) + 1
        assert sum(height(r) for r in span(lanes[lane.name])) >= lines * LINE_HEIGHT, lane.name
    label = next(p.label for p in journey.emotions if len(p.label) > 60)
    row = next(c.row for line in sheet.iter_rows() for c in line if c.value == label)
    assert height(row) >= (len(label) // 40 + 1) * LINE_HEIGHT
    header = _header_row(sheet, journey)
    assert height(header) >= 3 * LINE_HEIGHT  # the title's lines at 14 pt


def test_a_wide_map_prints_on_pages_across_at_a_readable_scale(tmp_path):
    """Fit to one page width printed a 40-stage map at a tenth of its size (10 pt text at about 1 pt):
    the workbook now asks for as many pages across as keep the text at 6 pt or more, the label column
    repeated on each; a map that fits one page width at that scale still prints on one."""
    from app.io.xlsx_export.cells import FONT_SIZE
    from app.model.journey import Card, JourneyMap, Lane, Metadata, Stage

    stages = [Stage(name=f"Stage {i}") for i in range(40)]
    lane = Lane(name="Customer actions")
    journey = JourneyMap(metadata=Metadata(title="Wide"), stages=stages, lanes=[lane],
                         cards=[Card(stage_id=s.id, lane_id=lane.id, text=f"Card {i} " + "word " * 8)
                                for i, s in enumerate(stages)])
    workbook, _ = _export(journey, tmp_path / "wide.xlsx")
    setup = workbook["Journey map"].page_setup
    assert setup.fitToHeight == 0 and setup.fitToWidth > 1
    sheet = workbook["Journey map"]
    width_pt = sum(5.25 * (sheet.column_dimensions[c].width or 8.43) + 3.75 for c in sheet.column_dimensions)
    printable = 297 * 72 / 25.4 - 0.8 * 72  # A4 landscape less the side margins
    assert setup.fitToWidth * printable / width_pt * FONT_SIZE >= 6.0 * 0.9  # the label column repeats, roughly

    small, _ = _export(journey.model_copy(update={"stages": stages[:5], "cards": journey.cards[:5]}),
                       tmp_path / "small.xlsx")
    assert small["Journey map"].page_setup.fitToWidth == 1
