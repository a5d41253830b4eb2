"""How cards appear as text in a spreadsheet cell, and how to take the markers off again.

The Excel exporter writes each card of a cell on its own line. A cell with several cards
starts every card with BULLET; a card's continuation lines (text with newlines) are
indented with CONTINUATION instead, so an importer can tell cards from wrapped lines.
Markers, in this order on a card:

    [Website] text of the card [for Maya, Kai] (+3) [observed]
    ^channel prefix            ^personas       ^votes ^evidence

(the personas marker only on a card tied to some of the map's personas, not to all of them)

`strip_card_markers` undoes exactly these, for the importer. No Qt, no openpyxl here.
"""

from __future__ import annotations

import functools
import re

from app.layout.fonts import one_line_break
from app.model.enums import CHANNEL_LABELS, Channel, EvidenceStatus
from app.model.journey import Card, Kpi

EXCEL_CELL_LIMIT = 32_767
"""Excel's longest cell text, in UTF-16 code units."""

BULLET = "• "
CONTINUATION = "  "
CONTINUED_BELOW = "(continued below)"
"""Ends a cell whose text goes on in the next row of its lane (a cell taller than Excel's 409 pt row),
after what joins the two pieces: a line break between paragraphs, a space between words, nothing
inside a word too long for a line."""
CONTINUED = "(continued) "
"""Starts the row that carries on such a cell; the importer joins the pieces back into one cell."""


def join_continued(first: str, rest: str) -> str | None:
    """The text of a cell split over two rows by the Excel export, or None when they are not such a pair."""
    if not rest.startswith(CONTINUED):
        return None
    if not first.endswith(CONTINUED_BELOW):
        return None
    return first.removesuffix(CONTINUED_BELOW) + rest.removeprefix(CONTINUED)


# Characters Excel or XML 1.0 refuse: C0 controls except tab and newline (carriage returns
# are dropped too: XML readers turn them into newlines), lone surrogates, U+FFFE, U+FFFF.
@functools.cache
def _illegal() -> re.Pattern[str]:
    return re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")


_LABEL_TO_CHANNEL = {label: channel for channel, label in CHANNEL_LABELS.items()}


@functools.cache
def _channel_prefix() -> re.Pattern[str]:
    return re.compile(r"^\[(" + "|".join(re.escape(label) for label in CHANNEL_LABELS.values()) + r")\] ")


@functools.cache
def _evidence_suffix() -> re.Pattern[str]:
    return re.compile(r" \[(" + "|".join(s.value for s in EvidenceStatus) + r")\]$")


@functools.cache
def _votes_suffix() -> re.Pattern[str]:
    return re.compile(r" \(\+(\d+)\)$")


def clean_text(text: str) -> tuple[str, int]:
    """`text` without the characters a workbook cannot hold (every line break becomes \\n, `one_line_break`),
    and how many went."""
    text = one_line_break(text)
    if not _illegal().search(text):
        return text, 0
    cleaned = _illegal().sub("", text)
    return cleaned, len(text) - len(cleaned)


def cap_text(text: str, limit: int = EXCEL_CELL_LIMIT) -> tuple[str, bool]:
    """`text` cut to at most `limit` UTF-16 code units (what Excel counts); and whether it was cut."""
    if len(text) <= limit // 2:
        return text, False
    units = len(text.encode("utf-16-le")) // 2
    if units <= limit:
        return text, False
    out = []
    used = 0
    for char in text:
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > limit:
            break
        out.append(char)
        used += size
    return "".join(out), True


def evidence_marker(status: EvidenceStatus) -> str:
    return f" [{status.value}]"


def card_text(card: Card, persona_names: dict[str, str] | None = None) -> str:
    """One card as it reads in a cell: channel prefix, text, personas, votes, evidence (no bullet; not cleaned).
    `persona_names`: persona id -> name, for the personas marker."""
    text = card.text
    if card.channel is not None:
        text = f"[{card.channel.label}] {text}"
    if card.personas and persona_names:
        text += persona_marker([persona_names.get(p, p) for p in card.personas])
    if card.votes:
        text += f" (+{card.votes})"
    if card.evidence is not None:
        text += evidence_marker(card.evidence.status)
    return text


def persona_marker(names: list[str]) -> str:
    return " [for " + ", ".join(" ".join(name.replace(",", " ").replace("]", ")").split()) for name in names) + "]"


@functools.cache
def _personas_suffix() -> re.Pattern[str]:
    return re.compile(r" \[for ([^\[\]\n]+)\]$")


def strip_persona_marker(text: str) -> tuple[str, list[str]]:
    """A card's text (other markers already off) -> (text, the persona names of its marker)."""
    match = _personas_suffix().search(text)
    if not match:
        return text, []
    return text[: match.start()], [name.strip() for name in match.group(1).split(",") if name.strip()]


def cell_text(cards: list[Card], kpis: list[Kpi] | None = None, persona_names: dict[str, str] | None = None) -> str:
    """The cards of one cell, each on its own line; bullets only when there are several.
    In a KPI lane, the stage's KPIs come first, one line each (see `kpi_line`)."""
    entries = [kpi_line(kpi) for kpi in kpis or ()] + [card_text(card, persona_names) for card in cards]
    if len(entries) == 1:
        return entries[0]
    return "\n".join(BULLET + (text.replace("\n", "\n" + CONTINUATION) if "\n" in text else text)
                     for text in entries)


def kpi_line(kpi: Kpi) -> str:
    """"Checkout conversion: 61 / 70 %" (a target to stay under: "90-day churn: 7 / ≤ 5 %")."""
    def number(value: float | None) -> str:
        return "–" if value is None else f"{value:g}"

    text = f"{kpi.name}: {number(kpi.value)}"
    if kpi.target is not None:
        text += " / " + ("" if kpi.higher_is_better else "≤ ") + number(kpi.target)
    return f"{text} {kpi.unit.strip()}".rstrip()


@functools.cache
def _kpi_line() -> re.Pattern[str]:
    return re.compile(r"^(?P<name>[^:\n]{1,500}): (?:-?\d[\d.e+-]*|–)(?: / (?:≤ )?-?\d[\d.e+-]*)?(?: \S.{0,40})?$")


def is_kpi_line(text: str, kpi_names: set[str]) -> bool:
    """Whether a line of a KPI lane's cell is one of the stage's KPIs (which the stage details row
    carries) rather than a card; the importer leaves those out."""
    match = _kpi_line().match(text)
    return bool(match) and match.group("name") in kpi_names


def strip_card_markers(text: str) -> tuple[str, Channel | None, int, EvidenceStatus | None]:
    """One card's text (bullet already removed) -> (text, channel, votes, evidence status)."""
    channel = None
    match = _channel_prefix().match(text)
    if match:
        channel = _LABEL_TO_CHANNEL[match.group(1)]
        text = text[match.end() :]
    evidence = None
    match = _evidence_suffix().search(text)
    if match:
        evidence = EvidenceStatus(match.group(1))
        text = text[: match.start()]
    votes = 0
    match = _votes_suffix().search(text)
    if match:
        votes = int(match.group(1))
        text = text[: match.start()]
    return text, channel, votes, evidence


def split_cell_text(text: str) -> list[str]:
    """Undo `cell_text` for a cell this exporter wrote: the cards' texts, markers still on."""
    lines = text.split("\n")
    if not lines or not lines[0].startswith(BULLET):
        return [text]
    cards: list[list[str]] = []
    for line in lines:
        if line.startswith(BULLET) or not cards:
            cards.append([line.removeprefix(BULLET)])
        else:
            cards[-1].append(line.removeprefix(CONTINUATION))
    return ["\n".join(card) for card in cards]
