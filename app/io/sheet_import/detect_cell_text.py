"""Reading the text of one cell: stage names, placeholders, marks, lists of items, long labels."""

from __future__ import annotations

import functools
import re
from functools import lru_cache

from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.detect_result import Detection
from app.io.sheet_import.grid import ShownDate, Value, quote_cell

_PLACEHOLDER = re.compile(
    r"^(fill in|fill me in|tbd|tba|todo|to do|n/?a|x{2,}|\.{2,}|-{1,}|\?+|lorem|placeholder|text here|"
    r"your text|add text|enter text|insert text|preencher|rellenar|a completer|ausfullen|da compilare|"
    r"заполнить|\[.*\])$",
    re.IGNORECASE,
)


LETTER = re.compile(r"[^\W\d_]")


MARK = re.compile(r"^[xX✓✔✗☑■●★⭐]$")


COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


VERSION = re.compile(r"^v\d+(\.\d+)*$", re.IGNORECASE)


_ARROWS = re.compile(r"(\s*(>>+|->|→|⟶|➔|➜|▶|►|»|>)\s*)+$|^\s*(>>+|->|→|▶|►|»)\s*")


_BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·*–—-]|\d{1,2}[.)])\s+")


_BROKEN_WORD = re.compile(r"(?<=\w-)\s*\n\s*(?=\w)")  # 'Touch-' at a line's end, 'points' on the next


def one_line(text: str) -> str:
    """A name typed over several lines as one line: a word broken after its hyphen joins again ('Touch-points')."""
    return " ".join(_BROKEN_WORD.sub("", text).split())


def clean_stage_name(text: str) -> str:
    """A stage's name without the arrows drawn around it and the colon after it ('Discover:', 'Buy →')."""
    text = one_line(text)
    previous = None
    while previous != text:
        previous = text
        text = _ARROWS.sub("", text).strip()
    if len(text) > 1 and text[-1] in ":：" and text[-2] not in ":：":
        text = text[:-1].rstrip()
    return text[:500]


def stage_key(name: str, value: Value) -> object:
    """What makes two stage cells the same stage: their names alike ('Awareness', 'AWARENESS'); for dates, the same
    moment too (each day of January shown as 'Jan' is its own stage, as each was when dates read as ISO text)."""
    return (fold(name), value.moment) if isinstance(value, ShownDate) else fold(name)


def is_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.match(text.strip()))


def mostly_text(values: list[tuple[int, Value]]) -> bool:
    numbers = sum(parse_number(v) is not None for _, v in values)
    return numbers * 2 < len(values)


def all_numbers(values: list[tuple[int, Value]]) -> bool:
    return bool(values) and all(parse_number(v) is not None for _, v in values)


@functools.cache
def _label_cut() -> re.Pattern[str]:
    return re.compile(r"\s+(?:e\.\s?g\.?|eg\.|i\.\s?e\.?|for example|\(graphic|-\s)\s*|\n|:\s", re.IGNORECASE)


def short_label(label: str, detection: Detection) -> str:
    """A lane label written as a long instruction ('Painpoints in each step e.g. did you...') -> its head."""
    text = one_line(label)
    if len(text) > 1 and text[-1] in ":：" and text[-2] not in ":：":  # 'Actions:': the colon marks a label
        text = text[:-1].rstrip()
    first, _, rest = label.strip().partition("\n")
    head = " ".join(first.split())
    if rest.strip() and 3 <= len(head) <= 40 and _prompt(rest):  # "Actions\nWhat does the customer do?"
        detection.notes.append(f"lane label shortened to {quote_cell(head, 80)} (the cell says "
                               f"{quote_cell(text, 83)})")
        return head
    if len(text) <= 40:
        return text[:500]
    head = _label_cut().split(label, maxsplit=1)[0].strip(" .,;:-")
    head = " ".join(head.split())
    if len(head) >= 3 and head != text:
        detection.notes.append(f"lane label shortened to {quote_cell(head, 80)} (the cell says "
                               f"{quote_cell(text, 83)})")
        return head[:500]
    if len(text) > 500:
        detection.notes.append(f"lane label shortened to its first 500 characters (the cell says "
                               f"{quote_cell(text, 83)}, {len(text):,} characters)")
    return text[:500]


_PROMPT_WORDS = frozenset({"what", "how", "why", "where", "which", "who", "when", "was", "wie", "warum", "wo", "que",
                           "qué", "como", "cómo", "quoi", "comment", "pourquoi", "wat", "hoe", "waarom", "cosa",
                           "come", "perché", "e.g.", "eg", "z.b.", "ex.", "p.ex."})


def _prompt(text: str) -> bool:
    """Whether the lines under a lane label are a question for whoever fills the map in, not more of its name."""
    words = text.split()
    return bool(words) and (text.rstrip().endswith("?") or words[0].lower().strip("¿¡(") in _PROMPT_WORDS)


@lru_cache(maxsize=4096)
def split_items(text: str) -> tuple[str, ...]:
    """Cell text -> card texts: lines, bullets and ' | ' separators each make a card."""
    if "\n" not in text and " | " not in text:
        return _inline_list(text) or (_BULLET.sub("", text).strip() or text.strip(),)
    return tuple(_split_items(text))


_NUMBER_MARK = re.compile(r"(?:^|(?<=\s))(\d{1,2})([.)])\s+")
_ROUND_BULLETS = "•●▪◦‣"


def _inline_list(text: str) -> tuple[str, ...] | None:
    """A list typed on one line: '1. add to cart 2. pay 3. get the receipt' (the numbers in order, each after a
    space, with the same sign), or '• a • b' (the same round bullet again after a space). None for anything else:
    '1. Go to the 2nd floor' and 'Step 2. Pay' are one item."""
    stripped = text.strip()
    if stripped[:1] in _ROUND_BULLETS and stripped[1:2].isspace():
        sign = stripped[0]
        parts = [p.strip() for p in re.split(rf"(?:^|\s){re.escape(sign)}\s", stripped)]
        parts = [p for p in parts if p]
        return tuple(parts) if len(parts) > 1 else None
    if not stripped[:1].isdigit():
        return None
    cuts: list[tuple[int, int]] = []
    sign = ""
    for match in _NUMBER_MARK.finditer(stripped):
        number, mark = int(match.group(1)), match.group(2)
        if number == len(cuts) + 1 and (not cuts and match.start() == 0 or mark == sign):
            sign = mark
            cuts.append((match.start(), match.end()))
    if len(cuts) < 2:
        return None
    ends = [start for start, _end in cuts[1:]] + [len(stripped)]
    parts = [stripped[end:stop].strip() for (_start, end), stop in zip(cuts, ends, strict=True)]
    return tuple(parts) if all(parts) else None


def _split_items(text: str) -> list[str]:
    lines = text.split("\n")
    if " | " in text or not LETTER.match(text) or _line_without_letter().search(text):
        return _split_lines(text, lines)
    # no separator, every line starts with a letter (most cells): no bullet, each line is an item (or prose)
    parts = [piece for piece in map(str.strip, lines) if piece]
    if len(parts) > 1 and not _looks_like_list(text, lines):
        return [" ".join(parts)]
    return parts


@functools.cache
def _line_without_letter() -> re.Pattern[str]:
    """A line that starts with no letter (`LETTER`): a space, a bullet sign, a digit may start a bullet."""
    return re.compile(r"\n(?![^\W\d_])")


def _split_lines(text: str, lines: list[str]) -> list[str]:
    """Lines, bullets and ' | ' separators each make an item; unbulleted long lines are one item of prose."""
    parts: list[str] = []
    bulleted = False
    for line in lines:
        for piece in line.split(" | ") if " | " in line else (line,):
            # a bullet starts with a space, a bullet sign or a digit: a letter first needs no pattern
            found = None if piece[:1].isalpha() else _BULLET.match(piece)
            if found:
                bulleted = True
                piece = piece[found.end():]
            piece = piece.strip()
            if piece:
                parts.append(piece)
    if len(parts) > 1 and not (bulleted or _looks_like_list(text, lines)):
        # plain wrapped prose (no bullets, no separators): one card
        return [" ".join(parts)]
    return parts


def _looks_like_list(text: str, lines: list[str]) -> bool:
    """Separators, or lines short enough to be items (bullets are seen by `_split_items`, which asks)."""
    if " | " in text or len(text) <= 120 or max(map(len, lines)) <= 120:  # no line longer than 120, blank or not
        return True
    return all(len(line) <= 120 for line in lines if line.strip())


CardText = tuple[str, "str | None", int, "str | None"]
"""A card read from a cell: text, channel, votes, evidence status (the last three from export markers)."""


CELL_CACHE = 1 << 16
"""How many cells' cards `card_items` remembers: a sheet is read several ways (with and without a lane-group
column, both ways round), and each reading asks again for every cell; 4,096 entries forgot a big sheet's
first cells before the next reading came back to them (`detect_grid` empties the cache when it is done)."""


@lru_cache(maxsize=CELL_CACHE)
def card_items(text: str) -> tuple[CardText, ...]:
    """A cell's cards. Cells written by the Excel export (bullets, indented continuation lines,
    '[Website] ' prefixes, ' (+3)' votes and ' [observed]' suffixes) are read back exactly."""
    if "[" not in text and "(+" not in text and not text.startswith(_EXPORT_BULLET):
        return tuple([(piece, None, 0, None) for piece in split_items(text)])  # what `_marked_items` reads
    return _marked_items(text)


_EXPORT_BULLET = "• "
"""`card_markers.BULLET` (the export's, which imports the model): a cell that starts otherwise, with no '[' and
no '(+', holds no marker, and its pieces (parts of its text, or its lines joined by spaces) hold none."""


def _marked_items(text: str) -> tuple[CardText, ...]:
    from app.io.xlsx_export.card_markers import BULLET, split_cell_text, strip_card_markers

    pieces = split_cell_text(text) if text.startswith(BULLET) and "\n" + BULLET in text else split_items(text)
    out = []
    for piece in pieces:
        if "[" in piece or "(+" in piece:
            plain, channel, votes, evidence = strip_card_markers(piece)
            if plain.strip():
                out.append((plain, channel.value if channel else None, votes, evidence.value if evidence else None))
                continue
        out.append((piece, None, 0, None))
    return tuple(out)


PLACEHOLDER = "placeholder"
MARKED = "mark"
UNTICKED = "unticked"


@lru_cache(maxsize=CELL_CACHE)
def cell_reading(text: str) -> tuple[CardText, ...] | str:
    """What a lane cell's text is: `PLACEHOLDER` ('TBD', '...'), `MARKED` (a lone 'x', a tick, TRUE), `UNTICKED`
    (FALSE: a checkbox left empty), or its cards (`card_items`). Remembered like `card_items`, so the second
    reading of a sheet asks nothing again."""
    if is_placeholder(text):
        return PLACEHOLDER
    if MARK.match(text) or text == "TRUE":  # a lone 'x', a tick, a ticked checkbox (Google Sheets, Excel)
        return MARKED
    if text == "FALSE":
        return UNTICKED
    return card_items(text)
