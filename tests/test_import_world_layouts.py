"""Maps as people elsewhere type them: Hebrew and Arabic labels and feeling words (in a right-to-left sheet too),
emotions written with signs or stars, feeling words the import does not know. Each built as a real file."""

from __future__ import annotations

import pytest

from app.io.formats import read_map
from tests.board_layouts import curve
from tests.import_helpers import make_workbook, names


def _kinds(journey) -> list[tuple[str, str]]:
    return [(lane.name, lane.kind.value) for lane in journey.lanes]


@pytest.mark.parametrize("right_to_left", [False, True])
def test_a_hebrew_map_finds_its_lane_kinds_and_feeling_words(tmp_path, right_to_left):
    path = make_workbook(tmp_path / "he.xlsx", [
        ["שלב", "גילוי", "השוואה", "הרשמה", "שימוש"],
        ["פעולות", "חיפוש בגוגל", "קריאת ביקורות", "מילוי טופס", "תשלום"],
        ["נקודות מגע", "אתר", "בלוג", "טופס", "אפליקציה"],
        ["רגשות", "שמח", "מבולבל", "מתוסכל", "מרוצה"],
        ["נקודות כאב", None, "מחיר", "טופס ארוך", None],
        ["הזדמנויות", None, "טבלה", "טופס קצר", None],
    ])
    if right_to_left:
        import openpyxl

        book = openpyxl.load_workbook(path)
        book.active.sheet_view.rightToLeft = True
        book.save(path)
    journey = read_map(path).journey
    assert _kinds(journey) == [("פעולות", "actions"), ("נקודות מגע", "touchpoints"), ("רגשות", "emotions"),
                               ("נקודות כאב", "pain_points"), ("הזדמנויות", "opportunities")]
    assert names(journey.stages) == ["גילוי", "השוואה", "הרשמה", "שימוש"]
    assert curve(journey) == [("גילוי", 1, "שמח"), ("השוואה", -1, "מבולבל"), ("הרשמה", -2, "מתוסכל"),
                              ("שימוש", 1, "מרוצה")]
    assert journey.metadata.title == "Map"  # 'שלב' (stage) in the corner heads the stages, it is no title


def test_an_arabic_map_with_hamza_and_articles_finds_its_lanes_and_is_not_read_turned(tmp_path):
    """'الإجراءات' (the actions, with hamza and article) and the rest: with no known label the sheet was read with
    the lanes as stages; now its lanes are found, and its feeling words are the curve."""
    path = make_workbook(tmp_path / "ar.xlsx", [
        ["المرحلة", "الاكتشاف", "المقارنة", "التسجيل", "الاستخدام"],
        ["الإجراءات", "يرى إعلانا", "يقرأ المراجعات", "يملأ النموذج", "يدفع الفواتير"],
        ["نقاط الاتصال", "إنستغرام", "المدونة", "الموقع", "التطبيق"],
        ["المشاعر", "سعيد", "محتار", "غاضب", "راض"],
        ["نقاط الألم", None, "رسوم خفية", "نموذج طويل", None],
        ["الفرص", None, "حاسبة", None, None],
    ])
    journey = read_map(path).journey
    assert _kinds(journey) == [("الإجراءات", "actions"), ("نقاط الاتصال", "touchpoints"), ("المشاعر", "emotions"),
                               ("نقاط الألم", "pain_points"), ("الفرص", "opportunities")]
    assert [value for _stage, value, _label in curve(journey)] == [1, -1, -2, 1]


STAGES = ["Discover", "Compare", "Sign up", "Onboard", "Use"]


def test_feelings_written_as_signs_are_the_curve_each_sign_its_label(tmp_path):
    """'+', '0', '--', '+', '++' in an emotions lane: '--' was skipped as a placeholder and the '+' became cards;
    now the longest run of a sign is the scale's end and each sign the label of its point."""
    path = make_workbook(tmp_path / "signs.xlsx", [
        ["", *STAGES], ["Actions", "a1", "a2", "a3", "a4", "a5"], ["Emotions", "+", 0, "--", "+", "++"]])
    result = read_map(path)
    assert curve(result.journey) == [("Discover", 1, "+"), ("Compare", 0, "0"), ("Sign up", -2, "--"),
                                     ("Onboard", 1, "+"), ("Use", 2, "++")]
    assert not [c for c in result.journey.cards if c.text in ("+", "++")]
    assert not any("placeholder" in line for line in result.report)


def test_dashes_in_a_lane_of_words_are_still_placeholders(tmp_path):
    """Only a row made of signs, both '+' and '-', is a curve of signs: '--' among words stays a placeholder."""
    path = make_workbook(tmp_path / "dashes.xlsx", [
        ["", *STAGES[:3]], ["Actions", "a1", "--", "a3"], ["Emotions", "-", "--", "-"]])
    journey = read_map(path).journey
    assert not journey.emotions


def test_lone_stars_marking_moments_of_truth_are_marks_not_ratings(tmp_path):
    """'★' under two stages of a 'Moments of truth' row: marks (cards named after the row), not a second curve
    of 1-star ratings; a row of ratings in stars is still the curve."""
    path = make_workbook(tmp_path / "stars.xlsx", [
        ["", *STAGES], ["Actions", "a1", "a2", "a3", "a4", "a5"],
        ["Moments of truth", None, "★", "★", None, None],
        ["Experience", "★★★★☆", "★★★☆☆", "★☆☆☆☆", "★★★★☆", "★★★★★"]])
    result = read_map(path)
    journey = result.journey
    assert _kinds(journey) == [("Actions", "actions"), ("Moments of truth", "text"), ("Experience", "emotions")]
    assert [value for _stage, value, _label in curve(journey)] == [4, 3, 1, 4, 5]
    moments = next(lane.id for lane in journey.lanes if lane.name == "Moments of truth")
    assert sorted(s.name for c in journey.cards if c.lane_id == moments
                  for s in journey.stages if s.id == c.stage_id) == ["Compare", "Sign up"]


@pytest.mark.parametrize(("words", "values"), [
    (["Curieux", "Hésitant", "Frustré", "Ravi", "Satisfait"], [1, -1, -2, 2, 1]),
    (["Contento", "Dudoso", "Enojado", "Feliz", "Encantado"], [1, -1, -2, 1, 2]),
    (["happy!!", "meh...", "so annoyed", "skeptical", "impressed"], [1, 0, -2, -1, 1]),
    (["Neugierig", "Zögerlich", "Skeptisch", "Erleichtert", "Begeistert"], [1, -1, -1, 1, 2]),
])
def test_common_feeling_words_are_points_not_gaps_in_the_curve(tmp_path, words, values):
    """Hesitant, doubtful, 'meh', skeptical, impressed: words a team types in an emotions row; each was a card in
    the emotions lane, a gap in the curve."""
    path = make_workbook(tmp_path / "words.xlsx", [["", *STAGES], ["Emotions", *words]])
    journey = read_map(path).journey
    assert curve(journey) == list(zip(STAGES, values, words, strict=True))
    assert not journey.cards


def test_traffic_lights_typed_as_emoji_in_an_emotions_lane_are_its_curve(tmp_path):
    """🟢 🟡 🔴 (as the coloured fills are read: green +1, yellow 0, red -1) under 'How it felt'; the same lights
    under a label that names no feeling stay cards (they rate anything: a status, a risk)."""
    path = make_workbook(tmp_path / "lights.xlsx", [
        ["", *STAGES], ["Actions", "a1", "a2", "a3", "a4", "a5"],
        ["How it felt", "🟢", "🟡", "🔴", "🟠 slow", "🟢"],
        ["Status", "🟢", "🔴", "🟢", "🟢", "🟡"]])
    journey = read_map(path).journey
    assert _kinds(journey) == [("Actions", "actions"), ("How it felt", "emotions"), ("Status", "text")]
    assert curve(journey) == [("Discover", 2, "🟢"), ("Compare", 0, "🟡"), ("Sign up", -2, "🔴"),
                              ("Onboard", -1, "🟠 slow"), ("Use", 2, "🟢")]
    status = next(lane.id for lane in journey.lanes if lane.name == "Status")
    assert len([c for c in journey.cards if c.lane_id == status]) == 5


def test_rows_of_figures_named_as_metrics_are_kpi_lanes_beside_the_curve(tmp_path):
    """'Conversion rate' (percentages), 'Time on task (min)' and 'NPS' rows beside an emotions row: KPI lanes
    keeping their figures, not text, not actions (for 'task'), not a second curve."""
    path = make_workbook(tmp_path / "kpis.xlsx", [
        ["", *STAGES], ["Actions", "a1", "a2", "a3", "a4", "a5"],
        ["Conversion rate", "12%", "8%", "3%", "60%", "45%"],
        ["Time on task (min)", 2, 15, 12, 20, 5],
        ["NPS", -20, 5, 10, 35, 42],
        ["Emotions", 1, 0, -1, 1, 2]])
    journey = read_map(path).journey
    assert _kinds(journey) == [("Actions", "actions"), ("Conversion rate", "kpis"), ("Time on task (min)", "kpis"),
                               ("NPS", "kpis"), ("Emotions", "emotions")]
    assert [value for _stage, value, _label in curve(journey)] == [1, 0, -1, 1, 2]
    nps = next(lane.id for lane in journey.lanes if lane.name == "NPS")
    assert sorted(c.text for c in journey.cards if c.lane_id == nps) == sorted(["-20", "5", "10", "35", "42"])


def test_a_day_in_the_life_with_times_as_stages_and_rushed_feelings(tmp_path):
    import datetime

    path = make_workbook(tmp_path / "day.xlsx", [
        ["", datetime.time(7, 0), datetime.time(12, 0), datetime.time(18, 45)],
        ["Doing", "Wakes up, checks the app", "Orders lunch", "Picks up the kids"],
        ["Feeling", "Rushed", "Happy", "Tired"]])
    journey = read_map(path).journey
    assert [label for _stage, _value, label in curve(journey)] == ["Rushed", "Happy", "Tired"]
    assert [value for _stage, value, _label in curve(journey)] == [-1, 1, -1]
    assert not [c for c in journey.cards if c.text in ("Rushed", "Tired")]


def test_the_curve_typed_over_the_stage_names(tmp_path):
    """'Emotional journey | 1 | 0 | -2 ...' above the stage row: the stage names were taken for the curve's labels
    and the stages named Step 1..5; now that row is the emotions lane and the next the stages."""
    path = make_workbook(tmp_path / "curve_on_top.xlsx", [
        ["Emotional journey", 1, 0, -2, 1, 2],
        ["", *STAGES],
        ["Actions", "a1", "a2", "a3", "a4", "a5"],
    ])
    journey = read_map(path).journey
    assert names(journey.stages) == STAGES
    assert curve(journey) == [(stage, value, None) for stage, value in zip(STAGES, [1, 0, -2, 1, 2], strict=True)]
    assert names(journey.lanes) == ["Emotional journey", "Actions"]


def test_channels_listed_on_one_line_in_a_touchpoints_lane_are_a_touchpoint_each(tmp_path):
    """'Web / App / Email', 'Phone; Chat', 'Store and web': a card per channel, each with its channel; a line that
    is not only channels ('Reads reviews, compares', 'Comparison site') stays one card."""
    path = make_workbook(tmp_path / "channels.xlsx", [
        ["", *STAGES[:4]],
        ["Touchpoints", "Web / App / Email", "Phone; Chat", "Store and web", "Comparison site"],
        ["Actions", "Reads reviews, compares", "Calls", "Buys", "Reads"],
    ])
    journey = read_map(path).journey
    lane = {lane.name: lane.id for lane in journey.lanes}
    order = {s.id: n for n, s in enumerate(journey.stages)}
    touch = sorted((c for c in journey.cards if c.lane_id == lane["Touchpoints"]), key=lambda c: order[c.stage_id])
    assert [(c.text, c.channel.value if c.channel else None) for c in touch] == [
        ("Web", "website"), ("App", "mobile_app"), ("Email", "email"), ("Phone", "phone"), ("Chat", "chat"),
        ("Store", "in_store"), ("web", "website"), ("Comparison site", "website")]
    assert [c.text for c in journey.cards if c.lane_id == lane["Actions"]][0] == "Reads reviews, compares"


@pytest.mark.parametrize(("rows", "kinds", "values"), [
    ([["Etap", "Odkrycie", "Zakup", "Użycie"], ["Działania", "szuka", "płaci", "używa"],
      ["Punkty styku", "Google", "Sklep", "Aplikacja"], ["Emocje", "Ciekawy", "Sfrustrowany", "Zadowolony"],
      ["Szanse", "", "Szybsza płatność", ""]],
     ["actions", "touchpoints", "emotions", "opportunities"], [1, -2, 1]),
    ([["Aşama", "Keşif", "Satın alma", "Kullanım"], ["Eylemler", "arar", "öder", "kullanır"],
      ["Temas noktaları", "Google", "Mağaza", "Uygulama"], ["Duygular", "Meraklı", "Kızgın", "Mutlu"],
      ["Sorunlar", "", "Uzun kuyruk", ""]],
     ["actions", "touchpoints", "emotions", "pain_points"], [1, -2, 1]),
    ([["Tahap", "Penemuan", "Pembelian", "Penggunaan"], ["Tindakan", "mencari", "membayar", "memakai"],
      ["Titik sentuh", "Google", "Toko", "Aplikasi"], ["Emosi", "Senang", "Bingung", "Puas"],
      ["Peluang", "", "Bayar cepat", ""]],
     ["actions", "touchpoints", "emotions", "opportunities"], [1, -1, 1]),
    ([["Fas", "Upptäcka", "Köpa", "Använda"], ["Aktiviteter", "söker", "betalar", "använder"],
      ["Kontaktpunkter", "Google", "Butik", "App"], ["Känslor", "Nyfiken", "Frustrerad", "Nöjd"],
      ["Tankar", "Vilken?", "Dyrt", "Bra"]],
     ["actions", "touchpoints", "emotions", "thoughts"], [1, -2, 1]),
])
def test_maps_in_more_languages_find_their_lane_kinds_and_feelings(tmp_path, rows, kinds, values):
    """Polish, Turkish, Indonesian and Swedish labels were all plain text, their feeling words cards; 'Etap',
    'Aşama', 'Tahap', 'Fas' in the corner head the stages."""
    journey = read_map(make_workbook(tmp_path / "lang.xlsx", rows)).journey
    assert [lane.kind.value for lane in journey.lanes] == kinds
    assert names(journey.stages) == rows[0][1:]
    assert [value for _stage, value, _label in curve(journey)] == values
    assert journey.metadata.title == "Map"


@pytest.mark.parametrize(("label", "scores", "scale"), [
    ("Feeling (1-7)", [2, 5, 3], (1, 7)),
    ("Emotion (1 = bad, 7 = great)", [5, 4, 2], (1, 7)),
    ("Emotion score (−3 to +3)", [1, -1, 2], (-3, 3)),
    ("Satisfaction 0 to 10", [3, 8, 6], (0, 10)),
    ("Emotions", [2, 5, 3], (1, 5)),  # no scale named: the one the scores fill
    ("Feeling (1-5)", [2, 7, 3], (1, 7)),  # a score beyond the named scale: the label is not trusted
])
def test_the_scale_an_emotions_label_names_is_the_curves_scale(tmp_path, label, scores, scale):
    """'Feeling (1-7)' holding 2..5 was read on a 1..5 scale, its 5 drawn at the top."""
    path = make_workbook(tmp_path / "scale.xlsx", [["", *STAGES[:3]], ["Actions", "a1", "a2", "a3"],
                                                   [label, *scores]])
    journey = read_map(path).journey
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == scale
    assert [value for _stage, value, _label in curve(journey)] == scores
