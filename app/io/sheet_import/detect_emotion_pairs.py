"""An emotion curve given as two rows: the scores ('Emotion score': 4, 2, 1) and what they mean ('Emotion note':
curious, anxious about fees...). One curve, each point the row's number with the note's words as its label -- not
two curves, the second one guessed from the feeling words."""

from __future__ import annotations

from app.io.sheet_import.detect_lane_kinds import fold, guess_lane_kind
from app.io.sheet_import.detect_result import Detection, drop_lane
from app.io.sheet_import.report import found
from app.model.enums import LaneKind

_NOTE_WORDS = frozenset({
    "note", "notes", "why", "reason", "reasons", "comment", "comments", "description", "label", "labels",
    "explanation", "because", "context", "nota", "notas", "motivo", "motivos", "razon", "porque", "porqué", "por que",
    "descricao", "descripcion", "comentario", "comentarios", "raison", "pourquoi", "commentaire", "remarque",
    "notiz", "anmerkung", "grund", "warum", "beschreibung", "kommentar", "toelichting", "opmerking", "waarom",
    "reden", "motivazione", "perche", "commento", "примечание", "почему", "комментарий", "理由", "メモ", "備考",
})


def _says_note(name: str) -> bool:
    words = fold(name).replace("(", " ").replace(")", " ").replace("?", " ").replace("¿", " ").split()
    pairs = (" ".join(words[n:n + 2]) for n in range(len(words) - 1))  # 'por que', 'pour quoi'
    return any(word in _NOTE_WORDS for word in words) or any(pair in _NOTE_WORDS for pair in pairs)


def join_score_and_note_rows(detection: Detection) -> None:
    """Two neighbouring emotions lanes, one of numbers only and one of words whose label says it is the note
    (`Emotion note`, `Feeling (why)`, `Emoción - motivo`): the words become the labels of the numbers' points and
    the note lane goes."""
    n = 0
    while n + 1 < len(detection.lanes):
        for scores, notes in ((n, n + 1), (n + 1, n)):
            if _is_pair(detection, scores, notes):
                _join(detection, scores, notes)
                break
        n += 1


def _is_pair(detection: Detection, scores: int, notes: int) -> bool:
    lanes = detection.lanes
    if lanes[scores].kind != LaneKind.EMOTIONS or (lanes[notes].kind != LaneKind.EMOTIONS
                                                   and guess_lane_kind(lanes[notes].name) != LaneKind.EMOTIONS):
        return False  # (a note lane of sentences, not feeling words, was read as text: its name still says emotions)
    if lanes[scores].group != lanes[notes].group or not _says_note(lanes[notes].name) or _says_note(lanes[scores].name):
        return False
    points = [p for p in detection.emotions if p.lane == scores]
    if not points or any(p.unit for p in points) or any(c.lane == scores for c in detection.cards):
        return False
    scored = {p.stage for p in points}
    words = [p for p in detection.emotions if p.lane == notes]
    cards = [c for c in detection.cards if c.lane == notes]
    if any(not p.unit for p in words) or not (words or cards):
        return False  # a note lane of numbers is a second curve
    return all(item.stage in scored for item in (*words, *cards))


def _join(detection: Detection, scores: int, notes: int) -> None:
    points = {p.stage: p for p in detection.emotions if p.lane == scores}
    texts: dict[int, list[str]] = {}
    comments: dict[int, list[str]] = {}
    for point in [p for p in detection.emotions if p.lane == notes]:
        texts.setdefault(point.stage, []).append(point.label or "")
        comments.setdefault(point.stage, []).append(point.note)
    for card in [c for c in detection.cards if c.lane == notes]:
        texts.setdefault(card.stage, []).append(card.text)
        comments.setdefault(card.stage, []).append(card.note)
    for stage, words in texts.items():
        point = points[stage]
        said = "; ".join(w for w in (point.label or "", *words) if w)
        extra = [c for c in comments.get(stage, []) if c]
        if len(said) > _LABEL_MAX:  # a long note is the point's note, whole, rather than a cut label
            extra.insert(0, said)
        else:
            point.label = said or None
        point.note = "\n".join(n for n in (point.note, *extra) if n)
    score_name, note_name = detection.lanes[scores].name, detection.lanes[notes].name
    drop_lane(detection, notes)
    detection.notes.append(found(f"lane {note_name!r} read as the labels of the points of {score_name!r} (one "
                                 "emotion curve, the scores from one row and their words from the other)"))


_LABEL_MAX = 500  # a point's label is short text
