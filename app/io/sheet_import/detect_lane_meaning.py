"""Lane kinds from weaker evidence than a keyword at the start of a word, each with the reason said aloud.

`detect_lane_kinds.guess_lane_kind` reads what a label names. When it finds nothing, a lane can still
tell what it is: a compound word whose last part is a keyword ("Kundenaktionen", "klantacties"), cells
that name feelings ("Curioso", "Frustrado", "Feliz") or channels ("Website", "App", "Phone"). Such kinds
are guesses: the import report and the import dialog mark them, so the user looks there first.

Rows (or columns) that rate or source the evidence of the lane beside them -- confidence, source,
priority, owner -- are metadata of that lane's cards, never a lane of their own or a second curve.
"""

from __future__ import annotations

from functools import lru_cache

from app.io.sheet_import.detect_cell_text import is_placeholder
from app.io.sheet_import.detect_cjk import has_cjk
from app.io.sheet_import.detect_emotions import parse_number, word_value
from app.io.sheet_import.detect_lane_kinds import _LANE_KEYWORDS, fold, guess_channel, guess_lane_kind, is_question
from app.io.sheet_import.grid import Value, as_text
from app.model.enums import LaneKind

_INFIX_MIN = 5
"""Shortest keyword looked for inside a compound word ('aktion' in 'kundenaktionen')."""

_INFIXES: list[tuple[str, LaneKind]] = sorted(
    ((fold(word), kind) for kind, words in _LANE_KEYWORDS.items() for word in words
     if " " not in word and len(fold(word)) >= _INFIX_MIN),
    key=lambda pair: -len(pair[0]),
)


_PREFIXES = {"inter", "trans", "counter", "super", "multi", "under", "contra", "intra", "extra", "retro", "micro",
             "macro", "hyper", "ueber", "uber", "unter", "gegen", "wieder"}


def compound_kind(label: str) -> tuple[LaneKind, str] | None:
    """A keyword inside a compound word, the right-most first (the head of a German or Dutch compound
    comes last): 'Kundenaktionen' -> actions. None when no word of the label holds one."""
    best: tuple[int, int, LaneKind, str] | None = None
    for word in fold(label).split():
        if len(word) < _INFIX_MIN + 2:
            continue
        for keyword, kind in _INFIXES:
            at = word.rfind(keyword)
            if at < 4 or word[:at] in _PREFIXES:
                continue  # a prefix ('inter' + 'action') makes a new word, not a compound of two nouns
            rank = (at, len(keyword), kind, keyword)
            if best is None or rank[:2] > best[:2]:
                best = rank
    if best is None:
        return None
    return best[2], f"the word {label!r} contains {best[3]!r}"


def content_kind(values: list[Value]) -> tuple[LaneKind, str] | None:
    """A kind from what a label-less or unknown lane holds: feelings -> emotions, channels -> touchpoints."""
    texts = [as_text(v) for v in values[:60] if not is_placeholder(as_text(v))]  # a sample is evidence enough
    words = [t for t in texts if parse_number(t) is None]
    if len(words) < 2 or len(words) != len(texts):
        return None
    short = [t for t in words if len(t) <= 40 and len(t.split()) <= 4]
    first = "first " if len(values) > 60 else ""
    feelings = [t for t in short if word_value(t) is not None and not _GENERIC.intersection(fold(t).split())]
    if len(feelings) * 3 >= len(words) * 2:
        return LaneKind.EMOTIONS, (f"{len(feelings)} of its {first}{len(words)} cells name feelings "
                                   f"({_sample(feelings)})")
    channels = [t for t in short if guess_channel(t) is not None]
    if len(channels) * 3 >= len(words) * 2:
        return LaneKind.TOUCHPOINTS, (f"{len(channels)} of its {first}{len(words)} cells name channels "
                                      f"({_sample(channels)})")
    return None


_GENERIC = {"good", "bad", "great", "poor", "ok", "okay", "positive", "negative", "normal", "fine", "love", "hate",
            "content", "terrible", "awful", "bom", "mau", "bueno", "malo", "bon", "mauvais", "gut", "schlecht", "buono",
            "cattivo", "goed", "slecht", "хорошо", "плохо", "positivo", "positiva", "negativo", "negativa", "positif",
            "negatif", "positiv", "negativ", "positief", "negatief"}
"""Words that rate anything, not only a feeling: on their own they are no evidence of an emotions lane."""


def _sample(texts: list[str]) -> str:
    shown = ", ".join(texts[:3])
    return shown + (", ..." if len(texts) > 3 else "")


_METADATA: dict[str, tuple[str, ...]] = {
    "confidence": ("confidence", "certainty", "evidence level", "evidence strength", "confianza", "confianca",
                   "fiabilidad", "confiance", "fiabilite", "konfidenz", "sicherheit", "vertrauen", "zekerheid",
                   "betrouwbaarheid", "affidabilita", "certezza", "уверенност", "достоверност", "信頼度", "確度",
                   "置信度", "可信度", "신뢰도"),
    "source": ("source", "sources", "evidence", "data source", "fuente", "fuentes", "fonte", "fontes", "quelle",
               "quellen", "bron", "bronnen", "fonti", "источник", "出典", "情報源", "来源", "출처"),
    "priority": ("priority", "prio", "prioridad", "prioridade", "priorite", "prioritat", "prioriteit", "priorita",
                 "приоритет", "優先度", "优先级", "우선순위"),
    "owner": ("owner", "owners", "responsible", "accountable", "responsable", "responsavel", "verantwortlich",
              "zustandig", "eigenaar", "verantwoordelijk", "responsabile", "ответственн", "担当", "负责人", "담당"),
}


_SINGLE = {fold(name): key for key, names in _METADATA.items() for name in names if " " not in name and name.isascii()}
_MULTI = [(fold(name), key) for key, names in _METADATA.items() for name in names if " " in name]
_OTHER = [(name, key) for key, names in _METADATA.items() for name in names if not name.isascii()]


@lru_cache(maxsize=4096)
def metadata_key(label: str) -> str | None:
    """'Confidence (1-3)', 'Source', 'Prioridad', 'Owner' -> the metadata it is; None for anything else
    (and for labels that name a lane kind: "Sources of frustration", "Priority opportunities" are lanes)."""
    folded = fold(label)
    if not folded or len(folded) > 40:
        return None
    key = next((k for name, k in _MULTI if folded == name or folded.startswith(name + " ")), None)
    if key is None:
        key = _SINGLE.get(folded.split()[0])
    if key is None and has_cjk(folded):
        key = next((k for name, k in _OTHER if name in folded), None)
    if key is None and not folded.isascii():
        key = next((k for name, k in _OTHER if folded.split()[0].startswith(name)), None)
    if key is None or is_question(label, folded) or guess_lane_kind(label) != LaneKind.TEXT:
        return None
    return key


def metadata_values(values: list[Value]) -> bool:
    """Whether a row's values read as ratings or short tags (3, 'High', 'Interviews'), not as card text."""
    return all(len(as_text(v)) <= 40 and len(as_text(v).split()) <= 4 for v in values)


_REMARK_LABELS = frozenset(fold(word) for word in (
    "observations", "observation", "notes", "note", "comments", "comment", "remarks", "insights", "insight",
    "findings", "quotes", "quote", "verbatims", "research notes", "observações", "observaciones", "notas",
    "remarques", "beobachtungen", "notizen", "osservazioni", "наблюдения", "заметки",
))


def names_remarks(label: str) -> bool:
    """A label saying the lane holds remarks (Observations, Notes, Insights): what its cells mention (a channel,
    a feeling) is what they are about, not what kind of lane it is."""
    return fold(label).strip(" :") in _REMARK_LABELS
