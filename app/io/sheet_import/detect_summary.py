"""Summary columns beside the stages: 'Average', 'Total', 'Notes' at either end of the stage header row, or a
column whose numbers (or formulas) sum up each row, are not stages.

People add them to the sheets they keep: a total or an average score per lane, a column of remarks. Read as a
stage they made a stage nobody walks through (an 'Average' stage with a point on the emotion curve, which also
stretched its scale). They are taken off the ends of the stage row here (by their heading's meaning, or by what
their cells hold and where they sit); `read_lanes` keeps what they hold, per lane, in the map's description.
"""

from __future__ import annotations

import re
import statistics

from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.detect_result import DetectedStage, Detection
from app.io.sheet_import.grid import Value, as_text, cell_name
from app.io.sheet_import.grid_view import GridView
from app.io.sheet_import.number_format import ShownNumber
from app.io.sheet_import.report import guessed

_AGGREGATE_WORDS = frozenset(fold(word) for word in (  # a number made of other numbers
    "average", "avg", "mean", "median", "total", "totals", "subtotal", "sum", "minimum", "maximum",
    "média", "soma", "promedio", "suma", "moyenne", "somme", "durchschnitt", "mittelwert", "summe", "gesamt",
    "insgesamt", "gesamtwert", "totale", "somma", "gemiddelde", "totaal", "среднее", "итого", "итог", "всего",
    "сумма",
))
_LEGEND_WORDS = frozenset(fold(word) for word in ("legend", "key", "legenda", "legende", "leyenda", "легенда"))
"""What the colours (or symbols) mean: a remark column too, its entries read with their colours."""
_NOTE_WORDS = _LEGEND_WORDS | frozenset(fold(word) for word in (  # remarks about the whole line
    "notes", "note", "comments", "comment", "remarks", "remark", "observations", "observações", "notas",
    "comentários", "observaciones", "comentarios", "remarques", "commentaires", "bemerkungen", "anmerkungen",
    "notizen", "kommentare", "commenti", "osservazioni", "opmerkingen", "notities", "commentaar", "примечания",
    "примечание", "комментарии", "заметки",
    # what each lane is for, in a column beside the labels: a remark about the line, never a stage
    "description", "descriptions", "purpose", "definition", "explanation", "descrição", "descripción",
    "beschreibung", "omschrijving", "descrizione", "описание",
))
_WORDS = _AGGREGATE_WORDS | _NOTE_WORDS | frozenset(fold(word) for word in (  # and words of a verdict
    "overall", "score", "scores", "summary", "geral", "resumo", "pontuação", "resumen", "puntuación", "global",
    "globale", "synthèse", "zusammenfassung", "complessivo", "riepilogo", "punteggio", "samenvatting",
))
_CJK_AGGREGATES = ("平均", "合計", "合计", "总计", "總計", "小計", "小计", "평균", "합계")
_CJK_NOTES = ("備考", "备注", "備註", "비고")
_CJK_WORDS = (*_CJK_AGGREGATES, *_CJK_NOTES)
_SIGNS = frozenset({"ø", "⌀", "σ", "∑", "%"})
_AGGREGATE_SIGNS = frozenset({"ø", "⌀", "∑"})
AGGREGATE_FORMULA = re.compile(r"^\s*=?\s*(?:_xlfn\.)?(SUM|AVERAGEA?|MEDIAN|MIN|MAX|COUNTA?|PRODUCT|STDEV\w*)\s*\(",
                               re.IGNORECASE)


def is_summary_heading(name: str) -> bool:
    """'Average', 'Total (€)', 'Overall score', 'Notes', 'Média', 'Gesamt', 'Итого', '合計', 'Ø': a heading
    that sums up or comments on a row, never a stage's name."""
    folded = fold(name)
    if not folded or len(folded) > 40:
        return False
    words = folded.split()
    if words[0] in _WORDS or name.strip().lower() in _SIGNS:
        return True
    return len(words) <= 2 and any(folded.startswith(word) for word in _CJK_WORDS)


def is_note_heading(name: str) -> bool:
    """'Notes', 'Comments', 'Bemerkungen', '備考': remarks, not a total or a verdict."""
    folded = fold(name)
    return bool(folded) and (folded.split()[0] in _NOTE_WORDS or any(folded.startswith(w) for w in _CJK_NOTES))


def names_an_aggregate(name: str) -> bool:
    """'Score (avg)', 'Average satisfaction', 'Total', 'Ø', '合計': a word anywhere in the heading that says its
    numbers are made of other numbers (a total, a mean), not a note or a verdict."""
    folded = fold(name)
    if not folded or len(folded) > 40:
        return False
    return (name.strip().lower() in _AGGREGATE_SIGNS or any(word in _AGGREGATE_WORDS for word in folded.split())
            or any(word in folded for word in _CJK_AGGREGATES))


def peel_summary_columns(view: GridView, header: int, stages: list[DetectedStage], detection: Detection
                         ) -> list[DetectedStage]:
    """The stages without the summary columns at either end of the header row; those become
    `detection.summary_lines` (canonical column -> heading) and the report says so."""
    kept = list(stages)
    peeled: list[tuple[DetectedStage, str]] = []
    for end in (-1, 0):  # the right end first: a 'Total' or 'Notes' column usually follows the stages
        while len(kept) > 1 and len(kept[end].lines) == 1 and kept[end].header is not None:
            why = _why_summary(view, header, kept[end], kept)
            if why is None:
                break
            peeled.append((kept.pop(end), why))
    for stage, why in peeled:
        detection.summary_lines[stage.lines[0]] = stage.name
        detection.summary_why[stage.lines[0]] = (stage.header, why)
    return kept


def _why_summary(view: GridView, header: int, stage: DetectedStage, stages: list[DetectedStage]) -> str | None:
    """Why a stage at an end of the row is a summary column (its heading, or its cells), or None."""
    if is_summary_heading(stage.name):
        return "heads a summary column"
    col = stage.lines[0]
    others = [c for other in stages if other is not stage for c in other.lines]
    summed = formulas = telling = 0
    for r in view.rows:
        if r <= header:
            continue
        formula = view.grid.uncalculated.get(view.orig((r, col)))
        if formula is not None:
            if not AGGREGATE_FORMULA.match(formula):
                return None
            formulas += 1
            continue
        value = view.cells.get((r, col))
        if value is None:
            continue
        number = parse_number(value)
        row = [n for c in others if (v := view.cells.get((r, c))) is not None and (n := parse_number(v)) is not None]
        if number is None or not aggregates(number, row):
            return None
        summed += 1
        telling += number > max(row) or not number.is_integer()  # no score of a stage: a sum, or a mean like 3.33
    if formulas or (summed >= 2 and telling):
        return "sums up each row (its cells are totals, averages or such formulas of the row)"
    return None


def aggregates(number: float, row: list[float]) -> bool:
    """Whether a number is the sum or the mean of a row's numbers (to the two decimals a sheet often shows);
    the smallest or largest would be too often a real stage's score by chance."""
    if len(row) < 2:
        return False
    return any(abs(number - value) <= 0.005 * max(1.0, abs(value)) for value in (sum(row), statistics.fmean(row)))


def keep_summaries(detection: Detection, held: list[tuple[int, int, Value]], view: GridView) -> None:
    """What the summary columns hold beside each lane, as lines of the map's description (no word is lost):
    'Average (column E, not a stage): Emotions: 3; Pain points: 5', and a report line for each column."""
    by_column: dict[int, list[str]] = {col: [] for col in detection.summary_lines}
    fills = view.grid.fills
    for lane, col, value in held:
        name = detection.lanes[lane].name
        plain = isinstance(value, float) and not isinstance(value, ShownNumber)
        text = f"{value:.10g}" if plain else " ".join(as_text(value).split())
        if fold(detection.summary_lines[col]) in _LEGEND_WORDS:  # what a colour means, not a remark on the lane
            row_pos = (col, detection.lanes[lane].line) if view.transposed else (detection.lanes[lane].line, col)
            colour = fills.get(view.orig(row_pos))
            by_column[col].append(f"{text} ({colour})" if colour else text)
            if colour:
                detection.colour_meanings.setdefault(colour, text[:500])
            continue
        by_column[col].append(f"{name}: {text}")
    lines = []
    for col, parts in sorted(by_column.items()):
        where = f"row {col + 1}" if view.transposed else f"column {cell_name(0, col).rstrip('0123456789')}"
        header, why = detection.summary_why[col]
        name = detection.summary_lines[col]
        at = f"{detection.sheet}!{cell_name(*header)}: " if header is not None else ""
        unread = sum(1 for pos in view.grid.uncalculated if (pos[0] if view.transposed else pos[1]) == col)
        kept = (f"its {len(parts)} value(s) beside the lanes are kept in the map's description" if parts else
                f"its {unread} formula(s) have no saved result" if unread else "it holds nothing beside the lanes")
        detection.notes.append(guessed(f"{at}{name!r} {why}, not a stage: {kept}"))
        if parts:
            lines.append(f"{name} ({where}, not a stage): {'; '.join(parts)}")
    if lines:
        detection.description = "\n".join([detection.description, *lines]).strip()
