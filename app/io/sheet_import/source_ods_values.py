"""Cell values of an .ods file as their cells show them: numbers, percentages, dates, times and durations
(LibreOffice saves the shown text beside each value; the value stays a number or a date)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from app.io.sheet_import.date_format import ShownDate, date_text
from app.io.sheet_import.number_format import ShownNumber, general

_DAY_ZERO = datetime(1899, 12, 30)
_DURATION = re.compile(r"^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def number(value: str | None, text: str | None) -> Any:
    """A float cell's saved value (a whole number as an int); its text when the value is not a number."""
    try:
        parsed = float(value or "")
    except ValueError:
        return text
    return int(parsed) if parsed.is_integer() and abs(parsed) < 1e15 else parsed


def shown(value: float, text: str, scale: float) -> float | ShownNumber:
    """The number as its cell shows it (LibreOffice saves that text beside the value); itself when shown plainly."""
    if scale == 1.0 and text == general(float(value)):
        return value
    return ShownNumber(value, text, scale)


def date_value(value: str, text: str | None) -> Any:
    """The date as its cell shows it (LibreOffice saves that text beside the ISO value), still the date."""
    try:
        if "T" in value:
            return shown_date(datetime.fromisoformat(value.strip().rstrip("Z")), text)
        return shown_date(date.fromisoformat(value.strip()), text)
    except ValueError:
        return text


def shown_date(moment: datetime | date, text: str | None) -> ShownDate:
    """The cell's shown text ('Jan 31, 2026') carrying the moment; its ISO text when the file saved none."""
    shown = (text or "").strip()
    return ShownDate(shown or date_text(moment), moment)


def time_value(value: str, text: str | None) -> Any:
    """'PT09H30M00S' as its cell shows it ('09:30:00 AM'), else '09:30', as a time of day in an .xlsx reads; a
    duration past a day as Excel counts it."""
    match = _DURATION.match(value.strip())
    if match is None:
        return text
    sign, days, hours, minutes, seconds = match.groups()
    span = timedelta(days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0),
                     seconds=round(float(seconds or 0)))
    try:
        return shown_date(_DAY_ZERO - span if sign else _DAY_ZERO + span, text)
    except OverflowError:
        return text
