"""Excel date and time formats rendered as Excel shows them (app/io/sheet_import/date_format.py)."""

from __future__ import annotations

import copy
import pickle
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.io.sheet_import.date_format import (
    DATE_FORMATS,
    ShownDate,
    date_text,
    excel_moment,
    format_date,
    is_date_code,
    shown_date,
)
from app.io.sheet_import.grid import as_text, clean_value

MOMENT = datetime(2026, 1, 5, 14, 30, 15)  # a Monday afternoon
MORNING = datetime(2025, 7, 4, 9, 5, 3)  # a Friday morning

CASES = [
    # days, months, years
    (MOMENT, "dd mmm", "05 Jan"),
    (MOMENT, "mmm d, yyyy", "Jan 5, 2026"),
    (MOMENT, "d/m/yy", "5/1/26"),
    (MOMENT, "m/d/yyyy", "1/5/2026"),
    (MOMENT, "dd/mm/yyyy", "05/01/2026"),
    (MOMENT, "yyyy-mm-dd", "2026-01-05"),
    (MOMENT, "d", "5"),
    (MOMENT, "dd", "05"),
    (MOMENT, "ddd", "Mon"),
    (MOMENT, "dddd", "Monday"),
    (MOMENT, "m", "1"),
    (MOMENT, "mm", "01"),
    (MOMENT, "mmm", "Jan"),
    (MOMENT, "mmmm", "January"),
    (MOMENT, "mmmmm", "J"),
    (MOMENT, "yy", "26"),
    (MOMENT, "yyyy", "2026"),
    (MORNING, "dddd, mmmm d, yyyy", "Friday, July 4, 2025"),
    (MORNING, "DD-MMM-YYYY", "04-Jul-2025"),  # the letters in either case
    # hours, minutes (m after h or before s), seconds
    (MOMENT, "h:mm", "14:30"),
    (MOMENT, "hh:mm:ss", "14:30:15"),
    (MORNING, "h:mm", "9:05"),
    (MORNING, "hh:mm", "09:05"),
    (MORNING, "h:m:s", "9:5:3"),
    (MORNING, "mm:ss", "05:03"),
    (MORNING, "h", "9"),
    (MORNING, 'hh"h"mm', "09h05"),
    (MOMENT, "yyyy-mm-dd hh:mm", "2026-01-05 14:30"),
    (MOMENT, "d mmm yyyy h:mm", "5 Jan 2026 14:30"),
    # a 12-hour clock
    (MOMENT, "h:mm AM/PM", "2:30 PM"),
    (MOMENT, "h:mm:ss AM/PM", "2:30:15 PM"),
    (MORNING, "hh:mm AM/PM", "09:05 AM"),
    (MOMENT, "h:mm am/pm", "2:30 pm"),
    (MOMENT, "h:mm A/P", "2:30 P"),
    (MORNING, "h:mm a/p", "9:05 a"),
    (datetime(2026, 1, 5, 0, 10), "h:mm AM/PM", "12:10 AM"),
    (datetime(2026, 1, 5, 12, 10), "h AM/PM", "12 PM"),
    # fractional seconds, rounded to the digits shown
    (datetime(2026, 1, 5, 14, 30, 15, 678000), "h:mm:ss.0", "14:30:15.7"),
    (datetime(2026, 1, 5, 14, 30, 15, 678000), "h:mm:ss.00", "14:30:15.68"),
    (datetime(2026, 1, 5, 14, 30, 15, 678000), "mm:ss.000", "30:15.678"),
    (datetime(2026, 1, 5, 14, 30, 15, 678000), "h:mm:ss", "14:30:16"),
    (datetime(2026, 1, 5, 23, 59, 59, 600000), "yyyy-mm-dd h:mm:ss", "2026-01-06 0:00:00"),
    (datetime(2026, 1, 5, 23, 59, 59, 600000), "yyyy-mm-dd", "2026-01-05"),  # a date alone is not rounded
    # literal text, escapes, spaces and fills
    (MOMENT, '"Week of "d mmm', "Week of 5 Jan"),
    (MOMENT, "dd\\.mm\\.yyyy", "05.01.2026"),
    (MOMENT, 'd mmm "at" h:mm', "5 Jan at 14:30"),
    (MOMENT, "d_)mmm", "5 Jan"),
    (MOMENT, "d*-mmm", "5Jan"),
    (MOMENT, "(ddd)", "(Mon)"),
    # locales, system formats, colours, conditions and sections
    (MOMENT, "[$-409]mmmm d, yyyy;@", "January 5, 2026"),
    (MOMENT, "[$-407]d. mmmm yyyy", "5. Januar 2026"),  # the locale names the language of the names
    (MOMENT, "[$-F800]dddd, mmmm dd, yyyy", "Monday, January 5, 2026"),  # the system's long date
    (MOMENT, "[$-F400]h:mm:ss AM/PM", "2:30:15 PM"),  # the system's time
    (MOMENT, "[Red]dd/mm/yyyy", "05/01/2026"),
    (MOMENT, "[Color10]d mmm", "5 Jan"),
    (MOMENT, 'yyyy;"before";"zero"', "2026"),
    (MOMENT, '[<46000]"old";d mmm', "5 Jan"),
    (datetime(2025, 1, 1), '[<46000]"old";d mmm', "old"),
    (datetime(1899, 12, 30), 'd mmm;;"no date"', "no date"),
    # elapsed time: hours past 24, minutes past 60
    (excel_moment(1.5), "[h]:mm", "36:00"),
    (excel_moment(1.5), "[h]:mm:ss", "36:00:00"),
    (excel_moment(1.5), "[hh]", "36"),
    (excel_moment(1.5), "[mm]:ss", "2160:00"),
    (excel_moment(0.5), "[ss]", "43200"),
    (excel_moment(0.0625), "[h]:mm", "1:30"),
    (excel_moment(2 + 1 / 3), "[h]:mm", "56:00"),
]


@pytest.mark.parametrize(("moment", "code", "shown"), CASES)
def test_a_date_shows_as_excel_shows_it(moment, code, shown):
    assert format_date(moment, code) == shown


@pytest.mark.parametrize(("fmt_id", "shown"), [
    (14, "1/5/2026"), (15, "5-Jan-26"), (16, "5-Jan"), (17, "Jan-26"), (18, "2:30 PM"), (19, "2:30:15 PM"),
    (20, "14:30"), (21, "14:30:15"), (22, "1/5/2026 14:30"), (45, "30:15"), (46, "1104662:30:15"), (47, "30:15.0"),
])
def test_the_builtin_formats(fmt_id, shown):
    """Excel's built-in date formats by numFmtId; 14 and 22 as Excel shows them in the United States."""
    assert format_date(MOMENT, DATE_FORMATS[fmt_id]) == shown


def test_excels_1900_calendar():
    """Serial 1 is 1900-01-01 (a Sunday, as Excel counts it), 0 is '1900-01-00', 61 is 1 March 1900: Excel's
    calendar, with its 29 February 1900, as openpyxl reads it."""
    assert format_date(excel_moment(1), "yyyy-mm-dd dddd") == "1900-01-01 Sunday"
    assert format_date(excel_moment(0.25), "yyyy-mm-dd h:mm") == "1900-01-00 6:00"
    assert format_date(excel_moment(59), "yyyy-mm-dd") == "1900-02-28"
    assert format_date(excel_moment(61), "yyyy-mm-dd dddd") == "1900-03-01 Thursday"
    assert format_date(excel_moment(46027), "yyyy-mm-dd dddd") == "2026-01-05 Monday"
    assert format_date(time(9, 30), "yyyy-mm-dd h:mm") == "1900-01-00 9:30"


def test_the_1904_date_system():
    """An old Mac workbook counts from 1904-01-01: the same serial is another day, durations are unchanged."""
    assert excel_moment(0, date1904=True) == datetime(1904, 1, 1)
    assert format_date(excel_moment(44565, date1904=True), "d mmm yyyy", date1904=True) == "5 Jan 2026"
    assert format_date(excel_moment(1.5, date1904=True), "[h]:mm", date1904=True) == "36:00"
    assert format_date(time(9, 30), "yyyy-mm-dd h:mm", date1904=True) == "1904-01-01 9:30"
    assert format_date(datetime(1903, 12, 31), "d mmm yyyy", date1904=True) == "1903-12-31"  # before day zero


@pytest.mark.parametrize(("value", "shown"), [
    (date(2026, 1, 5), "5 Jan 2026 0:00"), (datetime(2026, 1, 5), "5 Jan 2026 0:00"),
    (time(14, 30), "0 Jan 1900 14:30"),
])
def test_dates_and_times_of_every_kind(value, shown):
    """openpyxl gives dates, moments and times of day (a time sits on Excel's day zero, '1900-01-00')."""
    assert format_date(value, "d mmm yyyy h:mm") == shown


@pytest.mark.parametrize(("value", "code"), [
    (datetime(1800, 1, 1), "d mmm yyyy"),  # before Excel's first day: Excel shows ####
    (MOMENT, ";;;"),  # hides the cell: its value still reaches the map
    (MOMENT, '""'),
    (MOMENT, "[Red]"),
    (datetime(9999, 12, 31, 23, 59, 59, 999999), "yyyy-mm-dd h:mm:ss"),  # rounds past the last day
])
def test_what_cannot_be_shown_reads_as_iso_text(value, code):
    assert format_date(value, code) == date_text(value)


def test_a_number_section_of_a_date_code_shows_the_serial():
    assert format_date(MOMENT, "General") == "46027.60434"
    assert format_date(datetime(2026, 1, 5), 'd mmm;;"-"') == "5 Jan"


@pytest.mark.parametrize("code", [
    "d mmm", "yyyy", "h:mm", "[h]:mm", "[mm]:ss", "[ss]", "mm:ss", "hh AM/PM", "[$-409]d-mmm-yy;@", "[Red]dd/mm/yy",
    '"Week "d', *DATE_FORMATS.values(),
])
def test_date_codes(code):
    assert is_date_code(code)


@pytest.mark.parametrize("code", [
    None, "", "General", "0", "0.00", "#,##0", "0%", '0 "days"', '#,##0 "hrs"', '"yyyy"0', "\\d0", "[Red]0.00",
    "[$-409]#,##0.00", "@", '0;"due";"today"', "0.0E+00",
])
def test_number_codes(code):
    """Letters inside quotes, after a backslash and in brackets are shown, not read: '0 "days"' is a number
    ('5 days'), not the date it was taken for."""
    assert not is_date_code(code)


def test_agrees_with_openpyxl_on_what_is_a_date():
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    codes = [*BUILTIN_FORMATS.values(), *(code for _m, code, _s in CASES), '0 "days"', "[Red]0.00", "@"]
    assert [is_date_code(code) for code in codes] == [is_date_format(code) for code in codes]


def test_a_shown_date_is_its_text_and_keeps_its_moment():
    shown = shown_date(datetime(2026, 1, 5), "dd mmm")
    assert shown == "05 Jan" and isinstance(shown, str)
    assert shown.moment == datetime(2026, 1, 5) and shown.iso == "2026-01-05"
    for kept in (copy.copy(shown), copy.deepcopy(shown), pickle.loads(pickle.dumps(shown)), clean_value(shown)):
        assert kept == "05 Jan" and kept.moment == datetime(2026, 1, 5)  # type: ignore[union-attr]
    assert type(as_text(shown)) is str and as_text(shown) == "05 Jan"  # cards get plain text
    assert shown_date(datetime(2026, 1, 5, 9, 30), None) == "2026-01-05 09:30"  # no format: the ISO text
    assert shown_date(timedelta(days=1.5), "[h]:mm") == "36:00"  # openpyxl reads '[h]:mm' cells as spans


def test_a_shown_date_is_cleaned_like_text():
    assert clean_value(ShownDate(" 05\xa0Jan ", date(2026, 1, 5))) == "05 Jan"
    assert clean_value(ShownDate("  ", date(2026, 1, 5))) is None


_PARTS = {"d": "{d}", "dd": "{d:02d}", "ddd": "{a}", "dddd": "{A}", "m": "{m}", "mm": "{m:02d}", "mmm": "{b}",
          "mmmm": "{B}", "yy": "{y2:02d}", "yyyy": "{y:04d}"}


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 30)),
       st.lists(st.tuples(st.sampled_from(sorted(_PARTS)), st.sampled_from(["/", "-", " ", ", ", ". ", ""])),
                min_size=1, max_size=5))
def test_any_code_of_days_months_and_years_shows_the_calendar(moment, parts):
    """A code of day, month and year parts between separators shows what the calendar says (an m next to d or y
    is the month), for any day from 1 March 1900 on."""
    if any(not sep and a[0] == b[0] for (a, sep), (b, _) in zip(parts, parts[1:], strict=False)):
        parts = [(part, sep or " ") for part, sep in parts]  # 'dd' then 'd' would read as one 'ddd'
    code = "".join(part + sep for part, sep in parts)
    fields = {"d": moment.day, "a": moment.strftime("%a"), "A": moment.strftime("%A"), "m": moment.month,
              "b": moment.strftime("%b"), "B": moment.strftime("%B"), "y": moment.year, "y2": moment.year % 100}
    expected = "".join(_PARTS[part].format(**fields) + sep for part, sep in parts).strip()
    assert format_date(moment, code) == expected


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.datetimes(), st.dates(), st.times()),
       st.text(alphabet='dmyhsDMYHS0.:/-, "\\_*[]$<>=@;AMPamp/GeneralRd#?%E+', max_size=30), st.booleans())
def test_any_code_and_any_moment_give_text(value, code, date1904):
    """Never raises, never empty: a code it cannot follow gives the ISO text, so the value reaches the map."""
    shown = format_date(value, code, date1904)
    assert isinstance(shown, str) and shown.strip() and len(shown) <= 400
    assert shown_date(value, code, date1904).moment == value
