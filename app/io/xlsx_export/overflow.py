"""Cells too tall for one row: Excel and LibreOffice cap a row at 409 pt and cut the rest of a
wrapped cell, on screen and on paper, without a mark. A lane whose cells would need more is written
over several rows (its label merged over them), each holding the next lines of every cell, so the
printed sheet shows every word.

Line counts are the exporter's estimate (`cells.line_count`); a chunk is kept to three quarters of
the cap so that a wrap a little different from the estimate still fits.
"""

from __future__ import annotations

from app.io.xlsx_export.cells import CHARS_PER_UNIT, LINE_HEIGHT, MAX_ROW_HEIGHT, line_count

ROW_PADDING = 6.0
CHUNK_LINES = int((MAX_ROW_HEIGHT - ROW_PADDING) * 0.75 / LINE_HEIGHT)


def split_cell(text: str, width: float, max_lines: int = CHUNK_LINES) -> list[str]:
    """`text` as one or more consecutive pieces of at most `max_lines` estimated lines each."""
    if not text or line_count(text, width) <= max_lines:
        return [text]
    per_line = max(4, int(width * CHARS_PER_UNIT))
    lines: list[tuple[int, str]] = []  # (paragraph, line)
    for number, paragraph in enumerate(text.split("\n")):
        lines += [(number, line) for line in _wrap(paragraph, per_line)]
    pieces = []
    for start in range(0, len(lines), max_lines):
        group = lines[start:start + max_lines]
        parts: list[str] = []
        for index, (number, line) in enumerate(group):
            if index and group[index - 1][0] == number:
                parts[-1] += " " + line
            else:
                parts.append(line)
        pieces.append("\n".join(parts))
    return pieces


def row_height(texts: list[str], widths: list[float], split: bool) -> float:
    """The height of a lane row; rows of a split lane keep a quarter more room for wrap differences."""
    lines = max([1] + [line_count(text, width) for text, width in zip(texts, widths, strict=True) if text])
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT * (1.25 if split else 1.0) + ROW_PADDING)


def _wrap(paragraph: str, per_line: int) -> list[str]:
    """Greedy lines of at most `per_line` characters; a longer word is cut."""
    if not paragraph:
        return [""]
    lines: list[str] = []
    current = ""
    for word in paragraph.split(" "):
        while len(word) > per_line:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:per_line])
            word = word[per_line:]
        if current and len(current) + 1 + len(word) > per_line:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def notes_comment(cards: list) -> str:
    """The comment that shows a cell's card notes: the note itself for one noted card (an importer reads
    it back as that card's note), "card: note" lines for several."""
    noted = [card for card in cards if card.note.strip()]
    if not noted:
        return ""
    if len(noted) == 1 and len(cards) == 1:
        return noted[0].note.strip()
    return "\n\n".join(f"{' '.join(card.text.split())[:80]}: {card.note.strip()}" for card in noted)
