"""A number as Excel shows it under its number format: 0.45 with '0%' -> '45%', 1200 with '"$"#,##0.00'
-> '$1,200.00', -1200 with '#,##0;(#,##0)' -> '(1,200)'.

Only numbers (dates and times are read elsewhere, through `date_text`). Pure Python. `format_number` never
raises: a code it cannot follow, or one that would show nothing, gives the plain number instead, so the
value always reaches the map.
"""

from __future__ import annotations

import functools
import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import NamedTuple

BUILTIN_FORMATS: dict[int, str] = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
    48: "##0.0E+0", 49: "@",
}
"""Excel's built-in number formats by numFmtId (those a workbook may use without writing their code)."""


_PLAIN = "0123456789.-+E"  # the characters of a plain number


class ShownNumber(float):
    """A cell's number that its format shows otherwise ('45%' for 0.45): still the number for every
    calculation and comparison, with `.shown` the text Excel displays and `.scale` what the display
    multiplied the number by (100 per '%', 1/1000 per trailing ',')."""

    shown: str
    scale: float

    def __new__(cls, value: float, shown: str, scale: float = 1.0) -> ShownNumber:
        number = super().__new__(cls, value)
        number.shown = shown
        number.scale = scale
        return number

    def __reduce__(self):  # noqa: ANN204 - copies and pickles keep the text
        return (ShownNumber, (float(self), self.shown, self.scale))

    @property
    def displayed(self) -> float:
        """The number as the reader sees it: 80 for 0.8 shown as '80%'."""
        return float(self) * self.scale


def shown_number(value: float, code: str | None) -> float | ShownNumber:
    """`value` itself when its format shows it as the plain number would read, else a `ShownNumber`."""
    if not code or code.strip().lower() == "general":
        return value
    shown, scale = _render(float(value), code)
    if scale == 1.0 and not shown.strip(_PLAIN) and shown == general(float(value)):
        return value
    return ShownNumber(value, shown, scale)


def format_number(value: float, code: str) -> str:
    """The text Excel shows for `value` under the number format `code`; the plain number when the code
    cannot be followed or would show nothing."""
    return _render(float(value), code)[0]


def general(value: float) -> str:
    """Excel's General: up to 11 characters, integers without '.0', scientific for the very large and small."""
    if value != value or value in (math.inf, -math.inf):
        return str(value)
    value = float(value)
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) < 1e11:
        return str(int(value))
    magnitude = abs(value)
    if 1e-9 <= magnitude < 1e11:
        digits = max(0, 10 - max(1, math.floor(math.log10(magnitude)) + 1))
        text = f"{value:.{min(digits, 15)}f}".rstrip("0").rstrip(".")
        if text.strip("-0.") and len(text.lstrip("-")) <= 11:
            return text
    text = f"{value:.5E}"
    mantissa, exponent = text.split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{exponent[0]}{exponent[1:].lstrip('0').zfill(2)}"


@functools.lru_cache(maxsize=4096)  # a sheet repeats its values (scores 1-5) and codes
def _render(value: float, code: str) -> tuple[str, float]:
    try:
        if value != value or value in (math.inf, -math.inf):
            return general(value), 1.0
        shown, scale = _format(value, code)
        shown = shown.strip()
        if not shown or len(shown) > 400:
            return general(value), 1.0
        return shown, scale
    except (ValueError, ArithmeticError, IndexError, InvalidOperation, OverflowError):
        return general(value), 1.0


# --- sections -----------------------------------------------------------------------------------------------

_CONDITION = re.compile(r"\[(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\]")


@functools.lru_cache(maxsize=512)
def _sections(code: str) -> tuple[str, ...]:
    """The code split at its unquoted, unescaped ';' (at most four sections)."""
    sections, current, i = [], [], 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            end = len(code) - 1 if end < 0 else end
            current.append(code[i:end + 1])
            i = end + 1
            continue
        if ch in "\\_*" and i + 1 < len(code):
            current.append(code[i:i + 2])
            i += 2
            continue
        if ch == "[":
            end = code.find("]", i)
            end = len(code) - 1 if end < 0 else end
            current.append(code[i:end + 1])
            i = end + 1
            continue
        if ch == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    sections.append("".join(current))
    return tuple(sections[:4])


def _condition(section: str) -> tuple[str, float] | None:
    match = _CONDITION.search(section)
    return (match.group(1), float(match.group(2))) if match else None


def _holds(condition: tuple[str, float], value: float) -> bool:
    op, bound = condition
    return {"<": value < bound, ">": value > bound, "=": value == bound, "<=": value <= bound,
            ">=": value >= bound, "<>": value != bound}[op]


def _choose(value: float, sections: tuple[str, ...]) -> tuple[str, bool]:
    """(the section that shows `value`, whether a '-' goes before a negative value). Without conditions:
    positive;negative;zero (the negative section shows no '-' of its own). With conditions ('[>=100]'): the
    first section whose condition holds, else the first one without a condition."""
    numeric = sections[:3]  # a fourth section is for text
    conditions = [_condition(s) for s in numeric]
    if any(conditions):
        for index, section in enumerate(numeric):
            condition = conditions[index]
            if condition is None:
                return section, True
            if _holds(condition, value):
                negative_section = condition[0] in ("<", "<=") and condition[1] <= 0
                return section, not negative_section  # a section for negatives writes its own sign
        raise ValueError("no section matches")  # Excel shows ####: `_render` gives the number
    if len(numeric) == 1 or value > 0 or (value == 0 and len(numeric) == 2):
        return numeric[0], True
    if value < 0:
        return numeric[1], False
    return numeric[2], True


# --- one section --------------------------------------------------------------------------------------------

_PLACEHOLDERS = "0#?"
_LITERAL_CHARS = "$€£¥-+/():!^&'~{}<>= ,%"


def literal_at(section: str, i: int) -> tuple[str | None, int] | None:
    """The literal a format code holds at `i` and the index after it: '"text"' its text, '\\x' x, '_x' a space (x's
    width), '*x' nothing (a fill, nothing to show in a card); None when no literal starts at `i`."""
    ch, n = section[i], len(section)
    if ch == '"':
        end = section.find('"', i + 1)
        end = n if end < 0 else end
        return section[i + 1:end], end + 1
    if i + 1 < n and ch in "\\_*":
        return {"\\": section[i + 1], "_": " ", "*": None}[ch], i + 2
    return None


def _tokens(section: str) -> tuple[tuple[str, str], ...]:
    """(kind, text) tokens: 'lit' (shown as is), 'digit' (0 # ?), 'point', 'comma', 'percent', 'exp', 'slash',
    'general', 'at'."""
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        literal = literal_at(section, i)
        if literal is not None:
            text, i = literal
            if text is not None:
                tokens.append(("lit", text))
        elif ch == "[":
            end = section.find("]", i)
            end = n if end < 0 else end
            tokens.extend(("lit", t) for t in [_bracket(section[i + 1:end])] if t)
            i = end + 1
        elif ch in _PLACEHOLDERS:
            tokens.append(("digit", ch))
            i += 1
        elif ch == ".":
            tokens.append(("point", ch))
            i += 1
        elif ch == ",":
            tokens.append(("comma", ch))
            i += 1
        elif ch == "%":
            tokens.append(("percent", ch))
            i += 1
        elif ch in "eE" and i + 1 < n and section[i + 1] in "+-":
            tokens.append(("exp", section[i:i + 2]))
            i += 2
        elif ch == "/":
            tokens.append(("slash", ch))
            i += 1
        elif section[i:i + 7].lower() == "general":
            tokens.append(("general", section[i:i + 7]))
            i += 7
        elif ch == "@":
            tokens.append(("at", ch))
            i += 1
        else:
            tokens.append(("lit", ch))
            i += 1
    return tuple(tokens)


def _bracket(inner: str) -> str:
    """What a [...] part shows: the symbol of [$€-407] / [$USD]; nothing for colours, conditions, locales."""
    if inner.startswith("$"):
        return inner[1:].split("-", 1)[0]
    return ""


@functools.lru_cache(maxsize=512)
def _section(section: str) -> tuple[tuple[tuple[str, str], ...], frozenset[str], int, _Plan | None]:
    """A section's tokens, their kinds, its number of '%' and its plan, worked out once per section."""
    tokens = _tokens(section)
    kinds = [k for k, _ in tokens]
    plan = _simple_plan(tokens) if "digit" in kinds and not {"exp", "slash", "general", "at"} & set(kinds) else None
    return tokens, frozenset(kinds), kinds.count("percent"), plan


def _format(value: float, code: str) -> tuple[str, float]:
    section, signed = _choose(value, _sections(code))
    tokens, kinds, percents, plan = _section(section)
    if "general" in kinds or ("at" in kinds and "digit" not in kinds):
        number = general(value if signed else abs(value))
        return "".join(number if k in ("general", "at") else t for k, t in tokens if k != "digit"), 1.0
    if "digit" not in kinds:  # only words ("High"; "-" for an accounting zero): what Excel shows
        return "".join(t for k, t in tokens if k in ("lit", "percent")), 1.0
    scale = 100.0 ** percents
    number = abs(value) * scale
    minus = value < 0 and signed
    if plan is not None:  # most codes ('#,##0.00', '0%'): digits together, worked out once
        body, thousands = _planned(number, plan)
        scale /= 1000.0 ** thousands
    elif "exp" in kinds:
        body = _scientific(number, tokens)
    elif "slash" in kinds:
        body = _fraction(number, tokens)
    else:
        body, thousands = _fixed(number, tokens)
        scale /= 1000.0 ** thousands
    if minus:
        body = "-" + body.lstrip()
    return body, scale


def _number_part(tokens: tuple[tuple[str, str], ...]) -> tuple[int, int]:
    """The first and last index of the digit placeholders (with the point and commas between them)."""
    indices = [i for i, (k, _) in enumerate(tokens) if k == "digit"]
    return indices[0], indices[-1]


def _round(number: float, places: int) -> Decimal:
    return Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class _Plan(NamedTuple):
    """A '#,##0.00'-like section worked out once: the text before and after the number, the integer digits
    it always shows (its '0's), whether it groups thousands, its decimals, how many thousands it divides by."""

    before: str
    after: str
    min_digits: int
    grouping: bool
    decimals: int
    thousands: int


def _simple_plan(tokens: tuple[tuple[str, str], ...]) -> _Plan | None:
    """The plan of a section whose digits sit together ('#,##0.00' and such, before and after words or a '%'),
    None for any other ('000-0000', '0.0#', '??0.0?')."""
    first, last = _number_part(tokens)
    number = tokens[first:last + 1]
    point = next((i for i, (k, _) in enumerate(number) if k == "point"), len(number))
    whole, decimals = number[:point], number[point + 1:]
    if any(k not in ("digit", "comma") for k, _ in whole) or any(k != "digit" or t != "0" for k, t in decimals):
        return None
    pattern = "".join(t for k, t in whole if k == "digit")
    if "?" in pattern or "#" in pattern.lstrip("#") or (whole and whole[-1][0] == "comma"):
        return None
    grouping = any(k == "comma" for k, _ in whole)
    if grouping and pattern.count("0") > 1:  # '0,000': padded and grouped, placed digit by digit
        return None
    after = tokens[last + 1:]
    thousands = 0
    while thousands < len(after) and after[thousands][0] == "comma":
        thousands += 1
    if any(k not in ("lit", "percent") for k, _ in (*tokens[:first], *after[thousands:])):
        return None
    return _Plan("".join(t for _, t in tokens[:first]), "".join(t for _, t in after[thousands:]),
                 pattern.count("0"), grouping, len(decimals), thousands)


def _planned(number: float, plan: _Plan) -> tuple[str, int]:
    rounded = _round(number / 1000.0 ** plan.thousands if plan.thousands else number, plan.decimals)
    whole, _, fraction = f"{rounded:f}".partition(".")
    whole = "" if whole == "0" and not plan.min_digits else whole.zfill(plan.min_digits)
    if plan.grouping and len(whole) > 3:
        whole = f"{int(whole):,}"
    return f"{plan.before}{whole}{'.' if plan.decimals else ''}{fraction}{plan.after}", plan.thousands


def _fixed(number: float, tokens: tuple[tuple[str, str], ...]) -> tuple[str, int]:
    """Plain digits: '#,##0.00', '0.0%', '000-0000', '#,##0,' (thousands) -> (text, how many thousands divided)."""
    first, last = _number_part(tokens)
    point = next((i for i, (k, _) in enumerate(tokens) if k == "point" and first <= i), None)
    if point is not None and point > last:
        point = point if all(k != "digit" for k, _ in tokens[last + 1:point]) else None
    int_end = point if point is not None else last + 1
    # commas right after the last placeholder (or before the point) divide by 1000 each; between digits: grouping
    thousands = 0
    j = int_end - 1
    while j > first and tokens[j][0] == "comma":
        thousands += 1
        j -= 1
    if point is None or point < last:
        k = last + 1
        while k < len(tokens) and tokens[k][0] == "comma":
            thousands += 1
            k += 1
    grouping = any(k == "comma" for k, _ in tokens[first:j + 1])
    decimals = [i for i, (k, _) in enumerate(tokens) if k == "digit" and point is not None and i > point]
    scaled = number / 1000.0 ** thousands
    rounded = _round(scaled, len(decimals))
    whole, _, fraction = f"{rounded:f}".partition(".")
    fraction = fraction.ljust(len(decimals), "0")
    int_slots = [i for i in range(first, int_end) if tokens[i][0] == "digit"]
    out = {i: t for i, (k, t) in enumerate(tokens) if k in ("lit", "percent")}
    if point is not None:
        out[point] = "."  # kept when no decimal is shown: '#.##' shows 5 as '5.', as Excel does
    # integer digits right to left; the leftmost placeholder takes every digit left over
    digits = "" if whole == "0" else whole
    placed: list[tuple[int, str]] = []
    rest = digits
    for n, i in enumerate(reversed(int_slots)):
        if n == len(int_slots) - 1:
            chunk, rest = rest, ""
        else:
            chunk, rest = rest[-1:], rest[:-1]
        if not chunk:
            chunk = {"0": "0", "?": " ", "#": ""}[tokens[i][1]]
        placed.append((i, chunk))
    if grouping:
        placed = _grouped(placed)
    for i, chunk in placed:
        out[i] = chunk
    if not int_slots and point is not None:
        out[point] = ("" if whole == "0" else whole) + "."
    # decimals left to right; a trailing zero under '#' is dropped, under '?' it is a space
    shown_decimals = list(fraction[:len(decimals)])
    for n in range(len(decimals) - 1, -1, -1):
        if shown_decimals[n] == "0" and tokens[decimals[n]][1] != "0":
            shown_decimals[n] = "" if tokens[decimals[n]][1] == "#" else " "
        else:
            break
    for i, digit in zip(decimals, shown_decimals, strict=True):
        out[i] = digit
    return "".join(out.get(i, "") for i in range(len(tokens))), thousands


def _grouped(placed: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Thousands separators among the integer digits (`placed` runs right to left)."""
    count = 0
    out = []
    for i, chunk in placed:
        text = ""
        for ch in reversed(chunk):
            if ch.isdigit():
                if count and count % 3 == 0:
                    text = "," + text
                count += 1
            text = ch + text
        out.append((i, text))
    return out


def _scientific(number: float, tokens: tuple[tuple[str, str], ...]) -> str:
    """'0.00E+00', '##0.0E+0' (exponent a multiple of the integer placeholders when they include '#')."""
    at = next(i for i, (k, _) in enumerate(tokens) if k == "exp")
    mantissa_tokens, exp_tokens = tokens[:at], tokens[at + 1:]
    if not any(k == "digit" for k, _ in mantissa_tokens):
        raise ValueError("no mantissa")
    point = next((i for i, (k, _) in enumerate(mantissa_tokens) if k == "point"), len(mantissa_tokens))
    int_slots = [t for k, t in mantissa_tokens[:point] if k == "digit"]
    decimals = sum(1 for k, _ in mantissa_tokens[point:] if k == "digit")
    step = len(int_slots) if "#" in int_slots and len(int_slots) > 1 else 1
    exponent = 0 if number == 0 else math.floor(math.log10(number))
    exponent -= exponent % step
    mantissa = number / 10.0 ** exponent if number else 0.0
    if step == 1 and len(int_slots) > 1:
        exponent -= len(int_slots) - 1
        mantissa = number / 10.0 ** exponent if number else 0.0
    rounded = _round(mantissa, decimals)
    if number and rounded >= Decimal(10) ** max(step, len(int_slots)):
        exponent += step
        rounded = _round(number / 10.0 ** exponent, decimals)
    body, _ = _fixed(float(rounded), mantissa_tokens)
    exp_digits = sum(1 for k, t in exp_tokens if k == "digit" and t == "0") or 1
    sign = "-" if exponent < 0 else "+" if tokens[at][1][1] == "+" else ""
    after = "".join(t for k, t in exp_tokens if k == "lit")
    return f"{body}{tokens[at][1][0].upper()}{sign}{abs(exponent):0{exp_digits}d}{after}"


def _fraction(number: float, tokens: tuple[tuple[str, str], ...]) -> str:
    """'# ?/?', '?/?', '# ??/100': a whole part (when there is one) and the nearest fraction."""
    slash = next(i for i, (k, _) in enumerate(tokens) if k == "slash")
    before, after = tokens[:slash], tokens[slash + 1:]
    denominator_text = "".join(t for k, t in after if k in ("digit", "lit") and (t.isdigit() or t in "#?"))
    fixed = denominator_text.isdigit() and int(denominator_text) > 0
    groups: list[list[str]] = [[]]
    for k, t in before:
        if k == "digit":
            groups[-1].append(t)
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    if not groups or not (fixed or any(k == "digit" for k, _ in after)):
        raise ValueError("not a fraction")
    whole_part = len(groups) >= 2
    whole = math.floor(number) if whole_part else 0
    rest = number - whole
    if fixed:
        denominator = int(denominator_text)
        numerator = int(_round(rest * denominator, 0))
    else:
        limit = 10 ** sum(1 for k, _ in after if k == "digit") - 1
        approx = Fraction(rest).limit_denominator(max(1, limit))
        numerator, denominator = approx.numerator, approx.denominator
    if numerator == denominator and whole_part:
        whole, numerator = whole + 1, 0
    lead = [t for k, t in before if k == "lit"]
    prefix = "".join(lead[:1]) if before and before[0][0] == "lit" else ""
    if whole_part:
        if numerator == 0:
            return f"{prefix}{whole}"
        return f"{prefix}{whole} {numerator}/{denominator}" if whole else f"{prefix}{numerator}/{denominator}"
    return f"{prefix}{numerator}/{denominator}"
