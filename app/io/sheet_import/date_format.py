"""A date or time as Excel shows it under its number format: 2026-01-05 with 'dd mmm' -> '05 Jan', with
'mmm d, yyyy' -> 'Jan 5, 2026', 14:30 with 'h:mm AM/PM' -> '2:30 PM', a day and a half with '[h]:mm' -> '36:00'.

Pure Python; month and day names in English, or in the language a '[$-407]' locale prefix names
(`date_names.py`: German, French, Spanish, Italian, Portuguese, Dutch).
`format_date` never raises: a code it cannot follow, a moment Excel cannot show (before its first day) or a code
that would show nothing gives the ISO text (`date_text`) instead, so the value always reaches the map.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, time, timedelta

from app.io.sheet_import.date_names import DateNames, names_for
from app.io.sheet_import.number_format import _choose, _sections, format_number, general, literal_at

DATE_FORMATS: dict[int, str] = {
    14: "m/d/yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yyyy h:mm", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0",
}
"""Excel's built-in date and time formats by numFmtId (a workbook uses them without writing their code).

14 and 22 are the system's short date (and time): Excel shows them in the reader's regional format, which the
file does not say. ECMA-376 writes 14 as 'mm-dd-yy' (openpyxl's BUILTIN_FORMATS[14]); Excel in the United States
shows 'm/d/yyyy' ('1/5/2026'), and so does this (and 'm/d/yyyy h:mm' for 22, as LibreOffice does too). ECMA-376's
'mmss.0' for 47 is shown 'mm:ss.0' ('30:15.7')."""

_SYSTEM_FORMATS = {"[$-f800]": "dddd, mmmm d, yyyy", "[$-f400]": "h:mm:ss AM/PM"}
"""Locale codes that mean 'the system's long date' and 'the system's time' whatever code follows them: shown as
in the United States, as 14 is."""

DAY_ZERO = datetime(1899, 12, 30)
"""Serial 0 of Excel's 1900 date system (Excel shows it as '1/0/1900'): a time of day sits on it."""
DAY_ZERO_1904 = datetime(1904, 1, 1)
"""Serial 0 of the 1904 date system (old Mac workbooks)."""

_LEAP_BUG_END = datetime(1900, 3, 1)  # Excel counts a 29 February 1900: its serials before it are a day short


class ShownDate(str):
    """A date or time cell as its sheet shows it ('05 Jan', '2:30 PM'): the text every card and stage name gets,
    with `.moment` the date or time it holds, for code that reads the cell for its meaning (a date is no score,
    whatever digits it shows)."""

    moment: datetime | date | time

    def __new__(cls, shown: str, moment: datetime | date | time) -> ShownDate:
        text = super().__new__(cls, shown)
        text.moment = moment
        return text

    def __reduce__(self):  # noqa: ANN204 - copies and pickles keep the moment
        return (ShownDate, (str(self), self.moment))

    @property
    def iso(self) -> str:
        """The moment as ISO text ('2026-01-05', '14:30'): what the cell read as before it was shown as typed."""
        return date_text(self.moment)


def date_text(value: datetime | date | time) -> str:
    """A date or time cell as a person reads it: '2026-01-31', '09:30', '2026-01-31 09:30' (seconds only when
    set); never a midnight 'T00:00:00' nor Excel's day zero (1899-12-30) before a time of day."""
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        if value.date() in (DAY_ZERO.date(), DAY_ZERO_1904.date()):  # day zero: a time of day
            return _time_text(value.time())
        return f"{value.date().isoformat()} {_time_text(value.time())}"
    if isinstance(value, time):
        return _time_text(value)
    return value.isoformat()


def _time_text(value: time) -> str:
    return value.strftime("%H:%M:%S" if value.second or value.microsecond else "%H:%M")


def excel_moment(serial: float, date1904: bool = False) -> datetime:
    """An Excel date serial as the moment Excel shows, as openpyxl reads it: 1 is 1900-01-01 (Excel's 1900 system
    counts a 29 February 1900 that never was, so serials before 61 are moved a day on), a fraction below 1 a time
    on day zero; to the millisecond. OverflowError beyond the years datetime holds."""
    epoch = DAY_ZERO_1904 if date1904 else DAY_ZERO
    days = serial // 1
    moment = epoch + timedelta(days=days, milliseconds=round((serial - days) * 86_400_000))
    if not date1904 and 1 <= serial < 60:
        moment += timedelta(days=1)
    return moment


def shown_date(value: datetime | date | time | timedelta, code: str | None, date1904: bool = False) -> ShownDate:
    """A date cell's text under its number format (the ISO text when it has none), carrying the moment. A span
    (openpyxl reads a '[h]:mm' cell as one) is the moment that many days after day zero."""
    if isinstance(value, timedelta):
        value = excel_moment(value / timedelta(days=1), date1904)
    if not code or code.strip().lower() == "general":
        return ShownDate(date_text(value), value)
    return ShownDate(format_date(value, code, date1904), value)


def format_date(value: datetime | date | time, code: str, date1904: bool = False) -> str:
    """The text Excel shows for the moment `value` under the number format `code`; `date_text(value)` when the
    code cannot be followed, would show nothing, or the moment lies before Excel's first day."""
    try:
        moment = _as_datetime(value, date1904)
        shown = _render(moment, code, date1904).strip()
        if shown and len(shown) <= 400:
            return shown
    except (ValueError, ArithmeticError, IndexError, OverflowError, TypeError):
        pass
    return date_text(value)


def is_date_code(code: str | None) -> bool:
    """Whether a number format shows a date or time (a d, m, y, h or s outside quotes, escapes and brackets other
    than [h] [m] [s], in its first section), as Excel and openpyxl tell a date cell from a number."""
    if not code:
        return False
    return any(kind in _MOMENT_KINDS for kind, _ in _tokens(_sections(code)[0]))


def _as_datetime(value: datetime | date | time, date1904: bool) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time):
        return datetime.combine((DAY_ZERO_1904 if date1904 else DAY_ZERO).date(), value.replace(tzinfo=None))
    raise TypeError(f"not a date or time: {value!r}")


def _span_micro(moment: datetime, date1904: bool) -> int:
    """The microseconds from day zero to a moment: its Excel serial (`excel_moment` undone) x 86,400,000,000."""
    if date1904:
        span = moment - DAY_ZERO_1904
    else:
        span = moment - DAY_ZERO
        if datetime(1900, 1, 1) <= moment < _LEAP_BUG_END:
            span -= timedelta(days=1)
    return (span.days * 86_400 + span.seconds) * 1_000_000 + span.microseconds


# --- tokens ------------------------------------------------------------------------------------------------

_MOMENT_KINDS = frozenset("ymdhMsHNS")  # H N S: elapsed hours, minutes, seconds ([h] [m] [s])
_TIME_KINDS = frozenset("hMsHNS")
_ELAPSED = re.compile(r"(h+|m+|s+)", re.IGNORECASE)


@functools.lru_cache(maxsize=512)
def _tokens(section: str) -> tuple[tuple[str, str], ...]:
    """(kind, text) tokens of one section: 'lit' (shown as is), 'y' 'm' 'd' 'h' 's' (the letters run), 'M' (minutes),
    'H' 'N' 'S' (elapsed [h] [m] [s]), 'frac' (the 0s of fractional seconds), 'ampm' (AM/PM or A/P as written),
    'general'. An m or mm right after hours or right before seconds is minutes, as in Excel."""
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        lower = ch.lower()
        literal = literal_at(section, i)
        if literal is not None:
            text, i = literal
            if text is not None:
                tokens.append(("lit", text))
        elif ch == "[":
            end = section.find("]", i)
            end = n if end < 0 else end
            inner = section[i + 1:end]
            if _ELAPSED.fullmatch(inner):
                tokens.append(({"h": "H", "m": "N", "s": "S"}[inner[0].lower()], inner))
            elif inner.startswith("$"):  # [$-407] a locale (its month and day names); [$€-407] a currency symbol
                symbol, _, locale = inner[1:].partition("-")
                if symbol:
                    tokens.append(("lit", symbol))
                if locale:
                    tokens.append(("locale", locale))
            i = end + 1  # colours ([Red]) and conditions ([<1]) show nothing
        elif section[i:i + 5].upper() == "AM/PM":
            tokens.append(("ampm", section[i:i + 5]))
            i += 5
        elif section[i:i + 3].upper() == "A/P":
            tokens.append(("ampm", section[i:i + 3]))
            i += 3
        elif lower in "ymdhs":
            end = i
            while end < n and section[end].lower() == lower:
                end += 1
            tokens.append((lower, section[i:end]))
            i = end
        elif ch == "." and i + 1 < n and section[i + 1] == "0" and _after_seconds(tokens):
            end = i + 1
            while end < n and section[end] == "0":
                end += 1
            tokens.append(("frac", section[i + 1:end]))
            i = end
        elif section[i:i + 7].lower() == "general":
            tokens.append(("general", section[i:i + 7]))
            i += 7
        elif ch == "@":
            i += 1  # the text placeholder: a date cell holds no text for it
        else:
            tokens.append(("lit", ch))
            i += 1
    return tuple(_minutes(tokens))


def _after_seconds(tokens: list[tuple[str, str]]) -> bool:
    return bool(tokens) and tokens[-1][0] in ("s", "S")


def _minutes(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """m and mm as minutes where they follow hours or come before seconds (literals between them aside)."""
    moments = [i for i, (kind, _) in enumerate(tokens) if kind not in ("lit", "general")]
    out = list(tokens)
    for place, i in enumerate(moments):
        kind, text = tokens[i]
        if kind != "m" or len(text) > 2:
            continue
        before = tokens[moments[place - 1]][0] if place else ""
        after = tokens[moments[place + 1]][0] if place + 1 < len(moments) else ""
        if before in ("h", "H") or after in ("s", "S"):
            out[i] = ("M", text)
    return out


# --- rendering ---------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=512)
def _plan(section: str) -> tuple[tuple[tuple[str, str], ...], int, bool]:
    """A section's tokens, the microseconds its moment is rounded to (0: it shows no date or time) and whether it
    keeps a 12-hour clock, worked out once per section. A time shown is rounded half up to its last digit (the
    second, or the fraction's last, as Excel does); a date alone is not rounded."""
    system = next((shown for prefix, shown in _SYSTEM_FORMATS.items() if prefix in section.lower()), None)
    tokens = _tokens(system or section)
    kinds = {kind for kind, _ in tokens}
    if not kinds & _MOMENT_KINDS:
        return tokens, 0, False
    places = min(6, max((len(text) for kind, text in tokens if kind == "frac"), default=0))
    return tokens, 10 ** (6 - places) if kinds & _TIME_KINDS else 1, "ampm" in kinds


def _render(moment: datetime, code: str, date1904: bool) -> str:
    micro = _span_micro(moment, date1904)
    if micro < 0:
        raise ValueError("before Excel's first day")  # Excel shows ####
    serial = micro / 86_400_000_000
    section, _signed = _choose(serial, _sections(code))
    tokens, quantum, twelve = _plan(section)
    if not quantum:  # a section of digits or words only ('"none"')
        if not "".join(text for kind, text in tokens if kind in ("lit", "general")).strip():
            raise ValueError("the section shows nothing")  # ';;;' hides the cell: its moment is read instead
        return format_number(serial, section)
    total = (micro + quantum // 2) // quantum * quantum
    shown = moment + timedelta(microseconds=total - micro)
    seconds_total = total // 1_000_000
    year, month, day, weekday = _calendar(shown, seconds_total // 86_400, date1904)
    hour, minute, second = shown.hour, shown.minute, shown.second
    names = names_for(next((text for kind, text in tokens if kind == "locale"), None))
    out: list[str] = []
    for kind, text in tokens:
        width = len(text)
        if kind == "lit":
            out.append(text)
        elif kind == "general":
            out.append(general(serial))
        elif kind == "y":
            out.append(f"{year % 100:02d}" if width <= 2 else f"{year:04d}")
        elif kind == "m":
            out.append(_month(month, width, names))
        elif kind == "d":
            out.append(str(day) if width == 1 else f"{day:02d}" if width == 2 else
                       names.days_short[weekday] if width == 3 else names.days[weekday])
        elif kind == "h":
            shown_hour = (hour % 12 or 12) if twelve else hour
            out.append(str(shown_hour) if width == 1 else f"{shown_hour:02d}")
        elif kind == "M":
            out.append(str(minute) if width == 1 else f"{minute:02d}")
        elif kind == "s":
            out.append(str(second) if width == 1 else f"{second:02d}")
        elif kind in ("H", "N", "S"):
            span = seconds_total // {"H": 3600, "N": 60, "S": 1}[kind]
            out.append(f"{span:0{width}d}")
        elif kind == "frac":
            out.append("." + f"{shown.microsecond:06d}"[:len(text)].ljust(len(text), "0"))
        elif kind == "ampm":
            morning = hour < 12
            if len(text) == 5:
                word = "AM" if morning else "PM"
                out.append(word if text[0].isupper() else word.lower())
            else:
                letter = "A" if morning else "P"
                out.append(letter if text[0].isupper() else letter.lower())
    return "".join(out)


def _month(month: int, width: int, names: DateNames) -> str:
    if width == 1:
        return str(month)
    if width == 2:
        return f"{month:02d}"
    if width == 3:
        return names.months_short[month - 1]
    name = names.months[month - 1]
    return name[0] if width == 5 else name


def _calendar(moment: datetime, day: int, date1904: bool) -> tuple[int, int, int, int]:
    """(year, month, day, weekday 0=Monday) as Excel shows them: in the 1900 system serial 0 is '1900-01-00'
    (a Saturday) and the days before 1 March 1900 fall a weekday early (Excel counts a 29 February 1900)."""
    if not date1904 and day == 0:
        return 1900, 1, 0, 5
    weekday = moment.weekday()
    if not date1904 and moment < _LEAP_BUG_END:
        weekday = (weekday - 1) % 7
    return moment.year, moment.month, moment.day, weekday
