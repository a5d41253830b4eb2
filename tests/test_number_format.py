"""Excel number formats rendered as Excel shows them (app/io/sheet_import/number_format.py)."""

from __future__ import annotations

import copy
import math
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.io.sheet_import.grid import as_text, clean_value
from app.io.sheet_import.number_format import BUILTIN_FORMATS, ShownNumber, format_number, general, shown_number

CASES = [
    # General and text
    (0.45, "General", "0.45"),
    (1200, "General", "1200"),
    (12, '"Score: "General', "Score: 12"),
    (12, "@", "12"),
    # digit placeholders, decimals, rounding half away from zero
    (3.5, "0.00", "3.50"),
    (3.5, "0.0", "3.5"),
    (2.5, "0", "3"),
    (-2.5, "0", "-3"),
    (0.5, "#.00", ".50"),
    (5, "#.##", "5."),
    (1.5, "0.0#", "1.5"),
    (1.0, "0.0#", "1.0"),
    (1.25, "0.0?", "1.25"),
    (5, "000", "005"),
    (5551234, "000-0000", "555-1234"),
    # thousands separator and scaling by trailing commas
    (1234567, "#,##0", "1,234,567"),
    (1234567.891, "#,##0.00", "1,234,567.89"),
    (1500000, "#,##0,", "1,500"),
    (1500000, '0.0,,"M"', "1.5M"),
    (1500000, '#,##0.0,"K"', "1,500.0K"),
    # percent
    (0.45, "0%", "45%"),
    (0.123, "0.0%", "12.3%"),
    (0.0005, "0.00%", "0.05%"),
    # currency: plain symbols, quoted, escaped, locale tags
    (1200, '"$"#,##0.00', "$1,200.00"),
    (1200, "$#,##0", "$1,200"),
    (1200, "#,##0 €", "1,200 €"),
    (1200, "£#,##0.00", "£1,200.00"),
    (1200, "¥#,##0", "¥1,200"),
    (7, "\\$0", "$7"),
    (7, '"kr "0', "kr 7"),
    (1234.5, "[$€-407] #,##0.00", "€ 1,234.50"),
    (1234.5, "#,##0.00 [$€-407]", "1,234.50 €"),
    (1234.5, "[$-409]#,##0.00", "1,234.50"),
    (1234.5, "[$USD] #,##0", "USD 1,235"),
    # sections, signs and parentheses
    (-1200, "#,##0;(#,##0)", "(1,200)"),
    (-1200, "0.00;(0.00)", "(1200.00)"),
    (1200, "0.00;(0.00)", "1200.00"),
    (-5, "0", "-5"),
    (-5, "0;0", "5"),
    (-5, "0;-0", "-5"),
    (-1200, '"$"#,##0.00', "-$1,200.00"),
    (0, '0;-0;"zero"', "zero"),
    (0, "0;-0", "0"),
    (-3, "[Red]0", "-3"),
    (-3, "0;[Red]0", "3"),
    (-1200, "#,##0_);[Red](#,##0)", "(1,200)"),
    (1200, "#,##0_);[Red](#,##0)", "1,200"),
    # conditions
    (150, '[>=100]"big "0;0', "big 150"),
    (5, '[>=100]"big "0;0', "5"),
    (-5, '[<0]"below "0;0', "below 5"),
    # _x (a space, trimmed at the ends) and *x (fill, not shown)
    (1200, '_("$"* #,##0.00_)', "$1,200.00"),
    (1200, '0_)"x"', "1200 x"),
    (5, "**0", "5"),
    # scientific
    (12345.678, "0.00E+00", "1.23E+04"),
    (12345.678, "##0.0E+0", "12.3E+3"),
    (0.000123, "0.00E+00", "1.23E-04"),
    (0.000123, "0.00E-00", "1.23E-04"),
    (12345, "0.00E-00", "1.23E04"),
    (9.999, "0.00E+00", "1.00E+01"),
    # fractions
    (1.75, "# ?/?", "1 3/4"),
    (0.3333, "?/?", "1/3"),
    (1.5, "# ??/100", "1 50/100"),
    (3, "# ?/?", "3"),
    # words only, and what would show nothing
    (5, '"High"', "High"),
    (0.5, ";;;", "0.5"),
]


@pytest.mark.parametrize(("value", "code", "expected"), CASES)
def test_format_number_shows_what_excel_shows(value, code, expected):
    assert format_number(value, code) == expected


@pytest.mark.parametrize(
    ("fmt_id", "value", "expected"),
    [
        (1, 3.6, "4"), (2, 3.5, "3.50"), (3, 1234567, "1,234,567"), (4, 1234.5, "1,234.50"),
        (5, -1200, "($1,200)"), (6, 1200, "$1,200"), (7, 1200, "$1,200.00"), (8, -1200, "($1,200.00)"),
        (9, 0.45, "45%"), (10, 0.4567, "45.67%"), (11, 12345, "1.23E+04"),
        (37, -1200, "(1,200)"), (38, 1200, "1,200"), (39, -1200.5, "(1,200.50)"), (40, 1200.5, "1,200.50"),
        (48, 12345, "12.3E+3"), (49, 12, "12"),
    ],
)
def test_built_in_formats_by_id(fmt_id, value, expected):
    assert format_number(value, BUILTIN_FORMATS[fmt_id]) == expected


def test_general_is_the_plain_number():
    assert [general(v) for v in (0, 3, -3, 3.5, 1 / 3, 1e20, 1.5e-12)] == [
        "0", "3", "-3", "3.5", "0.333333333", "1E+20", "1.5E-12"]


def test_shown_number_is_still_the_number():
    value = shown_number(0.45, "0%")
    assert isinstance(value, ShownNumber) and isinstance(value, float)
    assert value == 0.45 and hash(value) == hash(0.45) and value + 1 == 1.45
    assert value.shown == "45%" and value.displayed == pytest.approx(45)
    assert as_text(value) == "45%"
    assert clean_value(value) is value
    for copied in (copy.copy(value), copy.deepcopy(value), pickle.loads(pickle.dumps(value))):
        assert copied == 0.45 and copied.shown == "45%"


def test_a_format_that_changes_nothing_keeps_the_plain_number():
    assert type(shown_number(3, "0")) is int
    assert type(shown_number(3.5, "General")) is float
    assert type(shown_number(3.5, "0.0")) is float
    assert type(shown_number(3.5, "0.00")) is ShownNumber


REAL_CODES = [
    *BUILTIN_FORMATS.values(),
    "0.0", "0.000", "#,##0.0", "0.0%", "0.00%", '"$"#,##0.00', "[$€-407] #,##0.00", "#,##0.00 [$€-407]",
    "[$-409]#,##0.00", "0.00;(0.00)", "0;[Red]-0", "#,##0;[Red]-#,##0", '#,##0,"K"', '0.0,,"M"',
    '[>=1000000]0.0,,"M";[>=1000]0.0,"K";0', '[Red][<=-1]0;[Blue][>=1]0;0', "# ?/?", "# ??/??", "?/8",
    "0.00E+00", "##0.0E+0", "0E+0", "000-0000", '"kr "#,##0', "\\$#,##0", '_-* #,##0.00\\ "€"_-;\\-* #,##0.00\\ "€"_-',
    '_-[$£-809]* #,##0.00_-;-[$£-809]* #,##0.00_-;_-[$£-809]* "-"??_-;_-@_-', ";;;", '"High"', "@",
    '0" pts"', "#,##0.00_);(#,##0.00)", "0.0#", "#.##", "??0.0?", "[h]:mm", "0;;", "#", "0%;-0%;\"–\"",
]


@settings(max_examples=400, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(REAL_CODES))
def test_any_number_and_real_code_gives_text(value, code):
    """Never raises, never empty; where the text is the number in plain digits, it is the number rounded to
    the digits shown (x100 for a percent)."""
    shown = format_number(value, code)
    assert isinstance(shown, str) and shown.strip()
    if not math.isfinite(value) or not 1e-6 < abs(value) < 1e12 or "E" in shown or "/" in shown:
        return
    if any(ch.isalpha() for ch in shown):  # words of the format ("High", "K" for thousands)
        return
    plain = re.sub(r"[^\d.]", "", shown)
    if not any(ch.isdigit() for ch in plain) or plain.count(".") > 1:
        return
    decimals = len(plain.partition(".")[2])
    expected = abs(value) * (100 if "%" in shown else 1)
    assert abs(float(plain) - expected) <= 0.5 * 10 ** -decimals + 1e-9 * expected, (value, code, shown)


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False),
       st.text(alphabet='0#?.,;%E+-"\\_*[]$€<>=@/ Redkr()General', max_size=24))
def test_any_code_never_raises_nor_loses_the_value(value, code):
    shown = format_number(value, code)
    assert isinstance(shown, str) and shown.strip()
