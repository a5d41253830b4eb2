"""Layouts beyond a plain grid, each built here as a real workbook: service blueprints with divider rows,
emotions as a native chart, stage headers drawn as shapes, two maps on one sheet, lane labels in more
languages, evidence columns, and the title from the sheet. Plus a property: wherever a map sits on its
sheet, with spacers and foreign tables around it, the same map comes out."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.io.formats import read_map
from app.io.sheet_import.report import GUESSED, LEFT_OUT, group_of
from app.model.enums import LaneKind
from tests.import_helpers import cells, emotions, make_workbook, names, read
from tests.import_layouts import add_shapes, line_chart, write_rows


def kinds(journey) -> list[tuple[str, str]]:
    return [(lane.name, lane.kind.value) for lane in journey.lanes]


def group_lines(report: list[str], group: str) -> list[str]:
    return [line for line in report if group_of(line) == group]


def save(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


def test_blueprint_divider_rows_are_boundaries_between_lane_groups(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blueprint"
    write_rows(sheet, [
        ["Library card blueprint"],
        [],
        ["Stage", "Arrive", "Register", "Borrow", "Return"],
        ["Physical evidence", "Door sign", "Paper form", "Shelves", "Return box"],
        ["Customer actions", "Walks in", "Fills the form", "Picks a book", "Drops the book"],
        ["— Line of interaction —"],
        ["Frontstage", "Greets", "Checks ID", "Scans the book", "Says thanks"],
        ["Line of visibility"],
        ["Backstage", "Opens up", "Enters data", "Updates stock", "Restocks"],
        ["Line of internal interaction"],
        ["Support processes", "Cleaning", "Member database", "Catalogue", "Logistics"],
    ])
    for row in (6, 8, 10):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    result = read_map(save(book, tmp_path / "blueprint.xlsx"))
    journey = result.journey
    assert journey.metadata.title == "Library card blueprint"
    assert names(journey.stages) == ["Arrive", "Register", "Borrow", "Return"]
    assert names(journey.lanes) == ["Physical evidence", "Customer actions", "Frontstage", "Backstage",
                                    "Support processes"]
    group_of_lane = {lane.name: next(g.name for g in journey.lane_groups if g.id == lane.group_id)
                     for lane in journey.lanes}
    assert group_of_lane == {"Physical evidence": "Customer", "Customer actions": "Customer",
                             "Frontstage": "Frontstage", "Backstage": "Backstage",
                             "Support processes": "Support processes"}
    report = "\n".join(result.report)
    assert "Blueprint!A6: '— Line of interaction —' read as the interaction line between lane groups" in report
    assert "'Line of visibility' read as the visibility line" in report
    assert "not part of the map" not in report  # every cell was read


def test_blueprint_dividers_in_spanish_and_german(tmp_path):
    for label, line in (("Línea de interacción", "Línea de visibilidad"), ("Interaktionslinie", "Sichtbarkeitslinie")):
        book = openpyxl.Workbook()
        write_rows(book.active, [["Etapa", "Buscar", "Comprar"], ["Acciones", "busca", "paga"], [label, "-----", "---"],
                                 ["Empleado", "atiende", "cobra"], [line], ["Sistema", "indexa", "factura"]])
        journey = read_map(save(book, tmp_path / "b.xlsx")).journey
        assert names(journey.lanes) == ["Acciones", "Empleado", "Sistema"], label
        assert [g.name for g in journey.lane_groups] == ["Customer", "Frontstage", "Backstage"]


def test_emotions_from_a_native_chart_over_a_hidden_row(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Gym membership"
    write_rows(sheet, [
        ["Stage", "Find", "Visit", "Join", "Train"],
        ["Actions", "Searches gyms", "Tours the gym", "Signs up", "Works out"],
        ["Pain points", "Hidden prices", "Crowded", "Long contract", "Broken machines"],
        ["Emotional journey"],
    ])
    write_rows(sheet, [["score", 3, 4, 2, 5]], top=30)
    sheet.row_dimensions[30].hidden = True
    line_chart(sheet, "Emotional journey", "B30:E30", "B1:E1", "B5")
    result = read_map(save(book, tmp_path / "chart.xlsx"))
    journey = result.journey
    assert kinds(journey) == [("Actions", "actions"), ("Pain points", "pain_points"),
                              ("Emotional journey", "emotions")]
    assert emotions(journey) == [3, 4, 2, 5]
    assert journey.metadata.title == "Gym membership"  # the sheet's name: no title cell above the map
    report = "\n".join(result.report)
    assert "chart 'Emotional journey' read as the emotion curve of lane 'Emotional journey' (plots B30:E30" in report
    assert "picture" not in report and "B30" not in "".join(group_lines(result.report, LEFT_OUT))


def test_chart_without_category_cells_matches_stages_by_column(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    write_rows(sheet, [["Title: Pizza order"], [], ["Stage", "Choose", "Order", "Wait", "Eat"],
                       ["Doing", "menu", "app", "track", "eat"]])
    write_rows(sheet, [[None, 1, 2, -1, 2]], top=40)
    line_chart(sheet, "Mood", "B40:E40", None, "G3")
    journey = read_map(save(book, tmp_path / "c.xlsx")).journey
    assert ("Mood", "emotions") in kinds(journey)
    assert emotions(journey, "Mood") == [1, 2, -1, 2]


def test_stage_headers_drawn_as_chevrons_above_the_grid(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    write_rows(sheet, [
        ["Actions", "Sees an ad", "Compares plans", "Orders", "Unboxes"],
        ["Touchpoints", "Instagram", "Website", "Checkout", "Courier"],
        ["Thoughts", "Nice phone", "Too many plans", "Finally", "Looks great"],
    ], top=3)
    path = save(book, tmp_path / "chevrons.xlsx")
    add_shapes(path, [(1, c, 1, c, name) for c, name in enumerate(["Aware", "Consider", "Buy", "Enjoy"], 1)]
               + [(0, 0, 0, 3, "Phone purchase journey")])
    result = read_map(path)
    journey = result.journey
    assert names(journey.stages) == ["Aware", "Consider", "Buy", "Enjoy"]
    assert names(journey.lanes) == ["Actions", "Touchpoints", "Thoughts"]  # no lane taken as the stage row
    assert cells(journey, "Aware", "Actions") == ["Sees an ad"]
    assert journey.metadata.title == "Phone purchase journey"  # a text box above the map
    assert any("the text of 5 shape(s)" in line for line in result.report)


def test_chevrons_over_wide_columns_whose_tips_reach_into_the_next_column(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for letter in "BCDE":
        sheet.column_dimensions[letter].width = 30
    sheet.row_dimensions[2].height = 40
    write_rows(sheet, [["Actions", "Sees an ad", "Compares plans", "Orders", "Unboxes"],
                       ["Thoughts", "Nice phone", "Too many plans", "Finally", "Looks great"]], top=3)
    path = save(book, tmp_path / "wide.xlsx")
    # each chevron runs from just inside its column to 10 % into the next one (the arrow's tip)
    add_shapes(path, [(1, c, 1, c + 1, name) for c, name in enumerate(["Aware", "Consider", "Buy", "Enjoy"], 1)],
               to_off=200_000)
    journey = read_map(path).journey
    assert names(journey.stages) == ["Aware", "Consider", "Buy", "Enjoy"]
    assert cells(journey, "Buy", "Actions") == ["Orders"]


def test_grouped_chevrons_each_head_their_own_column(tmp_path):
    from tests.import_layouts import grouped_shapes_xml

    book = openpyxl.Workbook()
    write_rows(book.active, [["Actions", "Sees an ad", "Compares plans", "Orders"],
                             ["Pain points", "Too many ads", "Confusing plans", "Slow checkout"]], top=3)
    path = save(book, tmp_path / "grouped.xlsx")
    add_shapes(path, [], xml=grouped_shapes_xml(1, 1, ["Aware", "Consider", "Buy"]))
    journey = read_map(path).journey
    assert names(journey.stages) == ["Aware", "Consider", "Buy"]
    assert names(journey.lanes) == ["Actions", "Pain points"]


def two_maps(path: Path, gap: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Personas"
    write_rows(sheet, [["Anna: first purchase"], ["Stage", "Discover", "Compare", "Buy"],
                       ["Actions", "search", "read reviews", "pay"], ["Thoughts", "which one?", "cheap?", "ok"],
                       ["Emotion", 3, 2, 4]])
    write_rows(sheet, [["Ben: renewal"], ["Stage", "Reminder", "Review", "Renew", "Use"],
                       ["Actions", "reads email", "checks usage", "clicks renew", "keeps going"],
                       ["Thoughts", "again?", "worth it", "done", "fine"], ["Emotion", 2, 3, 4, 4]], left=5 + gap)
    return save(book, path)


def test_two_maps_side_by_side_are_two_maps(tmp_path):
    for gap in (0, 1):
        path = two_maps(tmp_path / f"two{gap}.xlsx", gap)
        result = read_map(path)
        journey = result.journey
        assert names(journey.stages) == ["Discover", "Compare", "Buy"], gap
        assert journey.metadata.title == "Anna: first purchase"
        other = f"{'E' if gap == 0 else 'F'}2"
        line = next(line for line in result.report if line.startswith("another map on this sheet"))
        assert "('Ben: renewal', 4 stages, 3 lanes) not imported" in line and f"--map {other}" in line
        second = read_map(path, map_at=other).journey
        assert names(second.stages) == ["Reminder", "Review", "Renew", "Use"]
        assert second.metadata.title == "Ben: renewal"
        assert emotions(second) == [2, 3, 4, 4]


def test_lane_kinds_in_german_japanese_and_spanish_questions(tmp_path):
    book = openpyxl.Workbook()
    german = book.active
    german.title = "Kundenreise"
    write_rows(german, [["Phase", "Bewusstsein", "Kauf", "Nutzung"], ["Kundenaktionen", "sucht", "kauft", "nutzt"],
                        ["Berührungspunkte", "Google", "Shop", "App"], ["Kundengedanken", "teuer?", "gut", "toll"],
                        ["Schmerzpunkte", "Werbung", "Wartezeit", "Updates"]])
    japanese = book.create_sheet("顧客体験")
    write_rows(japanese, [["ステージ", "認知", "検討", "購入"], ["行動", "広告を見る", "比較する", "買う"],
                          ["タッチポイント", "SNS", "ウェブサイト", "店舗"], ["思考", "良さそう", "高い?", "決めた"],
                          ["感情", "嬉しい", "不安", "満足"], ["課題", "情報不足", "比較が難しい", "待ち時間"],
                          ["改善案", "動画", "比較表", "予約"]])
    spanish = book.create_sheet("Viaje")
    write_rows(spanish, [["Etapa", "Descubrir", "Comparar", "Comprar"], ["¿Qué hace?", "busca", "compara", "paga"],
                         ["¿Qué piensa?", "¿cuál?", "caro", "por fin"],
                         ["¿Qué siente?", "Curioso", "Frustrado", "Feliz"],
                         ["Estado", "Curioso", "Frustrado", "Feliz"], ["Medio", "Web", "App", "Teléfono"]])
    path = save(book, tmp_path / "languages.xlsx")
    de = read_map(path, sheet="Kundenreise")
    assert kinds(de.journey) == [("Kundenaktionen", "actions"), ("Berührungspunkte", "touchpoints"),
                                 ("Kundengedanken", "thoughts"), ("Schmerzpunkte", "pain_points")]
    guesses = "\n".join(group_lines(de.report, GUESSED))
    assert ("lane 'Kundenaktionen' (Kundenreise!A2) read as actions: the word 'Kundenaktionen' contains 'aktion'"
            in guesses)
    ja = read_map(path, sheet="顧客体験").journey
    assert [k for _n, k in kinds(ja)] == ["actions", "touchpoints", "thoughts", "emotions", "pain_points",
                                          "opportunities"]
    assert [p.label for p in ja.emotions] == ["嬉しい", "不安", "満足"]
    es = read_map(path, sheet="Viaje")
    assert kinds(es.journey) == [("¿Qué hace?", "actions"), ("¿Qué piensa?", "thoughts"), ("¿Qué siente?", "emotions"),
                                 ("Estado", "emotions"), ("Medio", "touchpoints")]
    assert [p.label for p in es.journey.emotions][:3] == ["Curioso", "Frustrado", "Feliz"]
    guesses = "\n".join(group_lines(es.report, GUESSED))
    assert "lane 'Estado' (Viaje!A5) read as emotions: 3 of its 3 cells name feelings" in guesses
    assert "lane 'Medio' (Viaje!A6) read as touchpoints: 3 of its 3 cells name channels" in guesses
    assert "¿Qué siente?" not in guesses  # a question's verb is evidence enough


def test_confidence_and_source_columns_are_metadata_not_a_second_curve(tmp_path):
    book = openpyxl.Workbook()
    write_rows(book.active, [
        ["Stage", "Actions", "Emotion", "Confidence", "Source", "Priority"],
        ["Discover", "Reads a blog", 4, 3, "Interviews", None],
        ["Sign up", "Fills the form", 2, 1, "Survey", None],
        ["Use", "Invites the team", 5, 2, "Analytics", None],
    ])
    result = read_map(save(book, tmp_path / "evidence.xlsx"))
    journey = result.journey
    assert kinds(journey) == [("Actions", "actions"), ("Emotion", "emotions")]
    assert emotions(journey) == [4, 2, 5]
    assert [p.note for p in journey.emotions] == ["confidence: 3\nsource: Interviews", "confidence: 1\nsource: Survey",
                                                  "confidence: 2\nsource: Analytics"]
    assert any("'Confidence' read as the confidence of the emotion points of lane 'Emotion'" in line
               for line in result.report)


def test_priority_and_owner_rows_become_card_tags(tmp_path):
    book = openpyxl.Workbook()
    write_rows(book.active, [["Stage", "Plan", "Book"], ["Opportunities", "Better search", "One-click booking"],
                             ["Priority", "High", "Low"], ["Owner", "Ana", "Raj"]])
    journey = read_map(save(book, tmp_path / "tags.xlsx")).journey
    assert names(journey.lanes) == ["Opportunities"]
    assert [card.tags for card in journey.cards] == [["priority: High", "owner: Ana"], ["priority: Low", "owner: Raj"]]


def test_title_from_a_meaningful_sheet_name_never_from_the_file_name(tmp_path):
    rows = [["Stage", "Discover", "Buy"], ["Actions", "search", "pay"], ["Pain points", "ads", "fees"]]
    for sheet_name, title in (("Onboarding journey", "Onboarding journey"), ("Sheet1", "Untitled journey"),
                              ("Hoja 1", "Untitled journey")):
        book = openpyxl.Workbook()
        book.active.title = sheet_name
        write_rows(book.active, rows)
        result = read_map(save(book, tmp_path / "acme+Client__CJM_v3.xlsx"))
        assert result.journey.metadata.title == title
        assert any("no title cell above the map" in line for line in group_lines(result.report, GUESSED))


def test_the_cli_report_is_grouped(tmp_path, capsys):
    from app.cli import main

    path = two_maps(tmp_path / "two.xlsx", 1)
    assert main(["info", str(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    headings = [line for line in err if line.startswith("import: == ")]
    assert [h.split(":")[1].strip() for h in headings] == ["== Found", "== Guessed (check these first)",
                                                           "== Left out (and why)"]


# --- the same map wherever it sits ---------------------------------------------------------------------

MAP = [["Stage", "Discover", "Compare", "Buy"], ["Actions", "search", "read reviews", "pay"],
       ["Touchpoints", "Google", "Website", "Shop"], ["Feeling", 3, 2, 4]]
FOREIGN = [["Budget", "Q1", "Q2"], ["Ads", 100, 200], ["Staff", 300, 400]]


def summary(journey) -> tuple:
    return (names(journey.stages), kinds(journey),
            sorted((c.text, s.name, lane.name) for c in journey.cards for s in journey.stages for lane in journey.lanes
                   if c.stage_id == s.id and c.lane_id == lane.id),
            emotions(journey))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(top=st.integers(0, 6), left=st.integers(0, 5), spacer_row=st.booleans(), spacer_col=st.booleans(),
       foreign=st.sampled_from(["none", "below", "right", "above"]), note=st.booleans(), turned=st.booleans())
def test_the_same_map_comes_out_wherever_it_sits(top, left, spacer_row, spacer_col, foreign, note, turned):
    import tempfile

    rows = [list(row) for row in MAP]
    if spacer_col:  # a blank column between the lane labels and the first stage
        rows = [[row[0], None, *row[1:]] for row in rows]
    if spacer_row:  # a blank row between two lanes
        rows.insert(2, [])
    if turned:  # stages down the rows instead of across the columns
        width = max(len(row) for row in rows)
        rows = [[row[c] if c < len(row) else None for row in rows] for c in range(width)]
    cells_at: dict[tuple[int, int], object] = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                cells_at[(top + r, left + c)] = value
    bottom, right = top + len(rows), left + max(len(r) for r in rows)
    if foreign != "none":
        r0, c0 = {"below": (bottom + 2, left), "right": (top, right + 2), "above": (0, right + 3)}[foreign]
        if foreign == "above":
            cells_at = {(r + 5, c): value for (r, c), value in cells_at.items()}
        for r, row in enumerate(FOREIGN):
            for c, value in enumerate(row):
                cells_at[(r0 + r, c0 + c)] = value
    if note:
        cells_at[(max(p[0] for p in cells_at) + 3, 0)] = "Made in the workshop of 3 May"
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    for (r, c), value in cells_at.items():
        book.active.cell(row=r + 1, column=c + 1, value=value)
    with tempfile.TemporaryDirectory() as folder:
        result = read_map(save(book, Path(folder) / "journey.xlsx"))
    expected = (["Discover", "Compare", "Buy"],
                [("Actions", "actions"), ("Touchpoints", "touchpoints"), ("Feeling", "emotions")],
                sorted([("search", "Discover", "Actions"), ("read reviews", "Compare", "Actions"),
                        ("pay", "Buy", "Actions"), ("Google", "Discover", "Touchpoints"),
                        ("Website", "Compare", "Touchpoints"), ("Shop", "Buy", "Touchpoints")]),
                [3, 2, 4])
    assert summary(result.journey) == expected
    left_out = "\n".join(group_lines(result.report, LEFT_OUT))
    if foreign != "none":
        assert "'Budget' not part of the map" in left_out
    if note:
        assert "Made in the workshop" in left_out or result.journey.metadata.description


def test_kind_guesses_show_in_the_lane_kinds(tmp_path):
    book = openpyxl.Workbook()
    write_rows(book.active, [["Stage", "A", "B"], ["Estado", "Curioso", "Feliz"], ["Doing", "x", "y"]])
    from app.io.sheet_import.read_xlsx import detect

    detection = detect(save(book, tmp_path / "g.xlsx"))
    lanes = {lane.name: lane for lane in detection.lanes}
    assert lanes["Estado"].kind == LaneKind.EMOTIONS and "name feelings" in lanes["Estado"].guess
    assert lanes["Doing"].guess == ""


def test_a_hostile_or_broken_chart_never_gets_through(tmp_path):
    import zipfile

    import pytest

    from app.io.errors import JourneyFileError

    book = openpyxl.Workbook()
    sheet = book.active
    write_rows(sheet, [["Stage", "A", "B"], ["Actions", "x", "y"], ["Feeling", 1, 2]])
    line_chart(sheet, "Mood", "B3:C3", "B1:C1", "E1")
    path = save(book, tmp_path / "chart.xlsx")
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    chart = next(name for name in parts if name.startswith("xl/charts/"))

    def rewrite(name: str, data: bytes) -> Path:
        target = tmp_path / name
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for part, content in parts.items():
                out.writestr(part, data if part == chart else content)
        return target

    laughs = (b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
              b'<chartSpace>&b;</chartSpace>')
    with pytest.raises(JourneyFileError, match="entit"):
        read_map(rewrite("laughs.xlsx", laughs))
    broken = read_map(rewrite("broken.xlsx", b"<chartSpace><chart><title>"))  # not even well-formed
    assert names(broken.journey.stages) == ["A", "B"] and emotions(broken.journey) == [1, 2]


def test_a_confidence_column_after_the_stages_is_lane_metadata(tmp_path):
    book = openpyxl.Workbook()
    write_rows(book.active, [["Stage", "Discover", "Buy", "Use", "Confidence"],
                             ["Actions", "search", "pay", "install", "High"],
                             ["Feeling", 3, 2, 4, 2], ["Pain points", "ads", "fees", None, None]])
    result = read_map(save(book, tmp_path / "column.xlsx"))
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Buy", "Use"]
    assert emotions(journey) == [3, 2, 4]
    assert {tuple(c.tags) for c in journey.cards if c.text in ("search", "pay", "install")} == {("confidence: High",)}
    assert {p.note for p in journey.emotions} == {"confidence: 2"}
    assert not group_lines(result.report, LEFT_OUT)


def test_two_maps_stacked_one_blank_row_apart(tmp_path):
    book = openpyxl.Workbook()
    write_rows(book.active, [["Anna"], ["Stage", "Discover", "Compare", "Buy"], ["Actions", "search", "read", "pay"],
                             ["Thoughts", "which?", "cheap?", "ok"], ["Emotion", 3, 2, 4], [],
                             ["Ben"], ["Stage", "Discover", "Compare", "Buy"], ["Actions", "ask", "test", "order"],
                             ["Thoughts", "hm", "nice", "go"], ["Emotion", 1, 2, 5]])
    path = save(book, tmp_path / "stacked.xlsx")
    first = read_map(path)
    assert first.journey.metadata.title == "Anna" and names(first.journey.lanes) == ["Actions", "Thoughts", "Emotion"]
    assert any(line.startswith("another map on this sheet at Sheet!A8:D11 ('Ben'") for line in first.report)
    second = read_map(path, map_at="A8").journey
    assert second.metadata.title == "Ben" and emotions(second) == [1, 2, 5]


def test_lane_kind_words_across_languages():
    from app.io.sheet_import.detect_dividers import divider_kind
    from app.io.sheet_import.detect_emotions import word_value
    from app.io.sheet_import.detect_lane_kinds import guess_lane_kind
    from app.io.sheet_import.detect_lane_meaning import compound_kind, metadata_key

    expected = {
        "What does the customer think?": "thoughts", "What does the customer do?": "actions",
        "¿Qué siente?": "emotions", "Was fühlt der Kunde?": "emotions", "O que faz?": "actions",
        "Wat denkt de klant?": "thoughts", "顧客の行動": "actions", "タッチポイント": "touchpoints", "思考": "thoughts",
        "感情": "emotions", "課題": "pain_points", "改善案": "opportunities", "用户触点": "touchpoints",
        "고객 행동": "actions", "감정": "emotions", "Pijnpunten": "pain_points", "Kansen": "opportunities",
        "Customer Interaction": "text",  # 'inter' + 'action' is no compound of two nouns
    }
    assert {label: guess_lane_kind(label).value for label in expected} == expected
    assert compound_kind("Customer Interaction") is None
    assert compound_kind("Klantacties")[0] == LaneKind.ACTIONS
    assert [word_value(w) for w in ("Curioso", "Frustrado", "Feliz", "Neugierig", "不安", "짜증")] == [
        0.5, -1.0, 0.5, 0.5, -0.5, -1.0]
    assert [divider_kind(t) for t in ("— Line of interaction —", "Linha de visibilidade", "Линия видимости",
                                      "Línea de interacción interna", "Interaction design", "Line manager")] == [
        "interaction", "visibility", "visibility", "internal interaction", None, None]
    assert [metadata_key(t) for t in ("Confidence (1-3)", "Fuente", "Owner", "Sources of frustration")] == [
        "confidence", "source", "owner", None]


def test_a_chart_of_cells_on_a_hidden_data_sheet(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Journey"
    write_rows(sheet, [["Stage", "Find", "Visit", "Join"], ["Actions", "search", "tour", "sign"], ["Feelings"]])
    data = book.create_sheet("Data")
    data.sheet_state = "hidden"
    write_rows(data, [["Find", "Visit", "Join"], [2, -1, 2]])
    from openpyxl.chart import LineChart, Reference

    chart = LineChart()
    chart.add_data(Reference(data, min_col=1, min_row=2, max_col=3, max_row=2), from_rows=True,
                   titles_from_data=False)
    chart.set_categories(Reference(data, min_col=1, min_row=1, max_col=3, max_row=1))
    sheet.add_chart(chart, "B4")
    result = read_map(save(book, tmp_path / "data.xlsx"))
    assert kinds(result.journey) == [("Actions", "actions"), ("Feelings", "emotions")]
    assert emotions(result.journey) == [2, -1, 2]


def test_every_map_of_a_sheet_for_the_personas_work(tmp_path):
    from app.io.sheet_import.read_sheet import import_every_map
    from app.io.sheet_import.source import load_workbook

    path = two_maps(tmp_path / "two.xlsx", 1)
    results = import_every_map(path, load_workbook(path).grids)
    assert [r.journey.metadata.title for r in results] == ["Anna: first purchase", "Ben: renewal"]
    assert [len(r.journey.stages) for r in results] == [3, 4]


def test_blueprint_with_a_group_column_and_lines_in_portuguese(tmp_path):
    book = openpyxl.Workbook()
    write_rows(book.active, [[None, "Etapa", "Chegada", "Consulta", "Pagamento"],
                             ["Cliente", "Ações do cliente", "chega", "conversa", "paga"], ["Linha de interação"],
                             ["Linha de frente", "Atendente", "recebe", "explica", "cobra"], ["Linha de visibilidade"],
                             ["Retaguarda", "Sistema", "agenda", "registra", "fatura"]])
    result = read_map(save(book, tmp_path / "pt.xlsx"))
    journey = result.journey
    assert names(journey.stages) == ["Chegada", "Consulta", "Pagamento"]
    assert names(journey.lanes) == ["Ações do cliente", "Atendente", "Sistema"]
    assert [g.name for g in journey.lane_groups] == ["Cliente", "Linha de frente", "Retaguarda"]  # the sheet's own
    assert sum("line between lane groups (not a lane)" in line for line in result.report) == 2


def test_a_chart_of_two_series_turns_two_number_columns_into_two_curves(tmp_path):
    from openpyxl.chart import LineChart, Reference

    book = openpyxl.Workbook()
    sheet = book.active
    write_rows(sheet, [["Stage", "Actions", "Anna", "Ben"], ["Find", "search", 3, 2], ["Buy", "pay", 1, 4],
                       ["Use", "install", 4, 5]])
    chart = LineChart()
    chart.title = "Feelings"
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_col=4, max_row=4), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=4))
    sheet.add_chart(chart, "F2")
    result = read_map(save(book, tmp_path / "curves.xlsx"))
    assert kinds(result.journey) == [("Actions", "actions"), ("Anna", "emotions"), ("Ben", "emotions")]
    assert emotions(result.journey, "Anna") == [3, 1, 4] and emotions(result.journey, "Ben") == [2, 4, 5]
    assert any("chart 'Feelings', series 'Ben', read as the emotion curve of lane 'Ben'" in line
               for line in result.report)


def test_a_spacer_row_before_the_score_row_keeps_the_lanes_below(tmp_path):
    """One blank row between the text lanes and the score row: the rows below are lanes of the same map
    (they were read as another map, and the map lost its emotions and pain points)."""
    rows = [[None, "Awareness", "Consideration", "Purchase"], ["Doing", "Sees ad", "Compares", "Pays"],
            ["Thinking", "Is it for me?", "Too dear?", "Done"], [],
            ["Feeling", 1, -1, 2], ["Pain points", "Noise", None, "Fees"]]
    result = read(make_workbook(tmp_path / "spacer.xlsx", rows))
    assert names(result.journey.lanes) == ["Doing", "Thinking", "Feeling", "Pain points"]
    assert emotions(result.journey) == [1, -1, 2]
    assert not [line for line in result.report if "another map" in line]


def test_words_under_the_scores_of_a_merged_emotions_lane_are_their_labels(tmp_path):
    """An emotions label merged over a row of scores and a row of words: each word is its score's label, known
    feeling or not (unknown words made the lane text while it held the points: 'could not be turned into a valid
    map (emotion point (lane '874499d70e91' ...) is on a lane that is not an emotions lane')."""
    rows = [[None, "Awareness", "Consideration", "Purchase"], ["Doing", "Sees ad", "Compares", "Pays"],
            ["Emotions", 1, -1, 2], [None, "Meh", "Curiouser", "Woohoo"]]
    result = read(make_workbook(tmp_path / "labels.xlsx", rows, merged=("A3:A4",)))
    points = sorted((p.value, p.label) for p in result.journey.emotions)
    assert points == [(-1, "Curiouser"), (1, "Meh"), (2, "Woohoo")]
    assert not result.journey.cards_in(result.journey.stages[0].id, result.journey.lanes[1].id)


def test_a_column_numbering_the_lanes_is_not_their_label(tmp_path):
    """'# | Lane | Awareness ...' over '1 | Actions | ...': the labels are the second column (the numbers made
    the map nameless: stages '#' and 'Lane', lanes 'Lane 1'..'Lane 4', the scores read as cards)."""
    rows = [["#", "Lane", "Awareness", "Consideration", "Purchase"], [1, "Actions", "Sees ad", "Compares", "Pays"],
            [2, "Thoughts", "Hmm", "Which?", "Done"], [3, "Feelings", 1, -1, 2],
            [4, "Pain points", "Noise", None, "Fees"]]
    result = read(make_workbook(tmp_path / "numbered.xlsx", rows))
    assert names(result.journey.stages) == ["Awareness", "Consideration", "Purchase"]
    assert names(result.journey.lanes) == ["Actions", "Thoughts", "Feelings", "Pain points"]
    assert emotions(result.journey) == [1, -1, 2]
    assert any("Map!A2: '1' not part of the map" in line for line in result.report)


@pytest.mark.parametrize("corner", ["Lanes", "Lane / Stage", "Layers"])
def test_a_corner_heading_the_lane_labels_is_not_the_title(tmp_path, corner):
    rows = [[corner, "Awareness", "Consideration"], ["Actions", "Sees ad", "Compares"], ["Thoughts", "Hmm", "Which?"]]
    path = make_workbook(tmp_path / "corner.xlsx", rows)
    assert read(path).journey.metadata.title == "Map"  # the sheet's name, not the corner's heading


@pytest.mark.parametrize("row", [["2/5", "4/5", "3/5"], ["2 out of 5", "4 out of 5", "3 out of 5"],
                                 ["★★☆☆☆", "★★★★☆", "★★★☆☆"]])
def test_ratings_out_of_a_number_are_scores(tmp_path, row):
    """'2/5', '4 out of 5' and stars were text cards (in an emotions lane, when its label named a feeling)."""
    rows = [[None, "Awareness", "Consideration", "Purchase"], ["Doing", "Sees ad", "Compares", "Pays"],
            ["Satisfaction", *row]]
    journey = read(make_workbook(tmp_path / "ratings.xlsx", rows)).journey
    assert emotions(journey) == [2, 4, 3] and not [c for c in journey.cards if c.text in row]


def test_a_feeling_named_lane_of_sentences_is_text_not_an_empty_curve(tmp_path):
    """'Satisfaction' holding sentences: a text lane (it stayed an emotions lane with no curve and the cards
    under it, while the report said its cells were text)."""
    rows = [[None, "Awareness", "Consideration"], ["Doing", "Sees ad", "Compares"],
            ["Satisfaction", "Service at the counter", "Replies from staff"]]
    result = read(make_workbook(tmp_path / "satisfaction.xlsx", rows))
    lane = result.journey.lanes[1]
    assert lane.kind == LaneKind.TEXT
    assert cells(result.journey, "Awareness", "Satisfaction") == ["Service at the counter"]
    assert any("lane 'Satisfaction' (Map!A3) read as text" in line for line in result.report)


@pytest.mark.parametrize("corner", ["Week", "Date", "Timeline", "Día", "Woche"])
def test_a_corner_naming_the_time_axis_is_not_the_title(tmp_path, corner):
    rows = [[corner, "Week 1", "Week 2"], ["Actions", "Signs up", "Pays"], ["Thoughts", "Hmm", "Fine"]]
    assert read(make_workbook(tmp_path / "weeks.xlsx", rows)).journey.metadata.title == "Map"


def test_a_title_line_above_the_table_outranks_the_corner_which_is_kept(tmp_path):
    """The corner's text was the title and the line above the table a left-out note."""
    rows = [["ACME bank: mortgage journey 2026", None, None], [None, None, None],
            ["Retail banking", "Awareness", "Purchase"], ["Actions", "Sees ad", "Signs"]]
    result = read(make_workbook(tmp_path / "above.xlsx", rows))
    assert result.journey.metadata.title == "ACME bank: mortgage journey 2026"
    assert result.journey.metadata.description.startswith("Retail banking")
    assert not any("ACME" in line for line in result.report)  # not reported as left out
    alone = read(make_workbook(tmp_path / "corner.xlsx", rows[2:]))  # with nothing above, the corner is the title
    assert alone.journey.metadata.title == "Retail banking"


def test_a_blueprint_without_its_lines_is_read_by_its_lane_names(tmp_path):
    rows = [[None, "Discover", "Buy"], ["What she does", "Googles", "Buys online"],
            ["Frontstage", "Website", "Checkout page"], ["Backstage", "SEO team", "Policy admin"],
            ["Support processes", "CMS", "Payment provider"]]
    result = read(make_workbook(tmp_path / "blueprint.xlsx", rows))
    roles = {lane.name: lane.role for lane in result.journey.lanes}
    assert roles == {"What she does": "customer", "Frontstage": "frontstage", "Backstage": "backstage",
                     "Support processes": "support"}
    assert any(line.startswith("a service blueprint by its lane names") for line in result.report)


def test_lanes_named_like_support_alone_do_not_make_a_blueprint(tmp_path):
    rows = [[None, "Discover", "Buy"], ["Actions", "Googles", "Buys online"], ["Support", "FAQ", "Hotline"]]
    assert all(not lane.role for lane in read(make_workbook(tmp_path / "plain.xlsx", rows)).journey.lanes)


def test_persona_lines_above_the_map_fill_the_persona_not_only_its_name(tmp_path):
    """'Goal | ...' under 'Persona | ...' above the map was left out as a separate table."""
    rows = [["Home insurance journey"], ["Persona", "Priya, 29, first-time home owner"],
            ["Goal", "Get cover before moving in"], ["Frustrations", "Jargon"], [],
            [None, "Discover", "Buy"], ["Actions", "Googles", "Buys online"]]
    result = read(make_workbook(tmp_path / "persona.xlsx", rows))
    persona = result.journey.personas[0]
    assert persona.name == "Priya, 29, first-time home owner"
    assert persona.goals == ["Get cover before moving in"] and persona.frustrations == ["Jargon"]
    assert not [line for line in result.report if "not part of the map" in line]


def test_a_goal_line_without_a_persona_is_not_made_a_persona(tmp_path):
    rows = [["Goal", "More sign-ups"], [], [None, "Discover", "Buy"], ["Actions", "Googles", "Buys online"]]
    result = read(make_workbook(tmp_path / "goal.xlsx", rows))
    assert not result.journey.personas or not result.journey.personas[0].goals
    assert any("More sign-ups" in line for line in result.report)  # said where it went (left out, and why)


BLUEPRINT_ROWS = [
    [None, None, "Before", None, "During", None],
    [None, None, "Referral", "Booking", "Surgery", "Recovery"],
    ["CUSTOMER", "Patient actions", "Visits GP", "Calls hospital", "Arrives 7am", "Physio at home"],
    [None, "Feelings", "Worried", "Frustrated", "Scared", "Relieved"],
    ["FRONTSTAGE", "Staff", "GP", "Call centre", "Nurse, surgeon", "Physio"],
    ["BACKSTAGE", "Systems", "Referral system", "Booking system", "Theatre schedule", "Follow-up app"],
]


def _blueprint_book(path, legend: bool):
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(BLUEPRINT_ROWS, start=1):
        for c, value in enumerate(row, start=3):
            sheet.cell(row=r, column=c, value=value)
    if legend:  # a legend in column A, beyond an empty column B, in the rows of the map
        for r, text in ((2, "Legend:"), (3, "red = pain"), (4, "green = delight")):
            sheet.cell(row=r, column=1, value=text)
    sheet.merge_cells("E1:F1")
    sheet.merge_cells("G1:H1")
    book.save(path)
    return path


@pytest.mark.parametrize("legend", [False, True])
def test_a_group_column_beside_the_labels_under_a_phase_band(tmp_path, legend):
    """With a phase band above the stages, the group column (CUSTOMER...) was read as the lane labels; with a
    legend left of the map the legend became the labels and the import failed on emotion points left on a
    lane that was not an emotions lane."""
    result = read(_blueprint_book(tmp_path / "blueprint.xlsx", legend))
    journey = result.journey
    assert names(journey.lanes) == ["Patient actions", "Feelings", "Staff", "Systems"]
    assert names(journey.lane_groups) == ["CUSTOMER", "FRONTSTAGE", "BACKSTAGE"]
    assert names(journey.stages) == ["Referral", "Booking", "Surgery", "Recovery"]
    assert [lane.kind for lane in journey.lanes][:2] == [LaneKind.ACTIONS, LaneKind.EMOTIONS]
    assert len(journey.emotions) == 4
    if legend:
        assert sum("not part of the map" in line and ("Legend" in line or "= " in line) for line in result.report) == 3


def test_a_card_merged_across_stages_is_placed_in_the_first_and_the_report_names_the_span(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Map"
    for row in [[None, "Awareness", "Consideration", "Purchase", "Delivery"],
                ["Actions", "Sees ad", "Compares", "Orders", "Waits"],
                ["Pain points", "Too many ads", "Nobody answers the phone", None, None]]:
        sheet.append(row)
    sheet.merge_cells("C3:E3")
    result = read_map(save(book, tmp_path / "span.xlsx"))
    card = next(c for c in result.journey.cards if c.text == "Nobody answers the phone")
    assert {s.id: s.name for s in result.journey.stages}[card.stage_id] == "Consideration"
    assert ("Map!C3:E3: 'Nobody answers the phone' spans the stages 'Consideration' to 'Delivery'; a card sits in "
            "one stage, so it is in 'Consideration', the first") in result.report


def test_a_phase_column_merged_down_the_steps_of_a_map_with_stages_in_rows(tmp_path):
    """'Phase' merged over the steps beside 'Step' in a map with stages in rows: the phases became the stages
    (their steps' scores averaged), and the steps a lane of cards."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Phase", "Step", "Does", "Feels (1-5)"])
    for row in [("Pre-boarding", "Offer accepted", "Signs contract", 4), (None, "First login", "Tries laptop", 2),
                ("First week", "Day 1", "Meets team", 5), (None, "Day 5", "First task", 3)]:
        sheet.append(list(row))
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("A4:A5")
    journey = read_map(save(book, tmp_path / "rows.xlsx")).journey
    assert names(journey.stages) == ["Offer accepted", "First login", "Day 1", "Day 5"]
    phases = {p.id: p.name for p in journey.phases}
    assert [phases[s.phase_id] for s in journey.stages] == ["Pre-boarding", "Pre-boarding", "First week", "First week"]
    assert names(journey.lanes) == ["Does", "Feels (1-5)"] and emotions(journey) == [4, 2, 5, 3]


def test_a_labelled_phase_row_over_a_labelled_stage_row(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Phase", "Before", None, "During", None], ["Stage", "Discover", "Compare", "Buy", "Use"],
                ["Actions", "Searches", "Reads reviews", "Pays", "Sets up"]]:
        sheet.append(row)
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:E1")
    journey = read_map(save(book, tmp_path / "cols.xlsx")).journey
    assert names(journey.stages) == ["Discover", "Compare", "Buy", "Use"]
    assert names(journey.phases) == ["Before", "During"]


@pytest.mark.parametrize("label", ["Description", "Stage description", "Scenario", "Descripción"])
def test_a_description_row_under_the_stage_names_describes_the_stages(tmp_path, label):
    """A row labelled 'Description' right under the stages became a text lane of cards."""
    rows = [["Stage", "Discover", "Sign up"], [label, "Finds us via search", "Creates an account"],
            ["Actions", "Googles", "Fills form"]]
    journey = read(make_workbook(tmp_path / "described.xlsx", rows)).journey
    assert [s.description for s in journey.stages] == ["Finds us via search", "Creates an account"]
    assert names(journey.lanes) == ["Actions"]


def test_a_sheet_per_persona_reads_as_one_map_with_all_maps(tmp_path):
    book = openpyxl.Workbook()
    for index, (name, acts, scores) in enumerate((("Anna", ["Sees ad", "Compares", "Buys"], [3, 2, 5]),
                                                  ("Ben", ["Hears of it", "Reads reviews", "Orders"], [3, 1, 4]))):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        for row in ([None, "Awareness", "Consideration", "Purchase"], ["Actions", *acts], ["Emotions", *scores]):
            sheet.append(row)
    book.create_sheet("Notes").append(["Interviews of May"])
    path = save(book, tmp_path / "sheets.xlsx")
    plain = read_map(path)
    assert any("'Ben' holds a map with the same stages: --all-maps" in line for line in plain.report)
    result = read_map(path, all_maps=True)
    journey = result.journey
    personas = {p.id: p.name for p in journey.personas}
    assert sorted(personas.values()) == ["Anna", "Ben"]
    curves = {name: [p.value for p in journey.emotions if personas[p.persona_id] == name] for name in ("Anna", "Ben")}
    assert curves == {"Anna": [3, 2, 5], "Ben": [3, 1, 4]}
    assert {c.text: [personas[p] for p in c.personas] for c in journey.cards}["Reads reviews"] == ["Ben"]
    assert not any("not read" in line and ("'Anna'" in line or "'Ben'" in line) for line in result.report)


def test_rows_of_channels_marked_with_x_are_touchpoints_with_their_channel(tmp_path):
    rows = [[None, "Awareness", "Purchase", "Service"], ["Actions", "Sees ad", "Signs up", "Calls"],
            ["Website", "x", "x", None], ["Email", None, "x", "x"], ["Pain points", None, None, "Long wait"]]
    journey = read(make_workbook(tmp_path / "matrix.xlsx", rows)).journey
    kinds = {lane.name: lane.kind for lane in journey.lanes}
    assert kinds["Website"] == kinds["Email"] == LaneKind.TOUCHPOINTS
    assert {(c.text, c.channel) for c in journey.cards if c.text in ("Website", "Email")} == {
        ("Website", "website"), ("Email", "email")}


@pytest.mark.parametrize("label", [None, "#", "Step"])
def test_a_row_numbering_the_stages_is_not_an_emotion_lane(tmp_path, label):
    """'1 2 3 4' over the stage names became an emotions lane of scores 1 to 4."""
    rows = [[label, 1, 2, 3, 4], ["Stage", "Discover", "Evaluate", "Buy", "Onboard"],
            ["Doing", "Searches", "Compares", "Pays", "Installs"],
            ["Feeling", "Neutral", "Anxious", "Annoyed", "Happy"]]
    result = read(make_workbook(tmp_path / "numbered.xlsx", rows))
    journey = result.journey
    assert names(journey.lanes) == ["Doing", "Feeling"]
    assert names(journey.stages) == ["Discover", "Evaluate", "Buy", "Onboard"]
    assert any("the stages' numbers, not a lane" in line for line in result.report)


def test_a_score_row_that_happens_to_rise_by_one_stays_the_curve(tmp_path):
    rows = [[None, "Discover", "Evaluate", "Buy"], ["Doing", "Searches", "Compares", "Pays"], ["Emotion", 1, 2, 3]]
    assert emotions(read(make_workbook(tmp_path / "rising.xlsx", rows)).journey) == [1, 2, 3]


def test_an_icon_column_beside_the_lane_labels_is_not_the_labels(tmp_path):
    """Emoji icons left of the labels were read as the labels ('📱', '🏃'), the labels left out."""
    rows = [[None, None, "Onboard", "Pay bills"], ["📱", "Touchpoints", "App store", "App"],
            ["🏃", "Actions", "Installs", "Pays rent"], ["❤️", "Emotions", 1, -1]]
    result = read(make_workbook(tmp_path / "icons.xlsx", rows))
    journey = result.journey
    assert names(journey.lanes) == ["📱 Touchpoints", "🏃 Actions", "❤️ Emotions"]
    assert [lane.kind for lane in journey.lanes] == [LaneKind.TOUCHPOINTS, LaneKind.ACTIONS, LaneKind.EMOTIONS]
    assert not any("not part of the map" in line for line in result.report)


def test_sub_columns_under_each_merged_stage_are_card_tags_not_stages(tmp_path):
    """'Online | Offline' under each merged stage became the stages (the stages their phases, the first left out)."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [[None, "Awareness", None, "Purchase", None], [None, "Online", "Offline", "Online", "Offline"],
                ["Actions", "Sees ad", "Hears on radio", "Orders in app", "Buys in shop"]]:
        sheet.append(row)
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:E1")
    result = read_map(save(book, tmp_path / "sub.xlsx"))
    journey = result.journey
    assert names(journey.stages) == ["Awareness", "Purchase"] and not journey.phases
    assert {c.text: c.tags for c in journey.cards} == {"Sees ad": ["Online"], "Hears on radio": ["Offline"],
                                                      "Orders in app": ["Online"], "Buys in shop": ["Offline"]}
    assert not any("not part of the map" in line for line in result.report)


def test_a_phase_band_over_distinct_stage_names_stays_phases(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [[None, "Before", None, "After", None], [None, "Discover", "Compare", "Use", "Renew"],
                ["Actions", "Searches", "Reads", "Installs", "Pays"]]:
        sheet.append(row)
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:E1")
    journey = read_map(save(book, tmp_path / "phases.xlsx")).journey
    assert names(journey.stages) == ["Discover", "Compare", "Use", "Renew"] and names(journey.phases) == [
        "Before", "After"]


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_persona_card_one_blank_column_beside_the_map_is_its_persona(tmp_path, side):
    """'Persona | Lea' and 'Goal | ...' beside the map, one column apart: their keys became lanes (or their
    values stages) and the map was read wrong."""
    card = [["Persona", "Lea, 52"], ["Goal", "Feel safe"], ["Frustration", "Jargon"], [None, None]]
    table = [[None, "Notice", "Book", "Visit"], ["Actions", "Googles", "Calls", "Waits"],
             ["Touchpoints", "Google", "Phone", "Clinic"], ["Emotions", 2, 1, 3]]
    rows = [[*c, None, *t] if side == "left" else [*t, None, *c] for c, t in zip(card, table, strict=True)]
    result = read(make_workbook(tmp_path / "panel.xlsx", rows))
    journey = result.journey
    assert names(journey.stages) == ["Notice", "Book", "Visit"]
    assert names(journey.lanes) == ["Actions", "Touchpoints", "Emotions"]
    persona = journey.personas[0]
    assert (persona.name, persona.goals, persona.frustrations) == ("Lea, 52", ["Feel safe"], ["Jargon"])
    assert not any("not part of the map" in line or "another map" in line for line in result.report)


def test_a_legend_of_several_lines_right_above_the_map_is_its_description(tmp_path):
    """Three one-cell lines right over the phase band (no blank row between): they became lanes, the stages
    'Step 1..5', and 'Legend:' would have been the title."""
    book = openpyxl.Workbook()
    sheet = book.active
    for r, text in enumerate(("Legend:", "red = pain", "green = delight"), start=1):
        sheet.cell(row=r, column=1, value=text)
    for r, row in enumerate(BLUEPRINT_ROWS, start=4):
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)
    sheet.merge_cells("C4:D4")
    sheet.merge_cells("E4:F4")
    journey = read_map(save(book, tmp_path / "legend.xlsx")).journey
    assert names(journey.stages) == ["Referral", "Booking", "Surgery", "Recovery"]
    assert names(journey.lanes) == ["Patient actions", "Feelings", "Staff", "Systems"]
    assert journey.metadata.description == "Legend:\nred = pain\ngreen = delight"
    assert not journey.metadata.title.startswith(("Legend", "red"))


def test_a_second_map_of_the_same_stages_points_to_all_maps(tmp_path):
    rows = [["Persona: Anna"], [None, "Search", "Compare", "Buy"], ["Actions", "Googles", "Reads", "Buys online"],
            ["Emotions", 3, 2, 5], [], [], ["Persona: Ben"], [None, "Search", "Compare", "Buy"],
            ["Actions", "Asks friends", "Visits", "Buys in store"], ["Emotions", 2, 3, 4]]
    report = read(make_workbook(tmp_path / "stacked.xlsx", rows)).report
    assert any("--all-maps reads both as one map, a persona each" in line for line in report)


@pytest.mark.parametrize(("text", "value"), [("Positive", 0.5), ("Very positive", 1.0), ("very negative", -1.0),
                                             ("Extremely annoyed", -1.0), ("Muy contento", 1.0), ("Neutral", 0.0),
                                             ("not happy", -0.5), ("very happy", 1.0)])
def test_a_word_that_strengthens_a_feeling_moves_it_to_the_end_of_the_scale(text, value):
    from app.io.sheet_import.detect_emotions import word_value

    assert word_value(text) == value


def test_a_colour_legend_beside_the_map_is_not_a_stage_and_tags_the_cards_of_its_colours(tmp_path):
    from openpyxl.styles import PatternFill

    red, green = PatternFill("solid", fgColor="FFC7CE"), PatternFill("solid", fgColor="C6EFCE")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [[None, "Discover", "Sign up", "Use", None, "Legend"],
                ["Actions", "Searches", "Registers", "Creates", None, "Pain point"],
                ["Observations", "Ads everywhere", "Too many fields", "Templates help", None, "Opportunity"]]:
        sheet.append(row)
    for cell, fill in (("B3", red), ("C3", red), ("D3", green), ("F2", red), ("F3", green)):
        sheet[cell].fill = fill
    result = read_map(save(book, tmp_path / "legend.xlsx"))
    journey = result.journey
    assert names(journey.stages) == ["Discover", "Sign up", "Use"]
    tags = {c.text: c.tags for c in journey.cards}
    assert tags["Ads everywhere"] == tags["Too many fields"] == ["Pain point"]
    assert tags["Templates help"] == ["Opportunity"] and tags["Searches"] == []
    assert "Pain point" in journey.metadata.description and "Opportunity" in journey.metadata.description


def test_a_lane_of_observations_that_mention_channels_stays_text(tmp_path):
    rows = [[None, "Discover", "Sign up", "Use"], ["Actions", "Searches", "Registers", "Creates"],
            ["Observations", "Good SEO", "Email verification slow", "App crashes"]]
    lane = read(make_workbook(tmp_path / "observations.xlsx", rows)).journey.lanes[1]
    assert (lane.name, lane.kind) == ("Observations", LaneKind.TEXT)


def test_a_stage_header_with_its_description_under_the_name(tmp_path):
    rows = [[None, "1. AWARENESS\nCustomer learns we exist", "2. PURCHASE\nBuys"], ["Doing", "Sees an ad", "Pays"]]
    stages = read(make_workbook(tmp_path / "described.xlsx", rows)).journey.stages
    assert [(s.name, s.description) for s in stages] == [("1. AWARENESS", "Customer learns we exist"),
                                                         ("2. PURCHASE", "Buys")]
    wrapped = [[None, "Post-purchase\nsupport", "Loyalty"], ["Doing", "Calls", "Returns"]]
    assert names(read(make_workbook(tmp_path / "wrapped.xlsx", wrapped)).journey.stages) == [
        "Post-purchase support", "Loyalty"]


def test_a_lane_label_merged_across_the_group_column_is_a_lane_of_no_group(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [[None, None, "Book", "Arrive", "Stay"], ["Guest", "Actions", "Books online", "Checks in", "Orders"],
                [None, "Thoughts", "Good price", "Long queue", "Tasty"], ["Emotion", None, 1, -1, 2],
                ["Hotel", "Staff", "None", "Receptionist", "Waiter"],
                [None, "Systems", "Booking engine", "PMS", "POS"]]:
        sheet.append(row)
    for merged in ("A4:B4", "A2:A3", "A5:A6"):
        sheet.merge_cells(merged)
    journey = read_map(save(book, tmp_path / "merged.xlsx")).journey
    groups = {g.id: g.name for g in journey.lane_groups}
    assert [(lane.name, groups.get(lane.group_id)) for lane in journey.lanes] == [
        ("Actions", "Guest"), ("Thoughts", "Guest"), ("Emotion", None), ("Staff", "Hotel"), ("Systems", "Hotel")]


def test_text_faces_in_an_emotions_lane_are_its_curve(tmp_path):
    """':)', ':|', ':D' typed in the emotions row made it a text lane."""
    rows = [["Stage", "Awareness", "Consideration", "Purchase", "Support"],
            ["Actions", "Sees ad", "Reads", "Pays", "Calls"], ["Emotions", ":)", ":|", ":D", ":'("]]
    journey = read(make_workbook(tmp_path / "faces.xlsx", rows)).journey
    lane = journey.lanes[1]
    assert lane.kind == LaneKind.EMOTIONS
    points = sorted(journey.emotions, key=lambda p: [s.id for s in journey.stages].index(p.stage_id))
    assert [p.label for p in points] == [":)", ":|", ":D", ":'("]
    assert points[2].value > points[0].value > points[1].value > points[3].value


def test_stage_numbers_over_the_stage_names_give_the_names(tmp_path):
    """'Stage 1 | Stage 2' over 'Discover | Compare': the numbers were the names, the names descriptions."""
    rows = [[None, "Stage 1", "Stage 2", "Stage 3"], [None, "Discover", "Compare", "Buy"],
            ["Actions", "Searches", "Reads", "Pays"]]
    stages = read(make_workbook(tmp_path / "numbered.xlsx", rows)).journey.stages
    assert [(s.name, s.description) for s in stages] == [("Discover", "Stage 1"), ("Compare", "Stage 2"),
                                                         ("Buy", "Stage 3")]


def test_levels_in_an_emotions_lane_read_by_what_the_label_measures(tmp_path):
    rows = [["Stage", "Discover", "Compare", "Buy"], ["Actions", "Searches", "Reads", "Pays"],
            ["Satisfaction", "High", "Medium", "Low"]]
    assert emotions(read(make_workbook(tmp_path / "satisfaction.xlsx", rows)).journey) == [1, 0, -1]
    from app.io.sheet_import.detect_emotions import level_value

    assert level_value("High", "Frustration level") == -0.5 and level_value("very low", "Stress") == 1.0
    assert level_value("High", "Mood") == 0.5 and level_value("Highway", "Mood") is None
