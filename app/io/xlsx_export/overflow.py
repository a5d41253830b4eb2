"""Cells too tall for one row: Excel and LibreOffice cap a row at 409 pt and cut the rest of a
wrapped cell, on screen and on paper, without a mark. A lane whose cells would need more is written
over several rows (its label merged over them), each holding the next lines of every cell, so the
printed sheet shows every word.

Each piece but the last ends with "(continued below)" and each but the first starts with "(continued) "
(`card_markers.CONTINUED_BELOW`, `CONTINUED`), so a reader of the printed sheet knows, and the importer
joins the pieces back into one cell, also when the sheet was edited by hand.

Line counts are the exporter's estimate (`cells.line_count`); a chunk is kept to three quarters of
the cap so that a wrap a little different from the estimate still fits.
"""

from __future__ import annotations

import re

from app.io.xlsx_export.card_markers import CONTINUED, CONTINUED_BELOW
from app.io.xlsx_export.cells import CHARS_PER_UNIT, LINE_HEIGHT, MAX_ROW_HEIGHT, line_count

ROW_PADDING = 6.0
_TOKENS = re.compile(r"[^ ]+| +")
CHUNK_LINES = int((MAX_ROW_HEIGHT - ROW_PADDING) * 0.75 / LINE_HEIGHT)


def split_cell(text: str, width: float, max_lines: int = CHUNK_LINES) -> list[str]:
    """`text` as one or more consecutive slices of at most `max_lines` estimated lines each, marked
    where they continue; joining them (`card_markers.join_continued`) gives `text` back exactly."""
    if not text or line_count(text, width) <= max_lines:
        return [text]
    starts = _line_starts(text, max(4, int(width * CHARS_PER_UNIT)))
    step = max(2, max_lines - 2)  # room for the two continuation marks
    bounds = [0, *(cut for cut in starts[step::step] if cut < len(text)), len(text)]
    pieces = []
    for index, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        piece = (CONTINUED if index else "") + text[start:end]
        pieces.append(piece + CONTINUED_BELOW if end < len(text) else piece)
    return pieces


def row_height(texts: list[str], widths: list[float], split: bool) -> float:
    """The height of a lane row; rows of a split lane keep a quarter more room for wrap differences."""
    lines = max([1] + [line_count(text, width) for text, width in zip(texts, widths, strict=True) if text])
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT * (1.25 if split else 1.0) + ROW_PADDING)


def _line_starts(text: str, per_line: int) -> list[int]:
    """Where each line of `text` starts when wrapped greedily at `per_line` characters (a word longer
    than a line is cut), as offsets into `text`."""
    starts: list[int] = []
    offset = 0
    for paragraph in text.split("\n"):
        starts.append(offset)
        used = 0
        for token in _TOKENS.finditer(paragraph):
            word, at = token.group(), offset + token.start()
            if word[0] == " ":
                used += len(word)
                continue
            if used and used + len(word) > per_line:
                starts.append(at)
                used = 0
            while len(word) > per_line:
                at, word = at + per_line, word[per_line:]
                starts.append(at)
            used += len(word)
        offset += len(paragraph) + 1
    return starts


def notes_comment(cards: list) -> str:
    """The comment that shows a cell's card notes: the note itself for one noted card (an importer reads
    it back as that card's note), "card: note" lines for several."""
    noted = [card for card in cards if card.note.strip()]
    if not noted:
        return ""
    if len(noted) == 1 and len(cards) == 1:
        return noted[0].note.strip()
    return "\n\n".join(f"{' '.join(card.text.split())[:80]}: {card.note.strip()}" for card in noted)
