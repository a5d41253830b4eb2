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
